"""Help for SPARQL written by hand (``hemicycle sparql``, the query page): the project's prefixes declared when a
query uses them without declaring them, and a syntax error said as a sentence, with its line, its column, the
text there and the likely cause.

>>> text, added = declare_prefixes("SELECT ?q WHERE { ?q hm:rubrique ?r }")
>>> added, text.splitlines()[0]
(1, 'PREFIX hm: <https://w3id.org/hemicycle/ontology#>')
>>> print(explain("error at 1:26: expected OPTIONAL", "SELECT * WHERE { ?s zz:x ?o }"))
SPARQL syntax error at line 1, column 26 (at "?o }"): expected OPTIONAL. Likely cause: the prefix zz: is not declared (add PREFIX zz: <…> before the query)
>>> print(explain("error at 1:31: expected one of Prefix not found, ['%'], ['.'], [':']", "ASK { ?q a hm:WrittenQuestion }"))
SPARQL syntax error at line 1, column 31 (at "}"): a prefixed name with an undeclared prefix. Likely cause: the prefix hm: is not declared (add PREFIX hm: <https://w3id.org/hemicycle/ontology#> before the query)
"""
from __future__ import annotations

import re

from hemicycle.ontology.terms import PREFIXES
from hemicycle.queries.web.sparql_text import TOKENS

_POSITION = re.compile(r"^(?:SPARQL syntax error: )?error at (\d+):(\d+): (.*)$", re.DOTALL)
#: one alternative of the parser's "expected one of …": a quoted token, a character class ([…], which may hold
#: commas and line breaks), or a word
_ALTERNATIVE = re.compile(r'"(?:[^"\\]|\\.)*"|\[(?:\'(?:[^\'\\]|\\.)*\'|[^\]\'])*\]|[^,\s][^,]*')
NOT_FOUND = "Prefix not found"  # what the parser expects where a prefixed name's prefix is undeclared
#: how many of the alternatives the parser expected are named
SHOWN = 6


def _prefixes(text: str) -> tuple[set[str], set[str]]:
    """The prefixes a query uses and those it declares (``PREFIX p:``)."""
    used, declared, previous = set(), set(), None
    for match in TOKENS.finditer(text):
        kind, token = match.lastgroup, match.group()
        if kind in ("space", "comment"):
            continue
        if kind == "name" and not token.startswith("_:"):
            prefix = token[:token.index(":")]
            if previous is not None and previous.upper() == "PREFIX":
                declared.add(prefix)
            else:
                used.add(prefix)
        previous = token if kind == "word" else None
    return used, declared


def declare_prefixes(text: str) -> tuple[str, int]:
    """The query with a ``PREFIX`` line before it for each of the project's prefixes it uses undeclared, and
    how many lines were added."""
    used, declared = _prefixes(text)
    missing = sorted(p for p in used - declared if p in PREFIXES)
    if not missing:
        return text, 0
    return "".join(f"PREFIX {p}: <{PREFIXES[p]}>\n" for p in missing) + text, len(missing)


def explain(message: str, text: str, added: int = 0) -> str:
    """A parser's message (``error at L:C: expected …``) as a sentence about ``text``, whose first ``added`` lines
    were added by :func:`declare_prefixes`."""
    m = _POSITION.match(message.strip())
    if m is None:
        return message if message.startswith("SPARQL syntax error") else f"SPARQL syntax error: {message}"
    line, column, expected = int(m.group(1)), int(m.group(2)), m.group(3).strip()
    lines = text.split("\n")
    near = lines[line - 1][max(0, column - 1):][:30].strip() if 0 < line <= len(lines) else ""
    if expected.startswith("expected one of "):
        found = [o.strip() for o in _ALTERNATIVE.findall(expected[len("expected one of "):])]
        options = [o for o in found if not o.startswith("[")]   # character classes: parts of a name
        if NOT_FOUND in options:
            expected = "a prefixed name with an undeclared prefix"
        elif options:
            expected = ("expected one of " + ", ".join(options[:SHOWN])
                        + (" and more" if len(options) > SHOWN else ""))
        else:
            expected = "expected a name"
    sentence = (f"SPARQL syntax error at line {line - added}, column {column}"
                + (f' (at "{near}")' if near else " (at the end)") + f": {expected}")
    cause = _cause(text)
    return sentence + (f". Likely cause: {cause}" if cause else "")


def _cause(text: str) -> str | None:
    used, declared = _prefixes(text)
    undeclared = sorted(used - declared)
    if undeclared:
        return "; ".join(f"the prefix {p}: is not declared (add PREFIX {p}: <{PREFIXES.get(p, '…')}> before the "
                         "query)" for p in undeclared)
    depth = 0
    for match in TOKENS.finditer(text):
        if match.lastgroup == "open" and match.group() == "{":
            depth += 1
        elif match.lastgroup == "close" and match.group() == "}":
            depth -= 1
            if depth < 0:
                return "a } closes no {"
    return f"{depth} {{ not closed" if depth > 0 else None
