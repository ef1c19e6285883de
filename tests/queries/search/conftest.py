"""Fixtures of the search tests: a store of the sample and the search corpus (``support/search.py``), with its
search index, and the web application over it."""
from __future__ import annotations

import pytest

from support.search import corpus_store


@pytest.fixture(scope="session")
def search_store_path(tmp_path_factory):
    """The corpus's store folder, its search index built (never written to by the tests)."""
    return corpus_store(tmp_path_factory.mktemp("search"))


@pytest.fixture(scope="session")
def search_app(search_store_path):
    """The web application over the corpus's store (its query workers are never started: search needs none)."""
    from hemicycle.queries.web.app import create_app

    app = create_app(search_store_path, query_timeout=10.0, workers=1)
    yield app
    app.state.runner.close()


@pytest.fixture
def search_client(search_app):
    from starlette.testclient import TestClient

    return TestClient(search_app)
