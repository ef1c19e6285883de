"""Helpers of the hostile-input tests: hostile files made small but real (zip bombs, lying zips, dumps nested
absurdly deep), a good record beside them, and ``hemicycle`` run in a child process whose peak memory is measured."""
from __future__ import annotations

import json
import os
import signal
import struct
import subprocess
import sys
import tempfile
import threading
import zipfile
import zlib
from pathlib import Path

from hemicycle.ingest.pipeline import Ingester
from hemicycle.ingest.store import GraphStore

from support import BASE, FIXTURES, count, question_record


GIB = 1 << 30
MIB = 1 << 20
GOOD = 90100
DUMP_XML = FIXTURES / "questions" / "Questions_ecrites_XIV_sample.xml"
DUMP_JSON = FIXTURES / "questions" / "Questions_ecrites_XIV_sample.json"
DUMP_UIDS = ("QANR5L14QE47351", "QANR5L14QE90001")



def qjson(number: int) -> bytes:
    return json.dumps(question_record(number)).encode()


def good_folder(tmp_path: Path) -> Path:
    """A data folder holding one good question, QANR5L17QE90100."""
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / f"QANR5L17QE{GOOD}.json").write_bytes(qjson(GOOD))
    return folder


def ingest(store: GraphStore, *paths, **options):
    """Ingest quietly; the rejections the callback saw are the ones the report lists."""
    rejected = []
    report = Ingester(store, progress=False, on_rejection=rejected.append, **options).run(paths)
    assert rejected == report.rejections
    return report


def question(store: GraphStore, uid: str) -> int:
    return count(store, f"<{BASE}question/{uid}> a ?type")


def kept(store: GraphStore, *uids: str) -> bool:
    return all(question(store, uid) >= 1 for uid in uids)


# The command runs under a small launcher that reports its peak: a process forked from this one (the test run,
# which may hold gigabytes by then) starts with this one's peak as its own, and keeps it across exec.
LAUNCHER = """\
import os, subprocess, sys
child = subprocess.Popen(sys.argv[1:])
_, status, usage = os.wait4(child.pid, 0)
print(usage.ru_maxrss)
sys.exit(os.waitstatus_to_exitcode(status))
"""


def run_cli(*args: str, timeout: float = 300) -> tuple[int, str, int]:
    """``hemicycle ARGS`` in a child process: its exit status, its standard error, and its peak resident memory
    in bytes (the largest of the process and the workers it waited for)."""
    with tempfile.TemporaryFile() as err:
        launcher = subprocess.Popen([sys.executable, "-c", LAUNCHER, sys.executable, "-m", "hemicycle.queries.cli",
                                     *args], stdout=subprocess.PIPE, stderr=err, start_new_session=True)
        timer = threading.Timer(timeout, os.killpg, (launcher.pid, signal.SIGKILL))
        timer.start()
        try:
            out, _ = launcher.communicate()
        finally:
            timer.cancel()
        err.seek(0)
        return launcher.returncode, err.read().decode("utf-8", "replace"), int(out or 0) * 1024


def ingest_cli(tmp_path: Path, *paths: Path, options: tuple[str, ...] = ()) -> tuple[int, str, int, GraphStore]:
    """``hemicycle ingest`` of these paths into a fresh store, in a child process; the store, opened after."""
    code, err, peak = run_cli("ingest", "--quiet", "--store", str(tmp_path / "store"), *options,
                              *map(str, paths))
    assert "Traceback" not in err, err
    return code, err, peak, GraphStore(tmp_path / "store", read_only=True)


def deflate(data: bytes) -> bytes:
    packer = zlib.compressobj(6, zlib.DEFLATED, -15)
    return packer.compress(data) + packer.flush()


def deflate_bomb(head: bytes, mib: int, byte: bytes = b"x") -> bytes:
    """A raw deflate stream of ``head`` and then ``mib`` MiB of one byte, about a thousand times smaller:
    one MiB compressed after a full flush (which makes it stand alone) and repeated."""
    first = zlib.compressobj(9, zlib.DEFLATED, -15)
    start = first.compress(head) + first.flush(zlib.Z_FULL_FLUSH)
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    piece = packer.compress(byte * MIB) + packer.flush(zlib.Z_FULL_FLUSH)
    return start + piece * mib + b"\x03\x00"  # an empty final block


def raw_zip(path: Path, members: list[tuple]) -> Path:
    """A zip written byte by byte, so that it can say what it likes: each member is ``(name, bytes as stored,
    method, crc, declared size)``, or with a sixth item, the name its local header gives."""
    out, central = bytearray(), bytearray()
    for name, stored, method, crc, size, *local in members:
        offset, encoded = len(out), name.encode()
        header_name = (local[0] if local else name).encode()
        out += struct.pack("<4s5H3I2H", b"PK\x03\x04", 20, 0x800, method, 0, 0x21, crc, len(stored), size,
                           len(header_name), 0) + header_name + stored
        central += struct.pack("<4s6H3I5HII", b"PK\x01\x02", 20, 20, 0x800, method, 0, 0x21, crc, len(stored),
                               size, len(encoded), 0, 0, 0, 0, 0, offset) + encoded
    end = struct.pack("<4s4H2IH", b"PK\x05\x06", 0, 0, len(members), len(members), len(central), len(out), 0)
    path.write_bytes(bytes(out + central + end))
    return path


def deflated_member(name: str, data: bytes, **lies) -> tuple:
    member = [name, deflate(data), zipfile.ZIP_DEFLATED, zlib.crc32(data), len(data)]
    if "size" in lies:
        member[4] = lies["size"]
    if "local_name" in lies:
        member.append(lies["local_name"])
    return tuple(member)


def xml_dump(folder: Path, hostile: bytes, name: str = "Questions_ecrites_XIV.xml") -> Path:
    """The XIVth sample dump with a hostile ``<question>`` between its two good ones."""
    text = DUMP_XML.read_bytes()
    at = text.index(b"</question>") + len(b"</question>")
    path = folder / name
    path.write_bytes(text[:at] + b"\n  " + hostile + text[at:])
    return path


def json_dump(folder: Path, hostile: bytes, name: str = "Questions_ecrites_XIV.json") -> Path:
    """The XIVth sample dump in JSON with a hostile record between its two good ones."""
    document = json.loads(DUMP_JSON.read_text(encoding="utf-8"))
    records = document["questionsEcrites"]["question"]
    records.insert(1, "HOSTILE")
    path = folder / name
    path.write_bytes(json.dumps(document).encode().replace(b'"HOSTILE"', hostile))
    return path


def nested_json(depth: int) -> bytes:
    return b"[" * depth + b"]" * depth


