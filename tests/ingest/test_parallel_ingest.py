"""A large zip is mapped by worker processes: the store must be the one a single process builds, and the
workers must run at the niceness asked for."""
from __future__ import annotations

import multiprocessing
import os

import pytest

from hemicycle.ingest import pipeline
from hemicycle.ingest.mapping.ministries import RESOLVED
from hemicycle.ingest.pipeline import Ingester
from hemicycle.ingest.store import GraphStore

from support import real_data

pytestmark = pytest.mark.slow  # ingests a synthetic legislature and a real AMO zip, in worker processes


def _generator():
    import make_legislature  # benchmarks/ is on the tests' path (pyproject.toml)

    return make_legislature


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



def _noting_phase(task):
    """A worker's task that notes which phase it maps (the deputies' or the questions'), then maps its share."""
    with open(os.path.join(os.environ["PHASES_SEEN"], f"{os.getpid()}-{task[1][0].replace('/', '_')}"), "w") as note:
        note.write("amo" if task[3] else "questions")
    return _MAP_SHARE(task)


@pytest.mark.skipif(multiprocessing.get_start_method() != "fork", reason="the check patches the worker's module")
def test_workers_map_a_real_amo_zip_and_teach_its_ministries(tmp_path, monkeypatch):
    # The XVIth's AMO20 (1,873 members) is mapped by the workers when there are two; the questions after it
    # resolve their ministries by name against the organs the workers sent back, as one process does.
    amo = real_data("amo", "l16-AMO20_dep_sen_min_tous_mandats_et_organes.json.zip")
    questions = real_data("questions", "l16-questions-gouvernement-1-639.json.zip")
    seen = tmp_path / "phases"
    seen.mkdir()
    monkeypatch.setenv("PHASES_SEEN", str(seen))
    monkeypatch.setattr(pipeline, "_map_share", _noting_phase)
    alone, shared = GraphStore(tmp_path / "alone"), GraphStore(tmp_path / "shared")
    one = Ingester(alone, progress=False, jobs=1).run([amo, questions])
    assert not any(seen.iterdir())
    two = Ingester(shared, progress=False, jobs=2).run([amo, questions])
    assert {f.read_text() for f in seen.iterdir()} == {"amo"}  # 8 shares of acteurs; the 639 questions here
    assert len(list(seen.iterdir())) == 8
    assert (two.read, two.added, two.ministry_resolutions) == (one.read, one.added, one.ministry_resolutions)
    assert sum(n for (_, outcome), n in two.ministry_resolutions.items() if outcome == RESOLVED) > 1200
    assert _quads(shared, two.run_iri) == _quads(alone, one.run_iri)
