"""Times the linked-data pages on a store: the HTML page and the Turtle description of the heaviest resource of
each kind (the question citing most, a transferred question, the deputy with most questions, the ministry most
attributed, the group with most questions, the organ with most mandates, the most cited decision or text, the
biggest rubrique, an ingest run), through the application in process (Starlette's TestClient: the query worker
processes are real, the HTTP socket is not).

    python benchmarks/bench_pages.py STORE [--runs 5]

Prints the median of ``--runs`` requests for each, after one request that starts the workers. Build a store with
``hemicycle ingest --store STORE PATH`` (for example the synthetic legislature of ``make_legislature.py``).
"""
from __future__ import annotations

import argparse
import platform
import statistics
import time
from pathlib import Path

from pyoxigraph import Store

HM = "https://w3id.org/hemicycle/ontology#"
PREFIXES = (f"PREFIX hm: <{HM}> PREFIX dcterms: <http://purl.org/dc/terms/> "
            "PREFIX org: <http://www.w3.org/ns/org#> PREFIX prov: <http://www.w3.org/ns/prov#>\n")
PICKS = {
    "question citing most": "SELECT ?r (COUNT(*) AS ?n) WHERE { ?r hm:hasQuestionText/hm:hasCitation ?o } "
                            "GROUP BY ?r ORDER BY DESC(?n) LIMIT 1",
    "transferred question": "SELECT ?r WHERE { ?r hm:hasTransfer ?t } LIMIT 1",
    "deputy, most questions": "SELECT ?r (COUNT(*) AS ?n) WHERE { ?q dcterms:creator ?r } GROUP BY ?r "
                              "ORDER BY DESC(?n) LIMIT 1",
    "ministry, most attributed": "SELECT ?r (COUNT(*) AS ?n) WHERE { ?q hm:ministryAttributed ?r } GROUP BY ?r "
                                 "ORDER BY DESC(?n) LIMIT 1",
    "group, most questions": "SELECT ?r (COUNT(*) AS ?n) WHERE { ?q hm:authorGroup ?r } GROUP BY ?r "
                             "ORDER BY DESC(?n) LIMIT 1",
    "organ, most mandates": "SELECT ?r (COUNT(*) AS ?n) WHERE { ?m org:organization ?r } GROUP BY ?r "
                            "ORDER BY DESC(?n) LIMIT 1",
    "most cited decision/text": "SELECT ?r (COUNT(*) AS ?n) WHERE { ?o hm:cites ?r } GROUP BY ?r "
                                "ORDER BY DESC(?n) LIMIT 1",
    "biggest rubrique": "SELECT ?r (COUNT(*) AS ?n) WHERE { ?q hm:rubrique ?r } GROUP BY ?r "
                        "ORDER BY DESC(?n) LIMIT 1",
    "ingest run": "SELECT ?r WHERE { ?r a prov:Activity } LIMIT 1",
}


def pick(store_path: Path) -> dict[str, str]:
    """The IRI of each kind's heaviest resource in the store (kinds the store lacks are left out)."""
    store = Store.read_only(str(store_path))
    found = {}
    for label, query in PICKS.items():
        rows = list(store.query(PREFIXES + query, use_default_graph_as_union=True))
        if rows:
            found[label] = rows[0][0].value
    return found


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("store", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)

    from starlette.testclient import TestClient

    from hemicycle.queries.web.app import create_app
    from hemicycle.queries.web.linked_data import server_path

    picked = pick(args.store)
    app = create_app(args.store, query_timeout=60.0)
    base = app.state.minter.base
    print(f"store {args.store}; Python {platform.python_version()}; median of {args.runs} requests")
    print(f"{'resource':28} {'HTML':>9} {'Turtle':>9}  path")
    with TestClient(app) as client:
        client.get(server_path(next(iter(picked.values())), base))  # starts the workers
        for label, iri in picked.items():
            path = server_path(iri, base)
            medians = []
            for suffix in ("", ".ttl"):
                times = []
                for _ in range(args.runs):
                    started = time.perf_counter()
                    response = client.get(path + suffix)
                    times.append(time.perf_counter() - started)
                    if response.status_code != 200:
                        raise SystemExit(f"{path}{suffix}: {response.status_code} {response.text[:200]}")
                medians.append(statistics.median(times) * 1000)
            print(f"{label:28} {medians[0]:6.0f} ms {medians[1]:6.0f} ms  {path}")


if __name__ == "__main__":
    main()
