"""Where each part of an identifier comes from: the pieces of a citation's own text that carry the parts of the
ECLI the extractor gives it.

    >>> from hemicycle.ingest.citations import extract
    >>> c = extract("CE, ass., 19 juill. 2019, n° 426389")[0].to_dict()
    >>> for part, value, evidence in provenance(c): print(part, value, repr(evidence))
    formation CEASS 'ass.'
    date 20190719 '19 juill. 2019'
    number 426389 '426389'

An ECLI stated in the text is its own evidence. A part with no evidence (``None``) is an identifier the text does
not support: :func:`unsupported` lists them, and the evaluation counts them (there must be none).
"""
from __future__ import annotations

import re

from hemicycle.ingest.citations.dates import DATE, DATE_ISO, date_from_match

_DATES = re.compile(rf"(?<![\w/]){DATE}|{DATE_ISO}")
_CE = re.compile(r"ECLI:FR:(CE[A-Z]{3}):(\d{4}):(\d{5,6})\.(\d{8})")
_CC = re.compile(r"ECLI:FR:CC:(\d{4}):((?:19|20)?\d{2})((?:\.\d{1,4})+)\.([A-Z]+\d*)")
_ECHR = re.compile(r"ECLI:CE:ECHR:(\d{4}):(\d{4})(JUD|DEC)(\d{7})(\d\d)")
_NOUNS = {"JUD": r"\b(?:arrêt|judgment|ARRÊT)\b", "DEC": r"\b(?:décision|déc\.|decision|DÉCISION)(?!\w)"}


def _date_evidence(text: str, want) -> str | None:
    """The first date written in ``text`` whose ISO form satisfies ``want``."""
    for m in _DATES.finditer(text):
        iso = date_from_match(m).iso
        if iso and want(iso):
            return m.group(0)
    return None


def _number_evidence(text: str, number: str) -> str | None:
    flat = re.sub(r"\s+", "", text)
    return number if number in flat else None


def provenance(c: dict) -> list[tuple[str, str, str | None]]:
    """The ECLI of citation ``c`` (a dict, as ``Citation.to_dict`` gives it), part by part: ``(part, value,
    evidence)``, evidence being the text that states it, or None."""
    ecli, text = c.get("ecli"), c["text"]
    if not ecli:
        return []
    if ecli.replace(" ", "") in re.sub(r"\s+", "", text):
        return [("ecli", ecli, ecli)]
    if m := _CE.fullmatch(ecli):
        code, _, number, ymd = m.groups()
        iso = f"{ymd[:4]}-{ymd[4:6]}-{ymd[6:]}"
        return [("formation", code, c.get("formation") if c.get("formation_code") == code else None),
                ("date", ymd, _date_evidence(text, lambda d: d == iso)),
                ("number", number, _number_evidence(text, number))]
    if m := _CC.fullmatch(ecli):
        year, first, rest, kind = m.groups()
        numbers = [f"{first}-{n}" for n in rest.strip(".").split(".")]
        return [("year", year, _date_evidence(text, lambda d: d[:4] == year)),
                *(("number", n, _number_evidence(text, n) or (n.split("-")[1] if re.search(
                    rf"{first}-(?:\d+\s?/\s?)*{n.split('-')[1]}(?!\d)", text) else None)) for n in numbers),
                ("type", kind, kind if re.search(rf"(?<![\w-]){kind}(?![\w-])", text) else None)]
    if m := _ECHR.fullmatch(ecli):
        year, mmdd, kind, app, yy = m.groups()
        number = f"{int(app)}/{yy}"
        noun = re.search(_NOUNS[kind], text)
        return [("date", f"{year}{mmdd}", _date_evidence(text, lambda d: d == f"{year}-{mmdd[:2]}-{mmdd[2:]}")),
                ("kind", kind, noun.group(0) if noun else None),
                ("number", number, _number_evidence(text, number))]
    return [("ecli", ecli, None)]           # a shape no rule derives: it can only have been guessed


def unsupported(c: dict) -> list[str]:
    """The parts of the citation's ECLI that no piece of its text states."""
    return [part for part, _, evidence in provenance(c) if evidence is None]


def describe(c: dict) -> str:
    """``ECLI ← part 'evidence', …`` on one line."""
    parts = ", ".join(f"{part} {evidence!r}" if evidence is not None else f"{part} UNSUPPORTED"
                      for part, _, evidence in provenance(c))
    return f"{c.get('ecli')} ← {parts}"
