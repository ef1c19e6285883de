"""Hostile sources end to end: records nested absurdly deep, zip bombs, giant records, zips that lie about their
sizes and names, bytes that are not UTF-8.

Each case is made here, small but real, next to good records; each test checks that the bad record is rejected
by name (file, zip member, record of a dump), that the good records of the same run are in the store, and, where
the input would once have eaten the machine, that the ingest stayed under a gigabyte (measured on a child process
running ``hemicycle ingest``).
"""
from __future__ import annotations

import json
import threading
import zipfile
from pathlib import Path

import pytest

from hemicycle.ingest import sources
from hemicycle.ingest.store import GraphStore
from hemicycle.ingest.records.xmltools import MAX_DEPTH
from hemicycle.queries.cli import main

from support import AN_DATA, FIXTURES, count, question_record, real_data
from support.hostile import (deflate_bomb, deflated_member, DUMP_JSON, DUMP_UIDS, GIB, GOOD, good_folder, ingest,
                             ingest_cli, json_dump, kept, MIB, nested_json, qjson, question, raw_zip, xml_dump)




# ---- 1. records nested absurdly deep ---------------------------------------------------------------------

def test_a_json_record_nested_100000_deep_is_rejected_and_the_run_goes_on(tmp_path):
    folder = good_folder(tmp_path)
    deep = folder / "QANR5L17QE90101.json"
    deep.write_bytes(b'{"question": {"uid": "QANR5L17QE90101", "texte": ' + nested_json(100_000) + b"}}")
    store = GraphStore(tmp_path / "store")
    report = ingest(store, folder)
    assert [str(r) for r in report.rejections] == [f"{deep}: nested more than {MAX_DEPTH} levels deep"]
    assert kept(store, f"QANR5L17QE{GOOD}") and report.added == 1


def test_an_xml_record_nested_too_deep_is_rejected_by_name(tmp_path):
    folder = good_folder(tmp_path)
    deep = folder / "PO900100.xml"
    deep.write_bytes(b"<organe><uid>PO900100</uid>" + b"<a>" * 1500 + b"</a>" * 1500 + b"</organe>")
    store = GraphStore(tmp_path / "store")
    report = ingest(store, folder)
    assert [str(r) for r in report.rejections] == [f"{deep}: nested more than {MAX_DEPTH} levels deep"]
    assert kept(store, f"QANR5L17QE{GOOD}")


