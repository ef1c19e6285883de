"""A search run on the index: the documents that match, ranked by BM25 (a word of the title counts more than one
of the names, which counts more than one of the body), filtered, one page of them with their snippets.

The filters that name things (group, ministry, rubrique) take what people know: an IRI, an Assemblée uid
(``PO800520``), an abbreviation (``RN``), a label (“Ensemble pour la République”), accents and case aside; the
index keeps these names for every group, ministry and rubrique. A name that stands for several (``RN`` in the
XVIth and in the XVIIth) takes them all; ``legislature`` then tells them apart.
"""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field

from hemicycle.ingest.search.documents import folded_name
from hemicycle.ingest.search.index import WEIGHTS, WORD_COLUMNS, tag
from hemicycle.ingest.search.periods import period_tags
from hemicycle.ontology.errors import ParameterError, SearchIndexError
from hemicycle.ontology.iris import Minter
from hemicycle.queries.names import IRI, UIDS
from hemicycle.queries.search.expression import Expression, parse
from hemicycle.queries.search.request import SearchRequest, check_depth
from hemicycle.queries.search.snippets import Snippet, best

SCORE = f"bm25(text, {', '.join(map(str, WEIGHTS))})"
ORDERS = {"relevance": "score, text.rowid", "newest": "d.date DESC NULLS LAST, score, text.rowid",
          "oldest": "d.date ASC NULLS LAST, score, text.rowid"}


@dataclass
class Hit:
    iri: str
    type: str
    label: str
    date: str | None
    score: float
    kind: str | None = None
    number: int | None = None
    status: str | None = None
    uid: str | None = None
    detail: str | None = None
    legislatures: list[int] = field(default_factory=list)
    snippet: Snippet = field(default_factory=lambda: Snippet(""))

    def as_json(self) -> dict:
        return {"iri": self.iri, "type": self.type, "label": self.label, "date": self.date, "score": self.score,
                "kind": self.kind, "number": self.number, "status": self.status, "uid": self.uid,
                "detail": self.detail, "legislatures": self.legislatures, "snippet": self.snippet.text,
                "highlights": [list(span) for span in self.snippet.highlights]}


@dataclass
class Results:
    request: SearchRequest
    total: int
    hits: list[Hit]

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.request.per_page))

    def as_json(self) -> dict:
        return {"query": self.request.text, "filters": self.request.filters(), "total": self.total,
                "page": self.request.page, "per_page": self.request.per_page, "pages": self.pages,
                "results": [hit.as_json() for hit in self.hits]}


def search(connection: sqlite3.Connection, request: SearchRequest, minter: Minter | None = None) -> Results:
    """Run a search on an index opened by :func:`hemicycle.ingest.search.index.connect_reader`.

    The words and the filters are one FTS5 query (the filters, the period too, as tokens of the ``tags``
    column), so that FTS5 alone counts and ranks the matches; the documents' table is joined only for an order by
    date."""
    check_depth(request)
    expression = parse(request.text)
    clauses = [f"{WORD_COLUMNS} : ({expression.match})"]
    for facet in ("type", "kind", "status", "legislature"):
        if getattr(request, facet) is not None:
            clauses.append(_tags(facet, [str(getattr(request, facet))]))
    for facet in ("group", "ministry", "rubrique"):
        if getattr(request, facet):
            clauses.append(_tags(facet, _resolved(connection, facet, getattr(request, facet), minter or Minter())))
    offset = (request.page - 1) * request.per_page
    try:
        if request.since or request.until:
            first, last = connection.execute("SELECT MIN(date), MAX(date) FROM docs").fetchone()
            days = period_tags(request.since, request.until, first=first, last=last)
            if not days:
                return Results(request, 0, [])
            clauses.append("tags : (" + " OR ".join(f'"{day}"' for day in days) + ")")
        condition, params = "text MATCH ?", [" AND ".join(clauses)]
        source = "text JOIN docs d ON d.id = text.rowid" if request.sort != "relevance" else "text"
        total = connection.execute(f"SELECT COUNT(*) FROM text WHERE {condition}", params).fetchone()[0]
        ranked = connection.execute(
            f"SELECT text.rowid, {SCORE} AS score FROM {source} WHERE {condition} ORDER BY {ORDERS[request.sort]} "
            "LIMIT ? OFFSET ?", [*params, request.per_page, offset]).fetchall() if offset < total else []
        hits = _hits(connection, ranked, expression)
    except sqlite3.OperationalError as error:
        if str(error).startswith("fts5"):  # never met: every word is quoted; said plainly all the same
            raise ParameterError(f"q: {request.text[:80]!r} cannot be searched ({error})") from None
        raise SearchIndexError(f"the search index could not be read ({error})") from None
    return Results(request, total, hits)


def _tags(facet: str, values: list[str]) -> str:
    return "tags : (" + " OR ".join(f'"{tag(facet, value)}"' for value in values) + ")"


def _resolved(connection: sqlite3.Connection, facet: str, given: str, minter: Minter) -> list[str]:
    """The IRIs a filter's value stands for (module docstring)."""
    found = [row[0] for row in connection.execute(
        "SELECT DISTINCT iri FROM names WHERE facet = ? AND name = ? ORDER BY iri", (facet, folded_name(given)))]
    if found:
        return found
    for pattern, kind in UIDS:
        if pattern.match(given):
            return [getattr(minter, kind)(given).value]
    if IRI.match(given):
        return [given]
    what = {"group": "political group", "ministry": "ministry", "rubrique": "rubrique"}[facet]
    example = "" if facet == "rubrique" else " a uid such as PO800520, an abbreviation,"
    raise ParameterError(f"{facet}: no {what} in the search index is called {given[:80]!r} (give{example} a label "
                         "or an IRI)")


def _hits(connection: sqlite3.Connection, ranked: list, expression: Expression) -> list[Hit]:
    if not ranked:
        return []
    ids = [row[0] for row in ranked]
    marks = ", ".join("?" * len(ids))
    rows = {row[0]: row[1:] for row in connection.execute(
        "SELECT id, iri, type, label, date, kind, number, status, uid, detail, title, names, body FROM docs "
        f"WHERE id IN ({marks})", ids)}
    legislatures: dict[int, list[int]] = {}
    for doc, value in connection.execute(
            f"SELECT doc, value FROM facets WHERE facet = 'legislature' AND doc IN ({marks})", ids):
        legislatures.setdefault(doc, []).append(int(value))
    hits = []
    for number, score in ranked:
        iri, type_, label, day, kind, question, status, uid, detail, title, names, body = rows[number]
        hits.append(Hit(iri, type_, label, day, round(-score, 3), kind, question, status, uid, detail,
                        sorted(legislatures.get(number, [])), best([body, names, title], expression)))
    return hits
