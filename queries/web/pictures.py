"""The views served by ``hemicycle serve``: ``/viz`` lists them, ``/viz/{name}`` draws one.

``GET /viz/{name}?format=…&legislature=…&from=…&to=…&group=…&rubrique=…&ministry=…``: a projection (html by
default, or graphml, gexf, json, cytoscape, png, svg) or a chart (png by default, or svg). The named query runs
through the server's query runner (its timeout and result cap apply); the page's node links go to the
server's own linked-data pages.
"""
from __future__ import annotations

import io

import anyio.to_thread
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from hemicycle.ontology.errors import FormatError, ParameterError, ProtocolError, RunnerError
from hemicycle.queries.web.i18n import N_
from hemicycle.queries.web.templating import render
from hemicycle.queries.web.linked_data import server_path
from hemicycle.queries.web.sparql import answer_error, error_response, parse_params
from hemicycle.queries.viz import FORMATS, charts, projections, views
from hemicycle.queries.viz.filters import Filters

FILTER_NAMES = {"legislature": "legislature", "from": "start", "to": "end", "group": "group",
                "rubrique": "rubrique", "ministry": "ministry"}


def _filters(request: Request) -> tuple[Filters, str | None]:
    given: dict[str, str] = {}
    for key, value in parse_params(request.scope.get("query_string", b""), "query string"):
        if key in given:
            raise ProtocolError(400, f"parameter {key} is given twice")
        if key != "format" and key not in FILTER_NAMES:
            raise ProtocolError(400, f"unknown parameter {key!r} (parameters: format, {', '.join(FILTER_NAMES)})")
        given[key] = value
    fmt = given.pop("format", None)
    return Filters(**{FILTER_NAMES[k]: v for k, v in given.items()}), fmt


async def view(request: Request) -> Response:
    name = request.path_params["name"]
    if name not in views.NAMES:
        return error_response(404, f"no view {name!r} (views: {', '.join(views.NAMES)}; see /viz)")
    try:
        filters, fmt = _filters(request)
    except ProtocolError as error:
        return error_response(error.status, str(error))
    fmt = fmt or ("png" if name in charts.CHARTS else "html")
    base = request.app.state.minter.base
    runner = request.app.state.runner

    def draw() -> bytes:
        out = io.BytesIO()
        options = {} if name in charts.CHARTS or fmt != "html" else {
            "link": lambda iri: server_path(iri, base) or iri}
        views.render(runner, name, fmt, out, filters, **options)
        return out.getvalue()

    try:
        body = await anyio.to_thread.run_sync(draw)
    except RunnerError as error:
        return answer_error(error)
    except (ParameterError, FormatError, ValueError) as error:
        return error_response(400, str(error))
    return Response(body, media_type=views.MEDIA_TYPES[fmt])


async def index(request: Request) -> Response:
    """A page listing every view, with a link for each of its formats, in the site's layout."""
    projections_shown = [{"name": name, "description": p.description, "formats": FORMATS}
                         for name, p in projections.PROJECTIONS.items()]
    charts_shown = [{"name": name, "description": c.description, "formats": charts.FORMATS}
                    for name, c in charts.CHARTS.items()]
    return render(request, "viz.html", {"title": N_("Visualisations"), "projections": projections_shown,
                                        "charts": charts_shown})


def routes() -> list[Route]:
    return [
        Route("/viz", index, methods=["GET"], name="viz_index"),
        Route("/viz/{name}", view, methods=["GET"], name="viz_view"),
    ]
