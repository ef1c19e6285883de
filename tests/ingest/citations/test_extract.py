"""The citation extractor: forms of each court, dates, numbers, traps, identities (ECLI, CELEX, ELI), offsets,
Table-driven, with small factories for expected values."""
from __future__ import annotations

import json

import pytest

from hemicycle.ingest.citations import extract
from hemicycle.ingest.citations.dates import parse_date
from hemicycle.ingest.citations.models import DecisionCitation
from hemicycle.ingest.citations.normalize import normalize
from hemicycle.ingest.citations.resolve import resolve, resolver_for
from hemicycle.ontology.iris import Minter

from support import FIXTURES, shared



def decision(court, date=None, numbers=(), ecli=None, **more):
    """The fields a decision citation is expected to carry (only those given are compared)."""
    return {"kind": "decision", "court": court, "date": date, "numbers": list(numbers), "ecli": ecli, **more}


def law(type_, **more):
    return {"kind": "legislation", "type": type_, **more}


def only(text, kind=None):
    """The single citation of text (of one kind), checked against its span."""
    cites = [c for c in extract(text) if kind is None or c.kind == kind]
    assert len(cites) == 1, cites
    c = cites[0]
    assert text[c.start:c.end] == c.text
    return c


def check(c, expected):
    row = c.to_dict()
    for key, value in expected.items():
        assert row[key] == value, (key, row[key], value, c.text)


