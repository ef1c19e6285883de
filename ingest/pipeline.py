"""An ingest run: read the sources, map each record to its named graph, write what changed, describe the run.

Deputies and organs are read first, then questions, so that ministries named without an id resolve against
the ministry organs of the same run as well as those already in the store.
"""
from __future__ import annotations

import hashlib
import sys
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from importlib.metadata import version
from pathlib import Path
from time import perf_counter
from typing import Iterable

from pyoxigraph import Quad, RdfFormat, serialize
from tqdm import tqdm

from hemicycle.ontology.iris import Minter
from hemicycle.ontology.terms import DCT, HM, PROV, SKOS, SCHEMA

from . import sources
from .map_amo import AmoMapper
from .map_question import QuestionMapper
from .ministries import MinistryResolver
from .rdf import RecordGraph, integer, string, xsd_datetime
from .records import Mandate, Organ, Person, Question, Rejection, Skipped, SourceRecord
from .store import GraphStore

BATCH_QUADS = 500_000


@dataclass
class IngestReport:
    read: int = 0
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    rejections: list[Rejection] = field(default_factory=list)
    ministries_resolved: int = 0
    ministries_unresolved: int = 0
    quads_written: int = 0
    seconds: float = 0.0
    run_iri: str = ""

    @property
    def ingested(self) -> int:
        return self.added + self.updated

    @property
    def resolution_rate(self) -> float | None:
        total = self.ministries_resolved + self.ministries_unresolved
        return self.ministries_resolved / total if total else None

    def summary(self) -> str:
        rate = self.resolution_rate
        resolution = "" if rate is None else (
            f", ministries by name resolved {self.ministries_resolved}/"
            f"{self.ministries_resolved + self.ministries_unresolved} ({rate:.1%})")
        return (f"read {self.read} records, ingested {self.ingested} ({self.added} new, {self.updated} updated), "
                f"unchanged {self.unchanged}, rejected {len(self.rejections)}, skipped {self.skipped}, "
                f"unresolved ministries {self.ministries_unresolved}{resolution}, "
                f"{self.quads_written} quads written in {self.seconds:.1f} s")


def software_version() -> str:
    try:
        return version("hemicycle")
    except Exception:  # pragma: no cover - running from a source tree that is not installed
        return "0+unknown"


