"""The search index's file and tables: one SQLite database beside the store, ``<store folder>/search.sqlite``.

- ``docs``: one row a document (a question, a deputy, a group, a ministry, a rubrique, a court decision, a text of
  law): its IRI, the record graph it was read from, its type, label, date and the short fields the results show
  and the filters test (kind, number, status…), and the original text of its three searched fields (``title``,
  ``names``, ``body``), from which the snippets are cut;
- ``text``: the FTS5 table over the analysed fields (:mod:`.analysis`), ``rowid`` = ``docs.id``; contentless
  (``content=''``): the index holds the keys' positions, not a second copy of the text. A fourth column,
  ``tags``, holds a token for each filter value of the document (:func:`tag`: ``tyquestion``, ``kiqe``,
  ``lg17``, ``gr`` and a hash of its group's IRI…, and its date's year, month and day, :mod:`.periods`): FTS5
  intersects the words' and the filters' lists of documents itself, much faster than a join would; its weight
  in the ranking is nought;
- ``facets``: the many-valued filters of a document (``legislature``, ``group``, ``ministry``, ``rubrique``: a
  question's group and ministries, a deputy's legislatures and groups…), by value;
- ``names``: what people call a group, a ministry, a rubrique or a deputy (label, short label, abbreviation, uid),
  folded, so that a filter takes ``RN``, ``PO800520`` or "Ensemble pour la République";
- ``refs``: the IRIs each document draws on (its author, group, ministries, concepts, mandates…): when one of
  their records changes, the document is read again;
- ``graphs``: the content hash of every record graph the index reflects (``GraphStore.record_hashes()``);
- ``meta``: the analyzer version, the schema version, when and how it was built.

A reader opens the file read-only (:func:`connect_reader`); a full build writes a new file and renames it over the
old one, an update is one transaction: a reader sees the index before or after, never half of it.
"""
from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path
from urllib.parse import quote

from hemicycle.ingest.search.analysis import ANALYZER_VERSION
from hemicycle.ontology.errors import SearchIndexError

INDEX_NAME = "search.sqlite"
SCHEMA_VERSION = "2"
#: bm25 weights of the FTS columns: a word of the title counts ten times one of the body, a name four times; the
#: filters' tags count for nothing
WEIGHTS = (10.0, 4.0, 1.0, 0.0)
#: the columns a search's words are looked for in (never the tags)
WORD_COLUMNS = "{title names body}"
#: FTS5's merging of its segments while a full build writes (fewer, larger merges: some 15 % faster), and after
#: it (FTS5's own defaults, for the updates)
BUILD_MERGING = (("automerge", 16), ("crisismerge", 64))
MERGING = (("automerge", 4), ("crisismerge", 16))
#: the document types, as the filters and the results name them
TYPES = ("question", "deputy", "group", "ministry", "rubrique", "decision", "law")
#: the facets a document may have, and the filter each answers
FACETS = ("legislature", "group", "ministry", "rubrique")

TABLES = f"""
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE graphs (graph TEXT PRIMARY KEY, hash TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE docs (
    id INTEGER PRIMARY KEY,
    iri TEXT NOT NULL,
    graph TEXT NOT NULL,
    type TEXT NOT NULL,
    label TEXT NOT NULL,
    date TEXT,
    kind TEXT,
    number INTEGER,
    status TEXT,
    uid TEXT,
    detail TEXT,
    title TEXT NOT NULL,
    names TEXT NOT NULL,
    body TEXT,
    tags TEXT NOT NULL
);
CREATE TABLE facets (doc INTEGER NOT NULL, facet TEXT NOT NULL, value TEXT NOT NULL);
CREATE TABLE names (facet TEXT NOT NULL, name TEXT NOT NULL, iri TEXT NOT NULL, doc INTEGER NOT NULL);
CREATE TABLE refs (doc INTEGER NOT NULL, iri TEXT NOT NULL);
CREATE VIRTUAL TABLE text USING fts5 (title, names, body, tags, content='', columnsize=1, detail=full,
                                      tokenize='unicode61 remove_diacritics 2');
INSERT INTO text (text, rank) VALUES ('rank', 'bm25({", ".join(map(str, WEIGHTS))})');
"""
# made once the rows of a full build are in (an index sorted once costs less than one kept in order row by row)
INDEXES = """
CREATE UNIQUE INDEX docs_iri ON docs (iri);
CREATE INDEX docs_graph ON docs (graph);
CREATE INDEX docs_date ON docs (date);
CREATE INDEX facets_value ON facets (facet, value, doc);
CREATE INDEX facets_doc ON facets (doc);
CREATE INDEX names_name ON names (facet, name);
CREATE INDEX names_doc ON names (doc);
CREATE INDEX refs_iri ON refs (iri);
CREATE INDEX refs_doc ON refs (doc);
"""