# --- each court's forms ---------------------------------------------------------------------------------------
FORMAL = [
    ("(CE, 5 mai 2026, Fédération des Acteurs de la solidarité et autres, n° 502860)",
     decision("CE", "2026-05-05", ["502860"], None, parties="Fédération des Acteurs de la solidarité et autres")),
    ("Conseil d'État, 10ème - 9ème chambres réunies, 24 février 2022, 446128",
     decision("CE", "2022-02-24", ["446128"], "ECLI:FR:CECHR:2022:446128.20220224", formation_code="CECHR")),
    ("CE, ass., 19 juill. 2019, n° 426389", decision("CE", "2019-07-19", ["426389"], "ECLI:FR:CEASS:2019:426389.20190719")),
    ("CE, Sect., 12 juin 1936, Hitzel", decision("CE", "1936-06-12", [], None, formation_code="CESEC", parties="Hitzel")),
    ("CE, réf., 4 avr. 2019, n° 429370", decision("CE", "2019-04-04", ["429370"], "ECLI:FR:CEORD:2019:429370.20190404")),
    ("Conseil d'État, 3ème / 8ème SSR, 29/12/2014, 366637",
     decision("CE", "2014-12-29", ["366637"], "ECLI:FR:CESSR:2014:366637.20141229")),
    ("CE, 2ème chambre, 15 février 2023, n° 461287", decision("CE", "2023-02-15", ["461287"], "ECLI:FR:CECHS:2023:461287.20230215")),
    ("CE, 19 mai 1933, Benjamin", decision("CE", "1933-05-19", [], None)),
    ("Cass. civ. 1re, 12 juin 2020, n° 19-24.123", decision("CASS", "2020-06-12", ["19-24.123"], None, formation_code="C1")),
    ("Cour de cassation, chambre sociale, 4 mars 2020, pourvoi n° 19-13.316",
     decision("CASS", "2020-03-04", ["19-13.316"], None, formation_code="SO")),
    ("Civ. 1re, 5 juill. 2017, n° 16-16.901", decision("CASS", "2017-07-05", ["16-16.901"], None)),
    ("Cass., ass. plén., 4 oct. 2019, n° 10-19.053", decision("CASS", "2019-10-04", ["10-19.053"], None, formation_code="AP")),
    ("décision du Conseil constitutionnel n° 2023-860 DC du 21 décembre 2023",
     decision("CC", "2023-12-21", ["2023-860 DC"], "ECLI:FR:CC:2023:2023.860.DC")),
    ("Cons. const., déc. n° 2019-809 QPC", decision("CC", None, ["2019-809 QPC"], None)),
    ("CJUE 4 mars 2021, C-581/19, Frenetikexito", decision("CJUE", "2021-03-04", ["C-581/19"], None, celex="62019CJ0581")),
    ("Trib. UE, 17 septembre 2007, Microsoft c. Commission, T-201/04",
     decision("TUE", "2007-09-17", ["T-201/04"], None, celex="62004TJ0201")),
    # judgment or decision, the text does not say: no ECLI (JUD or DEC is never guessed)
    ("CEDH, 21 janv. 2011, M.S.S. c. Belgique et Grèce, n° 30696/09",
     decision("CEDH", "2011-01-21", ["30696/09"], None, parties="M.S.S. c. Belgique et Grèce")),
    ("CEDH, arrêt, 21 janv. 2011, M.S.S. c. Belgique et Grèce, n° 30696/09",
     decision("CEDH", "2011-01-21", ["30696/09"], "ECLI:CE:ECHR:2011:0121JUD003069609", decision_type="JUD")),
    ("CEDH, déc., 12 mai 2015, Dupont c. France, n° 22146/12",
     decision("CEDH", "2015-05-12", ["22146/12"], "ECLI:CE:ECHR:2015:0512DEC002214612")),
    ("CAA de Lyon, 15LY03630", decision("CAA", None, ["15LY03630"], None, seat="Lyon")),
    ("TA de Montreuil, 1100792", decision("TA", None, ["1100792"], None, seat="Montreuil")),
    ("Tribunal des conflits, 8 février 1873, Blanco", decision("TC", "1873-02-08", [], None, parties="Blanco")),
    ("TC, 9 décembre 2019, n° C4172", decision("TC", "2019-12-09", ["C4172"], None)),
    ("CA Paris, pôle 6, ch. 2, 10 janvier 2019, n° 18/08357", decision("CA", "2019-01-10", ["18/08357"], None, seat="Paris")),
    ("CPH de Paris, 4 décembre 2020, n° F 19/07738", decision("CPH", "2020-12-04", ["F19/07738"], None, seat="Paris")),
    ("CAA de Marseille, 5e ch., 12 oct. 2022, n° 21MA00456", decision("CAA", "2022-10-12", ["21MA00456"], None, seat="Marseille")),
    # the Grand Chamber is a formation, however it is written
    ("CEDH, gr. ch., 5 juin 2015, Lambert et autres c. France, n° 46043/14",
     decision("CEDH", "2015-06-05", ["46043/14"], None, formation_code="GC")),
    ("CJUE, gr. ch., 2 mars 2021, Prokuratuur, C-746/18",
     decision("CJUE", "2021-03-02", ["C-746/18"], None, formation_code="GC", celex="62018CJ0746")),
    ("Cour EDH, grande chambre, 13 février 2020, N.D. et N.T. c. Espagne, n° 8675/15",
     decision("CEDH", "2020-02-13", ["8675/15"], None, formation_code="GC")),
    ("CEDH [GC], 1er juillet 2014, S.A.S. c. France, n° 43835/11",
     decision("CEDH", "2014-07-01", ["43835/11"], None, formation_code="GC")),
    ("TUE, gr. ch., 14 juin 2023, X c. Commission, T-612/17", decision("TUE", "2023-06-14", ["T-612/17"], None)),
    # chambers of a court of appeal with their qualifiers
    ("CA de Bordeaux, 4e ch. com., 7 nov. 2022, n° 20/03456", decision("CA", "2022-11-07", ["20/03456"], None, seat="Bordeaux")),
    ("CA Lyon, 1re ch. civ., 3 mai 2022, n° 20/06612", decision("CA", "2022-05-03", ["20/06612"], None, seat="Lyon")),
    ("CA Versailles, ch. soc., 9 février 2022, n° 20/01234", decision("CA", "2022-02-09", ["20/01234"], None, seat="Versailles")),
    ("CA Paris, pôle 6 - ch. 2, 10 janvier 2019, n° 18/08357", decision("CA", "2019-01-10", ["18/08357"], None, seat="Paris")),
    ("CA Douai, 2e ch., sect. 1, 7 nov. 2022, n° 20/03456", decision("CA", "2022-11-07", ["20/03456"], None, seat="Douai")),
    ("Cour d'appel de Rennes, 5e chambre sociale, 7 nov. 2022, n° 20/03456", decision("CA", "2022-11-07", ["20/03456"], None, seat="Rennes")),
    # long party names, and names that run over commas, up to the number
    ("CE, ord., 9 janv. 2014, Ministre de l'intérieur c/ Société Les Productions de la Plume et M. Dieudonné M'Bala M'Bala, n° 374508",
     decision("CE", "2014-01-09", ["374508"], "ECLI:FR:CEORD:2014:374508.20140109")),
    ("CE, 10 juin 2021, Syndicat national des journalistes, Syndicat des avocats de France et autres, n° 444849",
     decision("CE", "2021-06-10", ["444849"], None, parties="Syndicat national des journalistes, Syndicat des avocats de France et autres")),
    # the Cour nationale du droit d'asile: its formations, its eight-digit numbers, no ECLI
    ("CNDA GF 5 avril 2024 n° 23012345", decision("CNDA", "2024-04-05", ["23012345"], None)),
    ("Cour nationale du droit d'asile, 3ème section, 2ème chambre, 16 juillet 2021, n° 21010460",
     decision("CNDA", "2021-07-16", ["21010460"], None)),
    ("Cons. Const., 15 novembre 2018, n° 2018-772 DC", decision("CC", "2018-11-15", ["2018-772 DC"], "ECLI:FR:CC:2018:2018.772.DC")),
    ("Ch. mixte., 7 juillet 2017, pourvoi n° 15-25.651", decision("CASS", "2017-07-07", ["15-25.651"], None)),
    # a bulletin's year, volume and number before the pourvoi; a pourvoi cut by a line break
    ("2e Civ., 25 mai 2004, Bull. 2004, II, no 234, pourvoi no 02-\n30.997",
     decision("CASS", "2004-05-25", ["02-30.997"], None)),
    ("CJUE, gde. ch., 18 juin 2020, aff. C-78/18", decision("CJUE", "2020-06-18", ["C-78/18"], None)),
]


