"""A real ``hemicycle serve`` process for the tests that need the real server (uvicorn, uvloop, worker processes)."""
from __future__ import annotations

import contextlib
import resource
import signal
import socket
import subprocess
import sys
import time

import httpx2
import pytest


def free_port(ports: range) -> int:
    """A loopback port of the range that nothing listens on (the test is skipped when there is none)."""
    for port in ports:
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    pytest.skip(f"no free port in {ports.start}-{ports.stop - 1}")


@contextlib.contextmanager
def serve(store, log, *options, ports: range, open_files: int | None = None):
    """A real ``hemicycle serve --workers 2`` on a loopback port of ``ports`` (its messages in the file
    ``log``, ``options`` added to its command line): yields the port; the server is stopped at the end."""
    port = free_port(ports)
    limit = None
    if open_files is not None:
        def limit():
            resource.setrlimit(resource.RLIMIT_NOFILE, (open_files, open_files))
    with open(log, "w") as messages:
        server = subprocess.Popen([sys.executable, "-m", "hemicycle.queries.cli", "serve", "--store", str(store),
                                   "--port", str(port), "--workers", "2", "--log-level", "info", *options],
                                  stdout=subprocess.DEVNULL, stderr=messages, preexec_fn=limit)
    try:
        deadline = time.monotonic() + 60
        while True:
            if server.poll() is not None:
                pytest.fail(f"hemicycle serve stopped: {open(log).read()}")
            try:
                httpx2.get(f"http://127.0.0.1:{port}/sparql", timeout=5)
                break
            except httpx2.TransportError:
                if time.monotonic() > deadline:
                    pytest.fail("hemicycle serve did not answer")
                time.sleep(0.2)
        yield port
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
