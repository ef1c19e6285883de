"""Describing the machine, the code and the interpreter a benchmark ran with: shared by the benchmark scripts."""
from __future__ import annotations

import json
import os
import platform
import shutil
import subprocess
import sys
from pathlib import Path

from measure import tail

REPO = Path(__file__).resolve().parent.parent

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


def hemicycle_and_python(name: str) -> tuple[str, str]:
    """The hemicycle command (found on PATH, else as given) and the interpreter of its shebang (else this one)."""
    hemicycle = shutil.which(name) or name
    return hemicycle, python_of(hemicycle) or sys.executable


def machine_info() -> dict:
    """CPUs, CPU model, RAM, kernel and system (None where /proc does not say)."""
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
    """The commit checked out in the repository, and whether tracked files have uncommitted changes."""
    def git(*args: str) -> str | None:
        try:
            r = subprocess.run(["git", "-C", str(REPO), *args], capture_output=True, text=True, timeout=30)
            return r.stdout.strip() if r.returncode == 0 else None
        except OSError:
            return None
    status = git("status", "--porcelain", "--untracked-files=no")
    return {"commit": git("rev-parse", "--short", "HEAD"), "dirty": bool(status) if status is not None else None}


def machine_summary() -> dict:
    """The machine as ``bench_export.py`` and ``bench_optimize.py`` report it, with the load average now."""
    info = machine_info()
    return {"nproc": info["nproc"], "cpu": info["cpu_model"] or platform.processor(), "ram_gib": info["ram_gib"],
            "kernel": info["kernel"], "load_at_start": [round(x, 2) for x in os.getloadavg()]}


def versions(python: str) -> dict:
    """Python's, pyoxigraph's and hemicycle's versions for the interpreter ``python`` (None if not installed)."""
    r = subprocess.run([python, "-c", VERSIONS_SCRIPT], capture_output=True, text=True, timeout=120)
    if r.returncode != 0:
        raise RuntimeError(f"cannot query versions with {python}:\n{tail(r.stderr)}")
    return json.loads(r.stdout)
