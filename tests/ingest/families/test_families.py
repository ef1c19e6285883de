"""Families: what is grouped and what is not, and ids that stay when members come."""
from __future__ import annotations

from datetime import date

import pytest

from hemicycle.ingest.families import Parameters, TemplateIndex, TextRecord, find_families, from_question
from hemicycle.ingest.records.model import Author, Constituency, JournalRef, Publication, Question
from support.templates import DOCTORS, WOLF, bridge, record, scores


def day(month: int, dom: int = 1) -> date:
    return date(2025, month, dom)


def wolf_family() -> list[TextRecord]:
    return [record("QANR5L17QE12", WOLF, 0, day(1, 7)), record("QANR5L17QE30", WOLF, 1, day(1, 14), added=True),
            record("QANR5L17QE31", WOLF, 2, day(1, 21), drop="Beaucoup")]


def doctors_family() -> list[TextRecord]:
    return [record("QANR5L17QE90", DOCTORS, 3, day(3, 4)), record("QANR5L17QE95", DOCTORS, 4, day(3, 11), added=True)]


def test_a_template_copied_under_other_names_is_one_family():
    families = find_families(wolf_family() + doctors_family())
    assert [(f.id, f.uids) for f in families] == [
        ("TQ-QANR5L17QE12", ("QANR5L17QE12", "QANR5L17QE30", "QANR5L17QE31")),
        ("TQ-QANR5L17QE90", ("QANR5L17QE90", "QANR5L17QE95"))]
    wolves = families[0]
    assert wolves.earliest.similarity == 1.0 and all(0.6 < m.similarity < 1.0 for m in wolves.members[1:])
    assert wolves.earliest.date == day(1, 7) and wolves.earliest.author_uid == "PA0" and wolves.corpus == "question"


def test_the_planted_families_of_the_synthetic_legislature_are_found(legislature):
    questions, answers, truth = legislature
    for records, planted, corpus in ((questions, truth["families"], "question"),
                                     (answers, truth["answer_families"], "answer")):
        precision, recall = scores(find_families(records, corpus), planted)
        assert precision >= 0.98 and recall >= 0.95, (corpus, precision, recall)


def test_texts_that_share_only_their_formulas_make_no_family():
    from templates_data import formulas_only

    assert find_families(formulas_only(1500)) == []
    assert find_families(formulas_only(1500, seed=2, own_sentence=True)) == []


def test_a_short_text_is_never_grouped_not_even_with_its_copies():
    text = "M. Jean Martin interroge M. le ministre de l'intérieur sur les effectifs de police à Besançon."
    records = [TextRecord(f"Q{i}", text.replace("Jean Martin", name), author_name=name)
               for i, name in enumerate(["Jean Martin", "Paul Durand", "Luc Moreau"])]
    assert find_families(records) == []
    assert find_families(records, params=Parameters(min_common=1))  # what the minimum is there for


def test_exact_copies_are_grouped_with_a_similarity_of_one():
    copies = [record(f"QANR5L17QE{n}", WOLF, n % 3, day(2, n)) for n in range(1, 6)]
    [family] = find_families(copies)
    assert family.uids == tuple(f"QANR5L17QE{n}" for n in range(1, 6))
    assert {m.similarity for m in family.members} == {1.0}


def test_answers_have_ids_of_their_own():
    [family] = find_families(doctors_family(), corpus="answer")
    assert family.id == "TA-QANR5L17QE90" and family.corpus == "answer"


def test_the_earliest_member_is_the_first_by_date_then_number():
    records = [record("QANR5L17QE100", WOLF, 0, day(1, 7)), record("QANR5L17QE99", WOLF, 1, day(1, 7)),
               record("QANR5L17QE7", WOLF, 2, None)]
    [family] = find_families(records)
    assert family.uids == ("QANR5L17QE99", "QANR5L17QE100", "QANR5L17QE7")  # the undated one last


# --- ids that stay --------------------------------------------------------------------------------------------------


