"""Decisions a text cites through its context: the decision under appeal, and a decision named again.

* ``l'arrêt attaqué (Paris, 7 février 2024)``: how the Cour de cassation cites the judgment of the cour d'appel
  it reviews, a seat and a date in brackets (``arrêts attaqués (Versailles, 18 avril 2023 et 21 novembre
  2023)``: two decisions);
* ``Par un jugement n° 2014653 du 10 janvier 2023, ce tribunal a rejeté``: a decision whose court is "ce
  tribunal" or "cette cour", the last tribunal or cour the text named before it (within a few sentences); so is
  "il" or "elle" after a jugement or an arrêt ("…, il a annulé l'arrêté"; not "il a été condamné");
* ``arrêt du 13 juin 2024, C-563/22``, ``arrêt du 16 janvier 2024, WS (C-621/21)``, ``arrêt C-442/14 du 23
  novembre 2016``: an EU case number and the judgment's date around it, in one sentence, are one citation;
* ``les arrêts rendus les 22 juin 2021 et 13 avril 2022 par la cour d'appel de Paris``: two decisions, one date
  each, of the court named after them;
* ``l'arrêt du 26 janvier 2024``, ``le jugement n° 2301271 du 7 janvier 2025``: a decision noun and a date with no
  court, when the same text cites, with its court, a decision of that very date (and number): the same decision
  named again, which takes the court, seat and numbers of the first mention. With no such decision, or two of
  different courts, nothing is found: the court is not guessed.

>>> from hemicycle.ingest.citations import extract
>>> [(c.court, c.seat, c.date) for c in extract("Selon l'arrêt attaqué (Versailles, 6 avril 2023), la société…")]
[('CA', 'Versailles', '2023-04-06')]
>>> text = ("Par un arrêt n° 21VE02981 du 26 janvier 2024, la cour administrative d'appel de Versailles a rejeté "
...         "l'appel. Le ministre se pourvoit contre l'arrêt du 26 janvier 2024.")
>>> [(c.court, c.numbers, c.text) for c in extract(text)][1]
('CAA', ('21VE02981',), 'arrêt du 26 janvier 2024')
>>> extract("Le ministre se pourvoit contre l'arrêt du 26 janvier 2024.")
[]
>>> text = ("Mme A. a demandé au tribunal administratif de Montreuil de la décharger de l'impôt. Par un jugement "
...         "n° 2014653 du 10 janvier 2023, ce tribunal a rejeté sa demande.")
>>> [(c.court, c.seat, c.numbers, c.date) for c in extract(text)]
[('TA', 'Montreuil', ('2014653',), '2023-01-10')]
"""
from __future__ import annotations

import bisect
import re

from hemicycle.ingest.citations import courts as C
from hemicycle.ingest.citations.anchors import anchors
from hemicycle.ingest.citations.dates import DATE, DATE_RE, date_from_match
from hemicycle.ingest.citations.models import Candidate
from hemicycle.ingest.citations.parse import split_numbers
from hemicycle.ingest.citations.patterns.informal import COURT_MENTION, MENTION_CODES, SEAT_AFTER_COURT

#: "arrêt attaqué (Paris, 7 février 2024)", "arrêts attaqués (Versailles, 18 avril 2023 et 21 novembre 2023)"
APPEALED = re.compile(rf"""\b[Aa]rr[êe]ts?\s+attaqu[ée]s?\s*\(\s*
    (?P<seat>{C.SEAT_NAME})\s*,\s*(?P<dates>[^()\n]{{6,90}})\)""", re.X)
#: a decision noun, maybe its number, then its date: "l'arrêt du 26 janvier 2024", "jugement n° 2301271 du 7 …"
NAMED_AGAIN = re.compile(rf"""\b(?P<noun>[Aa]rr[êe]t|[Jj]ugement|[Oo]rdonnance|[Dd][ée]cision)
    (?:\s+(?:n°|nos?)\s*(?P<number>[\w./-]*\d[\w./-]*))?
    \s*,?\s+(?:du|en\s+date\s+du|rendue?\s+le)\s+{DATE}""", re.X)
#: "Par un jugement n° 2014653 du 10 janvier 2023, ce tribunal", "…, le juge des référés de ce tribunal"
THIS_COURT = re.compile(rf"""\b(?P<noun>[Aa]rr[êe]t|[Jj]ugement|[Oo]rdonnance|[Dd][ée]cision)
    (?:\s+(?:n°|nos?)\s*(?P<number>[\w./-]*\d[\w./-]*))?
    \s*,?\s+(?:du|en\s+date\s+du|rendue?\s+le)\s+{DATE}\s*,\s*
    (?:(?:le|la)\s+(?:juge\s+des\s+r[ée]f[ée]r[ée]s|magistrate?\s+d[ée]sign[ée]e?
                     |(?:vice-)?pr[ée]sidente?(?:[\s-]assesseure?)?(?:\s+de\s+la\s+\d{{1,2}}\s?\w{{1,3}}\s+
                       (?:chambre|section))?)\s+de\s+)?
    (?P<this>ce\s+tribunal|cette\s+cour)\b""", re.X)
