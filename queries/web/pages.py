"""HTML pages: one for each resource of the graph (a question, a deputy, an organ, a cited decision or text of
law, anything else), each embedding its JSON-LD, and the query page at ``/``.

Every page is filled by the SPARQL of ``queries/sparql/pages/*.rq`` (each with a header like the named queries'), run
through the application's query runner, so that the server's timeout and result cap apply, with parameters bound
as typed RDF terms. :mod:`.linked_data` decides when a page is wanted; :mod:`.page_data` gathers what each page
shows.
"""
from __future__ import annotations

import functools
from importlib import resources

import anyio.to_thread
from jinja2 import pass_context
from pyoxigraph import Triple
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from hemicycle.ontology.errors import RunnerError
from hemicycle.ontology.terms import FOAF, HM, ORG, RDF
from hemicycle.queries.web import linked_data, page_data, query_page, sparql

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


@functools.cache
def templates() -> Jinja2Templates:
    """The pages' templates, with the ``href`` (IRI to link) and ``curie`` filters."""
    found = Jinja2Templates(directory=str(FOLDER / "templates"))
    found.env.filters["href"] = href
    found.env.filters["curie"] = linked_data.curie
    found.env.globals["suffixes"] = linked_data.SUFFIX_OF
    return found


@pass_context
def href(context, iri: str | None) -> str:
    """Where a link to an IRI goes: its path on this server when minted under the base, else the IRI itself."""
    if not iri:
        return ""
    return linked_data.server_path(iri, context["base"]) or iri


def render(request: Request, template: str, context: dict, status: int = 200) -> HTMLResponse:
    base = request.app.state.minter.base
    body = templates().get_template(template).render(
        {"request": request, "base": base, "mount": linked_data.mount_path(base), **context})
    return HTMLResponse(body, status_code=status)


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
        context = await anyio.to_thread.run_sync(lambda: gather(runner, iri))
    except RunnerError as error:
        return error_page(request, error)
    path = linked_data.server_path(iri, request.app.state.minter.base) or ""
    context.update(iri=iri, kind=kind, path=path, jsonld=linked_data.jsonld_text(triples, for_html=True))
    return render(request, f"{kind}.html", context)


def not_found(request: Request, iri: str) -> HTMLResponse:
    return render(request, "not_found.html", {"iri": iri, "title": "Not found"}, 404)


def error_page(request: Request, error: Exception) -> HTMLResponse:
    """A page saying why the page could not be made: the query timeout, the result cap, an unreadable store."""
    status, headers = sparql.error_status(error)
    page = render(request, "error.html", {"title": "This page could not be made", "message": str(error)}, status)
    page.headers.update(headers)
    return page


async def home(request: Request) -> Response:
    return render(request, "query.html", query_page.context(request))


def routes() -> list[BaseRoute]:
    """The query page at ``/``, its results route and the static files."""
    return [
        Route("/", home, methods=["GET"], name="query_page"),
        *query_page.routes(),
        Mount("/static", app=StaticFiles(directory=str(FOLDER / "static")), name="static"),
    ]
