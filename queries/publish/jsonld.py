"""JSON-LD compacted with the project's context, written as a stream of quads goes by.

pyoxigraph's JSON-LD writer gives expanded JSON-LD (full IRIs as keys); a JSON-LD processor that compacts
needs the whole document in memory. This writer compacts one node at a time with the term definitions of
``ontology/context.jsonld``, which the document carries inline, so that it reads the same offline:

- a property becomes its term when the term's coercion fits the value (``"depositDate": "2024-10-01"`` for an
  ``xsd:date``, ``"text": "…"`` for a French string, ``"ministry": "https://…"`` for an IRI), and a compact IRI
  (``"hm:text"``) with an explicit value object otherwise, so that nothing is coerced wrongly;
- ``rdf:type`` becomes ``type`` with the class's term (``"WrittenQuestion"``) or a compact IRI;
- each named graph is one ``{"id": graph, "@graph": [nodes]}`` object; triples without a graph (a CONSTRUCT
  result) are top-level nodes.

Quads are expected grouped by graph and then by subject, as the store gives them; a graph or subject that
comes back later is written as another object with the same ``id``, which JSON-LD merges.

>>> import io
>>> from pyoxigraph import NamedNode, Literal, Quad
>>> from hemicycle.ontology.terms import HM, XSD
>>> q = NamedNode("https://w3id.org/hemicycle/id/question/QANR5L17QE1")
>>> out = io.BytesIO()
>>> n = write([Quad(q, HM.legislature, Literal("17", datatype=XSD.integer))], out,
...           context_url="https://example.org/context.jsonld")
>>> out.getvalue().decode()
'{"@context": "https://example.org/context.jsonld",\\n"@graph": [\\n{"id": "https://w3id.org/hemicycle/id/question/QANR5L17QE1", "legislature": "17"}\\n]}\\n'
"""
from __future__ import annotations

import json
from functools import lru_cache
from typing import IO, Iterable

from pyoxigraph import DefaultGraph, Literal, NamedNode, Quad, Triple

from hemicycle.ontology import CONTEXT_FILE, read_resource
from hemicycle.ontology.terms import RDF, XSD

RDF_TYPE = RDF.type.value
XSD_STRING = XSD.string.value
_dumps = json.JSONEncoder(ensure_ascii=False).encode


class Context:
    """The term definitions of a JSON-LD context, indexed by the IRI they stand for."""

    def __init__(self, context: dict):
        self.context = context
        self.prefixes: dict[str, str] = {}
        for name, value in context.items():
            if isinstance(value, str) and not name.startswith("@") and value[-1:] in ("#", "/"):
                self.prefixes[name] = value
        self.id_key = self._alias("@id")
        self.type_key = self._alias("@type")
        self.by_iri: dict[str, list[tuple[str, str | None, str | None]]] = {}
        self.term_of: dict[str, str] = {}  # IRI -> the term naming it (classes, individuals)
        for name, value in context.items():
            if name.startswith("@") or name in self.prefixes:
                continue
            if isinstance(value, str):
                if value.startswith("@"):
                    continue
                iri, coercion, language = self.expand(value), None, None
            else:
                iri = self.expand(value["@id"])
                coercion = value.get("@type")
                coercion = self.expand(coercion) if coercion and not coercion.startswith("@") else coercion
                language = value.get("@language")
            self.by_iri.setdefault(iri, []).append((name, coercion, language))
            self.term_of.setdefault(iri, name)

    def _alias(self, keyword: str) -> str:
        return next((name for name, value in self.context.items() if value == keyword), keyword)

    def expand(self, value: str) -> str:
        """A compact IRI (``hm:text``) as the full IRI; anything else unchanged."""
        prefix, sep, local = value.partition(":")
        if sep and prefix in self.prefixes and not local.startswith("//"):
            return self.prefixes[prefix] + local
        return value

    @lru_cache(maxsize=4096)
    def compact_iri(self, iri: str) -> str:
        """``prefix:local`` for an IRI under a declared prefix (the longest), else the IRI itself."""
        best = None
        for prefix, base in self.prefixes.items():
            if iri.startswith(base) and len(iri) > len(base) and (best is None or len(base) > len(best[1])):
                best = (prefix, base)
        return f"{best[0]}:{iri[len(best[1]):]}" if best else iri

    def vocab_value(self, iri: str) -> str:
        """An IRI where the context expands vocabulary values (types, ``@vocab`` coercion): term, CURIE, IRI."""
        return self.term_of.get(iri) or self.compact_iri(iri)


def _node_ref(term) -> str:
    return term.value if isinstance(term, NamedNode) else f"_:{term.value}"


