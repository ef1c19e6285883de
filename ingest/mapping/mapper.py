"""One source record → the named graphs it writes, serialised, with their content hashes.

This is the CPU-heavy half of an ingest (mapping and serialising), kept free of the store so that it can
run in worker processes; the store side only compares hashes and loads what changed.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from pyoxigraph import NamedNode

from hemicycle.ontology.iris import Minter
from hemicycle.ontology.terms import HM, PROV
from hemicycle.ingest.mapping.amo import AmoMapper
from hemicycle.ingest.mapping.question import QuestionMapper
from hemicycle.ingest.mapping.ministries import RESOLVED, MinistryResolver
from hemicycle.ingest.mapping.rdf import RecordGraph, string
from hemicycle.ingest.mapping.shared import keep
from hemicycle.ingest.records.model import Mandate, Organ, Origin, Person, Question, Rejection, SourceRecord


@dataclass(frozen=True)
class MappedGraph:
    """One record graph, ready to write: its name, the hash of its data, its quads as N-Quads (and how many)."""

    name: str
    digest: str
    nquads: bytes
    counted: bool  # false for the graphs a source record brings along (mandates, concepts)
    first_wins: bool = False  # its first description in a run stands (hemicycle.ingest.mapping.shared)
    quads: int = 0


@dataclass
class Mapped:
    """What one source record gives: its graphs, or its rejection."""

    graphs: list[MappedGraph]
    rejection: Rejection | None = None
    # ministries named without an id that the record tried to resolve: (legislature, outcome) -> how many
    resolutions: dict[tuple[int | None, str], int] = field(default_factory=dict)
    # for a ministry organ, what the resolver learns of it: (uid, label, short label, start, end)
    ministry: tuple | None = None

    @property
    def resolved(self) -> int:
        return sum(n for (_, outcome), n in self.resolutions.items() if outcome == RESOLVED)

    @property
    def unresolved(self) -> int:
        return sum(n for (_, outcome), n in self.resolutions.items() if outcome != RESOLVED)


@dataclass(frozen=True)
class SharedGraphs:
    """The graphs of the shared nodes that a run of records described, each once, as
    :mod:`hemicycle.ingest.mapping.shared` says."""

    graphs: list[MappedGraph]


class RecordMapper:
    def __init__(self, iris: Minter, run: NamedNode, ministries: MinistryResolver):
        self.iris = iris
        self.run = run
        self.ministries = ministries
        self.questions = QuestionMapper(iris, ministries)
        self.amo = AmoMapper(iris)
        self._sources: dict[str, NamedNode] = {}  # source file's hash → its node

    def map(self, item: SourceRecord, shared: dict | None = None) -> Mapped:
        """The graphs of one record. With ``shared``, the graphs of the shared nodes it describes go there
        (graph name → the graph and the origin of the description that stands) instead of into the result."""
        record, origin = item.record, item.origin
        counts = self.ministries.counts
        before = dict(counts) if isinstance(record, Question) else None
        try:
            graphs = list(self._graphs(record, origin, shared))
        except ValueError as error:  # an identifier the IRI rules refuse
            return Mapped([], Rejection(origin, str(error), record.uid))
        if before is None:
            if isinstance(record, Organ) and record.kind == "MINISTERE":
                return Mapped(graphs, ministry=(record.uid, record.label, record.short_label, record.start,
                                                record.end))
            return Mapped(graphs)
        return Mapped(graphs, None, {key: n - before.get(key, 0) for key, n in counts.items()
                                     if n != before.get(key, 0)})

    def map_many(self, items) -> list:
        """Map a run of records (and pass skipped and rejected items through), then add the graphs of the
        shared nodes they described, each finished once. A rubrique used by a hundred questions is described
        a hundred times; the description that stands is the one that would record by record
        (:mod:`hemicycle.ingest.mapping.shared`)."""
        results, shared = [], {}
        for item in items:
            results.append(self.map(item, shared) if isinstance(item, SourceRecord) else item)
        if shared:
            results.append(SharedGraphs([self._finish(graph, origin, False) for graph, origin in shared.values()]))
        return results

    def _graphs(self, record, origin: Origin, shared: dict | None):
        if isinstance(record, Person):
            # The person and each of its mandates are records of their own: snapshots of one deputy from
            # several AMO datasets add their mandates up; the facts of one uid come from the last source.
            yield from self._graphs_of(record.uid, origin, lambda g: self.amo.person(record, g), shared)
            for mandate in record.mandates:
                yield from self._graphs_of(mandate.uid, origin, lambda g, m=mandate: self.amo.mandate(m, g), shared,
                                           False)
        elif isinstance(record, Mandate):
            yield from self._graphs_of(record.uid, origin, lambda g: self.amo.mandate(record, g), shared)
        elif isinstance(record, Organ):
            yield from self._graphs_of(record.uid, origin, lambda g: self.amo.organ(record, g), shared)
        elif isinstance(record, Question):
            yield from self._graphs_of(record.uid, origin, lambda g: self.questions.map(record, g), shared)

    def _graphs_of(self, uid: str, origin: Origin, build, shared: dict | None, counted: bool = True):
        """The record's own graph, then the graphs of the shared nodes it describes (never counted)."""
        graph = RecordGraph(self.iris.record_graph(uid), self.iris.shared_graph)
        build(graph)
        yield self._finish(graph, origin, counted)
        for node_graph in graph.shared.values():
            if shared is None:
                yield self._finish(node_graph, origin, False)
            else:
                keep(shared, node_graph.name.value, (node_graph, origin), node_graph.first_wins)

    def _finish(self, graph: RecordGraph, origin: Origin, counted: bool) -> MappedGraph:
        # The mapping is deterministic (same record, same quads in the same order): hash their N-Quads.
        data = graph.nquads()
        digest = hashlib.sha256(data).hexdigest()
        name, about = graph.name, RecordGraph(graph.name)
        source = self._sources.get(origin.sha256)
        if source is None:
            source = self._sources[origin.sha256] = self.iris.source(origin.sha256)
        about.add(name, PROV.wasDerivedFrom, source)
        about.add(name, HM.zipMember, string(origin.member))
        about.add(name, PROV.wasGeneratedBy, self.run)
        about.add(name, HM.contentHash, string(digest))
        return MappedGraph(name.value, digest, data + about.nquads(), counted, graph.first_wins,
                           len(graph.lines) + len(about.lines))
