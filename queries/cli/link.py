"""``hemicycle link wikidata``: link the store's deputies and their constituencies to Wikidata, and the
deputies to their HATVP and NosDéputés pages (:mod:`hemicycle.ingest.links.wikidata`)."""
from __future__ import annotations

import os
import sys
from pathlib import Path

from tqdm import tqdm

from hemicycle.ingest.links.endpoint import CONTACT, WIKIDATA_QUERY_SERVICE, SparqlEndpoint
from hemicycle.ingest.links.wikidata import link_wikidata, store_persons
from hemicycle.ingest.store import GraphStore
from hemicycle.ontology.errors import SourceError, UsageError
from hemicycle.ontology.iris import BASE_ENV, Minter
from hemicycle.queries.cli.options import store_arg

ENDPOINT_ENV = "HEMICYCLE_WIKIDATA_ENDPOINT"
CONTACT_ENV = "HEMICYCLE_CONTACT"


def add(commands) -> None:
    """Add ``link`` to the parser's sub-commands."""
    p = commands.add_parser("link", help="link the store's deputies and constituencies to another dataset")
    targets = p.add_subparsers(dest="target", required=True, metavar="TARGET")
    w = targets.add_parser(
        "wikidata", help="link deputies and constituencies to Wikidata, deputies to their HATVP and NosDéputés pages",
        description="Ask a SPARQL endpoint in Wikidata's RDF model (the Wikidata Query Service by default) for the "
                    "items that carry the Assemblée identifiers (P4123) of the store's deputies, in batches, "
                    "politely; or read a saved answer of the same query (--from-results). Each deputy is linked "
                    "to its item (owl:sameAs), to its HATVP and NosDéputés pages (rdfs:seeAlso), and each "
                    "constituency to its item where Wikidata gives it for the deputy's term (P768). A deputy "
                    "matched by two items, or an item by two deputies, is reported and not linked. The links "
                    "go into a graph of their own with the run that made them; a run that finds the same links "
                    "writes nothing.",
        epilog="Exit status: 0 done; 2 bad usage, an answer that cannot be read, or an endpoint that did not "
               "answer or refused the query (nothing is written); 3 the store could not be written.")
    store_arg(w)
    source = w.add_mutually_exclusive_group()
    source.add_argument("--endpoint", metavar="URL",
                        help=f"the SPARQL endpoint (default: ${ENDPOINT_ENV}, else {WIKIDATA_QUERY_SERVICE})")
    source.add_argument("--from-results", metavar="FILE", type=Path,
                        help="a saved SPARQL JSON answer of the same query, instead of an endpoint")
    w.add_argument("--legislature", type=int, metavar="L", help="only the deputies of this legislature")
    w.add_argument("--batch", type=int, default=200, metavar="N", help="identifiers a query (default 200)")
    w.add_argument("--timeout", type=float, default=60.0, metavar="S", help="seconds a query may take (default 60)")
    w.add_argument("--contact", default=None,
                   help=f"how the endpoint's operators can reach you, in the User-Agent (default: ${CONTACT_ENV}, "
                        f"else {CONTACT})")
    w.add_argument("--base", help=f"IRI base of the store's IRIs (default: ${BASE_ENV}, else {Minter().base})")
    w.add_argument("--quiet", action="store_true", help="no progress bar")
    w.set_defaults(run=cmd_link_wikidata)


def cmd_link_wikidata(args) -> int:
    if args.batch < 1:
        raise UsageError("--batch must be 1 or more")
    iris = Minter(args.base)
    store = GraphStore(args.store)
    if args.from_results is not None:
        try:
            data = args.from_results.read_bytes()
        except OSError as error:
            raise SourceError(f"{args.from_results}: {error.strerror}") from None
        report = link_wikidata(store, iris, results=(str(args.from_results), data), legislature=args.legislature)
    else:
        url = args.endpoint or os.environ.get(ENDPOINT_ENV) or WIKIDATA_QUERY_SERVICE
        contact = args.contact or os.environ.get(CONTACT_ENV) or CONTACT
        persons = store_persons(store, args.legislature)
        with SparqlEndpoint(url, contact=contact, timeout=args.timeout) as endpoint, \
                tqdm(total=len(persons), unit=" deputies", disable=args.quiet or None, file=sys.stderr) as bar:
            report = link_wikidata(store, iris, endpoint=endpoint, legislature=args.legislature,
                                   batch=args.batch, progress=bar.update, persons=persons)
    print(report.summary())
    return 0
