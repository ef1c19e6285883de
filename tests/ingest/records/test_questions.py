"""The question adapters (ingest/questions.py, ingest/legacy.py) on real files and on every reported variant."""
from __future__ import annotations

import copy
import json
import zipfile
from datetime import date
from pathlib import Path

import pytest

from hemicycle.ingest import sources
from hemicycle.ingest.records import xmltools
from hemicycle.ingest.records.legacy import question_from_legacy
from hemicycle.ingest.records.questions import question_from_dict
from hemicycle.ingest.records.model import JournalRef, MinistryRef, Question, Rejection, SourceRecord
from hemicycle.ontology.errors import RecordError

from support import FIXTURES, real_data

QUESTION_FIXTURES = FIXTURES / "questions"


def real(name: str) -> Path:
    """A real file of the Assemblée's questions in ../shared/data/an, or a skip saying where it was expected."""
    return real_data("questions", name)


def read(file: Path) -> list:
    return list(sources.read_file(file, "sha"))


# --- real files ----------------------------------------------------------------------------------------

def test_qe_5268_of_the_xviith_every_field():
    body = json.loads(real("QANR5L17QE5268.json").read_text(encoding="utf-8"))["question"]
    q = question_from_dict(body)
    assert (q.uid, q.kind, q.number, q.legislature) == ("QANR5L17QE5268", "QE", 5268, 17)
    assert q.regime == "5eme République"
    assert q.rubrique == "commerce et artisanat"
    assert q.tete_analyse is None
    assert q.analyses == ("Révision de la terminologie des diamants synthétiques",)
    assert (q.author.person_uid, q.author.mandate_uid, q.author.group_uid) == ("PA721764", "PM843416", "PO845407")
    assert (q.author.group_short_label, q.author.group_label) == ("EPR", "Ensemble pour la République")
    assert q.author.constituency is None and q.author.last_name is None
    assert q.ministry_questioned.organ_uid == "PO855083"
    assert q.ministry_questioned.short_label.startswith("Économie, finances")
    assert len(q.attributions) == 1
    attribution = q.attributions[0]
    assert attribution.order == 1 and attribution.ministry.organ_uid == "PO855083"
    assert attribution.journal == JournalRef(journal_type="JO_QUESTION", date=date(2025, 3, 25))
    (text,) = q.question_texts
    assert text.journal == JournalRef("JO_QUESTION", date(2025, 3, 25), 1958, "20250012")
    assert "<em>" not in text.text and "laboratory-grown diamond" in text.text
    assert text.text.startswith("Mme Olivia Grégoire interroge")
    (answer,) = q.answers
    assert answer.journal == JournalRef("JO_QUESTION", date(2025, 6, 3), 4348, "20250022")
    assert answer.text.startswith("À la suite de la sollicitation")
    assert "n°\xa02002-65" in answer.text
    assert q.closure.code == "REP_PUB" and q.closure.label == "Réponse publiée"
    assert q.closure.date == date(2025, 6, 3) and q.closure.journal.page == 4348
    assert q.signalements == () and q.renewals == ()
    assert (q.deposit_date, q.answer_date) == (date(2025, 3, 25), date(2025, 6, 3))


def test_qe_5268_through_the_sources():
    items = read(real("QANR5L17QE5268.json"))
    assert [type(i) for i in items] == [SourceRecord]
    assert items[0].record.uid == "QANR5L17QE5268"


