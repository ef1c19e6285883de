"""The real texts of ../shared/data/an, none of them templated: no family among them but a real shared answer
(skipped when the data is absent)."""
from __future__ import annotations

import pytest

from hemicycle.ingest.families import find_families
from support import real_data

pytestmark = pytest.mark.real_data

UKRAINE = [f"QANR5L16QG{n}" for n in range(500, 510)]
#: a line of the Prime Minister's answer to the ten questions of the sitting of 1 February 2023 on Ukraine
ANSWER = "Première ministre. Il y a près d'un an, la Russie lançait une offensive contre l'Ukraine"


@pytest.fixture(scope="module")
def texts():
    real_data("questions")
    from templates_data import real

    return real()


def test_no_family_among_the_real_question_texts(texts):
    questions, _ = texts
    assert len(questions) == 2 and find_families(questions) == []


def test_the_only_family_among_the_real_answers_is_one_answer_published_for_ten_questions(texts):
    """The records of the ten questions to the Government asked on Ukraine on 1 February 2023 each hold the whole
    sitting's transcript for their question: the question, then the Prime Minister's one answer to all ten. That
    answer is the same text ten times, which is what the detector finds: a family, not a false one."""
    _, answers = texts
    assert len(answers) == 641
    [family] = find_families(answers, "answer")
    assert family.id == "TA-QANR5L16QG500" and list(family.uids) == UKRAINE
    by_uid = {record.uid: record.text for record in answers}
    assert all(ANSWER in by_uid[uid] for uid in family.uids)
    assert all(0.55 < member.similarity < 0.7 for member in family.members[1:])
    # and it is the only text the ten share: without it, they make no family
    without = [record for record in answers if record.uid not in UKRAINE]
    assert find_families(without, "answer") == []


# --- the seed question (XVIIth, n° 15973, shipped with the package: its fixture is in conftest.py) -----------------


def test_the_seed_question_copied_by_another_deputy_is_a_family_and_alone_is_none(seed, texts):
    from dataclasses import replace

    copy = replace(seed, uid="QANR5L17QE16100", author_uid="PA1", author_name="Sophie Le Goff",
                   constituency="Finistère (3e circonscription)",
                   text=seed.text.replace("M. Guillaume Gouffier Valente", "Mme Sophie Le Goff").replace(
                       "M. le député", "Mme la députée").replace("Il l'interroge", "Elle l’interroge"))
    questions, _ = texts
    assert find_families([*questions, seed]) == []
    [family] = find_families([*questions, seed, copy])
    assert family.uids == (seed.uid, copy.uid) and family.members[1].similarity == 1.0
