"""The families of issue 13, each with made-up examples in the shapes the databases and the courts print: titles
as Légifrance, ArianeWeb, Juricaf, the administrative courts' open data and the Cour de cassation's site write
them; number shapes with their suffixes; numbers joined past a publisher's id; the fields a stated ECLI holds
(and those it does not); the ECtHR's judgment or decision; informal citations that put the court after."""
from __future__ import annotations

import pytest

from hemicycle.ingest.citations import extract


def decision(court, date=None, numbers=(), ecli=None, **more):
    """The fields a decision citation is expected to carry (only those given are compared)."""
    return {"court": court, "date": date, "numbers": list(numbers), "ecli": ecli, **more}


def only_decision(text):
    cites = [c for c in extract(text) if c.kind == "decision"]
    assert len(cites) == 1, cites
    assert text[cites[0].start:cites[0].end] == cites[0].text
    return cites[0]


def check(text, expected):
    row = only_decision(text).to_dict()
    assert {key: row[key] for key in expected} == expected, text


# --- titles, as each database prints them ------------------------------------------------------------------------
TITLES = [
    # Légifrance: numeric dates, bare numbers, the Lebon's mention, the formation as the court writes it
    ("Conseil d'État, 7ème - 2ème chambres réunies, 14/11/2022, 458123, Mentionné aux tables du recueil Lebon",
     decision("CE", "2022-11-14", ["458123"], "ECLI:FR:CECHR:2022:458123.20221114")),
    ("Conseil d'État, 1ère / 6ème SSR, 05/03/2013, 351234, Inédit au recueil Lebon",
     decision("CE", "2013-03-05", ["351234"], "ECLI:FR:CESSR:2013:351234.20130305")),
    ("CAA de LYON, 4ème chambre, 12/03/2019, 17LY02345, Inédit au recueil Lebon",
     decision("CAA", "2019-03-12", ["17LY02345"], seat="Lyon", formation="4ème chambre")),
    ("CAA de BORDEAUX, 2ème chambre - formation à 3, 07/06/2022, 20BX01234, Inédit au recueil Lebon",
     decision("CAA", "2022-06-07", ["20BX01234"], seat="Bordeaux")),
    ("Cour administrative d'appel de Nantes, 5ème chambre, 18/01/2021, n° 19NT04321",
     decision("CAA", "2021-01-18", ["19NT04321"], seat="Nantes")),
    ("Tribunal Administratif de Rennes, 2ème chambre, 09/10/2014, 1203456",
     decision("TA", "2014-10-09", ["1203456"], seat="Rennes")),
    ("Tribunal Administratif de Nice, 4è ch Magistrat statuant seul, 02/03/2025, 2301234",
     decision("TA", "2025-03-02", ["2301234"], seat="Nice", formation="4è ch Magistrat statuant seul")),
    ("Tribunal des Conflits, , 05/06/2016, C4051", decision("TC", "2016-06-05", ["C4051"])),
    ("Tribunal des Conflits, Section, 12/03/2018, C4105, Publié au bulletin", decision("TC", "2018-03-12", ["C4105"])),
    ("Cour de cassation, civile, Chambre sociale, 4 mars 2020, 19-13.316, Publié au bulletin",
     decision("CASS", "2020-03-04", ["19-13.316"], formation_code="SO")),
    ("Cour de cassation, civile, Chambre civile 3, 9 février 2023, 21-24.567, Publié au bulletin",
     decision("CASS", "2023-02-09", ["21-24.567"], formation_code="C3")),
    ("Cour de cassation, criminelle, Chambre criminelle, 12 mai 2021, 20-85.123, Inédit",
     decision("CASS", "2021-05-12", ["20-85.123"], formation_code="CR")),
    # Juricaf: the country first, the formation in full or abbreviated ("4 ss": a sous-section, before 2016)
    ("France, Conseil d'État, Juge des référés, formation collégiale, 3 avril 2021, 450123",
     decision("CE", "2021-04-03", ["450123"], "ECLI:FR:CEORD:2021:450123.20210403")),
    ("France, Conseil d'État, 4 ss, 2 mars 2011, 329123",
     decision("CE", "2011-03-02", ["329123"], "ECLI:FR:CESJS:2011:329123.20110302")),
    ("France, Conseil d'État, 5ème et 4ème chambres réunies, 21 juillet 2023, 467839",
     decision("CE", "2023-07-21", ["467839"], "ECLI:FR:CECHR:2023:467839.20230721")),
    ("France, Tribunal administratif de Lille, 3ème chambre, 14 février 2020, 1801234",
     decision("TA", "2020-02-14", ["1801234"], seat="Lille")),
    # the administrative courts' open data: dashes, the kind of decision, ISO dates
    ("Section du Contentieux - Décision - 2ème et 7ème chambres réunies - n° 471234 - du 2024-06-21",
     decision("CE", "2024-06-21", ["471234"], "ECLI:FR:CECHR:2024:471234.20240621")),
    ("Section du Contentieux - (Fiscal) - Décision - 3ème et 8ème chambres réunies - n° 481234 - du 2024-04-03",
     decision("CE", "2024-04-03", ["481234"], "ECLI:FR:CECHR:2024:481234.20240403")),
    # an ordonnance of a chamber's president: which ECLI code, the title does not say
    ("Section du Contentieux - Ordonnance - 3ème chambre - n° 489876 - du 2024-02-01",
     decision("CE", "2024-02-01", ["489876"], None, decision_type="ORD")),
    ("Cour administrative d'appel de Douai - Décision - 1ère chambre - n° 22DA01234 - du 2024-05-16",
     decision("CAA", "2024-05-16", ["22DA01234"], seat="Douai")),
    ("Tribunal Administratif de Lyon - Ordonnance - n° 2401234 - du 2024-03-04",
     decision("TA", "2024-03-04", ["2401234"], seat="Lyon")),
    # the Cour de cassation's site: its own arrêt number, the pourvoi in brackets, the court after, the ECLI
    ("Arrêt n°612 du 5 avril 2023 (21-19.876) - Cour de cassation - Chambre sociale - ECLI:FR:CCASS:2023:SO00612",
     decision("CASS", "2023-04-05", ["21-19.876"], "ECLI:FR:CCASS:2023:SO00612", formation_code="SO")),
    ("Arrêt n°1045 du 9 novembre 2022 (21-12.345) - Cour de cassation - Chambre commerciale financière et "
     "économique - ECLI:FR:CCASS:2022:CO01045",
     decision("CASS", "2022-11-09", ["21-12.345"], "ECLI:FR:CCASS:2022:CO01045", formation_code="CO")),
    # the Conseil constitutionnel's site: the number, the date, then the title
    ("Décision n° 2019-1234 QPC du 5 juillet 2019 - M. Pierre X. [Conditions de la garde à vue]",
     decision("CC", "2019-07-05", ["2019-1234 QPC"], "ECLI:FR:CC:2019:2019.1234.QPC")),
]


