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

from .values import RecordError

XSI_NIL = "{http://www.w3.org/2001/XMLSchema-instance}nil"


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False, huge_tree=False
    )


def parse(data: bytes) -> etree._Element:
    """Parse one XML document held in memory; a syntax error raises :class:`RecordError` with line and column."""
    try:
        root = etree.fromstring(data, parser=_parser())
    except etree.XMLSyntaxError as error:
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


def iter_elements(stream: IO[bytes], tags: set[str]) -> Iterator[etree._Element]:
    """Stream the elements with one of these local names, freeing each one (and what precedes it) once read.

    Memory stays bounded by one record, not by the file.
    """
    context = etree.iterparse(
        stream, events=("end",), resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True
    )
    try:
        for _, element in context:
            if isinstance(element.tag, str) and local(element.tag) in tags and _is_record(element, tags):
                yield element
                element.clear(keep_tail=False)
                parent = element.getparent()
                if parent is not None:
                    while element.getprevious() is not None:
                        del parent[0]
    except etree.XMLSyntaxError as error:
        raise RecordError(f"malformed XML: {error}") from None


def _is_record(element: etree._Element, tags: set[str]) -> bool:
    """A record element is not nested inside another element of the same record names."""
    parent = element.getparent()
    while parent is not None:
        if local(parent.tag) in tags:
            return False
        parent = parent.getparent()
    return True
