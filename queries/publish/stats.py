"""What the store holds, in numbers."""
from __future__ import annotations

from hemicycle.ingest.store import GraphStore
from hemicycle.ontology.terms import FOAF, HM, ORG, SKOS

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
    values = " ".join(f'("{label}" {cls})' for label, cls in COUNTED)
    query = f"SELECT ?what (COUNT(DISTINCT ?x) AS ?n) WHERE {{ VALUES (?what ?class) {{ {values} }} ?x a ?class }} GROUP BY ?what"
    counts = {row["what"].value: int(row["n"].value) for row in store.query(query)}
    rows = [("quads", len(store)), ("named graphs", sum(1 for _ in store.store.named_graphs()))]
    return rows + [(label, counts.get(label, 0)) for label, _ in COUNTED]
