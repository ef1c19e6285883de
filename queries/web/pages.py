"""HTML pages: one for each resource of the graph (a question, a deputy, an organ, a cited decision or text of
law, anything else), each embedding its JSON-LD; the front page at ``/`` and the query page at ``/query``
(rendered by :mod:`.templating`).

Every page is filled by the SPARQL of ``queries/sparql/pages/*.rq`` (each with a header like the named queries'), run
through the application's query runner, so that the server's timeout and result cap apply, with parameters bound
as typed RDF terms. :mod:`.linked_data` decides when a page is wanted; :mod:`.page_data` gathers what each page
shows.
"""
from __future__ import annotations

from importlib import resources

import anyio.to_thread
from pyoxigraph import Triple
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from hemicycle.ontology.errors import RunnerError
from hemicycle.ontology.terms import FOAF, HM, ORG, RDF
from hemicycle.queries.web import i18n, linked_data, page_data, query_page, sparql
from hemicycle.queries.web.i18n import N_
from hemicycle.queries.web.templating import render

FOLDER = resources.files(__package__)
RDF_TYPE = RDF.type.value

# rdf:type -> the template that shows it (first match in this order wins)
PAGE_KINDS = [
    ({c.value for c in (HM.WrittenQuestion, HM.GovernmentQuestion, HM.OralQuestion, HM.ParliamentaryQuestion)},
     "question"),
    ({FOAF.Person.value}, "person"),
    ({c.value for c in (ORG.Organization, HM.Ministry, HM.UnresolvedMinistry)}, "organ"),
    ({HM.CourtDecision.value, HM.LegalText.value}, "cited"),
]


def page_kind(iri: str, triples: list[Triple]) -> str:
    types = {t.object.value for t in triples if t.subject.value == iri and t.predicate.value == RDF_TYPE}
    for classes, kind in PAGE_KINDS:
        if types & classes:
            return kind
    return "resource"


async def resource_page(request: Request, iri: str, triples: list[Triple]) -> Response:
    """The HTML page of a resource the store knows, by its kind, with its description as JSON-LD."""
    kind = page_kind(iri, triples)
    runner = request.app.state.runner
    gather = getattr(page_data, kind)
    try:
        context = await anyio.to_thread.run_sync(lambda: gather(runner, iri, i18n.language(request)))
    except RunnerError as error:
        return error_page(request, error)
    path = linked_data.server_path(iri, request.app.state.minter.base) or ""
    context.update(iri=iri, kind=kind, path=path, jsonld=linked_data.jsonld_text(triples, for_html=True))
    return render(request, f"{kind}.html", context)


def not_found(request: Request, iri: str) -> HTMLResponse:
    return render(request, "not_found.html", {"iri": iri, "title": N_("Not found")}, 404)


def error_page(request: Request, error: Exception) -> HTMLResponse:
    """A page saying why the page could not be made: the query timeout, the result cap, an unreadable store."""
    status, headers = sparql.error_status(error)
    page = render(request, "error.html", {"title": N_("This page could not be made"), "message": str(error)}, status)
    page.headers.update(headers)
    return page


async def home(request: Request) -> Response:
    """The front door: the search box, the lists to browse, the counts per legislature, the ways to query."""
    runner = request.app.state.runner
    try:
        counts = await anyio.to_thread.run_sync(lambda: page_data.named_rows(runner, "legislature-counts"))
    except RunnerError as error:
        return error_page(request, error)
    return render(request, "home.html", {"title": N_("Parliamentary questions as a graph"), "counts": counts})


async def query_page_view(request: Request) -> Response:
    return render(request, "query.html", query_page.context(request))


def routes() -> list[BaseRoute]:
    """The front page at ``/``, the query page at ``/query``, its results route and the static files."""
    return [
        Route("/", home, methods=["GET"], name="home"),
        Route("/query", query_page_view, methods=["GET"], name="query_page"),
        *query_page.routes(),
        Mount("/static", app=StaticFiles(directory=str(FOLDER / "static")), name="static"),
    ]
