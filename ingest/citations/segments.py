"""The segments of a formal citation, after its court head: ``CE, |ass., 19 juill. 2019, Mme A..., n° 426389``.

Segments are separated by spaces, commas, dashes or colons. Each is an ECLI, a date, case numbers (in the
court's shapes, see :data:`.courts.NUMBER_SHAPES`), a publication reference (stepped over), a formation, a
decision noun (``arrêt``, ``Décision``, ``Ordonnance``) or party names; the first that is none of these ends the
citation.
"""
from __future__ import annotations

import re

from hemicycle.ingest.citations import courts as C
from hemicycle.ingest.citations.dates import date_from_match
from hemicycle.ingest.citations.models import Candidate
from hemicycle.ingest.citations.patterns.formal import (
    BARE_CASE_NUMBERS, DATE_SEGMENT, DECISION_NOUN_SEGMENT, ECLI, END_AFTER_PARTY_NAMES, FORMAL_HEAD,
    INTRODUCED_CASE_NUMBERS, MORE_NUMBERS, PARTY_NAMES, PROSE_IN_PARTY_NAMES, PUBLICATION_REFERENCE, SEGMENT_SEPARATOR,
    WHITESPACE,
)

# at most, as in "Ministre de l'intérieur c/ Société Les Productions de la Plume et M. Dieudonné M'Bala M'Bala"
_MAX_PARTY_WORDS = 40


def scan_tail(text: str, court: str, pos: int, cand: Candidate, limit: int = 400) -> int:
    """Consume the segments of a formal citation from pos; return the end of the last consumed segment."""
    end, segments = pos, 0
    stop = min(len(text), pos + limit)
    while end < stop:
        separator = SEGMENT_SEPARATOR.match(text, end)
        start = separator.end()
        if start >= stop:
            break
        after_comma = separator.group("comma") is not None
        segment_end = _read_segment(text, start, court, cand, after_comma, first=segments == 0)
        if segment_end is None:
            break
        end, segments = segment_end, segments + 1
    return end


def _read_segment(text: str, pos: int, court: str, cand: Candidate, after_comma: bool, first: bool) -> int | None:
    """Read the segment at pos into cand (an ECLI, a date, case numbers, a publication reference, a formation or
    party names) and return its end; None when no segment stands there."""
    introduced, bare = INTRODUCED_CASE_NUMBERS.get(court), BARE_CASE_NUMBERS.get(court)
    if text[pos] == "E" and (ecli := ECLI.match(text, pos)):
        cand.ecli = WHITESPACE.sub("", ecli.group())
        return ecli.end()
    if cand.date is None and (date := DATE_SEGMENT.match(text, pos)):
        cand.date = date_from_match(date)
        cand.noun = cand.noun or date.group("noun")
        if first and not date.group()[0].isdigit():
            cand.formal = False            # "la Cour de cassation du 12 juillet 2022", "le CE, le 5 mai…"
            cand.priority = -1             # only a citation if a number follows
        return date.end()
    if introduced is not None and (numbers := introduced.match(text, pos)):
        cand.numbers.append(numbers.group("numbers"))
        return numbers.end()
    if cand.numbers and (more := MORE_NUMBERS.match(text, pos)):      # "… (Juris-Data …) et n° 19-13.317"
        numbers = (introduced and introduced.match(text, more.end())) or (bare and bare.match(text, more.end()))
        if numbers:
            cand.numbers.append(numbers.group("numbers"))
            return numbers.end()
    if (bare is not None and (after_comma or first or court in ("CJUE", "TUE"))
            and (numbers := bare.match(text, pos))):
        cand.numbers.append(numbers.group("numbers"))
        return numbers.end()
    if reference := PUBLICATION_REFERENCE.match(text, pos):
        return reference.end()
    for pattern, _code in C.formation_patterns(court):
        formation = pattern.match(text, pos)
        if formation and (formation.end() == len(text) or not text[formation.end()].isalnum()):
            cand.formations.append(formation.group())
            return formation.end()
    if noun := DECISION_NOUN_SEGMENT.match(text, pos):
        cand.noun = cand.noun or noun.group("noun")
        return noun.end()
    if after_comma and cand.parties is None and not FORMAL_HEAD.match(text, pos):
        return _read_parties(text, pos, cand, introduced, bare)
    return None


def _read_parties(text: str, pos: int, cand: Candidate, introduced: re.Pattern | None,
                  bare: re.Pattern | None) -> int | None:
    """Party names at pos, into cand; return their end. They count when a date, a number, an ECLI or a reference
    follows them, maybe past more names after commas, or when a short run of names ends the citation."""
    names = _party_names_at(text, pos)
    if names is None:
        return None
    words = len(names.group().split())
    if words > _MAX_PARTY_WORDS:
        return None
    end = names.end()
    follows = _anchor_follows(text, end, introduced, bare)
    more = 0
    # long names run over commas ("Société X, Y et Z, n° 1234"): only when an anchor follows
    while not follows and more < 3 and words <= _MAX_PARTY_WORDS:
        separator = SEGMENT_SEPARATOR.match(text, end)
        if separator.group("comma") is None:
            break
        next_names = _party_names_at(text, separator.end())
        if next_names is None or FORMAL_HEAD.match(text, separator.end()):
            break
        end, more = next_names.end(), more + 1
        words += len(next_names.group().split())
        follows = _anchor_follows(text, end, introduced, bare) and words <= _MAX_PARTY_WORDS
    if follows:
        cand.parties = text[pos:end].strip()
        return end
    if len(names.group().split()) <= 8 and END_AFTER_PARTY_NAMES.match(text, names.end()):
        cand.parties = names.group().strip()
        return names.end()
    return None


def _party_names_at(text: str, pos: int) -> re.Match | None:
    """Party names at pos, unless empty or prose."""
    names = PARTY_NAMES.match(text, pos)
    if names is None or not names.group().strip() or PROSE_IN_PARTY_NAMES.search(names.group()):
        return None
    return names


def _anchor_follows(text: str, pos: int, introduced: re.Pattern | None, bare: re.Pattern | None) -> bool:
    """A date, a number, an ECLI or a reference comes next: what closes a run of party names."""
    nxt = SEGMENT_SEPARATOR.match(text, pos).end()
    return bool(DATE_SEGMENT.match(text, nxt) or (introduced and introduced.match(text, nxt))
                or (bare and bare.match(text, nxt)) or ECLI.match(text, nxt)
                or PUBLICATION_REFERENCE.match(text, nxt))