def test_all_639_qg_of_the_xvith_zip():
    zip_path = real("l16-questions-gouvernement-1-639.json.zip")
    errors, questions = [], []
    with zipfile.ZipFile(zip_path) as archive:
        for name in archive.namelist():
            if name.endswith("/"):
                continue
            try:
                questions.append(question_from_dict(json.loads(archive.read(name))["question"]))
            except RecordError as error:
                errors.append(f"{name}: {error}")
    assert errors == []
    assert len(questions) == 639
    assert sorted(q.number for q in questions) == list(range(1, 640))
    assert len({q.author.person_uid for q in questions}) == 453
    for q in questions:
        assert q.kind == "QG" and q.legislature == 16 and q.uid == f"QANR5L16QG{q.number}"
        assert q.question_texts == ()  # QG have no question text
        assert q.ministry_questioned.organ_uid is None and q.ministry_questioned.label
        assert q.attributions[0].ministry.organ_uid is None and q.attributions[0].ministry.short_label
        assert len(q.answers) == 1 and q.answers[0].text and "<" not in q.answers[0].text
        assert q.closure.code == "REP_PUB" and q.answer_date is not None
        assert q.deposit_date == q.attributions[0].journal.date  # falls back to the attribution
    # One real record has a page that is not a number: the page is dropped, the question kept.
    (odd,) = [q for q in questions if q.number == 565]
    assert odd.closure.journal.page is None and odd.closure.journal.date == date(2023, 2, 15)
    # And the same zip through the dispatcher.
    items = read(zip_path)
    assert [i for i in items if not isinstance(i, SourceRecord)] == []
    assert len(items) == 639 and all(i.origin.member.startswith("json/") for i in items)


def test_legacy_xivth_question():
    file = real("q14_14-47351QE.xml")
    q = question_from_legacy(xmltools.parse(file.read_bytes()))
    assert (q.uid, q.kind, q.number, q.legislature) == ("QANR5L14QE47351", "QE", 47351, 14)
    author = q.author
    assert (author.person_uid, author.mandate_uid, author.group_uid) == ("PA923", "PM645363", "PO707869")
    assert (author.civility, author.first_name, author.last_name) == ("M.", "François", "Cornut-Gentille")
    assert (author.group_short_label, author.group_label) == ("LES-REP", "Les Républicains")
    c = author.constituency
    assert (c.department, c.department_code, c.number) == ("Haute-Marne", "52", 2)
    assert c.region == "Alsace - Champagne-Ardenne - Lorraine"
    assert (q.rubrique, q.tete_analyse) == ("défense", "équipements")
    assert q.analyses == ("équipements militaires", "vieillissement", "bilan")
    assert q.ministry_questioned == MinistryRef("PO653280", "Défense", "Ministère de la défense")
    assert [(a.order, a.ministry.organ_uid, a.journal.date) for a in q.attributions] == [
        (1, "PO653280", date(2014, 1, 7)), (2, "PO700737", date(2014, 4, 3))]
    assert q.attributions[1].journal.journal_type == "JO_LOI_DECRET"
    assert q.attributions[1].journal.issue is None  # <NUMERO_JO/> is an absence
    (text,) = q.question_texts
    assert text.text.startswith("M. François Cornut-Gentille interroge M. le ministre de la défense")
    assert text.journal == JournalRef("JO_QUESTION", date(2014, 1, 7), 18, "20140001")
    (renewal,) = q.renewals
    assert renewal.date == date(2014, 4, 15) and renewal.journal.issue == "20140015"
    assert q.signalements == ()  # <SIGNALEMENT> with empty children
    (answer,) = q.answers
    assert answer.journal == JournalRef("JO_QUESTION", date(2014, 5, 13), 3858, "20140019")
    assert answer.text.startswith("Les données relatives aux équipements du génie")
    for cell in ("TYPE DE MATÉRIEL", "AMX30B2 DT", "VAB Génie 314 302", "pas de marché", "194\xa0588"):
        assert cell in answer.text
    assert "<" not in answer.text and "DEBTAB" not in answer.text and "&#160;" not in answer.text
    assert "des matériels\n(en années)" in answer.text  # <br>…</br> closes with a line break
    assert q.closure.code == "REP_PUB" and q.closure.label == "Réponse publiée"
    assert q.closure.date == date(2014, 5, 13)
    assert (q.deposit_date, q.answer_date) == (date(2014, 1, 7), date(2014, 5, 13))
    items = read(file)
    assert [type(i) for i in items] == [SourceRecord] and items[0].record == q


