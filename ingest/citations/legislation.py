"""Texts of law: lois, ordonnances, décrets, arrêtés, circulaires, code articles, EU directives and regulations.

>>> [(c.type, c.number, c.date) for c in find_legislation("la loi n° 2016-1321 du 7 octobre 2016 et le décret n° 2002-65")]
[('loi', '2016-1321', '2016-10-07'), ('decret', '2002-65', None)]
>>> [(c.type, c.code, c.article) for c in find_legislation("l'article L. 554-1 du CESEDA et l'article 375-3, 3°, du code civil")]
[('code-article', 'CESEDA', 'L554-1'), ('code-article', 'CCIV', '375-3')]
>>> [(c.type, c.number) for c in find_legislation("directive n° 2013/33/UE ; règlement (CE) n° 1107/2009 ; règlement (UE) 2016/679")]
[('directive-ue', '2013/33'), ('reglement-ue', '1107/2009'), ('reglement-ue', '2016/679')]
>>> normalize_article("R. 123-4"), normalize_article("L.O. 176"), normalize_article("1er")
('R123-4', 'LO176', '1')
"""
from __future__ import annotations

import re

from hemicycle.ingest.citations.anchors import anchors
from hemicycle.ingest.citations.dates import DATE, date_from_match
from hemicycle.ingest.citations.models import LegislationCitation

# code id → (full names, abbreviations)
CODES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "CESEDA": (("code de l'entrée et du séjour des étrangers et du droit d'asile",), ("CESEDA", "Ceseda")),
    "CGI": (("code général des impôts",), ("CGI",)),
    "CGCT": (("code général des collectivités territoriales",), ("CGCT",)),
    "CSP": (("code de la santé publique",), ("CSP", "C. santé publ.")),
    "CSS": (("code de la sécurité sociale",), ("CSS", "C. sécu. soc.", "C. séc. soc.")),
    "CPCE": (("code des postes et des communications électroniques",), ("CPCE",)),
    "CRPA": (("code des relations entre le public et l'administration",), ("CRPA",)),
    "CSI": (("code de la sécurité intérieure",), ("CSI",)),
    "CRPM": (("code rural et de la pêche maritime", "code rural"), ("CRPM",)),
    "CCIV": (("code civil",), ("C. civ.",)),
    "CPEN": (("code pénal",), ("C. pén.",)),
    "CTRAV": (("code du travail",), ("C. trav.",)),
    "CEDUC": (("code de l'éducation",), ("C. éduc.",)),
    "CURB": (("code de l'urbanisme",), ("C. urb.",)),
    "CENV": (("code de l'environnement",), ("C. envir.", "C. env.")),
    "CCOM": (("code de commerce",), ("C. com.",)),
    "CPP": (("code de procédure pénale",), ("CPP", "C. pr. pén.")),
    "CPC": (("code de procédure civile",), ("CPC", "C. pr. civ.")),
    "CJA": (("code de justice administrative",), ("CJA",)),
    "CCH": (("code de la construction et de l'habitation",), ("CCH",)),
    "CASF": (("code de l'action sociale et des familles",), ("CASF",)),
    "CCONSO": (("code de la consommation",), ("C. consom.",)),
    "CTRANSP": (("code des transports",), ()),
    "CROUTE": (("code de la route",), ()),
    "CMF": (("code monétaire et financier",), ("CMF",)),
    "CASSUR": (("code des assurances",), ("C. assur.",)),
    "CDEF": (("code de la défense",), ()),
    "CSPORT": (("code du sport",), ()),
    "CENERG": (("code de l'énergie",), ()),
    "CFOR": (("code forestier",), ()),
    "CPI": (("code de la propriété intellectuelle",), ("CPI",)),
    "CELECT": (("code électoral",), ()),
    "CGFP": (("code général de la fonction publique", "code de la fonction publique"), ("CGFP",)),
    "CCP": (("code de la commande publique",), ("CCP",)),
    "CJF": (("code des juridictions financières",), ("CJF",)),
    "CPATR": (("code du patrimoine",), ()),
    "CMIN": (("code minier",), ()),
    "CMUT": (("code de la mutualité",), ()),
    "CTOUR": (("code du tourisme",), ()),
    "CVR": (("code de la voirie routière",), ()),
    "CG3P": (("code général de la propriété des personnes publiques",), ("CG3P", "CGPPP")),
    "CDOUANES": (("code des douanes",), ()),
    "LPF": (("livre des procédures fiscales",), ("LPF",)),
    "COJ": (("code de l'organisation judiciaire",), ("COJ",)),
    "CJPM": (("code de la justice pénale des mineurs",), ("CJPM",)),
    "CPENIT": (("code pénitentiaire",), ()),
    "CPCMR": (("code des pensions civiles et militaires de retraite",), ()),
    "CSN": (("code du service national",), ()),
    "CCINE": (("code du cinéma et de l'image animée",), ()),
    "CARTIS": (("code de l'artisanat",), ()),
    "CEXPRO": (("code de l'expropriation pour cause d'utilité publique",), ()),
    "CPCIV": (("code des procédures civiles d'exécution",), ("CPCE exéc.",)),
}
_CODE_LOOKUP: dict[str, str] = {}
_code_alts = []
for _id, (_names, _abbrs) in CODES.items():
    for _n in _names:
        _CODE_LOOKUP[_n.lower().replace("é", "e").replace("è", "e")] = _id
        _name = re.escape(_n[1:]).replace(r"\ ", r"\s+")     # a name may run over a line break
        _code_alts.append((len(_n), r"[Cc]" + _name.replace("'", r"'\s*") if _n.startswith("code") else r"[Ll]" + _name))
    for _a in _abbrs:
        _CODE_LOOKUP[_a.lower()] = _id
        _code_alts.append((len(_a), re.escape(_a).replace(r"\ ", r"\s?") + r"(?![\w])"))
