"""Tables of courts: names and abbreviations, formations and chambers, seats, number shapes.

Everything the finder and the parser know about courts lives here, as data; the patterns are built from it.

>>> formation_code("CE", "10ème - 9ème chambres réunies"), formation_code("CE", "3ème / 8ème SSR")
('CECHR', 'CESSR')
>>> formation_code("CASS", "civ. 1re"), formation_code("CASS", "chambre sociale")
('C1', 'SO')
>>> seat_of_caa_number("15LY03630")
'Lyon'
"""
from __future__ import annotations

import re

A = r"[A-ZÉÈÀÂÎÔÛÇ]"          # an upper-case letter
L = r"[a-zéèêëàâäîïôöûüçœ]"    # a lower-case letter
ETAT = r"(?:[EÉ]tat|ETAT|ÉTAT)"

# --- Formal heads: the way a formal citation opens. Order matters (longest first). -------------------------
# code, pattern. A head is only a citation when a date or a number follows it.
FORMAL_HEADS: list[tuple[str, str]] = [
    # "Section du Contentieux - Décision - …": the Conseil d'État's judging section, in the open data's titles
    ("CE", rf"Conseil\s+d'\s*{ETAT}|Cons\.\s*d'\s*{ETAT}|C\.\s?E\.|CE(?=[\s,])"
           r"|Section\s+du\s+[Cc]ontentieux(?=\s+-\s)"),
    ("CASS", r"Cour\s+de\s+[Cc]assation|C\.\s?cass\.|Cass\.?(?=[\s,])"),
    ("CASS", r"(?:Civ\.\s*(?:[123](?:re|ère|e|ème)|I{1,3})|Soc\.|Crim\.|Com\.|Ch\.\s?mixte\.?|Ass\.\s?pl[ée]n\.)(?=\s*,)"),
    ("CASS", r"(?:[123](?:re|ère|e|ème|r))\s+[Cc]iv\.(?=\s*,)"),               # "1r Civ.": a slip, as printed
    ("CC", r"Conseil\s+constitutionnel|Cons\.\s*[Cc]onst\.|C\.\s?const\.|CC(?=\s*,)"),
    # "TC, 9 déc. 2019", and the initials before a date: "arrêt Société X, TC 12 janvier 1931"
    ("TC", r"Tribunal\s+des\s+[Cc]onflits|T\.\s?confl\.|TC(?=\s*,|\s+(?:1er|\d{1,2})\s+[a-zéû]{3})"),
    ("CJUE", r"Cour\s+de\s+justice\s+de\s+l'Union\s+europ[ée]enne|Cour\s+de\s+justice\s+des\s+Communaut[ée]s\s+"
             r"europ[ée]ennes|CJUE|CJCE|CJCE|CJ(?=\s*,)"),
    ("TUE", r"Tribunal\s+de\s+l'Union\s+europ[ée]enne|Tribunal\s+de\s+premi[èe]re\s+instance\s+des\s+Communaut[ée]s"
            r"\s+europ[ée]ennes|Trib\.\s?UE|TPICE|TUE(?=\s*,\s*(?:\d|[Gg](?:de|r\.|rde|rande)\s*ch|ord\.|T-))"),
    ("CEDH", r"Cour\s+europ[ée]enne\s+des\s+droits\s+de\s+l'homme|Cour\s+EDH|Cour\s+eur\.\s*D\.?\s?H\.?|CourEDH|"
             r"CEDH(?=[\s,]\s*(?:\d|gde|Gde|GC|G\.C\.|[Gg]r\.|[Gg]rde|d[ée]c|arr[êe]t|\w+\.?\s*sect|[Ss]ect|[Gg]rande|[Cc]omit|\(|\[))"),
    ("CNDA", r"Cour\s+nationale\s+du\s+droit\s+d'asile|CNDA(?=\s*,|\s+(?:GF|\d))"),
    ("CAA", r"(?:CAA|C\.A\.A\.|[Cc]our\s+[Aa]dministrative\s+d'\s*[Aa]ppel)"),
    ("TA", r"(?:TA|T\.A\.|[Tt]ribunal\s+[Aa]dministratif)"),
    ("CA", r"(?:CA|C\.A\.|[Cc]our\s+d'appel)"),
    ("CPH", r"(?:CPH|[Cc]onseil\s+de\s+prud'?\s*hom(?:m|)es|Cons\.\s*prud'h\.)"),
]
SEATED = {"CAA", "TA", "CA", "CPH"}