# --- hand-written fixtures: the XML per-record form and the XIVth dumps ---------------------------------

def test_xml_per_record_form():
    element = xmltools.parse((QUESTION_FIXTURES / "QANR5L17QE13382.xml").read_bytes())
    q = question_from_dict(xmltools.to_dict(element))
    assert (q.uid, q.kind, q.number, q.legislature) == ("QANR5L17QE13382", "QE", 13382, 17)
    assert q.tete_analyse is None and q.analyses == ("Vignes et vins", "Arrachage")
    (text,) = q.question_texts
    assert text.text == ("M. Guillaume Gouffier Valente interroge Mme la ministre de l'agriculture sur l'arrachage "
                         "des vignes et le cœur de la filière.")  # prefix stripped, tags and entities gone
    assert text.journal == JournalRef("JO_QUESTION", date(2026, 3, 10), 2104, "20260010")
    assert [(a.order, a.ministry.organ_uid) for a in q.attributions] == [(1, "PO900001"), (2, "PO900002")]
    assert q.attributions[0].journal == JournalRef("JO_QUESTION", date(2026, 3, 10))
    assert q.answers == () and q.closure is None
    (signalement,) = q.signalements
    assert signalement.date == date(2026, 5, 12) and signalement.journal.date == date(2026, 5, 19)
    (renewal,) = q.renewals
    assert renewal.date == date(2026, 6, 16) and renewal.journal.issue == "20260024"
    items = read(QUESTION_FIXTURES / "QANR5L17QE13382.xml")
    assert [type(i) for i in items] == [SourceRecord] and items[0].record == q


@pytest.mark.parametrize("name", ["Questions_ecrites_XIV_sample.xml", "Questions_ecrites_XIV_sample.json"])
def test_xivth_single_file_dumps(name):
    items = read(QUESTION_FIXTURES / name)
    assert [type(i) for i in items] == [SourceRecord, SourceRecord], [str(i) for i in items]
    first, second = (i.record for i in items)
    assert items[0].origin.member == "question[1]" and items[1].origin.member == "question[2]"
    assert (first.uid, second.uid) == ("QANR5L14QE47351", "QANR5L14QE90001")
    assert first.analyses == ("équipements militaires", "vieillissement", "bilan")
    assert first.ministry_questioned == MinistryRef(None, "Défense", "Ministère de la défense")
    assert first.deposit_date == date(2014, 1, 7) and first.answer_date == date(2014, 5, 13)
    assert first.answers[0].text == "Les données figurent dans le tableau suivant :\nVAB Génie 314"
    assert first.renewals[0].date == date(2014, 4, 15) and first.signalements == ()
    assert second.question_texts[0].text.endswith("le cœur du parcours de soins.")
    assert second.answers == () and second.closure is None
    assert second.signalements[0].date == date(2015, 9, 15)
    assert second.signalements[0].journal == JournalRef("JO_QUESTION", date(2015, 9, 22), 7120, "20150038")


def test_xivth_dumps_xml_and_json_agree():
    from_xml = [i.record for i in read(QUESTION_FIXTURES / "Questions_ecrites_XIV_sample.xml")]
    from_json = [i.record for i in read(QUESTION_FIXTURES / "Questions_ecrites_XIV_sample.json")]
    assert from_xml == from_json


# --- variants, as inline dicts ---------------------------------------------------------------------------

