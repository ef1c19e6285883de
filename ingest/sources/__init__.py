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

One module per job: :mod:`.files` lists the files and hashes them, :mod:`.sniffer` tells what a file holds from
its first bytes, :mod:`.zips` opens zips and reads their members, :mod:`.readers` reads one record,
:mod:`.dumps` streams the single-file dumps, and :mod:`.selection` says which records a pass reads. This module
sends each file, zip member or stream to the right one: :func:`read_file`, :func:`read_members` (a share of a
zip, for a worker process) and :func:`read_stream`.
"""
from __future__ import annotations

import zipfile
import zlib
from pathlib import Path
from typing import IO, Iterator

from hemicycle.ingest.records.model import Origin, Rejection, Skipped, SourceRecord
from hemicycle.ingest.sources.dumps import DUMPS, read_dump
from hemicycle.ingest.sources.files import DATA_SUFFIXES, list_files, sha256_of
from hemicycle.ingest.sources.readers import (MAX_RECORD_SIZE, READERS, SKIPPED_KINDS, Item, json_too_deep,
                                              read_record, readable, too_large)
from hemicycle.ingest.sources.selection import (AMO_ROOTS, PASSES, Selection, all_but_amo, amo_only,
                                                everything)
from hemicycle.ingest.sources.sniffer import sniff
from hemicycle.ingest.sources.zips import (close_zips, entry_count, first_bytes, members, open_zip, read_whole,
                                           reopen_zip)

__all__ = [
    "AMO_ROOTS", "DATA_SUFFIXES", "DUMPS", "MAX_RECORD_SIZE", "PASSES", "READERS", "SKIPPED_KINDS", "WHOLE_MEMBER",
    "Item", "Rejection", "Selection", "Skipped", "SourceRecord", "all_but_amo", "amo_only", "close_zips",
    "entry_count", "everything", "json_too_deep", "list_files", "members", "members_for", "open_zip",
    "read_file", "read_members", "read_stream", "reopen_zip", "sha256_of", "sniff", "too_large",
]

# A stored or deflated member up to this size (and the record cap) is read at once; a larger one, a dump, is
# read as a stream.
WHOLE_MEMBER = 4 << 20
_QUICK_BYTES = 256  # what the deputies' pass reads of a zip member to tell its root


def read_file(path: Path, sha256: str, selection: Selection = everything,
              archive: zipfile.ZipFile | None = None, max_size: int = MAX_RECORD_SIZE) -> Iterator[Item]:
    """Every record of one file (a zip's members in their stored order) whose root ``selection`` accepts.

    A file that cannot be read at all is reported as the root ``None``. ``archive`` is the file already
    opened by :func:`open_zip`, so that a large zip's directory is read once per run. A record of more than
    ``max_size`` bytes is rejected.
    """
    if archive is not None:
        yield from _read_members(archive, members(archive), str(path), sha256, selection, max_size)
        return
    if zipfile.is_zipfile(path) or path.suffix.lower() == ".zip":
        yield from _read_zip(path, sha256, selection, max_size)
        return
    with open(path, "rb") as stream:
        yield from read_stream(stream, Origin(str(path), None, sha256), selection, max_size)


def read_members(archive: zipfile.ZipFile, names: list[str] | list[zipfile.ZipInfo], sha256: str,
                 selection: Selection = everything, max_size: int = MAX_RECORD_SIZE) -> Iterator[Item]:
    """The records of some members of an open zip (by name, or as entries of its directory, which tells apart
    two members of the same name): one share of a zip read by several workers."""
    infos = [name if isinstance(name, zipfile.ZipInfo) else archive.getinfo(name) for name in names]
    yield from _read_members(archive, infos, str(archive.filename), sha256, selection, max_size)


def members_for(archive: zipfile.ZipFile, selection: Selection,
                infos: list[zipfile.ZipInfo] | None = None) -> list[zipfile.ZipInfo]:
    """The members of a zip (``infos``, else all of them) that a pass may read: in the deputies' pass, all but
    those whose first bytes tell a root it refuses (a questions zip's, told without opening them); in the
    others, all."""
    infos = members(archive) if infos is None else infos
    if not selection.amo:
        return infos
    kept = []
    for info in infos:
        kind = _quick_kind(archive, info)
        if kind is None or selection.accepts(kind[1]):
            kept.append(info)
    return kept


def _quick_kind(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> tuple[str, str] | None:
    """What :func:`sniff` would say of a zip member, told from its first bytes when they settle it; ``None``
    when they do not, or when the member is not a plain stored or deflated one: it is then opened."""
    head = first_bytes(archive, info, _QUICK_BYTES)
    if head is None:
        return None
    return sniff(head, partial=len(head) != info.file_size)  # the whole member, or only its beginning


def _read_zip(path: Path, sha256: str, selection: Selection, max_size: int) -> Iterator[Item]:
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as error:
        if selection.accepts(None):
            yield Rejection(Origin(str(path), None, sha256), f"not a readable zip archive ({error})")
        return
    with archive:
        yield from _read_members(archive, members(archive), str(path), sha256, selection, max_size)


def _read_members(archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo], path: str, sha256: str,
                  selection: Selection, max_size: int) -> Iterator[Item]:
    for info in members_for(archive, selection, infos):
        yield from _read_member(archive, info, path, sha256, selection, max_size)


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, path: str, sha256: str, selection: Selection,
                 max_size: int) -> Iterator[Item]:
    origin = Origin(path, info.filename, sha256)
    try:
        data = _whole_member(archive, info, max_size)
        if data is not None:
            yield from read_stream(_Replay(data), origin, selection, max_size)
            return
        # zipfile gives at most the member's declared size, and read_stream reads a record only up to the cap:
        # a member larger than the cap is read whole only when it is a dump, and then as a stream.
        with archive.open(info) as member:
            yield from read_stream(member, origin, selection, max_size)
    except (zipfile.BadZipFile, EOFError, OSError, zipfile.LargeZipFile, zlib.error) as error:
        if selection.accepts(None):
            yield Rejection(origin, f"zip member cannot be read ({error})")


def _whole_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, max_size: int = MAX_RECORD_SIZE) -> bytes | None:
    """The bytes of a record-sized member read at once (:func:`.zips.read_whole`), or ``None``: the member is
    then opened with zipfile and read as a stream."""
    return read_whole(archive, info, min(WHOLE_MEMBER, max_size))


def read_stream(stream: IO[bytes], origin: Origin, selection: Selection = everything,
                max_size: int = MAX_RECORD_SIZE) -> Iterator[Item]:
    """Every record in one file's bytes, recognised from its content; a record of more than ``max_size``
    bytes is rejected, and no more than that is read of it."""
    head = stream.peek(4096)[:4096] if hasattr(stream, "peek") else b""
    if len(head) < 64:  # a tiny file, or a stream that cannot peek: read up to the cap and replay
        data = stream.read(max_size + 1)
        head, stream = data[:4096], _Replay(data)
    kind = sniff(head)
    if not selection.accepts(kind[1] if kind else None):
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
    elif root in DUMPS:
        yield from read_dump(stream, origin, syntax, root, max_size)
    elif not readable(syntax, root):
        yield Rejection(origin, f"unknown {syntax.upper()} record kind {root!r}")
    elif len(data := stream.read(max_size + 1)) > max_size:
        yield Rejection(origin, too_large(max_size))
    else:
        yield from read_record(data, origin, syntax, root)


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
