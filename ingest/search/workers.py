"""The worker processes of a full build, and the file they hand the texts over in.

Each worker opens the store read-only once (:func:`open_in_worker`) and reads what the main process asks: where
the documents start, one property whole, or the texts. The texts are most of the store's bytes and most of the
analysis: the worker that reads them analyses each as it comes, and writes it with its keys into an SQLite file
of its own (:class:`TextFile`) that the main process then reads a node at a time, so that the texts never all
stand in its memory nor go through a pipe at once.
"""
from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import pyoxigraph

from hemicycle.ingest.search.analysis import indexed
from hemicycle.ingest.search.reading import Reader, Values, add
from hemicycle.ontology.terms import HM

_store: list = []  # the worker's store, opened by open_in_worker
_ROWS = 500  # texts written at a time


class _StoreOf:
    """A bare pyoxigraph store queried as :class:`~hemicycle.ingest.store.GraphStore` queries."""

    def __init__(self, store):
        self.store = store

    def query(self, sparql: str, *, substitutions=None):
        return self.store.query(sparql, use_default_graph_as_union=True, substitutions=substitutions)


def open_in_worker(path: str) -> None:
    """The initializer of a build's worker process: open the store read-only, once."""
    _store[:] = [pyoxigraph.Store.read_only(path)]


def _reader() -> Reader:
    return Reader(_StoreOf(_store[0]))


def starts_in_worker(start: tuple[str, str | None]) -> tuple[tuple[str, str | None], list[tuple[str, str, str]]]:
    """Where documents start: ``(graph, subject, object)`` of a property (of a type)."""
    predicate, obj = start
    return start, list(_reader().starts_of(predicate, obj))


def scan_in_worker(predicate: str) -> tuple[str, dict[str, Values]]:
    """One property whole: ``{subject: {value: None}}``, each IRI one string object (a group's IRI, met fifty
    thousand times, is pickled once)."""
    table: dict[str, Values] = {}
    for subject, value in _reader().statements(predicate):
        add(table, sys.intern(subject), sys.intern(value) if len(value) < 300 else value)
    return predicate, table


def texts_in_worker(path: str) -> str:
    """The texts of the questions and answers, each with its keys, written into a new SQLite file at ``path``;
    the path."""
    connection = sqlite3.connect(path)
    try:
        connection.execute("PRAGMA journal_mode = OFF")
        connection.execute("PRAGMA synchronous = OFF")
        connection.execute("CREATE TABLE texts (node TEXT NOT NULL, text TEXT NOT NULL, keys TEXT NOT NULL)")
        rows = []
        for node, text in _reader().statements(HM.text.value):
            rows.append((node, text, indexed(text)))
            if len(rows) >= _ROWS:
                connection.executemany("INSERT INTO texts VALUES (?, ?, ?)", rows)
                rows = []
        connection.executemany("INSERT INTO texts VALUES (?, ?, ?)", rows)
        connection.execute("CREATE INDEX texts_node ON texts (node)")
        connection.commit()
    finally:
        connection.close()
    return path


class TextFile:
    """The file :func:`texts_in_worker` wrote, read a node at a time; :meth:`close` removes it."""

    def __init__(self, path: Path):
        self.path = path
        self.connection = sqlite3.connect(path, check_same_thread=False)
        self._keys: dict[str, dict[str, str]] = {}  # of the nodes read last: a question's, then the next's

    def texts_of(self, node: str) -> list[str]:
        """The texts of a node (one, but for a statement made twice with two values), in the store's order."""
        rows = self.connection.execute("SELECT text, keys FROM texts WHERE node = ? ORDER BY rowid", (node,))
        if len(self._keys) > 64:
            self._keys.clear()
        found = self._keys[node] = dict(rows.fetchall())
        return list(found)

    def keys_of(self, node: str, text: str) -> str | None:
        """The keys of a text of a node read lately (None when it was not)."""
        return self._keys.get(node, {}).get(text)

    def close(self) -> None:
        self.connection.close()
        self.path.unlink(missing_ok=True)
