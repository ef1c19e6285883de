"""Zip archives: opened once per run, their members listed, and a member's bytes read without zipfile's stream.

A per-record zip holds tens of thousands of small members, and zipfile's stream machinery (a lock, a seek and
a buffer per read) costs more than inflating them. So a stored or deflated member of an archive that is a file
of its own is read here directly, with ``pread`` (which leaves zipfile's position in the file alone): whole
(:func:`read_whole`) or its first bytes only (:func:`first_bytes`). Anything else (encrypted, another
compression, an archive in memory) is left to zipfile, and so is every error it would report.

The directory's sizes are not trusted: no more is read than a deflated stream of the declared size can take,
and inflating stops one byte past the declared size (a zip bomb declares a small size and inflates to
gigabytes).
"""
from __future__ import annotations

import os
import struct
import zipfile
import zlib
from pathlib import Path
from typing import Iterable

_PLAIN = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)


def open_zip(path: Path) -> zipfile.ZipFile | None:
    """The zip archive at ``path``, open, or ``None`` when it is not a readable zip."""
    if not zipfile.is_zipfile(path):
        return None
    try:
        return zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        return None


def reopen_zip(path: str | Path) -> zipfile.ZipFile:
    """A zip that :func:`open_zip` opened, opened again (by a worker process, which needs its own): an error
    here is not a matter of what the file is, and is raised."""
    return zipfile.ZipFile(path)


def close_zips(archives: Iterable[zipfile.ZipFile | None]) -> None:
    for archive in archives:
        if archive is not None:
            archive.close()


def members(archive: zipfile.ZipFile) -> list[zipfile.ZipInfo]:
    """A zip's record members (folders left out), in stored order."""
    return [info for info in archive.infolist() if not info.is_dir()]


def entry_count(archive: zipfile.ZipFile) -> int:
    """How many entries a zip's directory lists, folders included."""
    return len(archive.infolist())


def _plain_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> tuple[int, bytes] | None:
    """For a stored or deflated member of an archive that is a file of its own: the archive's file descriptor
    and the member's local file header (its 30 fixed bytes, then its name); ``None`` for anything else, which
    zipfile opens the usual way. A missing local header raises :class:`zipfile.BadZipFile`."""
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


def read_whole(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes | None:
    """The bytes of a member of at most ``limit`` bytes, stored or deflated, read and inflated at once and
    checked against its size and CRC as zipfile checks them; ``None`` when the member is anything else
    (encrypted, another compression, larger) or the archive is not a file of its own."""
    plain = _plain_member(archive, info) if info.file_size <= limit else None
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


def first_bytes(archive: zipfile.ZipFile, info: zipfile.ZipInfo, size: int) -> bytes | None:
    """Up to ``size`` bytes of the beginning of a stored or deflated member, unchecked; ``None`` for another
    member, or when they cannot be read (opening the member will say what is wrong)."""
    try:
        plain = _plain_member(archive, info)
        if plain is None:
            return None
        fd, header = plain
        head = os.pread(fd, min(info.compress_size, size), info.header_offset + len(header))
        if info.compress_type == zipfile.ZIP_DEFLATED:
            head = zlib.decompressobj(-15).decompress(head, size)
    except (OSError, zlib.error, zipfile.BadZipFile):
        return None
    return head
