"""The replaceable resolver: what a citation points to (ECLI, CELEX, ELI, IRI, pages), by rule, never by guess.

:func:`resolve` is the default; :func:`hemicycle.ingest.citations.extract.extract` takes any function with the
same signature (a citation in, a citation out).

>>> from .models import DecisionCitation as D
>>> resolve(D("", 0, 0, court="CC", date="2012-07-27", numbers=("2012-270 QPC",))).ecli
'ECLI:FR:CC:2012:2012.270.QPC'
>>> resolve(D("", 0, 0, court="CC", date="2018-02-08", numbers=("2017-694 QPC",))).ecli
'ECLI:FR:CC:2018:2017.694.QPC'
>>> resolve(D("", 0, 0, court="CE", formation_code="CEASS", date="2019-07-19", numbers=("426389",))).ecli
'ECLI:FR:CEASS:2019:426389.20190719'
>>> resolve(D("", 0, 0, court="CE", date="2026-05-05", numbers=("502860",))).ecli is None
True
>>> resolve(D("", 0, 0, court="CEDH", date="2011-01-21", numbers=("30696/09",), decision_type="JUD")).ecli
'ECLI:CE:ECHR:2011:0121JUD003069609'
>>> resolve(D("", 0, 0, court="CEDH", date="2011-01-21", numbers=("30696/09",))).ecli is None
True
>>> resolve(D("", 0, 0, court="CJUE", numbers=("C-311/18",))).celex
'62018CJ0311'
"""
from __future__ import annotations

import re
from dataclasses import fields
from operator import attrgetter

from hemicycle.ontology.iris import Minter
from hemicycle.ingest.citations.models import Citation, DecisionCitation, LegislationCitation

CE_CODES = {"CEASS", "CESEC", "CECHR", "CECHS", "CESSR", "CESJS", "CEORD"}
_REGION = {"CE": "fr", "CASS": "fr", "CC": "fr", "TC": "fr", "CAA": "fr", "TA": "fr", "CA": "fr", "CPH": "fr",
           "CNDA": "fr", "CJUE": "eu", "TUE": "eu", "CEDH": "coe"}
_CC_NUM = re.compile(r"((?:19|20)?\d{2})-(\d{1,4}) ([A-Z]+\d*)$")
_CEDH_NUM = re.compile(r"(\d{1,6})/(\d{2})$")
_CJEU_NUM = re.compile(r"([CT])-(\d{1,4})/(\d{2})(?:P)?$|(\d{1,4})/(\d{2})$")


def resolve(c: Citation, iris: Minter | None = None) -> Citation:
    """Identity of one citation; IRIs are minted by ``iris`` (default: the configured base)."""
    iris = iris or _default_iris()
    if isinstance(c, DecisionCitation):
        return resolve_decision(c, iris)
    return resolve_legislation(c, iris)


def resolver_for(iris: Minter) -> "RememberingResolver":
    """The default resolver, minting under another base (and remembering what it resolved)."""
    return RememberingResolver(iris)


class RememberingResolver:
    """:func:`resolve`, minting under ``iris``, that remembers what it resolved.

    The same law, code article or decision is cited again and again, and what a citation resolves to depends
    on what it states, not on where it stands: a citation stating what an earlier one stated gets that one's
    identifiers, with its own text and offsets.
    """

    SIZE = 1 << 16  # remembered citations; forgotten all at once when full

    def __init__(self, iris: Minter):
        self.iris = iris
        self.known: dict[tuple, Citation] = {}

    def __call__(self, c: Citation) -> Citation:
        key = (type(c), _STATED[type(c)](c))
        known = self.known.get(key)
        if known is None:
            if len(self.known) >= self.SIZE:
                self.known.clear()
            self.known[key] = resolved = resolve(c, self.iris)
            return resolved
        return known.with_(text=c.text, start=c.start, end=c.end)

    def __getstate__(self):  # a copy (a worker process) starts with nothing remembered
        return {"iris": self.iris, "known": {}}


