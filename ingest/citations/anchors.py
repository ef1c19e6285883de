"""Where a citation may start: the anchor words of every finder, found in one pass over the text.

Each finder runs its full pattern only where one of its anchor words stands (a court's name, a decision
noun, ``loi``, ``décret``…). Scanning French prose once per finder with a regular-expression alternation of
these words costs more than all the rest of the extraction, because most letters open some branch. An
Aho-Corasick automaton (pyahocorasick) finds the words of all finders at once, in one pass.

The positions each finder receives are those that ``re.finditer`` over the alternation of its words, in the
order given, would give: leftmost first, the first word in the list at a position, none starting inside the
previous one (see :func:`scan`; tests compare them with ``re``).

>>> hits = anchors("la décision n° 2012-270 QPC du Conseil d'État")
>>> hits["numbered"], hits["mention"], hits["head"]
([5, 24], [31], [31])
"""
from __future__ import annotations

import ahocorasick

# The anchor words of each finder, in the order of preference of a regular-expression alternation.
WORDS: dict[str, tuple[str, ...]] = {
    # heads of formal citations: "CE, 5 mai 2026", "Cass. soc.", "CAA de Lyon", "Civ. 1re"
    "head": ("Conseil", "Cons.", "C.", "CE", "Cour", "Cass", "CC", "Tribunal", "T.", "TC", "CJ", "Trib.", "TPICE",
             "TUE", "CAA", "TA", "CA", "CPH", "cour", "tribunal", "conseil", "Soc.", "Crim.", "Com.", "Civ.", "Ch.",
             "Ass.", "1re", "1ère", "2e", "3e", "2ème", "3ème"),
    # court mentions of informal citations: "l'arrêt de la Cour de cassation du 12 juillet 2022"
    "mention": ("Cour", "cour", "COUR", "Conseil", "conseil", "CONSEIL", "CJUE", "CJCE", "CEDH", "CAA", "TA",
                "Tribunal", "tribunal", "Haute", "haute", "Juge", "juge"),
    # numbers that name their court: "décision n° 2012-270 QPC", "déc. n° 2019-1 LP"
    "numbered": ("QPC", "DC", "LP", "LOM", "FNR", "ORGA", "RIP", "cision", "éc."),
    # CJEU and General Court case numbers: "C-311/18", "T-612/17"
    "case": ("C-", "T-"),
    # texts of law: "loi n° 2016-1321", "décret du 7 mai", "article L. 554-1", "règlement (UE) 2016/679"
    "law": ("loi ", "Loi ", "LOI ", "ordonnance ", "Ordonnance ", "décret", "decret", "directive ", "Décret",
            "DÉCRET", "DECRET", "Directive ", "arrêté", "arrete", "article", "art.", "Arrêté", "Article",
            "circulaire ", "Circulaire ", "règlement ", "reglement ", "Règlement "),
}


def _automaton() -> ahocorasick.Automaton:
    """One automaton over every word; a word's value lists (finder, rank in its list, length)."""
    owners: dict[str, list[tuple[str, int, int]]] = {}
    for finder, words in WORDS.items():
        for rank, word in enumerate(words):
            owners.setdefault(word, []).append((finder, rank, len(word)))
    automaton = ahocorasick.Automaton()
    for word, owned in owners.items():
        automaton.add_word(word, tuple(owned))
    automaton.make_automaton()
    return automaton


_AUTOMATON = _automaton()


def scan(hits: list[tuple[int, int, int]]) -> list[int]:
    """Starts kept from (start, rank, length) hits as ``re.finditer`` keeps matches of an alternation."""
    kept, end = [], -1
    for start, _rank, length in sorted(hits):
        if start >= end:  # at one start, the lowest rank comes first: the first branch that matches wins
            kept.append(start)
            end = start + length
    return kept


def anchors(text: str) -> dict[str, list[int]]:
    """The start of every anchor word in text, by finder (every finder has a list, maybe empty)."""
    hits: dict[str, list[tuple[int, int, int]]] = {finder: [] for finder in WORDS}
    for last, owned in _AUTOMATON.iter(text):
        for finder, rank, length in owned:
            hits[finder].append((last - length + 1, rank, length))
    return {finder: scan(found) for finder, found in hits.items()}
