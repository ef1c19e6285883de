"""Shared test helpers: where the real Assemblée nationale data lives, and fresh stores."""
from __future__ import annotations

from pathlib import Path

import pytest

from decimal import Decimal

from pyoxigraph import Literal, NamedNode

from hemicycle.ingest.pipeline import Ingester
from hemicycle.ingest.store import GraphStore
from hemicycle.queries import catalog

from browser import browser, page  # noqa: F401  (fixtures: a real headless chromium)

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = ROOT.parent / "shared" / "data"
AN_DATA = SHARED_DATA / "an"
FIXTURES = ROOT / "tests" / "fixtures"


def real_data(*parts: str) -> Path:
    """A file of ../shared/data/an, or a skip saying why the test cannot run."""
    path = AN_DATA.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"real Assemblée nationale data not found at {path} (../shared/data/an beside the project)")
    return path


@pytest.fixture
def store(tmp_path) -> GraphStore:
    """A fresh on-disk store."""
    return GraphStore(tmp_path / "store")


def ingest(store: GraphStore, *paths, **options):
    """Ingest paths into the store quietly, collecting rejections instead of printing them."""
    rejected = []
    report = Ingester(store, progress=False, on_rejection=rejected.append, **options).run(paths)
    return report


# --- named-query helpers shared by the query tests ---------------------------------------------------------

B = "https://w3id.org/hemicycle/id/"


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
    query = catalog.get(name)
    solutions = store.query(query.text, substitutions=query.substitutions(params))
    names = [v.value for v in solutions.variables]
    return [tuple(value(row[n]) for n in names) for row in solutions], names


def columns(store, name, wanted, **params):
    rows, names = run(store, name, **params)
    return [tuple(row[names.index(c)] for c in wanted) for row in rows]
