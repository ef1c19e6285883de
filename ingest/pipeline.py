"""An ingest run: read the sources, map each record to its named graph, write what changed, describe the run.

Deputies and organs are read first, then questions, so that ministries named without an id resolve against
the ministry organs of the same run as well as those already in the store (a worker sends back what it learnt
of each ministry organ with its graphs). The records of a large zip are mapped by worker processes (one share
of the members each, results kept in the zip's order); the main process compares content hashes and loads what
is new or changed, a batch at a time, in a thread of its own that the workers give way to.
"""
from __future__ import annotations

import ctypes
import os
import signal
import sys
import uuid
import zipfile
from collections import Counter, deque
from contextlib import closing
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from importlib.metadata import version
from pathlib import Path
from time import perf_counter
from typing import Iterable, Iterator

from pyoxigraph import NamedNode
from tqdm import tqdm

from hemicycle.ontology.iris import Minter
from hemicycle.ontology.terms import DCT, HM, PROV, SCHEMA, SKOS
from hemicycle.ingest import sources
from hemicycle.ingest.mapping.mapper import RecordMapper, SharedGraphs
from hemicycle.ingest.mapping.ministries import CAUSES, RESOLVED, MinistryResolver
from hemicycle.ingest.mapping.rdf import RecordGraph, integer, string, xsd_datetime
from hemicycle.ingest.records.model import Rejection, Skipped, SourceRecord
from hemicycle.ingest.store import GraphStore

PR_SET_PDEATHSIG = 1  # prctl(2)

# A batch of whole records loaded at once. Larger batches leave RocksDB fewer overlapping files to merge in the
# background (benchmarks/RESULTS.md) and hold more memory; a batch stays under the bulk loader's chunk of a
# million quads, so that a record is never split between two of its ingestions.
BATCH_BYTES = 192 << 20  # N-Quads bytes
BATCH_QUADS = 900_000
SHARE = 250  # zip members mapped by a worker per task
PARALLEL_FROM = 2_000  # zips with fewer members are mapped in the main process
# ... but for deputies and organs: an acteur with its mandates costs some ten questions (the XVIth's AMO20, 1,873
# members, takes 3.5 CPU-seconds), and the workers map them while the main process has nothing else to do.
PARALLEL_AMO_FROM = 500
IN_FLIGHT = 16  # shares per worker mapped ahead, so that workers go on while a batch loads
# Workers yield the processor to the loader: the batches load one after the other, so every second a load
# waits for a core is a second added to the run, whereas a worker that waits only maps later. (On a machine
# with cores to spare, nobody waits and this changes nothing.)
WORKER_NICENESS = 10


