"""Fixtures every wing's tests use: a fresh store, the store built from the shipped sample; the markers.

Markers (``pytest -m "not slow"`` is the fast suite; docs/testing.md):
``slow`` takes more than a few seconds; ``browser`` drives a real headless chromium; ``real_data`` reads
``../shared/data`` and skips without it; ``external`` needs what the virtual environment does not give (mounting
a tmpfs as root, a program outside Python).
"""
from __future__ import annotations

from pathlib import Path

import pytest

from hemicycle.ingest.store import GraphStore
from support import SHARED_DATA, ingest


@pytest.fixture
def store(tmp_path) -> GraphStore:
    """A fresh on-disk store."""
    return GraphStore(tmp_path / "store")


@pytest.fixture(scope="session")
def sample_store_path(tmp_path_factory) -> Path:
    """A store folder built once per session from the sample shipped with hemicycle, with its search index, as
    ``hemicycle ingest --sample`` builds it (closed after the build)."""
    from hemicycle.ingest.search.build import refresh
    from hemicycle.ingest.search.index import index_path
    from hemicycle.queries.cli import sample_path

    path = tmp_path_factory.mktemp("sample") / "store"
    built = GraphStore(path)
    ingest(built, sample_path())
    built.store.flush()
    refresh(built, index_path(path), progress=False)
    del built
    return path


# A test reads the real data when its function, or a fixture it uses, names one of these (support.py's helpers and
# paths): it is marked real_data, so that `pytest -m "not real_data"` runs what needs nothing beside the project.
_REAL_DATA_NAMES = {"real_data", "shared", "real", "AN_DATA", "SHARED_DATA"}


def _names(function) -> set[str]:
    code = getattr(function, "__code__", None)
    if code is None:
        return set()
    names = set(code.co_names)
    for const in code.co_consts:  # nested functions and lambdas
        if hasattr(const, "co_names"):
            names |= set(const.co_names)
    return names


def pytest_collection_modifyitems(items):
    for item in items:
        names = _names(getattr(item, "function", None))
        for definitions in getattr(getattr(item, "_fixtureinfo", None), "name2fixturedefs", {}).values():
            for definition in definitions:
                names |= _names(definition.func)
        if names & _REAL_DATA_NAMES or _names_a_shared_path(item.module, names):
            item.add_marker(pytest.mark.real_data)


def _names_a_shared_path(module, names: set[str]) -> bool:
    """Whether one of the names is a module constant holding a path inside ../shared/data (``L16_ZIP = ...``)."""
    for name in names:
        value = getattr(module, name, None)
        if isinstance(value, Path) and value.is_relative_to(SHARED_DATA):
            return True
    return False