@pytest.mark.parametrize("text,expected", FORMAL, ids=[t[:40] for t, _ in FORMAL])
def test_formal_forms(text, expected):
    c = only(text, "decision")
    check(c, expected)
    assert c.formal


INFORMAL = [
    ("dans sa décision du 5 avril 2022, le Conseil d'État a jugé", decision("CE", "2022-04-05")),
    ("la décision rendue le 19 janvier 2023 par la Cour de justice de l'Union européenne", decision("CJUE", "2023-01-19")),
    ("dans son avis du 14 février 2024, la Cour de cassation a retenu", decision("CASS", "2024-02-14")),
    ("comme le rappelle le tribunal administratif de Strasbourg dans sa décision.", decision("TA", None, seat="Strasbourg")),
    ("Par sa décision du 31 octobre dernier, le Conseil d'État a demandé", decision("CE", None, month=10, day=31)),
    ("quatre arrêts de la Cour de cassation du 12 juillet 2022, qui", decision("CASS", "2022-07-12")),
    ("le 19 janvier 2023, la Cour de justice de l'Union européenne (CJUE) en a décidé autrement", decision("CJUE", "2023-01-19")),
    ("Le Conseil constitutionnel a, le 25 janvier 2024, censuré la loi.", decision("CC", "2024-01-25")),
    ("l'ordonnance du juge des référés du Conseil d'État du 22 mars 2020 a enjoint", decision("CE", "2020-03-22")),
    ("l'arrêt du Conseil d'État de 1947 ?", decision("CE", None, year=1947)),
    # a court that judged, without "décision" or "arrêt"; the date is optional
    ("Comme l'a jugé la Cour de cassation le 22 décembre 2023 en assemblée plénière, la preuve est recevable.",
     decision("CASS", "2023-12-22", formation_code="AP")),
    ("Comme l'a jugé la cour administrative d'appel de Marseille, le refus est illégal.", decision("CAA", None, seat="Marseille")),
    ("La cour administrative d'appel de Nantes a estimé que l'étude d'impact était insuffisante.", decision("CAA", None, seat="Nantes")),
    ("Ainsi que l'a rappelé le Conseil constitutionnel en 2019, la loi doit concilier ces exigences.", decision("CC", None, year=2019)),
    ("La Cour de cassation, réunie en assemblée plénière, a jugé le 17 novembre 2023 que", decision("CASS", "2023-11-17", formation_code="AP")),
    ("Le juge des référés du tribunal administratif de Lille a considéré que la mesure était disproportionnée.",
     decision("TA", None, seat="Lille")),
    # a bracketed number completes the informal citation
    ("Le Tribunal des conflits, dans sa décision du 9 décembre 2019 (n° C4196), a tranché.", decision("TC", "2019-12-09", ["C4196"])),
    ("la Cour de cassation, dans un arrêt du 12 mai 2022 (pourvoi n° 21-85.763), a jugé", decision("CASS", "2022-05-12", ["21-85.763"])),
    ("Dans sa décision du 3 avril 2023 (n° 461982), le Conseil d'État a rejeté la requête.", decision("CE", "2023-04-03", ["461982"])),
    ("l'arrêt de la cour d'appel de Douai du 2 juin 2021 (RG n° 19/04521) a été cassé", decision("CA", "2021-06-02", ["19/04521"], seat="Douai")),
]


