"""The route that serves every resource under the base's path: a page for a browser, RDF for a client.

The format is negotiated (or chosen by a suffix) as :mod:`~hemicycle.queries.web.linked_data` says; an HTML
answer is rendered by :mod:`~hemicycle.queries.web.pages`.
"""
from __future__ import annotations

import anyio.to_thread
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import BaseRoute, Match, NoMatchFound
from starlette.types import Receive, Scope, Send

from hemicycle.ontology.errors import RunnerError
from hemicycle.queries.web import linked_data, pages, vocabulary


def _raw_path(scope: Scope) -> str:
    raw = scope.get("raw_path")
    if raw is None:
        return scope["path"]
    return raw.decode("latin-1").split("?", 1)[0]


async def resource(request: Request) -> Response:
    """A resource in the negotiated format, a 404 when the store does not know it, 406 when no format fits."""
    minter = request.app.state.minter
    elsewhere = vocabulary.dataset_redirect(request)
    if elsewhere is not None:
        return elsewhere
    mount = linked_data.mount_path(minter.base)
    rest, suffix = linked_data.split_suffix(_raw_path(request.scope)[len(mount):])
    iri = minter.base + rest
    fmt = linked_data.choose_format(request.headers.get("accept"), suffix)
    if fmt is None:
        offered = ", ".join(main for main, _ in linked_data.LD_TYPES.values())
        return PlainTextResponse(f"{iri} is served as {offered} (or with a suffix: "
                                 f"{', '.join(linked_data.SUFFIXES)}); the Accept header allows none of them", 406)
    exists = False
    if linked_data.is_iri(iri):  # a path with characters an IRI cannot hold ({, |, ^, ...) names nothing the store knows
        runner = request.app.state.runner
        try:
            triples = await anyio.to_thread.run_sync(lambda: linked_data.describe(runner, iri))
            exists = await anyio.to_thread.run_sync(lambda: linked_data.known(runner, iri, triples))
        except RunnerError as error:
            return pages.error_page(request, error)
    if not exists:
        if fmt == "html":
            return pages.not_found(request, iri)
        return PlainTextResponse(f"{iri}: this store knows nothing about it", 404)
    headers = {"Vary": "Accept"}
    if not suffix:
        headers["Content-Location"] = mount + rest + linked_data.SUFFIX_OF[fmt]
    if fmt == "html":
        response = await pages.resource_page(request, iri, triples)
        response.headers.update(headers)
        return response
    return Response(linked_data.rdf_body(triples, fmt), media_type=linked_data.MEDIA_TYPES[fmt], headers=headers)


class LinkedDataRoute(BaseRoute):
    """Matches every GET or HEAD under the application's base path (read from ``app.state.minter`` at request
    time, so the base given to ``create_app`` decides where resources live)."""

    def matches(self, scope: Scope) -> tuple[Match, Scope]:
        if scope["type"] != "http":
            return Match.NONE, {}
        app = scope.get("app")
        minter = getattr(getattr(app, "state", None), "minter", None)
        if minter is None:
            return Match.NONE, {}
        mount = linked_data.mount_path(minter.base)
        path = scope["path"]
        if not path.startswith(mount) or len(path) <= len(mount):
            return Match.NONE, {}
        if scope["method"] not in ("GET", "HEAD"):
            return Match.PARTIAL, {}
        return Match.FULL, {}

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["method"] not in ("GET", "HEAD"):
            response = PlainTextResponse(f"{scope['method']}: a resource is read with GET or HEAD", 405,
                                         headers={"Allow": "GET, HEAD"})
        else:
            response = await resource(Request(scope, receive))
        await response(scope, receive, send)

    def url_path_for(self, name: str, /, **path_params):
        raise NoMatchFound(name, path_params)


def routes() -> list[BaseRoute]:
    return [LinkedDataRoute()]

