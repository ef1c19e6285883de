"""The browsing pages: deputies, groups, ministries, rubriques, cited decisions and texts of law, and questions
filtered in any combination, each a table with its count, its sortable columns and its pages, for people who
write no SPARQL.

Each list is one page query (``queries/sparql/pages/browse-*.rq``, see :mod:`.browse_query`) run through the
application's query runner, so that the server's timeout and result cap apply. What a request gives reaches the
query as typed RDF terms only: a filter named as people name things (a uid, an abbreviation, a name, a
département's code, a status word) is resolved first (:mod:`hemicycle.queries.names`, :func:`.browse_lists.readable`);
the order is one of those the query lists; the page is a number. A parameter the list does not take, given twice,
or of the wrong type is answered 400 with a sentence saying so.
"""
from __future__ import annotations

from urllib.parse import urlencode

import anyio.to_thread
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from hemicycle.ontology.errors import ParameterError, RunnerError
from hemicycle.queries import names
from hemicycle.queries.web import browse_query, i18n, pages
from hemicycle.queries.web.browse_lists import (CHOICE_KINDS, GOVERNMENT_TITLE, LISTS, BrowseList, Choice, choice,
                                                named_choice, readable)
from hemicycle.queries.web.i18n import N_
from hemicycle.queries.web.page_data import Row, ordinal, plain

MAX_PAGE = 100_000
IGNORED = {"lang"}  # the language switch's parameter, read by the pages' renderer
OPTION_KINDS = ("legislature", "group", "department", "government", "court", "textType")