@pytest.mark.parametrize("text,expected", INFORMAL, ids=[t[:40] for t, _ in INFORMAL])
def test_informal_forms(text, expected):
    c = only(text, "decision")
    check(c, expected)
    assert not c.formal


@pytest.mark.parametrize("text,expected", [
    # numbers of the CJEU and the ECtHR: one citation, not the mention and its number apart; the ECLI by the rules
    ("Le Tribunal de l'Union européenne, dans son arrêt du 14 juin 2023 (T-612/17), a annulé la décision.",
     decision("TUE", "2023-06-14", ["T-612/17"], None, celex="62017TJ0612")),
    ("La Cour européenne des droits de l'homme, dans son arrêt du 12 janvier 2023 (n° 53600/20), a condamné la France.",
     decision("CEDH", "2023-01-12", ["53600/20"], "ECLI:CE:ECHR:2023:0112JUD005360020")),
    ("Le Conseil d'État, statuant en Section, par une décision du 11 juillet 2022 (n° 457330), a jugé",
     decision("CE", "2022-07-11", ["457330"], "ECLI:FR:CESEC:2022:457330.20220711")),
    # a mention followed by the formal citation in brackets: the formal citation alone
    ("comme l'a rappelé le Conseil d'État (CE, 5 mai 2026, Fédération des Acteurs de la solidarité, n° 502860).",
     decision("CE", "2026-05-05", ["502860"], None, text="CE, 5 mai 2026, Fédération des Acteurs de la solidarité, n° 502860")),
    ("La Cour de cassation a jugé le 4 mars 2020 (Cass. soc., n° 19-13.316) que", decision("CASS", "2020-03-04", ["19-13.316"])),
])
def test_bracketed_reference_is_one_citation(text, expected):
    check(only(text, "decision"), expected)


