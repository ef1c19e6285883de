"""Full-text search over the index :mod:`hemicycle.ingest.search` builds beside the store.

- :mod:`.request` checks what was asked (the words, the filters, the page);
- :mod:`.expression` turns the words into an FTS5 query, every word analysed and quoted;
- :mod:`.results` runs it, ranked and filtered, one page at a time;
- :mod:`.snippets` cuts the passage of each result where the words searched for are.

``hemicycle search``, ``GET /api/search`` and the ``/search`` page all go through :func:`search_store`.
"""
from __future__ import annotations

from pathlib import Path

from hemicycle.ingest.search.index import connect_reader, index_path
from hemicycle.ontology.iris import Minter
from hemicycle.queries.search.request import SearchRequest, request_from
from hemicycle.queries.search.results import Hit, Results, search

__all__ = ["Hit", "Results", "SearchRequest", "request_from", "search", "search_store"]


def search_store(store: str | Path, request: SearchRequest, minter: Minter | None = None) -> Results:
    """Search the index of a store folder, opened read-only for this search alone."""
    connection = connect_reader(index_path(store))
    try:
        return search(connection, request, minter)
    finally:
        connection.close()
