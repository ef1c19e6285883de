"""Informal citations: a decision noun, a date or a judging verb hung on a court mention.

The ways a mention is cited, tried in this order (``|`` marks where the mention stands):

* (a) a decision noun of the court: ``l'arrêt n° 21-85.763 de la |Cour de cassation du 12 juillet 2022``;
* (c) a decision noun before, then the court: ``dans sa décision du 5 avril 2022, le |Conseil d'État``;
* (b) the court, then a decision noun: ``le |tribunal administratif de Strasbourg, dans sa décision``;
* (e) the court, then a bracket that opens on a decision noun: ``le |Conseil d'État (décision n° 398765 du 8
  février 2017)``;
* (d1) a date before, a ruling verb after: ``le 19 janvier 2023, la |CJUE a jugé``;
* (d2) a ruling verb and a date after: ``le |Conseil constitutionnel a, le 5 août 2021, censuré``;
* a judging verb before or after, maybe dated: ``comme l'a jugé la |Cour de cassation le 22 décembre 2023``,
  ``la |cour administrative d'appel de Marseille a estimé``;
* (d2) or a judging verb after a formation between commas: ``la |Cour de cassation, réunie en assemblée
  plénière, a jugé le 22 décembre 2023``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from hemicycle.ingest.citations import courts as C
from hemicycle.ingest.citations.dates import Date, date_from_match, parse_date
from hemicycle.ingest.citations.models import Candidate
from hemicycle.ingest.citations.patterns.formal import BARE_CASE_NUMBERS, INTRODUCED_CASE_NUMBERS
from hemicycle.ingest.citations.patterns.informal import (
    ARTICLE_AT_END, BRACKET_AFTER, DATE_AFTER_COURT, DATE_AFTER_JUDGED, DATE_BEFORE_COURT,
    DECISION_NOUN_BEFORE_COURT, DECISION_NOUN_HINT, FORMATION_BEFORE_COURT, HAS_JUDGED_AFTER_COURT,
    HAS_JUDGED_BEFORE_COURT, HAS_RULED_AFTER_COURT, HAS_RULED_ON_DATE_AFTER_COURT, IN_FORMATION_AFTER,
    IN_FORMATION_BETWEEN_COMMAS, IN_ITS_DECISION_AFTER_COURT, IN_ITS_DECISION_BEFORE_COURT, NAMED_DECISION,
    NOUN_IN_BRACKET_AFTER_COURT, NUMBER_AFTER_CITATION, OTHER_AUTHORITY, OTHER_COURT_WORD,
    PREPOSITION_AND_ARTICLE_AT_END, REPORT_OR_OCCASION_AFTER, REST_OF_BRACKET,
)
from hemicycle.ingest.citations.segments import scan_tail


@dataclass(slots=True)
class Mention:
    """A court named in running prose; ``end`` is past its seat and its bracketed abbreviation, if any."""
    court: str
    seat: str | None
    start: int
    end: int

    def candidate(self, start: int, end: int, **fields) -> Candidate:
        return Candidate(start, end, self.court, formal=False, priority=1, seat=self.seat, **fields)


def informal_citation(text: str, mention: Mention) -> Candidate | None:
    """The informal citation hung on a court mention, if any: the first of the ways (module docstring) that finds
    one, completed with the formation and the case numbers named around it."""
    found = (_noun_before(text, mention) or _noun_after(text, mention) or _noun_in_bracket(text, mention)
             or _date_before(text, mention)
             or _ruled_on_date(text, mention, mention.end) or _judged(text, mention, mention.end)
             or _formation_incise(text, mention))
    if found is not None:
        _formation_before(text, found, mention.start)
        if not found.numbers:
            _numbers_in_bracket_after(text, found)
        if not found.formations:
            _formation_after(text, found, mention.end)
    return found


def _noun_before(text: str, mention: Mention) -> Candidate | None:
    """(a) "l'arrêt de la Cour de cassation du 12 juillet 2022", (c) "dans sa décision du 5 avril 2022, le Conseil
    d'État": the noun comes first; (a) only counts with a date, a number or a name."""
    window_start = max(0, mention.start - 160)
    window = text[window_start:mention.start]
    if not DECISION_NOUN_HINT.search(window):
        return None
    noun = IN_ITS_DECISION_BEFORE_COURT.search(window) or DECISION_NOUN_BEFORE_COURT.search(window)
    if noun is None:
        return None
    numbers, date = _noun_numbers(mention.court, noun)
    cand = mention.candidate(window_start + noun.start(), mention.end, numbers=numbers, noun=noun.group("noun"))
    cand.date = _date_of_noun(noun) or date
    if "dash" in noun.re.groupindex and noun.group("dash"):
        # a title: "Arrêt n°543 du … (…) - Cour de cassation - Première chambre civile - ECLI:…"
        cand.end = scan_tail(text, mention.court, mention.end, cand)
    date_after = DATE_AFTER_COURT.match(text, mention.end)
    if date_after and cand.date is None:
        cand.date, cand.end = _date_or_year(date_after), date_after.end()
    number_after = NUMBER_AFTER_CITATION.match(text, cand.end)
    if number_after:
        cand.numbers.append(number_after.group("number"))
        cand.end = number_after.end()
    elif not cand.numbers:
        _numbers_in_bracket_after(text, cand)
    if (noun.re is IN_ITS_DECISION_BEFORE_COURT or cand.date or cand.numbers
            or NAMED_DECISION.search(noun.group())):
        return cand
    return None


