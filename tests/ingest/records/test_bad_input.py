"""Bad input end to end: each bad file is rejected with a message naming it (and its zip member, and the uid
when known), the good records of the same run are ingested, and ``--strict`` turns rejections into exit 1."""
from __future__ import annotations

import io
import json
import random
import socket
import threading
import zipfile
from pathlib import Path

import pytest

from hemicycle.ingest.pipeline import Ingester
from hemicycle.ingest.store import GraphStore
from hemicycle.queries.cli import main

from support import BASE, count, FIXTURES, P, question_record, write_json

GOOD = 90100
XML_FIXTURE = FIXTURES / "questions" / "QANR5L17QE13382.xml"


def zip_of(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def qjson(number: int, **options) -> bytes:
    return json.dumps(question_record(number, **options)).encode()


def qxml(doctype: str = "", entity: str = "") -> bytes:
    """The per-record XML fixture with a DOCTYPE, and an entity reference in its question text."""
    text = XML_FIXTURE.read_text(encoding="utf-8")
    text = text.replace("<question ", doctype + "\n<question ", 1)
    if entity:
        text = text.replace("<texte>", f"<texte>{entity} ", 1)
    return text.encode()


# ---- the cases: (build the bad file in folder) -> (path, expected words in the message, uid or None) ----

def truncated_zip(folder: Path):
    whole = zip_of(folder / "whole.zip", {f"json/QANR5L17QE{n}.json": qjson(n) for n in (90201, 90202, 90203)})
    data = whole.read_bytes()
    whole.unlink()
    path = folder / "Questions_ecrites.json.zip"
    path.write_bytes(data[: len(data) // 2])
    return path, ["zip"], None


def corrupted_member(folder: Path):
    rng = random.Random(7)
    big = question_record(90211)
    big["question"]["textesQuestion"]["texteQuestion"]["texte"] = " ".join(
        "".join(rng.choice("abcdefghij") for _ in range(8)) for _ in range(2000))
    path = zip_of(folder / "Questions_ecrites.json.zip",
                  {"json/QANR5L17QE90211.json": json.dumps(big).encode(), "json/QANR5L17QE90212.json": qjson(90212)})
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("json/QANR5L17QE90211.json")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for i in range(start + 200, start + 400):
        data[i] ^= 0x5A
    path.write_bytes(bytes(data))
    return path, ["json/QANR5L17QE90211.json"], None


def malformed_json(folder: Path):
    path = folder / "QANR5L17QE90221.json"
    path.write_bytes(qjson(90221)[:300])
    return path, ["malformed JSON"], None


def binary(folder: Path):
    path = folder / "QANR5L17QE90231.json"
    path.write_bytes(b"\x00\x01\x02" + random.Random(3).randbytes(2000))
    return path, ["neither JSON nor XML"], None


def latin1_json(folder: Path):
    path = folder / "QANR5L17QE90241.json"
    path.write_bytes(json.dumps(question_record(90241), ensure_ascii=False).encode("latin-1"))
    return path, ["UTF-8"], None


def malformed_xml(folder: Path):
    path = folder / "QANR5L17QE90251.xml"
    path.write_bytes(qxml().replace(b"</identifiant>", b"", 1))
    return path, ["malformed XML"], None


def impossible_date(folder: Path):
    path = write_json(folder / "QANR5L17QE90261.json", question_record(90261, day="2024-02-30"))
    return path, ["2024-02-30"], "QANR5L17QE90261"


def unknown_type(folder: Path):
    record = question_record(90271)
    record["question"]["type"] = "QX"
    path = write_json(folder / "QANR5L17QE90271.json", record)
    return path, ["QX"], "QANR5L17QE90271"


def xxe_file(folder: Path):
    path = folder / "QANR5L17QE13382.xml"
    path.write_bytes(qxml('<!DOCTYPE question [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>', "&xxe;"))
    return path, [], None


def empty(folder: Path):
    path = folder / "QANR5L17QE90281.json"
    path.write_bytes(b"")
    return path, [], None


def unknown_root(folder: Path):
    path = folder / "QANR5L17QE90291.json"
    path.write_text(json.dumps({"questionnaire": question_record(90291)["question"]}))
    return path, ["questionnaire"], None


CASES = [truncated_zip, corrupted_member, malformed_json, binary, latin1_json, malformed_xml, impossible_date,
         unknown_type, xxe_file, empty, unknown_root]


def run(folder: Path, store: GraphStore):
    rejected = []
    report = Ingester(store, progress=False, on_rejection=rejected.append).run([folder])
    return report, rejected


def good_record(folder: Path) -> None:
    write_json(folder / "good" / f"QANR5L17QE{GOOD}.json", question_record(GOOD))


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.__name__)
def test_rejected_with_a_message_and_the_run_goes_on(case, tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    good_record(folder)
    path, words, uid = case(folder)
    store = GraphStore(tmp_path / "store")
    report, rejected = run(folder, store)
    assert len(report.rejections) >= 1, report.summary()
    assert rejected == report.rejections
    messages = [str(r) for r in report.rejections]
    assert all(str(path) in m for m in messages), messages
    for word in words:
        assert any(word in m for m in messages), (word, messages)
    if uid:
        assert any(r.uid == uid and f"[{uid}]" in str(r) for r in report.rejections), messages
    if case is corrupted_member:
        assert all(r.origin.member == "json/QANR5L17QE90211.json" for r in report.rejections)
        assert count(store, f"<{BASE}question/QANR5L17QE90212> a hm:WrittenQuestion") == 1
    # the good record of the same run is in the store
    assert count(store, f"<{BASE}question/QANR5L17QE{GOOD}> a hm:WrittenQuestion") == 1
    assert report.added >= 1


@pytest.mark.parametrize("case", [truncated_zip, malformed_json, impossible_date, unknown_root],
                         ids=lambda c: c.__name__)
def test_strict_exit_code(case, tmp_path, capsys):
    folder = tmp_path / "data"
    folder.mkdir()
    good_record(folder)
    case(folder)
    assert main(["ingest", "--quiet", "--store", str(tmp_path / "lenient"), str(folder)]) == 0
    assert main(["ingest", "--quiet", "--strict", "--store", str(tmp_path / "strict"), str(folder)]) == 1
    err = capsys.readouterr().err
    assert "rejected 1" in err
    # without rejections, --strict exits 0
    clean = tmp_path / "clean"
    good_record(clean)
    assert main(["ingest", "--quiet", "--strict", "--store", str(tmp_path / "clean-store"), str(clean)]) == 0


def test_unknown_closure_code_is_kept(tmp_path):
    closure = {"codeCloture": "ZZZ_NOUVEAU", "libelleCloture": "Motif inconnu", "dateCloture": "2026-07-01",
               "infoJO": None}
    path = write_json(tmp_path / "QANR5L17QE90301.json", question_record(90301, closure=closure))
    store = GraphStore(tmp_path / "store")
    report, rejected = run(path, store)
    assert not rejected and report.added == 1
    q = f"<{BASE}question/QANR5L17QE90301>"
    rows = list(store.query(P + f"""SELECT DISTINCT ?concept ?code ?label ?date WHERE {{
        {q} hm:hasClosure ?c . ?c hm:closureStatus ?concept ; hm:closureDate ?date .
        ?concept skos:notation ?code ; skos:prefLabel ?label }}"""))
    assert [(r["concept"].value, r["code"].value, r["label"].value, r["date"].value) for r in rows] == [
        (f"{BASE}cloture/ZZZ_NOUVEAU", "ZZZ_NOUVEAU", "Motif inconnu", "2026-07-01")]
    assert count(store, f"{q} hm:status ?s") == 0


def _store_text(store: GraphStore) -> str:
    out = io.BytesIO()
    store.store.dump(out, __import__("pyoxigraph").RdfFormat.N_QUADS)
    return out.getvalue().decode()


def test_xxe_never_reads_local_files(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    good_record(folder)
    path, _, _ = xxe_file(folder)
    store = GraphStore(tmp_path / "store")
    report, rejected = run(folder, store)
    passwd = Path("/etc/passwd").read_text(errors="replace")
    lines = [line for line in passwd.splitlines() if line.strip()]
    text = _store_text(store)
    assert lines and not any(line in text for line in lines)
    assert "root:" not in text
    # the question is refused (an entity is never resolved), with a message naming the file and the entity
    assert [str(r) for r in rejected] and all(str(path) in str(r) for r in rejected)
    assert any("xxe" in str(r) for r in rejected)


def test_external_dtd_touches_no_network(tmp_path):
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(5)
    listener.settimeout(0.5)
    port = listener.getsockname()[1]
    folder = tmp_path / "data"
    folder.mkdir()
    good_record(folder)
    (folder / "QANR5L17QE13382.xml").write_bytes(qxml(f'<!DOCTYPE question SYSTEM "http://127.0.0.1:{port}/x.dtd">'))
    (folder / "QANR5L17QE13383.xml").write_bytes(
        qxml('<!DOCTYPE question SYSTEM "http://127.0.0.1:9/x.dtd">').replace(b"13382", b"13383"))
    (folder / "QANR5L17QE13384.xml").write_bytes(qxml(
        f'<!DOCTYPE question [<!ENTITY % ext SYSTEM "http://127.0.0.1:{port}/e.dtd"> %ext;]>').replace(b"13382", b"13384"))
    store = GraphStore(tmp_path / "store")
    result = {}
    thread = threading.Thread(target=lambda: result.setdefault("run", run(folder, store)))
    thread.start()
    thread.join(timeout=60)
    assert not thread.is_alive(), "the ingest hangs on an external DTD"
    try:
        connection, _ = listener.accept()
    except (socket.timeout, TimeoutError):
        connection = None
    finally:
        listener.close()
    assert connection is None, "the parser fetched an external DTD"
    report, rejected = result["run"]
    assert count(store, f"<{BASE}question/QANR5L17QE{GOOD}> a hm:WrittenQuestion") == 1
    # an external DTD that is never loaded does not make the record unreadable
    assert count(store, f"<{BASE}question/QANR5L17QE13382> a hm:WrittenQuestion") == 1
    assert count(store, f"<{BASE}question/QANR5L17QE13383> a hm:WrittenQuestion") == 1
