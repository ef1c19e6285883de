"""The browsing lists, one by one: the query each runs (``queries/sparql/pages/browse-*.rq``), its template, its
title, what a filter given by a code or a word stands for, and what the rows need before a template shows them.

:mod:`.browse` serves them; :mod:`.browse_query` makes each query's text for a request.

>>> share("37", "40"), share("0", "0")
('92%', '')
>>> decision_title({"courtLabel": "Conseil d'État", "date": "2026-05-05", "numbers": "502860"})
"Conseil d'État, 5 May 2026, n° 502860"
>>> text_title({"textType": "decret", "textNumber": "2002-65", "date": "2002-01-14"})
'Décret n° 2002-65 of 14 January 2002'
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, NamedTuple

from hemicycle.ontology.errors import ParameterError
from hemicycle.ontology.iris import Minter, slug
from hemicycle.ontology.terms import HM
from hemicycle.queries.web import i18n
from hemicycle.queries.web.i18n import N_
from hemicycle.queries.web.page_data import KINDS, TEXT_TYPES, Row, ordinal, status_label

STATUSES = {"answered": HM.Answered.value, "pending": HM.Pending.value, "withdrawn": HM.Withdrawn.value,
            "lapsed": HM.Lapsed.value}
DEPARTMENT_CODE = re.compile(r"^(\d{2,3}|2[ABab])$")
COURT_CODE = re.compile(r"^[A-Za-z]+(-[A-Za-z]+)*$")
TYPE_LABELS = {**TEXT_TYPES, "code-article": "Article de code"}  # as the data names them, in French
LEGIFRANCE = "https://www.legifrance.gouv.fr/"
EU_ELI = "http://data.europa.eu/eli/"


@dataclass(frozen=True)
class BrowseList:
    """One list: its path, query, template and title (English, formatted with the list's ``heading`` values)."""
    path: str
    query: str
    template: str
    title: str
    page_size: int = 50
    options: tuple[str, ...] = ()  # the kinds of choices (browse-options.rq) its filters offer
    prepare: Callable[[list[Row], str], list[Row]] = field(default=lambda rows, lang: rows)


# --- what a filter given by a code or a word stands for ----------------------------------------------------------

def readable(name: str, text: str, minter: Minter) -> str:
    """A filter's text as the query's parameter takes it: a status word as its IRI, a kind in capitals, a
    département code, a court code or a rubrique's label as their IRIs; ParameterError for a word no choice has.

    >>> m = Minter()
    >>> readable("status", "answered", m), readable("kind", "qe", m)
    ('https://w3id.org/hemicycle/ontology#Answered', 'QE')
    >>> readable("department", "2a", m), readable("rubrique", "Étrangers", m)
    ('https://w3id.org/hemicycle/id/departement/2A', 'https://w3id.org/hemicycle/id/rubrique/etrangers')
    >>> readable("court", "CE", m), readable("group", "RN", m)
    ('https://w3id.org/hemicycle/id/juridiction/ce', 'RN')
    """
    iri = re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", text)
    if name == "status":
        if text.lower() not in STATUSES:
            raise ParameterError(f"status: {text!r} is not a status (answered, pending, withdrawn or lapsed)")
        return STATUSES[text.lower()]
    if name == "kind":
        if text.upper() not in KINDS:
            raise ParameterError(f"kind: {text!r} is not a kind of question (QE, QG or QOSD)")
        return text.upper()
    if name == "type":
        if text not in TEXT_TYPES and text != "code-article":
            raise ParameterError(f"type: {text!r} is not a type of text ({', '.join([*TEXT_TYPES, 'code-article'])})")
        return text
    if iri:
        return text
    if name == "department" and DEPARTMENT_CODE.match(text):
        return minter.department(text).value
    if name == "court":
        if not COURT_CODE.match(text):
            raise ParameterError(f"court: {text!r} is not a court's code (CE, CASS, CC, CAA…) or IRI")
        return minter.base + "juridiction/" + text.lower()
    if name == "rubrique":
        return minter.concept("rubrique", text).value
    return text


# --- the filters' choices ------------------------------------------------------------------------------------------

class Choice(NamedTuple):
    """One choice of a filter: the value a link gives (a uid, a code), its label, the IRI (or value) the query
    takes, and the names it may be given by (folded by :func:`~hemicycle.ontology.iris.slug`)."""
    value: str
    label: str
    iri: str
    aliases: tuple[str, ...] = ()


CHOICE_KINDS = {"group": "group", "department": "department", "government": "government", "court": "court"}


def choice(row, lang: str) -> Choice:
    """The choice a row of browse-options.rq offers."""
    value, label, detail, kind = row["value"], row["label"] or "", row["detail"] or "", row["kind"]
    short = value.rsplit("/", 1)[-1]
    aliases = tuple(slug(a) for a in (short, label, detail) if a)
    if kind == "legislature":
        return Choice(value, ordinal(value, lang), value)
    if kind == "group":
        return Choice(short, f"{detail} · {label}" if detail else label, value, aliases)
    if kind == "department":
        return Choice(detail or value, f"{detail} {label}".strip(), value, aliases)
    if kind == "government":
        shown = f"{label or short} ({i18n.format_date(detail, lang)})" if detail else (label or short)
        return Choice(short, shown, value, aliases)
    if kind == "court":
        return Choice(detail or value, label or detail, value, aliases)
    return Choice(value, TYPE_LABELS.get(value, value), value)


def named_choice(choices: list[Choice], text: str) -> str | None:
    """The IRI of the one choice called ``text`` (its uid or code, label or abbreviation, case and accents aside).

    >>> rn = Choice("PO1", "RN · Rassemblement National", "urn:g1", ("po1", "rassemblement-national", "rn"))
    >>> named_choice([rn], "rassemblement national"), named_choice([rn], "RN"), named_choice([rn], "LR")
    ('urn:g1', 'urn:g1', None)
    """
    found = {c.iri for c in choices if slug(text) in c.aliases}
    return found.pop() if len(found) == 1 else None


# --- what the rows need --------------------------------------------------------------------------------------------

def share(answered: str | None, attributed: str | None) -> str:
    """Answered out of attributed, as a rounded percentage ('' when none was attributed)."""
    if not attributed or int(attributed) == 0:
        return ""
    return f"{round(100 * int(answered or 0) / int(attributed))}%"


def decision_title(row, lang: str = i18n.DEFAULT) -> str:
    """A decision named as its page names it: court, seat, date, numbers."""
    day = i18n.format_date(row.get("date"), lang) if row.get("date") else None
    parts = [row.get("courtLabel") or row.get("courtCode"), row.get("seat"), day]
    if row.get("numbers"):
        parts.append("n° " + ", ".join(row["numbers"].split()))
    return ", ".join(p for p in parts if p)


def text_title(row, lang: str = i18n.DEFAULT) -> str:
    """A text of law named as its page names it: an article of a code, or a text's type, number and date."""
    if row.get("article"):
        if row.get("legalCode"):
            return i18n.gettext(lang, "Article %(article)s of the %(code)s") % {
                "article": row["article"], "code": row["legalCode"]}
        return f"Article {row['article']}"
    title = TEXT_TYPES.get(row.get("textType"), row.get("textType") or "")
    title += f" n° {row['textNumber']}" if row.get("textNumber") else ""
    if row.get("date"):
        title = i18n.gettext(lang, "%(text)s of %(date)s") % {"text": title,
                                                              "date": i18n.format_date(row["date"], lang)}
    return title


def official_page(row) -> tuple[str, str] | None:
    """Where a text of law is published, when the graph holds one identifier for it: its ELI on Légifrance (or the
    EU's ELI); never an address made up from a title."""
    eli = row.get("eli")
    if not eli or row.get("elis") not in (None, "1"):
        return None
    if eli.startswith(LEGIFRANCE):
        return ("Légifrance", eli)
    if eli.startswith(EU_ELI):
        return ("EUR-Lex", eli)
    return None


def _deputies(rows, lang):
    seen, kept = set(), []
    for row in rows:  # a deputy who joined two groups the same day gives two rows
        if row["person"] not in seen:
            seen.add(row["person"])
            kept.append(row)
    return kept


def _ministries(rows, lang):
    for row in rows:
        row["sharePercent"] = share(row["answered"], row["attributed"])
    return rows


def _decisions(rows, lang):
    for row in rows:
        row["title"] = decision_title(row, lang)
    return rows


def _laws(rows, lang):
    for row in rows:
        row["title"] = text_title(row, lang)
        row["typeLabel"] = TYPE_LABELS.get(row["textType"], row["textType"])
        row["official"] = official_page(row)
    return rows


def _questions(rows, lang):
    for row in rows:
        row["statusLabel"] = status_label(row["statusNow"])
        row["kindLabel"] = KINDS.get(row["kindCode"], row["kindCode"])
    return rows


LISTS = [
    BrowseList("/deputies", "browse-deputies", "browse_deputies.html",
               N_("Deputies of the %(legislature)s legislature"), options=("legislature", "group", "department"),
               prepare=_deputies),
    BrowseList("/groups", "browse-groups", "browse_groups.html",
               N_("Political groups of the %(legislature)s legislature"), page_size=100, options=("legislature",)),
    BrowseList("/ministries", "browse-ministries", "browse_ministries.html",
               N_("Ministries questioned in the %(legislature)s legislature"), page_size=500,
               options=("legislature", "government"),
               prepare=_ministries),
    BrowseList("/rubriques", "browse-rubriques", "browse_rubriques.html", N_("Rubriques")),
    BrowseList("/decisions", "browse-decisions", "browse_decisions.html", N_("Court decisions cited"),
               options=("court",), prepare=_decisions),
    BrowseList("/laws", "browse-laws", "browse_laws.html", N_("Texts of law cited"), options=("textType",),
               prepare=_laws),
    BrowseList("/questions", "browse-questions", "browse_questions.html", N_("Questions"),
               options=("legislature", "group"), prepare=_questions),
]
GOVERNMENT_TITLE = N_("Ministries of the government %(government)s")