#: "arrêts rendus les 22 juin 2021 et 13 avril 2022 par la |cour d'appel de Paris"
TWO_DATES_BEFORE_COURT = re.compile(r"""\b[Aa]rr[êe]ts\s+(?:rendus\s+)?les\s+(?P<first>\d[^,;()]{5,20}?)\s+et\s+
    (?:le\s+)?(?P<second>\d[^,;()]{5,20}?)\s*,?\s+(?:par|de)\s+(?:la|le|l')\s*(?=\w)""", re.X)
#: "Par un jugement du 3 mai 2022, il a annulé l'arrêté": "il" is the court named before (not "il a été")
PRONOUN_COURT = re.compile(rf"""\b(?P<noun>[Aa]rr[êe]t|[Jj]ugement)
    (?:\s+(?:n°|nos?)\s*(?P<number>[\w./-]*\d[\w./-]*))?
    \s*,?\s+(?:du|en\s+date\s+du|rendu\s+le)\s+{DATE}\s*,\s*
    (?P<this>il|elle)\s+(?:l'\s*|les\s+|y\s+)?(?:a|avait)\s+(?!été\b)""", re.X)
#: how far back "ce tribunal" may look for the tribunal it is
THIS_COURT_REACH = 800
#: the courts whose decisions a noun may name; the others name any court's
NOUN_COURTS = {"jugement": {"TA", "CPH"}, "arrêt": {"CAA", "CA", "CASS", "CE", "CJUE", "TUE", "CEDH", "TC"}}


#: the last "arrêt … du <date>" before an EU case number, in its sentence
_EU_JUDGMENT_BEFORE = re.compile(rf"""\b[Aa]rr[êe]t\b [^;]{{0,90}}? \bdu\s+{DATE}
    (?P<gap>(?:(?!\barr[êe]t\b)[^;])*)$""", re.X)
_EU_DATE_AFTER = re.compile(rf"\s+du\s+{DATE}")
_SENTENCE_END = re.compile(r"[.!?]\s+[A-ZÉ]")


def date_eu_cases(text: str, cands: list[Candidate]) -> list[Candidate]:
    """EU case numbers with the date of the judgment written around them (module docstring); a mention of the
    court that gave that date is the same citation, and joins it."""
    drop: set[int] = set()
    starts = [c.start for c in cands]                  # cands are in the order of the text
    for cand in cands:
        if cand.court not in ("CJUE", "TUE") or not cand.numbers or cand.date is not None:
            continue
        near = cands[bisect.bisect_left(starts, cand.start - 250):bisect.bisect_right(starts, cand.end + 250)]
        after = _EU_DATE_AFTER.match(text, cand.end)
        before = _EU_JUDGMENT_BEFORE.search(text, max(0, cand.start - 200), cand.start)
        if after and date_from_match(after).iso:
            cand.date, cand.end = date_from_match(after), after.end()
        elif before and date_from_match(before).iso and not _SENTENCE_END.search(before.group()):
            cand.date, cand.start, cand.noun = date_from_match(before), before.start(), "arrêt"
        else:
            continue
        for other in near:                   # "l'arrêt de la Cour de justice … du 10 juin 2021": the same one
            if (other is not cand and not other.numbers and other.court in ("CJUE", "TUE", None)
                    and other.start < cand.end and cand.start < other.end):
                cand.start, cand.end = min(cand.start, other.start), max(cand.end, other.end)
                drop.add(id(other))
        stated = next((o for o in near if o.ecli and not o.numbers and o.court == cand.court
                       and 0 <= o.start - cand.end <= 2 and not text[cand.end:o.start].strip()), None)
        if stated is not None:               # "C-421/14 ECLI : EU : C : 2017 : 60": the case's own ECLI
            cand.ecli, cand.end = stated.ecli, stated.end
            drop.add(id(stated))
    return [c for c in cands if id(c) not in drop]


def _at(pattern: re.Pattern, text: str, starts: list[int]):
    """The matches of pattern at starts (the anchors of decision nouns), none inside the previous one."""
    end = -1
    for p in starts:
        if p >= end and (m := pattern.match(text, p)):
            end = m.end()
            yield m


