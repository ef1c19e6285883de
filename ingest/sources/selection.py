"""Which records one pass over the sources reads, told by the name of their root.

An ingest reads its sources twice: deputies and organs first (:data:`amo_only`), so that the questions read
after them (:data:`all_but_amo`) resolve against them. Each pass reads every file, and takes the records
whose root it selects; a file that cannot be read at all has the root ``None``, and is reported by the pass
that selects ``None``.
"""
from __future__ import annotations

from dataclasses import dataclass

from hemicycle.ingest.sources.readers import SKIPPED_KINDS

AMO_ROOTS = frozenset({"acteur", "organe", "mandat", "export"} | SKIPPED_KINDS)


@dataclass(frozen=True)
class Selection:
    """The roots a pass reads: those of ``roots``, or with ``but`` every root except them.

    ``amo`` marks the deputies' pass: it tells the members of a zip that it refuses from their first bytes,
    without opening them (it refuses every member of a questions zip: 50,000 members take 0.3 s instead of
    1.5 s), and the pipeline keeps every graph it maps to the end of the pass
    (:mod:`hemicycle.ingest.mapping.shared`)."""

    roots: frozenset[str | None]
    but: bool = False
    amo: bool = False

    def accepts(self, root: str | None) -> bool:
        return (root in self.roots) != self.but


everything = Selection(frozenset(), but=True)
amo_only = Selection(AMO_ROOTS, amo=True)  # deputies and organs first, so that questions resolve against them
all_but_amo = Selection(AMO_ROOTS, but=True)  # the rest: questions, and whatever cannot be read (reported once)
PASSES = (amo_only, all_but_amo)  # an ingest's passes, in order