_code_alts.sort(reverse=True)
CODE_RE = "(?:" + "|".join(p for _, p in _code_alts) + ")"
_CODE_NAME = re.compile(CODE_RE)


def code_id(name: str) -> str | None:
    key = re.sub(r"\s+", " ", name.strip()).lower()
    return _CODE_LOOKUP.get(key.replace("é", "e").replace("è", "e")) or _CODE_LOOKUP.get(key) \
        or _CODE_LOOKUP.get(re.sub(r"\.\s?", ". ", key).strip())


NUM_MARK = r"(?:[Nn]\s?°\s?s?\.?|[Nn]o\.?(?=\s?\d))"
ART = (r"(?:L\.?\s?O\.?|[LRDA]\.?\s?\*?|)\s?\d+(?:-\s?\d+)*(?:\s(?:bis|ter|quater|quinquies|sexies|septies|octies|"
       r"nonies|decies|[A-H]{1,2}(?![\w'.])))?(?:er)?|premier")
_ART_ONE = re.compile(ART)
_ARTICLES = re.compile(
    rf"(?P<arts>(?:{ART})(?:\s*(?:,|et|à|ou)\s*(?:(?:l'|les\s+)?articles?\s+)?(?:{ART})(?![\d°]))*)"
    rf"(?P<qual>(?:\s*,?\s*(?:\d+°|[IVX]+(?![\w])|alin[ée]a\s+\d+|al\.\s*\d+|(?:\d+(?:er|e|ème)|premier|dernier)\s+alin[ée]a|paragraphe\s+\d+|§\s?\d+|point\s+\w+|[a-h]\)|et\s+suivants|et\s+s\.))*)")
_ART_TARGET = re.compile(
    rf"\s*,?\s*(?:(?P<same>du\s+m[êe]me\s+code|dudit\s+code|de\s+ce\s+code|du\s+code\s+pr[ée]cit[ée])"
    rf"|(?:du|de\s+la|de\s+l'\s*|des|au)?\s*(?P<code>{CODE_RE})"
    rf"|(?:de\s+la|du)\s+(?P<const>Constitution)(?:\s+du\s+4\s+octobre\s+1958)?"
    rf"|(?:de\s+la|du)\s+(?P<cedh>Convention\s+europ[ée]enne\s+(?:de\s+sauvegarde\s+)?des\s+droits\s+de\s+l'homme(?:\s+et\s+des\s+libert[ée]s\s+fondamentales)?|CEDH|Convention\s+EDH|Conv\.\s*EDH)"
    rf"|(?:du\s+)?(?P<tfue>TFUE|trait[ée]\s+sur\s+le\s+fonctionnement\s+de\s+l'Union\s+europ[ée]enne)"
    rf"|(?:du\s+)?(?P<tue>TUE|trait[ée]\s+sur\s+l'Union\s+europ[ée]enne)"
    rf"|(?:de\s+la\s+)?(?P<charte>Charte\s+des\s+droits\s+fondamentaux(?:\s+de\s+l'Union\s+europ[ée]enne)?)"
    rf"|(?:de\s+la\s+|du\s+|de\s+l'\s*)(?P<text>(?=(?:loi|d[ée]cret|ordonnance|arr[êe]t[ée]|r[èe]glement|directive)\b)))")