class Writer:
    """Writes nodes under one context; :func:`write` drives it over a stream of quads."""

    def __init__(self, context: Context):
        self.ctx = context
        self._key_cache: dict[tuple, tuple[str, object]] = {}

    def _value(self, predicate: str, obj) -> tuple[str, object]:
        """The key and the JSON value that stand for ``predicate obj`` under the context."""
        ctx = self.ctx
        if isinstance(obj, Literal):
            datatype, language = obj.datatype.value, obj.language
            key = (predicate, "L", datatype, language)
        else:
            datatype = language = None
            key = (predicate, "N")
        found = self._key_cache.get(key)
        if found is None:
            found = self._choose(predicate, obj, datatype, language)
            self._key_cache[key] = found
        name, form = found
        if form == "plain":
            return name, obj.value
        if form == "ref":
            return name, _node_ref(obj)
        if form == "vocab":
            return name, ctx.vocab_value(obj.value) if isinstance(obj, NamedNode) else _node_ref(obj)
        if form == "id":
            return name, {"@id": _node_ref(obj)}
        if form == "string":
            return name, {"@value": obj.value}
        if form == "lang":
            return name, {"@value": obj.value, "@language": language}
        return name, {"@value": obj.value, "@type": ctx.compact_iri(datatype)}  # form == "typed"

    def _choose(self, predicate: str, obj, datatype, language) -> tuple[str, str]:
        if predicate == RDF_TYPE and not isinstance(obj, Literal):
            return self.ctx.type_key, "vocab"
        candidates = self.ctx.by_iri.get(predicate, ())
        is_literal = isinstance(obj, Literal)
        for name, coercion, term_language in candidates:
            if is_literal:
                if term_language is not None and language == term_language.lower() and coercion is None:
                    return name, "plain"
                if coercion is not None and not coercion.startswith("@") and coercion == datatype \
                        and language is None:
                    return name, "plain"
            else:
                if coercion == "@id" and term_language is None:
                    return name, "ref"
                if coercion == "@vocab" and term_language is None:
                    return name, "vocab"
        plain = next((name for name, coercion, lang in candidates if coercion is None and lang is None), None)
        name = plain or self.ctx.compact_iri(predicate)
        if not is_literal:
            return name, "id"
        if language:
            return name, "lang"
        if datatype == XSD_STRING and "@language" not in self.ctx.context:
            return name, "plain"  # (under a default language, a plain string would take it)
        if datatype == XSD_STRING:
            return name, "string"
        return name, "typed"

    def node(self, subject, pairs: list[tuple[str, object]]) -> str:
        """One node object: its id, then its properties in the order first seen, values grouped by key."""
        properties: dict[str, list] = {}
        for predicate, obj in pairs:
            key, value = self._value(predicate, obj)
            properties.setdefault(key, []).append(value)
        parts = [f"{_dumps(self.ctx.id_key)}: {_dumps(_node_ref(subject))}"]
        for key, values in properties.items():
            parts.append(f"{_dumps(key)}: {_dumps(values[0] if len(values) == 1 else values)}")
        return "{" + ", ".join(parts) + "}"


@lru_cache(maxsize=1)
def project_context() -> dict:
    """The ``@context`` object of ``ontology/context.jsonld``."""
    return json.loads(read_resource(CONTEXT_FILE))["@context"]


def write(quads: Iterable[Quad | Triple], output: IO[bytes], *, context: dict | None = None,
          context_url: str | None = None) -> int:
    """Write the quads (or triples) as one compacted JSON-LD document; return how many statements were read.

    The context is written inline unless ``context_url`` names where a reader finds it. Memory holds one
    subject's statements at a time (plus the writer's small caches), never the document.
    """
    context = context or project_context()
    writer = Writer(Context(context))
    head = _dumps(context_url) if context_url else json.dumps(context, ensure_ascii=False, indent=1)
    output.write(f'{{"@context": {head},\n"@graph": [\n'.encode())
    count = 0
    first_item = True
    current_graph = None  # the graph whose object is open ("" for the default graph)
    first_in_graph = True
    subject, pairs = None, []
    buffer: list[str] = []

    def flush_node():
        nonlocal first_in_graph, first_item
        if subject is None:
            return
        text = writer.node(subject, pairs)
        if current_graph == "":
            buffer.append(text if first_item else ",\n" + text)
            first_item = False
        else:
            buffer.append(text if first_in_graph else ",\n" + text)
            first_in_graph = False

    for quad in quads:
        count += 1
        graph = getattr(quad, "graph_name", None)
        graph_key = "" if graph is None or isinstance(graph, DefaultGraph) else _node_ref(graph)
        if graph_key != current_graph:
            flush_node()
            subject, pairs = None, []
            if current_graph:  # close the named graph's object
                buffer.append("]}")
            if graph_key:
                opening = f"{{{_dumps(writer.ctx.id_key)}: {_dumps(graph_key)}, \"@graph\": [\n"
                buffer.append(opening if first_item else ",\n" + opening)
                first_item = False
                first_in_graph = True
            current_graph = graph_key
            output.write("".join(buffer).encode())
            buffer.clear()
        if quad.subject != subject:
            flush_node()
            subject, pairs = quad.subject, []
            if len(buffer) > 256:
                output.write("".join(buffer).encode())
                buffer.clear()
        pairs.append((quad.predicate.value, quad.object))
    flush_node()
    if current_graph:
        buffer.append("]}")
    buffer.append("\n]}\n")
    output.write("".join(buffer).encode())
    return count