# Everything a citation states but its text and offsets: what its identity is derived from.
_STATED = {cls: attrgetter(*(f.name for f in fields(cls) if f.name not in ("text", "start", "end")))
           for cls in (DecisionCitation, LegislationCitation)}

_DEFAULT: list[Minter] = []


def _default_iris() -> Minter:
    if not _DEFAULT:
        _DEFAULT.append(Minter())
    return _DEFAULT[0]


# --- decisions ---------------------------------------------------------------------------------------------
def decision_ecli(c: DecisionCitation) -> str | None:
    """The ECLI the rules of citations.md derive from what the citation states, or None."""
    if c.date is None or not c.numbers:
        return None
    y, mo, d = c.date.split("-")
    if c.court == "CE":
        code = c.formation_code
        if code not in CE_CODES or len(c.numbers) != 1 or not re.fullmatch(r"\d{5,6}", c.numbers[0]):
            return None
        if c.decision_type == "ORD" and code != "CEORD":
            return None                       # an ordonnance of a chamber's president: which code, the text
                                              # does not say
        if code in ("CECHR", "CECHS") and c.date < "2016-01-01":
            return None
        if code in ("CESSR", "CESJS") and c.date >= "2016-01-01":
            return None
        return f"ECLI:FR:{code}:{y}:{c.numbers[0]}.{y}{mo}{d}"
    if c.court == "CC":
        parts = [_CC_NUM.match(n) for n in c.numbers]
        if not all(parts) or len({p.group(1) for p in parts}) != 1 or len({p.group(3) for p in parts}) != 1:
            return None
        ordinal = ".".join([parts[0].group(1), *(p.group(2) for p in parts), parts[0].group(3)])
        return f"ECLI:FR:CC:{y}:{ordinal}"
    if c.court == "CEDH":
        if len(c.numbers) != 1 or not (m := _CEDH_NUM.match(c.numbers[0])) or c.decision_type not in ("JUD", "DEC"):
            return None                       # judgment or decision: only when the text says which
        return f"ECLI:CE:ECHR:{y}:{mo}{d}{c.decision_type}{int(m.group(1)):07d}{m.group(2)}"
    return None


def cjeu_celex(c: DecisionCitation) -> str | None:
    if c.court not in ("CJUE", "TUE") or not c.numbers:
        return None
    m = _CJEU_NUM.match(c.numbers[0].replace(" ", ""))
    if not m:
        return None
    if m.group(1):
        letter, num, yy = m.group(1), m.group(2), m.group(3)
    else:
        letter, num, yy = "C", m.group(4), m.group(5)
    year = ("19" if int(yy) > 50 else "20") + yy
    doc = "O" if c.formation_code == "ORD" else "J"
    return f"6{year}{letter}{doc}{int(num):04d}"


def decision_iri(c: DecisionCitation, iris: Minter) -> str | None:
    if c.court is None or c.date is None or not c.numbers:
        return None
    court = f"{c.court}-{c.seat}" if c.seat else c.court  # TA numbers are the tribunal's own
    return iris.decision(_REGION[c.court], court, c.date, c.numbers[0]).value


