"""What the documents are made of, read out of the store: the values of a property for a subject, the subjects
pointing to an object, and where to start (the subjects of a type and the graph that describes them).

Two readers give the same answers, at different costs:

- :class:`AllFacts`, for a full build, reads a property at a time over the whole store (one pattern scanned in
  the store's index, ``sparql/search/statements.rq``: much cheaper than the same facts joined in one query) and
  keeps it, so that fifty thousand questions cost some twenty scans;
- :class:`GraphFacts`, for an update, starts from the changed record graphs and reads each subject it is asked
  about once (every statement about it, in any graph), so that one changed record costs a few small queries.

Values are plain strings (an IRI's text, a literal's lexical form), each once and in the store's order.
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Iterable, Iterator

from hemicycle.ingest.search import workers
from hemicycle.ingest.search.reading import KIND_CODE, RDF_TYPE, Reader, Values, add
from hemicycle.ontology.terms import HM


class AllFacts(Reader):
    """Every fact of the store, read a property at a time as documents ask for it; :meth:`preload` reads a list
    of them at once in worker processes (:mod:`.workers`), and hands the texts over in a file."""

    def __init__(self, store):
        super().__init__(store)
        self._by_property: dict[str, dict[str, Values]] = {}
        self._by_object: dict[str, dict[str, Values]] = {}
        self._starts: dict[tuple[str, str | None], list[tuple[str, str, str]]] = {}
        self._texts: workers.TextFile | None = None
        self._texts_path: Path | None = None

    def preload(self, predicates: Iterable[str], starts: Iterable[tuple[str, str | None]], pool,
                texts: Path) -> None:
        """Read these properties, and where these documents start, in the worker processes of ``pool``
        (started with :func:`.workers.open_in_worker`). The texts, the largest, are read first, analysed as they
        are read, and written with their keys into the file ``texts``, which this process reads a node at a
        time: they never all stand in its memory."""
        self._texts_path = texts
        texting = pool.submit(workers.texts_in_worker, str(texts)) if HM.text.value in predicates else None
        begun = [pool.submit(workers.starts_in_worker, start) for start in starts if start not in self._starts]
        others = [p for p in predicates if p not in self._by_property and p != HM.text.value]
        for predicate, table in pool.map(workers.scan_in_worker, others):
            self._by_property[predicate] = {sys.intern(subject): values for subject, values in table.items()}
        for future in begun:
            start, found = future.result()
            self._starts[start] = found
        if texting is not None:
            self._texts = workers.TextFile(Path(texting.result()))

    def keys_of(self, node: str, text: str) -> str | None:
        """The keys of a text, when a worker analysed it as it read it."""
        return self._texts.keys_of(node, text) if self._texts is not None else None

    def _table(self, predicate: str) -> dict[str, Values]:
        table = self._by_property.get(predicate)
        if table is None:
            table = self._by_property[predicate] = {}
            for subject, value in self.statements(predicate):
                add(table, subject, value)
        return table

    def values(self, subject: str, predicate: str) -> list[str]:
        if self._texts is not None and predicate == HM.text.value:
            return self._texts.texts_of(subject)
        return list(self._table(predicate).get(subject, ()))

    def value(self, subject: str, predicate: str) -> str | None:
        found = self._table(predicate).get(subject)
        return next(iter(found)) if found else None

    def pointing(self, predicate: str, obj: str) -> list[str]:
        """The subjects that point to ``obj`` by ``predicate``."""
        table = self._by_object.get(predicate)
        if table is None:
            table = self._by_object[predicate] = {}
            for subject, values in self._table(predicate).items():
                for value in values:
                    add(table, value, subject)
        return list(table.get(obj, ()))

    def starts(self, predicate: str, obj: str | None = None) -> Iterator[tuple[str, str, str]]:
        """``(graph, subject, object)`` of the statements of a property (of a type, when ``obj`` is given)."""
        found = self._starts.pop((predicate, obj), None)
        yield from found if found is not None else self.starts_of(predicate, obj)

    def forget(self, predicate: str) -> None:
        """Drop a property read already (the texts, once taken: they are the bulk of the memory)."""
        self._by_property.pop(predicate, None)
        self._by_object.pop(predicate, None)
        if predicate == HM.text.value:
            self.close()

    def close(self) -> None:
        """Remove the file of the texts, if any (also when a build stops half way)."""
        if self._texts is not None:
            self._texts.close()
            self._texts = None
        if self._texts_path is not None:
            self._texts_path.unlink(missing_ok=True)
            self._texts_path = None


class GraphFacts(Reader):
    """The facts the documents of some record graphs need, read subject by subject."""

    def __init__(self, store, graphs: Iterable[str]):
        super().__init__(store)
        self._subjects: dict[str, dict[str, Values]] = {}
        self._pointing: dict[tuple[str, str], Values] = {}
        self._starts: dict[tuple[str, str | None], list[tuple[str, str, str]]] = {}
        for graph in graphs:
            for _, subject, predicate, value in self.in_graphs(graph=graph):
                if predicate == KIND_CODE:
                    self._starts.setdefault((predicate, None), []).append((graph, subject, value))
                elif predicate == RDF_TYPE:
                    self._starts.setdefault((predicate, value), []).append((graph, subject, value))

    def _facts(self, subject: str) -> dict[str, Values]:
        facts = self._subjects.get(subject)
        if facts is None:
            facts = self._subjects[subject] = {}
            for predicate, value in self.about(subject):
                add(facts, predicate, value)
        return facts

    def values(self, subject: str, predicate: str) -> list[str]:
        return list(self._facts(subject).get(predicate, ()))

    def value(self, subject: str, predicate: str) -> str | None:
        found = self._facts(subject).get(predicate)
        return next(iter(found)) if found else None

    def pointing(self, predicate: str, obj: str) -> list[str]:
        found = self._pointing.get((predicate, obj))
        if found is None:
            found = self._pointing[(predicate, obj)] = {}
            for subject, _ in self.statements(predicate, obj=obj):
                found[subject] = None
        return list(found)

    def starts(self, predicate: str, obj: str | None = None) -> Iterator[tuple[str, str, str]]:
        yield from self._starts.get((predicate, obj), [])

    def keys_of(self, node: str, text: str) -> None:
        """None: the texts of an update are analysed when they are written."""
        return None

    def forget(self, predicate: str) -> None:
        """Nothing to drop: a few records' facts."""
