"""Compacting the store: ``hemicycle optimize``, and the end of an ``hemicycle ingest`` that wrote records.

The store answers the same afterwards; ``--no-optimize`` and runs that wrote nothing skip it; a store that cannot
be written is told; readers in other processes go on. What it gives is measured by
``benchmarks/bench_optimize.py``, never here.
"""
from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from support import ingest, real_data
from hemicycle.ingest import store as store_module
from hemicycle.ingest.store import GraphStore
from hemicycle.queries import catalog
from hemicycle.queries.publish import export
from hemicycle.queries.cli import main, sample_path
from hemicycle.queries.web.app import create_app
from hemicycle.ontology.errors import StoreChanged, StoreWriteError

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
HM = "https://w3id.org/hemicycle/ontology#"
QUERIES = {"question-card": {}, "legislature-counts": {}, "most-active-deputies": {"legislature": "16"},
           "transfers": {}, "ministry-outcomes": {}}
FIRST_QUESTION = f"SELECT ?q WHERE {{ ?q <{HM}questionNumber> ?n }} ORDER BY ?q LIMIT 1"
FULL = "IO error: No space left on device: While appending to file: store/000123.sst: No space left on device"


def dump(path) -> str:
    """The SHA-256 of the store's N-Quads export (the same quads in the same order give the same bytes)."""
    out = path.parent / f"{path.name}.nq"
    export.export(GraphStore(path, read_only=True), out, "nquads")
    digest = hashlib.sha256(out.read_bytes()).hexdigest()
    out.unlink()
    return digest


def answers(path) -> dict:
    store = GraphStore(path, read_only=True)
    question = next(iter(store.query(FIRST_QUESTION)))["q"].value
    found = {}
    for name, params in QUERIES.items():
        params = {"question": question} if name == "question-card" else params
        query = catalog.get(name)
        result = store.query(query.text, substitutions=query.substitutions(params))
        found[name] = sorted(tuple(str(row[v]) for v in result.variables) for row in result)
    return found


@pytest.fixture(scope="module")
def real_store(tmp_path_factory):
    """Real records ingested in three runs (so that three sets of sorted files overlap), not compacted: the
    XVIth's questions to the government, the XVIIth's organs, the XVIth's deputies and organs."""
    path = tmp_path_factory.mktemp("optimize") / "store"
    store = GraphStore(path)
    for source in (real_data("questions"), real_data("amo", "l17-organes-xml"),
                   real_data("amo", "l16-AMO20_dep_sen_min_tous_mandats_et_organes.json.zip")):
        report = ingest(store, source)
        assert not report.rejections
    del store
    return path


@pytest.mark.slow
def test_optimize_keeps_every_quad_and_every_answer(real_store, tmp_path):
    path = tmp_path / "store"
    shutil.copytree(real_store, path)
    before, size, found = dump(path), len(GraphStore(path, read_only=True)), answers(path)
    assert found["question-card"] and found["legislature-counts"] and found["most-active-deputies"]
    GraphStore(path).optimize()
    assert len(GraphStore(path, read_only=True)) == size
    assert dump(path) == before
    assert answers(path) == found


def test_the_optimize_command(real_store, tmp_path, capsys):
    path = tmp_path / "store"
    shutil.copytree(real_store, path)
    before = answers(path)
    assert main(["optimize", "--store", str(path)]) == 0
    err = capsys.readouterr().err
    assert err.startswith(f"compacted {path} in ") and "MiB after" in err and err.count("\n") == 1, err
    assert answers(path) == before
    assert main(["optimize", "--store", str(path)]) == 0  # again: nothing to merge, nothing changes
    assert answers(path) == before


def test_optimize_needs_a_store(tmp_path, capsys):
    assert main(["optimize", "--store", str(tmp_path / "none")]) == 2
    assert "no store here" in capsys.readouterr().err
    assert not (tmp_path / "none").exists()  # not created


def test_optimize_while_an_ingest_holds_the_store_exits_2(tmp_path, capsys):
    writer = GraphStore(tmp_path / "store")
    ingest(writer, sample_path())
    assert main(["optimize", "--store", str(tmp_path / "store")]) == 2
    assert "cannot open the store" in capsys.readouterr().err


