"""The regular expressions of the decision finder (:mod:`..find`), each named for what it matches.

All are verbose (``re.X``): spaces and comments are not part of the pattern. Most are compiled; the fragments
they share (``_NAMES`` with a leading underscore, and :data:`NUMBER_MARK`, :data:`DECISION_NOUN`) are strings,
which only verbose patterns may embed. They are kept in three places:

* here, the fragments both kinds of citation share;
* :mod:`.formal`: formal citations (a head, its segments, case numbers by court), numbers that name their court
  (Conseil constitutionnel, EU courts, ECLIs), and what joins a mention to a number;
* :mod:`.informal`: court mentions in running prose, and the decision nouns, dates and judging verbs around them.

Names say where the finder tries them:

* ``…_BEFORE_COURT`` and ``…_AT_END`` are searched in a window that ends (``$``) where a court mention starts
  (where a case number starts, for :data:`.formal.AFFAIRE_AT_END`);
* ``…_AFTER_COURT`` and ``…_AFTER`` are matched where a court mention, a segment or a citation ends;
* the others are matched at a segment of a formal citation (``CE, 5 mai 2026, n° 502860``) or searched.

Tables of courts (names, seats, number shapes, formations) are in :mod:`..courts`, dates in :mod:`..dates`.
"""
from __future__ import annotations

# --- Shared fragments ---------------------------------------------------------------------------------------
#: "n°", "N°s", "no", "nos.", "numéro" before a number
NUMBER_MARK = r"""(?:
      [Nn]\s?°\s?s?\.?
    | [Nn]os?\.?(?=\s?\d)
    | [Nn]uméros?
)"""
#: a decision noun: décision, arrêt, avis, ordonnance, jugement
DECISION_NOUN = r"""(?:
    [Dd][ée]cisions? | [Aa]rr[êe]ts? | [Aa]vis | [Oo]rdonnances? | [Jj]ugements?
)(?![\w-])"""


def alternation(prefix: str, table: list[tuple[str, str]]) -> tuple[str, dict[str, str]]:
    """One named group per (code, pattern) of a table of :mod:`.courts`, one a line; and the code of each group."""
    names = [f"{prefix}_{i}" for i in range(len(table))]
    pattern = "\n    | ".join(f"(?P<{name}>{p})" for name, (_, p) in zip(names, table))
    return pattern, dict(zip(names, (code for code, _ in table)))

