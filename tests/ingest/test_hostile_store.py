"""Hostile conditions for the store: a disk that fills up during a real ingest, a bulk load killed half way.

The run stops with one clear message, the records loaded before stay, and the same command run again once the
cause is gone finishes the run.
"""
from __future__ import annotations

import errno
import gc
import glob
import json
import os
import signal
import subprocess
import sys
import time

import pytest

from hemicycle.ingest import store as store_module
from hemicycle.ingest.store import GraphStore
from hemicycle.queries.cli import main
from hemicycle.ontology.errors import StoreError, StoreWriteError

from support import AN_DATA, question_record, real_data
from support.hostile import GOOD, good_folder, ingest, kept, run_cli




# ---- 3. a full disk -----------------------------------------------------------------------------------------

class FullDisk:
    """A pyoxigraph store whose writes fail as RocksDB's do on a full disk (an OSError without errno)."""

    def __init__(self, store, error: OSError, fail: str):
        self._store, self._error, self._fail = store, error, fail

    def __getattr__(self, name):
        if name == self._fail:
            raise self._error
        return getattr(self._store, name)


FULL = OSError("IO error: No space left on device: While appending to file: store/bulk-1.sst: No space left on device")


@pytest.mark.parametrize("fail, error, words", [
    ("bulk_load", FULL, "the disk is full: the store could not be written"),
    ("bulk_load", OSError(errno.ENOSPC, os.strerror(errno.ENOSPC)), "the disk is full"),
    ("bulk_load", OSError(errno.EIO, "IO error: Input/output error"), "the store could not be written"),
])
def test_a_store_that_cannot_be_written_stops_with_status_3(tmp_path, monkeypatch, capsys, fail, error, words):
    folder = good_folder(tmp_path)
    opened = store_module.GraphStore.__init__

    def failing(self, *args, **options):
        opened(self, *args, **options)
        self.store = FullDisk(self.store, error, fail)

    monkeypatch.setattr(store_module.GraphStore, "__init__", failing)
    assert main(["ingest", "--quiet", "--store", str(tmp_path / "store"), str(folder)]) == 3
    err = capsys.readouterr().err
    assert f"hemicycle ingest: {tmp_path / 'store'}: {words}" in err, err
    assert "The records loaded before were kept" in err and "run the same command again" in err
    assert ("free some space" in err) == ("disk is full" in words)


def test_a_changed_record_that_cannot_be_written_stops_with_status_3(tmp_path, monkeypatch, capsys):
    folder = good_folder(tmp_path)
    ingest(GraphStore(tmp_path / "store"), folder)
    record = question_record(GOOD, answered=True)
    (folder / f"QANR5L17QE{GOOD}.json").write_text(json.dumps(record), encoding="utf-8")
    opened = store_module.GraphStore.__init__

    def failing(self, *args, **options):
        opened(self, *args, **options)
        self.store = FullDisk(self.store, FULL, "update")

    monkeypatch.setattr(store_module.GraphStore, "__init__", failing)
    assert main(["ingest", "--quiet", "--store", str(tmp_path / "store"), str(folder)]) == 3
    assert "the disk is full" in capsys.readouterr().err


def test_a_full_disk_at_opening_is_status_3(tmp_path, monkeypatch, capsys):
    def full(path):
        raise OSError(f"IO error: No space left on device: While appending to file: {path}/MANIFEST-000033")

    monkeypatch.setattr(store_module.pyoxigraph, "Store", full)
    with pytest.raises(StoreWriteError):
        GraphStore(tmp_path / "store")
    assert main(["ingest", "--quiet", "--store", str(tmp_path / "store"), str(good_folder(tmp_path))]) == 3
    assert "the disk is full" in capsys.readouterr().err


