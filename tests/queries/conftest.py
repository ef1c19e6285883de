"""Fixtures of the queries wing: the web application over the sample store, a live server, a real browser.

The browser is Debian's chromium driven by Playwright's Python package. ``.ci/run`` installs chromium
(``apt-get install chromium``) and sets ``HEMICYCLE_REQUIRE_BROWSER=1``, so in CI a missing browser fails the tests
instead of skipping them. Elsewhere, the browser tests skip, saying why. A test that uses the ``page`` or
``browser`` fixture is marked ``browser``.
"""
from __future__ import annotations

import os
import shutil
import tempfile

import pytest

CHROMIUM_ENV = "HEMICYCLE_CHROMIUM"
REQUIRE_ENV = "HEMICYCLE_REQUIRE_BROWSER"

# The flags a sandboxed, offline machine needs: no sandbox as root, no background connections to Google's hosts.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
]


def chromium_path() -> str | None:
    return os.environ.get(CHROMIUM_ENV) or shutil.which("chromium") or shutil.which("chromium-browser")


def _unavailable(reason: str):
    if os.environ.get(REQUIRE_ENV):
        pytest.fail(f"{reason} ({REQUIRE_ENV} is set: the browser tests must run)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser():
    """One headless chromium for the whole session."""
    executable = chromium_path()
    if not executable:
        _unavailable("no chromium found (apt-get install chromium, or set HEMICYCLE_CHROMIUM)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright package is not installed (pip install -e '.[test]')")
    with tempfile.TemporaryDirectory() as profile, sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            profile, executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        try:
            yield context
        finally:
            context.close()


@pytest.fixture
def page(browser):
    """A fresh tab, with no cookie left by an earlier test (a language chosen there); closed after the test."""
    browser.clear_cookies()
    tab = browser.new_page()
    try:
        yield tab
    finally:
        tab.close()


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


def pytest_collection_modifyitems(items):
    for item in items:
        if {"browser", "page"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.browser)
