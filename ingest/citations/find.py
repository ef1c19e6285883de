"""Candidate finding: where a decision is cited, and what each piece of the citation says (still as text).

Three ways in, all on the normalised text (same offsets as the source):

* formal citations open with a court head (``CE,``, ``Cass. soc.,``, ``CAA de Lyon,``…) followed by comma- or
  space-separated segments: formation, date, parties, numbers; a head only counts when a date, a number or an
  ECLI follows it, so ``le Conseil d'État est saisi`` and ``décret en Conseil d'État`` never become citations;
* informal citations hang a decision noun (``décision``, ``arrêt``, ``avis``, ``ordonnance``, ``jugement``)
  on a court mention: ``l'arrêt de la Cour de cassation du 12 juillet 2022``, ``dans sa décision du 5 avril
  2022, le Conseil d'État``, ``le tribunal administratif de Strasbourg, dans sa décision``; or a date and a
  judging verb on a mention: ``le 19 janvier 2023, la CJUE a jugé``;
* numbers that name their court by their shape: ``décision n° 2012-270 QPC``, ``C-311/18``, an ECLI.

Overlapping candidates are merged by :func:`merge`; the parser turns pieces into fields. The segments of a
formal citation are read by :mod:`.segments`, the ways of an informal one are in :mod:`.informal`, and the
regular expressions in :mod:`.patterns`.
"""
from __future__ import annotations

import re

from hemicycle.ingest.citations import courts as C
from hemicycle.ingest.citations.anchors import anchors
from hemicycle.ingest.citations.dates import date_from_match
from hemicycle.ingest.citations.ecli import court_of_ecli
from hemicycle.ingest.citations.informal import Mention, informal_citation
from hemicycle.ingest.citations.models import Candidate
from hemicycle.ingest.citations.patterns.formal import (
    AFFAIRE_AT_END, CC_DECISION_NUMBER, COURT_OF_JUSTICE_CASE, ECLI, EU_CASE_NUMBERS, FORMAL_HEAD,
    FORMAL_HEAD_CODES, GAP_BEFORE_BRACKETED_CITATION, GAP_BEFORE_CASE_NUMBER, GENERAL_COURT_CASE, SEAT_AFTER_HEAD,
    SEAT_IN_PARENTHESES, WHITESPACE,
)
from hemicycle.ingest.citations.patterns.informal import (
    ABBREVIATION_AFTER_COURT, COURT_MENTION, MENTION_CODES, SEAT_AFTER_COURT,
)
from hemicycle.ingest.citations.segments import scan_tail

__all__ = ["Candidate", "attach_numbers", "find_formal", "find_informal", "find_numbered", "merge"]


def _left_ok(text: str, pos: int) -> bool:
    """No letter glued on the left, and not "en Conseil d'État" (a procedure, not a court deciding)."""
    if pos == 0:
        return True
    ch = text[pos - 1]
    if ch.isalpha() or ch in "'’-":
        return False
    return not (ch == " " and text[max(0, pos - 3):pos] == "en " and (pos < 4 or not text[pos - 4].isalpha()))


def _anchored(text: str, starts: list[int], pattern: re.Pattern):
    """Matches of ``pattern`` tried only at ``starts`` (where a word it may start with stands), never overlapping."""
    last = -1
    for p in starts:
        if p < last or not _left_ok(text, p):
            continue
        m = pattern.match(text, p)
        if m:
            last = m.end()
            yield m


# ---------------------------------------------------------------------------------------------------------
# Formal citations: a court head, then segments
# ---------------------------------------------------------------------------------------------------------
def find_formal(text: str, hits: dict[str, list[int]] | None = None) -> list[Candidate]:
    """Formal citations; ``hits`` are the text's anchors (see :mod:`.anchors`), found here when not given."""
    out = []
    for head in _anchored(text, (hits or anchors(text))["head"], FORMAL_HEAD):
        cand = _formal_candidate(text, head)
        if cand is not None:
            out.append(cand)
    return out


