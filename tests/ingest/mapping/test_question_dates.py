"""A date for every question, and ministries named without an id resolved on it, counted by legislature and cause.

``tests/fixtures/fifteenth/`` holds hand-made records in the XVth's forms: questions to the Government with no
question text, a ``minAttrib`` that has only a ``denomination``, ``DD/MM/YYYY`` dates, ``ANALYSE/ANA`` and the
broken ``regime`` accent (per-record JSON, and one per-record XML); an oral question withdrawn before its sitting
(only its closure dates it); a withdrawn question with no date at all; a written question with its text. The
organs of the same run: "Ministère des solidarités et de la santé" (PO9501, from 2017-06-22), "Culture" borne by
two organs at once (PO9502, PO9503), "Ministère de la mer" only from July 2020 (PO9504), and no organ at all for
"Ministère des rapatriés".
"""
from __future__ import annotations

import doctest
import zipfile
from collections import Counter
from datetime import date

import pytest

from hemicycle.ingest import pipeline, sources
from hemicycle.ingest.mapping import ministries
from hemicycle.ingest.records import model as records
from hemicycle.ingest.mapping.ministries import MinistryResolver, Resolution
from hemicycle.ingest.pipeline import IngestReport, Ingester
from hemicycle.ingest.store import GraphStore
from hemicycle.queries.publish.validate import validate

from support import FIXTURES, columns, ingest, o, q
from support import INTERIOR, question_record, write_json

