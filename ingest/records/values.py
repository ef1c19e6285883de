"""The sources' value variants, normalised once for every adapter.

The same field may come as a value, ``null``, ``{"@xsi:nil": "true"}``, a missing key, ``{"#text": …}``, a
single object or a list; dates as ISO or ``DD/MM/YYYY``; texts with inline HTML and entities.

>>> value({"@xsi:nil": "true"}), value({"#text": " PA1 "}), value(None), value("  ")
(None, 'PA1', None, None)
>>> many({"a": 1}), many([{"a": 1}, None]), many(None)
([{'a': 1}], [{'a': 1}], [])
>>> parse_date("05/05/2026"), parse_date("2026-05-05"), parse_date("2026-05-05T00:00:00.000+02:00")
(datetime.date(2026, 5, 5), datetime.date(2026, 5, 5), datetime.date(2026, 5, 5))
>>> clean_text("Le d&#233;cret <em>n&#176;&#160;2002-65</em>.<br/>Fin")
'Le décret n°\\xa02002-65.\\nFin'
"""
from __future__ import annotations

import html
import re
from datetime import date
from typing import Any

from lxml import etree
from lxml import html as lxml_html
from hemicycle.ontology.errors import RecordError


def value(raw: Any) -> str | None:
    """A scalar field as a stripped string, or ``None`` for every form of absence."""
    if type(raw) is str:  # the common case first
        return raw.strip() or None
    if raw is None:
        return None
    if isinstance(raw, dict):
        if str(raw.get("@xsi:nil", "")).lower() == "true":
            return None
        if "#text" in raw:
            return value(raw["#text"])
        raise RecordError(f"expected a value, found an object with keys {sorted(raw)}")
    if isinstance(raw, list):
        raise RecordError("expected a value, found a list")
    text = str(raw).strip()
    return text or None


def node(raw: Any) -> dict | None:
    """An object field, or ``None`` when it is absent, null or nil."""
    if raw is None or raw == "":
        return None
    if not isinstance(raw, dict):
        raise RecordError(f"expected an object, found {type(raw).__name__} {str(raw)[:40]!r}")
    if "@xsi:nil" in raw and str(raw["@xsi:nil"]).lower() == "true":
        return None
    return raw


def many(raw: Any) -> list:
    """A repeated element as a list: a single object becomes a one-item list, absences are dropped."""
    if raw is None:
        return []
    items = raw if isinstance(raw, list) else [raw]
    return [item for item in items if item is not None and not _is_nil(item)]


def _is_nil(item: Any) -> bool:
    return isinstance(item, dict) and "@xsi:nil" in item and str(item["@xsi:nil"]).lower() == "true"


def path(raw: Any, *keys: str) -> Any:
    """Follow keys through nested objects, stopping at the first absence."""
    current = raw
    for key in keys:
        current = node(current)
        if current is None:
            return None
        current = current.get(key)
    return current


_DMY = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$")


def parse_date(raw: Any, what: str = "date") -> date | None:
    """An ISO (``2026-05-05``, with or without a time) or ``DD/MM/YYYY`` date; impossible dates raise."""
    text = value(raw)
    if text is None:
        return None
    match = _ISO.match(text)
    if match:
        year, month, day = (int(g) for g in match.groups())
    else:
        match = _DMY.match(text)
        if not match:
            raise RecordError(f"{what}: {text!r} is not a date (expected YYYY-MM-DD or DD/MM/YYYY)")
        day, month, year = (int(g) for g in match.groups())
    try:
        return date(year, month, day)
    except ValueError as error:
        raise RecordError(f"{what}: {text!r} is not a possible date ({error})") from None


def parse_int(raw: Any, what: str = "number") -> int | None:
    text = value(raw)
    if text is None:
        return None
    try:
        return int(text)
    except ValueError:
        raise RecordError(f"{what}: {text!r} is not a whole number") from None


_BLOCK = {"p", "br", "div", "tr", "li", "table", "h1", "h2", "h3", "h4", "h5", "h6", "center", "ul", "ol"}
_CELL = {"td", "th"}
_BLANKS = str.maketrans("\t\r\f\v", "    ")


