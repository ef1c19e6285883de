"""What an ingest run reports: records read, ingested, unchanged, rejected and skipped, ministries named without an
id resolved or not, graphs written, and the time it took."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from hemicycle.ingest.mapping.ministries import CAUSES, RESOLVED
from hemicycle.ingest.records.model import Rejection


@dataclass
class IngestReport:
    read: int = 0
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    rejections: list[Rejection] = field(default_factory=list)
    # ministries named without an id: (legislature, outcome) -> how many, the outcome being "resolved" or
    # the cause it stayed unresolved (hemicycle.ingest.mapping.ministries.CAUSES)
    ministry_resolutions: Counter = field(default_factory=Counter)
    graphs_written: int = 0
    seconds: float = 0.0
    run_iri: str = ""

    @property
    def ingested(self) -> int:
        return self.added + self.updated

    @property
    def ministries_resolved(self) -> int:
        return sum(n for (_, outcome), n in self.ministry_resolutions.items() if outcome == RESOLVED)

    @property
    def ministries_unresolved(self) -> int:
        return sum(n for (_, outcome), n in self.ministry_resolutions.items() if outcome != RESOLVED)

    @property
    def resolution_rate(self) -> float | None:
        total = self.ministries_resolved + self.ministries_unresolved
        return self.ministries_resolved / total if total else None

    def resolutions_by_legislature(self) -> dict[int | None, Counter]:
        """Legislature -> outcome ("resolved" or a cause) -> how many, legislatures in order."""
        by_legislature: dict[int | None, Counter] = {}
        for (legislature, outcome), n in sorted(self.ministry_resolutions.items(), key=lambda i: (i[0][0] or 0)):
            by_legislature.setdefault(legislature, Counter())[outcome] += n
        return by_legislature

    def resolution_summary(self) -> str:
        """Per legislature, the ministries resolved by name out of those tried, and why the others were not:
        ``XVth 9334/9334; XVIth 1276/1278 (no organ bears the label: 2)``."""
        parts = []
        for legislature, outcomes in self.resolutions_by_legislature().items():
            causes = ", ".join(f"{text}: {outcomes[cause]}" for cause, text in CAUSES.items() if outcomes[cause])
            parts.append(f"{legislature_name(legislature)} {outcomes[RESOLVED]}/{sum(outcomes.values())}"
                         + (f" ({causes})" if causes else ""))
        return "; ".join(parts)

    def summary(self) -> str:
        rate = self.resolution_rate
        resolution = "" if rate is None else (
            f", ministries by name resolved {self.ministries_resolved}/"
            f"{self.ministries_resolved + self.ministries_unresolved} ({rate:.1%}) [{self.resolution_summary()}]")
        return (f"read {self.read} records, ingested {self.ingested} ({self.added} new, {self.updated} updated), "
                f"unchanged {self.unchanged}, rejected {len(self.rejections)}, skipped {self.skipped}, "
                f"unresolved ministries {self.ministries_unresolved}{resolution}, "
                f"{self.graphs_written} graphs written in {self.seconds:.1f} s")


def legislature_name(number: int | None) -> str:
    """A legislature as the summary names it: ``XVth``, ``XVIth``, ``XVIIth``.

    >>> legislature_name(14), legislature_name(15), legislature_name(17), legislature_name(21)
    ('XIVth', 'XVth', 'XVIIth', 'XXIst')
    """
    if number is None or number <= 0:
        return "legislature unknown"
    numerals, left = "", number
    for value, numeral in ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while left >= value:
            numerals, left = numerals + numeral, left - value
    suffix = "th" if number % 100 in (11, 12, 13) else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return numerals + suffix
