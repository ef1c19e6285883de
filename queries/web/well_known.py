"""``/.well-known/void``: the dataset's VoID and DCAT description (:mod:`hemicycle.queries.dataset`), in Turtle.

The description counts the whole store (seconds on millions of statements), so it is computed in a thread
on a read-only handle of its own, once per state of the store folder, and served from memory afterwards.
"""
from __future__ import annotations

import threading

import anyio.to_thread
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from hemicycle.ingest.store import GraphStore
from hemicycle.queries import dataset

from .worker import scan

TURTLE = "text/turtle; charset=utf-8"
_lock = threading.Lock()


def _describe(app, endpoint: str) -> bytes:
    path = str(app.state.store_path)
    with _lock:  # one computation at a time; later callers find it cached
        state = scan(path)
        cached = getattr(app.state, "void_cache", None)
        if cached and cached[0] == (state, endpoint):
            return cached[1]
        store = GraphStore(path, read_only=True)
        try:
            body = dataset.void_turtle(store, minter=app.state.minter, sparql_endpoint=endpoint)
        finally:
            del store
        app.state.void_cache = ((state, endpoint), body)
        return body


async def void(request: Request) -> Response:
    endpoint = str(request.url_for("sparql_endpoint"))
    body = await anyio.to_thread.run_sync(_describe, request.app, endpoint)
    return Response(body, media_type=TURTLE, headers={"Cache-Control": "public, max-age=300"})


def routes() -> list[Route]:
    return [Route("/.well-known/void", void, methods=["GET", "HEAD"])]