# --- Mentions in running prose (informal citations): the court as a noun phrase. ----------------------------
MENTIONS: list[tuple[str, str]] = [
    ("CJUE", r"Cour\s+de\s+justice\s+de\s+l'Union\s+europ[ée]enne|Cour\s+de\s+justice\s+des\s+Communaut[ée]s"
             r"\s+europ[ée]ennes|Cour\s+de\s+justice\s+de\s+l'UE|CJUE|CJCE|Cour\s+de\s+Luxembourg"),
    ("TUE", r"Tribunal\s+de\s+l'Union\s+europ[ée]enne|Tribunal\s+de\s+premi[èe]re\s+instance\s+des\s+Communaut[ée]s"
            r"\s+europ[ée]ennes"),
    ("CEDH", r"Cour\s+europ[ée]enne\s+des\s+droits\s+de\s+l'[Hh]omme|Cour\s+EDH|CEDH|Cour\s+de\s+Strasbourg"),
    ("CE", rf"[Cc]onseil\s+d'\s*{ETAT}|CONSEIL\s+D'{ETAT}|[Hh]aute\s+juridiction\s+administrative"),
    ("CASS", r"[Cc]our\s+de\s+cassation|COUR\s+DE\s+CASSATION"),
    ("CC", r"[Cc]onseil\s+constitutionnel|CONSEIL\s+CONSTITUTIONNEL|[Jj]uge\s+constitutionnel"),
    ("TC", r"[Tt]ribunal\s+des\s+conflits"),
    ("CNDA", r"Cour\s+nationale\s+du\s+droit\s+d'asile|CNDA"),
    ("CAA", r"[Cc]our\s+administrative\s+d'appel|CAA"),
    ("TA", r"[Tt]ribunal\s+administratif|TA(?=\s+(?:de|d')\s)"),
    ("CA", r"[Cc]our\s+d'appel"),
    ("CPH", r"[Cc]onseil\s+de\s+prud'?\s*hommes"),
]

def court_of_head(text: str) -> str | None:
    for code, p in FORMAL_HEADS:
        if re.match(p, text):
            return code
    return None


# --- Seats ------------------------------------------------------------------------------------------------
CAA_SEATS = {"BX": "Bordeaux", "DA": "Douai", "LY": "Lyon", "MA": "Marseille", "NC": "Nancy", "NT": "Nantes",
             "PA": "Paris", "TL": "Toulouse", "VE": "Versailles"}
_KNOWN_SEATS = sorted({
    *CAA_SEATS.values(), "Cergy-Pontoise", "Montreuil", "Melun", "Strasbourg", "Lille", "Rouen", "Caen", "Rennes",
    "Amiens", "Orléans", "Poitiers", "Limoges", "Clermont-Ferrand", "Grenoble", "Nice", "Toulon", "Montpellier",
    "Nîmes", "Pau", "Dijon", "Besançon", "Châlons-en-Champagne", "Saint-Denis de La Réunion", "La Réunion",
    "Mayotte", "Cayenne", "Basse-Terre", "Fort-de-France", "Nouvelle-Calédonie", "Polynésie française",
    "la Guadeloupe", "la Martinique", "la Guyane", "la Réunion", "Mamoudzou", "Papeete", "Nouméa", "Bastia",
    "Saint-Pierre-et-Miquelon", "Agen", "Aix-en-Provence", "Bourges", "Chambéry", "Colmar", "Metz", "Reims",
    "Riom", "Angers", "Saint-Denis", "Boulogne-Billancourt", "Bobigny", "Nanterre", "Créteil", "Évry", "Meaux",
}, key=len, reverse=True)
SEAT_PREPOSITION = r"(?:de\s+la\s+|de\s+l'|d'\s*|de\s+)"
#: the name of a seat, a known one or any capitalised (hyphenated) word, or one in capitals: "CAA de LYON"
SEAT_NAME = ("(?:" + "|".join(re.escape(s) for s in _KNOWN_SEATS)
             + rf"|{A}{L}+(?:-(?:{A}|{L})+)*(?:-{A}{L}+)*|{A}{{3,}}(?:-{A}+)*)(?![\w-])")
#: a seat, maybe after its preposition: "Lyon", "de Lyon", "d'Orléans"
SEAT = rf"(?:{SEAT_PREPOSITION}?{SEAT_NAME})"
_SEAT_RE = re.compile(SEAT)


_SEAT_SPELLING = {seat.casefold(): seat for seat in _KNOWN_SEATS}
_PARTICLES = {"en", "sur", "de", "la", "le", "les", "du", "et", "lès"}


