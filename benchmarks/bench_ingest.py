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
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import make_legislature  # noqa: E402  (the generator, next to this script)
import real_legislature  # noqa: E402  (the renumbered real records, next to this script)

REPO = HERE.parent
RATIO_GOAL = 2.0
RSS_GOAL_MIB = 1.5 * 1024  # 1.5 GiB

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

VERSIONS_SCRIPT = """\
import json, platform, importlib.metadata as md
out = {"python": platform.python_version()}
for dist in ("pyoxigraph", "hemicycle"):
    try:
        out[dist] = md.version(dist)
    except md.PackageNotFoundError:
        out[dist] = None
print(json.dumps(out))
"""


class BenchError(Exception):
    """A step failed: the message says which and why."""


# ------------------------------------------------------------------------------------------------------
# Running and measuring a child process

class TreeSampler(threading.Thread):
    """Samples the summed RSS of a process and all its descendants (from /proc) every ``interval`` s (psutil-free),
    and their summed PSS every ``pss_every`` samples: RSS counts the pages that forked workers share with their
    parent once in each process, PSS shares them out. Reading a process's PSS (``smaps_rollup``) walks its page
    tables under its memory map's lock: some 15 ms for a 1 GB process, which then waits to map memory. Read every
    0.2 s, it slowed the ingest it measured by several per cent."""

    def __init__(self, pid: int, interval: float = 0.2, pss_every: int = 15):
        super().__init__(daemon=True)
        self.pid, self.interval, self.peak_kib, self.peak_pss_kib = pid, interval, 0, 0
        self.pss_every, self.samples = pss_every, 0
        self._stop = threading.Event()

    def _tree(self) -> list[int]:
        children: dict[int, list[int]] = {}
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    with open(f"/proc/{entry}/stat", "rb") as f:
                        ppid = int(f.read().rsplit(b")", 1)[1].split()[1])
                except (OSError, IndexError, ValueError):
                    continue
                children.setdefault(ppid, []).append(int(entry))
        tree, todo = [], [self.pid]
        while todo:
            pid = todo.pop()
            tree.append(pid)
            todo.extend(children.get(pid, ()))
        return tree

    def sample(self) -> None:
        total = pss = 0
        self.samples += 1
        with_pss = self.samples % self.pss_every == 1
        for pid in self._tree():
            try:
                with open(f"/proc/{pid}/status", "rb") as f:
                    for line in f:
                        if line.startswith(b"VmRSS:"):
                            total += int(line.split()[1])
                            break
                if with_pss:
                    with open(f"/proc/{pid}/smaps_rollup", "rb") as f:
                        for line in f:
                            if line.startswith(b"Pss:"):
                                pss += int(line.split()[1])
                                break
            except (OSError, ValueError, IndexError):
                pass
        self.peak_kib = max(self.peak_kib, total)
        self.peak_pss_kib = max(self.peak_pss_kib, pss)

    def run(self) -> None:
        while not self._stop.is_set():
            self.sample()
            self._stop.wait(self.interval)

    def stop(self) -> None:
        self._stop.set()


def run_measured(cmd: list[str], log_dir: Path, name: str, timeout: float | None) -> dict:
    """Run ``cmd``, stdout/stderr to ``log_dir/name.{out,err}``; return wall time, peak RSS and exit code."""
    out_path, err_path = log_dir / f"{name}.out", log_dir / f"{name}.err"
    sampler = None
    load = os.getloadavg()[0]
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=out, stderr=err, start_new_session=True)
        sampler = TreeSampler(proc.pid)
        sampler.start()
        timer = None
        timed_out = threading.Event()
        if timeout:
            def kill() -> None:
                timed_out.set()
                os.killpg(proc.pid, signal.SIGKILL)  # the child's own process group, nothing else
            timer = threading.Timer(timeout, kill)
            timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        except BaseException:
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            proc.wait()
            raise
        finally:
            if timer:
                timer.cancel()
            sampler.stop()
        wall = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)  # we reaped it: tell Popen
    stdout = out_path.read_text(encoding="utf-8", errors="replace")
    stderr = err_path.read_text(encoding="utf-8", errors="replace")
    return {
        "cmd": cmd, "returncode": proc.returncode, "timed_out": timed_out.is_set(),
        "wall_seconds": wall, "user_seconds": usage.ru_utime, "system_seconds": usage.ru_stime, "load_before": load,
        "peak_rss_mib": usage.ru_maxrss / 1024,  # Linux: KiB
        "peak_tree_rss_mib": sampler.peak_kib / 1024,
        "peak_tree_pss_mib": sampler.peak_pss_kib / 1024,
        "stdout": stdout, "stderr": stderr,
    }


def _tail(text: str, lines: int = 15) -> str:
    return "\n".join("    " + line for line in text.rstrip().splitlines()[-lines:])