BASE = {
    "uid": "QANR5L15QE100",
    "identifiant": {"numero": "100", "regime": "5eme R\ufffdpublique", "legislature": "15"},
    "type": "QE",
    "indexationAN": {"rubrique": "santé", "teteAnalyse": None, "ANALYSE": {"ANA": "hôpitaux"}},
    "auteur": {"identite": {"acteurRef": "PA1", "mandatRef": "PM2"},
               "groupe": {"organeRef": "PO3", "abrege": "LR", "developpe": "Les Républicains"}},
    "minInt": {"abrege": "Santé", "developpe": "Ministère de la santé"},
    "minAttribs": {"minAttrib": [
        {"infoJO": {"typeJO": "JO_QUESTION", "dateJO": "05/09/2017"},
         "denomination": {"abrege": "Santé", "developpe": "Ministère de la santé"}},
        {"infoJO": {"typeJO": "JO_QUESTION", "dateJO": "12/12/2017"},
         "denomination": {"abrege": "Travail", "developpe": "Ministère du travail"}},
    ]},
    "textesQuestion": {"texteQuestion": {"infoJO": {"typeJO": "JO_QUESTION", "dateJO": "05/09/2017",
                                                    "pageJO": "4321", "numJO": "20170036"},
                                         "texte": "Mme X interroge sur le <em>c&#339;ur</em> du sujet."}},
    "textesReponse": None,
    "cloture": {"codeCloture": "REP_PUB", "libelleCloture": "Réponse publiée", "dateCloture": "30/01/2018",
                "infoJO": {"typeJO": "JO_QUESTION", "dateJO": "30/01/2018", "pageJO": "700"}},
    "signalement": None,
    "renouvellements": None,
}


def variant(**changes) -> dict:
    body = copy.deepcopy(BASE)
    body.update(changes)
    return body


def test_xvth_variants():
    q = question_from_dict(variant())
    assert q.regime == "5eme République"  # the broken accent mended
    assert q.analyses == ("hôpitaux",)
    assert q.ministry_questioned == MinistryRef(None, "Santé", "Ministère de la santé")
    assert [(a.order, a.ministry.short_label, a.journal.date) for a in q.attributions] == [
        (1, "Santé", date(2017, 9, 5)), (2, "Travail", date(2017, 12, 12))]  # a transfer, in source order
    assert q.question_texts[0].text == "Mme X interroge sur le cœur du sujet."
    assert q.question_texts[0].journal.page == 4321
    assert q.closure.date == date(2018, 1, 30) and q.answers == ()
    assert q.deposit_date == date(2017, 9, 5) and q.answer_date is None


def test_text_wrappers_and_nil_markers():
    q = question_from_dict(variant(
        uid={"#text": " QANR5L15QE100 "},
        type={"#text": "QE"},
        indexationAN={"rubrique": {"#text": "santé"}, "teteAnalyse": {"@xsi:nil": "true"},
                      "analyses": {"analyse": [{"#text": "a"}, {"@xsi:nil": "true"}, None, "b"]}},
        minInt={"@xsi:nil": "true"},
        textesQuestion={"@xsi:nil": "true"},
        cloture={"@xsi:nil": "true"},
    ))
    assert q.uid == "QANR5L15QE100" and q.kind == "QE"
    assert (q.rubrique, q.tete_analyse, q.analyses) == ("santé", None, ("a", "b"))
    assert q.ministry_questioned is None and q.question_texts == () and q.closure is None
    bare = question_from_dict({"uid": "QANR5L16QOSD12", "identifiant": {"numero": "12", "legislature": "16"},
                               "type": "QOSD"})
    assert (bare.kind, bare.author, bare.attributions, bare.closure) == ("QOSD", None, (), None)


def test_upper_case_indexing_spellings():
    q = question_from_dict(variant(indexationAN={"RUBRIQUE": "défense", "TETE_ANALYSE": "armée",
                                                 "ANALYSE": [{"ANA": "a"}, {"ANA": ["b", "c"]}]}))
    assert (q.rubrique, q.tete_analyse, q.analyses) == ("défense", "armée", ("a", "b", "c"))
    q = question_from_dict(variant(indexationAN={"rubrique": "x", "analyses": {"ANA": "d"}}))
    assert q.analyses == ("d",)