class Failing:
    """A pyoxigraph store whose compaction fails as RocksDB's does on a full disk."""

    def __init__(self, store):
        self._store = store

    def optimize(self):
        raise OSError(FULL)  # a new one each time: a kept exception would keep its frames, and the store open

    def __getattr__(self, name):
        return getattr(self._store, name)

    def __len__(self):
        return len(self._store)


@pytest.fixture
def full_disk(monkeypatch):
    opened = store_module.GraphStore.__init__

    def failing(self, *args, **options):
        opened(self, *args, **options)
        self.store = Failing(self.store)

    monkeypatch.setattr(store_module.GraphStore, "__init__", failing)


def test_a_full_disk_during_optimize_is_status_3(tmp_path, capsys, full_disk):
    path = tmp_path / "store"
    ingest(GraphStore(path), sample_path())
    assert main(["optimize", "--store", str(path)]) == 3
    err = capsys.readouterr().err
    assert f"hemicycle optimize: {path}: the disk is full" in err and "free some space" in err.lower(), err
    with pytest.raises(StoreWriteError) as raised:
        GraphStore(path).optimize()
    assert raised.value.disk_full


def test_too_little_free_space_leaves_the_store_as_it_was(tmp_path, capsys, monkeypatch):
    path = tmp_path / "store"
    ingest(GraphStore(path), sample_path())
    before = dump(path)
    monkeypatch.setattr(store_module.shutil, "disk_usage", lambda p: shutil._ntuple_diskusage(10**9, 10**9, 4096))
    assert main(["optimize", "--store", str(path)]) == 3
    err = capsys.readouterr().err
    assert f"hemicycle optimize: {path}: too little free space to compact the store (0 MiB free" in err, err
    assert "the store was left as it was" in err and "free some space" in err.lower()
    assert dump(path) == before


@pytest.mark.slow
def test_on_a_small_disk_optimize_waits_for_room(real_store, small_disk, capsys):
    """pyoxigraph reports no error from a compaction that fills the disk: the room is checked before."""
    disk, resize = small_disk.path, small_disk.resize
    size = sum(f.stat().st_size for f in real_store.iterdir()) >> 20
    resize(int(size * 1.5) + 2)
    path = disk / "store"
    shutil.copytree(real_store, path)
    before = answers(path)
    assert main(["optimize", "--store", str(path)]) == 3
    assert "too little free space to compact the store" in capsys.readouterr().err
    assert answers(path) == before
    resize(int(size * 3.5) + 2)
    assert main(["optimize", "--store", str(path)]) == 0
    assert answers(path) == before


# ---- at the end of an ingest ---------------------------------------------------------------------------------

@pytest.fixture
def compactions(monkeypatch):
    """Every compaction asked of a store, by folder (they still run)."""
    done = []
    optimize = GraphStore.optimize

    def counted(self):
        done.append(self.path)
        optimize(self)

    monkeypatch.setattr(GraphStore, "optimize", counted)
    return done


def test_a_run_that_wrote_records_is_compacted_unless_no_optimize(tmp_path, capsys, compactions):
    first, second = tmp_path / "first", tmp_path / "second"
    assert main(["ingest", "--quiet", "--sample", "--store", str(first)]) == 0
    err = capsys.readouterr().err
    assert compactions == [first]
    assert err.count("\n") == 1 and ", store compacted in " in err, err
    assert main(["ingest", "--quiet", "--no-optimize", "--sample", "--store", str(second)]) == 0
    err = capsys.readouterr().err
    assert compactions == [first] and "compacted" not in err
    assert len(GraphStore(first, read_only=True)) == len(GraphStore(second, read_only=True))


def test_a_run_that_wrote_no_record_is_not_compacted(tmp_path, capsys, compactions):
    path = tmp_path / "store"
    assert main(["ingest", "--quiet", "--no-optimize", "--sample", "--store", str(path)]) == 0
    capsys.readouterr()
    assert main(["ingest", "--quiet", "--sample", "--store", str(path)]) == 0  # the same sources again
    err = capsys.readouterr().err
    assert "ingested 0 " in err and " 0 graphs written" in err, err
    assert compactions == [] and "compacted" not in err


