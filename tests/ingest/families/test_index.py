"""The index beside the store: texts added to it give what one run over all of them gives, it is rebuilt when its
parameters change, a damaged file is named, and a save that fails leaves the index as it was."""
from __future__ import annotations

import json
from datetime import date

import numpy as np
import pytest

from hemicycle.ingest.families import Parameters, TemplateIndex, find_families, index_folder, update_index
from hemicycle.ingest.families import storage
from hemicycle.ontology.errors import StoreError
from support.templates import WOLF, record


def snapshot(families):
    return [(f.id, f.members) for f in families]


def wolves(count: int = 3):
    return [record(f"QANR5L17QE{10 + n}", WOLF, n % 7, date(2025, 1, 1 + n), added=bool(n % 2)) for n in range(count)]


def test_texts_added_in_batches_give_what_one_run_gives(tmp_path, legislature):
    questions = legislature[0]
    whole = snapshot(find_families(questions))
    folder = tmp_path / "index"
    for start, stop in ((0, 1200), (1200, 1201), (1201, 2500), (2500, len(questions))):
        report = TemplateIndex.open(folder).add(questions[start:stop])
        assert report.added == stop - start
    index = TemplateIndex.open(folder)
    assert len(index) == len(questions) and snapshot(index.families()) == whole and len(whole) > 20


def test_answers_added_in_batches_give_what_one_run_gives(tmp_path, legislature):
    answers = legislature[1]
    whole = snapshot(find_families(answers, "answer"))
    index = TemplateIndex.open(tmp_path / "index", "answer")
    index.add(answers[:1000])
    index.add(answers[1000:])
    assert snapshot(TemplateIndex.open(tmp_path / "index", "answer").families()) == whole


def test_many_small_additions_are_merged_into_fewer_segments(tmp_path, legislature):
    questions = legislature[0][:1100]
    folder = tmp_path / "index"
    for start in range(0, 1100, 100):
        TemplateIndex.open(folder).add(questions[start:start + 100])
    index = TemplateIndex.open(folder)
    assert len(index.segments) <= 8 and len(index) == 1100
    assert snapshot(index.families()) == snapshot(find_families(questions))
    named = {entry["name"] for entry in json.loads((folder / "index.json").read_text())["segments"]}
    assert {p.name for p in folder.glob("seg-*")} == named  # the merged ones are gone


def test_texts_already_indexed_are_skipped_and_changed_ones_reported(tmp_path):
    index = TemplateIndex.open(tmp_path / "index")
    index.add(wolves(3))
    changed = record("QANR5L17QE11", WOLF, 1, date(2025, 1, 2), drop="Beaucoup")
    first, _, third, fourth = wolves(4)
    report = TemplateIndex.open(tmp_path / "index").add([first, changed, third, fourth, fourth])
    assert (report.added, report.unchanged) == (1, 2)
    assert report.changed == ("QANR5L17QE11",) and report.repeated == ("QANR5L17QE13",)
    assert TemplateIndex.open(tmp_path / "index").families()[0].uids[:2] == (first.uid, "QANR5L17QE11")


def test_the_index_lives_beside_the_store(tmp_path):
    index, report = update_index(tmp_path / "store", "question", wolves())
    assert index.folder == index_folder(tmp_path / "store", "question") == tmp_path / "store" / "templates" / "question"
    assert (index.folder / "index.json").exists() and report.families == 1


def test_an_index_built_under_other_parameters_is_rebuilt(tmp_path):
    folder = tmp_path / "index"
    TemplateIndex.open(folder).add(wolves())
    old = {p.name for p in folder.iterdir()}
    index = TemplateIndex.open(folder, params=Parameters(threshold=0.5))
    assert len(index) == 0 and "threshold 0.4 → 0.5" in index.rebuilt
    index.add(wolves())
    assert not old & {p.name for p in folder.iterdir()} - {"index.json"}  # the old files are gone
    reopened = TemplateIndex.open(folder, params=Parameters(threshold=0.5))
    assert reopened.rebuilt is None and len(reopened) == 3 and len(reopened.families()) == 1
    assert json.loads((folder / "index.json").read_text())["parameters"]["threshold"] == 0.5