def _noun_after(text: str, mention: Mention) -> Candidate | None:
    """(b) "le Conseil d'État, dans sa décision du 5 avril 2022", "le TA de Strasbourg dans sa décision"."""
    phrase = IN_ITS_DECISION_AFTER_COURT.match(text, mention.end)
    if phrase is None:
        return None
    between = (mention.end, phrase.start("noun"))
    if OTHER_AUTHORITY.search(text, *between) or OTHER_COURT_WORD.search(text, *between):
        return None
    numbers, date = _noun_numbers(mention.court, phrase)
    return mention.candidate(mention.start, phrase.end(), date=_date_of_noun(phrase) or date, numbers=numbers,
                             noun=phrase.group("noun"))


def _noun_numbers(court: str, noun: re.Match) -> tuple[list[str], Date | None]:
    """The case numbers (and a date) a decision noun's tail states: its number, or those of its bracket. A number
    not in the court's own shape yields to a bracket's that is: "Arrêt n°543 du 12 juillet 2023 (22-17.030)",
    where 543 is the Cour de cassation's numbering of its arrêts and 22-17.030 the pourvoi."""
    number, bracketed = noun.group("number"), noun.group("bracketed")
    numbers, date = _bracket_numbers(court, bracketed) if bracketed else ([], None)
    if number and (_has_shape(court, number) or not numbers):
        return [number], None
    return numbers, date


def _has_shape(court: str, number: str) -> bool:
    bare = BARE_CASE_NUMBERS.get(court)
    return bool(bare and bare.fullmatch(number))


def _noun_in_bracket(text: str, mention: Mention) -> Candidate | None:
    """(e) "le Conseil d'État (décision n° 398765 du 8 février 2017)": a bracket after the court opens on a decision
    noun, then states a date or case numbers (read as a formal citation's segments) and closes."""
    noun = NOUN_IN_BRACKET_AFTER_COURT.match(text, mention.end)
    if noun is None:
        return None
    close = text.find(")", noun.end(), noun.end() + 120)
    if close < 0:
        return None
    cand = mention.candidate(mention.start, close + 1, noun=noun.group("noun"))
    end = scan_tail(text, mention.court, noun.end(), cand, limit=close - noun.end())
    cand.formal, cand.priority = False, 1                 # the tail's reader may have taken it for a formal one
    if end > close or text[end:close].strip() or (cand.date is None and not cand.numbers):
        return None
    return cand


def _date_before(text: str, mention: Mention) -> Candidate | None:
    """(d1) "le 19 janvier 2023, la CJUE a jugé": a date before the court, a ruling verb after it."""
    if not HAS_RULED_AFTER_COURT.match(text, mention.end):
        return None
    date = DATE_BEFORE_COURT.search(text, max(0, mention.start - 40), mention.start)
    if date is None:
        return None
    return mention.candidate(date.start(), mention.end, date=date_from_match(date))


def _ruled_on_date(text: str, mention: Mention, pos: int) -> Candidate | None:
    """(d2) from pos, a ruling verb and a date: "le Conseil constitutionnel a, le 5 août 2021, censuré", "la Cour
    a jugé, le 12 juillet 2022,"."""
    ruled = HAS_RULED_ON_DATE_AFTER_COURT.match(text, pos)
    if ruled is None:
        return None
    return mention.candidate(mention.start, ruled.end(), date=date_from_match(ruled))


def _judged(text: str, mention: Mention, pos: int) -> Candidate | None:
    """A court that judged, the verb before it or from pos after it, maybe dated: "comme l'a jugé la Cour de
    cassation le 22 décembre 2023 en assemblée plénière", "la cour administrative d'appel de Marseille a estimé
    que"."""
    end = _end_of_judging(text, mention, pos)
    if end is None or REPORT_OR_OCCASION_AFTER.match(text, end):
        return None
    cand = mention.candidate(mention.start, end)
    for _ in range(2):                         # "le 22 décembre 2023 en assemblée plénière", in either order
        date = DATE_AFTER_JUDGED.match(text, cand.end) if cand.date is None else None
        if date:
            cand.date, cand.end = _date_or_year(date), date.end()
        elif cand.formations or not _formation_after(text, cand, cand.end):
            break
    return cand


