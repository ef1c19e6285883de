"""Result formats of the SPARQL endpoint: media types, content negotiation, and the solution serialisers.

SELECT results are written here, row by row, so that the rows can be counted against the result cap while
they are written; ASK results and RDF graphs are written by pyoxigraph.

>>> negotiate("application/sparql-results+xml, */*;q=0.1", SOLUTION_TYPES)
'xml'
>>> negotiate("text/turtle;q=0.5, application/n-triples", GRAPH_TYPES)
'ntriples'
>>> negotiate("image/png", SOLUTION_TYPES) is None
True
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from xml.sax.saxutils import escape, quoteattr

from pyoxigraph import BlankNode, Literal, NamedNode, Triple

from hemicycle.ontology.errors import FormatError, TooMany
from hemicycle.ontology.terms import FORMATS, XSD

XSD_STRING = XSD.string.value

# format name -> (media type served, other media types accepted for it)
SOLUTION_TYPES = {
    "json": ("application/sparql-results+json", ("application/json", "text/json")),
    "xml": ("application/sparql-results+xml", ("application/xml", "text/xml")),
    "csv": ("text/csv", ()),
    "tsv": ("text/tab-separated-values", ()),
}
GRAPH_TYPES = {
    "turtle": ("text/turtle", ("application/x-turtle",)),
    "ntriples": ("application/n-triples", ("text/plain",)),
    "jsonld": ("application/ld+json", ("application/json",)),
    "rdfxml": ("application/rdf+xml", ("application/xml", "text/xml")),
}
# W3C format IRIs (https://www.w3.org/ns/formats/), for the service description
FORMAT_IRIS = {
    "json": FORMATS.SPARQL_Results_JSON, "xml": FORMATS.SPARQL_Results_XML, "csv": FORMATS.SPARQL_Results_CSV,
    "tsv": FORMATS.SPARQL_Results_TSV, "turtle": FORMATS.Turtle, "ntriples": FORMATS["N-Triples"],
    "jsonld": FORMATS["JSON-LD"], "rdfxml": FORMATS.RDF_XML,
}
TEXT_SUFFIX = {"csv", "tsv", "turtle", "ntriples"}


def media_type(fmt: str) -> str:
    """The Content-Type header of a body in this format."""
    kind = SOLUTION_TYPES.get(fmt) or GRAPH_TYPES[fmt]
    return kind[0] + ("; charset=utf-8" if fmt in TEXT_SUFFIX else "")


MAX_MEDIA_RANGES = 64  # media ranges of an Accept header that are read; the rest are ignored
MAX_PARAMETERS = 16  # parameters of a media range that are read, looking for its q


def _accept_items(header: str) -> list[tuple[float, int, str]]:
    """(q, position, media range) of the first :data:`MAX_MEDIA_RANGES` ranges, in time linear in the header
    (one split, bounded loops).

    >>> _accept_items("text/turtle;q=0.5, */*;Q=0, text/csv;q=x, a/b;q=nan")
    [(0.5, 0, 'text/turtle'), (0.0, 1, '*/*'), (0.0, 2, 'text/csv'), (0.0, 3, 'a/b')]
    """
    items = []
    for position, part in enumerate(header.split(",", MAX_MEDIA_RANGES)[:MAX_MEDIA_RANGES]):
        mime, _, params = part.partition(";")
        mime = mime.strip().lower()
        if not mime:
            continue
        q = 1.0
        for param in params.split(";", MAX_PARAMETERS)[:MAX_PARAMETERS] if params else ():
            key, _, val = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = float(val)
                except ValueError:
                    q = 0.0
                if not 0.0 <= q <= 1.0:  # nan, inf, negative or over 1: not a weight (RFC 9110, 12.4.2)
                    q = 0.0
                break
        items.append((q, position, mime))
    return items


def negotiate(accept: str | None, table: dict) -> str | None:
    """The format of ``table`` the Accept header prefers (the table's first when any type will do), or None.

    Only the first :data:`MAX_MEDIA_RANGES` media ranges are read, so a long header costs no more than a
    short one once split.
    """
    if not accept or not accept.strip():
        return next(iter(table))
    best = None  # (q, specificity, -position, -order), fmt
    for q, position, mime in _accept_items(accept):
        if q <= 0:
            continue
        for order, (fmt, (main, others)) in enumerate(table.items()):
            if mime == main or mime in others:
                specificity = 2
            elif mime == "*/*":
                specificity = 0
            elif mime.endswith("/*") and main.startswith(mime[:-1]):
                specificity = 1
            else:
                continue
            rank = (q, specificity, -position, -order)
            if best is None or rank > best[0]:
                best = (rank, fmt)
    return best[1] if best else None


def capped(items: Iterable, cap: int) -> Iterator:
    """The items, raising TooMany once more than ``cap`` have been read."""
    for count, item in enumerate(items, 1):
        if count > cap:
            raise TooMany(cap)
        yield item


# --- SELECT results ----------------------------------------------------------------------------------------

def _json_term(term) -> dict:
    if isinstance(term, NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    if isinstance(term, Triple):
        return {"type": "triple", "value": {"subject": _json_term(term.subject),
                                            "predicate": _json_term(term.predicate),
                                            "object": _json_term(term.object)}}
    raise TypeError(f"not an RDF term: {term!r}")


def _xml_term(term) -> str:
    if isinstance(term, NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, Literal):
        if term.language:
            attr = f" xml:lang={quoteattr(term.language)}"
        elif term.datatype.value != XSD_STRING:
            attr = f" datatype={quoteattr(term.datatype.value)}"
        else:
            attr = ""
        return f"<literal{attr}>{escape(term.value)}</literal>"
    if isinstance(term, Triple):
        return (f"<triple><subject>{_xml_term(term.subject)}</subject><predicate>{_xml_term(term.predicate)}"
                f"</predicate><object>{_xml_term(term.object)}</object></triple>")
    raise TypeError(f"not an RDF term: {term!r}")


def _csv_field(term) -> str:
    if term is None:
        return ""
    if isinstance(term, BlankNode):
        text = "_:" + term.value
    elif isinstance(term, Triple):
        text = str(term)
    else:
        text = term.value
    if any(c in text for c in '",\r\n'):
        text = '"' + text.replace('"', '""') + '"'
    return text


def write_solutions(names: list[str], rows: Iterable, fmt: str) -> bytes:
    """SELECT results (rows of pyoxigraph solutions or dicts) in one of the four SPARQL results formats."""
    parts: list[str] = []
    if fmt == "json":
        parts.append(json.dumps({"head": {"vars": names}})[:-1] + ',"results":{"bindings":[')
        first = True
        for row in rows:
            binding = {}
            for name in names:
                term = row[name]
                if term is not None:
                    binding[name] = _json_term(term)
            parts.append(("" if first else ",") + json.dumps(binding, ensure_ascii=False))
            first = False
        parts.append("]}}")
    elif fmt == "xml":
        parts.append('<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head>')
        parts.extend(f"<variable name={quoteattr(n)}/>" for n in names)
        parts.append("</head><results>")
        for row in rows:
            parts.append("<result>")
            for name in names:
                term = row[name]
                if term is not None:
                    parts.append(f"<binding name={quoteattr(name)}>{_xml_term(term)}</binding>")
            parts.append("</result>")
        parts.append("</results></sparql>\n")
    elif fmt == "csv":
        parts.append(",".join(names) + "\r\n")
        for row in rows:
            parts.append(",".join(_csv_field(row[n]) for n in names) + "\r\n")
    elif fmt == "tsv":
        parts.append("\t".join("?" + n for n in names) + "\n")
        for row in rows:
            parts.append("\t".join("" if row[n] is None else str(row[n]) for n in names) + "\n")
    else:
        raise FormatError(f"no SPARQL results format {fmt!r}")
    return "".join(parts).encode("utf-8")
