"""From the pieces a finder collected to the fields of a :class:`DecisionCitation`.

>>> split_numbers("CE", "n°s 426389, 426390 et 426391")
['426389', '426390', '426391']
>>> split_numbers("CC", "2026-321/322/323 L")
['2026-321 L', '2026-322 L', '2026-323 L']
>>> split_numbers("CASS", "pourvoi n° 19-13316")
['19-13.316']
>>> split_numbers("CJUE", "aff. jointes C-511/18, C-512/18 et C-520/18")
['C-511/18', 'C-512/18', 'C-520/18']
"""
from __future__ import annotations

import re

from hemicycle.ingest.citations import courts as C
from hemicycle.ingest.citations.ecli import stated_fields
from hemicycle.ingest.citations.find import Candidate
from hemicycle.ingest.citations.models import DecisionCitation

_STRIP_PREFIX = re.compile(r"^(?:(?:req(?:u[êe]tes?|s?\.)|pourvois?|aff(?:aires?|\.)(?:\s+jointes)?|d[ée]c(?:isions?|\.)|RG|recours|rôle)\s*:?\s*)?(?:(?:[Nn]\s?°\s?s?\.?|[Nn]os?\.?|[Nn]uméros?)\s*)?")
_CC_PARTS = re.compile(r"(?P<y>(?:19|20)?\d{2})-(?P<n>\d{1,4}(?:\s?/\s?\d{1,4})*)\s?(?P<t>[A-Z]+\d*)")
_SPLIT = re.compile(r"\s*(?:,|;|\bet\b|&|\bà\b)\s*(?:(?:[Nn]\s?°\s?s?\.?|[Nn]os?\.?)\s*)?")
_CASS_RE = re.compile(r"(\d{2})-\s?(\d{2})\.?(\d{3})")
_ORDONNANCE = re.compile(r"[Oo]rd(?:\.|onnance)")
_TA_CHAMBER = re.compile(r"\d{7}/(\d{1,2}(?:-\d{1,2})?)")


def split_numbers(court: str | None, raw: str) -> list[str]:
    raw = _STRIP_PREFIX.sub("", raw.strip())
    raw = re.sub(r"^(?:aff(?:aires?|\.)\s*(?:jointes\s*)?)", "", raw)
    if court == "CC":
        out = []
        for m in _CC_PARTS.finditer(raw):
            for n in re.split(r"\s?/\s?", m.group("n")):
                out.append(f"{m.group('y')}-{n} {m.group('t')}")
        return out
    if court == "TA":
        raw = re.sub(r"(\d{7})/\d{1,2}(?:-\d{1,2})?", r"\1", raw)      # "1904976/4-1": the chamber
    parts = [p for p in _SPLIT.split(raw) if p]
    if court in ("CE", "TA", "TC") and all(re.fullmatch(r"\d+(?:\s?/\s?\d+)+", p) for p in parts):
        parts = [q for p in parts for q in re.split(r"\s?/\s?", p)]
    out = []
    for p in parts:
        p = re.sub(r"^(?:aff(?:aires?|\.)\s*(?:jointes\s*)?)", "", p.strip())
        if court == "CASS":
            m = _CASS_RE.search(p)
            p = f"{m.group(1)}-{m.group(2)}.{m.group(3)}" if m else p
        elif court in ("CJUE", "TUE"):
            p = re.sub(r"\s*(?:PPU|R|DEP|OP)$", "", p.strip())
            p = re.sub(r"\s*P$", " P", p.replace(" ", ""))        # an appeal keeps its P: "C-123/19 P"
        elif court in ("CA", "CPH"):
            p = re.sub(r"^(?:RG\s*:?\s*)?(?:n°\s*)?", "", p).replace(" ", "")
        out.append(p)
    return out


def _clean(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip(" ,")


def _stated_type(court: str | None, noun: str | None) -> str | None:
    """What the text calls the decision, where it decides an identifier: the ECtHR's judgment (``arrêt``) or
    decision (``décision``), the Conseil d'État's ``ordonnance``."""
    noun = (noun or "").lower()
    if court == "CEDH" and noun.startswith(("arrêt", "arret")):
        return "JUD"
    if court == "CEDH" and noun.startswith(("décision", "decision")):
        return "DEC"
    if court == "CE" and noun.startswith("ordonnance"):
        return "ORD"
    return None


def _formation(court: str | None, formations: list[str]) -> tuple[str | None, str | None, str | None]:
    """The formation as written, its code (the first one that has a code wins), and the type of decision a
    formation states: the ECtHR's "déc."; "Ordonnance" beside a chamber of the Conseil d'État ("Ordonnance -
    9ème chambre", its president's), which is the kind of decision and not the formation."""
    formation = code = dec_type = None
    ordonnance = None
    for f in formations:
        f = _clean(f)
        c = C.formation_code(court, f) if court else None
        if court == "CEDH" and c == "DEC":
            dec_type = "DEC"
            continue
        if court == "CE" and _ORDONNANCE.fullmatch(f):
            ordonnance = f
            continue
        if formation is None or (c and code is None):
            formation, code = f, c
    if ordonnance:
        dec_type = "ORD"
        if code is None:                           # "CE, ord., 9 janv. 2014": the ordonnance is the formation
            formation, code = ordonnance, C.formation_code(court, ordonnance)
    return formation, code, dec_type


def to_citation(cand: Candidate, source: str) -> DecisionCitation:
    court = cand.court
    numbers: list[str] = []
    for raw in cand.numbers:
        for n in split_numbers(court, raw):
            if n not in numbers:
                numbers.append(n)
    formation, code, dec_type = _formation(court, cand.formations)
    dec_type = dec_type or _stated_type(court, cand.noun)
    if court == "TA" and formation is None:        # "n° 1501234/3-1": the number, and its chamber
        chamber = next((m.group(1) for raw in cand.numbers for m in [_TA_CHAMBER.search(raw)] if m), None)
        formation = chamber
    if court == "CC" and numbers:
        m = _CC_PARTS.match(numbers[0])
        dec_type = m.group("t") if m else None
    d = cand.date
    date, year, month, day = (d.iso, d.year, d.month, d.day) if d else (None, None, None, None)
    if cand.ecli:                                  # what a stated ECLI holds, where the text says nothing else
        stated = stated_fields(cand.ecli)
        numbers = numbers or stated.get("numbers", [])
        if date is None and stated.get("date"):
            date = stated["date"]
            year, month, day = (int(x) for x in date.split("-"))
        year = year or stated.get("year")
        code = code or stated.get("formation_code")
        dec_type = dec_type or stated.get("decision_type")
    seat = cand.seat
    if court == "CAA" and seat is None and numbers:
        seat = C.seat_of_caa_number(numbers[0])
    start, end = cand.start, cand.end
    while end > start and source[end - 1] in " ,;:\n":
        end -= 1
    return DecisionCitation(
        text=source[start:end], start=start, end=end, court=court, seat=seat, formation=formation,
        formation_code=code, date=date, year=year, month=month, day=day, numbers=tuple(numbers),
        decision_type=dec_type, parties=_clean(cand.parties) if cand.parties else None, formal=cand.formal,
        ecli=cand.ecli)
