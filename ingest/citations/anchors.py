"""Where a citation may start: the anchor words of every finder, found in one pass over the text.

Each finder runs its full pattern only where one of its anchor words stands (a court's name, a decision
noun, ``loi``, ``décret``…). Scanning French prose once per finder with a regular-expression alternation of
these words costs more than all the rest of the extraction, because most letters open some branch. An
Aho-Corasick automaton (ahocorasick-rs, over Rust's ``aho-corasick``) finds the words of all finders at once, in
one pass, at about 4 ns a character.

The positions each finder receives are those that ``re.finditer`` over the alternation of its words, in the
order given, would give: leftmost first, the first word in the list at a position, none starting inside the
previous one (see :func:`scan`; tests compare them with ``re``).

>>> hits = anchors("la décision n° 2012-270 QPC du Conseil d'État")
>>> hits["numbered"], hits["mention"], hits["head"]
([5, 24], [31], [31])
"""
from __future__ import annotations

import re

import ahocorasick_rs

# The anchor words of each finder, in the order of preference of a regular-expression alternation.
WORDS: dict[str, tuple[str, ...]] = {
    # heads of formal citations: "CE, 5 mai 2026", "Cass. soc.", "CAA de Lyon", "Civ. 1re"
    "head": ("Conseil", "Cons.", "C.", "CE", "Cour", "Cass", "CC", "Tribunal", "T.", "TC", "CJ", "Trib.", "TPICE",
             "TUE", "CAA", "TA", "CA", "CPH", "CNDA", "cour", "tribunal", "conseil", "Soc.", "Crim.", "Com.", "Civ.", "Ch.",
             "Ass.", "1re", "1ère", "2e", "3e", "2ème", "3ème", "Section", "1r "),
    # court mentions of informal citations: "l'arrêt de la Cour de cassation du 12 juillet 2022"
    "mention": ("Cour", "cour", "COUR", "Conseil", "conseil", "CONSEIL", "CJUE", "CJCE", "CEDH", "CNDA", "CAA", "TA",
                "Tribunal", "tribunal", "Haute", "haute", "Juge", "juge"),
    # numbers that name their court: "décision n° 2012-270 QPC", "déc. n° 2019-1 LP"
    "numbered": ("QPC", "DC", "LP", "LOM", "FNR", "ORGA", "RIP", "cision", "éc."),
    # CJEU and General Court case numbers: "C-311/18", "T-612/17"
    "case": ("C-", "T-"),
    # decisions cited through their context (context.py): "l'arrêt attaqué (Paris, …)", "le jugement du …"
    "noun": ("arrêt", "Arrêt", "arret", "jugement", "Jugement", "ordonnance", "Ordonnance", "décision", "Décision",
             "decision"),
    # texts of law: "loi n° 2016-1321", "décret du 7 mai", "article L. 554-1", "règlement (UE) 2016/679"
    "law": ("loi ", "Loi ", "LOI ", "ordonnance ", "Ordonnance ", "décret", "decret", "directive ", "Décret",
            "DÉCRET", "DECRET", "Directive ", "arrêté", "arrete", "article", "art.", "Arrêté", "Article",
            "circulaire ", "Circulaire ", "règlement ", "reglement ", "Règlement "),
}


# Every anchor word once, with what it is to each finder that uses it: (finder, rank in its list, length).
_OWNERS: dict[str, list[tuple[str, int, int]]] = {}
for _finder, _words in WORDS.items():
    for _rank, _word in enumerate(_words):
        _OWNERS.setdefault(_word, []).append((_finder, _rank, len(_word)))
_OWNED = [tuple(owned) for owned in _OWNERS.values()]
_AUTOMATON = ahocorasick_rs.AhoCorasick(list(_OWNERS))
_SURROGATE = re.compile("[\ud800-\udfff]")


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
    try:  # overlapping: every occurrence of every word (in characters), as the finders' alternations may match
        found = _AUTOMATON.find_matches_as_indexes(text, overlapping=True)
    except UnicodeEncodeError:  # a lone surrogate, which UTF-8 cannot carry: one character for another
        found = _AUTOMATON.find_matches_as_indexes(_SURROGATE.sub("\ufffd", text), overlapping=True)
    for word, start, _end in found:
        for finder, rank, length in _OWNED[word]:
            hits[finder].append((start, rank, length))
    return {finder: scan(found) for finder, found in hits.items()}
