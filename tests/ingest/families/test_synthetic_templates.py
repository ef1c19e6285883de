"""The synthetic legislature's templated questions (``make_legislature.py --templated RATE``): opt-in, planted
with edits, listed in the manifest; and the detector's accuracy on a larger legislature (slow)."""
from __future__ import annotations

import json

import pytest

from hemicycle.ingest.families import find_families
from support.templates import scores


def records(count: int, seed: int, rate: float = 0.0) -> dict[str, dict]:
    from synthetic.legislature import Legislature

    return dict(Legislature(count, seed, rate).questions())


def test_templated_questions_change_only_the_members_texts():
    plain, templated = records(400, 3), records(400, 3, 0.15)
    from synthetic.legislature import Legislature

    legislature = Legislature(400, 3, 0.15)
    members = {f"QANR5L17QE{n}" for family in legislature.templates.families for n in family}
    assert 0.13 * 400 <= len(members) <= 0.17 * 400
    assert list(plain) == list(templated)
    for uid, record in plain.items():
        other = templated[uid]["question"]
        mine = record["question"]
        if uid not in members:
            assert other["textesQuestion"] == mine["textesQuestion"]
        assert {k: v for k, v in other.items() if k not in ("textesQuestion", "textesReponse")} == {
            k: v for k, v in mine.items() if k not in ("textesQuestion", "textesReponse")}


def test_the_copies_differ_in_names_places_and_edits():
    from synthetic.legislature import Legislature

    legislature = Legislature(2000, 7, 0.1)
    texts = {uid: r["question"]["textesQuestion"]["texteQuestion"]["texte"] for uid, r in legislature.questions()}
    family = max(legislature.templates.families, key=len)
    copies = [texts[f"QANR5L17QE{n}"] for n in family]
    assert len(set(copies)) == len(copies) > 2  # no two copies alike: each has its author at least
    assert len({len(text) for text in copies}) > 1  # sentences added or dropped


def test_the_manifest_lists_the_planted_families_and_only_when_asked(tmp_path):
    from synthetic.writing import generate

    plain = generate(150, 4, tmp_path / "plain", quiet=True)
    templated = generate(150, 4, tmp_path / "templated", quiet=True, templated=0.2)
    assert "templated" not in plain and "templated" not in json.loads((tmp_path / "plain" / "legislature.json").read_text())
    truth = json.loads((tmp_path / "templated" / "legislature.json").read_text())["templated"]
    assert truth == templated["templated"] and truth["rate"] == 0.2
    members = [uid for family in truth["families"] for uid in family]
    assert len(members) == len(set(members)) == truth["members"] and all(len(f) >= 2 for f in truth["families"])


@pytest.mark.slow
def test_precision_and_recall_on_twenty_thousand_questions():
    from templates_data import synthetic

    questions, answers, truth = synthetic(20_000, 17, 0.05)
    for texts, planted, corpus in ((questions, truth["families"], "question"),
                                   (answers, truth["answer_families"], "answer")):
        precision, recall = scores(find_families(texts, corpus), planted)
        assert precision >= 0.98 and recall >= 0.95, (corpus, precision, recall)
