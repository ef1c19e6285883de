"""Documents into the index's tables and out of them (:mod:`.index` describes the tables).

A document goes in with the keys of its three fields (:func:`prepared`; a full build's worker processes
analyse the bodies as they read them, the largest part of the analysis) and comes out by the same keys,
recomputed from the original text the ``docs`` table keeps: FTS5 removes a document from a contentless table only
when given the very keys it was added with. :data:`.analysis.ANALYZER_VERSION` makes sure they are (a body's keys
are its texts' keys in turn, as the analysis of the texts joined gives them).
"""
from __future__ import annotations

import sqlite3
from typing import Iterable

from hemicycle.ingest.search.analysis import indexed
from hemicycle.ingest.search.documents import Document
from hemicycle.ingest.search.index import tag
from hemicycle.ingest.search.periods import date_tags

Prepared = tuple[Document, tuple[str, str, str]]  # a document and the keys of its title, names and body


def tags(document: Document) -> str:
    """The tokens of the document's filter values (:func:`.index.tag`) and of its date (:mod:`.periods`), for the
    FTS table's ``tags`` column."""
    values = [("type", document.type), ("kind", document.kind), ("status", document.status), *sorted(document.facets)]
    return " ".join([*dict.fromkeys(tag(facet, value) for facet, value in values if value), *date_tags(document.date)])


def prepared(documents: list[Document]) -> list[Prepared]:
    """Documents with the keys of their fields, analysed here (but for a body analysed already)."""
    return [(d, (indexed(d.title), indexed(d.names), d.body_keys if d.body_keys is not None else indexed(d.body)))
            for d in documents]


def next_id(connection: sqlite3.Connection) -> int:
    return (connection.execute("SELECT MAX(id) FROM docs").fetchone()[0] or 0) + 1


def insert(connection: sqlite3.Connection, first_id: int, batch: list[Prepared]) -> int:
    """Insert prepared documents, numbered from ``first_id``; the next free number."""
    docs, text, facets, names, refs = [], [], [], [], []
    for number, (d, keys) in enumerate(batch, first_id):
        labels = tags(d)
        docs.append((number, d.iri, d.graph, d.type, d.label, d.date, d.kind, d.number, d.status, d.uid, d.detail,
                     d.title, d.names, d.body or None, labels))
        text.append((number, *keys, labels))
        facets += [(number, facet, value) for facet, value in sorted(d.facets)]
        names += [(facet, name, d.iri, number) for facet, name in sorted(d.filter_names)]
        refs += [(number, iri) for iri in sorted(d.refs)]
    connection.executemany("INSERT INTO docs (id, iri, graph, type, label, date, kind, number, status, uid, detail, "
                           "title, names, body, tags) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", docs)
    connection.executemany("INSERT INTO text (rowid, title, names, body, tags) VALUES (?, ?, ?, ?, ?)", text)
    connection.executemany("INSERT INTO facets (doc, facet, value) VALUES (?, ?, ?)", facets)
    connection.executemany("INSERT INTO names (facet, name, iri, doc) VALUES (?, ?, ?, ?)", names)
    connection.executemany("INSERT INTO refs (doc, iri) VALUES (?, ?)", refs)
    return first_id + len(batch)


def delete(connection: sqlite3.Connection, ids: Iterable[int]) -> set[str]:
    """Remove documents by number, from every table; the IRIs of those there were."""
    connection.execute("CREATE TEMP TABLE IF NOT EXISTS gone (id INTEGER PRIMARY KEY)")
    connection.execute("DELETE FROM gone")
    connection.executemany("INSERT OR IGNORE INTO gone (id) VALUES (?)", ((i,) for i in ids))
    rows = connection.execute("SELECT id, iri, title, names, body, tags FROM docs WHERE id IN (SELECT id FROM gone)")
    removed = set()
    for number, iri, title, names, body, labels in rows.fetchall():
        connection.execute("INSERT INTO text (text, rowid, title, names, body, tags) VALUES ('delete', ?, ?, ?, ?, ?)",
                           (number, indexed(title), indexed(names), indexed(body), labels))
        removed.add(iri)
    for table, column in (("facets", "doc"), ("names", "doc"), ("refs", "doc"), ("docs", "id")):
        connection.execute(f"DELETE FROM {table} WHERE {column} IN (SELECT id FROM gone)")
    connection.execute("DELETE FROM gone")
    return removed


def set_graphs(connection: sqlite3.Connection, hashes: dict[str, str], removed: Iterable[str] = ()) -> None:
    """Record the content hashes the index now reflects (and forget the graphs removed from the store)."""
    connection.executemany("INSERT OR REPLACE INTO graphs (graph, hash) VALUES (?, ?)", hashes.items())
    connection.executemany("DELETE FROM graphs WHERE graph = ?", ((g,) for g in removed))
