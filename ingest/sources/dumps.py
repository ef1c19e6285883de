"""The single-file dumps, read as a stream: the XIVth's questions (``questionsEcrites``, ``questionsGvt``,
``questionsOralesSansDebat``) and the AMO exports (``export``), in JSON or XML.

A dump may be larger than memory allows: its records are taken one at a time as the parser meets them, and the
record size cap applies to each record, not to the file. A record nested too deep is rejected without being
built; a dump that goes wrong halfway is rejected from there on, the records before it kept.
"""
from __future__ import annotations

from typing import IO, Iterator

import ijson

from hemicycle.ingest.records import xmltools
from hemicycle.ingest.records.model import Origin, Rejection
from hemicycle.ingest.records.xmltools import MAX_DEPTH, TOO_DEEP
from hemicycle.ingest.sources.readers import READERS, Item, one_record, too_large, uid_of
from hemicycle.ontology.errors import RecordError

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


def read_dump(stream: IO[bytes], origin: Origin, syntax: str, root: str, max_size: int) -> Iterator[Item]:
    """Every record of a dump (whose root is one of :data:`DUMPS`), each named in its origin's member by its
    kind and rank (``question[12]``); a record of more than ``max_size`` bytes stops the reading."""
    metered = _Metered(stream, max_size)
    if syntax == "xml":
        yield from _read_xml_dump(metered, origin, DUMPS[root])
    else:
        yield from _read_json_dump(metered, origin, root)


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
            yield from one_record(where, uid_of(body), lambda: READERS[root](body))
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
            yield from one_record(where, uid_of(body), lambda: READERS[record_kind](body))
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