def clean_seat(text: str) -> str:
    """The seat as named, without its preposition; one written in capitals as usually spelt: "LYON" → "Lyon".

    >>> clean_seat("de MARSEILLE"), clean_seat("CHALONS-EN-CHAMPAGNE"), clean_seat("d'Orléans")
    ('Marseille', 'Chalons-en-Champagne', 'Orléans')
    """
    s = re.sub(r"^(?:de\s+la\s+|de\s+l'|d'\s*|de\s+)", "", text.strip())
    s = re.sub(r"\s+", " ", s)
    if s.isupper():
        s = _SEAT_SPELLING.get(s.casefold()) or "-".join(
            part if i and part in _PARTICLES else part.capitalize()
            for i, part in enumerate(s.lower().split("-")))
    return s


def seat_of_caa_number(number: str) -> str | None:
    m = re.fullmatch(r"\d{2}([A-Z]{2})\d{5}", number)
    return CAA_SEATS.get(m.group(1)) if m else None


# --- Formations and chambers -------------------------------------------------------------------------------
ORD = r"\d{1,2}\s?(?:e|è|ème|eme|er|re|ère)"                 # 10ème, 1re, 9e
ORDX = r"\d{1,2}\s?(?:e|è|ème|eme|er|re|ère)?"               # also bare, as in "1/6 SSR"
_SEP = r"\s*(?:et|/|-|,|&)\s*"
# the Grand Chamber of the CJEU, the General Court and the ECtHR: "gde ch.", "gr. ch.", "grande chambre", "GC", "[GC]"
GRAND_CH = r"[Gg](?:de\.?|r\.|rde\.?|rande)\s*[Cc]h(?:\.|ambre)|GC|G\.C\.|\[\s?GC\s?\]|\(\s?GC\s?\)"
# a chamber of a court of appeal, with its ordinal, number, qualifier and section in any of the usual orders:
# "4e ch. com.", "1re ch. civ.", "ch. soc.", "ch. civ. 1", "pôle 6 - ch. 2", "chambre sociale", "2e ch., sect. A"
_CA_QUAL = (r"(?:civ(?:\.|ile)|soc(?:\.|iale)|com(?:\.|merciale)|corr(?:\.|ectionnelle)|sociale|commerciale|"
            r"correctionnelle|civile|famille|fam\.|app(?:\.|els)\s+corr(?:\.|ectionnels)|de\s+l'instruction|instr\.|"
            r"des\s+appels\s+correctionnels|des\s+mineurs|prud'?h(?:\.|ommale)|sécurité\s+sociale|expropriations?|"
            r"détention|exécution|urgences?)")
_CA_SECT = r"(?:\s*[,-]?\s*sect(?:\.|ion)\s*[A-Z0-9]{1,2}(?!\w)|\s*-\s*[A-Z](?![\w.]))?"
CA_CHAMBER = (rf"(?:[Pp]ôle\s+\d+\s*[,-]?\s*)?(?:(?:{ORD}\s*)?ch(?:\.|ambre)(?:\s+{_CA_QUAL})?(?:\s*\d{{1,2}}(?:[-/]\d{{1,2}})?(?![\w/]))?"
              rf"(?:\s+{_CA_QUAL})?{_CA_SECT}|{ORD}\s*(?:ch\.\s*)?{_CA_QUAL})|[Pp]ôle\s+\d+(?![\w])")

