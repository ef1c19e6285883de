"""The full-text search index: the store's questions, deputies, groups, ministries, rubriques, court decisions
and texts of law as documents in an SQLite FTS5 index beside the store (``<store folder>/search.sqlite``).

- :mod:`.analysis` turns French text into the words the index holds (accents, elisions, stop words, Snowball
  stems), the same way for the documents and for the queries;
- :mod:`.reading` reads the store (``sparql/search/*.rq``), :mod:`.facts` gathers what the documents need, a
  property at a time for a full build (:mod:`.workers`: in worker processes) or a record at a time for an
  update, and :mod:`.documents` makes the documents;
- :mod:`.index` holds the index's tables and opens it, :mod:`.tables` writes documents into them and takes
  them out, :mod:`.periods` turns dates into tokens;
- :mod:`.build` builds it whole, or brings it in step with the store by the records' content hashes.

Searching it is :mod:`hemicycle.queries.search`'s business.
"""
from __future__ import annotations

from hemicycle.ingest.search.index import INDEX_NAME, index_path

__all__ = ["INDEX_NAME", "index_path"]
