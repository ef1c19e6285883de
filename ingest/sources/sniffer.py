r"""What a file holds, told from its first bytes: JSON or XML, and the name of its root (the first JSON key, or
the root element's name without its prefix).

One sniffer, used two ways. On the head of a file as it is read (its first 4 KiB), :func:`sniff` always
answers. On the first bytes of a zip member (the quick look of the deputies' pass, ``partial=True``) it answers
only when those bytes settle what the whole head would say (a whole JSON key; a whole root name after nothing
but a prolog), and otherwise says ``None``, leaving the member to be opened: so the quick look is never wrong.

>>> sniff(b'{"question": {"uid": "QANR5L17QE1"}}'), sniff(b'<?xml version="1.0"?>\n<QUESTION TYPE="QE">')
(('json', 'question'), ('xml', 'QUESTION'))
>>> sniff(b'{"question": {"uid', partial=True), sniff(b'{"quest', partial=True)
(('json', 'question'), None)
>>> sniff(b'<?xml version="1.0"?><!-- x --><acteur xmlns="a">', partial=True)
('xml', 'acteur')
>>> sniff(b'<?xml version="1.0"?><!-- x --><act', partial=True) is None
True
"""
from __future__ import annotations

import re

LEADING = b"\xef\xbb\xbf \t\r\n"  # a BOM and blanks before the first character that counts

# The parts of an XML prolog that may come before the root element: the declaration and other processing
# instructions, comments, a doctype (up to its first '>': one with an internal subset is not settled early).
_PROLOG_PART = rb"<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>]*>"
# The start of an element: its name, without a prefix, is group 1.
_ELEMENT = rb"<(?:[A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)"

_JSON_KEY = re.compile(rb'^\s*\{\s*"([^"]+)"')  # the first key of an object
_PROLOG = re.compile(_PROLOG_PART, re.S)  # a prolog part, anywhere
_PROLOG_AT = re.compile(rb"\s*(?:" + _PROLOG_PART + rb")", re.S)  # a prolog part, after blanks
_ROOT = re.compile(_ELEMENT)  # the first element of a head whose prolog parts are removed
_WHOLE_ROOT = re.compile(rb"\s*" + _ELEMENT + rb"[\s/>]")  # an element whose whole name is there, after blanks


def sniff(head: bytes, partial: bool = False) -> tuple[str, str] | None:
    """``("json"|"xml", root name)`` from the first bytes of a file, or ``None`` when it is neither (a JSON or
    XML head whose root name cannot be found gives ``""``).

    With ``partial``, ``head`` is only the beginning of a longer file: the answer is given when those bytes
    settle it, and ``None`` otherwise."""
    text = head.lstrip(LEADING)
    if text.startswith(b"{"):
        match = _JSON_KEY.match(text)
        if match:
            return "json", match.group(1).decode("utf-8", "replace")
        return None if partial else ("json", "")
    if text.startswith(b"["):
        return None if partial else ("json", "")
    if text.startswith(b"<"):
        if partial:
            return _settled_xml_root(text)
        match = _ROOT.search(_PROLOG.sub(b"", text))
        return "xml", match.group(1).decode() if match else ""
    return None


def _settled_xml_root(text: bytes) -> tuple[str, str] | None:
    """The root of an XML head when it comes whole after nothing but prolog parts and blanks, else ``None``."""
    position = 0
    while prolog := _PROLOG_AT.match(text, position):
        position = prolog.end()
    match = _WHOLE_ROOT.match(text, position)
    return ("xml", match.group(1).decode()) if match else None