_ALONE = r"[Mm]agistrat\s+statuant\s+seul"                  # "9è ch Magistrat statuant seul"
# (court, regex, code); the first that matches wins. Codes of the CE are those of its ECLI.
FORMATIONS: list[tuple[str, str, str | None]] = [
    ("CE", r"[Aa]ss(?:\.|emblée(?:\s+du\s+contentieux)?)(?!\s?pl)", "CEASS"),
    ("CE", r"[Ss]ect(?:\.|ion(?:\s+du\s+contentieux)?)", "CESEC"),
    ("CE", rf"(?:{ORDX}(?:{_SEP}{ORDX})+)\s*(?:ch(?:\.|ambres)\s*r[ée]un(?:ies|\.)|CHR)|ch(?:\.|ambres)\s*r[ée]unies|CHR", "CECHR"),
    ("CE", rf"(?:{ORDX}(?:{_SEP}{ORDX})+)\s*(?:sous-sections?\s*r[ée]unies|s\.-s\.\s*r[ée]un\.|SSR)|SSR", "CESSR"),
    ("CE", rf"{ORD}\s*(?:sous-section(?:\s+jugeant\s+seule)?|s\.-s\.|SSJS|SJS)|SSJS|SJS|{ORDX}\s*ss(?![\w.])", "CESJS"),
    ("CE", rf"{ORD}\s*(?:ch(?:\.|ambre)(?:\s+jugeant\s+seule)?|CHS)|chambre\s+jugeant\s+seule|CHS", "CECHS"),
    ("CE", r"(?:[Jj]uge\s+des\s+)?r[ée]f(?:\.|[ée]r[ée]s?)(?:[\s-]+(?:libert[ée]|suspension|mesures[\s-]utiles|provision))?"
           r"(?:\s*,\s*formation\s+coll[ée]giale)?|[Oo]rd(?:\.|onnance)(?:\s+(?:de\s+)?r[ée]f(?:\.|[ée]r[ée]))?|JRCE", "CEORD"),
    ("CASS", r"(?:[Cc]iv\.?\s*(?:1|I)(?:re|ère|e)?|(?:1re|1ère|1e)\s+[Cc]iv\.|[Pp]remi[èe]re\s+chambre\s+civile|[Cc]hambre\s+civile\s+1(?!\d)|1re\s+chambre\s+civile)", "C1"),
    ("CASS", r"(?:[Cc]iv\.?\s*(?:2|II)(?:e|ème|nde)?|(?:2e|2ème)\s+[Cc]iv\.|[Dd]euxi[èe]me\s+chambre\s+civile|[Cc]hambre\s+civile\s+2(?!\d)|2e\s+chambre\s+civile)", "C2"),
    ("CASS", r"(?:[Cc]iv\.?\s*(?:3|III)(?:e|ème)?|(?:3e|3ème)\s+[Cc]iv\.|[Tt]roisi[èe]me\s+chambre\s+civile|[Cc]hambre\s+civile\s+3(?!\d)|3e\s+chambre\s+civile)", "C3"),
    ("CASS", r"[Cc]om(?:\.|merciale)|[Cc]hambre\s+commerciale(?:,?\s+financi[èe]re\s+et\s+[ée]conomique)?", "CO"),
    ("CASS", r"[Ss]oc(?:\.|iale)|[Cc]hambre\s+sociale", "SO"),
    ("CASS", r"[Cc]rim(?:\.|inelle)|[Cc]hambre\s+criminelle", "CR"),
    ("CASS", r"[Aa]ss(?:\.|emblée)\s?pl[ée]n(?:\.|ière)|AP(?=[\s,])", "AP"),
    ("CASS", r"[Cc]h(?:\.|ambre)\s?mixte", "MI"),
    ("CASS", r"[Aa]vis", "AV"),
    ("CASS", r"[Cc]ivile", None),                 # Légifrance's "Cour de cassation, civile, Chambre civile 1, …"
    ("CJUE", GRAND_CH, "GC"),
    ("CJUE", rf"{ORD}\s*ch(?:\.|ambre)", "CH"),
    ("CJUE", r"[Oo]rd(?:\.|onnance)", "ORD"),
    ("TUE", GRAND_CH + "|" + rf"{ORD}\s*ch(?:\.|ambre)(?:\s+[ée]largie)?", "CH"),
    ("TUE", r"[Oo]rd(?:\.|onnance)", "ORD"),
    ("CEDH", GRAND_CH, "GC"),
    ("CEDH", rf"{ORD}\s*sect(?:\.|ion)|[Ss]ect(?:\.|ion)\s+\d", "SECT"),
    ("CEDH", r"d[ée]c(?:\.|ision)(?:\s+d'irrecevabilit[ée])?|d[ée]c\.\s*irrec\.", "DEC"),
    ("CEDH", r"[Cc]omit[ée]", "COMITE"),
    ("TC", r"[Ss]ect(?:\.|ion)", None),
    ("CAA", rf"{ORD}\s*ch(?:\.|ambre)(?:\s+-?\s*formation\s+[àa]\s+\d\s*\(?(?:bis|ter)?\)?)?|[Pp]l[ée]n(?:\.|ière)|[Ff]ormation\s+pl[ée]ni[èe]re", None),
    ("TA", rf"{ORD}\s*ch(?:\.|ambre)?(?:\s*,?\s*{ORD}\s*sect(?:\.|ion))?(?:\s+{_ALONE})?|{_ALONE}|{ORD}\s*sect(?:\.|ion)(?:\s*,?\s*{ORD}\s*ch(?:\.|ambre))?|[Pp]l[ée]n(?:\.|ière)|[Jj]uge\s+des\s+r[ée]f[ée]r[ée]s|r[ée]f\.|[Oo]rd\.", None),
    ("CA", CA_CHAMBER, None),
    ("CPH", rf"(?:[Ss]ection|[Ss]ect\.)\s+\w+|[Ff]ormation\s+de\s+r[ée]f[ée]r[ée]|{ORD}\s*ch(?:\.|ambre)", None),
    ("CNDA", rf"GF|[Gg]rande\s+formation|[Ss]ections\s+r[ée]unies|{ORD}\s*[Ss]ect(?:\.|ion)(?:\s*,?\s*{ORD}\s*[Cc]h(?:\.|ambre))?"
             r"|[Jj]uge\s+unique", None),
]
_FORMATION_RX: dict[str, list[tuple[re.Pattern, str | None]]] = {}
for _court, _p, _code in FORMATIONS:
    _FORMATION_RX.setdefault(_court, []).append((re.compile(_p), _code))


