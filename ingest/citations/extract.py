"""The pipeline: normalise → find → merge → context (:mod:`.context`) → parse → resolve.

>>> text = "comme l'a rappelé le Conseil d'État (CE, 5 mai 2026, Fédération des Acteurs de la solidarité et autres, n° 502860)"
>>> [c] = extract(text)
>>> (c.court, c.date, c.numbers, c.ecli), text[c.start:c.end] == c.text
(('CE', '2026-05-05', ('502860',), None), True)
"""
from __future__ import annotations

import bisect
from typing import Callable

from hemicycle.ingest.citations.anchors import anchors
from hemicycle.ingest.citations.context import by_context, date_eu_cases
from hemicycle.ingest.citations.find import attach_numbers, find_formal, find_informal, find_numbered, merge
from hemicycle.ingest.citations.legislation import find_legislation
from hemicycle.ingest.citations.models import Citation, DecisionCitation, LegislationCitation
from hemicycle.ingest.citations.normalize import normalize
from hemicycle.ingest.citations.parse import to_citation
from hemicycle.ingest.citations.resolve import resolve

Resolver = Callable[[Citation], Citation]


def find_citations(text: str) -> list[Citation]:
    """The citations of text, parsed but not resolved, in the order of the text."""
    norm = normalize(text).text
    hits = anchors(norm)
    laws = find_legislation(norm, _source=text, hits=hits)
    cands = attach_numbers(merge(find_formal(norm, hits) + find_informal(norm, hits) + find_numbered(norm, hits)),
                           norm)
    cands = date_eu_cases(norm, cands)
    cands = sorted(cands + by_context(norm, cands, _not_a_court_s(laws), hits["noun"]), key=lambda c: c.start)
    decisions = [to_citation(c, text) for c in cands]
    if laws and decisions:
        firm = [l for l in laws if not _may_be_a_judge_s(l)]
        starts = [l.start for l in firm]
        decisions = [d for d in decisions if not _inside(d, firm, starts)]
        ordonnances = [l for l in laws if l.type == "ordonnance"]
        if ordonnances:
            drop = {id(l) for l in ordonnances if _overlaps(l, decisions)}
            laws = [l for l in laws if id(l) not in drop]
    out: list[Citation] = [*decisions, *laws]
    out.sort(key=lambda c: (c.start, c.end))
    return out


def _may_be_a_judge_s(law: LegislationCitation) -> bool:
    """An ordonnance with a date and no number ("l'ordonnance du 15 septembre 2025") may be a judge's: a decision
    found there (context.py) wins over the text of law."""
    return law.type == "ordonnance" and law.number is None


def _not_a_court_s(laws: list[LegislationCitation]) -> list[tuple[int, int]]:
    """The spans of texts of law that cannot be a court's decision."""
    return [(l.start, l.end) for l in laws if not _may_be_a_judge_s(l)]


def _inside(c, spans, starts) -> bool:
    """c lies within one of spans (sorted by start, whose starts are given)."""
    i = bisect.bisect_right(starts, c.start) - 1
    return i >= 0 and spans[i].end >= c.end


def _overlaps(c, spans) -> bool:
    i = bisect.bisect_left([s.start for s in spans], c.end)
    return any(s.end > c.start for s in spans[max(0, i - 3):i])


def extract(text: str, *, resolver: Resolver | None = resolve) -> list[Citation]:
    """Every citation of a court decision or a text of law in text, each with its exact span."""
    cites = find_citations(text)
    return [resolver(c) for c in cites] if resolver else cites


__all__ = ["extract", "find_citations", "Citation", "DecisionCitation", "LegislationCitation"]
