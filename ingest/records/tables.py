"""The tables of a published text, kept as tables.

An answer may hold a table (the old site's answers on equipment, budgets, staff numbers). Its plain text, which
the graph keeps in ``hm:text`` for reading, searching and citing, lines the cells up one after the other; the
table itself is kept beside it (``hm:table``, an ``rdf:HTML`` literal) in a safe subset of HTML: the table
elements, line breaks and the ``colspan`` and ``rowspan`` attributes, nothing else (no script, no style, no
link, no other attribute). The pages show it where its text stands.

>>> tables_of("<p>Voici :</p><table border='1'><tr><th colspan='2' onclick='x()'>A<br>B</br></th></tr>"
...           "<tr><td>1</td><td><b>2</b><script>x()</script></td></tr></table>")
('<table><tr><th colspan="2">A<br>B<br></th></tr><tr><td>1</td><td>2</td></tr></table>',)
>>> tables_of("Pas de tableau."), tables_of(None)
((), ())
"""
from __future__ import annotations

import html
import re

from lxml import etree
from lxml import html as lxml_html

KEPT = {"table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "br"}
SPANS = ("colspan", "rowspan")
DROPPED = {"script", "style"}  # their text is not the table's
_SPAN = re.compile(r"^\d{1,3}$")


def tables_of(markup: str | None) -> tuple[str, ...]:
    """Each outermost table of a published text's markup, in the safe subset of HTML; () when there is none."""
    if not markup or "<table" not in markup.lower():
        return ()
    try:
        # the old site's <br>x</br> breaks the line after x too, as a browser shows it
        fragments = lxml_html.fragments_fromstring(re.sub(r"</br\s*>", "<br>", markup, flags=re.I))
    except (etree.ParserError, ValueError):
        return ()
    found = []
    for fragment in fragments:
        if isinstance(fragment, str):
            continue
        for table in fragment.iter("table"):
            if not any(ancestor.tag == "table" for ancestor in table.iterancestors()):
                found.append(safe(table))
    return tuple(found)


def safe(element) -> str:
    """An element in the safe subset: kept tags with their spans, the text of the others, nothing dropped."""
    parts: list[str] = []

    def walk(node) -> None:
        tag = node.tag if isinstance(node.tag, str) else None
        if tag in DROPPED or tag is None and not isinstance(node, etree._Entity):
            if node.tail:
                parts.append(html.escape(node.tail, quote=False))
            return
        if tag in KEPT:
            given = {name: (node.get(name) or "").strip().strip("\"'") for name in SPANS}  # rowspan=2" happens
            spans = "".join(f' {name}="{value}"' for name, value in given.items() if _SPAN.match(value))
            parts.append(f"<{tag}{spans}>")
        if node.text:
            parts.append(html.escape(node.text, quote=False))
        for child in node:
            walk(child)
        if tag in KEPT and tag != "br":
            parts.append(f"</{tag}>")
        if node.tail and node is not element:
            parts.append(html.escape(node.tail, quote=False))

    walk(element)
    return re.sub(r">\s+<", "><", "".join(parts)).strip()


def sanitized(table_html: str) -> str:
    """A stored table, made safe again before a page shows it (a store may come from elsewhere)."""
    tables = tables_of(table_html)
    return tables[0] if tables else ""