@dataclass
class IngestReport:
    read: int = 0
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    rejections: list[Rejection] = field(default_factory=list)
    # ministries named without an id: (legislature, outcome) -> how many, the outcome being "resolved" or
    # the cause it stayed unresolved (ingest.ministries.CAUSES)
    ministry_resolutions: Counter = field(default_factory=Counter)
    graphs_written: int = 0
    seconds: float = 0.0
    run_iri: str = ""

    @property
    def ingested(self) -> int:
        return self.added + self.updated

    @property
    def ministries_resolved(self) -> int:
        return sum(n for (_, outcome), n in self.ministry_resolutions.items() if outcome == RESOLVED)

    @property
    def ministries_unresolved(self) -> int:
        return sum(n for (_, outcome), n in self.ministry_resolutions.items() if outcome != RESOLVED)

    @property
    def resolution_rate(self) -> float | None:
        total = self.ministries_resolved + self.ministries_unresolved
        return self.ministries_resolved / total if total else None

    def resolutions_by_legislature(self) -> dict[int | None, Counter]:
        """Legislature -> outcome ("resolved" or a cause) -> how many, legislatures in order."""
        by_legislature: dict[int | None, Counter] = {}
        for (legislature, outcome), n in sorted(self.ministry_resolutions.items(), key=lambda i: (i[0][0] or 0)):
            by_legislature.setdefault(legislature, Counter())[outcome] += n
        return by_legislature

    def resolution_summary(self) -> str:
        """Per legislature, the ministries resolved by name out of those tried, and why the others were not:
        ``XVth 9334/9334; XVIth 1276/1278 (no organ bears the label: 2)``."""
        parts = []
        for legislature, outcomes in self.resolutions_by_legislature().items():
            causes = ", ".join(f"{text}: {outcomes[cause]}" for cause, text in CAUSES.items() if outcomes[cause])
            parts.append(f"{legislature_name(legislature)} {outcomes[RESOLVED]}/{sum(outcomes.values())}"
                         + (f" ({causes})" if causes else ""))
        return "; ".join(parts)

    def summary(self) -> str:
        rate = self.resolution_rate
        resolution = "" if rate is None else (
            f", ministries by name resolved {self.ministries_resolved}/"
            f"{self.ministries_resolved + self.ministries_unresolved} ({rate:.1%}) [{self.resolution_summary()}]")
        return (f"read {self.read} records, ingested {self.ingested} ({self.added} new, {self.updated} updated), "
                f"unchanged {self.unchanged}, rejected {len(self.rejections)}, skipped {self.skipped}, "
                f"unresolved ministries {self.ministries_unresolved}{resolution}, "
                f"{self.graphs_written} graphs written in {self.seconds:.1f} s")


def legislature_name(number: int | None) -> str:
    """A legislature as the summary names it: ``XVth``, ``XVIth``, ``XVIIth``.

    >>> legislature_name(14), legislature_name(15), legislature_name(17), legislature_name(21)
    ('XIVth', 'XVth', 'XVIIth', 'XXIst')
    """
    if number is None or number <= 0:
        return "legislature unknown"
    numerals, left = "", number
    for value, numeral in ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while left >= value:
            numerals, left = numerals + numeral, left - value
    suffix = "th" if number % 100 in (11, 12, 13) else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return numerals + suffix


def software_version() -> str:
    try:
        return version("hemicycle")
    except Exception:  # pragma: no cover - running from a source tree that is not installed
        return "0+unknown"


