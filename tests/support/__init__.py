"""Helpers the tests share (not fixtures: those are in the conftest.py files).

Where the real data lives and how a test that needs it skips; a quiet ingest; the IRIs of the fixture graphs;
named queries run to plain Python values.
"""
from __future__ import annotations

import copy
import json
from decimal import Decimal
from pathlib import Path

import pytest
from pyoxigraph import Literal, NamedNode

from hemicycle.ingest.pipeline import Ingester
from hemicycle.ingest.store import GraphStore
from hemicycle.queries import catalog
from hemicycle.queries.cli import sample_path
from hemicycle.queries.names import store_latest

ROOT = Path(__file__).resolve().parents[2]
SHARED_DATA = ROOT.parent / "shared" / "data"
AN_DATA = SHARED_DATA / "an"
FIXTURES = ROOT / "tests" / "fixtures"


def shared(*parts: str) -> Path:
    """A file or folder of ../shared/data, or a skip saying why the test cannot run."""
    path = SHARED_DATA.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"real data not found at {path} (../shared/data beside the project)")
    return path


def real_data(*parts: str) -> Path:
    """A file or folder of ../shared/data/an (the Assemblée nationale's records), or a skip saying why."""
    return shared("an", *parts)


def ingest(store: GraphStore, *paths, **options):
    """Ingest paths into the store quietly: rejections are not printed (the report lists them)."""
    return Ingester(store, progress=False, on_rejection=lambda rejection: None, **options).run(paths)


# --- the IRIs of the fixture graphs, and named queries run to plain values ----------------------------------

B = "https://w3id.org/hemicycle/id/"


def a(uid):
    return B + "acteur/" + uid


def q(uid):
    return B + "question/" + uid


def o(uid):
    return B + "organe/" + uid


def value(term):
    """A result term as a plain Python value (IRIs as strings, numbers as int or float, dates as ISO strings)."""
    if term is None:
        return None
    if isinstance(term, NamedNode):
        return term.value
    if isinstance(term, Literal):
        datatype = term.datatype.value
        if datatype.endswith("#integer"):
            return int(term.value)
        if datatype.endswith(("#decimal", "#double", "#float")):
            number = Decimal(term.value)
            return int(number) if number == number.to_integral_value() else float(round(number, 2))
        if datatype.endswith("#boolean"):
            return term.value == "true"
        return term.value
    return str(term)


def run(store, name, **params):
    """A named query's rows (tuples of plain values) and its column names."""
    query = catalog.get(name)
    solutions = store.query(query.text, substitutions=query.substitutions(params, latest=store_latest(store)))
    names = [v.value for v in solutions.variables]
    return [tuple(value(row[n]) for n in names) for row in solutions], names


def columns(store, name, wanted, **params):
    """A named query's rows, only the ``wanted`` columns, in that order."""
    rows, names = run(store, name, **params)
    return [tuple(row[names.index(c)] for c in wanted) for row in rows]


# --- records in the official JSON form, derived from the seed question ----------------------------------------

P = """
PREFIX hm: <https://w3id.org/hemicycle/ontology#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""
BASE = B
SEED_JSON = sample_path() / "questions" / "QANR5L17QE15973.json"


def question_record(number: int = 90001, *, ministry: dict | None = None, day: str = "2026-06-16",
                    answered: bool = False, closure: dict | None = None) -> dict:
    """A written question of the XVIIth in the official JSON form, derived from the seed question."""
    record = json.loads(SEED_JSON.read_text(encoding="utf-8"))
    q = record["question"]
    q["uid"] = f"QANR5L17QE{number}"
    q["identifiant"]["numero"] = str(number)
    q["textesQuestion"]["texteQuestion"]["infoJO"]["dateJO"] = day
    q["minAttribs"]["minAttrib"]["infoJO"]["dateJO"] = day
    if ministry is not None:
        q["minInt"] = copy.deepcopy(ministry)
        q["minAttribs"]["minAttrib"]["denomination"] = copy.deepcopy(ministry)
    if answered:
        q["textesReponse"] = {"texteReponse": {
            "infoJO": {"typeJO": "JO_QUESTION", "dateJO": "2026-08-25", "pageJO": "7000", "numJO": None,
                       "urlLegifrance": None, "referenceNOR": None},
            "texte": "Le Gouvernement a pris des mesures."}}
        q["cloture"] = {"codeCloture": "REP_PUB", "libelleCloture": "Réponse publiée",
                        "dateCloture": "2026-08-25", "infoJO": None}
    if closure is not None:
        q["cloture"] = closure
    return record


def ministry_record(uid: str, label: str, short: str, start: str, end: str | None = None) -> dict:
    return {"organe": {"uid": uid, "codeType": "MINISTERE", "libelle": label, "libelleEdition": None,
                       "libelleAbrege": short, "libelleAbrev": None,
                       "viMoDe": {"dateDebut": start, "dateAgrement": None, "dateFin": end},
                       "organeParent": None, "legislature": None}}


def write_json(path: Path, record: dict) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    return path


def count(store: GraphStore, where: str) -> int:
    return int(next(iter(store.query(P + f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}")))["n"].value)


# a ministry named without an id, as the XVth's records name them
INTERIOR = {"abrege": "Intérieur", "developpe": "Ministère de l'intérieur"}


def real_store_client(folder: Path):
    """A TestClient over a store built in ``folder`` from every real file of ../shared/data/an, and the store
    opened read-only for checking what the server says (a generator: the client stops after it). Skips, saying
    why, when the data is absent."""
    from starlette.testclient import TestClient

    from hemicycle.queries.web.app import create_app

    real_data()
    path = folder / "store"
    built = GraphStore(path)
    ingest(built, AN_DATA)
    built.store.flush()
    del built
    with TestClient(create_app(path, query_timeout=60.0)) as client:
        yield client, GraphStore(path, read_only=True)


def sparql_prefixes() -> str:
    """The project's prefixes as the PREFIX lines of a query (hm:, dcterms:, foaf:, org:, skos:…)."""
    from hemicycle.ontology.terms import PREFIXES

    return "".join(f"PREFIX {prefix}: <{iri}>\n" for prefix, iri in PREFIXES.items())