def clean_text(raw: Any) -> str | None:
    """A published text as plain text: tags stripped, entities decoded, blocks on their own lines."""
    text = value(raw)
    if text is None:
        return None
    if "<" in text:
        text = _strip_tags(text.replace("</br>", "<br/>"))  # a stray </br> is a line break too
    elif "&" in text:
        text = html.unescape(text)
    # Each run of white space that holds a line feed becomes one line feed, and each run of spaces, tabs, CR, FF
    # and VT one space: what re.sub("[ \t\r\f\v]{2,}|[\t\r\f\v]", " ") then re.sub(r"\s*\n\s*", "\n") give
    # (each changes only runs of white space, so their order does not matter), without a regular expression
    # tried at every blank of a text of several kilobytes.
    if "\n" in text:
        lines = text.split("\n")  # str.strip() and the pattern's \s take the same characters as white space
        text = "\n".join([lines[0].rstrip(), *filter(None, map(str.strip, lines[1:-1])), lines[-1].lstrip()])
    if "\t" in text or "\r" in text or "\f" in text or "\v" in text:
        text = text.translate(_BLANKS)
    while "  " in text:
        text = text.replace("  ", " ")
    return text.strip() or None


_PARSER = etree.HTMLParser()  # lxml.html's parser, without the Python class lookup it runs for every element
_MARKED = (*_BLOCK, *_CELL, "script", "style")
_DOCUMENT = re.compile(r"\s*<(?:html|!doctype)", re.I)  # a whole document, which lxml.html does not wrap


def _strip_tags(markup: str) -> str:
    text = _quick_strip_tags(markup)
    return text if text is not None else _walked_text(markup)


def _walked_text(markup: str) -> str:
    """The text of markup by a walk over the tree lxml.html builds: blocks on lines of their own, cells after a
    space, the text of comments, scripts and styles left out. What lxml.html.fragment_fromstring(create_parent=
    "div") wraps, walked in place: the text before the first element is not set on a new element, which lxml
    refuses when it holds a control character."""
    fragments = lxml_html.fragments_fromstring(markup)
    parts: list[str] = ["\n"]

    def walk(element) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in _BLOCK:
            parts.append("\n")
        elif tag in _CELL:
            parts.append(" ")
        if element.text and tag not in ("script", "style") and not isinstance(element, etree._Comment):
            parts.append(element.text)
        for child in element:
            walk(child)
        if tag in _BLOCK:
            parts.append("\n")
        if element.tail:
            parts.append(element.tail)

    for fragment in fragments:
        if isinstance(fragment, str):
            parts.append(fragment)
        else:
            walk(fragment)
    parts.append("\n")
    return "".join(parts)


def _quick_strip_tags(markup: str) -> str | None:
    """What :func:`_strip_tags` gives, with libxml2 writing the text: the line breaks and spaces of the block
    elements and cells are put into the tree, then the text of the tree is taken at once (comments are left
    out, as the walk leaves them out). ``None`` when the walk must do it: a processing instruction (whose text
    the walk keeps), a whole document, a text lxml cannot hold, anything lxml.html would not take."""
    if "<?" in markup or _DOCUMENT.match(markup):
        return None
    try:
        doc = etree.fromstring(f"<html><body>{markup}</body></html>", _PARSER)
        bodies = [e for e in doc if e.tag == "body"] if doc is not None and doc.tag == "html" else ()
        if len(bodies) != 1:
            return None
        body = bodies[0]
        if body.text is not None and not body.text.strip():
            body.text = None  # lxml.html keeps the text before the first element only when it is not blank
        for element in body.iter(*_MARKED):
            tag = element.tag
            if tag in _BLOCK:
                text = element.text
                if text is None and not len(element):  # empty (a <br>): both line feeds as its text
                    element.text = "\n\n"
                else:
                    element.text = "\n" + text if text else "\n"
                    element.tail = "\n" + element.tail if element.tail else "\n"
            elif tag in _CELL:
                element.text = " " + element.text if element.text else " "
            else:  # script, style
                element.text = None
        return f"\n{etree.tostring(body, method='text', encoding='unicode', with_tail=False)}\n"
    except (ValueError, etree.LxmlError):  # e.g. a control character lxml refuses in a text set back
        return None


def fix_regime(raw: Any) -> str | None:
    """The ``regime`` field, with the XVth's broken accent (``5eme R\\ufffdpublique``) mended."""
    text = value(raw)
    if text is None:
        return None
    return text.replace("R\ufffdpublique", "République").replace("Republique", "République")