def require_ok(result: dict, what: str) -> None:
    if result["timed_out"]:
        raise BenchError(f"{what} timed out after {result['wall_seconds']:.0f} s: {' '.join(result['cmd'])}")
    if result["returncode"] != 0:
        raise BenchError(f"{what} failed (exit {result['returncode']}): {' '.join(result['cmd'])}\n"
                         f"  stderr (last lines):\n{_tail(result['stderr']) or '    (empty)'}\n"
                         f"  stdout (last lines):\n{_tail(result['stdout']) or '    (empty)'}")


def last_line(text: str) -> str | None:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[-1] if lines else None


def dir_bytes(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) if path.exists() else 0


# ------------------------------------------------------------------------------------------------------
# Finding the tools and describing the machine

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
                f"  stderr (last lines):\n{_tail(result.stderr) or '    (empty)'}")


def python_of(executable: str) -> str | None:
    """The interpreter of a console script (its shebang), so that the floor uses the same pyoxigraph."""
    try:
        with open(executable, "rb") as f:
            first = f.readline(512)
    except OSError:
        return None
    if first.startswith(b"#!") and b"python" in first:
        candidate = first[2:].decode(errors="replace").strip().split()[0]
        if os.access(candidate, os.X_OK):
            return candidate
    return None


def machine_info() -> dict:
    info = {"nproc": os.cpu_count(), "nproc_available": len(os.sched_getaffinity(0)),
            "cpu_model": None, "ram_gib": None, "kernel": platform.release(), "system": platform.system()}
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                info["cpu_model"] = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                info["ram_gib"] = round(int(line.split()[1]) / 1024 ** 2, 1)
                break
    except OSError:
        pass
    return info


def git_info() -> dict:
    def git(*args: str) -> str | None:
        try:
            r = subprocess.run(["git", "-C", str(REPO), *args], capture_output=True, text=True, timeout=30)
            return r.stdout.strip() if r.returncode == 0 else None
        except OSError:
            return None
    status = git("status", "--porcelain", "--untracked-files=no")
    return {"commit": git("rev-parse", "--short", "HEAD"), "dirty": bool(status) if status is not None else None}


def versions(python: str) -> dict:
    r = subprocess.run([python, "-c", VERSIONS_SCRIPT], capture_output=True, text=True, timeout=120)
    if r.returncode != 0:
        raise BenchError(f"cannot query versions with {python}:\n{_tail(r.stderr)}")
    out = json.loads(r.stdout)
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
            raise BenchError(f"counting the quads failed:\n{_tail(counted.stderr)}")
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


def summarise(runs: list[dict], manifest: dict) -> dict:
    def med(step: str, key: str) -> float:
        return statistics.median(r[step][key] for r in runs)

    def cpu(step: str) -> float:
        return statistics.median(r[step]["user_seconds"] + r[step]["system_seconds"] for r in runs)

    quads = statistics.median(r["quads"] for r in runs)
    records = manifest["records"]["total"]
    ingest_wall, floor_wall = med("ingest", "wall_seconds"), med("floor", "wall_seconds")
    ratio = ingest_wall / floor_wall if floor_wall else float("inf")
    peak = med("ingest", "peak_rss_mib")
    return {
        "runs": len(runs),
        "records": records, "questions": manifest["records"]["questions"], "quads": quads,
        "quads_all_runs_equal": len({r["quads"] for r in runs}) == 1,
        "ingest": {"wall_seconds": ingest_wall, "records_per_second": records / ingest_wall,
                   "questions_per_second": manifest["records"]["questions"] / ingest_wall,
                   "quads_per_second": quads / ingest_wall, "peak_rss_mib": peak,
                   "peak_tree_rss_mib": med("ingest", "peak_tree_rss_mib"),
                   "peak_tree_pss_mib": med("ingest", "peak_tree_pss_mib"),
                   "cpu_seconds": cpu("ingest"),
                   "store_bytes": med("ingest", "store_bytes"),
                   "wall_seconds_all": [r["ingest"]["wall_seconds"] for r in runs],
                   "load_before_all": [r["ingest"]["load_before"] for r in runs]},
        "optimize": {"wall_seconds": med("optimize", "wall_seconds"), "cpu_seconds": cpu("optimize"),
                     "peak_rss_mib": med("optimize", "peak_rss_mib")},
        "export": {"wall_seconds": med("export", "wall_seconds"), "peak_rss_mib": med("export", "peak_rss_mib"),
                   "nquads_bytes": med("export", "nquads_bytes")},
        "floor": {"wall_seconds": floor_wall, "load_seconds": med("floor", "load_seconds"), "cpu_seconds": cpu("floor"),
                  "records_per_second": records / floor_wall, "quads_per_second": quads / floor_wall,
                  "peak_rss_mib": med("floor", "peak_rss_mib"), "store_bytes": med("floor", "store_bytes"),
                  "wall_seconds_all": [r["floor"]["wall_seconds"] for r in runs],
                  "load_before_all": [r["floor"]["load_before"] for r in runs]},
        "ratio_ingest_to_floor": ratio,
        "ratio_all": [r["ingest"]["wall_seconds"] / r["floor"]["wall_seconds"] for r in runs],
        "ratio_with_compaction": statistics.median(
            (r["ingest"]["wall_seconds"] + r["optimize"]["wall_seconds"]) / r["floor"]["wall_seconds"] for r in runs),
        "goals": {"ratio_max": RATIO_GOAL, "ratio_met": ratio <= RATIO_GOAL,
                  "peak_rss_mib_max": RSS_GOAL_MIB, "peak_rss_met": peak <= RSS_GOAL_MIB},
    }


