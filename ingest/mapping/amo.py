"""Persons, mandates, organs and constituencies as quads, following ``ontology/MAPPING.md``."""
from __future__ import annotations

from pyoxigraph import NamedNode

from hemicycle.ontology.iris import Minter
from hemicycle.ontology.terms import DCT, FOAF, HM, ORG, RDFS, SCHEMA, SKOS, TIME
from hemicycle.ingest.mapping.rdf import RecordGraph, french, integer, string, xsd_date
from hemicycle.ingest.records.model import Constituency, Mandate, Organ, Person

ORGAN_CLASSES = {
    "GP": HM.PoliticalGroup,
    "MINISTERE": HM.Ministry,
    "GOUVERNEMENT": HM.Government,
    "ASSEMBLEE": HM.Assembly,
    **{code: HM.Committee for code in ("COMPER", "COMNL", "CMP", "CNPS", "COMSENAT", "COMSPSENAT")},
}


def constituency_node(iris: Minter, constituency: Constituency | None, graph: RecordGraph) -> NamedNode | None:
    """The constituency (and its département), when the source gives its département code and number."""
    if constituency is None or not constituency.department_code or constituency.number is None:
        return None
    node = iris.constituency(constituency.department_code, constituency.number)
    department = iris.department(constituency.department_code)
    name = same_apostrophes(constituency.department)
    about = graph.about(node)
    about.type(node, HM.Constituency)
    about.add(node, HM.department, department)
    about.add(node, HM.constituencyNumber, integer(constituency.number))
    if name:
        ordinal = "1re" if constituency.number == 1 else f"{constituency.number}e"
        about.add(node, RDFS.label, french(f"{name} ({ordinal} circonscription)"))
    about = graph.about(department)
    about.type(department, HM.Department)
    about.add(department, HM.departmentCode, string(constituency.department_code.upper()))
    about.add(department, RDFS.label, french(name))
    return node


def same_apostrophes(text: str | None) -> str | None:
    """Labels of shared nodes written with one apostrophe, whatever the source used (’ or ')."""
    return text.replace("’", "'") if text else text


def person_names(iris: Minter, node: NamedNode, graph: RecordGraph, civility, first, last) -> None:
    graph.type(node, FOAF.Person)
    graph.add(node, FOAF.name, string(" ".join(part for part in (first, last) if part) or None))
    graph.add(node, FOAF.givenName, string(first))
    graph.add(node, FOAF.familyName, string(last))
    graph.add(node, HM.civility, string(civility))


def organ_identity(iris: Minter, node: NamedNode, uid: str, kind: str, graph: RecordGraph) -> None:
    graph.type(node, ORG.Organization)
    if kind in ORGAN_CLASSES:
        graph.type(node, ORGAN_CLASSES[kind])
    graph.add(node, DCT.identifier, string(uid))
    concept = iris.organ_kind(kind)
    graph.add(node, HM.organKind, concept)
    about = graph.about(concept)
    about.type(concept, SKOS.Concept)
    about.add(concept, SKOS.notation, string(kind))
    about.add(concept, SKOS.inScheme, iris.scheme("type-organe"))


class AmoMapper:
    def __init__(self, iris: Minter):
        self.iris = iris

    def person(self, person: Person, graph: RecordGraph) -> None:
        node, add = self.iris.person(person.uid), graph.add
        add(node, DCT.identifier, string(person.uid))
        person_names(self.iris, node, graph, person.civility, person.first_name, person.last_name)
        add(node, SCHEMA.birthDate, xsd_date(person.birth_date))
        add(node, SCHEMA.deathDate, xsd_date(person.death_date))
        add(node, HM.birthCity, string(person.birth_city))
        add(node, HM.birthDepartment, string(person.birth_department))
        add(node, HM.birthCountry, string(person.birth_country))

    def mandate(self, mandate: Mandate, graph: RecordGraph) -> None:
        iris, add = self.iris, graph.add
        node, person = iris.mandate(mandate.uid), iris.person(mandate.person_uid)
        graph.type(node, ORG.Membership, HM.Mandate)
        add(node, DCT.identifier, string(mandate.uid))
        add(node, ORG.member, person)
        for organ in mandate.organ_uids:
            add(node, ORG.organization, iris.organ(organ))
        add(node, HM.organType, string(mandate.organ_type))
        add(node, HM.legislature, integer(mandate.legislature))
        add(node, SCHEMA.startDate, xsd_date(mandate.start))
        add(node, SCHEMA.endDate, xsd_date(mandate.end))
        if mandate.start or mandate.end:
            period = iris.part(node, "period")
            add(node, ORG.memberDuring, period)
            graph.type(period, TIME.Interval)
            for bound, prop, day in (("start", TIME.hasBeginning, mandate.start), ("end", TIME.hasEnd, mandate.end)):
                if day:
                    instant = iris.part(node, bound)
                    add(period, prop, instant)
                    graph.type(instant, TIME.Instant)
                    add(instant, TIME.inXSDDate, xsd_date(day))
        add(node, HM.quality, string(mandate.quality))
        add(node, HM.constituency, constituency_node(iris, mandate.constituency, graph))
        add(node, HM.electionCause, string(mandate.election_cause))

    def organ(self, organ: Organ, graph: RecordGraph) -> None:
        iris, add = self.iris, graph.add
        node = iris.organ(organ.uid)
        organ_identity(iris, node, organ.uid, organ.kind, graph)
        add(node, SKOS.prefLabel, french(organ.label))
        add(node, HM.shortLabel, string(organ.short_label))
        add(node, HM.abbreviation, string(organ.abbreviation))
        add(node, SCHEMA.startDate, xsd_date(organ.start))
        add(node, SCHEMA.endDate, xsd_date(organ.end))
        if organ.parent_uid:
            add(node, ORG.subOrganizationOf, iris.organ(organ.parent_uid))
        if organ.previous_uid:
            add(node, HM.previousOrgan, iris.organ(organ.previous_uid))
        add(node, HM.legislature, integer(organ.legislature))
        add(node, HM.colour, string(organ.colour))
        add(node, HM.constituency, constituency_node(iris, organ.constituency, graph))
