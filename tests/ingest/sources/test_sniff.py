"""The deputies' phase tells a zip member's kind from its first compressed bytes: it must say what opening the
member would say, or leave the member to be opened."""
from __future__ import annotations

import doctest
import io
import zipfile
import zlib

import pytest

from support import ROOT, real_data
from hemicycle.ingest import sources


def _opened_kind(archive: zipfile.ZipFile, info: zipfile.ZipInfo):
    """The kind the usual path gives: the member opened, its head peeked at and sniffed."""
    with archive.open(info) as member:
        head = member.peek(4096)[:4096]
        if len(head) < 64:
            head = member.read()
    return sources.sniff(head)


def _quick_kinds(path):
    archive = zipfile.ZipFile(path)
    for info in sources.members(archive):
        yield archive, info, sources._quick_kind(archive, info)


def test_doctests():
    assert doctest.testmod(sources).failed == 0


@pytest.mark.parametrize("name", [
    "amo/l16-AMO20_dep_sen_min_tous_mandats_et_organes.json.zip",
    "amo/l17-acteurs-organes-mixed-2025.json.zip",
    "questions/l16-questions-gouvernement-1-639.json.zip",
])
def test_quick_kind_agrees_with_opening_every_real_member(name):
    path = real_data(*name.split("/"))
    settled = 0
    for archive, info, quick in _quick_kinds(path):
        if quick is not None:
            settled += 1
            assert quick == _opened_kind(archive, info), info.filename
    assert settled > 0.95 * len(sources.members(zipfile.ZipFile(path)))


TRICKY = {
    # a JSON key cut by the 256 bytes the quick look reads: left to the usual path
    "long-key.json": b'{"' + b"k" * 400 + b'": {}}',
    "spaces-then-key.json": b" " * 300 + b'{"acteur": {"uid": "PA1"}}',
    "question.json": b'{"question": {"uid": "QANR5L17QE1", "texte": "' + b"x" * 500 + b'"}}',
    "bom.json": b'\xef\xbb\xbf{"organe": {"uid": "PO1"}}',
    "list.json": b'[{"acteur": {}}]',
    "comment-then-root.xml": b'<?xml version="1.0"?>\n<!-- ' + b"c" * 400 + b' -->\n<acteur xmlns="x"><uid>PA1</uid></acteur>',
    "doctype-subset.xml": b'<?xml version="1.0"?><!DOCTYPE a [<!ENTITY e "v">]><mandat><uid>PM1</uid>' + b" " * 300 + b"</mandat>",
    "prefixed.xml": b'<ns:organe xmlns:ns="x"><uid>PO1</uid>' + b" " * 300 + b"</ns:organe>",
    "short.xml": b"<organe/>",
    "empty.json": b"",
    "text.txt": b"hello " * 100,
}


@pytest.mark.parametrize("compression", [zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED])
def test_quick_kind_is_never_wrong_on_crafted_members(tmp_path, compression):
    path = tmp_path / "crafted.zip"
    with zipfile.ZipFile(path, "w", compression=compression) as archive:
        for name, data in TRICKY.items():
            archive.writestr(name, data)
    quick = {info.filename: kind for _, info, kind in _quick_kinds(path)}
    archive = zipfile.ZipFile(path)
    for info in sources.members(archive):
        if quick[info.filename] is not None:
            assert quick[info.filename] == _opened_kind(archive, info), info.filename
    # the cases the first bytes settle are told without opening; the others are left to the usual path
    assert quick["question.json"] == ("json", "question")
    assert quick["bom.json"] == ("json", "organe")
    assert quick["prefixed.xml"] == ("xml", "organe")
    assert quick["short.xml"] == ("xml", "organe")
    assert quick["long-key.json"] is None
    assert quick["spaces-then-key.json"] is None
    assert quick["comment-then-root.xml"] is None
    assert quick["doctype-subset.xml"] is None


