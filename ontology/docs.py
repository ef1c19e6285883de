"""Human-readable documentation of the ontology, generated from ``hemicycle.ttl``.

:func:`render` turns the Turtle bytes into one self-contained HTML page (no script, no external style sheet):
the ontology's metadata, then every class, property and individual of the ``hm:`` namespace with its French
and English labels and definitions, its domain and range, its super- and subclasses, the properties that apply
to a class, and its alignments to other vocabularies. The reused classes that ``hm:`` terms point to get a short
entry too, so every link in the page lands on an anchor of the page or on the term's own IRI.

``render`` is pure (bytes in, text out) and deterministic, so the committed ``docs/index.html`` can be compared
with a fresh rendering; :func:`main` writes that file.

>>> page = render('''
... @prefix hm: <https://w3id.org/hemicycle/ontology#> .
... @prefix owl: <http://www.w3.org/2002/07/owl#> .
... @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
... hm:Answer a owl:Class ; rdfs:label "réponse"@fr , "answer"@en .
... '''.encode("utf-8"))
>>> '<section class="term" id="Answer">' in page
True
"""
from __future__ import annotations

import argparse
import html
from dataclasses import dataclass, field
from pathlib import Path

import rdflib
from rdflib import OWL, RDF, RDFS, XSD, BNode, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, SKOS

from hemicycle.ontology.terms import HM_IRI, ONTOLOGY_IRI

__all__ = ["render", "main", "OUTPUT"]

#: Where :func:`main` writes the page by default (committed, checked by the tests).
OUTPUT = Path(__file__).resolve().parent / "docs" / "index.html"

_VANN = rdflib.Namespace("http://purl.org/vocab/vann/")

# Prefixes used to print IRIs as CURIEs (longest namespace wins).
_PREFIXES = {
    "hm": HM_IRI,
    "owl": str(OWL),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
    "skos": str(SKOS),
    "dcterms": str(DCTERMS),
    "org": "http://www.w3.org/ns/org#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "schema": "https://schema.org/",
    "prov": "http://www.w3.org/ns/prov#",
    "time": "http://www.w3.org/2006/time#",
    "oa": "http://www.w3.org/ns/oa#",
    "eli": "http://data.europa.eu/eli/ontology#",
    "cito": "http://purl.org/spar/cito/",
    "ukp": "https://id.parliament.uk/schema/",
    "pqa": "http://parliament.uk/ontologies/question-and-answer/",
    "ocd": "http://dati.camera.it/ocd/",
    "eli-dl": "http://data.europa.eu/eli/eli-draft-legislation-ontology#",
}

# The mapping predicates shown in each term's "Alignments" row, in this order.
_MATCHES = (
    (SKOS.closeMatch, "close match"),
    (SKOS.broadMatch, "broader match"),
    (SKOS.narrowMatch, "narrower match"),
    (SKOS.relatedMatch, "related match"),
    (RDFS.seeAlso, "see also"),
)

_STYLE = """
:root { --ink: #1d232b; --muted: #5b6673; --rule: #d8dde3; --accent: #1f5fa8; --tint: #f4f6f9; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 62rem; padding: 1.5rem; font: 16px/1.5 system-ui, sans-serif; color: var(--ink); }
h1 { font-size: 1.8rem; margin: 0 0 .25rem; }
h2 { font-size: 1.35rem; margin-top: 2.5rem; padding-bottom: .3rem; border-bottom: 2px solid var(--rule); }
h3 { font-size: 1.1rem; margin: 0; }
a { color: var(--accent); text-decoration: none; }
a:hover { text-decoration: underline; }
code { font: .9em ui-monospace, monospace; }
.subtitle { color: var(--muted); margin: 0 0 1rem; }
.meta, .term dl { display: grid; grid-template-columns: 11rem 1fr; gap: .2rem 1rem; margin: .75rem 0 0; }
.meta dt, .term dt { color: var(--muted); }
.meta dd, .term dd { margin: 0; }
.term { border: 1px solid var(--rule); border-radius: 6px; padding: .9rem 1.1rem; margin: 1rem 0; }
.term header { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: baseline; }
.term .iri { color: var(--muted); font-size: .85rem; }
.kind { font-size: .75rem; text-transform: uppercase; letter-spacing: .04em; background: var(--tint);
        border-radius: 4px; padding: .05rem .4rem; color: var(--muted); }
.definition { margin: .5rem 0 0; }
.definition .lang { font-size: .75rem; color: var(--muted); margin-right: .35rem; }
nav ol { columns: 2; padding-left: 1.2rem; }
.index { display: flex; flex-wrap: wrap; gap: .25rem .9rem; list-style: none; padding: 0; }
table { border-collapse: collapse; }
td { padding: .15rem .8rem .15rem 0; vertical-align: top; }
footer { margin-top: 3rem; color: var(--muted); font-size: .85rem; border-top: 1px solid var(--rule); padding-top: .6rem; }
""".strip()


