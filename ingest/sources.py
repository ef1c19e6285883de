"""Find the records in what a user points at: files, folders and zips, recognised by their content.

Every form of the Assemblée's data is recognised by itself: per-record JSON or XML (question, acteur,
organe, mandat), the official zips (``json/…`` or ``xml/…`` inside, or AMO50's ``acteur/ mandat/ organe/``),
the single-file dumps (XIVth questions, AMO XML exports), read as a stream, and the old site's legacy XML.
Records of kinds the graph does not hold (``deport``, ``pays``) are counted as skipped.

Each record comes out as a :class:`SourceRecord`, a :class:`Rejection` (file, member, uid and reason) or a
:class:`Skipped`; a bad record never stops the others.

Nothing a file says about itself is trusted: a record is read into memory only up to a size cap
(``max_size``, :data:`MAX_RECORD_SIZE` unless told), a zip member is inflated only up to the size its
directory declares, and a record nested deeper than :data:`~.xmltools.MAX_DEPTH` is refused before anything
recurses over it. A dump is read as a stream, so the cap applies to each of its records, not to the file.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import struct
import zipfile
import zlib
from pathlib import Path
from typing import IO, Callable, Iterable, Iterator

import ijson

from hemicycle.ingest.records import amo, legacy, questions, xmltools
from hemicycle.ingest.records.model import Origin, Record, Rejection, Skipped, SourceRecord
from hemicycle.ingest.records.values import value
from hemicycle.ingest.records.xmltools import MAX_DEPTH, TOO_DEEP
from hemicycle.ontology.errors import RecordError, SourceError

Item = SourceRecord | Rejection | Skipped

# The readers of one record, by the name of its root (JSON key or XML element).
READERS: dict[str, Callable[[dict], Record]] = {
    "question": questions.question_from_dict,
    "acteur": amo.person_from_dict,
    "organe": amo.organ_from_dict,
    "mandat": amo.mandate_from_dict,
}
SKIPPED_KINDS = {"deport", "pays"}
# Single-file dumps: root name → the record elements inside.
DUMPS = {
    "questionsEcrites": ("question",),
    "questionsGvt": ("question",),
    "questionsOralesSansDebat": ("question",),
    "export": ("organe", "acteur", "mandat"),
}
# Container elements of the JSON dumps, between the root and the records.
_JSON_DUMP_PATHS = {
    "questionsEcrites": ["questionsEcrites.question"],
    "questionsGvt": ["questionsGvt.question"],
    "questionsOralesSansDebat": ["questionsOralesSansDebat.question"],
    "export": ["export.organes.organe", "export.acteurs.acteur", "export.mandats.mandat"],
}


DATA_SUFFIXES = {".json", ".xml", ".zip"}
# The largest record read into memory. The largest real record is 112 KB (an acteur with all his mandates), a
# question is about 10 KB: a record of more is a damaged or hostile file, which would take several times its
# size in memory once parsed and mapped.
MAX_RECORD_SIZE = 32 << 20


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def list_files(paths: Iterable[str | os.PathLike]) -> list[Path]:
    """The files below the given paths, each once.

    Folders are walked in name order and give their ``.json``, ``.xml`` and ``.zip`` files (a README beside
    the data is not a record); a file named explicitly is always read. Links to folders are not followed (a
    link to a parent would loop), and a link that leads to no file (a loop, a missing target) is not a file.
    """
    seen: dict[Path, None] = {}
    for given in paths:
        path = Path(given)
        if path.is_dir():
            for file in sorted(p for p in path.rglob("*") if p.is_file()):
                if file.suffix.lower() in DATA_SUFFIXES:
                    seen.setdefault(file, None)
        elif path.is_file():
            seen.setdefault(path, None)
        elif path.is_symlink():
            raise SourceError(f"{path}: a symbolic link that leads to no file (a loop, or a missing target)")
        else:
            raise SourceError(f"{path}: no such file or folder")
    return list(seen)


AMO_ROOTS = {"acteur", "organe", "mandat", "export"} | SKIPPED_KINDS


def everything(root: str | None) -> bool:
    return True


def amo_only(root: str | None) -> bool:
    """Deputies and organs first, so that questions can be resolved against them."""
    return root in AMO_ROOTS


def all_but_amo(root: str | None) -> bool:
    """The rest: questions, and whatever cannot be read (reported once, in this phase)."""
    return root not in AMO_ROOTS


Accept = Callable[[str | None], bool]


def read_file(path: Path, sha256: str, accept: Accept = everything,
              archive: zipfile.ZipFile | None = None, max_size: int = MAX_RECORD_SIZE) -> Iterator[Item]:
    """Every record of one file (a zip's members in their stored order) whose root ``accept`` takes.

    A file that cannot be read at all is reported as the root ``None``. ``archive`` is the file already
    opened by :func:`open_zip`, so that a large zip's directory is read once per run. A record of more than
    ``max_size`` bytes is rejected.
    """
    if archive is not None:
        yield from _read_infos(archive, members(archive), str(path), sha256, accept, max_size)
        return
    origin = Origin(str(path), None, sha256)
    if zipfile.is_zipfile(path) or path.suffix.lower() == ".zip":
        yield from _read_zip(path, sha256, accept, max_size)
        return
    with open(path, "rb") as stream:
        yield from read_stream(stream, origin, accept, max_size)


def open_zip(path: Path) -> zipfile.ZipFile | None:
    """The zip archive at ``path``, open, or ``None`` when it is not a readable zip."""
    if not zipfile.is_zipfile(path):
        return None
    try:
        return zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        return None


def members(archive: zipfile.ZipFile) -> list[zipfile.ZipInfo]:
    """A zip's record members (folders left out), in stored order."""
    return [info for info in archive.infolist() if not info.is_dir()]


def _read_zip(path: Path, sha256: str, accept: Accept, max_size: int) -> Iterator[Item]:
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as error:
        if accept(None):
            yield Rejection(Origin(str(path), None, sha256), f"not a readable zip archive ({error})")
        return
    with archive:
        yield from _read_infos(archive, members(archive), str(path), sha256, accept, max_size)


def read_members(archive: zipfile.ZipFile, names: list[str] | list[zipfile.ZipInfo], sha256: str,
                 accept: Accept = everything, max_size: int = MAX_RECORD_SIZE) -> Iterator[Item]:
    """The records of some members of an open zip (by name, or as entries of its directory, which tells apart
    two members of the same name): one share of a zip read by several workers."""
    infos = [name if isinstance(name, zipfile.ZipInfo) else archive.getinfo(name) for name in names]
    yield from _read_infos(archive, infos, str(archive.filename), sha256, accept, max_size)


def _read_infos(archive: zipfile.ZipFile, infos, path: str, sha256: str, accept: Accept,
                max_size: int) -> Iterator[Item]:
    # The deputies' phase refuses every member of a questions zip: it tells most of them from their first
    # compressed bytes instead of opening each one (50,000 members: 0.3 s instead of 1.5 s).
    if accept is amo_only:
        infos = maybe_accepted(archive, infos, accept)
    for info in infos:
        yield from _read_info(archive, info, path, sha256, accept, max_size)


def maybe_accepted(archive: zipfile.ZipFile, infos, accept: Accept) -> list[zipfile.ZipInfo]:
    """The members ``accept`` may take: all but those whose first compressed bytes tell a root it refuses."""
    kept = []
    for info in infos:
        kind = _quick_kind(archive, info)
        if kind is None or accept(kind[1]):
            kept.append(info)
    return kept


def _read_info(archive: zipfile.ZipFile, info, path: str, sha256: str, accept: Accept,
               max_size: int) -> Iterator[Item]:
    origin = Origin(path, info.filename, sha256)
    try:
        data = _whole_member(archive, info, max_size)
        if data is not None:
            yield from read_stream(_Replay(data), origin, accept, max_size)
            return
        # zipfile gives at most the member's declared size, and read_stream reads a record only up to the cap:
        # a member larger than the cap is read whole only when it is a dump, and then as a stream.
        with archive.open(info) as member:
            yield from read_stream(member, origin, accept, max_size)
    except (zipfile.BadZipFile, EOFError, OSError, zipfile.LargeZipFile, zlib.error) as error:
        if accept(None):
            yield Rejection(origin, f"zip member cannot be read ({error})")


WHOLE_MEMBER = 4 << 20  # a stored or deflated member up to this size is read at once (a dump stays a stream)
_PLAIN = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
_QUICK_BYTES = 256
_LEADING = b"\xef\xbb\xbf \t\r\n"  # a BOM and blanks before the first character that counts


def _plain_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> tuple[int, bytes] | None:
    """For a stored or deflated member of an archive that is a file of its own: the archive's file descriptor
    (read with ``pread``, which leaves zipfile's position alone) and the member's local file header (its 30
    fixed bytes, then its name); ``None`` for anything else, which zipfile opens the usual way. A missing
    local header raises :class:`zipfile.BadZipFile`."""
    if info.flag_bits & 0x21 or info.compress_type not in _PLAIN:  # encrypted, patched, another compression
        return None
    try:
        fd = archive.fp.fileno()
    except (AttributeError, OSError, ValueError):  # an archive in memory, or closed
        return None
    fixed = os.pread(fd, 30, info.header_offset)
    if len(fixed) != 30 or fixed[:4] != b"PK\x03\x04":
        raise zipfile.BadZipFile(f"bad local file header for {info.filename!r}")
    name_length, extra_length = struct.unpack("<HH", fixed[26:30])
    return fd, fixed + os.pread(fd, name_length + extra_length, info.header_offset + 30)


def _whole_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo,
                  max_size: int = MAX_RECORD_SIZE) -> bytes | None:
    """The bytes of a record-sized member, stored or deflated, read and inflated at once and checked against
    its size and CRC as zipfile checks them; ``None`` when the member is anything else (encrypted, another
    compression, large) or the archive is not a file of its own: the caller then opens it with zipfile.

    A per-record zip holds tens of thousands of such members, and zipfile's stream machinery (a lock, a seek
    and a buffer per read) costs more than inflating them. The directory's sizes are not trusted: no more is
    read than a deflated stream of the declared size can take, and inflating stops one byte past the declared
    size (a zip bomb declares a small size and inflates to gigabytes)."""
    plain = _plain_member(archive, info) if info.file_size <= min(WHOLE_MEMBER, max_size) else None
    if plain is None:
        return None
    if info.compress_size > _deflated_bound(info.file_size):
        raise zipfile.BadZipFile(f"{info.filename!r} holds {info.compress_size} compressed bytes, more than the "
                                 f"{info.file_size} bytes its directory declares can take")
    fd, header = plain
    name = header[30:30 + struct.unpack("<H", header[26:28])[0]]
    given = info.orig_filename  # (an ASCII name is the same bytes in UTF-8 and CP437; ASCII's codec is the quickest)
    if name != given.encode("ascii" if given.isascii() else "utf-8" if info.flag_bits & 0x800 else "cp437"):
        raise zipfile.BadZipFile(f"file name in directory {info.orig_filename!r} and header {name!r} differ")
    raw = os.pread(fd, info.compress_size, info.header_offset + len(header))
    if len(raw) != info.compress_size:
        raise EOFError(f"the archive ends inside {info.filename!r}")
    data = raw
    if info.compress_type == zipfile.ZIP_DEFLATED:
        data = zlib.decompressobj(-15).decompress(raw, info.file_size + 1)
    if len(data) > info.file_size:
        raise zipfile.BadZipFile(f"{info.filename!r} inflates past the {info.file_size} bytes its directory declares")
    if len(data) != info.file_size or zlib.crc32(data) != info.CRC:
        raise zipfile.BadZipFile(f"Bad CRC-32 for file {info.filename!r}")
    return data


