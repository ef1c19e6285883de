"""An ingest run: read the sources, map each record to its named graph, write what changed, describe the run.

Deputies and organs are read first, then questions, so that ministries named without an id resolve against
the ministry organs of the same run as well as those already in the store (a worker sends back what it learnt
of each ministry organ with its graphs). The records of a large zip are mapped by worker processes (one share
of the members each, results kept in the zip's order); the main process compares content hashes and loads what
is new or changed, a batch at a time, in a thread of its own that the workers give way to.

Who does what: :mod:`.sources` finds the records, :mod:`.mapping.mapper` maps them, :mod:`.writer` writes
them (:mod:`.mapping.shared` says which description of a graph described twice stands), and
:class:`~.report.IngestReport` counts them.
"""
from __future__ import annotations

import ctypes
import os
import signal
import sys
import uuid
from collections import deque
from contextlib import closing
from concurrent.futures import ProcessPoolExecutor
from datetime import date, datetime, timezone
from importlib import resources
from importlib.metadata import version
from pathlib import Path
from time import perf_counter
from typing import Iterable, Iterator

from tqdm import tqdm

from hemicycle.ontology.iris import Minter
from hemicycle.ontology.terms import HM, PROV
from hemicycle.ingest import sources
from hemicycle.ingest.mapping.mapper import RecordMapper, SharedGraphs
from hemicycle.ingest.mapping.ministries import MinistryResolver
from hemicycle.ingest.mapping.rdf import RecordGraph, integer, string, xsd_datetime
from hemicycle.ingest.records.model import Rejection, Skipped, SourceRecord
from hemicycle.ingest.report import IngestReport  # (imported from here too)
from hemicycle.ingest.store import GraphStore
from hemicycle.ingest.writer import GraphWriter

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
# A speed trick: workers run at a lower priority (a higher niceness) than the main process, so that they yield
# the processor to the loader. Why: the batches load one after the other, in the main process, and set the pace
# of the run, so every second a load waits for a core is a second added to the run, whereas a worker that waits
# only maps later (benchmarks/RESULTS.md, "Where the time goes"). On a machine with cores to spare nobody waits
# and this changes nothing. ``hemicycle ingest --worker-niceness`` sets it.
WORKER_NICENESS = 10

KNOWN_MINISTRIES = resources.files("hemicycle.ingest") / "sparql" / "known-ministries.rq"


def software_version() -> str:
    try:
        return version("hemicycle")
    except Exception:  # pragma: no cover - running from a source tree that is not installed
        return "0+unknown"


