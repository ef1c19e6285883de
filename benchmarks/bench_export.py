#!/usr/bin/env python3
"""Benchmark ``hemicycle export``: quads/s per format and peak memory, median of several runs.

For each format and each of ``--runs`` runs, ``hemicycle export --store STORE --format F -o FILE`` runs as a
child process; its wall-clock time and peak RSS (``ru_maxrss`` from ``os.wait4``) are recorded, and quads/s
is the store's quad count over that time. The table gives each format's median and its time relative to
N-Quads (goal: Turtle and JSON-LD within 2 x of N-Quads). The N-Quads goal (at least as fast as pyoxigraph's
``Store.dump`` of a store bulk-loaded from the same N-Quads, side by side) is measured by ``bench_optimize.py``.

Two more figures say where the time goes (``--no-analysis`` skips them):

- **compacted**: the same N-Quads export of a copy of the store after ``Store.optimize()`` (RocksDB
  compaction), which ``hemicycle ingest --no-optimize`` leaves undone (a store ingested without the flag is
  compacted already, and the two figures are then alike);
- **serialiser**: pyoxigraph's N-Quads writer alone, on the first ``--ceiling`` quads loaded into an
  in-memory store, where reading a term costs no disk lookup.

The store is ``--store`` if given; otherwise the synthetic legislature of ``make_legislature.py``
(``benchmarks/out``) is ingested into ``benchmarks/out/export-store`` once and reused.

Usage::

    python benchmarks/bench_export.py --store /path/to/store                 # every format, 3 runs
    python benchmarks/bench_export.py --formats nquads turtle jsonld --runs 3
    python benchmarks/bench_export.py --store /path/to/store --runs 1 --no-analysis
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from machine import hemicycle_and_python, machine_summary, versions  # noqa: E402
from measure import timed, write_json  # noqa: E402

OUT = HERE / "out"
FORMATS = ("nquads", "trig", "ntriples", "turtle", "jsonld", "rdfxml")
EXTENSIONS = {"nquads": ".nq", "trig": ".trig", "jsonld": ".jsonld", "ntriples": ".nt", "turtle": ".ttl",
              "rdfxml": ".rdf"}
GOAL_RATIO = 2.0

COUNT = "import sys, pyoxigraph; print(len(pyoxigraph.Store.read_only(sys.argv[1])))"
OPTIMIZE = """\
import json, sys, time, pyoxigraph
t = time.perf_counter(); pyoxigraph.Store(sys.argv[1]).optimize()
print(json.dumps({"seconds": time.perf_counter() - t}))
"""
CEILING = """\
import itertools, json, sys, time, pyoxigraph
source, limit, target = sys.argv[1], int(sys.argv[2]), sys.argv[3]
memory = pyoxigraph.Store()
with open(source, "rb") as f:
    memory.extend(itertools.islice(pyoxigraph.parse(f, pyoxigraph.RdfFormat.N_QUADS), limit))
