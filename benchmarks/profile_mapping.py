#!/usr/bin/env python3
"""The mapping workers' half of an ingest, alone, in this process: CPU per record, a profile, the bytes.

It does what ``hemicycle ingest`` does with these files, without a store: the AMO records are mapped first (and
the ministry organs they hold taught to the resolver), then each zip's members are mapped by shares of
``pipeline.SHARE``, by the function the worker processes run (``pipeline._map_share``), and each share's
result is pickled and unpickled as it would be between a worker and the main process. Files that are not
zips, or small zips, are mapped record by record as the main process maps them.

It prints the CPU-seconds (``time.process_time``) of the questions' phase per 1,000 records: mapping, and the
pickling of the results. With ``--profile sample``, a sampling profiler (a ``SIGPROF`` timer, every millisecond
of CPU at most, as often as the kernel's clock ticks allow: it costs little and leaves the figures alone) notes
the Python stack over the questions' phase, and the functions and lines that cost most are printed (``--top``):
by own time (the innermost Python function, with the C functions it calls, such as a regular expression's
``sub``) and by cumulative time. ``--profile cprofile`` does the same with cProfile, which counts calls but
slows the small functions down several times over. With ``--dump FILE``, the N-Quads of every graph mapped are
written to FILE in the order they were mapped, with a fixed run IRI, so that two versions of the code can be
compared byte for byte (the SHA-256 is printed).

Usage::

    python benchmarks/profile_mapping.py                                  # the real XVIth QG and AMO20
    python benchmarks/profile_mapping.py --profile sample --top 25
    python benchmarks/profile_mapping.py --dump /tmp/before.nq ../shared/data/an
    python benchmarks/profile_mapping.py --limit 10000 benchmarks/out/AMO_synthetic.json.zip \
        benchmarks/out/Questions_ecrites.json.zip
"""
from __future__ import annotations

import argparse
import cProfile
import hashlib
import io
import pickle
import pstats
import signal
import sys
import time
from collections import Counter
from pathlib import Path

from hemicycle.ingest import pipeline, sources
from hemicycle.ingest.mapping.mapper import Mapped, RecordMapper, SharedGraphs
from hemicycle.ingest.mapping.ministries import MinistryResolver
from hemicycle.ingest.records.model import SourceRecord
from hemicycle.ontology.iris import Minter

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent.parent / "shared" / "data" / "an"
DEFAULT_PATHS = [SHARED / "amo" / "l16-AMO20_dep_sen_min_tous_mandats_et_organes.json.zip",
                 SHARED / "questions" / "l16-questions-gouvernement-1-639.json.zip"]
RUN_ID = "profile"


class Dump:
    """The N-Quads of the graphs mapped, to a file (if any) and to a hash."""

    def __init__(self, path: Path | None):
        self.file = open(path, "wb") if path else None
        self.digest, self.bytes, self.graphs = hashlib.sha256(), 0, 0

    def results(self, results) -> None:
        for result in results:
            graphs = result.graphs if isinstance(result, (Mapped, SharedGraphs)) else []
            for graph in graphs:
                self.digest.update(graph.nquads)
                self.bytes += len(graph.nquads)
                self.graphs += 1
                if self.file:
                    self.file.write(graph.nquads)

    def close(self) -> None:
        if self.file:
            self.file.close()


class Sampler:
    """Notes the Python stack every ``interval`` s of the process's CPU time (``SIGPROF``), while enabled."""

    def __init__(self, interval: float = 0.001):
        self.interval, self.samples, self.cpu, self._since = interval, 0, 0.0, 0.0
        self.own, self.lines, self.cumulative = Counter(), Counter(), Counter()
        signal.signal(signal.SIGPROF, self._note)

    def _note(self, _signum, frame) -> None:
        self.samples += 1
        if frame is None:
            return
        code = frame.f_code
        self.own[_name(code)] += 1
        self.lines[f"{Path(code.co_filename).name}:{frame.f_lineno} ({code.co_name})"] += 1
        seen = set()
        while frame is not None:
            name = _name(frame.f_code)
            if name not in seen:
                seen.add(name)
                self.cumulative[name] += 1
            frame = frame.f_back

    def enable(self) -> None:
        self._since = time.process_time()
        signal.setitimer(signal.ITIMER_PROF, self.interval, self.interval)

    def disable(self) -> None:
        signal.setitimer(signal.ITIMER_PROF, 0, 0)
        self.cpu += time.process_time() - self._since

    def report(self, top: int) -> str:
        # The kernel checks CPU timers at its clock ticks: a sample may stand for more than the interval, so
        # the CPU-seconds are the samples' share of the CPU time measured while the profiler ran.
        out = [f"{self.samples:,} samples over {self.cpu:.2f} CPU-s"]
        for title, counts in (("own time (innermost Python function)", self.own),
                              ("own time, by line", self.lines), ("cumulative time", self.cumulative)):
            out += ["", f"  {'share':>6}  {'CPU-s':>7}  {title}"]
            for name, n in counts.most_common(top):
                share = n / max(self.samples, 1)
                out.append(f"  {share:6.1%}  {share * self.cpu:7.2f}  {name}")
        return "\n".join(out)


