"""Shared test helpers: where the real Assemblée nationale data lives, and fresh stores."""
from __future__ import annotations

from pathlib import Path

import pytest

from hemicycle.ingest.pipeline import Ingester
from hemicycle.ingest.store import GraphStore

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