@dataclass
class _Term:
    """One ``hm:`` term and what the page says about it."""

    iri: URIRef
    kind: str  # "class", "object", "datatype", "individual"
    labels: dict[str, str] = field(default_factory=dict)
    definitions: dict[str, str] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return str(self.iri)[len(HM_IRI):]


def render(ttl_bytes: bytes) -> str:
    """The HTML documentation page of the ontology given as Turtle bytes.

    The page is complete (``<!DOCTYPE html>`` to ``</html>``), in UTF-8, and the same bytes always give the
    same page.
    """
    graph = rdflib.Graph()
    graph.parse(data=ttl_bytes, format="turtle")
    return _Page(graph).html()


class _Page:
    def __init__(self, graph: rdflib.Graph):
        self.g = graph
        self.terms: dict[URIRef, _Term] = {}
        for subject in set(graph.subjects(RDF.type, None)):
            if isinstance(subject, URIRef) and str(subject).startswith(HM_IRI):
                self.terms[subject] = self._term(subject)
        self.external: set[URIRef] = set()  # reused classes mentioned by hm: terms (each gets an entry)

    # ---- reading the graph --------------------------------------------------------------------------------

    def _term(self, iri: URIRef) -> _Term:
        types = set(self.g.objects(iri, RDF.type))
        if OWL.Class in types:
            kind = "class"
        elif OWL.ObjectProperty in types:
            kind = "object"
        elif OWL.DatatypeProperty in types:
            kind = "datatype"
        else:
            kind = "individual"
        term = _Term(iri, kind)
        term.labels = self._by_language(iri, RDFS.label)
        term.definitions = self._by_language(iri, SKOS.definition)
        return term

    def _by_language(self, subject, predicate) -> dict[str, str]:
        found: dict[str, str] = {}
        for value in sorted(self.g.objects(subject, predicate)):
            if isinstance(value, Literal):
                found.setdefault(value.language or "", str(value))
        return found

    def _members(self, node) -> list:
        """The classes a domain or range names: itself, or the members of an owl:unionOf."""
        if isinstance(node, BNode):
            union = self.g.value(node, OWL.unionOf)
            if union is not None:
                return list(Collection(self.g, union))
            return []
        return [node]

    def _of_kind(self, kind: str) -> list[_Term]:
        return sorted((t for t in self.terms.values() if t.kind == kind), key=lambda t: t.name.lower())

    def _sorted_refs(self, refs) -> list:
        return sorted(set(refs), key=lambda r: (not str(r).startswith(HM_IRI), self._curie(r).lower()))

    # ---- printing terms -----------------------------------------------------------------------------------

    @staticmethod
    def _curie(iri) -> str:
        text = str(iri)
        best = max((ns for ns in _PREFIXES.values() if text.startswith(ns)), key=len, default=None)
        if best is None:
            return text
        prefix = next(p for p, ns in _PREFIXES.items() if ns == best)
        return f"{prefix}:{text[len(best):]}"

    @staticmethod
    def _anchor(iri) -> str:
        text = str(iri)
        if text.startswith(HM_IRI):
            return text[len(HM_IRI):]
        return "ext-" + _Page._curie(iri).replace(":", "-")

    def _link(self, node) -> str:
        """A link to a term: an in-page anchor for hm: terms and mentioned classes, else the term's IRI."""
        if isinstance(node, BNode):
            members = self._members(node)
            if members:
                return " or ".join(self._link(m) for m in members)
            return "<em>(anonymous class)</em>"
        curie = html.escape(self._curie(node))
        if node in self.terms:
            title = html.escape(self.terms[node].labels.get("en", ""))
            return f'<a href="#{self._anchor(node)}" title="{title}"><code>{curie}</code></a>'
        if node in self.external:
            return f'<a href="#{self._anchor(node)}"><code>{curie}</code></a>'
        return f'<a href="{html.escape(str(node))}"><code>{curie}</code></a>'

    def _links(self, nodes) -> str:
        return ", ".join(self._link(n) for n in nodes)

    # ---- the page -------------------------------------------------------------------------------------------

    def html(self) -> str:
        classes, objects = self._of_kind("class"), self._of_kind("object")
        datatypes, individuals = self._of_kind("datatype"), self._of_kind("individual")
        self.external = self._mentioned_external_classes()
        ontology = URIRef(ONTOLOGY_IRI)
        titles = self._by_language(ontology, DCTERMS.title)
        title = titles.get("en") or titles.get("fr") or "Hemicycle ontology"
        parts = [
            "<!DOCTYPE html>",
            '<html lang="en">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{html.escape(title)}</title>",
            f"<style>\n{_STYLE}\n</style>",
            "</head>",
            "<body>",
            self._header(ontology, titles),
            self._toc(classes, objects, datatypes, individuals),
            self._section("classes", "Classes", classes, self._class_rows),
            self._section("object-properties", "Object properties", objects, self._property_rows),
            self._section("datatype-properties", "Datatype properties", datatypes, self._property_rows),
            self._section("individuals", "Individuals", individuals, self._individual_rows),
            self._external_section(),
            self._namespaces(),
            "<footer>Generated from <code>ontology/hemicycle.ttl</code> by <code>hemicycle.ontology.docs</code>; "
            "edit the Turtle, not this page.</footer>",
            "</body>",
            "</html>",
        ]
        return "\n".join(parts) + "\n"

    def _header(self, ontology: URIRef, titles: dict[str, str]) -> str:
        g = self.g
        rows = [("IRI", f"<code>{html.escape(str(ontology))}</code>")]
        version_iri = g.value(ontology, OWL.versionIRI)
        if version_iri is not None:
            rows.append(("Version IRI", f"<code>{html.escape(str(version_iri))}</code>"))
        version = g.value(ontology, OWL.versionInfo)
        if version is not None:
            rows.append(("Version", html.escape(str(version))))
        prefix = g.value(ontology, _VANN.preferredNamespacePrefix)
        namespace = g.value(ontology, _VANN.preferredNamespaceUri)
        if prefix is not None and namespace is not None:
            rows.append(("Namespace", f"<code>{html.escape(str(prefix))}:</code> "
                                      f"<code>{html.escape(str(namespace))}</code>"))
        licence = g.value(ontology, DCTERMS.license)
        if licence is not None:
            rows.append(("Licence", f'<a href="{html.escape(str(licence))}">{html.escape(str(licence))}</a>'))
        counts = ", ".join(f"{len(self._of_kind(k))} {label}" for k, label in (
            ("class", "classes"), ("object", "object properties"),
            ("datatype", "datatype properties"), ("individual", "individuals")))
        rows.append(("Terms", counts))
        descriptions = self._by_language(ontology, DCTERMS.description)
        lines = [
            "<header>",
            f"<h1>{html.escape(titles.get('en', ''), quote=False)}</h1>",
            f'<p class="subtitle" lang="fr">{html.escape(titles.get("fr", ""), quote=False)}</p>',
            '<dl class="meta">',
            *(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in rows),
            "</dl>",
            *(self._definition(lang, descriptions[lang]) for lang in ("en", "fr") if lang in descriptions),
            "</header>",
        ]
        return "\n".join(lines)

    def _toc(self, *groups: list[_Term]) -> str:
        names = ("Classes", "Object properties", "Datatype properties", "Individuals")
        ids = ("classes", "object-properties", "datatype-properties", "individuals")
        lines = ['<nav aria-label="Contents">', "<h2>Contents</h2>", "<ol>"]
        for name, anchor, terms in zip(names, ids, groups):
            lines.append(f'<li><a href="#{anchor}">{name}</a> ({len(terms)})</li>')
        lines.append('<li><a href="#reused-classes">Reused classes</a></li>')
        lines.append('<li><a href="#namespaces">Namespaces</a></li>')
        lines += ["</ol>", "</nav>"]
        return "\n".join(lines)

    def _section(self, anchor: str, title: str, terms: list[_Term], rows) -> str:
        lines = [f'<section id="{anchor}">', f"<h2>{title}</h2>", '<ul class="index">']
        lines += [f"<li>{self._link(t.iri)}</li>" for t in terms]
        lines.append("</ul>")
        lines += [self._entry(t, rows(t)) for t in terms]
        lines.append("</section>")
        return "\n".join(lines)

    @staticmethod
    def _definition(lang: str, text: str) -> str:
        return (f'<p class="definition" lang="{lang}"><span class="lang">{lang.upper()}</span>'
                f"{html.escape(text, quote=False)}</p>")

    def _entry(self, term: _Term, rows: list[tuple[str, str]]) -> str:
        kinds = {"class": "class", "object": "object property", "datatype": "datatype property",
                 "individual": "individual"}
        en = term.labels.get("en", term.name)
        fr = term.labels.get("fr", "")
        lines = [
            f'<section class="term" id="{self._anchor(term.iri)}">',
            "<header>",
            f"<h3>{html.escape(en, quote=False)}</h3>",
            f'<span lang="fr">{html.escape(fr, quote=False)}</span>' if fr else "",
            f'<span class="kind">{kinds[term.kind]}</span>',
            f'<code class="iri">{html.escape(str(term.iri))}</code>',
            "</header>",
            *(self._definition(lang, term.definitions[lang]) for lang in ("en", "fr") if lang in term.definitions),
        ]
        rows = rows + self._alignment_rows(term.iri)
        if rows:
            lines.append("<dl>")
            lines += [f"<dt>{label}</dt><dd>{value}</dd>" for label, value in rows]
            lines.append("</dl>")
        lines.append("</section>")
        return "\n".join(line for line in lines if line)

    def _alignment_rows(self, iri: URIRef) -> list[tuple[str, str]]:
        rows = []
        for predicate, label in _MATCHES:
            targets = self._sorted_refs(self.g.objects(iri, predicate))
            if targets:
                rows.append((label, self._links(targets)))
        return rows

    # ---- rows per kind of term ------------------------------------------------------------------------------

    def _properties_with(self, predicate, cls) -> list[URIRef]:
        """hm: properties whose domain (or range) is ``cls`` or a union that contains it."""
        found = []
        for prop, value in self.g.subject_objects(predicate):
            if prop in self.terms and cls in self._members(value):
                found.append(prop)
        return self._sorted_refs(found)

    def _superclasses(self, cls) -> list:
        return self._sorted_refs(c for c in self.g.objects(cls, RDFS.subClassOf) if isinstance(c, URIRef))

    def _class_rows(self, term: _Term) -> list[tuple[str, str]]:
        g, cls, rows = self.g, term.iri, []
        supers = self._superclasses(cls)
        if supers:
            rows.append(("subclass of", self._links(supers)))
        subs = self._sorted_refs(s for s in g.subjects(RDFS.subClassOf, cls) if isinstance(s, URIRef))
        if subs:
            rows.append(("superclass of", self._links(subs)))
        for equivalent in g.objects(cls, OWL.equivalentClass):
            one_of = g.value(equivalent, OWL.oneOf) if isinstance(equivalent, BNode) else None
            if one_of is not None:
                rows.append(("one of", self._links(Collection(g, one_of))))
        disjoint = set()
        for axiom in g.subjects(RDF.type, OWL.AllDisjointClasses):
            members = list(Collection(g, g.value(axiom, OWL.members)))
            if cls in members:
                disjoint.update(m for m in members if m != cls)
        if disjoint:
            rows.append(("disjoint with", self._links(self._sorted_refs(disjoint))))
        own = self._properties_with(RDFS.domain, cls)
        if own:
            rows.append(("properties", self._links(own)))
        seen, ancestors, queue = set(), [], list(supers)
        while queue:  # hm: properties inherited from superclasses, nearest first
            ancestor = queue.pop(0)
            if ancestor in seen:
                continue
            seen.add(ancestor)
            ancestors.append(ancestor)
            queue += self._superclasses(ancestor)
        for ancestor in ancestors:
            inherited = self._properties_with(RDFS.domain, ancestor)
            if inherited:
                rows.append((f"inherited from {self._link(ancestor)}", self._links(inherited)))
        incoming = self._properties_with(RDFS.range, cls)
        if incoming:
            rows.append(("value of", self._links(incoming)))
        instances = self._sorted_refs(s for s in g.subjects(RDF.type, cls) if s in self.terms)
        if instances:
            rows.append(("instances", self._links(instances)))
        return rows

    def _property_rows(self, term: _Term) -> list[tuple[str, str]]:
        g, prop, rows = self.g, term.iri, []
        domains = list(g.objects(prop, RDFS.domain))
        ranges = list(g.objects(prop, RDFS.range))
        rows.append(("domain", self._links(domains) if domains else "<em>open (any resource)</em>"))
        rows.append(("range", self._links(ranges) if ranges else "<em>open (any resource)</em>"))
        if (prop, RDF.type, OWL.FunctionalProperty) in g:
            rows.append(("characteristics", "functional (at most one value per subject)"))
        supers = self._sorted_refs(g.objects(prop, RDFS.subPropertyOf))
        if supers:
            rows.append(("subproperty of", self._links(supers)))
        return rows

    def _individual_rows(self, term: _Term) -> list[tuple[str, str]]:
        types = self._sorted_refs(t for t in self.g.objects(term.iri, RDF.type) if t != OWL.NamedIndividual)
        return [("instance of", self._links(types))] if types else []

    # ---- reused classes and namespaces --------------------------------------------------------------------

    def _mentioned_external_classes(self) -> set[URIRef]:
        """Classes outside hm: that hm: terms use as superclass, domain or range (datatypes excluded)."""
        found = set()
        for term in self.terms.values():
            for predicate in (RDFS.subClassOf, RDFS.domain, RDFS.range):
                for value in self.g.objects(term.iri, predicate):
                    for member in self._members(value):
                        if isinstance(member, URIRef) and member not in self.terms \
                                and (member, RDF.type, OWL.Class) in self.g:
                            found.add(member)
        return found

    def _external_section(self) -> str:
        lines = ['<section id="reused-classes">', "<h2>Reused classes</h2>",
                 "<p>Classes of other vocabularies that hm: terms build on; each links to its own definition.</p>"]
        for cls in self._sorted_refs(self.external):
            rows = []
            subs = self._sorted_refs(s for s in self.g.subjects(RDFS.subClassOf, cls) if s in self.terms)
            if subs:
                rows.append(("hm: subclasses", self._links(subs)))
            for predicate, label in ((RDFS.domain, "hm: properties"), (RDFS.range, "value of")):
                props = self._properties_with(predicate, cls)
                if props:
                    rows.append((label, self._links(props)))
            lines += [
                f'<section class="term" id="{self._anchor(cls)}">',
                "<header>",
                f"<h3><code>{html.escape(self._curie(cls))}</code></h3>",
                '<span class="kind">reused class</span>',
                f'<a class="iri" href="{html.escape(str(cls))}">{html.escape(str(cls))}</a>',
                "</header>",
                "<dl>",
                *(f"<dt>{label}</dt><dd>{value}</dd>" for label, value in rows),
                "</dl>",
                "</section>",
            ]
        lines.append("</section>")
        return "\n".join(lines)

    def _namespaces(self) -> str:
        used = set()
        for s, p, o in self.g:
            for node in (s, p, o):
                if isinstance(node, URIRef):
                    curie = self._curie(node)
                    if curie != str(node):
                        used.add(curie.split(":", 1)[0])
        lines = ['<section id="namespaces">', "<h2>Namespaces</h2>", "<table>"]
        for prefix in sorted(used):
            iri = html.escape(_PREFIXES[prefix])
            lines.append(f'<tr><td><code>{prefix}:</code></td><td><a href="{iri}"><code>{iri}</code></a></td></tr>')
        lines += ["</table>", "</section>"]
        return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Write the documentation page (by default ``ontology/docs/index.html``) from the packaged Turtle."""
    from hemicycle.ontology import ONTOLOGY_FILE, read_resource

    parser = argparse.ArgumentParser(prog="python -m hemicycle.ontology.docs", description=main.__doc__)
    parser.add_argument("--output", type=Path, default=OUTPUT, help=f"where to write the page (default: {OUTPUT})")
    args = parser.parse_args(argv)
    page = render(read_resource(ONTOLOGY_FILE))
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(page, encoding="utf-8", newline="\n")
    print(f"wrote {args.output} ({len(page.encode('utf-8'))} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