_TEXT_HEAD = re.compile(
    r"(?:(?P<loi>[Ll]oi|LOI)(?:\s+(?P<lq>organique|constitutionnelle|de\s+programmation|de\s+finances(?:\s+rectificative)?(?:\s+pour\s+\d{4})?|de\s+financement\s+de\s+la\s+s[ée]curit[ée]\s+sociale(?:\s+pour\s+\d{4})?))?"
    r"|(?P<ord>[Oo]rdonnance)"
    r"|(?P<dec>[Dd][ée]cret|D[ÉE]CRET)(?:\s+(?P<dq>en\s+Conseil\s+d'\s*[ÉE]tat|simple|d'application))?"
    r"|(?P<arr>[Aa]rr[êe]t[ée])(?:\s+(?P<aq>minist[ée]riel|interminist[ée]riel|pr[ée]fectoral|municipal|conjoint|royal))?"
    r"|(?P<circ>[Cc]irculaire)(?:\s+(?P<cq>minist[ée]rielle|interminist[ée]rielle))?"
    r"|(?P<dir>[Dd]irective)(?:\s+(?:d[ée]l[ée]gu[ée]e|d'ex[ée]cution))?"
    r"|(?P<reg>[Rr][èe]glement)(?:\s+(?:d[ée]l[ée]gu[ée]|d'ex[ée]cution))?"
    r"|(?P<art>[Aa]rticles?|[Aa]rt\.))(?![\w-])")

_FR_NUMBER = re.compile(rf"\s*(?:{NUM_MARK})\s*(?P<num>\d{{2,4}}-\d{{1,5}}(?:-\d+)?)(?![\d/])")
_CIRC_NUMBER = re.compile(rf"\s*(?:{NUM_MARK}\s*(?P<num>[\w/.-]*\d[\w/.-]*)|\s*NOR\s*:?\s*(?P<nor>[A-Z]{{4}}\d{{7}}[A-Z]))")
_DATE_AFTER = re.compile(rf"\s*,?\s*(?:du|en\s+date\s+du)\s+{DATE}")
_EU_NUMBER = re.compile(
    rf"\s*(?:\((?P<pfx>UE|CE|CEE|Euratom|UE,\s*Euratom)\)\s*)?(?:{NUM_MARK}\s*)?(?P<a>\d{{1,4}})/(?P<b>\d{{1,4}})(?:/(?P<sfx>UE|CE|CEE|Euratom))?(?![\d/])")
_EU_TAIL = re.compile(rf"(?:\s+du\s+Parlement\s+europ[ée]en\s+et\s+du\s+Conseil|\s+du\s+Conseil|\s+de\s+la\s+Commission)?\s*,?\s+du\s+{DATE}")


def normalize_article(a: str) -> str:
    a = re.sub(r"-\s+", "-", re.sub(r"\s+", " ", a.strip()))          # "R. 811- 25": a line's end, as printed
    if a == "premier":
        return "1"
    m = re.match(r"(L\.?\s?O\.?|[LRDA]\.?\s?(\*?))\s?(.*)$", a)
    if m and m.group(3)[:1].isdigit():
        letter = re.sub(r"[.\s]", "", m.group(1))
        a = letter + m.group(3)
    a = re.sub(r"(?<=\d)er$", "", a)
    return a


def _year_of(number: str) -> int | None:
    y = number.split("-")[0]
    if len(y) == 4:
        return int(y)
    if len(y) == 2:
        return int(("19" if int(y) > 40 else "20") + y)
    return None


def find_legislation(text: str, *, _source: str | None = None,
                     hits: dict[str, list[int]] | None = None) -> list[LegislationCitation]:
    """Citations of texts of law; ``hits`` are the text's anchors (see :mod:`.anchors`), found here when not
    given."""
    source = _source if _source is not None else text
    out: list[LegislationCitation] = []
    last_code: str | None = None
    last_code_end = 0
    for p in (hits or anchors(text))["law"]:
        if (out and p < out[-1].end) or (p and (text[p - 1].isalnum() or text[p - 1] in "-_")):
            continue
        m = _TEXT_HEAD.match(text, p)
        if m is None:
            continue
        kind = m.lastgroup if m.lastgroup in ("loi", "ord", "dec", "arr", "circ", "dir", "reg", "art") else None
        if kind is None:
            kind = next(k for k in ("loi", "ord", "dec", "arr", "circ", "dir", "reg", "art") if m.group(k))
        start, pos = m.start(), m.end()
        if kind == "art":
            c = _article(text, source, m, last_code, last_code_end)
            if c is not None:
                if c.type == "code-article" and c.code:
                    last_code, last_code_end = c.code, c.end
                out.append(c)
            continue
        c = _text_of_law(text, source, kind, m, start, pos)
        if c is not None:
            out.append(c)
    return out


