"""The real-prose development set: decisions annotated by hand in whole texts of ../shared/data/legal
(tests/fixtures/citations/prose/, scored by benchmarks/eval_citations.py --prose), and every decision the
extractor finds in every text of the corpus, judged (benchmarks/legal_prose.py). Skipped when the corpus is not
beside the project."""
from __future__ import annotations

import pytest

from support import shared


@pytest.fixture(scope="module")
def prose():
    shared("legal")
    import legal_prose  # benchmarks/ is on the tests' path (pyproject.toml)

    return legal_prose


@pytest.fixture(scope="module")
def scored(prose):
    import eval_citations

    return eval_citations, eval_citations.evaluate(prose.rows())


def test_the_set_is_as_large_as_asked(prose):
    """At least 40 texts, 300 decision citations (those of courts out of scope included) and 100 negatives; every
    span is found in its text, and every text is the version that was read (rows() raises otherwise)."""
    rows = prose.rows()
    decisions = sum(len(r["citations"]) for r in rows)
    assert len({r["id"] for r in rows}) >= 40
    assert decisions >= 250 and decisions + sum(len(r["out_of_scope"]) for r in rows) >= 300
    assert sum(len(r["negatives"]) for r in rows) >= 100
    for row in rows:
        for item in row["citations"] + row["negatives"] + row["out_of_scope"]:
            assert row["text"][item["start"]:item["end"]] == item["text"]


def test_a_changed_text_is_reported_not_misread(prose, tmp_path):
    line = (prose.PROSE / "CADA.jsonl").read_text(encoding="utf-8").split("\n")[0]
    changed = tmp_path / "CADA.jsonl"
    changed.write_text(line.replace('"sha256": "', '"sha256": "0'), encoding="utf-8")
    with pytest.raises(prose.AnnotationError, match="changed since it was annotated"):
        prose.rows([changed])


def test_precision_and_recall_on_real_prose(scored):
    """Regression floors on the hand-annotated prose (the goals and the figures: benchmarks/RESULTS.md)."""
    ev, result = scored
    tally = result["tally"]
    assert ev.rates(tally["decision"])[0] >= 0.98
    assert ev.rates(tally["decision:formal"])[1] >= 0.95
    assert ev.rates(tally["decision:informal"])[1] >= 0.80
    assert result["traps"][0] >= 100 and result["traps"][1] <= 2


def test_no_identifier_without_its_parts_on_real_prose(scored):
    _, result = scored
    assert result["wrong_ecli"] == 0
    assert result["unsupported"] == []


def test_every_decision_found_in_the_corpus_is_judged(prose):
    result = prose.corpus_pass()
    verdicts = [p["verdict"] for p in result["found"]]
    assert "unread" not in verdicts, [p for p in result["found"] if p["verdict"] == "unread"][:5]
    right, wrong = verdicts.count("right"), verdicts.count("wrong")
    assert right >= 200 and right / (right + wrong) >= 0.98


def test_texts_of_law_found_in_real_prose_are_right(prose):
    """200 texts of law found in the corpus, judged by reading: those still found where and as they were judged
    are right at least 98 times in 100."""
    laws = prose.laws_pass()
    assert laws["judged"] == 200 and laws["still found"] >= 180
    assert laws["right"] / laws["still found"] >= 0.98