class Ingester:
    """Runs ingests into one store. ``max_record_size`` is the most bytes a record may hold (a larger one is
    rejected without being read into memory; a dump is capped record by record, not as a whole).

    An ingester holds only its settings: what one run needs while it goes (its report, its mapper with the
    ministries learnt so far, its writer and its progress bar) is made by :meth:`run` and handed down."""

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
        :class:`~hemicycle.ontology.errors.StoreWriteError`: the batches loaded before stay in the store, and
        the same run done again skips them as unchanged."""
        started, clock = datetime.now(timezone.utc), perf_counter()
        run_id = started.strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:8]
        run = self.iris.run(run_id)
        report = IngestReport(run_iri=run.value)
        files = sources.list_files(paths)
        hashes = {f: sources.sha256_of(f) for f in tqdm(files, desc="hashing", unit="file",
                                                       disable=self._quiet(len(files) < 5))}
        archives = {f: sources.open_zip(f) for f in files}
        mapper = RecordMapper(self.iris, run, self._known_ministries())
        writer = GraphWriter(self.store, report, BATCH_BYTES, BATCH_QUADS)
        total = sum(sources.entry_count(archive) if archive else 1 for archive in archives.values())
        try:
            with tqdm(total=total, desc="ingesting", unit="rec", disable=self._quiet(total < 200)) as bar:
                for selection in sources.PASSES:  # the deputies' pass, then the questions'
                    for file in files:
                        mapped = self._mapped(mapper, file, hashes[file], archives[file], selection, bar)
                        with closing(mapped):
                            for item in mapped:
                                self._take(item, report, mapper, writer, selection.amo)
                    # No wait between the passes: what is pending goes with the next batch, and the batch being
                    # loaded goes on loading while the questions are mapped.
                    writer.end_pass()
                writer.flush()
                bar.update(max(0, bar.total - bar.n))
        finally:  # also when the store cannot be written: the workers and the loader stop, the zips close
            writer.close()
            sources.close_zips(archives.values())
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

        def day(term):
            return date.fromisoformat(term.value) if term is not None else None

        for row in self.store.query(KNOWN_MINISTRIES.read_text(encoding="utf-8")):
            ministries.add(row["uid"].value, row["label"] and row["label"].value,
                           row["short"] and row["short"].value, day(row["start"]), day(row["end"]))
        return ministries

    def _mapped(self, mapper: RecordMapper, file: Path, sha: str, archive, selection: sources.Selection,
                bar) -> Iterator:
        """Every item of one file that this pass reads, mapped: in worker processes for a large zip, here
        otherwise."""
        infos = sources.members_for(archive, selection) if archive is not None else []
        if self.jobs > 1 and len(infos) >= (PARALLEL_AMO_FROM if selection.amo else PARALLEL_FROM):
            names = [info.filename for info in infos]
            shares = [names[i:i + SHARE] for i in range(0, len(names), SHARE)]
            with ProcessPoolExecutor(self.jobs, initializer=_start_worker,
                                     initargs=(mapper, self.niceness)) as pool:
                # A few shares in flight, results taken in the zip's order: memory stays bounded.
                in_flight: deque = deque()
                try:
                    for share in shares:
                        in_flight.append(pool.submit(_map_share, (str(file), share, sha, selection.amo,
                                                                  self.max_record_size)))
                        if len(in_flight) > IN_FLIGHT * self.jobs:
                            yield from self._done(in_flight.popleft(), bar)
                    while in_flight:
                        yield from self._done(in_flight.popleft(), bar)
                finally:  # a run stopped early (the store cannot be written) maps no more shares
                    for future in in_flight:
                        future.cancel()
            return
        items = (sources.read_members(archive, infos, sha, selection, self.max_record_size) if archive is not None
                 else sources.read_file(file, sha, selection, None, self.max_record_size))
        for item in items:
            bar.update(1)
            yield mapper.map(item) if isinstance(item, SourceRecord) else item
        bar.update(0)

    @staticmethod
    def _done(future, bar) -> list:
        results = future.result()
        bar.update(sum(not isinstance(result, SharedGraphs) for result in results))
        return results

    def _take(self, mapped, report: IngestReport, mapper: RecordMapper, writer: GraphWriter,
              amo_pass: bool) -> None:
        """Count one mapped item, learn the ministry organ it describes, and hand its graphs to the writer."""
        if isinstance(mapped, Skipped):
            report.skipped += 1
            return
        if isinstance(mapped, SharedGraphs):
            for graph in mapped.graphs:
                writer.take(graph, amo_pass)
            return
        report.read += 1
        if isinstance(mapped, Rejection) or mapped.rejection is not None:
            rejection = mapped if isinstance(mapped, Rejection) else mapped.rejection
            report.rejections.append(rejection)
            self.on_rejection(rejection)
            return
        report.ministry_resolutions.update(mapped.resolutions)
        if mapped.ministry is not None:  # a ministry organ: questions name it, maybe without its id
            mapper.ministries.add(*mapped.ministry)
        for graph in mapped.graphs:
            writer.take(graph, amo_pass)

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
    if niceness > 0 and hasattr(os, "nice"):  # (POSIX) see WORKER_NICENESS for why
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
    """One worker task: ``(zip path, member names, zip hash, whether it is the deputies' pass, record cap)``."""
    path, names, sha, amo, max_size = task
    archives = _worker["archives"]
    if path not in archives:
        archives[path] = sources.reopen_zip(path)
    mapper: RecordMapper = _worker["mapper"]
    selection = sources.amo_only if amo else sources.all_but_amo
    return mapper.map_many(sources.read_members(archives[path], names, sha, selection, max_size))