def _text_of_law(text, source, kind, m, start, pos, article=None, articles=()):
    if kind in ("dir", "reg"):
        n = _EU_NUMBER.match(text, pos)
        if not n:
            return None
        a, b = n.group("a"), n.group("b")
        if kind == "dir":
            year, num = a, b
        elif n.group("pfx") == "UE" and len(a) == 4 and not n.group("sfx") and int(a) >= 2015:
            year, num = a, b
        elif len(b) in (2, 4) and (len(b) == 2 or 1950 <= int(b) <= 2100):
            year, num = b, a
        else:
            year, num = a, b
        if len(year) == 2:
            year = ("19" if int(year) > 40 else "20") + year
        if len(year) != 4 or not num.isdigit():
            return None
        end = n.end()
        date = None
        t = _EU_TAIL.match(text, end)
        if t:
            date = date_from_match(t)
            end = t.end()
        typ = "directive-ue" if kind == "dir" else "reglement-ue"
        return LegislationCitation(text=source[start:end], start=start, end=end, type=typ,
                                   number=f"{a}/{b}", date=date.iso if date else None, year=int(year),
                                   article=article, articles=articles)
    typ = {"loi": "loi", "ord": "ordonnance", "dec": "decret", "arr": "arrete", "circ": "circulaire"}[kind]
    qualifier = m.group("lq") or m.group("dq") or m.group("aq") or m.group("cq")
    if kind == "dec" and m.group("dq") and m.group("dq").startswith("en"):
        pos = m.end("dec")            # "décret en Conseil d'État" names a procedure, not a text
        qualifier = None
        if not (_FR_NUMBER.match(text, m.end()) or _DATE_AFTER.match(text, m.end())):
            return None
        pos = m.end()
    number = None
    n = (_CIRC_NUMBER if kind == "circ" else _FR_NUMBER).match(text, pos)
    if n:
        number = n.group("num") or (n.groupdict().get("nor"))
        pos = n.end()
    date = None
    d = _DATE_AFTER.match(text, pos)
    if d:
        date = date_from_match(d)
        pos = d.end()
    if number is None and (date is None or date.year is None):
        return None
    if kind == "ord" and _COURT_AFTER.match(text, pos):
        return None                  # an ordonnance of a judge: a decision
    year = date.year if date and date.year else (_year_of(number) if number and kind != "circ" else None)
    return LegislationCitation(text=source[start:pos], start=start, end=pos, type=typ, number=number,
                               date=date.iso if date else None, year=year, qualifier=_q(qualifier),
                               article=article, articles=articles)


_COURT_AFTER = re.compile(r"\s*,?\s*(?:du|de\s+la|rendue\s+par|par)\s+(?:le\s+|la\s+)?(?:juge|pr[ée]sident|tribunal|Conseil\s+d'|cour|Cour|CE\b|TA\b)")


def _q(q):
    return re.sub(r"\s+", " ", q) if q else None


#: a code named, which may be one the extractor does not know
_OTHER_CODE = re.compile(r"\b[Cc]ode\s+(?:de\s+la|de\s+l'|des|du|de|d')\s*\w")


def _article(text, source, m, last_code, last_code_end=0):
    a = _ARTICLES.match(text, m.end() + (1 if text[m.end():m.end() + 1] == " " else 0))
    if not a or not a.group("arts").strip():
        return None
    arts = [normalize_article(x.group()) for x in _ART_ONE.finditer(a.group("arts")) if x.group().strip()]
    if not arts:
        return None
    pos = a.end()
    t = _ART_TARGET.match(text, pos)
    start = m.start()
    if t:
        if t.group("text") is not None:
            head = _TEXT_HEAD.match(text, t.end())
            if head:
                kind = next(k for k in ("loi", "ord", "dec", "arr", "circ", "dir", "reg") if head.group(k))
                c = _text_of_law(text, source, kind, head, start, head.end(), article=arts[0], articles=tuple(arts))
                if c is not None:
                    return c
            return None
        for typ in ("const", "cedh", "tfue", "tue", "charte"):
            if t.group(typ):
                name = {"const": "constitution", "cedh": "convention-edh", "tfue": "tfue", "tue": "tue",
                        "charte": "charte-ue"}[typ]
                return LegislationCitation(text=source[start:t.end()], start=start, end=t.end(), type=name,
                                           article=arts[0], articles=tuple(arts))
        code = code_id(t.group("code")) if not t.group("same") else (
            None if _OTHER_CODE.search(text, last_code_end, start) else last_code)  # "l'article 13 du code de la
                                                     # nationalité … l'article 152 du même code": not ours
        return LegislationCitation(text=source[start:t.end()], start=start, end=t.end(), type="code-article",
                                   code=code, article=arts[0], articles=tuple(arts))
    if re.match(r"(?:L|R|D|LO)\d", arts[0]):
        end = m.end() + len(a.group("arts")) + (1 if text[m.end():m.end() + 1] == " " else 0)
        return LegislationCitation(text=source[start:end], start=start, end=end, type="code-article",
                                   code=None, article=arts[0], articles=tuple(arts))
    return None
