"""The extractor on a labelled set nobody here wrote: the decisions of ../shared/data/legal, cited as the databases
print them, with the records' own metadata as answers (benchmarks/legal_titles.py, scored by
benchmarks/eval_citations.py). Skipped when the corpus is not beside the project."""
from __future__ import annotations

import pytest

from support import shared


@pytest.fixture(scope="module")
def scored():
    import eval_citations  # benchmarks/ is on the tests' path (pyproject.toml)
    import legal_titles

    rows = legal_titles.cases(shared("legal"))
    if not rows:
        pytest.skip("no record of ../shared/data/legal is read by benchmarks/legal_titles.py")
    return rows, eval_citations.evaluate(rows), eval_citations.rates


def test_the_set_is_labelled_from_the_records(scored):
    rows, _, _ = scored
    cited = [c for r in rows for c in r["citations"]]
    assert len(cited) >= 400 and sum(1 for r in rows if not r["citations"]) >= 100
    assert {r["source"] for r in rows} >= {"CASS", "Judilibre", "CouncilState", "CE-Fiscal", "ConseilConstitutionnel"}
    for row in rows:
        for c in row["citations"]:
            assert row["text"][c["start"]:c["end"]] == c["text"]
            assert c["court"] and (c.get("numbers") or c.get("ecli")), row["id"]


def test_no_identifier_the_title_does_not_support(scored):
    """No ECLI but the record's, and only where the title states it or all its parts (a Cour de cassation ECLI
    gives no pourvoi number nor date; an ordonnance of a chamber's president, no ECLI code)."""
    _, result, _ = scored
    assert result["wrong_ecli"] == 0, [e for e in result["errors"] if e[1] == "WRONG ECLI"][:10]


def test_titles_that_cite_nothing_give_nothing(scored):
    _, result, _ = scored
    negatives, with_a_citation = result["negatives"]
    assert negatives >= 100 and with_a_citation == 0, [e for e in result["errors"] if e[1] == "spurious"][:10]


def test_every_source_and_court_is_read(scored):
    _, result, rates = scored
    for bucket, tally in result["tally"].items():
        if bucket.startswith(("source:", "layout:", "decision:")) and tally[0] + tally[2]:
            precision, recall = rates(tally)
            assert precision == 1.0 and recall >= 0.98, (bucket, tally)
    found = result["tally"]["decision"]
    assert found[3] / (found[0] + found[2]) >= 0.97, [e for e in result["errors"] if e[1].startswith("field")][:10]