@pytest.mark.parametrize("text,expected", TITLES, ids=[t[:45] for t, _ in TITLES])
def test_database_titles(text, expected):
    check(text, expected)


# --- number shapes, joined numbers ----------------------------------------------------------------------------------
@pytest.mark.parametrize("text,expected", [
    # an EU appeal keeps its P (the CELEX number does not carry it)
    ("CJUE, 12 mars 2020, Commission c. Société X, C-123/19 P",
     decision("CJUE", "2020-03-12", ["C-123/19 P"], celex="62019CJ0123")),
    # a tribunal administratif's number and its chamber: the number identifies, the chamber is the formation
    ("TA Montreuil, 3 février 2016, n° 1501234/3-1", decision("TA", "2016-02-03", ["1501234"], formation="3-1")),
    # conseils de prud'hommes, with or without their F, after RG or n° RG :
    ("CPH de Paris, 4 décembre 2013, RG F 12/00345", decision("CPH", "2013-12-04", ["F12/00345"], seat="Paris")),
    ("CPH Lyon, 4 décembre 2013, n° RG : 12/00345", decision("CPH", "2013-12-04", ["12/00345"], seat="Lyon")),
    ("le conseil de prud'hommes de Lyon, dans son jugement du 4 décembre 2013 (RG F 12/00345), a jugé",
     decision("CPH", "2013-12-04", ["F12/00345"], seat="Lyon")),
    # a publisher's id between two numbers is stepped over, not the end of the list
    ("Cass. soc., 4 mars 2020, n° 19-13.316 (Juris-Data n° 2020-002345) et n° 19-13.317",
     decision("CASS", "2020-03-04", ["19-13.316", "19-13.317"])),
    ("Cass. 1re civ., 12 juin 2020, n° 19-24.123 (Lexbase A1234BCD) et 19-24.124",
     decision("CASS", "2020-06-12", ["19-24.123", "19-24.124"])),
    ("Cass. soc., 4 mars 2020, n° 19-13.316 (Juris-Data n° 2020-002345)",
     decision("CASS", "2020-03-04", ["19-13.316"])),
    # the ECtHR's applications joined by a semicolon (two applications: no single ECLI)
    ("CEDH, arrêt, 5 mai 2020, X et Y c. France, n°s 12345/16 ; 23456/17",
     decision("CEDH", "2020-05-05", ["12345/16", "23456/17"], None)),
])
def test_number_shapes_and_joined_numbers(text, expected):
    check(text, expected)


