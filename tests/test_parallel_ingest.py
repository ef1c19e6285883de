"""A large zip is mapped by worker processes: the store must be the one a single process builds, and the
workers must run at the niceness asked for."""
from __future__ import annotations

import importlib.util
import multiprocessing
import os
import sys

import pytest

from conftest import ROOT
from hemicycle.ingest import pipeline
from hemicycle.ingest.pipeline import Ingester
from hemicycle.ingest.store import GraphStore


def _generator():
    path = ROOT / "benchmarks" / "make_legislature.py"
    spec = importlib.util.spec_from_file_location("make_legislature", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("make_legislature", module)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def legislature(tmp_path_factory):
    out = tmp_path_factory.mktemp("legislature")
    _generator().generate(120, 5, out, quiet=True)
    return [out / "AMO_synthetic.json.zip", out / "Questions_ecrites.json.zip"]


def _quads(store: GraphStore, run_iri: str) -> set[str]:
    """Every quad but those of the run's own description (its times differ from run to run), with the run's
    IRI, which every record graph names, written RUN."""
    run_id = run_iri.rsplit("/", 1)[1]
    return {str(q).replace(run_iri, "RUN") for q in store.store if run_id not in str(q.graph_name)}


def test_workers_build_the_store_one_process_builds(tmp_path, legislature, monkeypatch):
    monkeypatch.setattr(pipeline, "PARALLEL_FROM", 50)
    monkeypatch.setattr(pipeline, "SHARE", 7)
    alone, shared = GraphStore(tmp_path / "alone"), GraphStore(tmp_path / "shared")
    one = Ingester(alone, progress=False, jobs=1).run(legislature)
    two = Ingester(shared, progress=False, jobs=2).run(legislature)
    assert (two.read, two.added, len(two.rejections)) == (one.read, one.added, 0)
    assert two.added > 120
    assert _quads(shared, two.run_iri) == _quads(alone, one.run_iri)


_MAP_SHARE = pipeline._map_share


def _noting_niceness(task):
    """A worker's task that notes the worker's niceness, then maps its share."""
    with open(os.path.join(os.environ["NICENESS_SEEN"], str(os.getpid())), "w") as note:
        note.write(str(os.nice(0)))
    return _MAP_SHARE(task)


@pytest.mark.skipif(multiprocessing.get_start_method() != "fork", reason="the check patches the worker's module")
def test_workers_run_at_the_niceness_asked_for(tmp_path, legislature, monkeypatch):
    monkeypatch.setattr(pipeline, "PARALLEL_FROM", 50)
    monkeypatch.setattr(pipeline, "SHARE", 7)
    seen = tmp_path / "niceness"
    seen.mkdir()
    monkeypatch.setenv("NICENESS_SEEN", str(seen))
    monkeypatch.setattr(pipeline, "_map_share", _noting_niceness)
    Ingester(GraphStore(tmp_path / "store"), progress=False, jobs=2, niceness=5).run(legislature)
    values = {int(f.read_text()) for f in seen.iterdir()}
    assert values == {min(os.nice(0) + 5, 19)}  # every worker (the main process keeps its own)