n = len(memory)
t = time.perf_counter(); memory.dump(target, pyoxigraph.RdfFormat.N_QUADS)
print(json.dumps({"quads": n, "seconds": time.perf_counter() - t}))
"""


def ensure_store(args, hemicycle: str) -> Path:
    if args.store:
        store = Path(args.store)
        if not store.is_dir():
            sys.exit(f"bench_export: no store at {store}")
        return store
    store = OUT / "export-store"
    if store.is_dir():
        return store
    zips = [OUT / "AMO_synthetic.json.zip", OUT / "Questions_ecrites.json.zip"]
    if not all(z.exists() for z in zips):
        subprocess.run([sys.executable, str(HERE / "make_legislature.py"), "--quiet"], check=True)
    print(f"ingesting the synthetic legislature into {store} (once)", file=sys.stderr)
    result = timed([hemicycle, "ingest", "--quiet", "--store", str(store), *map(str, zips)])
    if result["status"] != 0:
        sys.exit(f"bench_export: the ingest failed:\n{result['stderr']}")
    return store


def measure(hemicycle: str, store: Path, fmt: str, workdir: Path, gzip: bool, timeout: float | None) -> dict:
    target = workdir / f"export{EXTENSIONS[fmt]}{'.gz' if gzip else ''}"
    cmd = [hemicycle, "export", "--store", str(store), "--format", fmt, "-o", str(target)]
    result = timed(cmd + (["--gzip"] if gzip else []), timeout)
    if result["status"] != 0:
        sys.exit(f"bench_export: {' '.join(cmd)} failed:\n{result['stderr']}")
    result["bytes"] = target.stat().st_size
    target.unlink()
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", help="the store to export (default: the synthetic legislature, ingested once)")
    parser.add_argument("--formats", nargs="+", choices=FORMATS, default=list(FORMATS))
    parser.add_argument("--gzip", action="store_true", help="also time the N-Quads export with --gzip")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--hemicycle", default=shutil.which("hemicycle") or "hemicycle")
    parser.add_argument("--workdir", default=str(OUT / "work"), help="where the exports are written (then deleted)")
    parser.add_argument("--no-analysis", action="store_true", help="skip the compacted-copy and serialiser figures")
    parser.add_argument("--ceiling", type=int, default=1_000_000, help="quads for the serialiser figure")
    parser.add_argument("--timeout", type=float, help="kill an export after this many seconds")
    parser.add_argument("--json", default=str(OUT / "export.json"))
    args = parser.parse_args(argv)

    hemicycle, python = hemicycle_and_python(args.hemicycle)
    workdir = Path(args.workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    store = ensure_store(args, hemicycle)
    quads = int(subprocess.run([python, "-c", COUNT, str(store)], capture_output=True, text=True,
                               check=True).stdout)
    report = {"store": str(store), "quads": quads, "runs": args.runs, "machine": machine_summary(),
              "versions": versions(python), "started": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
              "formats": {}}
    plan = [(fmt, False) for fmt in args.formats] + ([("nquads", True)] if args.gzip else [])
    for fmt, gz in plan:
        name = fmt + (" --gzip" if gz else "")
        runs = []
        for i in range(args.runs):
            runs.append(measure(hemicycle, store, fmt, workdir, gz, args.timeout))
            print(f"{name} run {i + 1}: {runs[-1]['seconds']:.1f} s, {quads / runs[-1]['seconds']:,.0f} quads/s, "
                  f"{runs[-1]['peak_rss_mib']:.0f} MiB", file=sys.stderr)
        seconds = statistics.median(r["seconds"] for r in runs)
        report["formats"][name] = {
            "seconds": seconds, "quads_per_s": quads / seconds,
            "cpu_seconds": statistics.median(r["cpu_seconds"] for r in runs),
            "peak_rss_mib": statistics.median(r["peak_rss_mib"] for r in runs),
            "bytes": runs[0]["bytes"], "all_seconds": [r["seconds"] for r in runs]}
    if not args.no_analysis:
        report["analysis"] = analysis(args, hemicycle, python, store, quads, workdir)
    write_json(Path(args.json), report)
    print(markdown(report))
    return 0


def analysis(args, hemicycle: str, python: str, store: Path, quads: int, workdir: Path) -> dict:
    """The N-Quads export of a compacted copy, and the serialiser alone on an in-memory store."""
    found = {}
    copy = workdir / "compacted-store"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(store, copy)
    try:
        optimize = timed([python, "-c", OPTIMIZE, str(copy)])
        found["optimize_seconds"] = json.loads(optimize["stdout"])["seconds"]
        runs = [measure(hemicycle, copy, "nquads", workdir, False, args.timeout) for _ in range(args.runs)]
        seconds = statistics.median(r["seconds"] for r in runs)
        found["compacted_nquads"] = {"seconds": seconds, "quads_per_s": quads / seconds,
                                     "cpu_seconds": statistics.median(r["cpu_seconds"] for r in runs),
                                     "all_seconds": [r["seconds"] for r in runs]}
        dump = workdir / "for-ceiling.nq"
        subprocess.run([hemicycle, "export", "--store", str(copy), "--format", "nquads", "-o", str(dump)],
                       check=True)
    finally:
        shutil.rmtree(copy, ignore_errors=True)
    try:
        ceiling = timed([python, "-c", CEILING, str(dump), str(args.ceiling), str(workdir / "ceiling.nq")])
        figures = json.loads(ceiling["stdout"])
        found["serialiser"] = {**figures, "quads_per_s": figures["quads"] / figures["seconds"]}
    finally:
        dump.unlink(missing_ok=True)
        (workdir / "ceiling.nq").unlink(missing_ok=True)
    return found


def markdown(report: dict) -> str:
    m, v = report["machine"], report["versions"]
    nq = report["formats"].get("nquads")
    lines = [f"Store: {report['quads']:,} quads; median of {report['runs']} runs; {m['nproc']} cores, {m['cpu']}, "
             f"{m['ram_gib']} GiB, Python {v['python']}, pyoxigraph {v['pyoxigraph']}, load at start "
             f"{m['load_at_start']}.", "",
             "| format | wall | quads/s | CPU s | x N-Quads | output | peak RSS |", "|---|---:|---:|---:|---:|---:|---:|"]
    for name, f in report["formats"].items():
        ratio = f"{f['seconds'] / nq['seconds']:.2f}" if nq else "-"
        lines.append(f"| {name} | {f['seconds']:.1f} s | {f['quads_per_s']:,.0f} | {f['cpu_seconds']:.1f} | {ratio} | "
                     f"{f['bytes'] / 2**20:,.0f} MiB | {f['peak_rss_mib']:,.0f} MiB |")
    if nq:
        lines.append("")
        for name in ("turtle", "jsonld"):
            if name in report["formats"]:
                ratio = report["formats"][name]["seconds"] / nq["seconds"]
                lines.append(f"{name} within {GOAL_RATIO:g} x of N-Quads: {'met' if ratio <= GOAL_RATIO else 'not met'} "
                             f"({ratio:.2f} x).")
    a = report.get("analysis")
    if a:
        c, s = a["compacted_nquads"], a["serialiser"]
        lines += ["", f"After `Store.optimize()` ({a['optimize_seconds']:.0f} s) on a copy: N-Quads in {c['seconds']:.1f} s, "
                      f"{c['quads_per_s']:,.0f} quads/s ({c['cpu_seconds']:.1f} CPU s).",
                  f"pyoxigraph's N-Quads writer alone (in-memory store, {s['quads']:,} quads): "
                  f"{s['quads_per_s']:,.0f} quads/s."]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
