"""The dataset description: VoID statistics and link sets, and a DCAT 3 entry with its distributions.

:func:`describe` counts what a store holds (statements, entities per class, statements per property, links
towards Wikidata, Légifrance, ECLI, the HATVP and NosDéputés) and says what the dataset is: title, licence
(Licence Ouverte / Etalab 2.0, with attribution to the Assemblée nationale), temporal coverage (from the
questions' dates), provenance (the ingest runs recorded in the store) and, for each dump file given, a
distribution with its media type, byte size and SHA-256. :func:`void_turtle` returns it as Turtle, for
``/.well-known/void``.

Counting runs SPARQL aggregates over the whole store: seconds on a few million statements, so a server
should compute it once per store state.
"""
from __future__ import annotations

import gzip
import hashlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from pyoxigraph import Literal, NamedNode, RdfFormat, Triple, serialize

from hemicycle.ingest.pipeline import software_version
from hemicycle.ingest.store import GraphStore
from hemicycle.ontology.iris import Minter
from hemicycle.ontology.terms import DCAT, DCT, FOAF, HM, ONTOLOGY_IRI, OWL, PREFIXES, PROV, RDF, RDFS, SPDX, VOID, XSD

from hemicycle.queries import catalog
from hemicycle.queries.publish.export import DATASET_FORMATS, GRAPH_FORMATS, MEDIA_TYPES
from hemicycle.ontology.errors import FormatError

DESCRIPTION_PREFIXES = {**PREFIXES, "void": VOID.iri, "dcat": DCAT.iri, "spdx": SPDX.iri}
FORMATS = {"turtle": RdfFormat.TURTLE, "ntriples": RdfFormat.N_TRIPLES, "rdfxml": RdfFormat.RDF_XML,
           "jsonld": RdfFormat.JSON_LD}

ETALAB_LICENCE = NamedNode("https://www.etalab.gouv.fr/licence-ouverte-open-licence/")
SPDX_ETALAB = NamedNode("https://spdx.org/licenses/etalab-2.0.html")
ASSEMBLEE = NamedNode("https://www.assemblee-nationale.fr/")
AN_OPEN_DATA = NamedNode("https://data.assemblee-nationale.fr/")
ORIGINATOR = NamedNode("http://inspire.ec.europa.eu/metadata-codelist/ResponsiblePartyRole/originator")
FRENCH = NamedNode("http://publications.europa.eu/resource/authority/language/FRA")
IANA = "https://www.iana.org/assignments/media-types/"
GZIP_MEDIA_TYPE = NamedNode(IANA + "application/gzip")

# Link sets: the target dataset, and for each predicate that can carry such a link, how its object starts.
LINK_TARGETS = {
    "wikidata": (NamedNode("https://www.wikidata.org/"), "Wikidata",
                 [(OWL.sameAs, ("http://www.wikidata.org/entity/", "https://www.wikidata.org/")),
                  (RDFS.seeAlso, ("http://www.wikidata.org/entity/", "https://www.wikidata.org/"))]),
    "legifrance": (NamedNode("https://www.legifrance.gouv.fr/"), "Légifrance",
                   [(HM.eli, ("https://www.legifrance.gouv.fr/", "http://www.legifrance.gouv.fr/")),
                    (HM.legifranceUrl, ("https://www.legifrance.gouv.fr/", "http://www.legifrance.gouv.fr/")),
                    (RDFS.seeAlso, ("https://www.legifrance.gouv.fr/", "http://www.legifrance.gouv.fr/"))]),
    "hatvp": (NamedNode("https://www.hatvp.fr/"), "Haute Autorité pour la transparence de la vie publique",
              [(RDFS.seeAlso, ("https://www.hatvp.fr/",))]),
    "nosdeputes": (NamedNode("https://www.nosdeputes.fr/"), "NosDéputés.fr",
                   [(RDFS.seeAlso, ("https://www.nosdeputes.fr/",))]),
    "ecli": (NamedNode("https://e-justice.europa.eu/ecli/"), "ECLI (European Case Law Identifier)",
             [(HM.ecli, ("ECLI:",)),
              (RDFS.seeAlso, ("https://e-justice.europa.eu/ecli/",))]),
}


@dataclass(frozen=True)
class Distribution:
    """One dump file: where it is, its format, whether it is gzipped, and where it can be downloaded."""
    path: Path
    fmt: str
    gzip: bool = False
    url: str | None = None

    def facts(self) -> tuple[int, str]:
        """Byte size and SHA-256 of the file (read in blocks)."""
        digest = hashlib.sha256()
        size = 0
        with open(self.path, "rb") as stream:
            while block := stream.read(1 << 20):
                digest.update(block)
                size += len(block)
        return size, digest.hexdigest()


