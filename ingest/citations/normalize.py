"""Normalise a text for matching without moving a single character.

Every replacement maps one character to one character (or a markup run to as many spaces), so an offset in
the normalised text is the same offset in the original (a finder's spans need no mapping back). Matching never has
to know about NBSP, typographic apostrophes or ``nº``.

>>> n = normalize("CE,\\u00a05\\u202fmai 2026, nº 502860 – Conseil d\\u2019État")
>>> n.text
"CE, 5 mai 2026, n° 502860 - Conseil d'État"
>>> len(n.text) == len(n.source)
True
>>> normalize("<b>CE</b>, 1er mars 2020").text
'   CE    , 1er mars 2020'
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_TABLE = str.maketrans({
    "\u00a0": " ", "\u202f": " ", "\u2007": " ", "\u2009": " ", "\u200a": " ", "\u2002": " ", "\u2003": " ",
    "\t": " ",
    "\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u00b4": "'", "`": "'",
    "\u00ba": "°", "\u02da": "°", "\u1d52": "°",   # nº, n˚, nᵒ
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-",
    "\u00ad": "-",
    "\u00ab": '"', "\u00bb": '"', "\u201c": '"', "\u201d": '"',
})

_MARKUP = re.compile(r"<[^<>]{0,300}>|&(?:nbsp|#160|#8239|#xa0);|&(?:#0?39|rsquo|apos);|&[a-zA-Z]{2,8};|&#\d{2,5};")
_APOS = {"&#039;", "&#39;", "&rsquo;", "&apos;"}


def _blank(m: re.Match) -> str:
    s = m.group()
    if s in _APOS:
        return "'" + " " * (len(s) - 1)
    if s[0] == "&" and s in ("&eacute;",):
        return "é" + " " * (len(s) - 1)
    return " " * len(s)


@dataclass(frozen=True, slots=True)
class Normalized:
    source: str
    text: str


# One character for another, none of them replaced twice (no replacement is itself replaced): one search per
# character of the table, in C, costs less over a text of several kilobytes than one pass of a regular
# expression that calls back at each of its dozens of no-break spaces and apostrophes (str.translate with a
# dict costs more still).
_SWAPS = tuple((chr(c), r) for c, r in _TABLE.items())
assert not {r for _, r in _SWAPS} & {c for c, _ in _SWAPS}


def normalize(source: str) -> Normalized:
    text = source
    for char, replacement in _SWAPS:
        if char in text:
            text = text.replace(char, replacement)
    if "<" in text or "&" in text:
        text = _MARKUP.sub(_blank, text)
    assert len(text) == len(source)
    return Normalized(source, text)