def _deflated_bound(size: int) -> int:
    """More than the deflated form of ``size`` bytes ever takes (zlib's worst case adds 5 bytes a 16 KiB block)."""
    return size + (size >> 10) + 64


def _quick_kind(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> tuple[str, str] | None:
    """What :func:`sniff` would say of a zip member, read from its first bytes only when they settle it
    (a whole JSON key, a whole XML root name); ``None`` when they do not, or when the member is not a plain
    stored or deflated one: the caller then opens it the usual way."""
    try:
        plain = _plain_member(archive, info)
        if plain is None:
            return None
        fd, header = plain
        head = os.pread(fd, min(info.compress_size, _QUICK_BYTES), info.header_offset + len(header))
        if info.compress_type == zipfile.ZIP_DEFLATED:
            head = zlib.decompressobj(-15).decompress(head, _QUICK_BYTES)
    except (OSError, zlib.error, zipfile.BadZipFile):  # opening the member will say what is wrong
        return None
    if len(head) == info.file_size:  # the whole member
        return sniff(head)
    return settled_kind(head)


_PROLOG = re.compile(rb"\s*(?:<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>]*>)", re.S)
_XML_START = re.compile(rb"\s*<(?:[A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)[\s/>]")


def settled_kind(head: bytes) -> tuple[str, str] | None:
    """:func:`sniff`'s answer when the first bytes of a longer file settle it, else ``None``.

    >>> settled_kind(b'{"question": {"uid'), settled_kind(b'{"quest')
    (('json', 'question'), None)
    >>> settled_kind(b'<?xml version="1.0"?><!-- x --><acteur xmlns="a">'), settled_kind(b'<?xml version="1.0"?><act')
    (('xml', 'acteur'), None)
    """
    text = head.lstrip(_LEADING)
    if text.startswith(b"{"):
        match = _JSON_KEY.match(text)
        return ("json", match.group(1).decode("utf-8", "replace")) if match else None
    if text.startswith(b"<"):
        position = 0
        while prolog := _PROLOG.match(text, position):
            position = prolog.end()
        match = _XML_START.match(text, position)
        return ("xml", match.group(1).decode()) if match else None
    return None


_XML_ROOT = re.compile(rb"<([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)")
_JSON_KEY = re.compile(rb'^\s*\{\s*"([^"]+)"')


def sniff(head: bytes) -> tuple[str, str] | None:
    """``("json"|"xml", root name)`` from the first bytes of a file, or ``None``.

    >>> sniff(b'{"question": {"uid": "QANR5L17QE1"}}'), sniff(b'<?xml version="1.0"?>\\n<QUESTION TYPE="QE">')
    (('json', 'question'), ('xml', 'QUESTION'))
    """
    text = head.lstrip(_LEADING)
    if text.startswith(b"{"):
        match = _JSON_KEY.match(text)
        return ("json", match.group(1).decode("utf-8", "replace")) if match else ("json", "")
    if text.startswith(b"["):
        return ("json", "")
    if text.startswith(b"<"):
        body = re.sub(rb"<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>]*>", b"", text, flags=re.S)
        match = _XML_ROOT.search(body)
        return ("xml", match.group(2).decode()) if match else ("xml", "")
    return None


def read_stream(stream: IO[bytes], origin: Origin, accept: Accept = everything,
                max_size: int = MAX_RECORD_SIZE) -> Iterator[Item]:
    """Every record in one file's bytes, recognised from its content; a record of more than ``max_size``
    bytes is rejected, and no more than that is read of it."""
    head = stream.peek(4096)[:4096] if hasattr(stream, "peek") else b""
    if len(head) < 64:  # a tiny file, or a stream that cannot peek: read up to the cap and replay
        data = stream.read(max_size + 1)
        head, stream = data[:4096], _Replay(data)
    kind = sniff(head)
    if not accept(kind[1] if kind else None):
        return
    if not head.strip():
        yield Rejection(origin, "empty file")
        return
    if kind is None:
        yield Rejection(origin, "neither JSON nor XML (the first bytes are not '{', '[' or '<')")
        return
    syntax, root = kind
    if root in SKIPPED_KINDS:
        yield Skipped(origin, root)
    elif root in DUMPS and syntax == "xml":
        yield from _read_xml_dump(_Metered(stream, max_size), origin, DUMPS[root])
    elif root in DUMPS:
        yield from _read_json_dump(_Metered(stream, max_size), origin, root)
    elif root not in READERS and not (root == "QUESTION" and syntax == "xml"):
        yield Rejection(origin, f"unknown {syntax.upper()} record kind {root!r}")
    elif len(data := stream.read(max_size + 1)) > max_size:
        yield Rejection(origin, too_large(max_size))
    elif root == "QUESTION":
        yield from _one(origin, None, lambda: legacy.question_from_legacy(xmltools.parse(data)))
    elif syntax == "xml":
        yield from _read_xml_record(data, origin)
    else:
        yield from _read_json_record(data, origin)


def too_large(max_size: int) -> str:
    return f"record larger than {max_size / (1 << 20):g} MiB, the most a record may hold (--max-record-size)"


class _Replay:
    """Bytes already in memory, read as a stream."""

    def __init__(self, data: bytes):
        self._data, self._at = data, 0

    def peek(self, size: int = 0) -> bytes:
        return self._data[self._at:] if self._at else self._data

    def read(self, size: int = -1) -> bytes:
        start, total = self._at, len(self._data)
        self._at = total if size is None or size < 0 else min(total, start + size)
        return self._data if start == 0 and self._at == total else self._data[start:self._at]


def _one(origin: Origin, uid: str | None, build: Callable[[], Record]) -> Iterator[Item]:
    try:
        yield SourceRecord(build(), origin)
    except RecordError as error:
        yield Rejection(origin, str(error), uid)


def _uid_of(body) -> str | None:
    try:
        return value(body.get("uid")) if isinstance(body, dict) else None
    except RecordError:
        return None


_JSON_STRING = re.compile(rb'"[^"\\]*(?:\\(?:.|\Z)[^"\\]*)*(?:"|\Z)', re.S)  # always matches: linear time
_BRACKETS = bytes.maketrans(b"[{]}", b"\1\1\0\0"), bytes(sorted(set(range(256)) - set(b"[{]}")))


def json_too_deep(data: bytes, limit: int = MAX_DEPTH) -> bool:
    """Whether a JSON text nests objects and arrays more than ``limit`` levels deep, told without parsing it:
    Python's parser recurses once a level (a record 100,000 deep exhausts the stack) and the readers after it
    too.

    >>> json_too_deep(b'{"a": [[{"b": "[[[["}]]]}', limit=4), json_too_deep(b'{"a": [[{"b": [[]]}]]}', limit=4)
    (False, True)
    """
    if data.count(b"[") + data.count(b"{") <= limit:  # the common case: too few brackets to nest that deep
        return False
    depth = 0
    for opening in _JSON_STRING.sub(b"", data).translate(*_BRACKETS):  # brackets outside strings, 1 or 0
        depth += 1 if opening else -1
        if depth > limit:
            return True
    return False


def _read_json_record(data: bytes, origin: Origin) -> Iterator[Item]:
    if json_too_deep(data):
        yield Rejection(origin, TOO_DEEP)
        return
    try:
        document = json.loads(data)
    except UnicodeDecodeError as error:
        yield Rejection(origin, f"not UTF-8 text ({error})")
        return
    except json.JSONDecodeError as error:
        yield Rejection(origin, f"malformed JSON: {error.msg} at line {error.lineno}, column {error.colno}")
        return
    if not isinstance(document, dict) or len(document) != 1:
        yield Rejection(origin, "a record file holds one object with one key (question, acteur, organe…)")
        return
    (root, body), = document.items()
    yield from _one(origin, _uid_of(body), lambda: READERS[root](body))


def _read_xml_record(data: bytes, origin: Origin) -> Iterator[Item]:
    try:
        element = xmltools.parse(data)
    except RecordError as error:
        yield Rejection(origin, str(error))
        return
    body = xmltools.to_dict(element)
    root = xmltools.local(element.tag)
    yield from _one(origin, _uid_of(body), lambda: READERS[root](body))


def _read_xml_dump(stream: _Metered, origin: Origin, tags: tuple[str, ...]) -> Iterator[Item]:
    count = 0
    try:
        for element, too_deep in xmltools.iter_elements(stream, set(tags)):
            stream.mark()
            count += 1
            root = xmltools.local(element.tag)
            where = Origin(origin.path, _member(origin, f"{root}[{count}]"), origin.sha256)
            if too_deep:
                yield Rejection(where, TOO_DEEP)
                continue
            body = xmltools.to_dict(element)
            yield from _one(where, _uid_of(body), lambda: READERS[root](body))
    except RecordError as error:
        yield Rejection(Origin(origin.path, _member(origin, f"after record {count}"), origin.sha256),
                        f"{error}; the rest of the file is not read")


def _read_json_dump(stream: _Metered, origin: Origin, root: str) -> Iterator[Item]:
    count = 0
    try:
        for record_kind, body in _json_records(stream, _JSON_DUMP_PATHS[root]):
            stream.mark()
            count += 1
            where = Origin(origin.path, _member(origin, f"{record_kind}[{count}]"), origin.sha256)
            if body is None:
                yield Rejection(where, TOO_DEEP)
                continue
            yield from _one(where, _uid_of(body), lambda: READERS[record_kind](body))
    except (ijson.JSONError, UnicodeDecodeError, RecordError) as error:
        malformed = "" if isinstance(error, RecordError) else "malformed JSON: "
        yield Rejection(Origin(origin.path, _member(origin, f"after record {count}"), origin.sha256),
                        f"{malformed}{error}; the rest of the file is not read")


_OPENING = {"start_map", "start_array"}
_CLOSING = {"end_map", "end_array"}


def _json_records(stream: IO[bytes], prefixes: list[str]) -> Iterator[tuple[str, dict | None]]:
    """In one pass, the objects found at each prefix (in ijson's naming), whether the source holds a list or
    a single object; ``(kind, None)`` for one nested more than :data:`MAX_DEPTH` deep, skipped unbuilt.

    The prefixes are followed here on ijson's basic events: its own prefixes name every level by its whole
    path, which takes memory growing as the square of the depth (20,000 levels: a gigabyte)."""
    wanted = {}
    for prefix in prefixes:
        kind = prefix.rsplit(".", 1)[1]
        wanted[prefix] = wanted[prefix + ".item"] = kind
    named = max(prefix.count(".") for prefix in wanted) + 1  # containers deeper than this are never wanted
    opened: list[str | None] = []  # outside records: the prefix of each open container (None when too deep)
    prefix: str | None = ""  # the prefix of the next value
    builder = skipping = None  # the record being built, or the kind of the too deep one being skipped
    depth = room = 0  # the record's open containers, and how many it may open within MAX_DEPTH
    for event, data in ijson.basic_parse(stream, use_float=True):
        if builder is not None or skipping is not None:  # inside a record: the common case first
            if builder is not None:
                builder.event(event, data)
            if event in _OPENING:
                depth += 1
                if depth > room and builder is not None:
                    builder, skipping = None, kind
            elif event in _CLOSING:
                depth -= 1
                if depth == 0:
                    yield (kind, builder.value) if builder is not None else (skipping, None)
                    builder = skipping = None
        elif event in _OPENING:
            if event == "start_map" and prefix in wanted:
                builder, kind, depth, room = ijson.ObjectBuilder(), wanted[prefix], 1, MAX_DEPTH - len(opened)
                builder.event(event, data)
                if room < 1:
                    builder, skipping = None, kind
                continue
            opened.append(prefix if len(opened) < named else None)
            if len(opened) > MAX_DEPTH:
                raise RecordError(TOO_DEEP)
            if opened[-1] is None:
                prefix = None
            elif event == "start_array":
                prefix = f"{prefix}.item" if prefix else "item"
        elif event == "map_key":
            parent = opened[-1]
            prefix = None if parent is None else f"{parent}.{data}" if parent else data
        elif event in _CLOSING:
            prefix = opened.pop()


class _Metered:
    """A dump's stream as its parser reads it, refusing to give more than ``max_size`` bytes past the end of
    the last record: the parsers hold a record, and a text, whole, so a giant one would be read into memory.

    Each record's end is marked by the reader; the count runs ahead of the parser by the parser's buffer at
    most, and never counts a record's bytes against the record before it."""

    def __init__(self, stream: IO[bytes], max_size: int):
        self._stream, self._max = stream, max_size
        self._given = self._marked = 0

    def mark(self) -> None:
        self._marked = self._given

    def read(self, size: int = -1) -> bytes:
        room = self._max + 1 - (self._given - self._marked)
        if room <= 0:
            raise RecordError(too_large(self._max))
        data = self._stream.read(room if size is None or size < 0 else min(size, room))
        self._given += len(data)
        return data


def _member(origin: Origin, where: str) -> str:
    return f"{origin.member}#{where}" if origin.member else where
