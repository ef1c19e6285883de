"""``/.well-known/void``: the dataset's VoID and DCAT description (:mod:`hemicycle.queries.publish.dataset`), in Turtle.

The description counts the whole store (seconds to tens of seconds of CPU on millions of statements), so it is
computed once per state of the store folder, in a thread on a read-only handle of its own, and served from
memory afterwards. Requests that arrive while it is being computed wait for that one computation, on the event
loop (they hold no thread). Nothing in it comes from the request: the SPARQL endpoint it names is the server's
public URL (``hemicycle serve --public-url``), so every client, and every cache, gets the same document.
"""
from __future__ import annotations

import asyncio
import logging
import threading
import time
from pathlib import Path

import anyio.to_thread
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from hemicycle.ingest.store import GraphStore, changed_under_reader
from hemicycle.queries.publish import dataset
from hemicycle.queries.web.worker import scan
from hemicycle.ontology.errors import StoreError

TURTLE = "text/turtle; charset=utf-8"
logger = logging.getLogger("hemicycle.serve")


class Description:
    """The description of the store at ``path``, naming ``endpoint`` as its SPARQL endpoint.

    ``computations`` counts the times it was computed (once per state of the store folder).
    """

    def __init__(self, path: str, minter, endpoint: str):
        self.path = path
        self.minter = minter
        self.endpoint = endpoint
        self.computations = 0
        self._done: tuple[tuple, bytes] | None = None  # (state of the folder, description of it)
        self._pending: dict = {}  # state -> the task computing its description (on the running loop)
        self._lock = threading.Lock()  # one computation at a time

    async def body(self) -> bytes:
        state = await anyio.to_thread.run_sync(scan, self.path)
        done = self._done
        if done is not None and done[0] == state:
            return done[1]
        loop = asyncio.get_running_loop()
        task = self._pending.get(state)
        if task is None or task.get_loop() is not loop:
            task = self._pending[state] = loop.create_task(self._compute(state))
        return await asyncio.shield(task)

    async def _compute(self, state: tuple) -> bytes:
        try:
            return await anyio.to_thread.run_sync(self._describe, state)
        finally:
            if self._pending.get(state) is asyncio.current_task():
                del self._pending[state]

    def _describe(self, state: tuple) -> bytes:
        with self._lock:
            done = self._done
            if done is not None and done[0] == state:
                return done[1]
            started = time.monotonic()
            store = GraphStore(self.path, read_only=True)
            try:
                body = dataset.void_turtle(store, minter=self.minter, sparql_endpoint=self.endpoint)
            finally:
                del store
            self.computations += 1
            self._done = (state, body)
        logger.info("dataset description computed in %.1f s (%d bytes)", time.monotonic() - started, len(body))
        return body


async def void(request: Request) -> Response:
    description = request.app.state.description
    for attempt in (1, 2):  # a writer that compacts the store removes files under a computation: once more
        try:
            body = await description.body()
            break
        except (StoreError, OSError) as error:
            if attempt == 1 and changed_under_reader(Path(description.path), error):
                continue
            # The error names the store's files: the log says it, the client is told only to come back.
            logger.warning("dataset description not computed: %s", error)
            return PlainTextResponse("the store cannot be read now (a writer is changing it); try again shortly\n",
                                     503, headers={"Retry-After": "5"})
    return Response(body, media_type=TURTLE, headers={"Cache-Control": "public, max-age=300"})


def routes() -> list[Route]:
    return [Route("/.well-known/void", void, methods=["GET", "HEAD"])]