# --- dates and numbers ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text,iso", [
    ("24 février 2022", "2022-02-24"), ("24 fév. 2022", "2022-02-24"), ("19 juill. 2019", "2019-07-19"),
    ("1er mars 2020", "2020-03-01"), ("24/02/2022", "2022-02-24"), ("29/12/2014", "2014-12-29"),
    ("3 janv. 2011", "2011-01-03"), ("5 avril", None), ("31 février 2022", None),
])
def test_dates(text, iso):
    assert parse_date(text).iso == iso


def test_date_without_year_keeps_month_and_day():
    d = parse_date("31 octobre dernier")
    assert (d.year, d.month, d.day) == (None, 10, 31)


@pytest.mark.parametrize("text,numbers", [
    ("CE, 2e et 7e chambres réunies, 12 mars 2021, n°s 437125, 437126 et 437130", ["437125", "437126", "437130"]),
    ("Cass. soc., 11 mai 2022, n° 21-14.490 et 21-15.247", ["21-14.490", "21-15.247"]),
    ("TA Paris, 3 février 2021, n° 1904967, 1904968, 1904972, 1904976/4-1", ["1904967", "1904968", "1904972", "1904976"]),
    ("CJUE, 6 octobre 2020, La Quadrature du Net e.a., aff. jointes C-511/18, C-512/18 et C-520/18",
     ["C-511/18", "C-512/18", "C-520/18"]),
    ("Cons. const., 6 juillet 2018, n° 2018-717/718 QPC", ["2018-717 QPC", "2018-718 QPC"]),
])
def test_joined_numbers(text, numbers):
    assert list(only(text, "decision").numbers) == numbers


# --- several citations, glued citations -------------------------------------------------------------------------
@pytest.mark.parametrize("text,courts", [
    ("(CE, 3 juin 2020, n° 425981 ; Cass. soc., 4 mars 2020, n° 19-13.316 ; CJUE, 2 mars 2021, C-746/18)",
     ["CE", "CASS", "CJUE"]),
    ("(CE, 3 juin 2020, n° 425981;CE, 8 juillet 2020, n° 428578)", ["CE", "CE"]),
    ("(CE, 12 mai 2022, n° 458133,Cass. crim., 1er juin 2022, n° 21-86.455)", ["CE", "CASS"]),
    ("V. CE, 27 janvier 2023, n° 454126, CE, 2 février 2024, n° 466244.", ["CE", "CE"]),
])
def test_several_citations(text, courts):
    cites = [c for c in extract(text) if c.kind == "decision"]
    assert [c.court for c in cites] == courts
    for c in cites:
        assert text[c.start:c.end] == c.text


# --- traps --------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "Un décret en Conseil d'État précise les modalités d'application.",
    "Le salarié placé en arrêt de travail depuis le 3 mars 2023 est indemnisé.",
    "À la suite d'un arrêt cardiaque survenu le 12 mai 2022, le patient a été transféré.",
    "L'arrêté du 26 décembre 2023 fixe le montant de l'aide.",
    "La publication figure dans la série A, n° 141-A.",
    "Les références Juris-Data n° 2019-012345 et Lexbase A1234BCD sont en ligne.",
    "Le décret n° 2019-809 du 31 juillet 2019 a modifié ces règles.",
    "Le Conseil d'État est saisi du projet de loi.",
    "Il est possible de saisir la Cour de cassation d'un pourvoi.",
    "Le règlement (CE) n° 1107/2009 encadre ces produits.",
    "Le Président nommera le procureur général près la Cour de cassation le 1er juillet prochain.",
    "Les associations ont saisi le tribunal administratif de Paris le 14 mars 2019.",
    "La Cour de justice de la République a rendu sa décision hier.",
    "Le Conseil d'État a été saisi par l'association le 3 mars 2023.",
    "Le premier président de la Cour de cassation a estimé que la réforme était nécessaire.",
    "Le commissaire du Gouvernement près le Conseil d'État a estimé que le recours était fondé.",
    "Comme l'a rappelé le Conseil d'État dans son étude annuelle, la simplification reste un objectif.",
    "Comme l'a souligné la Cour des comptes, la décision du préfet a été prise tardivement.",
    "Le Gouvernement a saisi le Conseil d'État ; il a rappelé le Conseil d'État à ses obligations.",
    "Le président de la CNDA a été nommé le 3 janvier 2024.",
    "L'OFPRA a rejeté sa demande par une décision du 9 décembre 2020.",
    "Il a été écroué à la maison d'arrêt de Nancy-Maxéville le 24 août 2023.",
])
def test_traps_are_not_decisions(text):
    assert [c for c in extract(text) if c.kind == "decision"] == []


