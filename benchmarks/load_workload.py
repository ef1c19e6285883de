"""The requests of ``bench_load.py``: what the store holds, the normal clients' sequence and the hostile client's
requests."""
from __future__ import annotations

import random
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

from bench_server import HM

BASE = "https://w3id.org/hemicycle/id/"
DCTERMS = "http://purl.org/dc/terms/"
JSON_RESULTS = "application/sparql-results+json"
RUNAWAY_QUERY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
ROWS_QUERY = "SELECT * WHERE {{ ?s ?p ?o }} LIMIT {n}"
# the normal request mix: kind -> weight
WEIGHTS = {"point": 4, "card": 2, "construct": 2, "page": 2,
           "rows-10k": 2, "rows-60k": 1, "rows-250k": 1, "rows-1m": 1}
ROW_TARGETS = {"rows-10k": 10_000, "rows-60k": 60_000, "rows-250k": 250_000, "rows-1m": 1_000_000}
NESTING = 5000
HUGE_QUERY_CHARS = 1_000_000
HUGE_ACCEPT_BYTES = 8 * 2**20


@dataclass(frozen=True)
class Req:
    kind: str
    method: str
    path: str
    params: tuple = ()
    headers: tuple = ()
    content: bytes | None = None


def read_store(store: Path, seed: int, sample: int = 200) -> dict:
    """Real IRIs of the store (questions, deputies, organs) and the LIMIT of each rows request, read in process
    before the server starts."""
    import pyoxigraph

    db = pyoxigraph.Store.read_only(str(store))
    try:
        def column(text: str, name: str) -> list[str]:
            return sorted({row[name].value for row in db.query(text, use_default_graph_as_union=True)})

        questions = column(f"SELECT ?uid WHERE {{ ?q <{DCTERMS}identifier> ?uid ; <{HM}kindCode> ?k }}", "uid")
        deputies = column(f"SELECT DISTINCT ?a WHERE {{ ?q <{HM}kindCode> ?k ; <{DCTERMS}creator> ?a }}", "a")
        organs = column(f"SELECT DISTINCT ?o WHERE {{ ?q <{HM}kindCode> ?k . {{ ?q <{HM}ministryAttributed> ?o }} "
                        f"UNION {{ ?q <{HM}authorGroup> ?o }} }}", "o")
        if not organs:
            organs = column("SELECT ?o WHERE { ?o a <http://www.w3.org/ns/org#Organization> } LIMIT 1000", "o")
        if not questions:
            raise SystemExit(f"{store}: no questions in this store; build it from the real data")

        def json_size(n: int) -> int:
            return len(db.query(ROWS_QUERY.format(n=n), use_default_graph_as_union=True).serialize(
                format=pyoxigraph.QueryResultsFormat.JSON))

        limits = {}
        for kind, target in ROW_TARGETS.items():  # the smallest LIMIT whose JSON reaches the target
            low, high = 0, 16
            while json_size(high) < target and high < 10_000_000:
                low, high = high, high * 2
            while high - low > 1:
                middle = (low + high) // 2
                low, high = (middle, high) if json_size(middle) < target else (low, middle)
            limits[kind] = high
    finally:
        db = None  # the store closed before the server opens it (the helpers above are done with it)
    rng = random.Random(seed)
    pick = lambda values: sorted(rng.sample(values, min(sample, len(values))))  # noqa: E731
    return {"questions": pick(questions), "deputies": pick(deputies), "organs": pick(organs), "limits": limits,
            "counts": {"questions": len(questions), "deputies": len(deputies), "organs": len(organs)}}


def make_request(kind: str, rng: random.Random, found: dict) -> Req:
    json_accept = (("accept", JSON_RESULTS),)
    if kind == "point":
        pool = rng.choice([p for p in ("questions", "deputies", "organs") if found[p]])
        iri = rng.choice(found[pool])
        iri = BASE + "question/" + iri if pool == "questions" else iri
        return Req(kind, "GET", "/sparql", (("query", f"SELECT ?p ?o WHERE {{ <{iri}> ?p ?o }}"),), json_accept)
    if kind in ROW_TARGETS:
        return Req(kind, "GET", "/sparql", (("query", ROWS_QUERY.format(n=found["limits"][kind])),), json_accept)
    uid = rng.choice(found["questions"])
    if kind == "card":
        return Req(kind, "GET", "/api/queries/question-card", (("question", f"{BASE}question/{uid}"),), json_accept)
    if kind == "construct":
        query = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{BASE}graph/{uid}> {{ ?s ?p ?o }} }}"
        return Req(kind, "GET", "/sparql", (("query", query),), (("accept", "text/turtle"),))
    if kind == "page":
        return Req(kind, "GET", "/id/question/" + urllib.parse.quote(uid), (), (("accept", "text/html"),))
    raise ValueError(kind)


def sequence(found: dict, seed: int, count: int) -> list[Req]:
    """``count`` normal requests drawn with the seed, the same for every scenario and concurrency."""
    rng = random.Random(seed)
    kinds, weights = list(WEIGHTS), list(WEIGHTS.values())
    return [make_request(rng.choices(kinds, weights)[0], rng, found) for _ in range(count)]


def hostile_requests() -> list[Req]:
    nested = "SELECT * WHERE " + "{" * NESTING + " ?s ?p ?o " + "}" * NESTING
    iris, size, i = [], 0, 0
    while size < HUGE_QUERY_CHARS - 200:
        iri = f"<urn:hemicycle-load:{i:08d}>"
        iris.append(iri)
        size += len(iri) + 1
        i += 1
    huge = f"SELECT ?s ?p ?o WHERE {{ VALUES ?s {{ {' '.join(iris)} }} ?s ?p ?o }}"
    item = "application/sparql-results+json;q=0.9, "
    accept = (item * (HUGE_ACCEPT_BYTES // len(item) + 1))[:HUGE_ACCEPT_BYTES].rstrip(", ;")
    return [Req("nested", "GET", "/sparql", (("query", nested),), (("accept", JSON_RESULTS),)),
            Req("huge-query", "POST", "/sparql", (), (("content-type", "application/sparql-query"),
                                                      ("accept", JSON_RESULTS)), huge.encode()),
            Req("huge-accept", "GET", "/sparql", (("query", "ASK { ?s ?p ?o }"),), (("accept", accept),))]

