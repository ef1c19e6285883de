"""``hemicycle serve`` as a command: it serves the store on the port asked, and stops with its workers."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time

import httpx2
import pytest


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def children(pid: int) -> list[int]:
    """The processes whose parent is ``pid`` (from /proc)."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as stat:
                    fields = stat.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry))
    return found


def test_serve_command(sample_store_path):
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "hemicycle.queries.cli", "serve", "--store", str(sample_store_path),
                               "--port", str(port), "--workers", "2", "--query-timeout", "5", "--log-level", "warning"],
                              stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}/sparql"
    try:
        deadline = time.monotonic() + 60
        while True:
            if server.poll() is not None:
                pytest.fail(f"hemicycle serve stopped: {server.stderr.read()}")
            try:
                r = httpx2.get(url, params={"query": "ASK { ?s ?p ?o }"}, timeout=5)
                break
            except httpx2.TransportError:
                if time.monotonic() > deadline:
                    pytest.fail("hemicycle serve did not answer")
                time.sleep(0.2)
        assert r.status_code == 200 and r.json()["boolean"] is True
        r = httpx2.post(url, data={"update": "CLEAR ALL"}, headers={"authorization": "Bearer t0k3n"})
        assert r.status_code == 403  # started without --allow-updates
        workers = children(server.pid)
        assert len(workers) == 2
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(20)
    assert "read-only" in server.stderr.read()
    for pid in workers:  # the workers stopped with the server
        with pytest.raises(ProcessLookupError):
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline:
                os.kill(pid, 0)
                time.sleep(0.1)
