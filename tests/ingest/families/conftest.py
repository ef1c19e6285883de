"""Fixtures of the template detector's tests; the texts they use are in ``tests/support/templates.py``."""
from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def legislature():
    """The question texts, answer texts and planted families of 3,000 synthetic questions, 10 % templated
    (``benchmarks/templates_data.py``)."""
    from templates_data import synthetic

    return synthetic(3000, 5, 0.1)


@pytest.fixture(scope="session")
def seed():
    """The seed question n° 15973 of the shipped sample, with its author's name and constituency."""
    from pathlib import Path

    import hemicycle.ingest
    from hemicycle.ingest.families import from_question
    from hemicycle.ingest.sources import SourceRecord, read_file, sha256_of

    path = Path(hemicycle.ingest.__file__).parent / "sample" / "questions" / "QANR5L17QE15973.json"
    [item] = [item for item in read_file(path, sha256_of(path)) if isinstance(item, SourceRecord)]
    return from_question(item.record, author_name="Guillaume Gouffier Valente",
                         constituency="Val-de-Marne (6e circonscription)")
