"""The documentation page of the ontology (:func:`hemicycle.ontology.docs.render`), section by section.

:class:`Page` lays out the header (the ontology's metadata), the contents, one section per kind of ``hm:`` term
with an entry per term, the reused classes and the namespaces. It names and links terms as its base,
:class:`~hemicycle.ontology.docs_terms.Terms`, does.
"""
from __future__ import annotations

import html

from rdflib import OWL, RDF, RDFS, BNode, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS

from hemicycle.ontology.docs_terms import MATCHES, PREFIXES, VANN, Term, Terms, style
from hemicycle.ontology.terms import ONTOLOGY_IRI


class Page(Terms):
    """The page of the ``hm:`` terms of a graph: :meth:`html` is the whole of it."""

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
            f"<style>\n{style()}\n</style>",
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
        prefix = g.value(ontology, VANN.preferredNamespacePrefix)
        namespace = g.value(ontology, VANN.preferredNamespaceUri)
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

    def _toc(self, *groups: list[Term]) -> str:
        names = ("Classes", "Object properties", "Datatype properties", "Individuals")
        ids = ("classes", "object-properties", "datatype-properties", "individuals")
        lines = ['<nav aria-label="Contents">', "<h2>Contents</h2>", "<ol>"]
        for name, anchor, terms in zip(names, ids, groups):
            lines.append(f'<li><a href="#{anchor}">{name}</a> ({len(terms)})</li>')
        lines.append('<li><a href="#reused-classes">Reused classes</a></li>')
        lines.append('<li><a href="#namespaces">Namespaces</a></li>')
        lines += ["</ol>", "</nav>"]
        return "\n".join(lines)

    def _section(self, anchor: str, title: str, terms: list[Term], rows) -> str:
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

    def _entry(self, term: Term, rows: list[tuple[str, str]]) -> str:
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
        for predicate, label in MATCHES:
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

    def _class_rows(self, term: Term) -> list[tuple[str, str]]:
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

    def _property_rows(self, term: Term) -> list[tuple[str, str]]:
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

    def _individual_rows(self, term: Term) -> list[tuple[str, str]]:
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
            iri = html.escape(PREFIXES[prefix])
            lines.append(f'<tr><td><code>{prefix}:</code></td><td><a href="{iri}"><code>{iri}</code></a></td></tr>')
        lines += ["</table>", "</section>"]
        return "\n".join(lines)
