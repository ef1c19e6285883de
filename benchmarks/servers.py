"""Starting and stopping the servers a benchmark drives: shared by ``bench_server.py`` and ``bench_load.py``.

- :func:`free_port`, :func:`wait_ready`: a loopback port, and waiting until a server there answers;
- :func:`build_store`: the store of the real data ``../shared/data/an``, ingested by ``hemicycle ingest``;
- :func:`die_with_parent`, :func:`stop_group`, :func:`raise_on_signal`: children that do not outlive the
  benchmark, stopped with their own children.
"""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx2

ROOT = Path(__file__).resolve().parents[1]
REAL_DATA = ROOT.parent / "shared" / "data" / "an"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_ready(url: str, process: subprocess.Popen, what: str) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"{what} stopped (exit {process.returncode})")
        try:
            if httpx2.get(url, params={"query": "ASK {}"}, timeout=2).status_code == 200:
                return
        except httpx2.HTTPError:
            pass
        time.sleep(0.2)
    sys.exit(f"{what} did not answer within 60 s")


def build_store(path: Path) -> None:
    if not REAL_DATA.is_dir():
        sys.exit(f"no store given and no real data at {REAL_DATA}")
    print(f"building {path} from {REAL_DATA} …", file=sys.stderr)
    subprocess.run([sys.executable, "-m", "hemicycle.queries.cli", "ingest", "--quiet", "--store", str(path),
                    str(REAL_DATA)], check=True)


def die_with_parent(sig: int) -> None:
    """In a child before exec: get ``sig`` when this script dies (Linux), so that nothing outlives it."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, sig)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def raise_on_signal(signum, frame):
    raise KeyboardInterrupt(f"signal {signum}")  # handled as Ctrl-C: stop everything, report what was measured


def stop_group(process: subprocess.Popen | None, grace: float = 10) -> None:
    """Stop a child started in its own session, then anything left in its process group (its workers)."""
    if process is None:
        return
    if process.poll() is None:
        try:
            process.terminate()
            process.wait(grace)
        except subprocess.TimeoutExpired:
            pass
    try:
        os.killpg(process.pid, signal.SIGKILL)  # the group we created: the child and its own children
    except (ProcessLookupError, PermissionError):
        pass
    try:
        process.wait(5)
    except subprocess.TimeoutExpired:
        pass

