"""No identifier without its parts: each derivation rule of resolve.py, walked on a made-up citation, and each part
of the identifier it derives shown to come from the text.

For every rule the table names the pieces of the text that carry the identifier's parts (the formation, the
date, the number, the kind of decision…). The identifier is derived from the full text; with any one piece taken
out it is not derived any more (or becomes another one): nothing in it was supplied by a guess. The one part
that is the rule's own is the CELEX document letter of an EU case cited without its kind, ``J`` (a judgment), as
``../shared/docs/citations.md`` derives it.
"""
from __future__ import annotations

import re

import pytest

from hemicycle.ingest.citations import extract
from hemicycle.ingest.citations.resolve import CE_CODES
from hemicycle.ontology.iris import Minter

BASE = Minter().base


def page(fragment):
    """The see-also page of a citation whose address holds fragment."""
    return lambda c: next((p for p in c.see_also if fragment in p), None)


def field(name):
    return lambda c: getattr(c, name)


# rule, text, what to read of the citation, the identifier, the pieces of the text that carry its parts
RULES = [
    # ECLI of the Conseil d'État: formation (the code), number, date
    ("ecli CEASS", "CE, ass., 19 juill. 2019, n° 426389", field("ecli"), "ECLI:FR:CEASS:2019:426389.20190719",
     ["ass.", "19 juill. 2019", "426389"]),
    ("ecli CESEC", "CE, Sect., 18 décembre 2002, Mme D., n° 233618", field("ecli"),
     "ECLI:FR:CESEC:2002:233618.20021218", ["Sect.", "18 décembre 2002", "233618"]),
    ("ecli CECHR", "Conseil d'État, 10ème - 9ème chambres réunies, 24/02/2022, 446128", field("ecli"),
     "ECLI:FR:CECHR:2022:446128.20220224", ["10ème - 9ème chambres réunies", "24/02/2022", "446128"]),
    ("ecli CECHS", "CE, 2ème chambre, 15 février 2023, n° 461287", field("ecli"),
     "ECLI:FR:CECHS:2023:461287.20230215", ["2ème chambre", "15 février 2023", "461287"]),
    ("ecli CESSR", "Conseil d'État, 3ème / 8ème SSR, 29/12/2014, 366637", field("ecli"),
     "ECLI:FR:CESSR:2014:366637.20141229", ["3ème / 8ème SSR", "29/12/2014", "366637"]),
    ("ecli CESJS", "France, Conseil d'État, 4 ss, 2 mars 2011, 329123", field("ecli"),
     "ECLI:FR:CESJS:2011:329123.20110302", ["4 ss", "2 mars 2011", "329123"]),
    ("ecli CEORD", "CE, juge des référés, 9 avril 2021, n° 450884", field("ecli"),
     "ECLI:FR:CEORD:2021:450884.20210409", ["juge des référés", "9 avril 2021", "450884"]),
    ("ecli CE open data", "Section du Contentieux - Décision - 6ème et 5ème chambres réunies - n° 492111 - du "
     "2025-03-02", field("ecli"), "ECLI:FR:CECHR:2025:492111.20250302",
     ["6ème et 5ème chambres réunies", "2025-03-02", "492111"]),
    # ECLI of the Conseil constitutionnel: number and type; the year is the decision's, from its date
    ("ecli CC", "décision n° 2012-270 QPC du 27 juillet 2012", field("ecli"), "ECLI:FR:CC:2012:2012.270.QPC",
     ["2012-270 QPC", "27 juillet 2012"]),
    ("ecli CC joined", "Cons. const., 6 juillet 2018, n° 2018-717/718 QPC", field("ecli"),
     "ECLI:FR:CC:2018:2018.717.718.QPC", ["6 juillet 2018", "2018-717/718 QPC"]),
    # ECLI of the ECtHR: judgment or decision as the text says, day and month, the application
    ("ecli ECHR JUD", "CEDH, arrêt, 21 janv. 2011, M.S.S. c. Belgique et Grèce, n° 30696/09", field("ecli"),
     "ECLI:CE:ECHR:2011:0121JUD003069609", ["arrêt", "21 janv. 2011", "30696/09"]),
    ("ecli ECHR DEC", "CEDH, déc., 12 mai 2015, Dupont c. France, n° 22146/12", field("ecli"),
     "ECLI:CE:ECHR:2015:0512DEC002214612", ["déc.", "12 mai 2015", "22146/12"]),
    # CELEX of the EU courts: the case number (the court by its letter), an order by "ord."
    ("celex CJ", "CJUE, 16 juillet 2020, Facebook Ireland et Schrems, C-311/18", field("celex"), "62018CJ0311",
     ["C-311/18"]),
    ("celex TJ", "Trib. UE, 17 septembre 2007, Microsoft c. Commission, T-201/04", field("celex"), "62004TJ0201",
     ["T-201/04"]),
    ("celex CO", "CJUE, ord., 3 mars 2021, Société X, C-123/20", field("celex"), "62020CO0123", ["ord.", "C-123/20"]),
    # the decision's IRI: court (and seat), date, number
    ("iri decision", "CE, 5 mai 2026, Fédération X, n° 502860", field("iri"),
     BASE + "decision/fr/CE/2026-05-05/502860", ["5 mai 2026", "502860"]),
    ("iri seated decision", "TA de Montreuil, 12 janvier 2023, n° 2300154", field("iri"),
     BASE + "decision/fr/TA-Montreuil/2023-01-12/2300154", ["de Montreuil", "12 janvier 2023", "2300154"]),
    # pages about the decision
    ("page arianeweb", "CE, 5 mai 2026, Fédération X, n° 502860", page("arianeweb"),
     "https://www.conseil-etat.fr/fr/arianeweb/CE/decision/2026-05-05/502860", ["5 mai 2026", "502860"]),
    ("page juricaf CE", "CE, 5 mai 2026, Fédération X, n° 502860", page("CONSEILDETAT"),
     "https://juricaf.org/arret/FRANCE-CONSEILDETAT-20260505-502860", ["5 mai 2026", "502860"]),
    ("page juricaf CASS", "Cass. soc., 4 mars 2020, n° 19-13.316", page("COURDECASSATION"),
     "https://juricaf.org/arret/FRANCE-COURDECASSATION-20200304-1913316", ["4 mars 2020", "19-13.316"]),
    ("page CC", "décision n° 2022-847 DC du 29 juillet 2022", page("conseil-constitutionnel"),
     "https://www.conseil-constitutionnel.fr/decision/2022/2022847DC.htm", ["2022-847 DC", "29 juillet 2022"]),
    ("page curia", "CJUE, 16 juillet 2020, C-311/18", page("curia"),
     "https://curia.europa.eu/juris/liste.jsf?num=C-311/18&language=fr", ["C-311/18"]),
    ("page e-justice", "CE, ass., 19 juill. 2019, n° 426389", page("e-justice"),
     "https://e-justice.europa.eu/ecli/ECLI:FR:CEASS:2019:426389.20190719", ["ass.", "19 juill. 2019", "426389"]),
    # texts of law: ELI (type, signature date, number), CELEX and ELI of EU acts (type, year, number), IRIs
    ("eli loi", "loi n° 2016-1321 du 7 octobre 2016", field("eli"),
     "https://www.legifrance.gouv.fr/eli/loi/2016/10/7/2016-1321/jo/texte", ["loi", "2016-1321", "7 octobre 2016"]),
    ("eli décret", "décret n° 2002-65 du 14 janvier 2002", field("eli"),
     "https://www.legifrance.gouv.fr/eli/decret/2002/1/14/2002-65/jo/texte", ["décret", "2002-65", "14 janvier 2002"]),
    ("eli ordonnance", "ordonnance n° 2020-306 du 25 mars 2020", field("eli"),
     "https://www.legifrance.gouv.fr/eli/ordonnance/2020/3/25/2020-306/jo/texte",
     ["ordonnance", "2020-306", "25 mars 2020"]),
    ("eli directive", "directive 2013/33/UE", field("eli"), "http://data.europa.eu/eli/dir/2013/33/oj",
     ["directive", "2013/33"]),
    ("eli règlement", "règlement (UE) 2016/679", field("eli"), "http://data.europa.eu/eli/reg/2016/679/oj",
     ["règlement", "2016/679"]),
    ("celex directive", "directive 2013/33/UE", field("celex"), "32013L0033", ["directive", "2013/33"]),
    ("celex règlement", "règlement (CE) n° 1107/2009 du 21 octobre 2009", field("celex"), "32009R1107",
     ["règlement", "1107/2009"]),
    ("iri code article", "article L. 554-1 du CESEDA", field("iri"), BASE + "texte/code-article/CESEDA/L554-1",
     ["L. 554-1", "CESEDA"]),
    ("iri loi", "loi n° 2016-1321 du 7 octobre 2016", field("iri"), BASE + "texte/loi/2016-1321",
     ["loi", "2016-1321"]),
]