def test_arrete_is_legislation():
    c = only("L'arrêté du 26 décembre 2023 fixe le montant.")
    check(c, law("arrete", date="2023-12-26", eli=None))


def test_volume_is_not_a_number():
    c = only("(CEDH, 26 mars 1987, Leander c. Suède, série A, n° 116)", "decision")
    assert c.numbers == () and c.ecli is None


# --- identities ---------------------------------------------------------------------------------------------------
def D(court, date=None, numbers=(), **more):
    return DecisionCitation("", 0, 0, court=court, date=date, numbers=tuple(numbers), **more)


@pytest.mark.parametrize("citation,ecli", [
    (D("CC", "2012-07-27", ["2012-270 QPC"]), "ECLI:FR:CC:2012:2012.270.QPC"),
    (D("CC", "2018-03-02", ["2017-694 QPC"]), "ECLI:FR:CC:2018:2017.694.QPC"),
    (D("CC", "2026-03-12", ["2026-321 L", "2026-322 L", "2026-323 L"]), "ECLI:FR:CC:2026:2026.321.322.323.L"),
    (D("CC", None, ["2019-809 QPC"]), None),
    (D("CE", "2019-07-19", ["426389"], formation_code="CEASS"), "ECLI:FR:CEASS:2019:426389.20190719"),
    (D("CE", "2026-05-05", ["502860"]), None),
    (D("CE", "2014-12-29", ["366637"], formation_code="CECHR"), None),      # chambres réunies only since 2016
    (D("CE", "2021-12-29", ["366637"], formation_code="CESSR"), None),      # sous-sections only before 2016
    (D("CEDH", "2011-01-21", ["30696/09"]), None),                         # judgment or decision: not stated
    (D("CEDH", "2011-01-21", ["30696/09"], decision_type="JUD"), "ECLI:CE:ECHR:2011:0121JUD003069609"),
    (D("CASS", "2020-03-04", ["19-13.316"], formation_code="SO"), None),
    (D("CAA", "2021-03-03", ["20PA01234"]), None),
    (D("TA", "2023-01-12", ["2300154"]), None),
    (D("TC", "2019-12-09", ["C4172"]), None),
])
def test_ecli_derivation(citation, ecli):
    assert resolve(citation).ecli == ecli


def test_ecli_from_text_is_kept():
    c = only("Conseil d'État, 30 décembre 2021, n° 449841, ECLI:FR:CECHR:2021:449841.20211230", "decision")
    assert c.ecli == "ECLI:FR:CECHR:2021:449841.20211230"


@pytest.mark.parametrize("number,celex", [("C-311/18", "62018CJ0311"), ("T-201/04", "62004TJ0201"), ("26/62", "61962CJ0026")])
def test_cjeu_celex(number, celex):
    court = "TUE" if number.startswith("T") else "CJUE"
    assert resolve(D(court, None, [number])).celex == celex


