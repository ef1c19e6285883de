"""A real headless browser for the tests: Debian's chromium driven by Playwright's Python package.

``.ci/run`` installs chromium (``apt-get install chromium``) and sets ``HEMICYCLE_REQUIRE_BROWSER=1``, so in CI a
missing browser fails the tests instead of skipping them. Elsewhere, the browser tests skip, saying why.
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
    """A fresh tab; closed after the test."""
    tab = browser.new_page()
    try:
        yield tab
    finally:
        tab.close()
