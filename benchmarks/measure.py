"""Measuring child processes, and writing the figures: shared by the benchmark scripts.

- :func:`run_measured`: a child in its own session, its output to files, with wall-clock and CPU time, its own
  peak RSS (``os.wait4``) and the peak RSS and PSS of its whole process tree (:class:`TreeSampler`), and a
  timeout that kills its process group;
- :func:`timed`: a child with its output piped, its wall-clock and CPU time and peak RSS;
- :func:`write_json`: a report written as indented JSON, its folder made if need be.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import threading
import time
from pathlib import Path


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


def timed(cmd: list[str], timeout: float | None = None) -> dict:
    """Run a child process; wall-clock seconds, peak RSS (MiB), exit status and the end of its output."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = start + timeout if timeout else None
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if deadline and time.perf_counter() > deadline:
            proc.kill()
            pid, status, usage = os.wait4(proc.pid, 0)
            break
        time.sleep(0.02)
    seconds = time.perf_counter() - start
    out, err = proc.stdout.read().decode(), proc.stderr.read().decode()
    return {"seconds": seconds, "peak_rss_mib": usage.ru_maxrss / 1024, "cpu_seconds": usage.ru_utime + usage.ru_stime,
            "status": os.waitstatus_to_exitcode(status), "stdout": out[-2000:], "stderr": err[-2000:]}


def tail(text: str, lines: int = 15) -> str:
    """The last ``lines`` lines of ``text``, indented, for an error message."""
    return "\n".join("    " + line for line in text.rstrip().splitlines()[-lines:])


def last_line(text: str) -> str | None:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[-1] if lines else None


def write_json(path: Path, data, end: str = "", **options) -> None:
    """``data`` as JSON (``indent=2`` and ``options`` for ``json.dumps``), then ``end``, into ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2, **options) + end, encoding="utf-8")
