#!/usr/bin/env python3
"""Benchmark ``hemicycle ingest`` against the floor: pyoxigraph's own bulk loader on the same quads.

Two sets of records, each measured against its own floor (``--set``, default both):

- **synthetic**: the synthetic legislature of XVIIth-shaped written questions of ``make_legislature.py``
  (``--count``, default 50,000) and its AMO zip;
- **real**: the XVIth's 639 real questions to the government of ``../shared/data/an``, renumbered to at least
  ``--real-count`` records (default 40,000) by ``real_legislature.py`` (texts kept: séance transcripts in
  HTML), with the real XVIth AMO20 zip.

For each set and each of ``--runs`` runs (default 3):

1. ``hemicycle ingest --no-optimize --store <fresh dir> <AMO zip> <questions zip>`` in a child process:
   wall-clock time, CPU time and peak RSS (``ru_maxrss`` of that child, from ``os.wait4``: the same figure as
   ``getrusage(RUSAGE_CHILDREN)``, but for this child alone, and including any worker it waited for). The floor
   does no compaction, so the ingest is timed without the one it does by default;
2. ``hemicycle optimize --store <dir>``: that compaction, timed apart;
3. ``hemicycle export --store <dir> --format nquads -o <file>`` (timed, for information);
4. the floor: a fresh Python process that does ``Store(<fresh dir>).bulk_load(path=<file>,
   format=RdfFormat.N_QUADS)`` and nothing else, timed the same way;
5. the quads are then counted in a separate, untimed process.

It reports, for each set, the median of each figure, records/s and quads/s, the ratio ingest / floor (goal:
at most 2.0) and the peak RSS of the ingest (goal: at most 1.5 GiB), with the machine and the load average
before each step; writes everything to ``benchmarks/out/ingest.json`` (the real set to ``ingest-real.json``)
and prints a Markdown table per set for ``RESULTS.md``.

The synthetic legislature comes from ``make_legislature.py`` (reused when ``--out`` already holds one made
with the same ``--count`` and ``--seed``), the renumbered real set from ``real_legislature.py`` (reused in the
same way).

Usage::

    python benchmarks/bench_ingest.py                        # both sets, 3 runs each
    python benchmarks/bench_ingest.py --runs 5               # the figures of RESULTS.md
    python benchmarks/bench_ingest.py --set real --runs 1    # the real records, one run
    python benchmarks/bench_ingest.py --set synthetic --count 2000 --runs 1  # a quick run
    python benchmarks/bench_ingest.py --hemicycle /path/to/venv/bin/hemicycle
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import make_legislature  # noqa: E402  (the generator, next to this script)
import real_legislature  # noqa: E402  (the renumbered real records, next to this script)
from ingest_report import markdown, summarise  # noqa: E402
from machine import git_info, machine_info, python_of  # noqa: E402
from machine import versions as probe_versions  # noqa: E402
from measure import last_line, run_measured, tail, write_json  # noqa: E402

FLOOR_SCRIPT = """\
import json, sys, time
t0 = time.perf_counter()
from pyoxigraph import RdfFormat, Store
store = Store(sys.argv[2])
store.bulk_load(path=sys.argv[1], format=RdfFormat.N_QUADS)
print(json.dumps({"load_seconds": time.perf_counter() - t0}))
"""

COUNT_SCRIPT = """\
import json, sys
from pyoxigraph import Store
result = {"floor_quads": len(Store.read_only(sys.argv[1]))}
try:
    result["ingest_quads"] = len(Store.read_only(sys.argv[2]))
except Exception as exc:  # the CLI's store layout may differ from a bare pyoxigraph store
    result["ingest_quads_error"] = f"{type(exc).__name__}: {exc}"