class Ingester:
    """Runs ingests into one store. ``max_record_size`` is the most bytes a record may hold (a larger one is
    rejected without being read into memory; a dump is capped record by record, not as a whole)."""

    def __init__(self, store: GraphStore, *, iris: Minter | None = None, progress: bool | None = None,
                 on_rejection=None, jobs: int | None = None, niceness: int = WORKER_NICENESS,
                 max_record_size: int = sources.MAX_RECORD_SIZE):
        self.store = store
        self.iris = iris or Minter()
        self.progress = progress
        self.on_rejection = on_rejection or (lambda r: tqdm.write(f"rejected: {r}", file=sys.stderr))
        self.jobs = jobs if jobs is not None else (os.cpu_count() or 1)
        self.niceness = niceness
        self.max_record_size = max_record_size

    def run(self, paths: Iterable[str | Path]) -> IngestReport:
        """Ingest these files and folders. A store that cannot be written (a full disk) stops the run with
        :class:`~hemicycle.ontology.errors.StoreWriteError`: the batches loaded before stay in the store, and the same run done
        again skips them as unchanged."""
        started, clock = datetime.now(timezone.utc), perf_counter()
        report = IngestReport()
        run_id = started.strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:8]
        run = self.iris.run(run_id)
        report.run_iri = run.value
        files = sources.list_files(paths)
        hashes = {f: sources.sha256_of(f) for f in tqdm(files, desc="hashing", unit="file",
                                                       disable=self._quiet(len(files) < 5))}
        archives = {f: sources.open_zip(f) for f in files}
        ministries = self._known_ministries()
        self.mapper = RecordMapper(self.iris, run, ministries)
        self.hashes = self.store.record_hashes()
        self.pending: list[bytes] = []
        self.pending_size = self.pending_quads = 0
        self.loader, self.loading = ThreadPoolExecutor(1, thread_name_prefix="loader"), None
        total = sum(len(archive.infolist()) if archive else 1 for archive in archives.values())
        try:
            with tqdm(total=total, desc="ingesting", unit="rec", disable=self._quiet(total < 200)) as bar:
                self.deferred = {}
                for accept in (sources.amo_only, sources.all_but_amo):
                    self.deferring = accept is sources.amo_only
                    for file in files:
                        with closing(self._mapped(file, hashes[file], archives[file], accept, bar)) as mapped:
                            for item in mapped:
                                self._take(item, report)
                    # No wait between the phases: what is pending goes with the next batch, and the batch being
                    # loaded goes on loading while the questions are mapped.
                    self._store_deferred(report)
                self._flush()
                bar.update(max(0, bar.total - bar.n))
        finally:  # also when the store cannot be written: the workers and the loader stop, the zips close
            self.loader.shutdown(cancel_futures=True)
            for archive in archives.values():
                if archive is not None:
                    archive.close()
        report.seconds = perf_counter() - clock
        self._describe_run(run_id, started, files, hashes, report)
        return report

    def _quiet(self, small: bool) -> bool | None:
        if self.progress is None:
            return True if small else None  # None: tqdm shows the bar only on a terminal
        return not self.progress

    def _known_ministries(self) -> MinistryResolver:
        """Ministry organs already in the store, so that a later run of questions alone resolves too."""
        ministries = MinistryResolver()
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
            ministries.add(row["uid"].value, row["label"] and row["label"].value,
                           row["short"] and row["short"].value, day(row["start"]), day(row["end"]))
        return ministries

    def _mapped(self, file: Path, sha: str, archive, accept, bar) -> Iterator:
        """Every item of one file, mapped: in worker processes for a large zip, here otherwise."""
        infos = self._members(archive, accept)
        amo = accept is sources.amo_only
        if self.jobs > 1 and len(infos) >= (PARALLEL_AMO_FROM if amo else PARALLEL_FROM):
            names = [info.filename for info in infos]
            shares = [names[i:i + SHARE] for i in range(0, len(names), SHARE)]
            with ProcessPoolExecutor(self.jobs, initializer=_start_worker,
                                     initargs=(self.mapper, self.niceness)) as pool:
                # A few shares in flight, results taken in the zip's order: memory stays bounded.
                in_flight: deque = deque()
                try:
                    for share in shares:
                        in_flight.append(pool.submit(_map_share, (str(file), share, sha, amo,
                                                                  self.max_record_size)))
                        if len(in_flight) > IN_FLIGHT * self.jobs:
                            yield from self._done(in_flight.popleft(), bar)
                    while in_flight:
                        yield from self._done(in_flight.popleft(), bar)
                finally:  # a run stopped early (the store cannot be written) maps no more shares
                    for future in in_flight:
                        future.cancel()
            return
        items = (sources.read_members(archive, infos, sha, accept, self.max_record_size) if archive is not None
                 else sources.read_file(file, sha, accept, None, self.max_record_size))
        for item in items:
            bar.update(1)
            yield self.mapper.map(item) if isinstance(item, SourceRecord) else item
        bar.update(0)

    @staticmethod
    def _members(archive, accept) -> list[zipfile.ZipInfo]:
        """The members of a zip this phase may read: in the deputies' phase, those not told from their first
        bytes to be something else (a questions zip's)."""
        if archive is None:
            return []
        infos = sources.members(archive)
        return sources.maybe_accepted(archive, infos, accept) if accept is sources.amo_only else infos

    @staticmethod
    def _done(future, bar) -> list:
        results = future.result()
        bar.update(sum(not isinstance(result, SharedGraphs) for result in results))
        return results

    def _take(self, mapped, report: IngestReport) -> None:
        if isinstance(mapped, Skipped):
            report.skipped += 1
            return
        if isinstance(mapped, SharedGraphs):
            for graph in mapped.graphs:
                self._defer(graph)
            return
        report.read += 1
        if isinstance(mapped, Rejection) or mapped.rejection is not None:
            rejection = mapped if isinstance(mapped, Rejection) else mapped.rejection
            report.rejections.append(rejection)
            self.on_rejection(rejection)
            return
        report.ministry_resolutions.update(mapped.resolutions)
        if mapped.ministry is not None:  # a ministry organ: questions name it, maybe without its id
            self.mapper.ministries.add(*mapped.ministry)
        for graph in mapped.graphs:
            if self.deferring or not graph.counted:
                # Deputies, organs, mandates and concepts may come several times in one run (two AMO
                # snapshots, a concept used by many questions): the last one wins, compared with the store
                # once, so that ingesting the same sources again changes nothing.
                self._defer(graph)
            else:
                self._store_graph(graph, report)

    def _defer(self, graph) -> None:
        """Keep a graph to write at the end of the phase; a later version of it replaces an earlier one (but
        for the shared nodes described once, whose first description stands)."""
        if graph.first_wins and graph.name in self.deferred:
            return
        self.deferred.pop(graph.name, None)
        self.deferred[graph.name] = graph

    def _store_deferred(self, report: IngestReport) -> None:
        for graph in self.deferred.values():
            self._store_graph(graph, report)
        self.deferred = {}

    def _store_graph(self, graph, report: IngestReport) -> None:
        """Write one graph if it is new (in a batch) or changed (replaced at once); count it."""
        previous = self.hashes.get(graph.name)
        if previous == graph.digest:
            report.unchanged += graph.counted
            return
        report.graphs_written += 1
        if previous is None:
            report.added += graph.counted
            self.pending.append(graph.nquads)
            self.pending_size += len(graph.nquads)
            self.pending_quads += graph.quads
            if self.pending_size >= BATCH_BYTES or self.pending_quads >= BATCH_QUADS:
                self._flush(wait=False)
        else:
            report.updated += graph.counted
            self._flush()
            self.store.replace_record(NamedNode(graph.name), graph.nquads)
        self.hashes[graph.name] = graph.digest

    def _flush(self, wait: bool = True) -> None:
        """Load the pending records. The load runs in a thread (pyoxigraph releases the GIL meanwhile), so
        that mapping goes on; ``wait`` returns only once everything handed over is in the store."""
        if self.loading is not None:
            self.loading.result()
            self.loading = None
        if self.pending:
            self.loading = self.loader.submit(self.store.add_nquads, b"".join(self.pending))
        self.pending, self.pending_size, self.pending_quads = [], 0, 0
        if wait and self.loading is not None:
            self.loading.result()
            self.loading = None

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
        self.store.add_nquads(graph.nquads())


# Worker processes: each keeps its own mapper (a copy of the main one, with the ministries known when the
# questions started) and its own open zip archives.
_worker: dict = {}


def _start_worker(mapper: RecordMapper, niceness: int) -> None:
    _die_with_parent()
    if niceness > 0 and hasattr(os, "nice"):  # (POSIX)
        os.nice(niceness)
    _worker["mapper"] = mapper
    _worker["archives"] = {}


def _die_with_parent() -> None:
    """Ask Linux to kill this worker when the ingest that started it dies: a main process killed outright
    (SIGKILL, the OOM killer) cannot stop its workers, which would wait on their queue for ever, holding their
    memory. Elsewhere nothing is done."""
    parent = os.getppid()
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # not Linux
        return
    if os.getppid() != parent:  # the parent died before the request was made
        os._exit(1)


def _map_share(task) -> list:
    path, names, sha, amo, max_size = task
    archives = _worker["archives"]
    if path not in archives:
        archives[path] = zipfile.ZipFile(path)
    mapper: RecordMapper = _worker["mapper"]
    accept = sources.amo_only if amo else sources.all_but_amo
    return mapper.map_many(sources.read_members(archives[path], names, sha, accept, max_size))
