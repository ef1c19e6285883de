"""The README's commands, run as a user runs them once hemicycle is installed: build the graph from the
sample, serve it, and ask for written question 15973 from the store and through the server.

The installation itself (``pip install .`` in a fresh virtual environment) is what ``.ci/run`` does; here the
commands after it run with the ``hemicycle`` of this environment, in a folder of their own, the server on a
free loopback port instead of 8000."""
from __future__ import annotations

import os
import re
import shlex
import shutil
import signal
import subprocess
import time
from pathlib import Path

import httpx2
import pytest

from support.serving import free_port

README = Path(__file__).resolve().parents[1] / "README.md"
QUESTION = "QANR5L17QE15973"


def blocks() -> list[str]:
    return re.findall(r"```sh\n(.*?)```", README.read_text(encoding="utf-8"), re.S)


def commands(block: str) -> list[str]:
    """The commands of a block, split at ``&&``, comments left out."""
    lines = [line for line in block.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    return [part.strip() for line in lines for part in line.split("&&")]


def test_the_readme_starts_with_the_two_commands():
    first = blocks()[0]
    install, tests = [line for line in first.splitlines() if line.strip() and not line.startswith("#")]
    assert "pip install . " in install and install.endswith("hemicycle ingest --sample && hemicycle serve")
    assert "pip install -e '.[test]'" in tests and tests.endswith("&& pytest")
    ci = (README.parent / ".ci" / "run").read_text(encoding="utf-8")
    assert "pip install -q -e '.[test]' && pytest" in ci  # .ci/run runs the README's test command


def test_the_readme_s_main_job_and_its_questions(tmp_path):
    hemicycle = shutil.which("hemicycle") or pytest.skip("no hemicycle command on PATH (pip install the project)")
    main_job = [c for c in commands(blocks()[0]) if c.startswith("hemicycle")][:2]
    asked = [c for c in commands(blocks()[1]) if c.startswith(("hemicycle", "curl"))]
    assert main_job == ["hemicycle ingest --sample", "hemicycle serve"] and len(asked) == 2
    env = dict(os.environ, HEMICYCLE_STORE=str(tmp_path / "hemicycle-data"))
    ingest = subprocess.run(shlex.split(main_job[0]), cwd=tmp_path, env=env, capture_output=True, text=True,
                            timeout=300)
    assert ingest.returncode == 0, ingest.stderr
    assert "ingested 6 (6 new" in ingest.stderr

    query = subprocess.run(shlex.split(asked[0].removeprefix(". .venv/bin/activate").strip()), cwd=tmp_path,
                           env=env, capture_output=True, text=True, timeout=120)
    assert query.returncode == 0, query.stderr
    header, row = query.stdout.splitlines()[:2]
    assert header.startswith("question,uid,kind,number") and f",{QUESTION},QE,15973,17," in row
    assert "Guillaume Gouffier Valente" in row and "n° 502860" in row

    port = free_port(range(8300, 8400))
    server = subprocess.Popen([hemicycle, *shlex.split(main_job[1])[1:], "--port", str(port)], cwd=tmp_path,
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        url = re.search(r"'(http://127\.0\.0\.1:8000/[^']+)'", asked[1]).group(1).replace(":8000", f":{port}")
        accept = re.search(r"-H '([^']+)'", asked[1]).group(1).split(": ", 1)
        deadline = time.monotonic() + 60
        while True:
            try:
                answer = httpx2.get(url, headers={accept[0]: accept[1]}, timeout=30)
                break
            except httpx2.TransportError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise
                time.sleep(0.3)
        assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/csv")
        assert answer.text.splitlines()[1] == row  # the same card, from the server
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
