"""Linked data: every IRI minted under the base dereferences at the same path on this server.

The base's path is where the resources live: ``/id/`` for ``https://w3id.org/hemicycle/id/`` (w3id.org
redirects its ``/hemicycle/`` namespace to the server's root), and an IRI minted under another base, set with
``HEMICYCLE_BASE``, maps by its own path:

>>> server_path("https://w3id.org/hemicycle/id/question/Q1#question-1", "https://w3id.org/hemicycle/id/")
'/id/question/Q1#question-1'
>>> server_path("https://example.org/other", "https://w3id.org/hemicycle/id/") is None
True

A resource is served in the format the ``Accept`` header prefers (HTML, Turtle, JSON-LD or N-Triples; HTML
when any will do), directly, with ``Vary: Accept`` and a ``Content-Location`` naming the suffixed form; the
suffixes ``.ttl``, ``.jsonld``, ``.nt`` and ``.html`` choose a format whatever the header says:

>>> choose_format("text/turtle;q=0.9, application/ld+json", "")
'jsonld'
>>> choose_format("text/html", ".nt"), choose_format(None, ""), choose_format("image/png", "") is None
('ntriples', 'html', True)

What a resource is: the statements about it and about its parts (see ``queries/sparql/pages/describe.rq``). An IRI the
store knows nothing about is answered 404.
"""
from __future__ import annotations

import json
from urllib.parse import urlsplit

from pyoxigraph import NamedNode, RdfFormat, Triple, serialize

from hemicycle.ontology.terms import PREFIXES, RDF
from hemicycle.queries.web import formats
from hemicycle.queries.web.page_data import page_query

RDF_TYPE = RDF.type.value
W3ID_HOST = "w3id.org"

# format name -> (media type, other media types accepted for it); the first is served when any will do
LD_TYPES = {
    "html": ("text/html", ("application/xhtml+xml",)),
    "turtle": ("text/turtle", ("application/x-turtle",)),
    "jsonld": ("application/ld+json", ("application/json",)),
    "ntriples": ("application/n-triples", ()),
}
SUFFIXES = {".html": "html", ".ttl": "turtle", ".jsonld": "jsonld", ".nt": "ntriples"}
SUFFIX_OF = {fmt: suffix for suffix, fmt in SUFFIXES.items()}
RDF_FORMATS = {"turtle": RdfFormat.TURTLE, "jsonld": RdfFormat.JSON_LD, "ntriples": RdfFormat.N_TRIPLES}
MEDIA_TYPES = {"html": "text/html; charset=utf-8", "turtle": "text/turtle; charset=utf-8",
               "jsonld": "application/ld+json", "ntriples": "application/n-triples; charset=utf-8"}


# --- IRIs and server paths ----------------------------------------------------------------------------------

def mount_path(base: str) -> str:
    """The server path under which the base's IRIs are served, ending with ``/``: the base's own path, less the
    namespace segment for a ``w3id.org`` base (w3id.org redirects ``/hemicycle/…`` to the server's ``/…``).

    >>> mount_path("https://w3id.org/hemicycle/id/"), mount_path("http://localhost:8000/data/id/")
    ('/id/', '/data/id/')
    >>> mount_path("http://localhost:8000/")
    '/'
    """
    parts = urlsplit(base)
    path = parts.path or "/"
    if parts.hostname == W3ID_HOST:
        path = "/" + path.lstrip("/").partition("/")[2]
    return path if path.endswith("/") else path + "/"


def server_path(iri: str, base: str) -> str | None:
    """The path on this server where an IRI minted under ``base`` is served (fragment kept), else None."""
    if not iri.startswith(base):
        return None
    return mount_path(base) + iri[len(base):]


def split_suffix(rest: str) -> tuple[str, str]:
    """The path without a format suffix, and the suffix (``""`` when it has none).

    >>> split_suffix("question/Q1.ttl"), split_suffix("decision/fr/CASS/2021-01-05/19-87.108")
    (('question/Q1', '.ttl'), ('decision/fr/CASS/2021-01-05/19-87.108', ''))
    """
    for suffix in SUFFIXES:
        if rest.endswith(suffix) and len(rest) > len(suffix):
            return rest[:-len(suffix)], suffix
    return rest, ""


def is_iri(text: str) -> bool:
    """Whether the text is an absolute IRI (RFC 3987), as the store takes one.

    >>> is_iri("https://w3id.org/hemicycle/id/question/Q1"), is_iri("https://w3id.org/hemicycle/id/a{b}")
    (True, False)
    """
    try:
        NamedNode(text)
    except ValueError:
        return False
    return True


def choose_format(accept: str | None, suffix: str) -> str | None:
    """The format a request asks for: its suffix's, else the Accept header's preference (None: none offered)."""
    if suffix:
        return SUFFIXES[suffix]
    return formats.negotiate(accept, LD_TYPES)


# --- descriptions -------------------------------------------------------------------------------------------

def describe(runner, iri: str) -> list[Triple]:
    """The triples describing a resource (itself and its parts), without duplicates, in a stable order."""
    query = page_query("describe")
    triples = runner.construct(query.text, query.substitutions({"resource": iri}))
    return sorted(set(triples), key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))


def known(runner, iri: str, triples: list[Triple]) -> bool:
    """Whether the store knows the resource: statements about it, or statements pointing to it."""
    if triples:
        return True
    query = page_query("exists")
    return runner.ask(query.text, query.substitutions({"resource": iri}))


def curie(iri: str) -> str:
    for prefix, namespace in sorted(PREFIXES.items(), key=lambda item: -len(item[1])):
        local = iri[len(namespace):]
        if iri.startswith(namespace) and local and all(c.isalnum() or c in "_-." for c in local):
            return f"{prefix}:{local}"
    return iri


def _compact_value(value: dict) -> dict:
    if "@type" in value:
        return {**value, "@type": curie(value["@type"])}
    return value


def jsonld_document(triples: list[Triple]) -> dict:
    """The triples as a JSON-LD document: pyoxigraph's expanded node objects, with the project's prefixes as
    context, properties, classes and datatypes written as compact IRIs (``hm:rubrique``), ``rdf:type`` as
    ``@type``. Reading it back gives the same triples."""
    expanded = json.loads(serialize(triples, format=RdfFormat.JSON_LD) or b"[]")
    nodes = []
    for node in expanded:
        out = {}
        for key, values in node.items():
            if key.startswith("@"):
                out[key] = values
            elif key == RDF_TYPE and all("@id" in v and not v["@id"].startswith("_:") for v in values):
                out["@type"] = [curie(v["@id"]) for v in values]
            else:
                out[curie(key)] = [_compact_value(v) for v in values]
        nodes.append(out)
    return {"@context": dict(PREFIXES), "@graph": nodes}


def jsonld_text(triples: list[Triple], *, for_html: bool = False) -> str:
    """The JSON-LD document as text; ``for_html`` escapes ``<`` so it can sit inside a ``<script>`` element."""
    text = json.dumps(jsonld_document(triples), ensure_ascii=False, indent=None)
    return text.replace("<", "\\u003c") if for_html else text


def rdf_body(triples: list[Triple], fmt: str) -> bytes:
    """The description in an RDF format: Turtle (with the project's prefixes), N-Triples or JSON-LD."""
    if fmt == "jsonld":
        return jsonld_text(triples).encode("utf-8")
    prefixes = PREFIXES if fmt == "turtle" else None
    return serialize(triples, format=RDF_FORMATS[fmt], prefixes=prefixes) or b""
