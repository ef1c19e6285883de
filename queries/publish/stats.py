"""What the store holds, in numbers."""
from __future__ import annotations

from hemicycle.ingest.store import GraphStore
from hemicycle.ontology.terms import FOAF, HM, ORG, SKOS
from hemicycle.queries import catalog

COUNTED = [
    ("written questions", HM.WrittenQuestion),
    ("questions to the government", HM.GovernmentQuestion),
    ("oral questions", HM.OralQuestion),
    ("answers", HM.Answer),
    ("persons", FOAF.Person),
    ("mandates", ORG.Membership),
    ("organs", ORG.Organization),
    ("political groups", HM.PoliticalGroup),
    ("ministries", HM.Ministry),
    ("unresolved ministries", HM.UnresolvedMinistry),
    ("constituencies", HM.Constituency),
    ("concepts", SKOS.Concept),
    ("ingest runs", HM.IngestRun),
]


def stats(store: GraphStore) -> list[tuple[str, int]]:
    """``(what, count)`` rows: quads, named graphs, then entities by class."""
    rows = [("quads", len(store)), ("named graphs", sum(1 for _ in store.store.named_graphs()))]
    return rows + [(label, _entities(store, cls)) for label, cls in COUNTED]


def _entities(store: GraphStore, cls) -> int:
    """Distinct resources of the class in the union of the graphs (one query a class: no row when it is 0)."""
    query = catalog.publish_query("class-entity-count")
    row = next(iter(store.query(query.text, substitutions=query.substitutions({"class": cls.value}))), None)
    return int(row["n"].value) if row is not None else 0
