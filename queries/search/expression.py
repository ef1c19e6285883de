"""What a person types into the search box, as an FTS5 query over the analysed index.

The words are analysed as the documents were (:mod:`hemicycle.ingest.search.analysis`), and every key goes into
the FTS5 query quoted, so that no character of the text is ever FTS5 syntax: a stray ``"``, ``*``, ``NEAR(``,
``AND`` or ``:`` is a word or nothing, never an error. What the text may say:

- words, all of which a document must hold (in any form: "agricole" finds "agricoles"; stop words are left out);
- ``"a phrase"``: those words one after the other (stop words aside);
- ``word*``: the words starting so (at least three letters), and those whose stem is the stem of those letters;
- ``-word`` or ``-"a phrase"``: none of it;
- ``OR`` between two terms: either.

>>> parse("l'écologie").match
'"ecolog"'
>>> parse('"titre de séjour" -préfecture agri*').match
'"titr sejour" AND "agri"* NOT ("prefectur")'
>>> parse('étrangers OR immigration').match
'("etranger" OR "immigr")'
>>> parse('AND OR NEAR( " * : -').match
'("and" OR "near")'
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from hemicycle.ingest.search.analysis import WORD, analyse, fold, folded, key
from hemicycle.ontology.errors import ParameterError

MAX_LENGTH = 1000  # characters of a query
MAX_TERMS = 32  # words and phrases of a query
MIN_PREFIX = 3  # letters of a prefix (``agr*``): shorter ones are whole words
# a phrase in quotes (the closing quote may be missing), or a run of anything but spaces; either may start with -
_TERM = re.compile(r'(-?)"([^"]*)"?|(\S+)')


@dataclass
class Expression:
    """A parsed query: ``match`` for FTS5, and what the snippets highlight (the keys found, the prefixes)."""
    match: str
    keys: set[str] = field(default_factory=set)
    prefixes: set[str] = field(default_factory=set)

    def highlights(self, word_key: str, word: str) -> bool:
        """Whether a word of a document (with its key) is one the query looked for."""
        if word_key and word_key in self.keys:
            return True
        return bool(self.prefixes) and folded(word).startswith(tuple(self.prefixes))


def parse(text: str) -> Expression:
    """The FTS5 query for a search text; :class:`ParameterError` when it holds nothing to search for."""
    if len(text) > MAX_LENGTH:
        raise ParameterError(f"q: the search text is too long ({len(text):,} characters; at most {MAX_LENGTH:,})")
    text = unicodedata.normalize("NFC", text.replace("\x00", " "))
    clauses: list[list[str]] = []  # joined by AND, each a list of terms joined by OR
    excluded: list[str] = []
    expression = Expression("")
    count, pending_or = 0, False
    for match in _TERM.finditer(text):
        negative, phrase, bare = match.group(1), match.group(2), match.group(3)
        if bare == "OR":
            pending_or = bool(clauses)
            continue
        if bare is not None and bare.startswith("-") and len(bare) > 1:
            negative, bare = "-", bare[1:]
        term = _term(phrase if phrase is not None else bare, phrase is not None, expression)
        if term is None:
            continue
        count += 1
        if count > MAX_TERMS:
            raise ParameterError(f"q: too many words ({MAX_TERMS} at most)")
        if negative:
            excluded.append(term)
        elif pending_or:
            clauses[-1].append(term)
        else:
            clauses.append([term])
        pending_or = False
    if not clauses:
        raise ParameterError("q: nothing to search for: give words that are not all stop words (le, de, pour…) "
                             "or punctuation" + (", and at least one that is not excluded" if excluded else ""))
    expression.match = " AND ".join(map(_or, clauses)) + (f" NOT ({' OR '.join(excluded)})" if excluded else "")
    return expression


def _or(terms: list[str]) -> str:
    return terms[0] if len(terms) == 1 else "(" + " OR ".join(terms) + ")"


def _term(text: str, quoted: bool, expression: Expression) -> str | None:
    """One term as FTS5 syntax (a quoted key, a quoted phrase, a quoted prefix), or None when it has no word."""
    prefix = not quoted and text.endswith("*")
    words = WORD.findall(text)
    if not words:
        return None
    if prefix and len(words) == 1 and len(fold(words[0])) >= MIN_PREFIX:
        # the index holds stems: "ecologi*" is meant for "écologie", whose stem "ecolog" the prefix does not start
        # (the stem of the letters typed, when shorter, is taken too: as a whole key, not as a prefix, which would
        # reach far wider: "depis" is stemmed "dep")
        folded, stem = fold(words[0]), key(words[0])
        expression.prefixes.add(folded)
        if stem and not stem.startswith(folded):
            expression.keys.add(stem)
            return f'("{folded}"* OR "{stem}")'
        return f'"{folded}"*'
    keys = analyse(" ".join(words))
    if not keys:
        return None
    expression.keys.update(keys)
    return '"' + " ".join(keys) + '"'