print(json.dumps(result))
"""


class BenchError(Exception):
    """A step failed: the message says which and why."""


# ------------------------------------------------------------------------------------------------------
# Checking the steps

def require_ok(result: dict, what: str) -> None:
    if result["timed_out"]:
        raise BenchError(f"{what} timed out after {result['wall_seconds']:.0f} s: {' '.join(result['cmd'])}")
    if result["returncode"] != 0:
        raise BenchError(f"{what} failed (exit {result['returncode']}): {' '.join(result['cmd'])}\n"
                         f"  stderr (last lines):\n{tail(result['stderr']) or '    (empty)'}\n"
                         f"  stdout (last lines):\n{tail(result['stdout']) or '    (empty)'}")


def dir_bytes(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) if path.exists() else 0


# ------------------------------------------------------------------------------------------------------
# Finding the tools and their versions

def resolve_hemicycle(name: str) -> str:
    found = shutil.which(name)
    if not found:
        raise BenchError(
            f"the hemicycle executable was not found: {name!r} is not on PATH nor an executable file.\n"
            "  Install the project (`pip install -e .` in the repository, inside the venv) or give its path "
            "with --hemicycle PATH.")
    return found


def preflight(hemicycle: str) -> None:
    """The CLI must at least answer ``--help`` for the two commands the benchmark drives."""
    for command in ("ingest", "export"):
        try:
            result = subprocess.run([hemicycle, command, "--help"], capture_output=True, text=True, timeout=120)
        except OSError as exc:
            raise BenchError(f"cannot run {hemicycle}: {exc}") from exc
        if result.returncode != 0:
            raise BenchError(
                f"`{hemicycle} {command} --help` failed (exit {result.returncode}): the CLI is not usable yet.\n"
                f"  stderr (last lines):\n{tail(result.stderr) or '    (empty)'}")


def versions(python: str) -> dict:
    try:
        out = probe_versions(python)
    except RuntimeError as error:
        raise BenchError(str(error)) from None
    if not out.get("pyoxigraph"):
        raise BenchError(f"pyoxigraph is not installed for {python} (give --python with an interpreter that has it)")
    return out


# ------------------------------------------------------------------------------------------------------
# The benchmark

def one_run(i: int, args, hemicycle: str, python: str, inputs: list[Path], workdir: Path) -> dict:
    run_dir = Path(tempfile.mkdtemp(prefix=f"run{i}-", dir=workdir))
    store, floor_store, nquads = run_dir / "store", run_dir / "floor-store", run_dir / "export.nq"
    try:
        print(f"run {i} (load {os.getloadavg()[0]:.2f}): ingest ...", end="", flush=True)
        # The floor does no compaction: the ingest is timed without its own (--no-optimize), and the compaction
        # that `hemicycle ingest` does by default is timed apart, as `hemicycle optimize` (the same call).
        ingest = run_measured([hemicycle, "ingest", "--no-optimize", "--store", str(store), *args.ingest_arg,
                               *map(str, inputs)], run_dir, "ingest", args.timeout)
        require_ok(ingest, "hemicycle ingest")
        print(f" {ingest['wall_seconds']:.1f} s ({ingest['user_seconds'] + ingest['system_seconds']:.1f} CPU-s), "
              f"{ingest['peak_rss_mib']:.0f} / {ingest['peak_tree_rss_mib']:.0f} "
              f"(PSS {ingest['peak_tree_pss_mib']:.0f}) MiB; optimize ...", end="", flush=True)
        optimize = run_measured([hemicycle, "optimize", "--store", str(store)], run_dir, "optimize", args.timeout)
        require_ok(optimize, "hemicycle optimize")
        print(f" {optimize['wall_seconds']:.1f} s; export ...", end="", flush=True)
        store_bytes = dir_bytes(store)
        export = run_measured([hemicycle, "export", "--store", str(store), "--format", "nquads", "-o", str(nquads)],
                              run_dir, "export", args.timeout)
        require_ok(export, "hemicycle export")
        if not nquads.exists() or nquads.stat().st_size == 0:
            raise BenchError(f"hemicycle export exited 0 but wrote nothing to {nquads}")
        print(f" {export['wall_seconds']:.1f} s; floor ...", end="", flush=True)
        floor = run_measured([python, "-c", FLOOR_SCRIPT, str(nquads), str(floor_store)],
                             run_dir, "floor", args.timeout)
        require_ok(floor, "the floor (pyoxigraph bulk_load)")
        print(f" {floor['wall_seconds']:.1f} s ({floor['user_seconds'] + floor['system_seconds']:.1f} CPU-s), "
              f"{floor['peak_rss_mib']:.0f} MiB; ratio {ingest['wall_seconds'] / floor['wall_seconds']:.2f} "
              f"({(ingest['wall_seconds'] + optimize['wall_seconds']) / floor['wall_seconds']:.2f} with the compaction)",
              flush=True)
        counted = subprocess.run([python, "-c", COUNT_SCRIPT, str(floor_store), str(store)],
                                 capture_output=True, text=True, timeout=args.timeout)
        if counted.returncode != 0:
            raise BenchError(f"counting the quads failed:\n{tail(counted.stderr)}")
        counts = json.loads(counted.stdout)
        return {
            "run": i,
            "ingest": {k: v for k, v in ingest.items() if k not in ("stdout", "stderr")}
            | {"summary_line": last_line(ingest["stdout"]) or last_line(ingest["stderr"]), "store_bytes": store_bytes},
            "optimize": {k: v for k, v in optimize.items() if k not in ("stdout", "stderr")},
            "export": {k: v for k, v in export.items() if k not in ("stdout", "stderr")}
            | {"nquads_bytes": nquads.stat().st_size},
            "floor": {k: v for k, v in floor.items() if k not in ("stdout", "stderr")}
            | {"load_seconds": json.loads(last_line(floor["stdout"]))["load_seconds"],
               "store_bytes": dir_bytes(floor_store)},
            "quads": counts["floor_quads"],
            "ingest_store_quads": counts.get("ingest_quads"),
            "ingest_store_quads_error": counts.get("ingest_quads_error"),
        }
    finally:
        if args.keep:
            print(f"  (kept {run_dir})")
        else:
            shutil.rmtree(run_dir, ignore_errors=True)


def real_path(path: Path, suffix: str) -> Path:
    """The report of the real set beside the synthetic one's: ``ingest.json`` → ``ingest-real.json``."""
    return path.with_name(f"{path.stem}-{suffix}{path.suffix}")