def dataset_iri(minter: Minter | None = None) -> NamedNode:
    """The dataset's IRI under the store's base (``…/id/dataset``)."""
    return NamedNode((minter or Minter()).base + "dataset")


def _select(store: GraphStore, name: str, **params: str):
    """The solutions of ``queries/sparql/publish/<name>.rq`` over the named graphs, its parameters bound."""
    query = catalog.publish_query(name)
    return store.query(query.text, substitutions=query.substitutions(params), union=False)


def _count(store: GraphStore, name: str, **params: str) -> int:
    """The ``?n`` of a counting query; 0 when it has no row (a grouped count of nothing) or ``?n`` is unbound."""
    row = next(iter(_select(store, name, **params)), None)
    return int(row["n"].value) if row is not None and row["n"] is not None else 0


def _link_count(store: GraphStore, predicate: NamedNode, starts: tuple[str, ...]) -> int:
    """Statements of ``predicate`` whose object begins with one of ``starts`` (one or two beginnings)."""
    if len(starts) not in (1, 2):  # link-count.rq takes two beginnings: a lone one is given twice
        raise ValueError(f"{predicate.value}: one or two beginnings of a link, not {len(starts)}")
    return _count(store, "link-count", predicate=predicate.value, start=starts[0], orStart=starts[-1])


def count_links(store: GraphStore) -> dict[str, list[tuple[NamedNode, int]]]:
    """For each link target, how many statements of each candidate predicate point there (0 included)."""
    return {key: [(predicate, _link_count(store, predicate, starts)) for predicate, starts in candidates]
            for key, (_, _, candidates) in LINK_TARGETS.items()}


def statistics(store: GraphStore) -> dict:
    """Statements, entities (distinct IRI subjects), statements per property and entities per class."""
    stats = {
        "triples": len(store),
        "entities": _count(store, "entity-count"),
        "graphs": _count(store, "graph-count"),
    }
    stats["properties"] = sorted(((row["p"], int(row["n"].value)) for row in _select(store, "property-counts")),
                                 key=lambda item: item[0].value)
    stats["classes"] = sorted(((row["c"], int(row["n"].value)) for row in _select(store, "class-counts")),
                              key=lambda item: item[0].value)
    period = next(iter(_select(store, "period")))
    stats["period"] = (period["start"], period["end"])
    stats["runs"] = sorted(((row["run"], row["end"]) for row in _select(store, "ingest-runs")),
                           key=lambda item: item[0].value)
    stats["sources"] = _count(store, "source-file-count")
    stats["links"] = count_links(store)
    return stats


def _fr(text: str) -> Literal:
    return Literal(text, language="fr")


def _en(text: str) -> Literal:
    return Literal(text, language="en")


def _int(n: int) -> Literal:
    return Literal(str(n), datatype=XSD.integer)