def _derived(text: str, read) -> list:
    return [read(c) for c in extract(text)]


@pytest.mark.parametrize("rule,text,read,identifier,parts", RULES, ids=[r[0] for r in RULES])
def test_each_part_of_each_identifier_comes_from_the_text(rule, text, read, identifier, parts):
    assert identifier in _derived(text, read), rule
    for part in parts:
        assert part in text, (rule, part)
        without = re.sub(re.escape(part) + r",?\s*", "", text, count=1)     # the piece and its separator
        assert identifier not in _derived(without, read), f"{rule}: {identifier} derived without {part!r}"


def test_the_table_walks_every_rule():
    """Every formation code of the Conseil d'État, both ECtHR kinds, every CELEX letter, every ELI type."""
    expected = [identifier for _, _, _, identifier, _ in RULES]
    assert {code for code in CE_CODES if any(f":{code}:" in e for e in expected)} == CE_CODES
    assert any("JUD" in e for e in expected) and any("DEC" in e for e in expected)
    assert {e[5:7] for e in expected if e[:1] == "6" and len(e) == 11} == {"CJ", "TJ", "CO"}
    assert {t for t in ("/loi/", "/decret/", "/ordonnance/", "/dir/", "/reg/") if any(t in e for e in expected)} \
        == {"/loi/", "/decret/", "/ordonnance/", "/dir/", "/reg/"}


@pytest.mark.parametrize("text", [
    # courts with no derivable ECLI, however complete the citation
    "Cour de cassation, chambre sociale, 4 mars 2020, pourvoi n° 19-13.316",
    "CAA de Lyon, 4ème chambre, 12/03/2019, 17LY02345",
    "TA de Montreuil, 12 janvier 2023, n° 2300154",
    "Tribunal des conflits, 9 décembre 2019, n° C4172",
    "CA Paris, pôle 6, ch. 2, 10 janvier 2019, n° 18/08357",
    "CPH de Paris, 4 décembre 2020, n° F 19/07738",
    # a part missing: no formation, no kind of ECtHR decision, no date, an ordonnance of a chamber
    "CE, 5 mai 2026, Fédération X, n° 502860",
    "CEDH, 21 janv. 2011, M.S.S. c. Belgique et Grèce, n° 30696/09",
    "Cons. const., déc. n° 2019-809 QPC",
    "Section du Contentieux - Ordonnance - 9ème chambre - n° 504082 - du 2026-03-06",
])
def test_no_ecli_without_all_its_parts(text):
    assert [c.ecli for c in extract(text) if c.kind == "decision"] == [None]
