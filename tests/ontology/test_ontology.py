"""The ontology files: hemicycle.ttl, shapes.ttl, context.jsonld and the generated docs/index.html.

Checks, in order: the files parse; every hm: term of terms.py is declared in the Turtle with French and English
labels and definitions (and nothing else is); properties have domains and ranges; the shapes cover every class
and property MAPPING.md writes and agree with the ontology; they accept a hand-written valid graph and reject
each broken variant of it at the expected focus node and path; the JSON-LD context covers every term and
compacts the graph without loss; the committed documentation page is what docs.render() makes today.
"""
from __future__ import annotations

import doctest
import html
import json
import re

import pyoxigraph
import pytest
import rdflib
from rdflib import OWL, RDF, RDFS, Literal, URIRef
from rdflib.collection import Collection
from rdflib.compare import graph_diff, isomorphic
from rdflib.namespace import DCTERMS, SKOS

from hemicycle.ontology import ONTOLOGY_FILE, SHAPES_FILE, docs, read_resource, terms
from hemicycle.ontology.terms import HM, HM_IRI, ONTOLOGY_IRI, ONTOLOGY_VERSION, ONTOLOGY_VERSION_IRI

from support.ontology import (DOCS_PAGE, ID, OPEN_DOMAIN, OPEN_RANGE, Q, STATUSES, context_iris, expand, hm, members,
                              term_kind, turtle)



# ---- parsing and metadata -----------------------------------------------------------------------------------

@pytest.mark.parametrize("name", [ONTOLOGY_FILE, SHAPES_FILE])
def test_turtle_files_parse_with_rdflib_and_pyoxigraph(name):
    data = read_resource(name)
    quads = list(pyoxigraph.parse(data, format=pyoxigraph.RdfFormat.TURTLE))
    assert len(quads) == len(turtle(data)) > 100


def test_ontology_header(ontology):
    iri = URIRef(ONTOLOGY_IRI)
    assert (iri, RDF.type, OWL.Ontology) in ontology
    assert ontology.value(iri, OWL.versionIRI) == URIRef(ONTOLOGY_VERSION_IRI)
    assert ontology.value(iri, OWL.versionInfo) == Literal(ONTOLOGY_VERSION)
    for predicate in (DCTERMS.title, DCTERMS.description):
        assert {v.language for v in ontology.objects(iri, predicate)} == {"fr", "en"}, predicate
    assert ontology.value(iri, DCTERMS.license) is not None


# ---- every term, declared, labelled and defined -------------------------------------------------------------

@pytest.mark.parametrize("name", HM.names())
def test_term_is_declared_labelled_and_defined(ontology, name):
    iri = hm(name)
    assert term_kind(ontology, name) != "undeclared", f"hm:{name} is not declared in {ONTOLOGY_FILE}"
    for predicate in (RDFS.label, SKOS.definition):
        languages = sorted(v.language for v in ontology.objects(iri, predicate) if isinstance(v, Literal))
        assert languages == ["en", "fr"], f"hm:{name} needs exactly one {predicate} @fr and one @en"
    assert ontology.value(iri, RDFS.isDefinedBy) == URIRef(ONTOLOGY_IRI)


def test_ontology_declares_no_term_outside_terms_py(ontology):
    used = {str(node) for triple in ontology for node in triple
            if isinstance(node, URIRef) and str(node).startswith(HM_IRI)}
    assert used - {t.value for t in HM} == set()


@pytest.mark.parametrize("name", STATUSES)
def test_statuses_are_the_four_individuals(ontology, name):
    assert set(ontology.objects(hm(name), RDF.type)) == {OWL.NamedIndividual, hm("QuestionStatus")}


def test_question_status_is_closed(ontology):
    (equivalent,) = ontology.objects(hm("QuestionStatus"), OWL.equivalentClass)
    assert list(Collection(ontology, ontology.value(equivalent, OWL.oneOf))) == [hm(s) for s in STATUSES]


@pytest.mark.parametrize("sub, sup", [
    ("hm:WrittenQuestion", "hm:ParliamentaryQuestion"),
    ("hm:GovernmentQuestion", "hm:ParliamentaryQuestion"),
    ("hm:OralQuestion", "hm:ParliamentaryQuestion"),
    ("hm:QuestionText", "hm:JournalPublication"),
    ("hm:Answer", "hm:JournalPublication"),
    ("hm:Attribution", "hm:JournalPublication"),
    ("hm:Closure", "hm:JournalPublication"),
    ("hm:Signalement", "hm:JournalPublication"),
    ("hm:Renewal", "hm:JournalPublication"),
    ("hm:Mandate", "org:Membership"),
    ("hm:PoliticalGroup", "org:Organization"),
    ("hm:Ministry", "org:Organization"),
    ("hm:Government", "org:Organization"),
    ("hm:Assembly", "org:Organization"),
    ("hm:Committee", "org:Organization"),
    ("hm:UnresolvedMinistry", "hm:Ministry"),
    ("hm:IngestRun", "prov:Activity"),
    ("hm:SourceFile", "prov:Entity"),
    ("hm:Court", "skos:Concept"),
])
def test_subclass_axioms(ontology, sub, sup):
    assert (expand(sub), RDFS.subClassOf, expand(sup)) in ontology