def _name(code) -> str:
    return f"{Path(code.co_filename).name}:{code.co_firstlineno}({code.co_qualname})"


def _map_main(mapper: RecordMapper, item):
    """One item as the main process maps it, and takes what it learns of a ministry organ."""
    if not isinstance(item, SourceRecord):
        return item
    mapped = mapper.map(item)
    if mapped.ministry is not None:
        mapper.ministries.add(*mapped.ministry)
    return mapped


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="*", type=Path, help="files and folders, as for `hemicycle ingest` "
                        "(default: the real XVIth AMO20 and QG zips)")
    parser.add_argument("--profile", choices=("sample", "cprofile"), default=None,
                        help="profile the questions' phase: a sampling profiler, or cProfile")
    parser.add_argument("--top", type=int, default=20, help="functions printed with --profile (default 20)")
    parser.add_argument("--dump", type=Path, default=None, help="write the N-Quads mapped to this file")
    parser.add_argument("--limit", type=int, default=None, help="map at most this many members of each zip")
    args = parser.parse_args(argv)

    files = sources.list_files(args.paths or DEFAULT_PATHS)
    iris = Minter()
    mapper = RecordMapper(iris, iris.run(RUN_ID), MinistryResolver())
    dump = Dump(args.dump)
    hashes = {f: sources.sha256_of(f) for f in files}
    archives = {f: sources.open_zip(f) for f in files}
    records = pickled_bytes = 0
    cpu = {"amo": 0.0, "map": 0.0, "pickle": 0.0}
    profiler = {"sample": Sampler, "cprofile": cProfile.Profile, None: lambda: None}[args.profile]()
    for accept in (sources.amo_only, sources.all_but_amo):
        for file in files:
            archive = archives[file]
            names = [info.filename for info in sources.members(archive)] if archive is not None else []
            if args.limit is not None:
                names = names[:args.limit]
            if accept is sources.all_but_amo and len(names) >= pipeline.PARALLEL_FROM:
                # A worker: a copy of the main process's mapper (as the pool's initializer receives it).
                pipeline._start_worker(pickle.loads(pickle.dumps(mapper)), 0)
                for start in range(0, len(names), pipeline.SHARE):
                    task = (str(file), names[start:start + pipeline.SHARE], hashes[file], False,
                            sources.MAX_RECORD_SIZE)
                    t0 = time.process_time()
                    if profiler:
                        profiler.enable()
                    results = pipeline._map_share(task)
                    if profiler:
                        profiler.disable()
                    t1 = time.process_time()
                    data = pickle.dumps(results)
                    results = pickle.loads(data)
                    cpu["map"] += t1 - t0
                    cpu["pickle"] += time.process_time() - t1
                    pickled_bytes += len(data)
                    records += sum(isinstance(r, Mapped) for r in results)
                    dump.results(results)
                continue
            t0 = time.process_time()
            phase = "amo" if accept is sources.amo_only else "map"
            if profiler and phase == "map":
                profiler.enable()
            if archive is not None and args.limit is not None:
                items = sources.read_members(archive, names, hashes[file], accept)
            else:
                items = sources.read_file(file, hashes[file], accept, archive)
            results = [_map_main(mapper, item) for item in items]
            if profiler and phase == "map":
                profiler.disable()
            cpu[phase] += time.process_time() - t0
            if phase == "map":
                records += sum(isinstance(r, Mapped) for r in results)
            dump.results(results)
    dump.close()
    per = 1000 / records if records else 0.0
    print(f"{records:,} records mapped in the questions' phase: mapping {cpu['map']:.2f} CPU-s "
          f"({cpu['map'] * per:.2f} per 1,000), pickling {cpu['pickle']:.2f} CPU-s ({cpu['pickle'] * per:.2f} per "
          f"1,000, {pickled_bytes / 1e6:,.1f} MB); AMO phase {cpu['amo']:.2f} CPU-s")
    print(f"{dump.graphs:,} graphs, {dump.bytes:,} bytes of N-Quads, sha256 {dump.digest.hexdigest()}"
          + (f" (written to {args.dump})" if args.dump else ""))
    if isinstance(profiler, Sampler):
        print(profiler.report(args.top))
    elif profiler:
        for order in ("tottime", "cumulative"):
            out = io.StringIO()
            pstats.Stats(profiler, stream=out).strip_dirs().sort_stats(order).print_stats(args.top)
            print(out.getvalue())
    return 0


if __name__ == "__main__":
    sys.exit(main())
