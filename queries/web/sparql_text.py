"""Looking into SPARQL text without parsing it: which keywords it uses outside strings, IRIs and comments.

Used to refuse ``SERVICE`` (and ``LOAD`` in updates) before a query runs, and to tell whether a query names its
own dataset (``FROM``, ``FROM NAMED``), which the union default graph must then not override.
"""
from __future__ import annotations

import re

_SKIP = re.compile(r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\'|"(?:[^"\\\n]|\\.)*"'
                   r"|'(?:[^'\\\n]|\\.)*'|<[^<>\"{}|^`\\\s]*>|#[^\n]*")


def uses(text: str, *keywords: str) -> str | None:
    """The first of these keywords the SPARQL text uses outside strings, IRIs and comments, if any.

    >>> uses('SELECT * { SERVICE <http://x/> { ?s ?p ?o } }', "SERVICE")
    'SERVICE'
    >>> uses('SELECT * { ?s ?p "service" } # SERVICE', "SERVICE") is None
    True
    >>> uses('SELECT ?from FROM <http://example.org/g> { ?s ?p ?from }', "FROM")
    'FROM'
    >>> uses('SELECT ?from WHERE { ?s ex:from ?from }', "FROM") is None
    True
    """
    bare = _SKIP.sub(" ", text)
    for keyword in keywords:
        if re.search(rf"(?<![\w:?$]){keyword}(?![\w:])", bare, re.IGNORECASE):
            return keyword
    return None
