"""Safe XML reading, and the XML → JSON-shaped dict conversion that lets one mapper read both forms.

Parsers never resolve entities, never load a DTD and never touch the network (XXE-safe).
The Assemblée's XML has the same element names as its JSON; :func:`to_dict` converts an element to the dict
the JSON form would hold (namespaces dropped, ``xsi:nil`` kept as ``{"@xsi:nil": "true"}``, repeated
elements as lists), so adapters map one shape.

>>> to_dict(parse(b'<a xmlns="urn:x" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
...               b'<b>1</b><b>2</b><c xsi:nil="true"/><d><e>x</e></d></a>'))
{'b': ['1', '2'], 'c': {'@xsi:nil': 'true'}, 'd': {'e': 'x'}}
"""
from __future__ import annotations

from typing import IO, Iterator

from lxml import etree

from hemicycle.ontology.errors import RecordError

XSI_NIL = "{http://www.w3.org/2001/XMLSchema-instance}nil"
# How deep a record may nest, counted from the top of its file (JSON objects and arrays, XML elements). The
# deepest real record is 8 levels (an acteur in JSON with its mandates; XML ones reach 6, the XIVth's dump
# included), so this is far above any of them; it is also libxml2's own limit without huge_tree. Readers
# recurse over a record, and a streaming JSON parser names each level with its whole path: a record nested
# 100,000 deep would exhaust the stack, one 20,000 deep would take a gigabyte.
MAX_DEPTH = 256
TOO_DEEP = f"nested more than {MAX_DEPTH} levels deep"


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False, huge_tree=False
    )


def parse(data: bytes) -> etree._Element:
    """Parse one XML document held in memory; a syntax error raises :class:`RecordError` with line and column."""
    try:
        root = etree.fromstring(data, parser=_parser())
    except etree.XMLSyntaxError as error:
        if "Excessive depth" in str(error):  # libxml2 stops at MAX_DEPTH without huge_tree
            raise RecordError(TOO_DEEP) from None
        raise RecordError(f"malformed XML: {error}") from None
    _refuse_entities(root)
    return root


def _refuse_entities(root: etree._Element) -> None:
    for element in root.iter(etree.Entity):
        raise RecordError(f"XML entity reference &{element.name}; refused (entities are never resolved)")


def local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def to_dict(element: etree._Element):
    """An element as the JSON form of the same record would hold it."""
    if element.get(XSI_NIL) == "true":
        return {"@xsi:nil": "true"}
    children = [child for child in element if isinstance(child.tag, str)]
    if not children:
        text = element.text
        return text if text is not None and text.strip() != "" else None
    result: dict = {}
    for child in children:
        key = local(child.tag)
        item = to_dict(child)
        if key in result:
            if not isinstance(result[key], list):
                result[key] = [result[key]]
            result[key].append(item)
        else:
            result[key] = item
    return result


def iter_elements(stream: IO[bytes], tags: set[str]) -> Iterator[tuple[etree._Element, bool]]:
    """Stream the record elements (those with one of these local names, not inside another one), each with
    whether it nests deeper than :data:`MAX_DEPTH`, freeing each one (and what precedes it) once read.

    Memory stays bounded by one record, not by the file. Dumps are parsed with huge_tree, which lets elements
    nest up to 2,048 deep: the depth is counted here, so that a too deep record is refused by itself (the
    caller never converts it) and the records after it are still read. The parser is fed a chunk at a time,
    so that the records before an error in a chunk are still given (iterparse drops them with the chunk).
    """
    parser = etree.XMLPullParser(
        events=("start", "end"), resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True
    )
    depth = record_depth = 0  # record_depth: where the record being read started, 0 outside records
    too_deep, error, data = False, None, True
    while data and error is None:
        data = stream.read(_CHUNK)
        try:
            if data:
                parser.feed(data)
            else:
                parser.close()
        except etree.XMLSyntaxError as raised:
            error = raised
        for event, element in parser.read_events():
            if event == "start":
                depth += 1
                if record_depth:
                    too_deep = too_deep or depth > MAX_DEPTH
                elif isinstance(element.tag, str) and local(element.tag) in tags:
                    record_depth, too_deep = depth, depth > MAX_DEPTH
                elif depth > MAX_DEPTH:
                    raise RecordError(TOO_DEEP)
                continue
            if depth == record_depth:
                yield element, too_deep
                record_depth, too_deep = 0, False
                element.clear(keep_tail=False)
                parent = element.getparent()
                if parent is not None:
                    while element.getprevious() is not None:
                        del parent[0]
            depth -= 1
    if error is not None:
        if too_deep or "Excessive depth" in str(error):
            raise RecordError(TOO_DEEP)
        raise RecordError(f"malformed XML: {error}")


_CHUNK = 64 << 10
