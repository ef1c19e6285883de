"""The SHACL shapes (shapes.ttl): they cover what MAPPING.md writes, agree with the ontology, accept the
hand-written valid graph and reject each broken variant of it at the expected focus node and path."""
from __future__ import annotations


import pyshacl
import pytest
import rdflib
from rdflib import OWL, RDF, RDFS, Literal, URIRef
from rdflib.namespace import SH

from hemicycle.ontology import terms
from hemicycle.ontology.terms import HM

from support.ontology import (DATA_PREFIXES, ID, Q, STATUSES, all_closed_terms, context_iris, expand, hm, mapping_curies,
                              term_kind)



# ---- shapes: coverage and agreement with the ontology and MAPPING.md -------------------------------------------

def _targets(shapes: rdflib.Graph) -> set:
    return set(shapes.objects(None, SH.targetClass))


def test_every_mapping_class_has_a_shape(shapes):
    classes = {expand(f"{p}:{n}") for p, n in mapping_curies() if n[0].isupper() and n not in STATUSES}
    assert len(classes) > 25
    assert classes - _targets(shapes) == set()


def test_mapping_names_only_closed_terms():
    named = {str(expand(f"{p}:{n}")) for p, n in mapping_curies()}
    assert named - all_closed_terms() == {str(RDFS.subClassOf)}


def test_every_hm_class_has_a_shape(ontology, shapes):
    hm_classes = {hm(n) for n in HM.names() if term_kind(ontology, n) == "class"}
    assert hm_classes - _targets(shapes) == set()


def test_every_mapping_property_has_a_property_shape(shapes):
    properties = {expand(f"{p}:{n}") for p, n in mapping_curies() if n[0].islower() and n != "subClassOf"}
    paths = set(shapes.objects(None, SH.path))
    assert len(properties) > 60
    assert properties - paths == set()


def test_shapes_and_context_only_use_closed_terms(shapes, context):
    known = all_closed_terms()
    data_vocabularies = tuple(terms.PREFIXES[p] for p in DATA_PREFIXES)
    in_shapes = {str(node) for triple in shapes for node in triple
                 if isinstance(node, URIRef) and str(node).startswith(data_vocabularies)}
    assert in_shapes - known == set()
    in_context = {str(expand(v)) for v in context_iris(context).values()}
    assert in_context - known == set()


def test_functional_properties_have_max_count_one_in_shapes(ontology, shapes):
    for prop in ontology.subjects(RDF.type, OWL.FunctionalProperty):
        counts = {shapes.value(shape, SH.maxCount) for shape in shapes.subjects(SH.path, prop)}
        counts.discard(None)
        assert counts == {Literal(1)}, f"{prop} is functional but its shapes say sh:maxCount {counts}"


# ---- shapes: accept the valid graph, reject each broken variant ----------------------------------------------

