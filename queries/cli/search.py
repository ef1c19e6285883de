"""``hemicycle search``: full-text search of the store's questions, deputies, groups, ministries, rubriques,
court decisions and texts of law, in the index beside the store; ``--rebuild`` builds that index whole."""
from __future__ import annotations

import json
import sys

from hemicycle.ingest.search.build import rebuild
from hemicycle.ingest.search.index import TYPES, index_path
from hemicycle.ingest.store import GraphStore, store_path
from hemicycle.ontology.errors import StoreError, UsageError
from hemicycle.ontology.iris import BASE_ENV, Minter
from hemicycle.queries.cli.options import store_arg
from hemicycle.queries.search import Results, request_from, search_store
from hemicycle.queries.search.request import KINDS, MAX_PER_PAGE, PER_PAGE, SORTS, STATUSES

BOLD, PLAIN = "\033[1m", "\033[0m"


def add(commands) -> None:
    """Add this module's command to the parser's sub-commands."""
    p = commands.add_parser(
        "search", help="full-text search of questions, answers, deputies, groups, ministries, decisions, laws",
        description="Search the words of the questions and answers, their analyses and rubriques, and the names "
                    "of deputies, groups, ministries, court decisions and texts of law, French-wise: accents, "
                    "case and elisions aside, every form of a word (\"agricole\" finds \"agricoles\"); ranked by "
                    "relevance (a word of a title counts more than one of a text). The index lives beside the "
                    "store (search.sqlite): 'hemicycle ingest' keeps it up to date, --rebuild builds it whole.",
        epilog="Exit status: 0 done (also when nothing matched); 2 bad usage or input (an unknown status, a bad "
               "date, a filter naming nothing known), no store, no search index (run 'hemicycle search "
               "--rebuild'), or an index that could not be written (the index as it was stays).")
    store_arg(p)
    p.add_argument("text", nargs="?", metavar="TEXT",
                   help='the words, all of which a result holds; "a phrase", word* (the words starting so), '
                        "-word (none of it), a OR b")
    p.add_argument("--legislature", metavar="N", help="only what belongs to legislature N")
    p.add_argument("--kind", metavar="KIND", help=f"only questions of this kind ({', '.join(KINDS)})")
    p.add_argument("--group", metavar="GROUP", help="only questions of this political group (and deputies who "
                   "sat in it): an abbreviation (RN), a uid (PO800520), a label or an IRI")
    p.add_argument("--ministry", metavar="MINISTRY", help="only questions to or attributed to this ministry")
    p.add_argument("--rubrique", metavar="RUBRIQUE", help="only questions under this rubrique")
    p.add_argument("--status", metavar="STATUS", help=f"only questions in this state ({', '.join(STATUSES)})")
    p.add_argument("--since", metavar="DATE", help="only what is dated on or after DATE (YYYY-MM-DD, YYYY-MM, YYYY)")
    p.add_argument("--until", metavar="DATE", help="only what is dated on or before DATE")
    p.add_argument("--type", metavar="TYPE", help=f"only this type of result ({', '.join(TYPES)})")
    p.add_argument("--sort", metavar="ORDER", help=f"{', '.join(SORTS)} (default relevance)")
    p.add_argument("--page", metavar="N", help="which page of results (default 1)")
    p.add_argument("--per-page", metavar="N", help=f"results a page (default {PER_PAGE}, at most {MAX_PER_PAGE})")
    p.add_argument("--format", choices=("text", "json"), default="text",
                   help="a readable list (default), or JSON as GET /api/search answers")
    p.add_argument("--rebuild", action="store_true",
                   help="build the search index whole first (TEXT may then be left out)")
    p.add_argument("--base", help=f"IRI base of the store's IRIs (default: ${BASE_ENV}, else {Minter().base})")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(run=cmd_search)


def cmd_search(args) -> int:
    path = store_path(args.store)
    if args.rebuild:
        if not path.is_dir():
            raise StoreError(f"{path}: no store here (build one with 'hemicycle ingest')")
        outcome = rebuild(GraphStore(path, read_only=True), index_path(path), progress=False if args.quiet else None)
        print(outcome.summary(), file=sys.stderr)
        if not args.text:
            return 0
    if not args.text:
        raise UsageError("search needs the TEXT to search for (or --rebuild)")
    if not path.is_dir():
        raise StoreError(f"{path}: no store here (build one with 'hemicycle ingest')")
    asked = request_from({"q": args.text, "legislature": args.legislature, "kind": args.kind, "group": args.group,
                          "ministry": args.ministry, "rubrique": args.rubrique, "status": args.status,
                          "since": args.since, "until": args.until, "type": args.type, "sort": args.sort,
                          "page": args.page, "per_page": args.per_page})
    results = search_store(path, asked, Minter(args.base))
    if args.format == "json":
        json.dump(results.as_json(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(readable(results, marks=(BOLD, PLAIN) if sys.stdout.isatty() else ("[", "]")))
    sys.stdout.flush()
    return 0


def readable(results: Results, marks: tuple[str, str] = ("[", "]")) -> str:
    """The results as a list to read: title; type, kind and number, legislature, date, status, detail; the
    snippet with its matches between ``marks``; the IRI."""
    asked = results.request
    count = f"{results.total:,} result{'s' if results.total != 1 else ''} for {asked.text!r}"
    if results.pages > 1:
        count += f" (page {asked.page} of {results.pages})"
    lines = [count]
    first = (asked.page - 1) * asked.per_page + 1
    for number, hit in enumerate(results.hits, first):
        about = [hit.type + (f" {hit.kind} {hit.number}" if hit.kind else "")]
        if hit.legislatures:
            about.append("legislature " + ", ".join(map(str, hit.legislatures)))
        about += [x for x in (hit.date, hit.status, hit.detail) if x]
        lines += ["", f"{number}. {hit.label}", "   " + " · ".join(about)]
        if hit.snippet.text:
            lines.append("   " + "".join(f"{marks[0]}{text}{marks[1]}" if marked else text
                                         for text, marked in hit.snippet.parts()))
        lines.append(f"   {hit.iri}")
    if not results.hits and results.total:
        lines.append(f"(no result on page {asked.page})")
    return "\n".join(lines) + "\n"
