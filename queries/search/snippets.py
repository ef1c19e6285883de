"""A snippet of a document: the passage of its original text where the words searched for are thickest, with
the words that matched marked (by their keys: "agricoles" is marked for a search of "agricole").

A question's text runs to several thousand words, and a page shows twenty of them: the words of a text are
analysed once each however often they come (``set(WORD.findall(text))``), and the passages where the matching
ones stand are found by one regular expression, in C, rather than word by word.

>>> from hemicycle.queries.search.expression import parse
>>> s = snippet("Les agriculteurs et la politique agricole\\ncommune.", parse("agricole"))
>>> s.text, [s.text[a:b] for a, b in s.highlights]
('Les agriculteurs et la politique agricole commune.', ['agricole'])
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from hemicycle.ingest.search.analysis import WORD, key

LENGTH = 240  # characters a snippet shows, about
_SPACES = re.compile(r"\s+")
_WORD_START = re.compile(r"(?<![^\W_])[^\W_]")


@dataclass
class Snippet:
    text: str
    highlights: list[tuple[int, int]] = field(default_factory=list)  # spans of ``text`` that matched

    def parts(self) -> list[tuple[str, bool]]:
        """The text cut into pieces, each marked or not (what a page shows)."""
        pieces, at = [], 0
        for start, end in self.highlights:
            if start > at:
                pieces.append((self.text[at:start], False))
            pieces.append((self.text[start:end], True))
            at = end
        if at < len(self.text):
            pieces.append((self.text[at:], False))
        return pieces


def matched_words(text: str, expression) -> set[str]:
    """The words of ``text`` (as written) that the search looked for."""
    return {word for word in set(WORD.findall(text)) if expression.highlights(key(word), word)} if text else set()


def best(fields: list[str | None], expression) -> Snippet:
    """The snippet of the first field where the search's words are (a question's body, then its names, then its
    title), else the start of the first field that has text."""
    for text in fields:
        found = matched_words(text, expression) if text else set()
        if found:
            return snippet(text, expression, found)
    first = next((text for text in fields if text), "")
    return _cut(first, 0, min(len(first), LENGTH), [])


def snippet(text: str, expression, found: set[str] | None = None, length: int = LENGTH) -> Snippet:
    """The passage of ``text`` with the most distinct words searched for (the first such), its matches marked."""
    found = matched_words(text, expression) if found is None else found
    if not found:
        return _cut(text, 0, min(len(text), length), [])
    words = "|".join(map(re.escape, sorted(found, key=len, reverse=True)))
    spans = [(m.start(), m.end()) for m in re.finditer(rf"(?<![^\W_])(?:{words})(?![^\W_])", text)]
    first, last = _window(text, spans, length)
    start = max(0, min(spans[first][0] - length // 5, len(text) - length))
    end = min(len(text), max(start + length, spans[last][1]))
    return _cut(text, start, end, spans[first:last + 1])


def _window(text: str, spans: list[tuple[int, int]], length: int) -> tuple[int, int]:
    """The first and last matches of the run that fits in ``length`` characters with the most distinct words."""
    best, best_score, right = (0, 0), (0, 0), 0
    for left in range(len(spans)):
        right = max(right, left)
        while right + 1 < len(spans) and spans[right + 1][1] - spans[left][0] <= length * 4 // 5:
            right += 1
        inside = spans[left:right + 1]
        score = (len({key(text[a:b]) for a, b in inside}), len(inside))
        if score > best_score:
            best, best_score = (left, right), score
    return best


def _cut(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> Snippet:
    """``text[start:end]`` at word boundaries, white space collapsed, "…" where it was cut, spans marked."""
    if start > 0:
        found = _WORD_START.search(text, start)
        start = found.start() if found and found.start() < end else start
    if end < len(text) and WORD.match(text, end - 1 if end else 0):
        back = text.rfind(" ", start, end)
        end = back if back > start else end
    pieces, highlights, length = ["…"] if start > 0 else [], [], 1 if start > 0 else 0
    at = start
    for a, b in spans:
        if a < at or b > end:
            continue
        plain = _SPACES.sub(" ", text[at:a])
        pieces.append(plain)
        length += len(plain)
        highlights.append((length, length + b - a))
        pieces.append(text[a:b])
        length += b - a
        at = b
    pieces.append(_SPACES.sub(" ", text[at:end]))
    shown = "".join(pieces)
    lead = len(shown) - len(shown.lstrip())
    highlights = [(a - lead, b - lead) for a, b in highlights]
    return Snippet(shown.strip() + (" …" if end < len(text) else ""), highlights)