@pytest.mark.parametrize("text,expected", [
    ("loi n° 2016-1321 du 7 octobre 2016", law("loi", number="2016-1321", date="2016-10-07",
                                               eli="https://www.legifrance.gouv.fr/eli/loi/2016/10/7/2016-1321/jo/texte")),
    ("décret n° 2002-65 du 14 janvier 2002", law("decret", eli="https://www.legifrance.gouv.fr/eli/decret/2002/1/14/2002-65/jo/texte")),
    ("ordonnance n° 2020-306 du 25 mars 2020", law("ordonnance", eli="https://www.legifrance.gouv.fr/eli/ordonnance/2020/3/25/2020-306/jo/texte")),
    ("loi n° 78-17 du 6 janvier 1978", law("loi", eli="https://www.legifrance.gouv.fr/eli/loi/1978/1/6/78-17/jo/texte")),
    ("décret n° 2002-65", law("decret", number="2002-65", date=None, eli=None)),
    ("loi du 9 décembre 1905", law("loi", number=None, date="1905-12-09", eli=None)),
    ("directive n° 2013/33/UE", law("directive-ue", celex="32013L0033", eli="http://data.europa.eu/eli/dir/2013/33/oj")),
    ("directive 2013/33/UE", law("directive-ue", celex="32013L0033")),
    ("règlement (CE) n° 1107/2009 du 21 octobre 2009", law("reglement-ue", celex="32009R1107", date="2009-10-21",
                                                          eli="http://data.europa.eu/eli/reg/2009/1107/oj")),
    ("règlement (UE) 2016/679", law("reglement-ue", celex="32016R0679", eli="http://data.europa.eu/eli/reg/2016/679/oj")),
    ("directive 95/46/CE", law("directive-ue", celex="31995L0046")),
    ("article L. 554-1 du CESEDA", law("code-article", code="CESEDA", article="L554-1")),
    ("article R. 123-4 du code de l'urbanisme", law("code-article", code="CURB", article="R123-4")),
    ("article 375-3, 3°, du code civil", law("code-article", code="CCIV", article="375-3")),
    ("art. L. 1110-4 CSP", law("code-article", code="CSP", article="L1110-4")),
    ("article L2224-13 du CGCT", law("code-article", code="CGCT", article="L2224-13")),
    ("article 200 du CGI", law("code-article", code="CGI", article="200")),
    ("article L. 161-17 du CSS", law("code-article", code="CSS", article="L161-17")),
    ("article L. 34-1 du CPCE", law("code-article", code="CPCE", article="L34-1")),
    ("article L. 114-1 du CRPA", law("code-article", code="CRPA", article="L114-1")),
    ("article L. 811-2 du CSI", law("code-article", code="CSI", article="L811-2")),
    ("article L. 253-1 du CRPM", law("code-article", code="CRPM", article="L253-1")),
    ("article 222-33-2 du code pénal", law("code-article", code="CPEN", article="222-33-2")),
    ("article L. 1242-2 du code du travail", law("code-article", code="CTRAV", article="L1242-2")),
    ("article L. 131-1 du code de l'éducation", law("code-article", code="CEDUC", article="L131-1")),
    ("circulaire du 31 janvier 2018", law("circulaire", date="2018-01-31")),
])
def test_legislation(text, expected):
    check(only(text, "legislation"), expected)


def test_same_code_follows_the_previous_article():
    cites = extract("l'article L. 114-1 du CRPA et l'article L. 112-8 du même code")
    assert [(c.code, c.article) for c in cites] == [("CRPA", "L114-1"), ("CRPA", "L112-8")]


def test_same_code_after_a_code_not_known_is_not_guessed():
    cites = extract("l'article 21-2 du code civil et l'article 13 du code de la nationalité, ensemble l'article 152 "
                    "du même code")
    assert [(c.code, c.article) for c in cites] == [("CCIV", "21-2"), (None, "152")]


def test_a_code_and_an_article_across_line_breaks():
    """Decisions printed with hard line breaks cut a code's name and an article's number."""
    cites = extract("l'article L. 511-8 du code de l'entrée et du séjour des étrangers et du\ndroit d'asile et "
                    "l'article R. 811- 25 du code de l'éducation")
    assert [(c.code, c.article) for c in cites] == [("CESEDA", "L511-8"), ("CEDUC", "R811-25")]