def test_the_deputies_phase_reads_the_same_records_with_and_without_the_quick_look(tmp_path, monkeypatch):
    path = tmp_path / "mixed.zip"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in TRICKY.items():
            archive.writestr(name, data)
        sample = ROOT / "ingest" / "sample"
        for file in sorted(sample.rglob("*.json")):
            archive.write(file, f"sample/{file.name}")

    def uids(items):
        return [(type(item).__name__, item.origin.member, getattr(getattr(item, "record", None), "uid", None))
                for item in items]

    quick = uids(sources.read_file(path, "0" * 64, sources.amo_only, sources.open_zip(path)))
    monkeypatch.setattr(sources, "_quick_kind", lambda archive, info: None)
    opened = uids(sources.read_file(path, "0" * 64, sources.amo_only, sources.open_zip(path)))
    assert quick == opened
    assert any(kind == "SourceRecord" for kind, _, _ in quick)


# --- record-sized members read at once, without zipfile's stream --------------------------------------------------

@pytest.mark.parametrize("name", [
    "amo/l16-AMO20_dep_sen_min_tous_mandats_et_organes.json.zip",
    "amo/l17-acteurs-organes-mixed-2025.json.zip",
    "questions/l16-questions-gouvernement-1-639.json.zip",
])
def test_whole_member_is_what_zipfile_reads_for_every_real_member(name):
    archive = zipfile.ZipFile(real_data(*name.split("/")))
    infos = sources.members(archive)
    for info in infos:
        assert sources._whole_member(archive, info) == archive.read(info), info.filename


@pytest.mark.parametrize("compression", [zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2])
def test_whole_member_reads_plain_members_and_leaves_the_rest(tmp_path, compression, monkeypatch):
    path = tmp_path / "m.zip"
    with zipfile.ZipFile(path, "w", compression=compression) as archive:
        for name, data in TRICKY.items():
            archive.writestr(name, data)
        archive.writestr("big.json", b'{"question": {}}' + b" " * 5000)
    archive = zipfile.ZipFile(path)
    monkeypatch.setattr(sources, "WHOLE_MEMBER", 4096)
    for info in sources.members(archive):
        data = sources._whole_member(archive, info)
        if compression == zipfile.ZIP_BZIP2 or info.filename == "big.json":
            assert data is None, info.filename  # left to zipfile
        else:
            assert data == archive.read(info), info.filename
    in_memory = zipfile.ZipFile(io.BytesIO(path.read_bytes()))  # no file of its own: left to zipfile
    assert sources._whole_member(in_memory, in_memory.getinfo("bom.json")) is None


def _damaged(tmp_path, change) -> tuple[zipfile.ZipFile, zipfile.ZipInfo]:
    path = tmp_path / "d.zip"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("json/QANR5L17QE1.json", b'{"question": {"uid": "QANR5L17QE1"}}' + b" " * 3000)
    info = zipfile.ZipFile(path).getinfo("json/QANR5L17QE1.json")
    data = bytearray(path.read_bytes())
    change(data, info.header_offset + 30 + len(info.filename), info)
    path.write_bytes(bytes(data))
    archive = zipfile.ZipFile(path)
    return archive, archive.getinfo("json/QANR5L17QE1.json")


@pytest.mark.parametrize("change, error", [
    (lambda data, start, info: data.__setitem__(slice(start + 5, start + 9), b"\xff\xff\xff\xff"), (zlib.error, zipfile.BadZipFile)),
    (lambda data, start, info: data.__setitem__(slice(start - 3, start), b"XYZ"), zipfile.BadZipFile),       # header name
    (lambda data, start, info: data.__setitem__(slice(info.header_offset, info.header_offset + 4), b"PK\x05\x06"), zipfile.BadZipFile),
], ids=["inflated bytes", "name in the local header", "local header signature"])
def test_whole_member_fails_where_zipfile_fails(tmp_path, change, error):
    archive, info = _damaged(tmp_path, change)
    with pytest.raises(error):
        sources._whole_member(archive, info)
    with pytest.raises((zlib.error, zipfile.BadZipFile)):
        archive.read(info)