def test_update_index_rebuilds_from_the_records_given(tmp_path):
    update_index(tmp_path, "question", wolves(), params=Parameters(shingle_words=4))
    index, report = update_index(tmp_path, "question", wolves())
    assert index.rebuilt.startswith("parameters changed: shingle_words 4 → 5") and report.added == 3


# --- damage -----------------------------------------------------------------------------------------------------------


@pytest.fixture
def saved(tmp_path):
    folder = tmp_path / "index"
    TemplateIndex.open(folder).add(wolves())
    return folder


def test_a_truncated_file_is_named(saved):
    [segment] = saved.glob("seg-*")
    path = segment / "hashes.npy"
    path.write_bytes(path.read_bytes()[:-100])
    with pytest.raises(StoreError) as raised:
        TemplateIndex.open(saved)
    assert str(path) in str(raised.value) and "truncated" in str(raised.value) and "rebuild" in str(raised.value)


def test_a_file_that_is_not_an_array_is_named(saved):
    [segment] = saved.glob("seg-*")
    path = segment / "offsets.npy"
    size = path.stat().st_size
    path.write_bytes(b"\x00" * size)  # the size the manifest says, but not an array
    with pytest.raises(StoreError, match="offsets.npy.*not a readable array"):
        TemplateIndex.open(saved)


def test_a_manifest_that_is_not_json_is_named(saved):
    (saved / "index.json").write_text('{"generation": 3, "segm', encoding="utf-8")
    with pytest.raises(StoreError, match="index.json.*damaged"):
        TemplateIndex.open(saved)


def test_a_missing_state_is_named(saved):
    [state] = saved.glob("state-*")
    state.unlink()
    with pytest.raises(StoreError, match=f"{state.name}.*missing"):
        TemplateIndex.open(saved)


def test_pairs_that_name_no_text_are_damage(saved):
    [state] = saved.glob("state-*")
    storage.write_state(state, np.array([[0, 99]], dtype=np.int32), np.ones(1, dtype=np.float32))
    manifest = json.loads((saved / "index.json").read_text())
    manifest["state"]["size"] = state.stat().st_size
    (saved / "index.json").write_text(json.dumps(manifest))
    with pytest.raises(StoreError, match="pairs do not name texts"):
        TemplateIndex.open(saved)


def test_a_damaged_index_is_rebuilt_when_asked(saved):
    (saved / "index.json").write_text("not json", encoding="utf-8")
    index = TemplateIndex.open(saved, on_damage="rebuild")
    assert len(index) == 0 and index.rebuilt.startswith("damaged:") and "index.json" in index.rebuilt
    index.add(wolves())
    assert len(TemplateIndex.open(saved).families()) == 1


def test_a_save_that_fails_leaves_the_index_as_it_was(saved, monkeypatch):
    def crash(folder, manifest):
        raise OSError("disk full")

    monkeypatch.setattr("hemicycle.ingest.families.index.write_manifest", crash)
    with pytest.raises(OSError):
        TemplateIndex.open(saved).add([record("QANR5L17QE77", WOLF, 5, date(2025, 2, 1))])
    monkeypatch.undo()
    index = TemplateIndex.open(saved)
    assert len(index) == 3 and index.families()[0].uids == tuple(r.uid for r in wolves())
    index.add([record("QANR5L17QE77", WOLF, 5, date(2025, 2, 1))])  # the next save clears what was left
    named = {entry["name"] for entry in json.loads((saved / "index.json").read_text())["segments"]}
    assert {p.name for p in saved.glob("seg-*")} == named and len(list(saved.glob("state-*"))) == 1


def test_the_permutations_are_kept_with_the_index(saved, monkeypatch):
    """An index never changes its hash functions: once made, they come from its manifest, not from datasketch."""
    def refuse(*args):
        raise AssertionError("datasketch was asked")

    monkeypatch.setattr("hemicycle.ingest.families.index.permutations", refuse)
    index = TemplateIndex.open(saved)
    index.add([record("QANR5L17QE77", WOLF, 5, date(2025, 2, 1), drop="Beaucoup")])
    assert len(index.families()[0]) == 4