def test_iris_are_minted_under_the_base():
    base = Minter().base
    c = only("(CE, 5 mai 2026, Fédération des Acteurs de la solidarité et autres, n° 502860)")
    assert c.iri == base + "decision/fr/CE/2026-05-05/502860"
    assert "https://www.conseil-etat.fr/fr/arianeweb/CE/decision/2026-05-05/502860" in c.see_also
    assert only("CJUE, 16 juillet 2020, C-311/18").iri == base + "decision/eu/CJUE/2020-07-16/C-311-18"
    assert only("CEDH, 21 janv. 2011, M.S.S. c. Belgique et Grèce, n° 30696/09").iri.startswith(base + "decision/coe/CEDH/")
    assert only("loi n° 2016-1321 du 7 octobre 2016").iri == base + "texte/loi/2016-1321"
    assert only("arrêté du 26 décembre 2023").iri == base + "texte/arrete/2023-12-26"
    assert only("CE, 19 mai 1933, Benjamin").iri is None           # no number: an occurrence, not a node


def test_the_remembering_resolver_resolves_as_resolve_does():
    # Over the development set, with one resolver for every text (as a worker has): each citation as resolve()
    # makes it, even when an earlier one stated the same thing in other words or at another place.
    texts = [json.loads(line)["text"] for line in
             (FIXTURES / "citations" / "devset.jsonl").read_text(encoding="utf-8").splitlines() if line]
    texts += texts[:20]  # the same citations again, at the same offsets in other texts
    resolver = resolver_for(Minter())
    cites = [(extract(text, resolver=resolver), extract(text)) for text in texts]
    assert all(remembered == fresh for remembered, fresh in cites)
    assert sum(len(fresh) for _, fresh in cites) > len(resolver.known) > 50  # some were remembered
    again = "la loi n° 2016-1321 du 7 octobre 2016 ; la loi n°\u00a02016-1321 du 7 octobre 2016"
    first, second = extract(again, resolver=resolver)
    assert (first.iri, first.eli) == (second.iri, second.eli) and second.start > first.start
    assert again[second.start:second.end] == second.text


def test_cc_page_and_ejustice_links():
    c = only("décision n° 2022-847 DC du 29 juillet 2022")
    assert "https://www.conseil-constitutionnel.fr/decision/2022/2022847DC.htm" in c.see_also
    assert f"https://e-justice.europa.eu/ecli/{c.ecli}" in c.see_also


# --- offsets and normalisation ----------------------------------------------------------------------------------
def test_offsets_survive_normalisation():
    text = "Voir\u00a0: CE,\u00a0ass., 19\u202fjuill. 2019, nº\u00a0426389 et le Conseil d\u2019État (CE, 5 mai 2026, n ° 502860)."
    cites = extract(text)
    assert [c.numbers for c in cites] == [("426389",), ("502860",)]
    for c in cites:
        assert text[c.start:c.end] == c.text
    assert len(normalize(text).text) == len(text)


def test_seed_sentence():
    text = shared("seed", "question-ecrite-17-15973.txt")
    source = text.read_text(encoding="utf-8")
    decisions = [c for c in extract(source) if c.kind == "decision"]
    assert len(decisions) == 1
    c = decisions[0]
    assert (c.court, c.date, c.numbers, c.ecli) == ("CE", "2026-05-05", ("502860",), None)
    assert source[c.start:c.end] == "CE, 5 mai 2026, Fédération des Acteurs de la solidarité et autres, n° 502860"


def test_anonymised_party_names_keep_the_number():
    """The Conseil d'État anonymises parties as 'Mme A...': the citation goes on to its number."""
    text = "Voir CE, 19 juillet 2019, Mme A..., n° 426389."
    (citation,) = [c for c in extract(text) if c.kind == "decision"]
    assert citation.numbers == ("426389",)
    assert citation.parties == "Mme A..."
    assert text[citation.start:citation.end] == "CE, 19 juillet 2019, Mme A..., n° 426389"
