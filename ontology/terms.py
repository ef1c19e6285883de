"""The closed vocabulary: every class and property the mapping writes, as pyoxigraph terms.

A term that is not declared here raises ``AttributeError`` at import time of the module that uses it, so a
typo cannot silently produce a new predicate. The ontology test checks that every ``HM`` term declared here is
defined, labelled and documented in ``hemicycle.ttl``.

>>> HM.WrittenQuestion.value
'https://w3id.org/hemicycle/ontology#WrittenQuestion'
>>> HM.writtenQestion
Traceback (most recent call last):
...
AttributeError: 'writtenQestion' is not a term of https://w3id.org/hemicycle/ontology#
"""
from __future__ import annotations

from pyoxigraph import NamedNode


class ClosedNamespace:
    """A namespace that only knows the local names it was given."""

    def __init__(self, iri: str, names: str):
        self.iri = iri
        self._terms = {name: NamedNode(iri + name) for name in names.split()}
        # Terms are plain attributes (read a million times in an ingest); ``__getattr__`` below only runs
        # for a name that is not a term, and for terms that would hide a method (looked up with [name]).
        for name, term in self._terms.items():
            if not hasattr(type(self), name):
                setattr(self, name, term)

    def __getattr__(self, name: str) -> NamedNode:
        try:
            return self.__dict__["_terms"][name]
        except KeyError:
            raise AttributeError(f"{name!r} is not a term of {self.iri}") from None

    def __getitem__(self, name: str) -> NamedNode:
        try:
            return self._terms[name]
        except KeyError:
            raise KeyError(f"{name!r} is not a term of {self.iri}") from None

    def __iter__(self):
        return iter(self._terms.values())

    def names(self) -> list[str]:
        return list(self._terms)


HM_IRI = "https://w3id.org/hemicycle/ontology#"
ONTOLOGY_IRI = "https://w3id.org/hemicycle/ontology"
ONTOLOGY_VERSION = "1.0.0"
ONTOLOGY_VERSION_IRI = f"https://w3id.org/hemicycle/ontology/{ONTOLOGY_VERSION}"

HM = ClosedNamespace(
    HM_IRI,
    # classes: questions and their parts
    "ParliamentaryQuestion WrittenQuestion GovernmentQuestion OralQuestion "
    "QuestionText Answer JournalPublication Attribution Transfer Closure Signalement Renewal "
    "QuestionStatus "
    # classes: organs, people, places
    "PoliticalGroup Ministry UnresolvedMinistry Government Assembly Committee Constituency Department "
    "Mandate "
    # classes: provenance
    "IngestRun LinkRun SourceFile "
    # status individuals
    "Answered Pending Withdrawn Lapsed "
    # question properties
    "questionNumber legislature kindCode regime rubrique teteAnalyse analysis "
    "askedUnder authorGroup ministryQuestioned ministryAttributed "
    "hasQuestionText hasAnswer hasAttribution hasTransfer hasClosure hasSignalement hasRenewal "
    "depositDate depositDateBasis answerDate answerDelayDays status "
    "text table order "
    "journalType journalDate journalPage journalIssue legifranceUrl norReference "
    "ministry fromMinistry toMinistry transferDate attributionDate "
    "closureStatus closureDate signalementDate renewalDate "
    "ministryLabel ministryShortLabel "
    # person properties
    "civility birthCity birthDepartment birthCountry "
    # mandate properties
    "organType quality constituency electionCause "
    # organ properties
    "organKind shortLabel abbreviation previousOrgan colour "
    "department constituencyNumber departmentCode "
    # citations: occurrences in texts, court decisions, texts of law
    "CitationOccurrence CourtDecision LegalText Court "
    "hasCitation citedIn cites court decisionNumber formation seat parties ecli "
    "textType textNumber legalCode article eli celex "
    # provenance
    "sha256 path zipMember recordGraph contentHash softwareVersion recordsRead recordsIngested "
    "recordsRejected recordsUnchanged sparqlQuery",
)