@pytest.mark.parametrize("name", [n for n in HM.names() if n[0].islower()])
def test_property_has_domain_and_range(ontology, name):
    iri = hm(name)
    assert term_kind(ontology, name) in ("object", "datatype")
    for predicate, open_list in ((RDFS.domain, OPEN_DOMAIN), (RDFS.range, OPEN_RANGE)):
        values = list(ontology.objects(iri, predicate))
        if name in open_list:
            assert values == [], f"hm:{name} now has a {predicate}: remove it from the open list"
        else:
            assert len(values) == 1, f"hm:{name} needs one {predicate}"


def test_domains_and_ranges_are_declared_classes_or_datatypes(ontology):
    classes = set(ontology.subjects(RDF.type, OWL.Class))
    for prop, predicate, value in ontology.triples((None, None, None)):
        if predicate not in (RDFS.domain, RDFS.range) or not str(prop).startswith(HM_IRI):
            continue
        is_datatype = (prop, RDF.type, OWL.DatatypeProperty) in ontology and predicate == RDFS.range
        for member in members(ontology, value):
            if is_datatype:
                assert str(member).startswith(terms.XSD.iri) or member in (RDF.langString, RDF.HTML, RDFS.Literal), \
                    (prop, member)
            else:
                assert member in classes, f"{prop} {predicate} {member}: not a declared class"



# ---- JSON-LD context ------------------------------------------------------------------------------------------

def test_context_covers_every_hm_term(context):
    assert context["@version"] == 1.1
    for prefix in ("hm", "org", "foaf", "schema", "dcterms", "skos", "prov", "time", "oa", "xsd"):
        assert context[prefix] == terms.PREFIXES[prefix]
    covered = {expand(v) for v in context_iris(context).values()}
    assert {hm(n) for n in HM.names()} - covered == set()
    for name in HM.names():  # short names are the local names
        assert expand(context_iris(context)[name]) == hm(name)


def test_context_coercions_follow_the_ontology(ontology, context):
    for name in HM.names():
        kind, definition = term_kind(ontology, name), context[name]
        if kind in ("class", "individual"):
            assert definition == f"hm:{name}"
            continue
        value_range = ontology.value(hm(name), RDFS.range)
        if kind == "object":
            assert definition["@type"] == ("@vocab" if name == "status" else "@id"), name
        elif value_range == RDF.langString:
            assert definition == {"@id": f"hm:{name}", "@language": "fr"}
        elif value_range in (URIRef(terms.XSD.string.value), RDFS.Literal):
            assert definition == f"hm:{name}", name
        else:
            assert expand(definition["@type"]) == value_range, name


@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
def test_context_compacts_the_graph_without_loss(valid, context):
    text = valid.serialize(format="json-ld", context=context, auto_compact=True)
    back = rdflib.Graph().parse(data=text, format="json-ld")
    if not isomorphic(valid, back):
        _, only_ttl, only_json = graph_diff(valid, back)
        pytest.fail(f"lost: {sorted(only_ttl)[:5]}\ngained: {sorted(only_json)[:5]}")
    nodes = {node["id"]: node for node in json.loads(text)["@graph"]}
    question = nodes[Q]
    assert question["type"] == "WrittenQuestion"
    assert question["status"] == "Answered"
    assert question["questionNumber"] == "99901" and question["kindCode"] == "QE"
    assert question["creator"] == f"{ID}acteur/PA900100"
    assert nodes[f"{Q}#answer-1"]["text"].startswith("Les délais")
    assert nodes[f"{ID}rubrique/etrangers"]["prefLabel"] == "étrangers"


# ---- generated documentation ------------------------------------------------------------------------------------

def test_committed_docs_page_is_up_to_date():
    expected = docs.render(read_resource(ONTOLOGY_FILE))
    assert DOCS_PAGE.is_file(), "run: python -m hemicycle.ontology.docs"
    assert DOCS_PAGE.read_text(encoding="utf-8") == expected, \
        "ontology/docs/index.html is stale: run python -m hemicycle.ontology.docs"


def test_docs_page_documents_every_term_and_its_links_resolve(ontology):
    page = docs.render(read_resource(ONTOLOGY_FILE))
    assert page == docs.render(read_resource(ONTOLOGY_FILE))  # deterministic
    anchors = re.findall(r'id="([^"]+)"', page)
    assert len(anchors) == len(set(anchors)), "duplicate anchors"
    assert set(re.findall(r'href="#([^"]+)"', page)) - set(anchors) == set()
    for name in HM.names():
        assert f'<section class="term" id="{name}">' in page, name
        for label in ontology.objects(hm(name), RDFS.label):
            assert html.escape(str(label), quote=False) in page, label


def test_docs_doctests():
    result = doctest.testmod(docs)
    assert result.attempted > 0 and result.failed == 0

