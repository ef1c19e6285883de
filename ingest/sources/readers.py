"""One record read from its bytes: a per-record JSON or XML file (``question``, ``acteur``, ``organe``,
``mandat``), or a question of the old site's legacy XML (``QUESTION``).

A record comes out as a :class:`SourceRecord`, or as a :class:`Rejection` that names its file, member and uid
and says why: a bad record never stops the others.
"""
from __future__ import annotations

import json
import re
from typing import Callable, Iterator

from hemicycle.ingest.records import amo, legacy, questions, xmltools
from hemicycle.ingest.records.model import Origin, Record, Rejection, Skipped, SourceRecord
from hemicycle.ingest.records.values import value
from hemicycle.ingest.records.xmltools import MAX_DEPTH, TOO_DEEP
from hemicycle.ontology.errors import RecordError

Item = SourceRecord | Rejection | Skipped

# The readers of one record, by the name of its root (JSON key or XML element).
READERS: dict[str, Callable[[dict], Record]] = {
    "question": questions.question_from_dict,
    "acteur": amo.person_from_dict,
    "organe": amo.organ_from_dict,
    "mandat": amo.mandate_from_dict,
}
LEGACY_ROOT = "QUESTION"  # the old site's XML question (an XML root only)
SKIPPED_KINDS = {"deport", "pays"}  # records of kinds the graph does not hold: counted as skipped

# The largest record read into memory. The largest real record is 112 KB (an acteur with all his mandates), a
# question is about 10 KB: a record of more is a damaged or hostile file, which would take several times its
# size in memory once parsed and mapped.
MAX_RECORD_SIZE = 32 << 20


def too_large(max_size: int) -> str:
    return f"record larger than {max_size / (1 << 20):g} MiB, the most a record may hold (--max-record-size)"


def readable(syntax: str, root: str) -> bool:
    """Whether a record of this root, in this syntax, has a reader."""
    return root in READERS or (root == LEGACY_ROOT and syntax == "xml")


def read_record(data: bytes, origin: Origin, syntax: str, root: str) -> Iterator[Item]:
    """The one record of a file's bytes (a :func:`readable` one)."""
    if root == LEGACY_ROOT:
        yield from one_record(origin, None, lambda: legacy.question_from_legacy(xmltools.parse(data)))
    elif syntax == "xml":
        yield from _read_xml_record(data, origin)
    else:
        yield from _read_json_record(data, origin)


def one_record(origin: Origin, uid: str | None, build: Callable[[], Record]) -> Iterator[Item]:
    """The record ``build`` makes, or its rejection."""
    try:
        yield SourceRecord(build(), origin)
    except RecordError as error:
        yield Rejection(origin, str(error), uid)


def uid_of(body) -> str | None:
    """A record's uid, when it can be read, to name it in its rejection."""
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
    yield from one_record(origin, uid_of(body), lambda: READERS[root](body))


def _read_xml_record(data: bytes, origin: Origin) -> Iterator[Item]:
    try:
        element = xmltools.parse(data)
    except RecordError as error:
        yield Rejection(origin, str(error))
        return
    body = xmltools.to_dict(element)
    root = xmltools.local(element.tag)
    yield from one_record(origin, uid_of(body), lambda: READERS[root](body))
