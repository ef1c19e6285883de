"""Resolve ministries named without an organ id (XVth, XVIth) against the MINISTERE organs of their date.

A label resolves when exactly one ministry organ valid on the date bears it (full or short label, compared
after folding apostrophes, accents, case and spaces). Anything else — no match, or several — stays
unresolved: an unresolved node is honest, a wrong link is not.

>>> resolver = MinistryResolver()
>>> resolver.add("PO1", "Ministère de l’intérieur", "Intérieur", date(2022, 5, 20), date(2024, 1, 11))
>>> resolver.add("PO2", "Ministère de l'Intérieur", "Intérieur", date(2024, 1, 11), None)
>>> resolver.resolve("Ministère de l'intérieur", None, date(2023, 3, 1))
'PO1'
>>> resolver.resolve(None, "INTÉRIEUR", date(2024, 1, 11))
'PO2'
>>> resolver.resolve("Ministère de la mer", None, date(2023, 3, 1)) is None
True
>>> resolver.match("Intérieur", None, date(2023, 3, 1)), resolver.match("Intérieur", None, None)
(Resolution(uid='PO1', cause='resolved'), Resolution(uid=None, cause='no date'))
>>> resolver.match(None, "Intérieur", date(2021, 1, 1)).cause, resolver.match("Mer", None, date(2021, 1, 1)).cause
('not on the date', 'no organ')
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from functools import lru_cache


@lru_cache(maxsize=4096)  # a few hundred labels, each named by thousands of questions
def fold(label: str) -> str:
    """A label folded for comparison: apostrophes and dashes unified, accents and case dropped."""
    text = unicodedata.normalize("NFKD", label.replace("’", "'").replace("‘", "'").replace("–", "-"))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return re.sub(r"\s+", " ", text).strip(" .")


RESOLVED = "resolved"
NO_ORGAN = "no organ"  # no ministry organ bears the label
NOT_ON_DATE = "not on the date"  # organs bear it, none of them on the date
SEVERAL = "several"  # several organs bear it on the date
NO_DATE = "no date"  # the question has no date to choose an organ by
# Why a label stayed unresolved, in the words of the ingest summary.
CAUSES = {
    NO_ORGAN: "no organ bears the label",
    NOT_ON_DATE: "none bears it on the date",
    SEVERAL: "several organs bear it",
    NO_DATE: "no date",
}


@dataclass(frozen=True)
class Resolution:
    """The organ a label resolved to (``None`` when it did not) and the outcome: ``resolved`` or a cause."""

    uid: str | None
    cause: str


@dataclass(frozen=True)
class _Ministry:
    uid: str
    start: date | None
    end: date | None

    def valid_on(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


class MinistryResolver:
    def __init__(self):
        self._by_label: dict[str, set[_Ministry]] = defaultdict(set)
        self.counts: Counter[tuple[int | None, str]] = Counter()  # (legislature, outcome) -> attempts

    def add(self, uid: str, label: str | None, short_label: str | None, start: date | None,
            end: date | None) -> None:
        ministry = _Ministry(uid, start, end)
        for text in (label, short_label):
            if text:
                self._by_label[fold(text)].add(ministry)

    def __len__(self) -> int:
        return len({m.uid for ms in self._by_label.values() for m in ms})

    def resolve(self, label: str | None, short_label: str | None, day: date | None) -> str | None:
        """The uid of the one ministry organ bearing this label on this day, else ``None``."""
        return self.match(label, short_label, day).uid

    def match(self, label: str | None, short_label: str | None, day: date | None) -> Resolution:
        """The one ministry organ bearing the full label (failing that, the short label) on this day, or why
        there is none. Several organs bearing the full label is final: the short label is not tried."""
        if day is None:
            return Resolution(None, NO_DATE)
        borne = False
        for text in (label, short_label):
            if not text:
                continue
            bearers = self._by_label.get(fold(text), ())
            borne = borne or bool(bearers)
            matches = {m.uid for m in bearers if m.valid_on(day)}
            if len(matches) == 1:
                return Resolution(matches.pop(), RESOLVED)
            if len(matches) > 1:
                return Resolution(None, SEVERAL)
        return Resolution(None, NOT_ON_DATE if borne else NO_ORGAN)

    def count(self, legislature: int | None, outcome: str) -> None:
        self.counts[legislature, outcome] += 1

    @property
    def resolved(self) -> int:
        return sum(n for (_, outcome), n in self.counts.items() if outcome == RESOLVED)

    @property
    def unresolved(self) -> int:
        return sum(n for (_, outcome), n in self.counts.items() if outcome != RESOLVED)