class Listing:
    """One page of a list as the templates show it: its rows, its count, its order, and the links to other pages
    and orders (the request's own parameters, one changed)."""

    def __init__(self, spec: BrowseList, given: dict[str, str], sort: str, page: int, rows: list[Row],
                 total: int | None):
        self.spec, self.given, self.sort, self.page, self.rows = spec, given, sort, page, rows
        self.total = total if total is not None else 0
        self.first = (page - 1) * spec.page_size + 1
        self.last = self.first + len(rows) - 1
        self.pages = max(1, -(-self.total // spec.page_size))
        self.default_sort = browse_query.read(spec.query).sorts[0].key

    def url(self, **changes) -> str:
        """This list with some parameters changed (None removes one); a new filter or order starts at page 1."""
        params = {**self.given, "sort": self.sort, "page": str(self.page)}
        if "page" not in changes:
            params.pop("page")
        params.update(changes)
        defaults = {"sort": self.default_sort, "page": "1"}
        kept = {k: v for k, v in params.items() if v not in (None, "") and defaults.get(k) != v}
        return self.spec.path + ("?" + urlencode(kept) if kept else "")

    def sort_url(self, key: str) -> str:
        """The link of a column's header: its order, or the reverse when the list is in that order already."""
        return self.url(sort=("-" + key) if self.sort == key else key)

    def sorted_as(self, key: str) -> str | None:
        """``"ascending"`` or ``"descending"`` for the column the list is sorted by (its ``aria-sort``), else None."""
        order = next((s.order for s in browse_query.read(self.spec.query).sorts if s.key == self.sort), "")
        if self.sort.lstrip("-") != key:
            return None
        return "descending" if order.startswith("DESC") else "ascending"

    @property
    def previous(self) -> str | None:
        return self.url(page=str(self.page - 1)) if self.page > 1 else None

    @property
    def next(self) -> str | None:
        return self.url(page=str(self.page + 1)) if self.last < self.total else None


def read_request(request: Request, spec: BrowseList, minter) -> tuple[dict[str, str], dict[str, str], str, int]:
    """(the filters as given, the filters as the query takes them, the sort key, the page number) of a request;
    ParameterError for a parameter the list does not take, one given twice, a page that is not a number."""
    query = browse_query.read(spec.query)
    known = {p.name for p in query.query.params}
    seen: dict[str, str] = {}
    for key, value in request.query_params.multi_items():
        if key in IGNORED:
            continue
        if key not in known | {"sort", "page"}:
            raise ParameterError(f"{spec.path} takes no parameter {key!r} "
                                 f"(it takes: {', '.join(sorted(known | {'sort', 'page'}))})")
        if key in seen:
            raise ParameterError(f"parameter {key} is given twice")
        seen[key] = value.strip()
    sort = seen.pop("sort", "") or query.sorts[0].key
    query.sort(sort)  # a key the list does not offer: ParameterError
    page_text = seen.pop("page", "") or "1"
    if not page_text.isdigit() or not 1 <= int(page_text) <= MAX_PAGE:
        raise ParameterError(f"page: {page_text!r} is not a page number (1, 2, 3…)")
    given = {k: v for k, v in seen.items() if v}
    bound = {k: readable(k, v, minter) for k, v in given.items()}
    if spec.path == "/ministries" and not {"legislature", "government"} & set(bound):
        bound["legislature"] = "latest"  # by government or by legislature; by default, the latest legislature
    return given, bound, sort, int(page_text)


def gather(runner, minter, spec: BrowseList, bound: dict[str, str], sort: str, page: int, lang: str,
           latest: str | None = None) -> dict:
    """The rows of one page and what the template shows with them (blocks: the runner does). ``latest``: the
    latest legislature of the seats, when the options gave it (else that of the questions is asked)."""
    query = browse_query.read(spec.query)
    latest_of = (lambda: int(latest)) if latest else names.runner_latest(runner)
    substitutions = query.bind(bound, names.runner_names(runner, minter), latest_of)
    active = {name for name in bound}
    text = query.text_for(active, sort, spec.page_size, (page - 1) * spec.page_size)
    rows = [Row((key, plain(value)) for key, value in row.items()) for row in runner.select(text, substitutions)]
    total = int(rows[0]["total"]) if rows and rows[0]["total"] is not None else (len(rows) if rows else None)
    values = {name.value: plain(term) for name, term in substitutions.items()}
    return {"rows": spec.prepare(rows, lang), "total": total, "values": values}


def options(runner, kinds: tuple[str, ...], legislature: str | None, lang: str) -> dict[str, list[Choice]]:
    """The choices of the filters (browse-options.rq) of the kinds asked, and the latest legislature; the groups
    and départements of the legislature given or the latest."""
    query = browse_query.read("browse-options")
    given = {"legislature": legislature} if legislature and legislature.isdigit() else {}
    found: dict[str, list[Choice]] = {kind: [] for kind in OPTION_KINDS}
    for row in runner.select(query.text_for(set(kinds), None, 0, 0), query.bind(given)):
        row = Row((key, plain(value)) for key, value in row.items())
        if row["value"] is not None:
            found.setdefault(row["kind"], []).append(choice(row, lang))
    return found


def resolve(runner, bound: dict[str, str], choices: dict[str, list[Choice]]) -> dict[str, str]:
    """Filters given by name, made IRIs where a quick look-up finds them: a group, département, government or
    court among the filters' choices, an author among the people's names (browse-called.rq). What is left goes
    to :mod:`hemicycle.queries.names` (slower: it reads every label)."""
    resolved = dict(bound)
    for name, text in bound.items():
        if names.IRI.match(text) or any(pattern.match(text) for pattern, _ in names.UIDS):
            continue
        found = named_choice(choices.get(CHOICE_KINDS.get(name, ""), []), text)
        if name == "author":
            query = browse_query.read("browse-called")
            people = [plain(row["person"]) for row in runner.select(query.query.text, query.bind({"text": text}))]
            found = people[0] if len(people) == 1 else None
        if found:
            resolved[name] = found
    return resolved


def heading(spec: BrowseList, values: dict[str, str | None], choices: dict[str, list[Choice]], lang: str) -> str:
    """The page's title, in the request's language."""
    if spec.path == "/ministries" and values.get("government") and not values.get("legislature"):
        name = next((c.label for c in choices.get("government", []) if c.iri == values["government"]),
                    values["government"].rsplit("/", 1)[-1])
        return i18n.gettext(lang, GOVERNMENT_TITLE) % {"government": name}
    legislature = values.get("legislature")
    return i18n.gettext(lang, spec.title) % {"legislature": ordinal(legislature, lang) if legislature else "?"}


def bad_request(request: Request, error: Exception) -> Response:
    return pages.render(request, "error.html", {"title": N_("This list cannot be shown"), "message": str(error)},
                        400)


def view(spec: BrowseList):
    async def endpoint(request: Request) -> Response:
        lang = i18n.language(request)
        minter, runner = request.app.state.minter, request.app.state.runner
        try:
            given, bound, sort, page = read_request(request, spec, minter)
        except ParameterError as error:
            return bad_request(request, error)

        def build() -> tuple[dict, dict]:
            choices = options(runner, spec.options, given.get("legislature"), lang) if spec.options else {}
            latest = next((c.value for c in choices.get("latest", [])), None)
            return choices, gather(runner, minter, spec, resolve(runner, bound, choices), sort, page, lang, latest)

        try:
            choices, found = await anyio.to_thread.run_sync(build)
        except ParameterError as error:
            return bad_request(request, error)
        except RunnerError as error:
            return pages.error_page(request, error)
        listing = Listing(spec, given, sort, page, found["rows"], found["total"])
        values = found["values"]
        return pages.render(request, spec.template, {
            "title": heading(spec, values, choices, lang), "listing": listing, "given": given, "values": values,
            "choices": choices, "kind": "browse"})
    endpoint.__name__ = "browse_" + spec.path.strip("/")
    return endpoint


def routes() -> list[BaseRoute]:
    """``/deputies``, ``/groups``, ``/ministries``, ``/rubriques``, ``/decisions``, ``/laws``, ``/questions``."""
    return [Route(spec.path, view(spec), methods=["GET"], name="browse_" + spec.path.strip("/")) for spec in LISTS]