def markdown(report: dict) -> str:
    s, m, v, data = report["summary"], report["machine"], report["versions"], report["data"]
    ing, fl, ex = s["ingest"], s["floor"], s["export"]
    commit = report["git"]["commit"] or "?"
    if report["git"]["dirty"]:
        commit += ", uncommitted changes"
    if data["set"] == "real":
        described = (f"Real records: {data['questions']:,} questions to the government (the XVIth's "
                     f"{data['source_questions']} real QG, {data['copies']} copies renumbered) + {data['acteurs']:,} "
                     f"acteurs + {data['organes']} organes of the XVIth AMO20 ({s['records']:,} records; questions zip "
                     f"{data['questions_zip_bytes'] / 1e6:,.0f} MB)")
    else:
        described = (f"Synthetic legislature: {data['questions']:,} written questions + {data['acteurs']} acteurs + "
                     f"{data['organes']} organes ({s['records']:,} records; seed {data['seed']}; questions zip "
                     f"{data['questions_zip_bytes'] / 1e6:,.0f} MB)")
    loads = sorted(ing["load_before_all"] + fl["load_before_all"])
    op = s["optimize"]
    lines = [
        f"{described} → {s['quads']:,.0f} quads. Median of {s['runs']} run(s) (ratios "
        f"{', '.join(f'{r:.2f}' for r in s['ratio_all'])}); load average {loads[0]:.1f} to {loads[-1]:.1f} "
        "before the steps.",
        "",
        "| step | wall (s) | CPU (s) | records/s | quads/s | peak RSS (MiB): main / tree (PSS of the tree) |",
        "|---|---:|---:|---:|---:|---:|",
        f"| `hemicycle ingest --no-optimize` | {ing['wall_seconds']:.1f} | {ing['cpu_seconds']:.1f} | "
        f"{ing['records_per_second']:,.0f} | {ing['quads_per_second']:,.0f} | "
        f"{ing['peak_rss_mib']:,.0f} / {ing['peak_tree_rss_mib']:,.0f} ({ing['peak_tree_pss_mib']:,.0f}) |",
        f"| floor: pyoxigraph `bulk_load` of the export | {fl['wall_seconds']:.1f} | {fl['cpu_seconds']:.1f} | "
        f"{fl['records_per_second']:,.0f} | {fl['quads_per_second']:,.0f} | {fl['peak_rss_mib']:,.0f} |",
        f"| **ratio ingest / floor** | **{s['ratio_ingest_to_floor']:.2f}** "
        f"(goal ≤ {RATIO_GOAL}: {'met' if s['goals']['ratio_met'] else 'NOT met'}) | | | | "
        f"goal ≤ {RSS_GOAL_MIB:,.0f}: {'met' if s['goals']['peak_rss_met'] else 'NOT met'} |",
        f"| `hemicycle optimize` (the compaction `hemicycle ingest` does by default) | {op['wall_seconds']:.1f} | "
        f"{op['cpu_seconds']:.1f} | | | {op['peak_rss_mib']:,.0f} |",
        f"| ratio (ingest + compaction) / floor, for information | {s['ratio_with_compaction']:.2f} | | | | |",
        f"| `hemicycle export --format nquads` of the compacted store (for information) | {ex['wall_seconds']:.1f} "
        f"| | | | {ex['peak_rss_mib']:,.0f} |",
        "",
        f"Machine: {m['cpu_model'] or 'unknown CPU'}, {m['nproc']} CPUs ({m['nproc_available']} available), "
        f"{m['ram_gib']} GiB RAM, {m['system']} {m['kernel']}; Python {v['python']}, pyoxigraph {v['pyoxigraph']}, "
        f"hemicycle {v.get('hemicycle') or '?'} ({commit}); {report['date']}.",
    ]
    return "\n".join(lines)


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
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
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