def formation_patterns(court: str) -> list[tuple[re.Pattern, str | None]]:
    return _FORMATION_RX.get(court, [])


def formation_code(court: str, text: str) -> str | None:
    for rx, code in formation_patterns(court):
        if rx.fullmatch(text.strip()):
            return code
    return None


# --- Number shapes -----------------------------------------------------------------------------------------
CC_TYPES = ("QPC", "DC", "LP", "LOM", "L", "FNR", "AN", "SEN", "PDR", "REF", "ELEC", "RIP", "ORGA", "AR16",
            "CMP", "NOM", "ELEC", "I", "D", "AUTR")
CC_NUMBER = r"(?:19|20)?\d{2}-\d{1,4}(?:\s?/\s?\d{1,4})*\s?(?:" + "|".join(sorted(set(CC_TYPES), key=len, reverse=True)) + r")(?![\w-])"

NUMBER_SHAPES: dict[str, str] = {
    "CE": r"\d{5,6}(?![\d/-]|\.\d)",
    "TA": r"\d{7}(?:/\d{1,2}(?:-\d{1,2})?(?![\d/]))?(?![\d/])|\d{2}[A-Z]{2}\d{5}|\d{2}-\d{3,5}(?![\d/])",
    "CAA": r"\d{2}[A-Z]{2}\d{5}(?!\w)",
    "CASS": r"[A-Z]?\s?\d{2}-\s?\d{2}\.?\d{3}(?!\d|\.\d)|\d{2}-\d{5}(?!\d|\.\d)|\d{5}(?!\d|\.\d)",
    "CC": CC_NUMBER,
    "TC": r"C\d{3,5}(?!\d)|\d{3,5}(?![\d/])",
    "CJUE": r"(?:aff(?:\.|aires?)\s*(?:jointes\s*)?)?(?:C-\d{1,4}/\d{2}(?:\s?(?:PPU|P|R|DEP|OP)(?![\w]))?|\d{1,4}/\d{2})(?![\d/])",
    "TUE": r"(?:aff(?:\.|aires?)\s*(?:jointes\s*)?)?T-\d{1,4}/\d{2}(?![\d/])",
    "CEDH": r"\d{1,6}/\d{2}(?![\d/])",
    "CNDA": r"\d{8}(?!\d)|\d{6,7}(?![\d/])",
    "CA": r"(?:n°\s*)?(?:RG\s*:?\s*)?(?:n°\s*)?\d{2}/\d{4,5}(?![\d/])|\d{2}/\d{2}\.\d{3}",
    "CPH": r"(?:RG\s*:?\s*)?(?:n°\s*)?F?\s?\d{2}/\d{4,5}(?![\d/])",
}
# joiners of a court's numbers besides ",", "et", "&", "/": the ECtHR's applications "n° 12345/16 ; 23456/17"
MORE_JOINERS = {"CEDH": "|;"}
# shapes that may stand after a comma without ``n°`` (everything else needs ``n°``)
BARE_NUMBER_COURTS = {"CE", "TA", "CAA", "CJUE", "TUE", "CC", "TC", "CNDA"}
# distinctive shapes of the other courts, accepted bare after a comma
BARE_SHAPES = {"CASS": r"\d{2}-\d{2}\.\d{3}(?!\d|\.\d)", "CEDH": r"\d{3,6}/\d{2}(?![\d/])",
               "CA": r"\d{2}/\d{5}(?![\d/])", "CPH": r"F?\s?\d{2}/\d{5}(?![\d/])"}


# The courts' names, for the graph's court concepts.
COURT_NAMES = {
    "CE": "Conseil d'État",
    "CASS": "Cour de cassation",
    "CC": "Conseil constitutionnel",
    "TC": "Tribunal des conflits",
    "CAA": "Cour administrative d'appel",
    "TA": "Tribunal administratif",
    "CA": "Cour d'appel",
    "CPH": "Conseil de prud'hommes",
    "CJUE": "Cour de justice de l'Union européenne",
    "TUE": "Tribunal de l'Union européenne",
    "CEDH": "Cour européenne des droits de l'homme",
    "CNDA": "Cour nationale du droit d'asile",
}