def decision_pages(c: DecisionCitation, ecli: str | None, celex: str | None) -> tuple[str, ...]:
    pages = []
    one = c.numbers[0] if len(c.numbers) == 1 else None
    if c.court == "CE" and c.date and one and one.isdigit():
        pages.append(f"https://www.conseil-etat.fr/fr/arianeweb/CE/decision/{c.date}/{one}")
        pages.append(f"https://juricaf.org/arret/FRANCE-CONSEILDETAT-{c.date.replace('-', '')}-{one}")
    if c.court == "CC" and c.date and one and (m := _CC_NUM.match(one)) and len(m.group(1)) == 4:
        pages.append(f"https://www.conseil-constitutionnel.fr/decision/{c.date[:4]}/{m.group(1)}{m.group(2)}{m.group(3)}.htm")
    if c.court == "CASS" and c.date and one and re.fullmatch(r"\d{2}-\d{2}\.\d{3}", one):
        digits = re.sub(r"\D", "", one)
        pages.append(f"https://juricaf.org/arret/FRANCE-COURDECASSATION-{c.date.replace('-', '')}-{digits}")
    if celex:
        pages.append(f"https://eur-lex.europa.eu/legal-content/FR/TXT/?uri=CELEX:{celex}")
    if c.court in ("CJUE", "TUE") and c.numbers:
        pages.append(f"https://curia.europa.eu/juris/liste.jsf?num={c.numbers[0]}&language=fr")
    if ecli:
        pages.append(f"https://e-justice.europa.eu/ecli/{ecli}")
    return tuple(pages)


def resolve_decision(c: DecisionCitation, iris: Minter) -> DecisionCitation:
    ecli = c.ecli or decision_ecli(c)
    celex = cjeu_celex(c)
    return c.with_(ecli=ecli, celex=celex, iri=decision_iri(c, iris), see_also=decision_pages(c, ecli, celex))


# --- texts of law ------------------------------------------------------------------------------------------
_ELI_TYPES = {"loi": "loi", "ordonnance": "ordonnance", "decret": "decret"}


def legislation_eli(c: LegislationCitation) -> str | None:
    if c.type in _ELI_TYPES and c.number and c.date and re.fullmatch(r"\d{2,4}-\d{1,5}", c.number):
        y, m, d = (int(x) for x in c.date.split("-"))
        prefix = c.number.split("-")[0]
        if (len(prefix) == 4 and int(prefix) != y) or (len(prefix) == 2 and int(prefix) != y % 100):
            return None                       # number and date disagree: no identity from a typo
        return f"https://www.legifrance.gouv.fr/eli/{_ELI_TYPES[c.type]}/{y}/{m}/{d}/{c.number}/jo/texte"
    if c.type in ("directive-ue", "reglement-ue") and c.year and c.number:
        num = _eu_number(c)
        if num is None:
            return None
        kind = "dir" if c.type == "directive-ue" else "reg"
        return f"http://data.europa.eu/eli/{kind}/{c.year}/{num}/oj"
    return None


def _eu_number(c: LegislationCitation) -> int | None:
    a, b = c.number.split("/")
    yy = str(c.year)
    if a == yy or (len(a) == 2 and a == yy[2:]):
        return int(b)
    if b == yy or (len(b) == 2 and b == yy[2:]):
        return int(a)
    return None


def legislation_celex(c: LegislationCitation) -> str | None:
    if c.type in ("directive-ue", "reglement-ue") and c.year and c.number:
        num = _eu_number(c)
        if num is None:
            return None
        return f"3{c.year}{'L' if c.type == 'directive-ue' else 'R'}{num:04d}"
    return None


def legislation_iri(c: LegislationCitation, iris: Minter) -> str | None:
    if c.type == "code-article":
        return iris.legal_text("code-article", c.code, c.article).value if c.code and c.article else None
    if c.type in ("constitution", "tfue", "tue", "charte-ue", "convention-edh"):
        return (iris.legal_text(c.type, c.article) if c.article else iris.legal_text(c.type)).value
    if c.type in ("directive-ue", "reglement-ue"):
        num = _eu_number(c) if c.number and c.year else None
        return iris.legal_text(c.type, f"{c.year}-{num}").value if num is not None else None
    key = c.number or c.date
    return iris.legal_text(c.type, key).value if key else None


def resolve_legislation(c: LegislationCitation, iris: Minter) -> LegislationCitation:
    eli = legislation_eli(c)
    celex = legislation_celex(c)
    pages = (f"https://eur-lex.europa.eu/legal-content/FR/TXT/?uri=CELEX:{celex}",) if celex else ()
    return c.with_(eli=eli, celex=celex, iri=legislation_iri(c, iris), see_also=pages)