def describe(store: GraphStore, *, distributions: list[Distribution] = (), minter: Minter | None = None,
             sparql_endpoint: str | None = None, subset: str | None = None) -> list[Triple]:
    """The VoID and DCAT description of what ``store`` holds, with one DCAT distribution per dump file.

    ``subset`` says in words what part of the graph the store holds when it is not the whole of it.
    """
    minter = minter or Minter()
    d = dataset_iri(minter)
    stats = statistics(store)
    out: list[Triple] = []

    def add(s, p, o):
        out.append(Triple(s, p, o))

    # what the dataset is (DCAT)
    add(d, RDF.type, DCAT.Dataset)
    add(d, RDF.type, VOID.Dataset)
    add(d, DCT.title,
        _fr("Hemicycle : les questions parlementaires de l'Assemblée nationale en graphe de connaissances"))
    add(d, DCT.title, _en("Hemicycle: the Assemblée nationale's parliamentary questions as a knowledge graph"))
    add(d, DCT.description, _en(
        "Written questions, questions to the government and oral questions of the French Assemblée nationale, "
        "their authors, groups, constituencies, the ministries questioned and answering, and the court "
        "decisions and texts of law cited, as RDF: one named graph per source record, with provenance."
        + (f" This description covers a subset: {subset}." if subset else "")))
    add(d, DCT.description, _fr(
        "Questions écrites, questions au gouvernement et questions orales de l'Assemblée nationale, leurs "
        "auteurs, groupes et circonscriptions, les ministères interrogés et attributaires, les décisions de "
        "justice et textes cités, en RDF : un graphe nommé par enregistrement source, avec sa provenance."))
    for word in ("questions parlementaires", "Assemblée nationale", "députés", "ministères", "jurisprudence"):
        add(d, DCAT.keyword, _fr(word))
    add(d, DCT.language, FRENCH)
    add(d, DCT.conformsTo, NamedNode(ONTOLOGY_IRI))
    add(d, DCT.source, AN_OPEN_DATA)
    # licence and attribution
    add(d, DCT.license, ETALAB_LICENCE)
    add(ETALAB_LICENCE, RDF.type, DCT.LicenseDocument)
    add(ETALAB_LICENCE, RDFS.label, _fr("Licence Ouverte / Open Licence version 2.0 (Etalab 2.0)"))
    add(ETALAB_LICENCE, OWL.sameAs, SPDX_ETALAB)
    rights = NamedNode(d.value + "#rights")
    add(d, DCT.rights, rights)
    add(rights, RDF.type, DCT.RightsStatement)
    add(rights, RDFS.label, _fr("Source : Assemblée nationale (data.assemblee-nationale.fr), données réutilisées "
                                "sous la Licence Ouverte / Etalab 2.0."))
    add(d, DCT.rightsHolder, ASSEMBLEE)
    attribution = NamedNode(d.value + "#attribution")
    add(d, PROV.qualifiedAttribution, attribution)
    add(attribution, RDF.type, PROV.Attribution)
    add(attribution, PROV.agent, ASSEMBLEE)
    add(attribution, DCAT.hadRole, ORIGINATOR)
    add(ASSEMBLEE, RDF.type, FOAF.Organization)
    add(ASSEMBLEE, FOAF.name, _fr("Assemblée nationale"))
    add(ASSEMBLEE, FOAF.homepage, ASSEMBLEE)
    # temporal coverage
    start, end = stats["period"]
    if start is not None:
        period = NamedNode(d.value + "#period")
        add(d, DCT.temporal, period)
        add(period, RDF.type, DCT.PeriodOfTime)
        add(period, DCAT.startDate, start)
        add(period, DCAT.endDate, end)
    # provenance
    provenance = NamedNode(d.value + "#provenance")
    add(d, DCT.provenance, provenance)
    add(provenance, RDF.type, DCT.ProvenanceStatement)
    add(provenance, RDFS.label, _en(
        f"Built by hemicycle {software_version()} from the Assemblée nationale's open data files "
        f"({stats['sources']} source files in {len(stats['runs'])} ingest runs); every named graph says which "
        "source file (path, SHA-256) and which run produced it."))
    ends = [end for _, end in stats["runs"] if end is not None]
    for run, _ in stats["runs"]:
        add(d, PROV.wasGeneratedBy, run)
    if ends:
        add(d, DCT.modified, max(ends, key=lambda t: t.value))
    # VoID statistics
    add(d, VOID.triples, _int(stats["triples"]))
    add(d, VOID.entities, _int(stats["entities"]))
    add(d, VOID.uriSpace, Literal(minter.base))
    vocabularies = set()
    for predicate, n in stats["properties"]:
        part = NamedNode(f"{d.value}#property-{_local(predicate)}")
        add(d, VOID.propertyPartition, part)
        add(part, VOID.property, predicate)
        add(part, VOID.triples, _int(n))
        vocabularies.add(_namespace(predicate.value))
    for cls, n in stats["classes"]:
        part = NamedNode(f"{d.value}#class-{_local(cls)}")
        add(d, VOID.classPartition, part)
        add(part, VOID["class"], cls)
        add(part, VOID.entities, _int(n))
        vocabularies.add(_namespace(cls.value))
    for namespace in sorted(v for v in vocabularies if v in DESCRIPTION_PREFIXES.values()):
        add(d, VOID.vocabulary, NamedNode(namespace))
    if sparql_endpoint:
        add(d, VOID.sparqlEndpoint, NamedNode(sparql_endpoint))
    # link sets (a target with no link is reported with 0)
    for key, (target, label, _) in LINK_TARGETS.items():
        add(target, RDFS.label, Literal(label))
        for predicate, n in stats["links"][key]:
            linkset = NamedNode(f"{d.value}#links-{key}-{_local(predicate)}")
            add(linkset, RDF.type, VOID.Linkset)
            add(d, VOID.subset, linkset)
            add(linkset, VOID.subjectsTarget, d)
            add(linkset, VOID.objectsTarget, target)
            add(linkset, VOID.linkPredicate, predicate)
            add(linkset, VOID.triples, _int(n))
    # distributions
    for dist in distributions:
        out.extend(_distribution(d, dist))
    out.sort(key=lambda t: t.subject.value)  # stable: Turtle writes each subject once, in a readable order
    return out