ORG = ClosedNamespace(
    "http://www.w3.org/ns/org#",
    "Organization FormalOrganization Membership member organization memberDuring subOrganizationOf "
    "hasMembership role",
)
FOAF = ClosedNamespace("http://xmlns.com/foaf/0.1/", "Person Organization name givenName familyName homepage")
SCHEMA = ClosedNamespace("https://schema.org/", "birthDate deathDate startDate endDate")
DCT = ClosedNamespace(
    "http://purl.org/dc/terms/",
    "identifier title date creator subject references issued modified source type isPartOf "
    # the dataset description (hemicycle.queries.publish.dataset)
    "description license LicenseDocument rights RightsStatement rightsHolder provenance ProvenanceStatement "
    "temporal PeriodOfTime language conformsTo format",
)
SKOS = ClosedNamespace(
    "http://www.w3.org/2004/02/skos/core#",
    "Concept ConceptScheme prefLabel altLabel notation inScheme definition",
)
PROV = ClosedNamespace(
    "http://www.w3.org/ns/prov#",
    "Activity Entity SoftwareAgent wasGeneratedBy wasDerivedFrom used startedAtTime endedAtTime "
    "wasAssociatedWith atLocation generatedAtTime Attribution qualifiedAttribution agent",
)
TIME = ClosedNamespace("http://www.w3.org/2006/time#", "Interval Instant hasBeginning hasEnd inXSDDate")
OA = ClosedNamespace("http://www.w3.org/ns/oa#", "Annotation exact start end")
RDF = ClosedNamespace("http://www.w3.org/1999/02/22-rdf-syntax-ns#", "type")
RDFS = ClosedNamespace("http://www.w3.org/2000/01/rdf-schema#", "label comment seeAlso")
XSD = ClosedNamespace(
    "http://www.w3.org/2001/XMLSchema#", "string integer date dateTime boolean nonNegativeInteger anyURI hexBinary"
)
OWL = ClosedNamespace("http://www.w3.org/2002/07/owl#", "Class ObjectProperty DatatypeProperty sameAs")
# The dataset description: VoID statistics and link sets, DCAT 3 catalogue entries, SPDX checksums.
VOID = ClosedNamespace(
    "http://rdfs.org/ns/void#",
    "Dataset Linkset triples entities distinctSubjects classPartition propertyPartition class property "
    "uriSpace vocabulary dataDump sparqlEndpoint exampleResource subset target linkPredicate "
    "subjectsTarget objectsTarget",
)
DCAT = ClosedNamespace(
    "http://www.w3.org/ns/dcat#",
    "Dataset Distribution distribution downloadURL mediaType compressFormat byteSize startDate endDate "
    "keyword hadRole",
)
SPDX = ClosedNamespace("http://spdx.org/rdf/terms#", "Checksum checksum algorithm checksumValue "
                       "checksumAlgorithm_sha256")

PREFIXES = {
    "hm": HM_IRI,
    "org": ORG.iri,
    "foaf": FOAF.iri,
    "schema": SCHEMA.iri,
    "dcterms": DCT.iri,
    "skos": SKOS.iri,
    "prov": PROV.iri,
    "time": TIME.iri,
    "rdf": RDF.iri,
    "rdfs": RDFS.iri,
    "xsd": XSD.iri,
    "owl": OWL.iri,
    "oa": OA.iri,
}

# Vocabularies of the web server and the publishing tools, not written by the mapping (so not in PREFIXES):
# the SPARQL 1.1 Service Description of /sparql, with the W3C's result-format and entailment-regime IRIs,
# and the SHACL terms read from a validation report.
SD = ClosedNamespace(
    "http://www.w3.org/ns/sparql-service-description#",
    "Service Dataset Graph endpoint supportedLanguage SPARQL11Query SPARQL11Update feature UnionDefaultGraph "
    "defaultEntailmentRegime defaultDataset defaultGraph resultFormat",
)
FORMATS = ClosedNamespace(  # local names with a hyphen are read with [name]: FORMATS["N-Triples"]
    "http://www.w3.org/ns/formats/",
    "SPARQL_Results_JSON SPARQL_Results_XML SPARQL_Results_CSV SPARQL_Results_TSV Turtle N-Triples JSON-LD "
    "RDF_XML",
)
ENTAILMENT = ClosedNamespace("http://www.w3.org/ns/entailment/", "Simple")
SH = ClosedNamespace("http://www.w3.org/ns/shacl#",
                     "ValidationResult focusNode resultPath resultMessage resultSeverity")