class Ingester:
    def __init__(self, store: GraphStore, *, iris: Minter | None = None, progress: bool | None = None,
                 on_rejection=None):
        self.store = store
        self.iris = iris or Minter()
        self.progress = progress
        self.on_rejection = on_rejection or (lambda r: tqdm.write(f"rejected: {r}", file=sys.stderr))
        self.ministries = MinistryResolver()
        self.questions = QuestionMapper(self.iris, self.ministries)
        self.amo = AmoMapper(self.iris)

    def run(self, paths: Iterable[str | Path]) -> IngestReport:
        started, clock = datetime.now(timezone.utc), perf_counter()
        report = IngestReport()
        run_id = started.strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:8]
        run = self.iris.run(run_id)
        report.run_iri = run.value
        files = sources.list_files(paths)
        hashes = {f: sources.sha256_of(f) for f in tqdm(files, desc="hashing", unit="file",
                                                       disable=self._quiet(len(files) < 5))}
        self._known_ministries()
        self.hashes = self.store.record_hashes()
        self.pending: list[Quad] = []
        total = sum(sources.count_members(f) for f in files)
        with tqdm(total=2 * total, desc="ingesting", unit="rec", disable=self._quiet(total < 200)) as bar:
            for accept in (sources.amo_only, sources.all_but_amo):
                for file in files:
                    for item in sources.read_file(file, hashes[file], accept):
                        self._take(item, run, report)
                        bar.update(1)
                    bar.update(0)
                self._flush(report)
            bar.n = bar.total
        report.ministries_resolved = self.ministries.resolved
        report.ministries_unresolved = self.ministries.unresolved
        report.seconds = perf_counter() - clock
        self._describe_run(run_id, started, files, hashes, report)
        return report

    def _quiet(self, small: bool) -> bool | None:
        if self.progress is None:
            return True if small else None  # None: tqdm shows the bar only on a terminal
        return not self.progress

    def _known_ministries(self) -> None:
        """Ministry organs already in the store, so that a later run of questions alone resolves too."""
        rows = self.store.query(
            f"""SELECT ?uid ?label ?short ?start ?end WHERE {{
                ?o a <{HM.Ministry.value}> ; <{DCT.identifier.value}> ?uid .
                FILTER NOT EXISTS {{ ?o a <{HM.UnresolvedMinistry.value}> }}
                OPTIONAL {{ ?o <{SKOS.prefLabel.value}> ?label }} OPTIONAL {{ ?o <{HM.shortLabel.value}> ?short }}
                OPTIONAL {{ ?o <{SCHEMA.startDate.value}> ?start }} OPTIONAL {{ ?o <{SCHEMA.endDate.value}> ?end }}
            }}""")
        def day(term):
            return date.fromisoformat(term.value) if term is not None else None

        for row in rows:
            self.ministries.add(row["uid"].value, row["label"] and row["label"].value,
                                row["short"] and row["short"].value, day(row["start"]), day(row["end"]))

    def _take(self, item, run, report: IngestReport) -> None:
        if isinstance(item, Skipped):
            report.skipped += 1
            return
        report.read += 1
        if isinstance(item, Rejection):
            report.rejections.append(item)
            self.on_rejection(item)
            return
        record, origin = item.record, item.origin
        try:
            if isinstance(record, Person):
                # The person and each of its mandates are records of their own: snapshots of one deputy
                # from several AMO datasets add their mandates up; the facts of one uid come from the
                # last source ingested.
                self._write(record.uid, origin, run, report, lambda g: self.amo.person(record, g))
                for mandate in record.mandates:
                    self._write(mandate.uid, origin, run, report, lambda g, m=mandate: self.amo.mandate(m, g),
                                counts=False)
            elif isinstance(record, Mandate):
                self._write(record.uid, origin, run, report, lambda g: self.amo.mandate(record, g))
            elif isinstance(record, Organ):
                self._write(record.uid, origin, run, report, lambda g: self.amo.organ(record, g))
                if record.kind == "MINISTERE":
                    self.ministries.add(record.uid, record.label, record.short_label, record.start, record.end)
            else:
                self._write(record.uid, origin, run, report, lambda g: self.questions.map(record, g))
                for scheme, label in self.questions.concepts(record):
                    key = self.iris.concept(scheme, label).value[len(self.iris.base):]
                    self._write(key, origin, run, report,
                                lambda g, s=scheme, lab=label: self.questions.concept(s, lab, g), counts=False)
        except ValueError as error:  # an identifier the IRI rules refuse
            rejection = Rejection(origin, str(error), record.uid)
            report.rejections.append(rejection)
            self.on_rejection(rejection)

    def _write(self, uid: str, origin, run, report: IngestReport, build, *, counts: bool = True) -> None:
        """Map one record into its named graph and write it if it is new or changed.

        ``counts`` is false for the graphs a source record brings along (an acteur's mandates, a question's
        concepts): the report counts source records.
        """
        graph = RecordGraph(self.iris.record_graph(uid))
        build(graph)
        # The mapping is deterministic (same record, same quads in the same order): hash their N-Quads.
        digest = hashlib.sha256(serialize(graph.quads, format=RdfFormat.N_QUADS)).hexdigest()
        name = graph.name
        previous = self.hashes.get(name.value)
        if previous == digest:
            report.unchanged += counts
            return
        add = graph.add
        add(name, PROV.wasDerivedFrom, self.iris.source(origin.sha256))
        add(name, HM.zipMember, string(origin.member))
        add(name, PROV.wasGeneratedBy, run)
        add(name, HM.contentHash, string(digest))
        report.quads_written += len(graph.quads)
        if previous is None:
            report.added += counts
            self.pending.extend(graph.quads)
            if len(self.pending) >= BATCH_QUADS:
                self._flush(report)
        else:
            report.updated += counts
            self._flush(report)
            self.store.replace_record(name, graph.quads)
        self.hashes[name.value] = digest

    def _flush(self, report: IngestReport) -> None:
        self.store.add_records(self.pending)
        self.pending = []

    def _describe_run(self, run_id, started, files, hashes, report: IngestReport) -> None:
        graph = RecordGraph(self.iris.run_graph(run_id))
        run, add = self.iris.run(run_id), graph.add
        software = self.iris.software(software_version())
        graph.type(run, PROV.Activity, HM.IngestRun)
        add(run, PROV.startedAtTime, xsd_datetime(started))
        add(run, PROV.endedAtTime, xsd_datetime(datetime.now(timezone.utc)))
        add(run, PROV.wasAssociatedWith, software)
        graph.type(software, PROV.SoftwareAgent)
        add(software, HM.softwareVersion, string(software_version()))
        for file in files:
            source = self.iris.source(hashes[file])
            add(run, PROV.used, source)
            graph.type(source, PROV.Entity, HM.SourceFile)
            add(source, HM.path, string(str(file)))
            add(source, HM.sha256, string(hashes[file]))
        for prop, count in ((HM.recordsRead, report.read), (HM.recordsIngested, report.ingested),
                            (HM.recordsUnchanged, report.unchanged), (HM.recordsRejected, len(report.rejections))):
            add(run, prop, integer(count))
        self.store.add_records(graph.quads)