def test_a_compaction_that_fails_at_the_end_of_an_ingest_keeps_status_0(tmp_path, capsys, full_disk):
    path, reference = tmp_path / "store", tmp_path / "reference"
    assert main(["ingest", "--quiet", "--sample", "--store", str(path)]) == 0
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "rejected 0," in err, err
    assert "; not compacted: " in err and "the disk is full" in err and "hemicycle optimize" in err
    assert main(["ingest", "--quiet", "--no-optimize", "--sample", "--store", str(reference)]) == 0
    assert len(GraphStore(path, read_only=True)) == len(GraphStore(reference, read_only=True))  # every record is in


def test_the_help_tells_the_default_and_the_flag(capsys):
    with pytest.raises(SystemExit):
        main(["ingest", "--help"])
    out = capsys.readouterr().out
    assert "--no-optimize" in out and "hemicycle optimize" in out
    with pytest.raises(SystemExit):
        main(["optimize", "--help"])
    out = capsys.readouterr().out
    assert "--no-optimize" in out and "free space" in out and "Exit status" in out


# ---- readers in other processes ------------------------------------------------------------------------------

@pytest.mark.slow
def test_an_export_opened_before_a_compaction_stops_with_a_message(real_store, tmp_path):
    """A read-only handle opens the store's files as it needs them; a compaction in another process removes
    them. An export through a handle opened before says so (no wrong output), and a new handle reads the
    same quads."""
    path = tmp_path / "store"
    shutil.copytree(real_store, path)
    before = dump(path)
    reader = GraphStore(path, read_only=True)
    done = subprocess.run([sys.executable, "-m", "hemicycle.queries.cli", "optimize", "--store", str(path)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    out = tmp_path / "reader.nq"
    try:
        export.export(reader, out, "nquads")
    except StoreChanged as error:
        assert "the store changed while it was read" in str(error) and "run the command again" in str(error)
    else:  # every file it needed was open already: then it read them all
        assert hashlib.sha256(out.read_bytes()).hexdigest() == before
    assert dump(path) == before


def test_the_export_command_removes_an_incomplete_file(tmp_path, capsys, monkeypatch):
    path, out = tmp_path / "store", tmp_path / "dump.nq"
    ingest(GraphStore(path), sample_path())

    def removed(store, *args):
        Path(out).write_bytes(b"<a> <b> <c> <d> .\n")  # what was written before the store changed
        raise FileNotFoundError(f"IO error: No such file or directory: While open a file for random read: "
                                f"{path}/000074.sst: No such file or directory")

    monkeypatch.setattr(export, "_write", removed)
    assert main(["export", "--store", str(path), "--format", "nquads", "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"hemicycle export: {path}: the store changed while it was read"), err
    assert not out.exists()


@pytest.mark.slow
def test_the_server_answers_during_and_after_a_compaction_in_another_process(real_store, tmp_path):
    path = tmp_path / "store"
    shutil.copytree(real_store, path)
    quads = len(GraphStore(path, read_only=True))
    app = create_app(path, workers=2, query_timeout=20)
    with TestClient(app) as client:

        def count():
            r = client.get("/sparql", params={"query": COUNT})
            if r.status_code == 503:
                assert "try again" in r.text
                assert str(path) not in r.text and ".sst" not in r.text
                return None
            assert r.status_code == 200, r.text
            return int(r.json()["results"]["bindings"][0]["n"]["value"])

        assert count() == quads  # the workers have opened the store
        optimize = subprocess.Popen([sys.executable, "-m", "hemicycle.queries.cli", "optimize", "--store", str(path)],
                                    stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        during, unavailable, described = [], 0, []
        while optimize.poll() is None:
            n = count()
            if n is None:
                unavailable += 1
                time.sleep(0.05)
            else:
                during.append(n)
            void = client.get("/.well-known/void")  # counts the whole store, while files go
            described.append(void.status_code)
            assert void.status_code in (200, 503), void.text
            assert str(path) not in void.text and ".sst" not in void.text
        assert optimize.returncode == 0, optimize.stderr.read().decode()
        after = [count() for _ in range(4)]  # each worker reopens the compacted store
    app.state.runner.close()
    print(f"{len(during)} answers during the compaction, {unavailable} unavailable; descriptions {described}")
    assert set(during) <= {quads}
    assert after == [quads] * 4
