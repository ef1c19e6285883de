"""Ctrl-C: ``hemicycle ingest`` interrupted says so in one line (exit 130), keeps what it loaded, and the same
command run again finishes the store: a third run then finds every record unchanged."""
from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time

import pytest

from support import AN_DATA, real_data

pytestmark = pytest.mark.slow  # three ingests of the real records


def _hemicycle(*args: str, **options) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "hemicycle.queries.cli", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, **options)


def _counts(summary: str) -> tuple[int, int]:
    m = re.search(r"ingested (\d+) .*?unchanged (\d+)", summary)
    assert m, summary
    return int(m.group(1)), int(m.group(2))


def test_ctrl_c_says_one_line_and_the_next_run_finishes(tmp_path):
    real_data()
    store = str(tmp_path / "store")
    # as a terminal does: SIGINT to the whole process group, the workers too
    run = _hemicycle("ingest", "--quiet", "--store", store, str(AN_DATA), start_new_session=True,
                     preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    time.sleep(12)
    os.killpg(run.pid, signal.SIGINT)
    out, err = run.communicate(timeout=120)
    assert run.returncode == 130, err
    assert err.strip().splitlines() == [
        "hemicycle ingest: interrupted. The records loaded before were kept; the same command goes on from there "
        "(what is already in the store is counted as unchanged)."]
    again = _hemicycle("ingest", "--quiet", "--store", store, str(AN_DATA))
    out, err = again.communicate(timeout=600)
    assert again.returncode == 0, err
    ingested, unchanged = _counts(out + err)
    third = _hemicycle("ingest", "--quiet", "--store", store, str(AN_DATA))
    out, err = third.communicate(timeout=600)
    assert third.returncode == 0 and _counts(out + err) == (0, ingested + unchanged)