def prepare(which: str, args) -> dict:
    """The zips of one set, made or reused, with what the report says of them."""
    t0 = time.perf_counter()
    if which == "synthetic":
        manifest, reused = make_legislature.ensure(args.count, args.seed, args.out)
        q_zip, amo_zip = (args.out / manifest["files"][k]["path"] for k in ("questions", "amo"))
        print(f"{'reused' if reused else 'generated'} {manifest['count']:,} questions (seed {manifest['seed']}) "
              f"in {args.out} ({time.perf_counter() - t0:.1f} s): {q_zip.name} "
              f"{manifest['files']['questions']['bytes'] / 1e6:,.1f} MB, {amo_zip.name} "
              f"{manifest['files']['amo']['bytes'] / 1e6:,.1f} MB")
        data = {"set": "synthetic", "questions": manifest["records"]["questions"],
                "acteurs": manifest["records"]["acteurs"], "organes": manifest["records"]["organes"],
                "seed": manifest["seed"], "generator_version": manifest["generator_version"],
                "questions_zip_bytes": manifest["files"]["questions"]["bytes"],
                "amo_zip_bytes": manifest["files"]["amo"]["bytes"]}
        return {"name": which, "manifest": manifest, "inputs": [amo_zip, q_zip], "data": data,
                "json": args.json or args.out / "ingest.json"}
    try:
        manifest, reused = real_legislature.ensure(args.real_count, args.out, args.real_questions, args.real_amo)
    except real_legislature.RealSetError as error:
        raise BenchError(str(error)) from None
    q_zip, amo_zip = args.out / manifest["files"]["questions"]["path"], Path(manifest["files"]["amo"]["path"])
    print(f"{'reused' if reused else 'wrote'} {manifest['records']['questions']:,} real questions "
          f"({manifest['copies']} copies of {manifest['source']['questions_records']}, renumbered) in {q_zip.parent} "
          f"({time.perf_counter() - t0:.1f} s): {q_zip.name} {manifest['files']['questions']['bytes'] / 1e6:,.1f} MB, "
          f"{amo_zip.name} {manifest['files']['amo']['bytes'] / 1e6:,.1f} MB")
    data = {"set": "real", "questions": manifest["records"]["questions"], "acteurs": manifest["records"]["acteurs"],
            "organes": manifest["records"]["organes"], "copies": manifest["copies"],
            "source_questions": manifest["source"]["questions_records"], "source": manifest["source"],
            "questions_zip_bytes": manifest["files"]["questions"]["bytes"],
            "amo_zip_bytes": manifest["files"]["amo"]["bytes"]}
    return {"name": which, "manifest": manifest, "inputs": [amo_zip, q_zip], "data": data,
            "json": real_path(args.json or args.out / "ingest.json", "real")}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--set", choices=("both", "synthetic", "real"), default="both",
                        help="the records to ingest, each set against its own floor (default: both)")
    parser.add_argument("--count", type=int, default=50000, help="synthetic questions to generate (default 50000)")
    parser.add_argument("--seed", type=int, default=17, help="generator seed (default 17)")
    parser.add_argument("--real-count", type=int, default=real_legislature.DEFAULT_COUNT,
                        help="real questions at least, by renumbered copies (default %(default)s)")
    parser.add_argument("--real-questions", type=Path, default=real_legislature.DEFAULT_QUESTIONS,
                        help="the real QG zip that is copied (default: %(default)s)")
    parser.add_argument("--real-amo", type=Path, default=real_legislature.DEFAULT_AMO,
                        help="the real AMO zip of the real set (default: %(default)s)")
    parser.add_argument("--runs", type=int, default=3, help="ingest/floor pairs to run; medians are reported")
    parser.add_argument("--hemicycle", default="hemicycle", help="the hemicycle executable (default: on PATH)")
    parser.add_argument("--python", default=None,
                        help="interpreter for the floor (default: the one in hemicycle's shebang, else this one)")
    parser.add_argument("--out", type=Path, default=make_legislature.DEFAULT_OUT,
                        help="where the sets are (re)used (default: %(default)s)")
    parser.add_argument("--workdir", type=Path, default=None,
                        help="where the temporary stores go (default: OUT/work; needs a few GB free)")
    parser.add_argument("--json", type=Path, default=None,
                        help="report file of the synthetic set (default: OUT/ingest.json); the real set's is "
                             "beside it, with -real before the suffix")
    parser.add_argument("--timeout", type=float, default=None, help="seconds before a step is killed")
    parser.add_argument("--ingest-arg", action="append", default=[], metavar="ARG",
                        help="extra argument for `hemicycle ingest` (repeatable)")
    parser.add_argument("--keep", action="store_true", help="keep the stores, exports and logs of each run")
    args = parser.parse_args(argv)
    if args.runs < 1 or args.count < 1 or args.real_count < 1:
        parser.error("--runs, --count and --real-count must be at least 1")
    workdir = args.workdir or args.out / "work"
    names = ["synthetic", "real"] if args.set == "both" else [args.set]

    reports = []
    try:
        sets = [prepare(name, args) for name in names]
        hemicycle = resolve_hemicycle(args.hemicycle)
        preflight(hemicycle)
        python = args.python or python_of(hemicycle) or sys.executable
        vers = versions(python)
        workdir.mkdir(parents=True, exist_ok=True)
        print(f"hemicycle: {hemicycle}; floor interpreter: {python} (pyoxigraph {vers['pyoxigraph']})")
        for one in sets:
            for path in one["inputs"]:  # warm the page cache, so that run 1 is like the others
                with open(path, "rb") as f:
                    while f.read(1 << 20):
                        pass
            print(f"\n{one['name']} set:")
            runs = [one_run(i, args, hemicycle, python, one["inputs"], workdir) for i in range(1, args.runs + 1)]
            reports.append(report_of(one, runs, args, hemicycle, python, vers))
    except BenchError as exc:
        print(f"\nbench_ingest: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("\nbench_ingest: interrupted", file=sys.stderr)
        return 130
    for report in reports:
        print(f"\n{report['data']['set']} set: report {report['path']}\n")
        print(markdown(report))
    return 0


def report_of(one: dict, runs: list[dict], args, hemicycle: str, python: str, vers: dict) -> dict:
    """The report of one set: written to its JSON file, with warnings printed."""
    report = {
        "benchmark": "ingest",
        "date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": machine_info(), "versions": vers | {"benchmark_python": platform.python_version()},
        "git": git_info(),
        "commands": {"hemicycle": hemicycle, "python": python, "ingest_args": args.ingest_arg,
                     "inputs": [str(path) for path in one["inputs"]]},
        "data": one["data"],
        "summary": summarise(runs, one["manifest"]),
        "runs": runs,
    }
    path = one["json"]
    write_json(path, report, "\n", ensure_ascii=False)
    s = report["summary"]
    if not s["quads_all_runs_equal"]:
        print("warning: the runs did not produce the same number of quads", file=sys.stderr)
    for r in runs:
        if r["ingest_store_quads"] is not None and r["ingest_store_quads"] != r["quads"]:
            print(f"note: run {r['run']}: the hemicycle store holds {r['ingest_store_quads']:,} quads, "
                  f"its export {r['quads']:,}", file=sys.stderr)
    print(f"last ingest summary line: {runs[-1]['ingest']['summary_line']}")
    return report | {"path": str(path)}


if __name__ == "__main__":
    sys.exit(main())

