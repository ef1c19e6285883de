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
from hemicycle.ingest.citations.find import Candidate
from hemicycle.ingest.citations.models import DecisionCitation

_STRIP_PREFIX = re.compile(r"^(?:(?:req(?:u[êe]tes?|s?\.)|pourvois?|aff(?:aires?|\.)(?:\s+jointes)?|d[ée]c(?:isions?|\.)|RG|recours|rôle)\s*)?(?:(?:[Nn]\s?°\s?s?\.?|[Nn]os?\.?|[Nn]uméros?)\s*)?")
_CC_PARTS = re.compile(r"(?P<y>(?:19|20)?\d{2})-(?P<n>\d{1,4}(?:\s?/\s?\d{1,4})*)\s?(?P<t>[A-Z]+\d*)")
_SPLIT = re.compile(r"\s*(?:,|\bet\b|&)\s*(?:(?:[Nn]\s?°\s?s?\.?|[Nn]os?\.?)\s*)?")
_CASS_RE = re.compile(r"(\d{2})-(\d{2})\.?(\d{3})")


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
            p = re.sub(r"\s*(?:PPU|P|R|DEP|OP)$", "", p.strip()).replace(" ", "")
        elif court in ("CA", "CPH"):
            p = re.sub(r"^(?:RG\s*)?(?:n°\s*)?", "", p).replace(" ", "")
        out.append(p)
    return out


def _clean(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip(" ,")


def to_citation(cand: Candidate, source: str) -> DecisionCitation:
    court = cand.court
    numbers: list[str] = []
    for raw in cand.numbers:
        for n in split_numbers(court, raw):
            if n not in numbers:
                numbers.append(n)
    formation = code = None
    dec_type = None
    for f in cand.formations:
        f = _clean(f)
        c = C.formation_code(court, f) if court else None
        if court == "CEDH" and c == "DEC":
            dec_type = "DEC"
            continue
        if formation is None:
            formation, code = f, c
        elif c and code is None:
            formation, code = f, c
    if court == "CC" and numbers:
        m = _CC_PARTS.match(numbers[0])
        dec_type = m.group("t") if m else None
    seat = cand.seat
    if court == "CAA" and seat is None and numbers:
        seat = C.seat_of_caa_number(numbers[0])
    d = cand.date
    start, end = cand.start, cand.end
    while end > start and source[end - 1] in " ,;:\n":
        end -= 1
    return DecisionCitation(
        text=source[start:end], start=start, end=end, court=court, seat=seat, formation=formation,
        formation_code=code, date=d.iso if d else None, year=d.year if d else None, month=d.month if d else None,
        day=d.day if d else None, numbers=tuple(numbers), decision_type=dec_type,
        parties=_clean(cand.parties) if cand.parties else None, formal=cand.formal, ecli=cand.ecli)