def by_context(text: str, cands: list[Candidate], taken: list[tuple[int, int]],
               nouns: list[int] | None = None) -> list[Candidate]:
    """The decisions cited through their context, as candidates; none overlaps ``cands`` or ``taken`` (the spans
    of texts of law). ``nouns`` are where decision nouns start (:mod:`.anchors`), found here when not given."""
    if nouns is None:
        nouns = anchors(text)["noun"]
    spans = _Spans([(c.start, c.end) for c in cands] + taken)
    out: list[Candidate] = []
    for m in _at(APPEALED, text, nouns) if "ttaqu" in text else ():
        dates = [d for d in DATE_RE.finditer(m.group("dates")) if date_from_match(d).iso]
        seat = C.clean_seat(m.group("seat"))
        for d in dates:
            start, end = (m.start(), m.end()) if len(dates) == 1 else (m.start("dates") + d.start(),
                                                                        m.start("dates") + d.end())
            if not spans.overlap(start, end):
                out.append(Candidate(start, end, "CA", formal=True, priority=1, seat=seat,
                                     date=date_from_match(d), noun="arrêt"))
    for m in _at(TWO_DATES_BEFORE_COURT, text, nouns):
        court = COURT_MENTION.match(text, m.end())
        dates = [DATE_RE.fullmatch(m.group(g)) for g in ("first", "second")]
        if court is None or not all(d and date_from_match(d).iso for d in dates):
            continue
        seat = SEAT_AFTER_COURT.match(text, court.end())
        end = seat.end() if seat else court.end()
        for (start, stop), d in zip(((m.start(), m.end("first")), (m.start("second"), end)), dates):
            if not spans.overlap(start, stop):
                out.append(Candidate(start, stop, MENTION_CODES[court.lastgroup], formal=False, priority=1,
                                     seat=C.clean_seat(seat.group()) if seat else None, date=date_from_match(d),
                                     noun="arrêt"))
    for pattern in (THIS_COURT, PRONOUN_COURT):
        if pattern is THIS_COURT and "ce tribunal" not in text and "cette cour" not in text:
            continue
        for m in _at(pattern, text, nouns):
            date = date_from_match(m)
            this = m.group("this")
            codes = (("TA",) if this.startswith("ce ") else ("CAA", "CA") if this.startswith("cette")
                     else NOUN_COURTS[_noun(m.group("noun"))])
            court = _last_named(text, m.start(), codes)
            if date.iso and court and not spans.overlap(m.start(), m.start("this")):
                end = m.end() if pattern is THIS_COURT else m.start("this")
                out.append(Candidate(m.start(), end, court[0], formal=False, priority=1, seat=court[1],
                                     date=date, numbers=[m.group("number")] if m.group("number") else [],
                                     noun=_noun(m.group("noun"))))
    known: dict[str, list[Candidate]] = {}
    for c in cands + out:
        if c.court and c.date is not None and c.date.iso:
            known.setdefault(c.date.iso, []).append(c)
    if not known:
        return out
    spans = _Spans(spans.spans + [(c.start, c.end) for c in out])
    for m in _at(NAMED_AGAIN, text, nouns):
        date = date_from_match(m)
        if not date.iso or date.iso not in known or spans.overlap(m.start(), m.end()):
            continue
        bracketed = next((c for c in known[date.iso]
                          if re.fullmatch(r"\s*\(\s*", text[m.end():max(m.end(), c.start)])), None)
        if bracketed is not None:            # "Par arrêt du 10 juin 2021 (CJUE, arrêt du 10 juin 2021, …)": one
            bracketed.start = m.start()
            continue
        noun = _noun(m.group("noun"))
        courts = NOUN_COURTS.get(noun)
        same = [c for c in known[date.iso] if courts is None or c.court in courts]
        if m.group("number"):
            same = [c for c in same if m.group("number") in split_numbers(c.court, " ".join(c.numbers))]
        if not same or len({(c.court, c.seat) for c in same}) != 1:
            continue                          # no decision of that date with its court, or two: no guess
        first = same[0]
        out.append(Candidate(m.start(), m.end(), first.court, formal=False, priority=1, seat=first.seat,
                             date=date, numbers=[m.group("number")] if m.group("number") else list(first.numbers),
                             noun=noun))
    return out


def _noun(word: str) -> str:
    return word.lower().replace("arret", "arrêt").replace("decision", "décision")


def _last_named(text: str, pos: int, codes) -> tuple[str, str | None] | None:
    """The court of one of ``codes`` that the text names last before ``pos``, with its seat."""
    last = None
    window = max(0, pos - THIS_COURT_REACH)
    for m in COURT_MENTION.finditer(text, window, pos):
        code = MENTION_CODES[m.lastgroup]
        if code in codes:
            seat = SEAT_AFTER_COURT.match(text, m.end())
            last = (code, C.clean_seat(seat.group()) if seat else None)
    return last


class _Spans:
    """Spans of text already taken, as their union: whether a new one overlaps them, in O(log n)."""

    def __init__(self, spans: list[tuple[int, int]]):
        self.spans = spans
        self.starts: list[int] = []
        self.ends: list[int] = []
        for start, end in sorted(spans):
            if self.ends and start < self.ends[-1]:
                self.ends[-1] = max(self.ends[-1], end)
            else:
                self.starts.append(start)
                self.ends.append(end)

    def overlap(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self.starts, end) - 1
        return i >= 0 and self.ends[i] > start
