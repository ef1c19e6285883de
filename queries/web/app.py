"""The web application: the SPARQL endpoint and the REST API over one store, read-only unless told.

``create_app(store_path)`` builds a Starlette application. ``app.state.runner`` is the
:class:`~.runner.QueryRunner` every route queries through (timeout, result cap, worker processes);
``app.state.minter`` mints the graph's IRIs under the application's base; ``app.state.public_url`` is the URL
clients reach the server at (``hemicycle serve --public-url``), the one documents served to everyone name, never
taken from a request's ``Host``; ``app.state.description`` is the dataset description
(:class:`~.well_known.Description`). Route groups are listed in :func:`route_groups`: each module gives a
``routes()`` list, and a new group is one more line there.
"""
from __future__ import annotations

import contextlib
import os
from pathlib import Path
from urllib.parse import urlsplit

from pyoxigraph import NamedNode

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.routing import BaseRoute

from hemicycle.ingest.store import store_path as resolve_store
from hemicycle.ontology.iris import Minter
from hemicycle.queries.web import api, pages, pictures, resources, sparql, vocabulary, well_known
from hemicycle.queries.web import browse
from hemicycle.queries.web import search_page
from hemicycle.queries.web.runner import DEFAULT_MAX_RESULTS, DEFAULT_TIMEOUT, DEFAULT_WORKER_MEMORY, QueryRunner
from hemicycle.ontology.errors import SettingError, StoreError

DEFAULT_PUBLIC_URL = "http://127.0.0.1:8000"  # where hemicycle serve listens by default


def route_groups() -> list[BaseRoute]:
    """Every route of the application, group by group (first match wins)."""
    return [
        *sparql.routes(),  # /sparql
        *api.routes(),     # /api/queries, /api/queries/{name}, /api/openapi.json
        *well_known.routes(),  # /.well-known/void (VoID and DCAT description of the dataset)
        *vocabulary.routes(),  # /ontology (the ontology at its IRI; the dataset's IRI answers 303 to the VoID)
        *pictures.routes(),  # /viz, /viz/{name} (network projections and charts)
        *pages.routes(),   # / (query page), /query/results, /static
        *browse.routes(),  # /deputies, /groups, /ministries, /rubriques, /decisions, /laws, /questions
        *search_page.routes(),  # /search (full-text search page), /api/search
        *resources.routes(),  # every resource under the base's path (/id/...)
    ]


def create_app(store_path: str | os.PathLike | None = None, *, query_timeout: float = DEFAULT_TIMEOUT,
               max_results: int = DEFAULT_MAX_RESULTS, base: str | None = None, workers: int | None = None,
               worker_memory: int = DEFAULT_WORKER_MEMORY, update_token: str | None = None,
               public_url: str = DEFAULT_PUBLIC_URL, **runner_options) -> Starlette:
    """A Starlette application over the store folder (``--store``, ``$HEMICYCLE_STORE``, ``./hemicycle-data``).

    ``worker_memory``: MiB of memory each query worker may use (0: no limit).
    ``update_token``: when given, SPARQL updates are accepted from requests bearing it
    (``Authorization: Bearer TOKEN``); without it the application is read-only.
    ``public_url``: the URL clients reach the server at (see :func:`check_public_url`); the SPARQL endpoint is
    its ``/sparql``. ``runner_options``: the other bounds of :class:`~.runner.QueryRunner` (``max_result_bytes``,
    ``long_query``, ``max_long``, ``max_waiting``, ``per_client``).
    """
    path = Path(resolve_store(store_path))
    if not path.is_dir():
        raise StoreError(f"{path}: no store here (build one with 'hemicycle ingest')")
    if update_token is not None and not update_token.strip():
        raise SettingError("the update token is empty")
    public_url = check_public_url(public_url)
    runner = QueryRunner(path, workers=workers, query_timeout=query_timeout, max_results=max_results,
                         worker_memory=worker_memory, **runner_options)

    @contextlib.asynccontextmanager
    async def lifespan(app):
        runner.start()
        try:
            yield
        finally:
            runner.close()

    app = Starlette(
        routes=route_groups(),
        middleware=[Middleware(CORSMiddleware, allow_origins=["*"], allow_methods=["GET", "POST", "OPTIONS"],
                               allow_headers=["Accept", "Content-Type", "Authorization"], max_age=3600)],
        lifespan=lifespan,
    )
    app.state.runner = runner
    app.state.minter = Minter(base)
    app.state.store_path = path
    app.state.update_token = update_token.strip() if update_token else None
    app.state.public_url = public_url
    app.state.description = well_known.Description(str(path), app.state.minter, public_url + "/sparql")
    return app


def check_public_url(url: str) -> str:
    """The public URL without its trailing ``/``; ValueError unless it is an http or https URL with a host and
    no query or fragment (a path is kept: a server behind a proxy may live under one).

    >>> check_public_url("https://data.example.org/hemicycle/")
    'https://data.example.org/hemicycle'
    >>> check_public_url("data.example.org")
    Traceback (most recent call last):
    ...
    hemicycle.ontology.errors.SettingError: the public URL must be an http or https URL with a host (like https://example.org), not 'data.example.org'
    """
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment:
        raise SettingError("the public URL must be an http or https URL with a host (like https://example.org), "
                         f"not {url!r}")
    url = url.rstrip("/")
    try:
        NamedNode(url + "/sparql")
    except ValueError:
        raise SettingError(f"the public URL {url!r} is not a valid IRI") from None
    return url