# --- a stated ECLI: the fields it holds, and not those it does not -------------------------------------------------
@pytest.mark.parametrize("text,expected", [
    ("Conseil d'État, ECLI:FR:CECHR:2021:445566.20210712",
     decision("CE", "2021-07-12", ["445566"], "ECLI:FR:CECHR:2021:445566.20210712", formation_code="CECHR")),
    ("ECLI:FR:CC:2012:2012.270.QPC", decision("CC", None, ["2012-270 QPC"], "ECLI:FR:CC:2012:2012.270.QPC", year=2012)),
    ("ECLI:FR:CC:2026:2026.321.322.323.L", decision("CC", None, ["2026-321 L", "2026-322 L", "2026-323 L"],
                                                    "ECLI:FR:CC:2026:2026.321.322.323.L")),
    # the Cour de cassation's ordinal is its own arrêt number: neither a pourvoi number nor a date
    ("ECLI:FR:CCASS:2023:C100543", decision("CASS", None, [], "ECLI:FR:CCASS:2023:C100543", formation_code="C1")),
    ("Cour de cassation, ECLI:FR:CCASS:2020:SO00321", decision("CASS", None, [], "ECLI:FR:CCASS:2020:SO00321")),
    ("ECLI:CE:ECHR:2011:0121JUD003069609",
     decision("CEDH", "2011-01-21", ["30696/09"], "ECLI:CE:ECHR:2011:0121JUD003069609", decision_type="JUD")),
    # what the text says comes first: the ECLI fills only what it leaves out
    ("Conseil d'État, 30 décembre 2021, n° 449841, ECLI:FR:CECHR:2021:449841.20211230",
     decision("CE", "2021-12-30", ["449841"], "ECLI:FR:CECHR:2021:449841.20211230")),
])
def test_fields_of_a_stated_ecli(text, expected):
    check(text, expected)


# --- the ECtHR: judgment or decision only when the text says which --------------------------------------------------
@pytest.mark.parametrize("text,decision_type,ecli", [
    ("CEDH, 14 mars 2019, X c. France, n° 12345/16", None, None),
    ("CEDH, gr. ch., 14 mars 2019, X c. France, n° 12345/16", None, None),
    ("CEDH, arrêt, 14 mars 2019, X c. France, n° 12345/16", "JUD", "ECLI:CE:ECHR:2019:0314JUD001234516"),
    ("CEDH, arrêt du 14 mars 2019, X c. France, n° 12345/16", "JUD", "ECLI:CE:ECHR:2019:0314JUD001234516"),
    ("CEDH, déc., 14 mars 2019, X c. France, n° 12345/16", "DEC", "ECLI:CE:ECHR:2019:0314DEC001234516"),
    ("Dans son arrêt du 14 mars 2019 (n° 12345/16), la Cour européenne des droits de l'homme a jugé", "JUD",
     "ECLI:CE:ECHR:2019:0314JUD001234516"),
    ("la décision de la CEDH du 14 mars 2019 (n° 12345/16) a déclaré la requête irrecevable", "DEC",
     "ECLI:CE:ECHR:2019:0314DEC001234516"),
])
def test_ecthr_judgment_or_decision_is_stated(text, decision_type, ecli):
    c = only_decision(text)
    assert (c.decision_type, c.ecli) == (decision_type, ecli)


# --- informal citations: the number in brackets after the court, the court after the decisions ---------------------
@pytest.mark.parametrize("text,expected", [
    ("comme l'a jugé le Conseil d'État (décision n° 398765 du 8 février 2017), la mesure est légale",
     decision("CE", "2017-02-08", ["398765"])),
    ("Par deux arrêts du 5 mars 2014 (n° 12-34.567 et n° 13-45.678), la Cour de cassation, réunie en chambre "
     "mixte, a jugé", decision("CASS", "2014-03-05", ["12-34.567", "13-45.678"], formation_code="MI")),
    # a named decision with the court's initials
    ("Depuis l'arrêt Société X, TC 12 janvier 1931, la compétence est fixée.", decision("TC", "1931-01-12")),
])
def test_informal_forms_with_the_court_around(text, expected):
    check(text, expected)


# --- traps of these layouts: no citation ----------------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "La Section du contentieux - dont la composition a changé - statue en formation solennelle.",
    "Décision 2024-012 du 3 mars 2024 - Refus de scolarisation d'un élève (Recommandations)",
    "Avis 20231234 - Mairie de Saint-Exemple",
    "Règlement amiable RA-2024-031 du 6 février 2024 - Renouvellement d'un passeport",
    "TC 20 ans après la réforme, le bilan reste contrasté.",
    "A.N., Val-de-Marne (2ème circ.)",
])
def test_traps_of_the_database_layouts(text):
    assert [c for c in extract(text) if c.kind == "decision"] == []