def test_iso_and_dmy_dates_give_the_same_record():
    dmy = question_from_dict(variant())
    iso = copy.deepcopy(BASE)
    iso["cloture"]["dateCloture"] = "2018-01-30T00:00:00.000+01:00"
    iso["cloture"]["infoJO"]["dateJO"] = "2018-01-30"
    for item, day in zip(iso["minAttribs"]["minAttrib"], ("2017-09-05", "2017-12-12")):
        item["infoJO"]["dateJO"] = day
    iso["textesQuestion"]["texteQuestion"]["infoJO"]["dateJO"] = "2017-09-05"
    assert question_from_dict(iso) == dmy


def test_signalements_and_renewals_in_every_shape():
    jo = {"typeJO": "JO_QUESTION", "dateJO": "2018-02-06", "pageJO": "800", "numJO": "6"}
    one = question_from_dict(variant(signalement={"dateDepotSignal": "2018-01-30", "infoJO": jo}))
    assert [(s.order, s.date, s.journal.page, s.journal.issue) for s in one.signalements] == [
        (1, date(2018, 1, 30), 800, "20180006")]  # a bare issue number gets its year
    several = question_from_dict(variant(signalement=[{"infoJO": jo}, {"dateDepotSignal": None, "infoJO": None},
                                                      {"dateDepotSignal": "2018-03-01"}]))
    assert [(s.order, s.date) for s in several.signalements] == [(1, date(2018, 2, 6)), (2, date(2018, 3, 1))]
    contained = question_from_dict(variant(signalement=None, signalements={"signalement": {"infoJO": jo}}))
    assert contained.signalements[0].date == date(2018, 2, 6)
    renewals = question_from_dict(variant(renouvellements={"renouvellement": [
        {"infoJO": jo}, {"dateRenouvellement": "2018-05-02", "infoJO": {"typeJO": "JO_QUESTION"}}]}))
    assert [(r.order, r.date) for r in renewals.renewals] == [(1, date(2018, 2, 6)), (2, date(2018, 5, 2))]


def test_unknown_closure_codes_are_kept():
    q = question_from_dict(variant(cloture={"codeCloture": "FIN_MANDAT", "libelleCloture": "Fin de mandat",
                                            "dateCloture": "2017-06-20"}))
    assert (q.closure.code, q.closure.label, q.closure.date, q.closure.journal) == (
        "FIN_MANDAT", "Fin de mandat", date(2017, 6, 20), None)


def test_kind_and_numbers_fall_back_on_the_uid():
    q = question_from_dict({"uid": "QANR5L16QG287"})
    assert (q.kind, q.number, q.legislature) == ("QG", 287, 16)


# --- failures name the field ------------------------------------------------------------------------------

def _with(path_: list, raw) -> dict:
    body = variant()
    target = body
    for key in path_[:-1]:
        target = target[key]
    target[path_[-1]] = raw
    return body


@pytest.mark.parametrize("body, message", [
    (_with(["cloture", "dateCloture"], "31/02/2024"), "cloture.dateCloture: '31/02/2024' is not a possible date"),
    (_with(["type"], "QX"), "type: 'QX' is not a known question kind"),
    (_with(["identifiant", "numero"], "douze"), "identifiant.numero: 'douze' is not a whole number"),
    (_with(["identifiant", "legislature"], "XV"), "identifiant.legislature: 'XV' is not a whole number"),
    (_with(["uid"], None), "uid: missing"),
    (_with(["uid"], {"@xsi:nil": "true"}), "uid: missing"),
    (_with(["uid"], "QANR5L15QE100/../x"), "uid: 'QANR5L15QE100/../x' is not an Assemblée uid"),
    (_with(["minAttribs", "minAttrib", 1, "infoJO", "dateJO"], "2017-13-01"),
     "minAttribs.minAttrib[2].infoJO.dateJO: '2017-13-01' is not a possible date"),
    (_with(["cloture", "infoJO", "dateJO"], "le 3 mai"), "cloture.infoJO.dateJO: 'le 3 mai' is not a date"),
    (_with(["textesQuestion", "texteQuestion", "texte"], {"p": "x"}),
     "textesQuestion.texteQuestion[1].texte: expected a value"),
    (_with(["cloture"], [{"codeCloture": "REP_PUB"}]), "cloture: expected an object, found list"),
    (_with(["auteur", "identite", "acteurRef"], ["PA1", "PA2"]), "auteur.identite.acteurRef: expected a value"),
])
def test_errors_name_the_field(body, message):
    with pytest.raises(RecordError) as caught:
        question_from_dict(body)
    assert str(caught.value).startswith(message), str(caught.value)