def _end_of_judging(text: str, mention: Mention, pos: int) -> int | None:
    """pos when a judging verb comes before the court ("comme l'a jugé la"); else the end of the verb after
    it ("a jugé") when the court is its subject; else None."""
    window_start = max(0, mention.start - 120)
    if "'" in text[window_start:mention.start] and HAS_JUDGED_BEFORE_COURT.search(text, window_start, mention.start):
        return pos
    verb = HAS_JUDGED_AFTER_COURT.match(text, pos)
    if verb is None or not _court_is_subject(text, mention.start):
        return None
    return verb.end()


def _court_is_subject(text: str, start: int) -> bool:
    """An article ("la", not "de la") or a formation ("la chambre sociale de la") stands before the court."""
    left = text[max(0, start - 24):start]
    return bool((ARTICLE_AT_END.search(left) and not PREPOSITION_AND_ARTICLE_AT_END.search(left))
                or FORMATION_BEFORE_COURT.search(text, max(0, start - 50), start))


def _formation_incise(text: str, mention: Mention) -> Candidate | None:
    """ "la Cour de cassation, réunie en assemblée plénière, a jugé le 22 décembre 2023": (d2) or a judging verb
    after the incise, which gives the formation."""
    incise = IN_FORMATION_BETWEEN_COMMAS.match(text, mention.end)
    if incise is None:
        return None
    found = _ruled_on_date(text, mention, incise.end()) or _judged(text, mention, incise.end())
    formation = incise.group("formation")
    if found is not None and any(rx.fullmatch(formation) for rx, _ in C.formation_patterns(mention.court)):
        found.formations.append(formation)
    return found


def _date_of_noun(match: re.Match) -> Date | None:
    """The date a decision noun's tail states: its day and month (maybe its year), or its year alone."""
    if match.group("year"):
        return Date(int(match.group("year")), None, None)
    date_text = match.group("date")
    if not date_text:
        return None
    date = parse_date(date_text)
    return date if date.month is not None else None


def _date_or_year(match: re.Match) -> Date:
    """The date a match states: a :data:`.dates.DATE`, or a year alone (its group ``year``)."""
    if match.group("d_day") or match.group("n_day"):
        return date_from_match(match)
    return Date(int(match.group("year")), None, None)


def _bracket_numbers(court: str, content: str) -> tuple[list[str], Date | None]:
    """The case numbers a bracket holds, when they have the shape of the court's numbers (else none), and the date
    that may follow them: "(n° C4196)", "(décision n° 398765 du 8 février 2017)"."""
    content = content.strip()
    for pattern in (INTRODUCED_CASE_NUMBERS.get(court), BARE_CASE_NUMBERS.get(court)):
        numbers = pattern.match(content) if pattern is not None else None
        rest = REST_OF_BRACKET.fullmatch(content, numbers.end()) if numbers else None
        if rest:
            return [numbers.group("numbers")], date_from_match(rest) if rest.group("date") else None
    return [], None


def _numbers_in_bracket_after(text: str, cand: Candidate) -> None:
    """A bracket right after cand that holds its case numbers (maybe dated): "dans sa décision du 9 décembre 2019
    (n° C4196)", "comme l'a jugé le Conseil d'État (décision n° 398765 du 8 février 2017)"."""
    bracket = BRACKET_AFTER.match(text, cand.end)
    if bracket:
        numbers, date = _bracket_numbers(cand.court, bracket.group("content"))
        if numbers:
            cand.numbers.extend(numbers)
            cand.date = cand.date or date
            cand.end = bracket.end()


def _formation_after(text: str, cand: Candidate, pos: int) -> bool:
    """ "…, réunie en assemblée plénière": a formation named right after the court or the citation."""
    formation = IN_FORMATION_AFTER.match(text, pos)
    if formation is None and pos != cand.end:
        formation = IN_FORMATION_AFTER.match(text, cand.end)
    if formation is None or not any(rx.fullmatch(formation.group("formation"))
                                    for rx, _ in C.formation_patterns(cand.court)):
        return False
    cand.formations.append(formation.group("formation"))
    cand.end = max(cand.end, formation.end())
    return True


def _formation_before(text: str, cand: Candidate, mention_start: int) -> None:
    """ "la chambre sociale de la Cour de cassation": a formation named right before the court."""
    formation = FORMATION_BEFORE_COURT.search(text, max(0, mention_start - 50), mention_start)
    if formation:
        cand.formations.append(formation.group("formation"))