_TAG_PREFIXES = {"type": "ty", "kind": "ki", "status": "st", "legislature": "lg", "group": "gr", "ministry": "mi",
                 "rubrique": "ru"}


def tag(facet: str, value: str) -> str:
    """The token of a filter's value in the ``tags`` column: letters and digits only, whatever the value.

    >>> tag("kind", "QOSD"), tag("legislature", "17"), tag("group", "https://w3id.org/hemicycle/id/organe/PO845407")
    ('kiqosd', 'lg17', 'gr8582e9badf0a67a7')
    """
    if facet in ("group", "ministry", "rubrique"):
        return _TAG_PREFIXES[facet] + hashlib.blake2b(value.encode("utf-8"), digest_size=8).hexdigest()
    return _TAG_PREFIXES[facet] + "".join(c for c in value.lower() if c.isascii() and c.isalnum())


def index_path(store: str | Path) -> Path:
    """Where the search index of a store folder lives."""
    return Path(store) / INDEX_NAME


def create(connection: sqlite3.Connection) -> None:
    """The tables of an empty index (without their indexes: :func:`finish` adds them), and its versions."""
    connection.executescript(TABLES)
    set_meta(connection, schema=SCHEMA_VERSION, analyzer=ANALYZER_VERSION)


def finish(connection: sqlite3.Connection) -> None:
    """The tables' indexes, once a full build's rows are in."""
    connection.executescript(INDEXES)


def merging(connection: sqlite3.Connection, settings) -> None:
    for setting, value in settings:
        connection.execute("INSERT INTO text (text, rank) VALUES (?, ?)", (setting, value))


def set_meta(connection: sqlite3.Connection, **values) -> None:
    connection.executemany("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                           [(key, str(value)) for key, value in values.items()])


def meta(connection: sqlite3.Connection) -> dict[str, str]:
    return dict(connection.execute("SELECT key, value FROM meta"))


def current(connection: sqlite3.Connection) -> bool:
    """Whether an index was built by this schema and this analyzer (else it must be built again, whole)."""
    try:
        found = meta(connection)
    except sqlite3.DatabaseError:
        return False
    return found.get("schema") == SCHEMA_VERSION and found.get("analyzer") == ANALYZER_VERSION


def missing_message(path: Path) -> str:
    return (f"{path}: no search index: run 'hemicycle search --rebuild' or 'hemicycle ingest' "
            "(it builds the index at the end of its run)")


def connect_reader(path: Path, timeout: float = 5.0) -> sqlite3.Connection:
    """The index opened read-only, checked to be one this code reads. :class:`SearchIndexError` when it is
    missing, damaged, or built by another version of the analyzer (then ``hemicycle search --rebuild``)."""
    if not path.is_file():
        raise SearchIndexError(missing_message(path))
    try:
        connection = sqlite3.connect(f"file:{quote(str(path.resolve()))}?mode=ro", uri=True, timeout=timeout,
                                     check_same_thread=False)
        ok = current(connection)
    except sqlite3.DatabaseError as error:
        raise SearchIndexError(f"{path}: the search index cannot be read ({error}): run "
                               "'hemicycle search --rebuild'") from None
    if not ok:
        connection.close()
        raise SearchIndexError(f"{path}: the search index was built by another version of hemicycle: run "
                               "'hemicycle search --rebuild'")
    return connection