SPARQL_PREFIXES = """
PREFIX hm: <https://w3id.org/hemicycle/ontology#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX time: <http://www.w3.org/2006/time#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""
MANDATE = f"{ID}mandat/PM900100"
CITATION = f"{Q}#answer-1-citation-1"
DECISION = f"{ID}decision/fr/CE/2026-05-05/502860"
LAW = f"{ID}texte/loi/2016-1321"
COURT = f"{ID}juridiction/ce"


def _results(data: rdflib.Graph, shapes: rdflib.Graph) -> tuple[bool, set[tuple]]:
    conforms, report, _ = pyshacl.validate(data, shacl_graph=shapes, inference="none")
    found = set()
    for result in report.subjects(RDF.type, SH.ValidationResult):
        path = report.value(result, SH.resultPath)
        severity = report.value(result, SH.resultSeverity)
        found.add((str(report.value(result, SH.focusNode)), str(path) if path is not None else None,
                   str(severity)[len(str(SH)):]))
    return conforms, found


def test_shapes_accept_the_valid_example(valid, shapes):
    conforms, found = _results(valid, shapes)
    assert found == set() and conforms


def _case(update: str, *expected: tuple[str, str | None, str]):
    """A broken variant of the valid graph (a SPARQL update) and the (focus, path, severity) it must raise."""
    results = {(focus, str(expand(path)) if path else None, severity) for focus, path, severity in expected}
    return SPARQL_PREFIXES + update, results


INVALID = {
    "two question numbers": _case(
        f"INSERT DATA {{ <{Q}> hm:questionNumber 15974 }}",
        (Q, "hm:questionNumber", "Violation")),
    "question without identifier": _case(
        f'DELETE DATA {{ <{Q}> dcterms:identifier "QANR5L17QE99901" }}',
        (Q, "dcterms:identifier", "Violation")),
    "negative answer delay": _case(
        f"DELETE DATA {{ <{Q}> hm:answerDelayDays 98 }}; INSERT DATA {{ <{Q}> hm:answerDelayDays -3 }}",
        (Q, "hm:answerDelayDays", "Violation")),
    "status outside the four": _case(
        f"DELETE DATA {{ <{Q}> hm:status hm:Answered }}; "
        f"INSERT DATA {{ <{Q}> hm:status <https://example.org/status/Archived> }}",
        (Q, "hm:status", "Violation")),
    "kind code outside the list": _case(
        f'DELETE DATA {{ <{Q}> hm:kindCode "QE" }}; INSERT DATA {{ <{Q}> hm:kindCode "QX" }}',
        (Q, "hm:kindCode", "Violation")),
    "written question with the QG code": _case(
        f'DELETE DATA {{ <{Q}> hm:kindCode "QE" }}; INSERT DATA {{ <{Q}> hm:kindCode "QG" }}',
        (Q, "hm:kindCode", "Violation")),
    "deposit date with a time": _case(
        f'DELETE DATA {{ <{Q}> hm:depositDate "2026-03-10"^^xsd:date }}; '
        f'INSERT DATA {{ <{Q}> hm:depositDate "2026-03-10T09:00:00"^^xsd:dateTime }}',
        (Q, "hm:depositDate", "Violation")),
    "deposit date basis outside the four": _case(
        f'DELETE DATA {{ <{Q}> hm:depositDateBasis "deposit" }}; INSERT DATA {{ <{Q}> hm:depositDateBasis "guess" }}',
        (Q, "hm:depositDateBasis", "Violation")),
    "two deposit date bases": _case(
        f'INSERT DATA {{ <{Q}> hm:depositDateBasis "sitting" }}',
        (Q, "hm:depositDateBasis", "Violation")),
    "answer link to a question text": _case(
        f"INSERT DATA {{ <{Q}> hm:hasAnswer <{Q}#question-1> }}",
        (Q, "hm:hasAnswer", "Violation")),
    "author group not in the graph": _case(
        f"DELETE DATA {{ <{Q}> hm:authorGroup <{ID}organe/PO900010> }}; "
        f"INSERT DATA {{ <{Q}> hm:authorGroup <{ID}organe/PO999999> }}",
        (Q, "hm:authorGroup", "Warning")),
    "journal page as a string": _case(
        f'DELETE DATA {{ <{Q}#answer-1> hm:journalPage 4412 }}; INSERT DATA {{ <{Q}#answer-1> hm:journalPage "4412" }}',
        (f"{Q}#answer-1", "hm:journalPage", "Violation")),
    "question text without language": _case(
        f"DELETE {{ <{Q}#question-1> hm:text ?t }} INSERT {{ <{Q}#question-1> hm:text ?plain }} "
        f"WHERE {{ <{Q}#question-1> hm:text ?t BIND(STR(?t) AS ?plain) }}",
        (f"{Q}#question-1", "hm:text", "Violation")),
    "attribution without ministry": _case(
        f"DELETE DATA {{ <{Q}#attribution-2> hm:ministry <{ID}organe/PO900002> }}",
        (f"{Q}#attribution-2", "hm:ministry", "Violation")),
    "closure without status": _case(
        f"DELETE DATA {{ <{Q}#closure> hm:closureStatus <{ID}cloture/REP_PUB> }}",
        (f"{Q}#closure", "hm:closureStatus", "Violation")),
    "rubrique without label": _case(
        f'DELETE DATA {{ <{ID}rubrique/etrangers> skos:prefLabel "étrangers"@fr }}',
        (f"{ID}rubrique/etrangers", "skos:prefLabel", "Violation")),
    "rubrique labelled in English": _case(
        f'DELETE DATA {{ <{ID}rubrique/etrangers> skos:prefLabel "étrangers"@fr }}; '
        f'INSERT DATA {{ <{ID}rubrique/etrangers> skos:prefLabel "foreigners"@en }}',
        (f"{ID}rubrique/etrangers", "skos:prefLabel", "Violation")),
    "mandate without member": _case(
        f"DELETE DATA {{ <{MANDATE}> org:member <{ID}acteur/PA900100> }}",
        (MANDATE, "org:member", "Violation")),
    "instant without date": _case(
        f'DELETE DATA {{ <{MANDATE}#start> time:inXSDDate "2024-07-08"^^xsd:date }}',
        (f"{MANDATE}#start", "time:inXSDDate", "Violation")),
    "department without code": _case(
        f'DELETE DATA {{ <{ID}departement/94> hm:departmentCode "94" }}',
        (f"{ID}departement/94", "hm:departmentCode", "Violation")),
    "organ of two kinds": _case(
        f"INSERT DATA {{ <{ID}organe/PO900004> hm:organKind <{ID}type-organe/GP> }}",
        (f"{ID}organe/PO900004", "hm:organKind", "Violation")),
    "ministry that is not an organ": _case(
        f"DELETE DATA {{ <{ID}organe/PO900003> a org:Organization }}",
        (f"{ID}organe/PO900003", None, "Violation"),
        (f"{ID}organe/PO900002", "hm:previousOrgan", "Warning")),
    "record graph without run": _case(
        f"DELETE DATA {{ <{ID}graph/QANR5L17QE99901> prov:wasGeneratedBy <{ID}run/20260701T120000Z> }}",
        (f"{ID}graph/QANR5L17QE99901", "prov:wasGeneratedBy", "Violation")),
    "run count that is not a number": _case(
        f'DELETE DATA {{ <{ID}run/20260701T120000Z> hm:recordsRead 18404 }}; '
        f'INSERT DATA {{ <{ID}run/20260701T120000Z> hm:recordsRead "many" }}',
        (f"{ID}run/20260701T120000Z", "hm:recordsRead", "Violation")),
    "citation occurrence without its quoted text": _case(
        f'DELETE DATA {{ <{CITATION}> oa:exact "CE, 5 mai 2026, n° 502860" }}',
        (CITATION, "oa:exact", "Violation")),
    "citation offset below zero": _case(
        f'DELETE DATA {{ <{CITATION}> oa:start "93"^^xsd:integer }}; '
        f'INSERT DATA {{ <{CITATION}> oa:start "-1"^^xsd:integer }}',
        (CITATION, "oa:start", "Violation")),
    "citation offset as a string": _case(
        f'DELETE DATA {{ <{CITATION}> oa:start "93"^^xsd:integer }}; '
        f'INSERT DATA {{ <{CITATION}> oa:start "93" }}',
        (CITATION, "oa:start", "Violation")),
    "citation offset as a decimal": _case(
        f'DELETE DATA {{ <{CITATION}> oa:end "118"^^xsd:integer }}; '
        f'INSERT DATA {{ <{CITATION}> oa:end 118.0 }}',
        (CITATION, "oa:end", "Violation")),
    "citation ending before it starts": _case(
        f'DELETE DATA {{ <{CITATION}> oa:end "118"^^xsd:integer }}; '
        f'INSERT DATA {{ <{CITATION}> oa:end "90"^^xsd:integer }}',
        (CITATION, "oa:start", "Violation")),
    "citation without the text it was found in": _case(
        f"DELETE DATA {{ <{CITATION}> hm:citedIn <{Q}#answer-1> }}",
        (CITATION, "hm:citedIn", "Violation")),
    "citation found in a closure": _case(
        f"DELETE DATA {{ <{CITATION}> hm:citedIn <{Q}#answer-1> }}; "
        f"INSERT DATA {{ <{CITATION}> hm:citedIn <{Q}#closure> }}",
        (CITATION, "hm:citedIn", "Violation")),
    "citation of two things": _case(
        f"INSERT DATA {{ <{CITATION}> hm:cites <{LAW}> }}",
        (CITATION, "hm:cites", "Violation")),
    "citation of a decision not in the graph": _case(
        f"DELETE DATA {{ <{CITATION}> hm:cites <{DECISION}> }}; "
        f"INSERT DATA {{ <{CITATION}> hm:cites <{ID}decision/fr/CE/2026-05-05/999999> }}",
        (CITATION, "hm:cites", "Warning")),
    "citation link to a question": _case(
        f"INSERT DATA {{ <{Q}#answer-1> hm:hasCitation <{Q}> }}",
        (f"{Q}#answer-1", "hm:hasCitation", "Violation")),
    "decision with two dates": _case(
        f'INSERT DATA {{ <{DECISION}> dcterms:date "2026-05-06"^^xsd:date }}',
        (DECISION, "dcterms:date", "Violation")),
    "decision without number": _case(
        f'DELETE DATA {{ <{DECISION}> hm:decisionNumber "502860" }}',
        (DECISION, "hm:decisionNumber", "Violation")),
    "decision without court": _case(
        f"DELETE DATA {{ <{DECISION}> hm:court <{COURT}> }}",
        (DECISION, "hm:court", "Violation")),
    "decision page as a string": _case(
        f"DELETE {{ <{DECISION}> rdfs:seeAlso ?page }} INSERT {{ <{DECISION}> rdfs:seeAlso ?url }} "
        f"WHERE {{ <{DECISION}> rdfs:seeAlso ?page BIND(STR(?page) AS ?url) }}",
        (DECISION, "rdfs:seeAlso", "Violation")),
    "legal text without type": _case(
        f'DELETE DATA {{ <{LAW}> hm:textType "loi" }}',
        (LAW, "hm:textType", "Violation")),
    "ELI as a plain string": _case(
        f"DELETE {{ <{LAW}> hm:eli ?eli }} INSERT {{ <{LAW}> hm:eli ?plain }} "
        f"WHERE {{ <{LAW}> hm:eli ?eli BIND(STR(?eli) AS ?plain) }}",
        (LAW, "hm:eli", "Violation")),
    "court code outside the list": _case(
        f'DELETE DATA {{ <{COURT}> skos:notation "CE" }}; INSERT DATA {{ <{COURT}> skos:notation "CONSEIL" }}',
        (COURT, "skos:notation", "Violation")),
    "court outside the court scheme": _case(
        f"DELETE DATA {{ <{COURT}> skos:inScheme <{ID}scheme/juridiction> }}; "
        f"INSERT DATA {{ <{COURT}> skos:inScheme <{ID}scheme/rubrique> }}",
        (COURT, "skos:inScheme", "Violation")),
}


def _variant(valid: rdflib.Graph, update: str) -> rdflib.Graph:
    data = rdflib.Graph()
    data += valid
    data.update(update)
    assert set(data) != set(valid), "the update changed nothing: the case is stale"
    return data


@pytest.mark.parametrize("update, expected", INVALID.values(), ids=INVALID.keys())
def test_shapes_reject_the_broken_example(valid, shapes, update, expected):
    conforms, found = _results(_variant(valid, update), shapes)
    assert not conforms
    assert found == expected


# Variants that MAPPING.md allows: the shapes must not be stricter than the mapping.
ALLOWED = {
    "pending question (no closure, answer or status)": f"""
        DELETE WHERE {{ <{Q}> hm:hasClosure ?c ; hm:status ?s ; hm:hasAnswer ?a ; hm:answerDate ?d ;
                            hm:answerDelayDays ?x }}""",
    "closure code unknown to the status mapping, without label": f"""
        DELETE WHERE {{ <{Q}> hm:status ?s }};
        DELETE WHERE {{ <{ID}cloture/REP_PUB> skos:prefLabel ?l }}""",
    "answered the day it was asked": f"""
        DELETE DATA {{ <{Q}> hm:answerDelayDays 98 }}; INSERT DATA {{ <{Q}> hm:answerDelayDays 0 }}""",
    "question to the Government dated by its sitting": f"""
        DELETE DATA {{ <{Q}> a hm:WrittenQuestion ; hm:kindCode "QE" ; hm:hasQuestionText <{Q}#question-1> ;
                         hm:depositDateBasis "deposit" }};
        INSERT DATA {{ <{Q}> a hm:GovernmentQuestion ; hm:kindCode "QG" ; hm:depositDateBasis "sitting" }}""",
    "question to the Government without a question text": f"""
        DELETE DATA {{ <{Q}> a hm:WrittenQuestion ; hm:kindCode "QE" ; hm:hasQuestionText <{Q}#question-1> }};
        INSERT DATA {{ <{Q}> a hm:GovernmentQuestion ; hm:kindCode "QG" }}""",
    "question without author, mandate or group": f"""
        DELETE WHERE {{ <{Q}> dcterms:creator ?p ; hm:askedUnder ?m ; hm:authorGroup ?g }}""",
    "ministry questioned that could not be resolved": f"""
        DELETE WHERE {{ <{Q}> hm:ministryQuestioned ?m }};
        INSERT DATA {{ <{Q}> hm:ministryQuestioned <{ID}ministere-non-resolu/ministere-de-la-ville> }}""",
    "unresolved ministry also typed hm:Ministry": f"""
        INSERT DATA {{ <{ID}ministere-non-resolu/ministere-de-la-ville> a hm:Ministry }}""",
    "mandate without organ or period": f"""
        DELETE WHERE {{ <{MANDATE}> org:organization ?o ; org:memberDuring ?p }}""",
    "answer without text, JO reference only": f"""
        DELETE WHERE {{ <{Q}#answer-1> hm:text ?t }}""",
    "ministry labels tagged @fr": f"""
        DELETE WHERE {{ <{Q}#attribution-1> hm:ministryLabel ?l ; hm:ministryShortLabel ?s }};
        INSERT DATA {{ <{Q}#attribution-1> hm:ministryLabel "Intérieur"@fr ; hm:ministryShortLabel "Intérieur"@fr }}""",
    "citation whose decision is not identified (court only)": f"""
        DELETE WHERE {{ <{CITATION}> hm:cites ?d }}""",
    "citation of a text of law, without court": f"""
        DELETE WHERE {{ <{CITATION}> hm:cites ?d ; hm:court ?c }};
        INSERT DATA {{ <{CITATION}> hm:cites <{LAW}> }}""",
    "decision joining two cases, with ECLI, bench and parties": f"""
        INSERT DATA {{ <{DECISION}> hm:decisionNumber "502861" ; hm:formation "10e et 9e ch. réunies" ;
                           hm:ecli "ECLI:FR:CECHR:2026:502860.20260505" ; hm:parties "Association X et autres" }}""",
    "court typed hm:Court only": f"""
        DELETE DATA {{ <{COURT}> a skos:Concept }}""",
    "code article without number or date": f"""
        INSERT DATA {{ <{ID}texte/code-article/CESEDA/L554-1> a hm:LegalText ; hm:textType "code-article" ;
                           hm:legalCode "CESEDA" ; hm:article "L554-1" }}""",
}


@pytest.mark.parametrize("update", ALLOWED.values(), ids=ALLOWED.keys())
def test_shapes_accept_what_the_mapping_allows(valid, shapes, update):
    conforms, found = _results(_variant(valid, SPARQL_PREFIXES + update), shapes)
    assert found == set() and conforms


def test_shapes_accept_strings_typed_xsd_string(valid, shapes):
    """A store read through pyoxigraph gives "QE"^^xsd:string where Turtle gave "QE": the same RDF 1.1 term."""
    typed = rdflib.Graph()
    string = URIRef(terms.XSD.string.value)
    for s, p, o in valid:
        if isinstance(o, Literal) and o.datatype is None and o.language is None:
            o = Literal(str(o), datatype=string)
        typed.add((s, p, o))
    assert set(typed) != set(valid)
    conforms, found = _results(typed, shapes)
    assert found == set() and conforms