FIFTEENTH = FIXTURES / "fifteenth"
P = """
PREFIX hm: <https://w3id.org/hemicycle/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""

# uid -> (date, basis, what its two ministry links (minInt, minAttrib) resolve to: an organ, or the cause)
EXPECTED = {
    "QANR5L15QG9501": (date(2019, 3, 13), "sitting", "PO9501"),
    "QANR5L15QG9502": (date(2019, 1, 16), "sitting", "several"),
    "QANR5L15QG9503": (date(2019, 2, 13), "sitting", "not on the date"),
    "QANR5L15QG9504": (date(2019, 3, 20), "sitting", "no organ"),
    "QANR5L15QG9505": (None, None, "no date"),
    "QANR5L15QOSD9506": (date(2019, 2, 5), "closure", "PO9501"),
    "QANR5L15QE9507": (date(2018, 9, 4), "deposit", "PO9501"),
    "QANR5L15QG9508": (date(2019, 6, 4), "sitting", "PO9501"),
}


def fixture_questions():
    found = {}
    for file in sorted((FIFTEENTH / "questions").iterdir()):
        for item in sources.read_file(file, "0" * 64, sources.all_but_amo, None, sources.MAX_RECORD_SIZE):
            found[item.record.uid] = item.record
    return found


@pytest.fixture(scope="module")
def fifteenth(tmp_path_factory):
    store = GraphStore(tmp_path_factory.mktemp("fifteenth") / "store")
    report = ingest(store, FIFTEENTH / "amo", FIFTEENTH / "questions")
    assert [str(r) for r in report.rejections] == []
    return store, report


# ---- the date rule, on the records ----

def test_doctests():
    for module in (records, ministries, pipeline):
        assert doctest.testmod(module).failed == 0, module.__name__


def test_fixtures_are_in_the_fifteenth_forms():
    questions = fixture_questions()
    assert set(questions) == set(EXPECTED)
    for question in questions.values():
        assert question.legislature == 15 and question.regime == "5eme République"
        assert question.analyses
        assert question.kind == "QE" or not question.question_texts
        assert all(a.journal is None and a.ministry.organ_uid is None for a in question.attributions)
    assert questions["QANR5L15QG9502"].analyses == ("Patrimoine", "Restauration")
    assert questions["QANR5L15QG9508"].analyses == ("Urgences", "Personnels")  # the XML form


@pytest.mark.parametrize("uid", EXPECTED)
def test_every_question_gets_the_date_of_the_rule(uid):
    question = fixture_questions()[uid]
    day, basis, _ = EXPECTED[uid]
    assert question.dating == (day, basis)
    assert (question.deposit_date, question.deposit_date_basis) == (day, basis)


def test_the_rule_in_order():
    from hemicycle.ingest.records.model import Attribution, Closure, JournalRef, MinistryRef, Publication, Question

    def jo(day):
        return JournalRef(date=day)

    text = Publication(1, "texte", jo(date(2019, 1, 2)))
    attribution = Attribution(1, MinistryRef(label="Culture"), jo(date(2019, 1, 3)))
    undated = Attribution(1, MinistryRef(label="Culture"))
    answer = Publication(1, "réponse", jo(date(2019, 1, 4)))
    closure = Closure("REP_PUB", "Réponse publiée", date(2019, 1, 5))

    def dating(kind, **parts):
        return Question(f"QANR5L15{kind}1", kind, 1, 15, **parts).dating

    full = dict(question_texts=(text,), attributions=(attribution,), answers=(answer,), closure=closure)
    assert dating("QE", **full) == (date(2019, 1, 2), "deposit")
    assert dating("QG", **{**full, "question_texts": ()}) == (date(2019, 1, 3), "attribution")
    rest = {**full, "question_texts": (), "attributions": (undated,)}
    assert dating("QG", **rest) == (date(2019, 1, 4), "sitting")
    assert dating("QOSD", **rest) == (date(2019, 1, 4), "sitting")
    assert dating("QE", **rest) == (date(2019, 1, 5), "closure")  # a written answer does not date a QE
    assert dating("QG", closure=Closure("X", "Retirée", None, jo(date(2019, 1, 6)))) == (date(2019, 1, 6), "closure")
    assert dating("QG", attributions=(undated,)) == (None, None)


# ---- the resolver: outcomes, never a wrong link ----

def test_resolver_says_why():
    resolver = MinistryResolver()
    resolver.add("PO1", "Ministère de la culture", "Culture", date(2017, 6, 22), date(2020, 7, 6))
    resolver.add("PO2", "Ministère de la Culture", "Culture", date(2018, 10, 16), date(2020, 7, 6))
    resolver.add("PO3", "Ministère de la culture et de la communication", "Culture", date(2017, 5, 17),
                 date(2017, 6, 21))
    assert resolver.match("Ministère de la culture", "Culture", date(2018, 1, 5)) == Resolution("PO1", "resolved")
    # two organs bear the full label on the day: unresolved, and the short label is not tried
    assert resolver.match("Ministère de la culture", "Culture", date(2019, 1, 16)) == Resolution(None, "several")
    assert resolver.match(None, "Culture", date(2017, 6, 1)) == Resolution("PO3", "resolved")
    assert resolver.match("Ministère de la culture", None, date(2016, 1, 1)) == Resolution(None, "not on the date")
    assert resolver.match("Ministère des rapatriés", "Rapatriés", date(2019, 1, 1)) == Resolution(None, "no organ")
    assert resolver.match("Ministère de la culture", None, None) == Resolution(None, "no date")
    resolver.count(15, "resolved")
    resolver.count(15, "several")
    resolver.count(16, "resolved")
    assert (resolver.resolved, resolver.unresolved) == (2, 1)


# ---- the graph ----

def _values(store, subject: str, prop: str) -> list[str]:
    return sorted(r["v"].value for r in store.query(P + f"SELECT ?v WHERE {{ <{subject}> {prop} ?v }}"))


@pytest.mark.parametrize("uid", EXPECTED)
def test_the_graph_holds_the_date_and_its_basis(fifteenth, uid):
    store, _ = fifteenth
    day, basis, outcome = EXPECTED[uid]
    assert _values(store, q(uid), "hm:depositDate") == ([day.isoformat()] if day else [])
    assert _values(store, q(uid), "hm:depositDateBasis") == ([basis] if basis else [])
    questioned = _values(store, q(uid), "hm:ministryQuestioned")
    attributed = _values(store, q(uid), "hm:hasAttribution/hm:ministry")
    assert len(questioned) == len(attributed) == 1
    for ministry in questioned + attributed:
        if outcome.startswith("PO"):
            assert ministry == o(outcome)
        else:  # never a wrong link: the label stays an unresolved node
            assert "/ministere-non-resolu/" in ministry, (uid, ministry)
            assert store.query(P + f"ASK {{ <{ministry}> a hm:UnresolvedMinistry ; skos:prefLabel ?l }}")


def test_delays_run_from_a_date_the_question_was_asked(fifteenth):
    store, _ = fifteenth
    assert _values(store, q("QANR5L15QG9501"), "hm:answerDelayDays") == ["0"]  # asked and answered in one sitting
    assert _values(store, q("QANR5L15QE9507"), "hm:answerDelayDays") == ["98"]
    assert _values(store, q("QANR5L15QOSD9506"), "hm:answerDelayDays") == []  # dated by its closure only
    assert _values(store, q("QANR5L15QOSD9506"), "hm:status") == ["https://w3id.org/hemicycle/ontology#Withdrawn"]


def test_shapes_report_no_violation(fifteenth):
    store, _ = fifteenth
    report = validate(store)
    assert [v for v in report.violations if v.severity == "Violation"] == [], report.text(limit=20)


# ---- the report: by legislature and cause ----

FIFTEENTH_COUNTS = {(15, "resolved"): 8, (15, "several"): 2, (15, "not on the date"): 2, (15, "no organ"): 2,
                    (15, "no date"): 2}


def test_report_counts_by_legislature_and_cause(fifteenth):
    _, report = fifteenth
    assert dict(report.ministry_resolutions) == FIFTEENTH_COUNTS
    assert (report.ministries_resolved, report.ministries_unresolved) == (8, 8)
    assert report.resolution_rate == 0.5
    assert report.resolutions_by_legislature() == {15: Counter({"resolved": 8, "several": 2, "not on the date": 2,
                                                                "no organ": 2, "no date": 2})}
    summary = report.summary()
    assert "unresolved ministries 8, " in summary
    assert ("ministries by name resolved 8/16 (50.0%) [XVth 8/16 (no organ bears the label: 2, none bears it on "
            "the date: 2, several organs bear it: 2, no date: 2)], ") in summary


def test_summary_lists_each_legislature_in_order(tmp_path):
    store = GraphStore(tmp_path / "store")
    folder = tmp_path / "data"
    write_json(folder / "QANR5L17QE90001.json", question_record(90001, ministry=INTERIOR))
    report = ingest(store, folder, FIFTEENTH / "amo", FIFTEENTH / "questions")
    assert report.resolutions_by_legislature()[17] == Counter({"no organ": 2})
    assert ("ministries by name resolved 8/18 (44.4%) [XVth 8/16 (no organ bears the label: 2, none bears it on the "
            "date: 2, several organs bear it: 2, no date: 2); XVIIth 0/2 (no organ bears the label: 2)]") \
        in report.summary()


def test_summary_of_a_run_that_resolves_everything():
    report = IngestReport(ministry_resolutions=Counter({(15, "resolved"): 9334, (16, "resolved"): 1276,
                                                        (16, "no organ"): 2}))
    assert report.resolution_summary() == "XVth 9334/9334; XVIth 1276/1278 (no organ bears the label: 2)"
    assert IngestReport().summary().count("ministries by name") == 0  # nothing named without an id: no figures


def test_workers_count_as_one_process_does(tmp_path, monkeypatch):
    """A zip mapped by worker processes reports the same resolutions, cause by cause."""
    archive = tmp_path / "Questions_gouvernement_XV.json.zip"
    with zipfile.ZipFile(archive, "w") as out:
        for file in sorted((FIFTEENTH / "questions").glob("*.json")):
            out.writestr(f"json/{file.name}", file.read_bytes())
    monkeypatch.setattr(pipeline, "PARALLEL_FROM", 2)
    monkeypatch.setattr(pipeline, "SHARE", 2)
    reports = []
    for jobs in (1, 2):
        store = GraphStore(tmp_path / f"store-{jobs}")
        reports.append(Ingester(store, progress=False, jobs=jobs).run([FIFTEENTH / "amo", archive]))
    alone, shared = reports
    assert alone.ministry_resolutions == shared.ministry_resolutions
    assert alone.ministry_resolutions[15, "resolved"] == 6  # the XML question is not in the zip


# ---- the named query ----

def test_named_query_lists_resolutions_on_a_fallback_date(fifteenth):
    store, _ = fifteenth
    rows = columns(store, "ministries-resolved-on-fallback-date",
                   ("question", "basis", "day", "link", "ministry", "resolved"))
    solidarity = "Ministère des solidarités et de la santé"
    assert [r for r in rows if r[0] == q("QANR5L15QG9501")] == [
        (q("QANR5L15QG9501"), "sitting", "2019-03-13", "attribution 1", o("PO9501"), True),
        (q("QANR5L15QG9501"), "sitting", "2019-03-13", "questioned", o("PO9501"), True)]
    assert {r[0] for r in rows} == {q(uid) for uid, (_, basis, _) in EXPECTED.items()
                                    if basis in ("sitting", "closure")}
    assert len(rows) == 12  # five questions to the Government and the oral question, two links each
    resolved = {(r[0], r[1]) for r in rows if r[5]}
    assert resolved == {(q("QANR5L15QG9501"), "sitting"), (q("QANR5L15QG9508"), "sitting"),
                        (q("QANR5L15QOSD9506"), "closure")}
    labels = {r[0] for r in columns(store, "ministries-resolved-on-fallback-date", ("label",))}
    assert solidarity in labels and "Ministère de la mer" in labels
    assert columns(store, "ministries-resolved-on-fallback-date", ("question",), legislature="16") == []
    # dated by a question text: never listed, even with the attribution-dated ones
    assert q("QANR5L15QE9507") not in {r[0] for r in columns(store, "ministries-resolved-on-fallback-date",
                                                               ("question",), attribution="true")}