@pytest.mark.slow
def test_a_full_disk_during_a_real_ingest(tmp_path, small_disk):
    real_data()
    small_disk.resize(20)
    store = small_disk.path / "store"
    code, err, _ = run_cli("ingest", "--quiet", "--store", str(store), str(AN_DATA))
    assert code == 3, err
    assert "Traceback" not in err and err.count("\n") == 1, err
    assert f"hemicycle ingest: {store}: the disk is full: the store could not be written" in err
    assert "The records loaded before were kept" in err and "run the same command again" in err
    # the failed bulk load left its sorted file in the store folder
    assert glob.glob(str(store / "bulk-*.sst"))
    # once there is room, the same command finishes the run; the next writer removes the leftover
    small_disk.resize(1024)
    code, err, _ = run_cli("ingest", "--quiet", "--store", str(store), str(AN_DATA))
    assert code == 0 and "rejected 0," in err, err
    assert not glob.glob(str(store / "bulk-*.sst"))
    assert kept(GraphStore(store, read_only=True), "QANR5L17QE5268")


# ---- 4. a bulk load killed half way -------------------------------------------------------------------------

def children_of(pid: int) -> list[int]:
    """The processes whose parent is ``pid`` (Linux's /proc)."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as stat:
                    if int(stat.read().rsplit(")", 1)[1].split()[1]) == pid:
                        found.append(int(entry))
            except OSError:
                continue
    return found


@pytest.mark.slow
def test_the_mapping_workers_die_with_a_killed_ingest(tmp_path):
    """A main process killed outright cannot stop its workers: they used to wait on their queue for ever,
    holding hundreds of megabytes each."""
    real_data()
    child = subprocess.Popen([sys.executable, "-m", "hemicycle.queries.cli", "ingest", "--quiet", "--store",
                              str(tmp_path / "store"), str(AN_DATA)], stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
    deadline, workers = time.monotonic() + 120, []
    while child.poll() is None and not workers and time.monotonic() < deadline:
        time.sleep(0.02)
        workers = children_of(child.pid)
    child.kill()
    child.wait()
    assert workers, "the ingest ended before it started its workers"
    deadline = time.monotonic() + 10
    while any(os.path.exists(f"/proc/{pid}") for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert [pid for pid in workers if os.path.exists(f"/proc/{pid}")] == []


@pytest.mark.slow
def test_a_killed_bulk_load_leaves_files_the_next_writer_removes(tmp_path):
    real_data()
    store = tmp_path / "store"
    child = subprocess.Popen([sys.executable, "-m", "hemicycle.queries.cli", "ingest", "--quiet", "--store",
                              str(store), str(AN_DATA)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 300
    while child.poll() is None and time.monotonic() < deadline and not glob.glob(str(store / "bulk-*.sst")):
        time.sleep(0.002)
    child.send_signal(signal.SIGKILL)  # as soon as the first bulk load has begun writing its sorted files
    child.wait()
    assert child.returncode == -signal.SIGKILL, "the ingest ended before its first bulk load could be caught"
    assert glob.glob(str(store / "bulk-*.sst"))  # killed before RocksDB took them in
    reader = GraphStore(store, read_only=True)  # a reader of what the killed run left
    before = len(reader)
    one_file = AN_DATA / "questions" / "QANR5L17QE5268.json"
    code, err, _ = run_cli("ingest", "--quiet", "--store", str(store), str(one_file))
    assert code == 0 and "ingested 1 (1 new" in err and "rejected 0," in err, err
    assert not glob.glob(str(store / "bulk-*.sst"))
    assert len(reader) == before  # the reader still reads its own view
    assert kept(GraphStore(store, read_only=True), "QANR5L17QE5268")


def test_leftovers_are_removed_by_the_writer_only(tmp_path):
    folder = good_folder(tmp_path)
    path = tmp_path / "store"
    writer = GraphStore(path)
    ingest(writer, folder)
    leftover, other = path / "bulk-205474157330224218343707307064930946099.sst", path / "bulk-notes.txt"
    leftover.write_bytes(b"\0" * 4096)
    other.write_bytes(b"mine")
    with pytest.raises(StoreError):  # another writer holds the lock: its loads' files are left alone
        GraphStore(path)
    assert leftover.exists()
    del writer
    gc.collect()
    reader = GraphStore(path, read_only=True)
    assert leftover.exists()  # a reader removes nothing
    report = ingest(GraphStore(path), folder)  # the next writer does
    assert not leftover.exists() and other.exists()
    assert report.unchanged == 1 and not report.rejections
    assert kept(reader, f"QANR5L17QE{GOOD}")