def test_rejections_through_the_sources(tmp_path):
    bad = tmp_path / "QANR5L15QE100.json"
    bad.write_text(json.dumps({"question": _with(["identifiant", "numero"], "douze")}), encoding="utf-8")
    (item,) = read(bad)
    assert isinstance(item, Rejection) and item.uid == "QANR5L15QE100"
    assert item.reason.startswith("identifiant.numero: 'douze'")


LEGACY = """<?xml version="1.0" encoding="UTF-8"?>
<QUESTION TYPE="{kind}"><LEGISLATURE>14</LEGISLATURE>
<DEPOT NUMERO="{number}"><DATE_JO>07/01/2014</DATE_JO><PAGE_JO>18</PAGE_JO><NUMERO_JO>1</NUMERO_JO></DEPOT>
<AUTEUR ID_MANDAT="645363"><ID_ACTEUR>{actor}</ID_ACTEUR></AUTEUR>
<MINA><ORDRE NUMERO="2"><ID_MINA>700737</ID_MINA><DATE_JO>{date}</DATE_JO></ORDRE>
<ORDRE NUMERO="1"><ID_MINA>653280</ID_MINA><DATE_JO>07/01/2014</DATE_JO></ORDRE></MINA>
<SIGNALEMENT><DATE_JO>18/03/2014</DATE_JO><DATE_DEPOT_SIGNAL>11/03/2014</DATE_DEPOT_SIGNAL><TYPE_JO>JO_QUESTION</TYPE_JO>
<NUMERO_JO>11</NUMERO_JO></SIGNALEMENT>
<CLOTURE><ABREGE>RET</ABREGE><LIBELLE>Retirée</LIBELLE><DATE_JO/></CLOTURE>
</QUESTION>"""


def legacy(**changes) -> Question:
    fields = {"kind": "QE", "number": "5", "actor": "923", "date": "03/04/2014", **changes}
    return question_from_legacy(xmltools.parse(LEGACY.format(**fields).encode()))


def test_legacy_variants():
    q = legacy()
    assert [(a.order, a.ministry.organ_uid) for a in q.attributions] == [(1, "PO653280"), (2, "PO700737")]
    (signalement,) = q.signalements
    assert signalement.date == date(2014, 3, 11)
    assert signalement.journal == JournalRef("JO_QUESTION", date(2014, 3, 18), None, "20140011")
    assert (q.closure.code, q.closure.label, q.closure.date) == ("RET", "Retirée", None)
    (text,) = q.question_texts  # no TEXTE_DEPOT: the deposit's JO is kept, without a text
    assert text.text is None and text.journal.page == 18
    assert q.deposit_date == date(2014, 1, 7)
    assert legacy(actor="PA923").author.person_uid == "PA923"


@pytest.mark.parametrize("changes, message", [
    ({"kind": "QZ"}, "QUESTION@TYPE: 'QZ' is not a known question kind"),
    ({"number": "47351bis"}, "DEPOT@NUMERO: '47351bis' is not a whole number"),
    ({"actor": "abc"}, "AUTEUR/ID_ACTEUR: 'abc' is not a numeric id"),
    ({"date": "31/04/2014"}, "MINA/ORDRE[1]/DATE_JO: '31/04/2014' is not a possible date"),
])
def test_legacy_errors_name_the_field(changes, message):
    with pytest.raises(RecordError) as caught:
        legacy(**changes)
    assert str(caught.value).startswith(message), str(caught.value)