def test_an_xml_dump_record_nested_1500_deep_is_rejected_and_the_records_after_it_read(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    dump = xml_dump(folder, b"<question><uid>QANR5L14QE1</uid>" + b"<a>" * 1500 + b"</a>" * 1500 + b"</question>")
    store = GraphStore(tmp_path / "store")
    report = ingest(store, dump)
    assert [str(r) for r in report.rejections] == [f"{dump}!question[2]: nested more than {MAX_DEPTH} levels deep"]
    assert kept(store, *DUMP_UIDS) and report.added == 2


def test_a_json_dump_record_nested_too_deep_is_skipped_and_the_records_after_it_read(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    dump = json_dump(folder, b'{"uid": "QANR5L14QE1", "texte": ' + nested_json(MAX_DEPTH) + b"}")
    store = GraphStore(tmp_path / "store")
    report = ingest(store, dump)
    assert [str(r) for r in report.rejections] == [f"{dump}!question[2]: nested more than {MAX_DEPTH} levels deep"]
    assert kept(store, *DUMP_UIDS) and report.added == 2


def test_a_json_dump_nested_30000_deep_takes_little_memory(tmp_path):
    # ijson's own prefixes took memory growing as the square of the depth: 1 GB at 20,000 levels, 2.3 at 30,000
    folder = tmp_path / "data"
    folder.mkdir()
    dump = json_dump(folder, b'{"uid": "QANR5L14QE1", "texte": ' + nested_json(30_000) + b"}")
    code, err, peak, store = ingest_cli(tmp_path, dump)
    assert code == 0 and f"{dump}!question[2]: nested more than {MAX_DEPTH} levels deep" in err
    assert peak < GIB, peak
    assert kept(store, *DUMP_UIDS)


def test_depth_is_told_without_parsing():
    too_deep = sources.json_too_deep
    assert not too_deep(nested_json(MAX_DEPTH)) and too_deep(nested_json(MAX_DEPTH + 1))
    assert not too_deep(b'{"a": "' + b"[" * 1000 + b'"}')  # brackets inside a string do not count
    assert not too_deep(b'{"a": "\\"' + b"[" * 1000 + b'"}')  # nor after an escaped quote
    assert too_deep(b'{"a": "\\\\"' + b", " + b"[" * 1000)  # an escaped backslash ends no string
    assert too_deep(b"[" * 300)  # unclosed: the parser would recurse as deep before failing
    assert not too_deep(b'{"a": [' + b"[], " * 5000 + b"[]]}")  # many brackets, shallow


@pytest.mark.slow
def test_real_records_are_far_below_the_limits():
    """The limits' comments say so: the deepest real record is 8 levels, the largest 112 KB."""
    real_data()
    depth = size = 0
    for path in sorted(AN_DATA.rglob("*")):
        if path.suffix == ".zip":
            with zipfile.ZipFile(path) as archive:
                datas = [archive.read(info) for info in sources.members(archive)]
        elif path.is_file():
            datas = [path.read_bytes()]
        else:
            continue
        for data in datas:
            size = max(size, len(data))
            if data.lstrip()[:1] == b"{":
                depth = max(depth, next(d for d in range(64) if not sources.json_too_deep(data, d)))
    assert depth <= 8 and size < 120_000, (depth, size)
    assert depth * 16 < MAX_DEPTH and size * 100 < sources.MAX_RECORD_SIZE


# ---- 2. sizes: zip bombs, giant records, the cap ----------------------------------------------------------

@pytest.mark.parametrize("declared, words", [
    (4 * MIB, f"inflates past the {4 * MIB} bytes its directory declares"),
    (3000, "holds 2123831 compressed bytes, more than the 3000 bytes its directory declares can take"),
])
def test_a_zip_bomb_is_rejected_without_inflating_it(tmp_path, declared, words):
    """A member of 2 MB that inflates to 2 GiB and declares 4 MiB (the most read at once) or 3 KB."""
    bomb = deflate_bomb(b'{"question": {"uid": "QANR5L17QE90666", "texte": "', 2048)
    assert len(bomb) == 2123831
    path = raw_zip(tmp_path / "Questions_ecrites.json.zip", [
        deflated_member(f"json/QANR5L17QE{GOOD}.json", qjson(GOOD)),
        ("json/QANR5L17QE90666.json", bomb, zipfile.ZIP_DEFLATED, 0, declared),
        deflated_member("json/QANR5L17QE90102.json", qjson(90102)),
    ])
    code, err, peak, store = ingest_cli(tmp_path, path)
    assert code == 0 and f"{path}!json/QANR5L17QE90666.json: zip member cannot be read" in err, err
    assert words in err and "rejected 1," in err, err
    assert peak < GIB, peak
    assert kept(store, f"QANR5L17QE{GOOD}", "QANR5L17QE90102")


def test_a_member_larger_than_the_cap_is_rejected_unread(tmp_path):
    """A member that declares 2 GiB, as honestly as a zip can: one 2 GiB record, refused at 32 MiB."""
    bomb = deflate_bomb(b'{"question": {"uid": "QANR5L17QE90667", "texte": "', 2048)
    path = raw_zip(tmp_path / "Questions_ecrites.json.zip", [
        ("json/QANR5L17QE90667.json", bomb, zipfile.ZIP_DEFLATED, 0, 2 * GIB - 1),
        deflated_member(f"json/QANR5L17QE{GOOD}.json", qjson(GOOD)),
    ])
    code, err, peak, store = ingest_cli(tmp_path, path)
    assert code == 0 and f"{path}!json/QANR5L17QE90667.json: record larger than 32 MiB" in err, err
    assert peak < GIB, peak
    assert kept(store, f"QANR5L17QE{GOOD}")


def giant_text(number: int, mb: int = 50) -> bytes:
    record = question_record(number)
    record["question"]["textesQuestion"]["texteQuestion"]["texte"] = "GIANT"
    return json.dumps(record).encode().replace(b'"GIANT"', b'"' + b"lorem ipsum " * (mb * 1_000_000 // 12) + b'"')


def test_50_mb_of_text_in_one_record_is_rejected(tmp_path):
    folder = good_folder(tmp_path)
    giant = folder / "QANR5L17QE90103.json"
    giant.write_bytes(giant_text(90103))
    zipped = zipfile.ZipFile(folder / "Questions_ecrites.json.zip", "w", zipfile.ZIP_DEFLATED)
    with zipped:
        zipped.writestr("json/QANR5L17QE90104.json", giant_text(90104))
        zipped.writestr("json/QANR5L17QE90105.json", qjson(90105))
    code, err, peak, store = ingest_cli(tmp_path, folder)
    assert code == 0 and "rejected 2," in err, err
    assert f"{giant}: record larger than 32 MiB" in err
    assert f"{zipped.filename}!json/QANR5L17QE90104.json: record larger than 32 MiB" in err
    assert peak < GIB, peak
    assert kept(store, f"QANR5L17QE{GOOD}", "QANR5L17QE90105")
    assert question(store, "QANR5L17QE90103") == question(store, "QANR5L17QE90104") == 0


@pytest.mark.slow
@pytest.mark.parametrize("form", ["xml", "json"])
def test_a_giant_record_stops_its_dump_and_keeps_what_came_before(tmp_path, form):
    """A parser holds a record, and a text, whole: past the cap the dump's reading stops there."""
    folder = good_folder(tmp_path)
    text = b"lorem ipsum " * (50_000_000 // 12)
    if form == "xml":
        dump = xml_dump(folder, b"<question><uid>QANR5L14QE1</uid><texte>" + text + b"</texte></question>")
    else:
        dump = json_dump(folder, b'{"uid": "QANR5L14QE1", "texte": "' + text + b'"}')
    code, err, peak, store = ingest_cli(tmp_path, folder)
    assert code == 0, err
    assert f"{dump}!after record 1: record larger than 32 MiB" in err and "the rest of the file is not read" in err
    assert peak < GIB, peak
    assert kept(store, DUMP_UIDS[0], f"QANR5L17QE{GOOD}")


def test_the_cap_applies_to_each_record_of_a_dump_not_to_the_dump(tmp_path):
    """A dump of 400 records, 0.9 MB, read with a cap of 64 KiB: every record in, none rejected."""
    document = json.loads(DUMP_JSON.read_text(encoding="utf-8"))
    first = document["questionsEcrites"]["question"][0]
    records = []
    for number in range(1, 401):
        record = json.loads(json.dumps(first))
        record["uid"], record["identifiant"]["numero"] = f"QANR5L14QE{number}", str(number)
        records.append(record)
    document["questionsEcrites"]["question"] = records
    dump = tmp_path / "Questions_ecrites_XIV.json"
    dump.write_text(json.dumps(document, indent=1), encoding="utf-8")
    assert dump.stat().st_size > 10 * (64 << 10)
    store = GraphStore(tmp_path / "store")
    report = ingest(store, dump, max_record_size=64 << 10)
    assert not report.rejections and report.added == 400
    assert kept(store, "QANR5L14QE1", "QANR5L14QE400")


def test_max_record_size_option(tmp_path, capsys):
    folder = good_folder(tmp_path)
    (folder / "QANR5L17QE90106.json").write_bytes(giant_text(90106, mb=2))
    assert main(["ingest", "--quiet", "--store", str(tmp_path / "one"), "--max-record-size", "1", str(folder)]) == 0
    err = capsys.readouterr().err
    assert "QANR5L17QE90106.json: record larger than 1 MiB" in err and "rejected 1," in err
    assert main(["ingest", "--quiet", "--store", str(tmp_path / "three"), "--max-record-size", "3", str(folder)]) == 0
    assert "rejected 0," in capsys.readouterr().err
    assert main(["ingest", "--quiet", "--store", str(tmp_path / "zero"), "--max-record-size", "0", str(folder)]) == 2
    assert "--max-record-size" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["ingest", "--help"])
    help_text = " ".join(capsys.readouterr().out.split())
    assert "--max-record-size MIB" in help_text and "3 the store could not be written" in help_text


# ---- lying zips ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("lie, words", [
    ("local header names another file", "file name in directory"),
    ("directory declares less than the member inflates to", "inflates past the 5000 bytes its directory declares"),
    ("directory declares less than the member holds compressed", "more than the 200 bytes its directory declares"),
    ("directory declares more than the member holds", "Bad CRC-32"),
])
def test_a_member_whose_directory_and_local_header_disagree_is_rejected(tmp_path, lie, words):
    liar = qjson(90107) + b" " * 100_000
    member = {
        "local header names another file": deflated_member("json/QANR5L17QE90107.json", liar,
                                                           local_name="json/QANR5L17QE90999.json"),
        "directory declares less than the member inflates to": deflated_member("json/QANR5L17QE90107.json", liar,
                                                                               size=5000),
        "directory declares less than the member holds compressed": deflated_member("json/QANR5L17QE90107.json",
                                                                                    liar, size=200),
        "directory declares more than the member holds": deflated_member("json/QANR5L17QE90107.json", liar,
                                                                         size=len(liar) + 100),
    }[lie]
    path = raw_zip(tmp_path / "Questions_ecrites.json.zip", [
        deflated_member(f"json/QANR5L17QE{GOOD}.json", qjson(GOOD)), member,
        deflated_member("json/QANR5L17QE90102.json", qjson(90102))])
    store = GraphStore(tmp_path / "store")
    report = ingest(store, path)
    (rejection,) = report.rejections
    assert rejection.origin.path == str(path) and rejection.origin.member == "json/QANR5L17QE90107.json"
    assert words in rejection.reason, rejection.reason
    assert kept(store, f"QANR5L17QE{GOOD}", "QANR5L17QE90102") and question(store, "QANR5L17QE90107") == 0


@pytest.mark.parametrize("cut", ["half", "end of the directory"])
def test_a_truncated_zip_is_rejected_by_name(tmp_path, cut):
    folder = good_folder(tmp_path)
    whole = tmp_path / "whole.zip"
    with zipfile.ZipFile(whole, "w", zipfile.ZIP_DEFLATED) as archive:
        for number in (90108, 90109, 90110):
            archive.writestr(f"json/QANR5L17QE{number}.json", qjson(number))
    data = whole.read_bytes()
    path = folder / "Questions_ecrites.json.zip"
    path.write_bytes(data[: len(data) // 2] if cut == "half" else data[:-10])
    store = GraphStore(tmp_path / "store")
    report = ingest(store, folder)
    (rejection,) = report.rejections
    assert str(rejection).startswith(f"{path}: not a readable zip archive")
    assert kept(store, f"QANR5L17QE{GOOD}")


def test_member_names_with_dot_dot_are_read_in_place_and_never_escape(tmp_path, monkeypatch):
    work = tmp_path / "a" / "b" / "work"
    work.mkdir(parents=True)
    monkeypatch.chdir(work)
    names = ["../../../escaped/QANR5L17QE90111.json", "/tmp/escaped-abs/QANR5L17QE90112.json",
             "json/../../QANR5L17QE90113.json", "..\\..\\escaped-win\\QANR5L17QE90114.json"]
    path = raw_zip(work / "Questions_ecrites.json.zip",
                   [deflated_member(name, qjson(int(name[-10:-5]))) for name in names]
                   + [deflated_member(f"json/QANR5L17QE{GOOD}.json", qjson(GOOD))])
    before = sorted(str(p) for p in tmp_path.rglob("*"))
    store = GraphStore(tmp_path / "store")
    report = ingest(store, path)
    assert not report.rejections and report.added == 5  # read from the archive, whatever their names say
    assert kept(store, f"QANR5L17QE{GOOD}", "QANR5L17QE90111", "QANR5L17QE90114")
    assert count(store, f'?g <https://w3id.org/hemicycle/ontology#zipMember> "{names[0]}"') >= 1  # as named
    after = sorted(str(p) for p in tmp_path.rglob("*") if not str(p).startswith(str(tmp_path / "store")))
    assert after == before
    assert not Path("/tmp/escaped-abs").exists() and not (tmp_path / "a" / "escaped").exists()


def test_symbolic_link_loops_in_a_folder_are_not_followed(tmp_path, capsys):
    folder = good_folder(tmp_path)
    (folder / "loop.json").symlink_to("loop.json")
    (folder / "a.json").symlink_to("b.json")
    (folder / "b.json").symlink_to("a.json")
    (folder / "sub").mkdir()
    (folder / "sub" / "up").symlink_to("..")
    (folder / "sub" / "again").symlink_to(folder)
    store = GraphStore(tmp_path / "store")
    result = {}
    thread = threading.Thread(target=lambda: result.setdefault("report", ingest(store, folder)), daemon=True)
    thread.start()
    thread.join(60)
    assert not thread.is_alive(), "the ingest follows a link loop"
    report = result["report"]
    assert report.read == 1 and report.added == 1 and not report.rejections
    assert kept(store, f"QANR5L17QE{GOOD}")
    assert main(["ingest", "--quiet", "--store", str(tmp_path / "other"), str(folder / "a.json")]) == 2
    assert "a symbolic link that leads to no file" in capsys.readouterr().err


# ---- bytes that are not UTF-8 -----------------------------------------------------------------------------

def test_invalid_utf8_is_rejected_by_name(tmp_path):
    folder = good_folder(tmp_path)
    bad_json = folder / "QANR5L17QE90115.json"
    bad_json.write_bytes(qjson(90115).replace(b'"texte": "', b'"texte": "\xff\xfe\xc3(', 1))
    bad_xml = folder / "QANR5L17QE13382.xml"
    bad_xml.write_bytes((FIXTURES / "questions" / "QANR5L17QE13382.xml").read_bytes()
                        .replace(b"<texte>", b"<texte>\xff\xfe\xc3( ", 1))
    xml = xml_dump(folder, b"<question><uid>QANR5L14QE1</uid><texte>\xff\xfe</texte></question>")
    jsn = json_dump(folder, b'{"uid": "QANR5L14QE1", "texte": "\xff\xfe"}')
    store = GraphStore(tmp_path / "store")
    report = ingest(store, folder)
    messages = sorted(str(r) for r in report.rejections)
    assert len(messages) == 4, messages
    assert messages[0].startswith(f"{bad_xml}: malformed XML")
    assert messages[1].startswith(f"{bad_json}: not UTF-8 text")
    assert messages[2].startswith(f"{jsn}!after record 1: malformed JSON")
    assert messages[3].startswith(f"{xml}!after record 1: malformed XML")
    assert kept(store, f"QANR5L17QE{GOOD}", DUMP_UIDS[0])
