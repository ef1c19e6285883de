"""Full-text search on the server: the ``/search`` page and ``GET /api/search``.

Both take the same query parameters: ``q`` (the words: all of them, in any form; ``"a phrase"``, ``word*``,
``-word``, ``a OR b``), the filters ``legislature``, ``kind`` (QE, QG, QOSD), ``group``, ``ministry``,
``rubrique`` (an IRI, a uid such as PO800520, an abbreviation or a label), ``status`` (answered, pending,
withdrawn, lapsed), ``since`` and ``until`` (YYYY-MM-DD, YYYY-MM or YYYY), ``type`` (question, deputy, group,
ministry, rubrique, decision, law), ``sort`` (relevance, newest, oldest), and ``page``, ``per_page`` (at most
100). The API answers JSON (``total``, ``page``, ``pages``, ``results`` with each one's ``iri``, ``type``,
``label``, ``date``, ``snippet`` and the spans of it that matched, ``score``…); a bad parameter is a 400 that says
which and why, a missing index a 503 that says how to build it.

The index is read from the store folder's ``search.sqlite``, opened read-only for each request in a thread of
Starlette's pool: the query workers, which hold the store, are not involved.
"""
from __future__ import annotations

from urllib.parse import urlencode

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from hemicycle.ingest.search.index import TYPES, index_path
from hemicycle.ontology.errors import ParameterError, ProtocolError, SearchIndexError
from hemicycle.queries.search import request_from, search_store
from hemicycle.queries.search.request import KINDS, SORTS, STATUSES
from hemicycle.queries.web.i18n import N_
from hemicycle.queries.web.sparql import error_response, parse_params
from hemicycle.queries.web.templating import render


def _params(request: Request) -> dict[str, str]:
    """The query string's search parameters (``lang``, the page's language switch, aside); one value each."""
    given: dict[str, str] = {}
    for name, value in parse_params(request.scope.get("query_string", b""), "query string"):
        if name == "lang":
            continue
        if name in given:
            raise ProtocolError(400, f"parameter {name} is given twice")
        given[name] = value
    return given


async def api_search(request: Request) -> Response:
    try:
        asked = request_from(_params(request))
        results = await run_in_threadpool(search_store, request.app.state.store_path, asked, request.app.state.minter)
    except ParameterError as error:
        return error_response(400, str(error))
    except ProtocolError as error:
        return error_response(error.status, str(error), error.headers)
    except SearchIndexError as error:
        return error_response(503, str(error))
    return JSONResponse(results.as_json())


async def search_page(request: Request) -> Response:
    """The page: the form, and the results of what it asks (none when nothing is asked yet)."""
    try:
        given = _params(request)
    except ProtocolError as error:
        return error_response(error.status, str(error), error.headers)
    context = {"title": N_("Search"), "q": given.get("q", ""), "given": given, "results": None, "error": None,
               "types": TYPES, "kinds": KINDS, "statuses": STATUSES, "sorts": SORTS}
    status = 200
    if any(value.strip() for value in given.values()):
        try:
            asked = request_from(given)
            results = await run_in_threadpool(search_store, request.app.state.store_path, asked,
                                              request.app.state.minter)
            context.update(results=results, pages=_pages(results))
        except ParameterError as error:
            context["error"], status = str(error), 400
        except SearchIndexError as error:
            missing = not index_path(request.app.state.store_path).is_file()
            context["error"], status = str(error), 503
            context["missing"] = missing
    return render(request, "search.html", context, status)


def _pages(results) -> dict:
    """Links to the previous and next pages, and to a few around this one, keeping the search and its filters."""
    asked = results.request
    keep = {"q": asked.text, **asked.filters()}
    if asked.per_page != 20:
        keep["per_page"] = str(asked.per_page)

    def link(page: int) -> str:
        return "/search?" + urlencode({**keep, "page": str(page)} if page > 1 else keep)

    here, last = asked.page, results.pages
    around = [(page, link(page)) for page in range(max(1, here - 3), min(last, here + 3) + 1)]
    return {"here": here, "last": last, "around": around if last > 1 else [],
            "previous": link(here - 1) if here > 1 else None, "next": link(here + 1) if here < last else None}


def routes() -> list[Route]:
    return [
        Route("/search", search_page, methods=["GET"], name="search_page"),
        Route("/api/search", api_search, methods=["GET"], name="api_search"),
    ]

