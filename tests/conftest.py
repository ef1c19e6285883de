"""Shared test helpers: where the real Assemblée nationale data lives, and fresh stores."""
from __future__ import annotations

from pathlib import Path

import pytest

from decimal import Decimal

from pyoxigraph import Literal, NamedNode

from hemicycle.ingest.pipeline import Ingester
from hemicycle.ingest.store import GraphStore
from hemicycle.queries import catalog

from browser import browser, page  # noqa: F401  (fixtures: a real headless chromium)

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = ROOT.parent / "shared" / "data"
AN_DATA = SHARED_DATA / "an"
FIXTURES = ROOT / "tests" / "fixtures"


def real_data(*parts: str) -> Path:
    """A file of ../shared/data/an, or a skip saying why the test cannot run."""
    path = AN_DATA.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"real Assemblée nationale data not found at {path} (../shared/data/an beside the project)")
    return path


@pytest.fixture
def store(tmp_path) -> GraphStore:
    """A fresh on-disk store."""
    return GraphStore(tmp_path / "store")


def ingest(store: GraphStore, *paths, **options):
    """Ingest paths into the store quietly: rejections are not printed (the report lists them)."""
    return Ingester(store, progress=False, on_rejection=lambda rejection: None, **options).run(paths)


# --- named-query helpers shared by the query tests ---------------------------------------------------------

B = "https://w3id.org/hemicycle/id/"


def q(uid):
    return B + "question/" + uid


def o(uid):
    return B + "organe/" + uid


def value(term):
    """A result term as a plain Python value (IRIs as strings, numbers as int or float, dates as ISO strings)."""
    if term is None:
        return None
    if isinstance(term, NamedNode):
        return term.value
    if isinstance(term, Literal):
        datatype = term.datatype.value
        if datatype.endswith("#integer"):
            return int(term.value)
        if datatype.endswith(("#decimal", "#double", "#float")):
            number = Decimal(term.value)
            return int(number) if number == number.to_integral_value() else float(round(number, 2))
        if datatype.endswith("#boolean"):
            return term.value == "true"
        return term.value
    return str(term)


def run(store, name, **params):
    query = catalog.get(name)
    solutions = store.query(query.text, substitutions=query.substitutions(params))
    names = [v.value for v in solutions.variables]
    return [tuple(value(row[n]) for n in names) for row in solutions], names


def columns(store, name, wanted, **params):
    rows, names = run(store, name, **params)
    return [tuple(row[names.index(c)] for c in wanted) for row in rows]


# --- the web application over a store built from the shipped sample -----------------------------------------

@pytest.fixture(scope="session")
def sample_store_path(tmp_path_factory) -> Path:
    """A store folder built once per session from the sample shipped with hemicycle (closed after the build)."""
    from hemicycle.queries.cli import sample_path

    path = tmp_path_factory.mktemp("sample") / "store"
    built = GraphStore(path)
    ingest(built, sample_path())
    built.store.flush()
    del built
    return path


@pytest.fixture(scope="session")
def sample_app(sample_store_path):
    """The web application (``create_app``) over the sample store, read-only; its workers stop after the session."""
    from hemicycle.queries.web.app import create_app

    app = create_app(sample_store_path, query_timeout=10.0)
    yield app
    app.state.runner.close()


@pytest.fixture
def client(sample_app):
    """A Starlette TestClient over ``sample_app`` (in process, no socket)."""
    from starlette.testclient import TestClient

    return TestClient(sample_app)


@pytest.fixture(scope="session")
def live_server(sample_app):
    """The real uvicorn server running ``sample_app`` on a free loopback port, in a thread: yields its base URL."""
    import socket
    import threading
    import time

    import uvicorn

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(sample_app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the uvicorn server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    server.should_exit = True
    thread.join(10)
    sock.close()