def _local(term: NamedNode) -> str:
    """A fragment-safe name for a class or property: its prefix and local name (``hm-depositDate``)."""
    iri = term.value
    namespace = _namespace(iri)
    prefix = next((p for p, ns in DESCRIPTION_PREFIXES.items() if ns == namespace), None)
    local = iri[len(namespace):] if prefix else hashlib.sha256(iri.encode()).hexdigest()[:16]
    return f"{prefix or 'iri'}-{local}"


def _namespace(iri: str) -> str:
    cut = max(iri.rfind("#"), iri.rfind("/"))
    return iri[:cut + 1]


def _distribution(d: NamedNode, dist: Distribution) -> list[Triple]:
    size, sha256 = dist.facts()
    url = NamedNode(dist.url) if dist.url else NamedNode(Path(dist.path).resolve().as_uri())
    node = NamedNode(f"{d.value}/distribution/{Path(dist.path).name}")
    checksum = NamedNode(node.value + "#sha256")
    triples = [
        Triple(d, DCAT.distribution, node),
        Triple(node, RDF.type, DCAT.Distribution),
        Triple(node, DCT.title, Literal(Path(dist.path).name)),
        Triple(node, DCAT.downloadURL, url),
        Triple(d, VOID.dataDump, url),
        Triple(node, DCAT.mediaType, NamedNode(IANA + MEDIA_TYPES[dist.fmt])),
        Triple(node, DCAT.byteSize, Literal(str(size), datatype=XSD.nonNegativeInteger)),
        Triple(node, DCT.license, ETALAB_LICENCE),
        Triple(node, SPDX.checksum, checksum),
        Triple(checksum, RDF.type, SPDX.Checksum),
        Triple(checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha256),
        Triple(checksum, SPDX.checksumValue, Literal(sha256, datatype=XSD.hexBinary)),
    ]
    if dist.gzip:
        triples.append(Triple(node, DCAT.compressFormat, GZIP_MEDIA_TYPE))
    return triples


def write(triples: list[Triple], output: IO[bytes] | str | os.PathLike, fmt: str = "turtle") -> None:
    """Write a description in Turtle (default), N-Triples, RDF/XML or JSON-LD."""
    if fmt not in FORMATS:
        raise FormatError(f"unknown description format {fmt!r} (one of {', '.join(FORMATS)})")
    if isinstance(output, os.PathLike):
        output = os.fspath(output)
    prefixes = DESCRIPTION_PREFIXES if fmt in ("turtle", "rdfxml") else None
    serialize(triples, output, FORMATS[fmt], prefixes=prefixes)


def void_turtle(store: GraphStore, **options) -> bytes:
    """The description of the store as Turtle bytes (what ``/.well-known/void`` serves)."""
    return serialize(describe(store, **options), None, RdfFormat.TURTLE, prefixes=DESCRIPTION_PREFIXES)


def default_description_path(dump: str | os.PathLike) -> Path:
    """Where ``export --describe`` puts the description of ``dump`` by default: ``<dump>.void.ttl``."""
    return Path(f"{os.fspath(dump)}.void.ttl")



def describe_dump(dist: Distribution, *, subset: str | None = None, **options) -> list[Triple]:
    """The description of what one dump file holds (for a subset export), counted on a temporary store.

    The dump is bulk-loaded into a store on disk in a temporary folder (removed afterwards), so that the
    counts are those of the file and memory stays bounded; triples without a graph go to the dataset's graph.
    """
    rdf_format = DATASET_FORMATS.get(dist.fmt) or GRAPH_FORMATS[dist.fmt]
    with tempfile.TemporaryDirectory(prefix="hemicycle-describe-") as folder:
        temporary = GraphStore(Path(folder) / "store")
        opener = gzip.open if dist.gzip else open
        with opener(dist.path, "rb") as stream:
            temporary.store.bulk_load(stream, rdf_format, to_graph=dataset_iri(options.get("minter")))
        temporary.store.flush()
        description = describe(temporary, distributions=[dist], subset=subset, **options)
        del temporary  # closes the store before its folder is removed
        return description
