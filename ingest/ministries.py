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
"""
from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from datetime import date


def fold(label: str) -> str:
    """A label folded for comparison: apostrophes and dashes unified, accents and case dropped."""
    text = unicodedata.normalize("NFKD", label.replace("’", "'").replace("‘", "'").replace("–", "-"))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return re.sub(r"\s+", " ", text).strip(" .")


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
        self.resolved = 0
        self.unresolved = 0

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
        if day is None:
            return None
        for text in (label, short_label):
            if not text:
                continue
            matches = {m.uid for m in self._by_label.get(fold(text), ()) if m.valid_on(day)}
            if len(matches) == 1:
                return matches.pop()
            if len(matches) > 1:
                return None
        return None

    def count(self, resolved: bool) -> None:
        if resolved:
            self.resolved += 1
        else:
            self.unresolved += 1