def _formal_candidate(text: str, head: re.Match) -> Candidate | None:
    """The citation a head opens, or None when no date, number or ECLI follows it."""
    court = FORMAL_HEAD_CODES[head.lastgroup]
    cand = Candidate(head.start(), head.end(), court, formal=True, priority=3)
    pos = head.end()
    if (court == "CASS" and head.group()[0] in "CSA123"
            and head.group().split()[0] not in ("Cour", "Cass.", "Cass", "C.")):
        cand.formations.append(head.group())          # Civ. 1re / Soc. / Crim. used as the head
    if court in C.SEATED:
        seat = SEAT_AFTER_HEAD.match(text, pos) or SEAT_IN_PARENTHESES.match(text, pos)
        seat_text = seat.group().strip(" ,") if seat else ""
        if seat and not C.court_of_head(seat_text) and seat_text[:2] != "n°":
            cand.seat = C.clean_seat(seat.group().strip(" ,()"))
            pos = seat.end()
        elif court in ("CA", "CPH", "TA"):
            return None
    end = scan_tail(text, court, pos, cand)
    if cand.date is None and not cand.numbers and not cand.ecli:
        return None
    if court in ("CA", "CPH") and cand.date is None and not cand.numbers:
        return None
    cand.end = end
    if not cand.formal:
        if not cand.numbers:
            return None                       # "saisir la Cour de cassation le 1er juillet": no citation
        cand.formal, cand.priority = True, 3
    return cand


# ---------------------------------------------------------------------------------------------------------
# Informal citations: a decision noun, a date or a judging verb hung on a court mention
# ---------------------------------------------------------------------------------------------------------
def find_informal(text: str, hits: dict[str, list[int]] | None = None) -> list[Candidate]:
    """Informal citations (see :mod:`.informal`); ``hits`` are the text's anchors, found here when not given."""
    out = []
    for mention in _mentions(text, (hits or anchors(text))["mention"]):
        found = informal_citation(text, mention)
        if found is not None:
            out.append(found)
    return out


def _mentions(text: str, starts: list[int]):
    """The court mentions at starts, with their seats ("de Strasbourg") and abbreviations ("(CJUE)")."""
    for match in _anchored(text, starts, COURT_MENTION):
        court = MENTION_CODES[match.lastgroup]
        seat, end = None, match.end()
        if court in C.SEATED:
            seat_match = SEAT_AFTER_COURT.match(text, end)
            if seat_match:
                seat, end = C.clean_seat(seat_match.group()), seat_match.end()
            elif court == "TA" and match.group() == "TA":
                continue                      # "TA" needs its seat
        abbreviation = ABBREVIATION_AFTER_COURT.match(text, end)
        yield Mention(court, seat, match.start(), abbreviation.end() if abbreviation else end)


# ---------------------------------------------------------------------------------------------------------
# Numbers that name their court: CC decisions, CJEU cases, ECLIs
# ---------------------------------------------------------------------------------------------------------
def find_numbered(text: str, hits: dict[str, list[int]] | None = None) -> list[Candidate]:
    """Citations by a number that names its court; ``hits`` are the text's anchors, found here when not given."""
    hits = hits or anchors(text)
    out = _cc_decisions(text, hits["numbered"]) + _eu_cases(text, hits["case"])
    if "ECLI" in text:
        for match in ECLI.finditer(text):
            ecli = WHITESPACE.sub("", match.group())
            out.append(Candidate(match.start(), match.end(), court_of_ecli(ecli), formal=True, priority=2, ecli=ecli))
    return out


def _cc_decisions(text: str, starts: list[int]) -> list[Candidate]:
    """ "décision n° 2012-270 QPC du 27 juillet 2012", "n° 2019-1 DC", searched around each of starts."""
    out, seen = [], set()
    for p in starts:
        decision = CC_DECISION_NUMBER.search(text, max(0, p - 45), p + 60)
        while decision is not None and decision.start() in seen:
            decision = CC_DECISION_NUMBER.search(text, decision.end(), p + 60)
        if decision is not None and decision.start() <= p + 10:
            seen.add(decision.start())
            number = decision.group("number_after_noun") or decision.group("number_after_mark")
            cand = Candidate(decision.start(), decision.end(), "CC", formal=True, priority=2, numbers=[number])
            if decision.group("d_day") or decision.group("n_day"):
                cand.date = date_from_match(decision)
            out.append(cand)
    return out


