"""Reading SPARQL text as the grammar's lexer does, before the engine parses it.

A query sent to the endpoint is looked at here first, for two reasons:

- **It must not reach the network.** ``SERVICE`` (and ``LOAD`` in an update) makes the engine call another
  server. The text is cut into the grammar's tokens (comments end at a line feed *or* a carriage return;
  strings with their escapes; IRIs; variables; prefixed names; words), and a keyword is looked for among the
  words and prefixed names only. Oxigraph matches a keyword without looking at what follows it
  (``SERVICEex:a`` is ``SERVICE ex:a``, ``SERVICESILENT<…>`` is ``SERVICE SILENT <…>``), so a word or a
  prefix that merely *contains* the keyword counts as using it. The text is read twice, as written and with
  its ``\\u``/``\\U`` escapes decoded, and a keyword found either way counts.
- **It must not crash the engine.** Oxigraph's parser recurses once per nesting level and once per operator
  of a chain; on an 8 MiB stack it overflows (the process dies) from about 2,200 nested ``{``, 4,500 nested
  ``(``, 3,000 nested sub-queries and 7,000 to 9,000 chained ``+``, ``&&``, ``!`` or ``UNION``. A query is
  refused when it nests deeper than :data:`MAX_DEPTH` or chains more than :data:`MAX_CHAIN` operators at one
  level, bounds far above any query written by hand (the named queries of this project nest at most 9 deep).

A ``<`` may start an IRI or be the less-than operator; like the grammar's lexer, a ``<`` followed by IRI
characters up to a ``>`` is read as an IRI here. An IRI cannot hold ``{``, ``}`` or white space, so no
``SERVICE`` pattern fits inside one; the brackets and operators such a token may hold (``(``, ``!``…) are
counted all the same, in case the engine reads them as an expression.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from hemicycle.ontology.errors import QueryRefused

MAX_DEPTH = 128  # nested (), [] and {} (the engine crashes from about 2,200 nested {)
MAX_CHAIN = 1000  # operators at one nesting level (the engine crashes from about 7,000 chained +)
MAX_IRI = 8192  # characters of one IRI: longer ones are refused (no real IRI comes near)

TOKENS = re.compile(r"""
      (?P<space>[ \t\r\n]+)
    | (?P<comment>\#[^\r\n]*)
    | (?P<string>"{3}(?:[^"\\]|\\.|"(?!""))*"{3} | '{3}(?:[^'\\]|\\.|'(?!''))*'{3}
                | "(?:[^"\\\r\n]|\\.)*" | '(?:[^'\\\r\n]|\\.)*')
    | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    | (?P<variable>[?$]\w+)
    | (?P<name>(?:_|[^\W\d_](?:[\w.\-]*[\w\-])?)?:(?:[\w\-:%]|\\.|\.(?=[\w\-:%\\]))*)  # ex:local, :x, _:b
    | (?P<number>\d+(?:\.\d*)?(?:[eE][+-]?\d+)? | \.\d+(?:[eE][+-]?\d+)?)
    | (?P<word>[^\W\d_]\w*)  # a keyword, a function's name, a, true, false
    | (?P<lang>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
    | (?P<open>[{(\[])
    | (?P<close>[})\]])
    | (?P<operator>&&|\|\||\^\^|!=|<=|>=|[!|/^+*\-=<>])
    | (?P<other>.)
""", re.VERBOSE | re.DOTALL)
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_IRI_OPEN, _IRI_CLOSE = re.compile(r"[(\[]"), re.compile(r"[)\]]")
_IRI_OPERATORS = re.compile(r"&&|\|\||[!^+*=]")


@dataclass
class Shape:
    """What a reading of the text found: words and prefixes (lower case), deepest nesting, longest chain."""
    words: set[str] = field(default_factory=set)
    depth: int = 0
    chain: int = 0
    longest_iri: int = 0


def _unescape(text: str) -> str:
    def decode(match: re.Match) -> str:
        code = int(match.group(1) or match.group(2), 16)
        return chr(code) if code <= 0x10FFFF else match.group(0)
    return _ESCAPE.sub(decode, text)


def shape(text: str) -> Shape:
    """Read the text once, token by token (strings, IRIs and comments are never taken for keywords)."""
    found = Shape()
    chains = [0]  # operators at each open nesting level
    for match in TOKENS.finditer(text):
        kind = match.lastgroup
        if kind in ("space", "comment", "string", "variable", "number", "lang", "other"):
            continue
        token = match.group()
        if kind == "word":
            found.words.add(token.lower())
            if token.lower() == "union":
                chains[-1] += 1
        elif kind == "name":
            found.words.add(token[:token.index(":")].lower())
        elif kind == "open":
            chains.append(0)
            found.depth = max(found.depth, len(chains) - 1)
        elif kind == "close":
            if len(chains) > 1:
                found.chain = max(found.chain, chains.pop())
        elif kind == "operator":
            chains[-1] += 1
        elif kind == "iri":
            found.longest_iri = max(found.longest_iri, len(token))
            if "(" in token or "[" in token:  # read as an expression by the engine, it would nest
                inner = len(_IRI_OPEN.findall(token))
                found.depth = max(found.depth, len(chains) - 1 + inner)
            chains[-1] += len(_IRI_OPERATORS.findall(token))
    found.chain = max(found.chain, *chains)
    return found


def check(text: str, forbidden: tuple[str, ...] = ("SERVICE",)) -> Shape:
    """The text's shape, or :class:`QueryRefused` when it uses a forbidden keyword or is too complex.

    >>> try:
    ...     check('SELECT * { #x\\rSERVICE <http://127.0.0.1/> { ?s ?p ?o } }')
    ... except QueryRefused as refusal:
    ...     print(refusal)
    SERVICE is not allowed: this endpoint does not query other services
    >>> check('SELECT * { ?s <http://x/service> "SERVICE" } # SERVICE').depth
    1
    """
    shapes = [shape(text)]
    if "\\u" in text or "\\U" in text:
        shapes.append(shape(_unescape(text)))
    for keyword in forbidden:
        if any(keyword.lower() in word for s in shapes for word in s.words):
            what = "query other services" if keyword == "SERVICE" else "fetch from the network"
            raise QueryRefused("forbidden", f"{keyword} is not allowed: this endpoint does not {what}")
    depth, chain = max(s.depth for s in shapes), max(s.chain for s in shapes)
    if depth > MAX_DEPTH:
        raise QueryRefused("too_complex", f"the query nests {depth} levels of brackets; this endpoint takes at "
                                          f"most {MAX_DEPTH}")
    if chain > MAX_CHAIN:
        raise QueryRefused("too_complex", f"the query chains {chain} operators in one group; this endpoint "
                                          f"takes at most {MAX_CHAIN} (use IN or VALUES for long lists)")
    longest = max(s.longest_iri for s in shapes)
    if longest > MAX_IRI:
        raise QueryRefused("too_complex", f"the query holds an IRI of {longest:,} characters; this endpoint "
                                          f"takes at most {MAX_IRI:,}")
    return shapes[0]