def test_a_family_keeps_its_id_when_a_member_is_added(tmp_path):
    index = TemplateIndex.open(tmp_path / "index")
    index.add(wolf_family() + doctors_family())
    before = {f.id: f.uids for f in index.families()}
    index = TemplateIndex.open(tmp_path / "index")
    report = index.add([record("QANR5L17QE140", WOLF, 3, day(2, 3), drop="Les chiens")])
    assert report.added == 1 and report.confirmed >= 1
    after = {f.id: f.uids for f in index.families()}
    assert set(after) == set(before) and after["TQ-QANR5L17QE12"] == before["TQ-QANR5L17QE12"] + ("QANR5L17QE140",)
    assert index.aliases == {}


def test_an_earlier_member_gives_the_family_its_uid_and_the_old_id_becomes_an_alias(tmp_path):
    index = TemplateIndex.open(tmp_path / "index")
    index.add(wolf_family())
    index.add([record("QANR5L16QE2000", WOLF, 4, date(2024, 5, 2))])  # a past question, ingested late
    [family] = index.families()
    assert family.id == "TQ-QANR5L16QE2000" and family.uids[1:] == tuple(r.uid for r in wolf_family())
    assert TemplateIndex.open(tmp_path / "index").aliases == {"TQ-QANR5L17QE12": "TQ-QANR5L16QE2000"}


def test_two_families_joined_by_a_text_take_the_id_of_the_one_that_began_first(tmp_path):
    index = TemplateIndex.open(tmp_path / "index")
    index.add(wolf_family() + doctors_family())
    index.add([bridge("QANR5L17QE200", day(4, 1))])
    [family] = index.families()
    assert family.id == "TQ-QANR5L17QE12" and len(family) == 6
    assert index.aliases == {"TQ-QANR5L17QE90": "TQ-QANR5L17QE12"}
    # and an alias of an alias points to the live id
    index.add([record("QANR5L16QE1", WOLF, 5, date(2024, 1, 2))])
    assert index.aliases == {"TQ-QANR5L17QE90": "TQ-QANR5L16QE1", "TQ-QANR5L17QE12": "TQ-QANR5L16QE1"}


def test_the_same_ids_whatever_the_order_the_texts_come_in():
    records = wolf_family() + doctors_family() + [bridge("QANR5L17QE200", day(4, 1))]
    forward = [(f.id, f.members) for f in find_families(records)]
    assert [(f.id, f.members) for f in find_families(records[::-1])] == forward


# --- records ----------------------------------------------------------------------------------------------------------


def test_a_question_record_gives_its_texts_author_and_constituency():
    question = Question(
        "QANR5L14QE47351", "QE", 47351, 14,
        author=Author("PA923", group_short_label="LES-REP", civility="M.", first_name="François",
                      last_name="Cornut-Gentille", constituency=Constituency("52", "Haute-Marne", 2)),
        question_texts=(Publication(1, "M. François Cornut-Gentille interroge…", JournalRef(date=date(2014, 1, 7))),),
        answers=(Publication(1, "Les données…", JournalRef(date=date(2014, 3, 4))),))
    asked, answered = from_question(question), from_question(question, "answer")
    assert (asked.author_name, asked.constituency, asked.group, asked.date) == (
        "François Cornut-Gentille", "Haute-Marne (2e circonscription)", "LES-REP", date(2014, 1, 7))
    assert answered.text == "Les données…" and answered.date == date(2014, 3, 4)
    assert asked.place_names() == ("Haute-Marne (2e circonscription)", "Haute-Marne")
    with pytest.raises(ValueError):
        from_question(question, "both")


def test_the_estimate_sets_aside_no_pair_the_exact_check_would_confirm(legislature, monkeypatch):
    """Candidates estimated far below the threshold are not checked exactly: checking them all changes nothing."""
    questions, answers, _ = legislature
    expected = [[(f.id, f.members) for f in find_families(texts, corpus)]
                for texts, corpus in ((questions, "question"), (answers, "answer"))]
    monkeypatch.setattr("hemicycle.ingest.families.detect.MARGIN", 1.0)
    assert [[(f.id, f.members) for f in find_families(texts, corpus)]
            for texts, corpus in ((questions, "question"), (answers, "answer"))] == expected