def _eu_cases(text: str, starts: list[int]) -> list[Candidate]:
    """ "C-311/18", "aff. jointes C-511/18 et C-512/18", "T-612/17" at starts."""
    out, last = [], -1
    for p in starts:                   # as re.finditer would: no match starts inside the previous one
        cases = EU_CASE_NUMBERS.match(text, p) if p >= last else None
        if cases is None:
            continue
        start, last = cases.start(), cases.end()
        if start and (text[start - 1].isalnum() or text[start - 1] in "-/"):
            continue
        affaire = AFFAIRE_AT_END.search(text, max(0, start - 22), start)
        if affaire:
            start = affaire.start()
        cited = text[start:cases.end()]
        court = "TUE" if GENERAL_COURT_CASE.search(cited) and not COURT_OF_JUSTICE_CASE.search(cited) else "CJUE"
        out.append(Candidate(start, cases.end(), court, formal=True, priority=2, numbers=[cited]))
    return out


# ---------------------------------------------------------------------------------------------------------
# Merging
# ---------------------------------------------------------------------------------------------------------
def merge(cands: list[Candidate]) -> list[Candidate]:
    """Merge overlapping candidates: the union of spans, the fields of the strongest, gaps filled by the rest."""
    cands.sort(key=lambda c: (c.start, -c.end))
    groups: list[list[Candidate]] = []
    end = -1
    for cand in cands:
        if groups and cand.start < end and _compatible(groups[-1], cand):
            groups[-1].append(cand)
            end = max(end, cand.end)
        else:
            groups.append([cand])
            end = cand.end
    merged = []
    for group in groups:
        group.sort(key=lambda c: (-c.priority, -(c.end - c.start)))
        best = group[0]
        for other in group[1:]:
            best.start = min(best.start, other.start)
            best.end = max(best.end, other.end)
            best.formal = best.formal or other.formal
            best.court = best.court or other.court
            best.seat = best.seat or other.seat
            if best.date is None or (best.date.year is None and other.date and other.date.year):
                best.date = other.date or best.date
            if not best.numbers:
                best.numbers = other.numbers
            best.parties = best.parties or other.parties
            best.ecli = best.ecli or other.ecli
            best.noun = best.noun or other.noun
            if not best.formations:
                best.formations = other.formations
        merged.append(best)
    return merged


def attach_numbers(cands: list[Candidate], text: str) -> list[Candidate]:
    """An informal citation directly followed by a bare case number: "la CJUE (aff. C-333/21)" is one citation;
    so is one followed by a formal citation of the same court in brackets: "le Conseil d'État (CE, 5 mai 2026,
    …, n° 502860)", which keeps the formal span unless the mention alone gives the date."""
    out: list[Candidate] = []
    for c in cands:
        prev = out[-1] if out else None
        if (prev is not None and prev.priority == 1 and not prev.numbers and c.priority == 2 and c.numbers
                and _compatible([prev], c) and GAP_BEFORE_CASE_NUMBER.fullmatch(text, prev.end, c.start)):
            prev.numbers, prev.end = c.numbers, c.end
            continue
        if (prev is not None and prev.priority == 1 and not prev.numbers and c.priority == 3 and c.formal
                and prev.court == c.court and GAP_BEFORE_BRACKETED_CITATION.fullmatch(text, prev.end, c.start)):
            if prev.date is None or c.date is not None:
                c.formations = c.formations or prev.formations
                c.seat, c.noun = c.seat or prev.seat, c.noun or prev.noun
                out[-1] = c                     # the bracketed citation says it all
            else:
                prev.numbers, prev.end = c.numbers, c.end
                prev.formations = prev.formations or c.formations
                prev.parties, prev.ecli = prev.parties or c.parties, prev.ecli or c.ecli
                prev.noun = prev.noun or c.noun
            continue
        out.append(c)
    return out


def _compatible(group: list[Candidate], cand: Candidate) -> bool:
    """cand may cite the same decision as one of group: same court, a court unknown, or the two EU courts."""
    return any(g.court is None or cand.court is None or g.court == cand.court
               or {g.court, cand.court} <= {"CJUE", "TUE"} for g in group)
