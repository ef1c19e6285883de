"""Questions from the old site's per-question XML (``questions.assemblee-nationale.fr/q14/14-47351QE.htm``).

Another schema than the open-data dumps: root ``<QUESTION TYPE="QE">``, upper-case tags, ``DD/MM/YYYY``
dates, old numeric ids, and the author and constituency named inside the question. The uid is minted as the
Assemblée's (``QANR5L14QE47351``) and old ids become Assemblée uids by prefix (ID_ACTEUR 923 → ``PA923``,
ID_MANDAT → ``PM…``, ID_GROUPE, ID_MINI, ID_MINA → ``PO…``). Empty elements (``<NUMERO_JO/>``) are absences;
the errata (``ERRATUM_QUESTION``, ``ERRATUM_REPONSE``) have no place in the records and are not read.

>>> from .xmltools import parse
>>> q = question_from_legacy(parse(b'<QUESTION TYPE="QE"><LEGISLATURE>14</LEGISLATURE><DEPOT NUMERO="5">'
...     b'<DATE_JO>07/01/2014</DATE_JO><NUMERO_JO>1</NUMERO_JO></DEPOT><AUTEUR ID_MANDAT="1"><ID_ACTEUR>923'
...     b'</ID_ACTEUR></AUTEUR><SIGNALEMENT><DATE_JO/></SIGNALEMENT></QUESTION>'))
>>> q.uid, q.author.person_uid, q.author.mandate_uid, q.deposit_date, q.question_texts[0].journal.issue
('QANR5L14QE5', 'PA923', 'PM1', datetime.date(2014, 1, 7), '20140001')
>>> q.signalements
()
"""
from __future__ import annotations

import re
from datetime import date
from typing import Any

from hemicycle.ingest.records.questions import at, check_kind, jo_issue, jo_page, official_uid, strip_number_prefix
from hemicycle.ingest.records.model import (
    Attribution, Author, Closure, Constituency, JournalRef, MinistryRef, Publication, Question, Renewal,
    Signalement,
)
from hemicycle.ingest.records.tables import tables_of
from hemicycle.ingest.records.values import clean_text, parse_date, parse_int, value
from hemicycle.ontology.errors import RecordError

_CLOSING_BR = re.compile(r"</br\s*>", re.IGNORECASE)


def question_from_legacy(element) -> Question:
    """The root ``<QUESTION>`` element of one legacy file (or its tree) as a :class:`Question`."""
    root = element.getroot() if hasattr(element, "getroot") else element
    if root.tag != "QUESTION":
        raise RecordError(f"QUESTION: expected the legacy root <QUESTION>, found <{root.tag}>")
    kind = check_kind(_attr(root, "TYPE"), "QUESTION@TYPE")
    legislature = _int(_text(root, "LEGISLATURE"), "LEGISLATURE")
    if legislature is None:
        raise RecordError("LEGISLATURE: missing")
    depots = root.findall("DEPOT")
    number = next((_int(_attr(d, "NUMERO"), "DEPOT@NUMERO") for d in depots if _attr(d, "NUMERO")), None)
    if number is None:
        raise RecordError("DEPOT@NUMERO: missing")
    index = root.find("INDEXATION_AN")
    return Question(
        uid=official_uid(legislature, kind, number),
        kind=kind,
        number=number,
        legislature=legislature,
        rubrique=_label(_attr(index, "RUBRIQUE") or _text(index, "RUBRIQUE"), "INDEXATION_AN@RUBRIQUE"),
        tete_analyse=_label(_text(index, "TETE_ANALYSE"), "INDEXATION_AN/TETE_ANALYSE"),
        analyses=_analyses(index),
        author=_author(root),
        ministry_questioned=_ministry(root.find("MINI"), "MINI", "ID_MINI"),
        attributions=_attributions(root),
        question_texts=_question_texts(depots),
        answers=_answers(root),
        closure=_closure(root.find("CLOTURE")),
        signalements=_signalements(root),
        renewals=_renewals(root),
    )


# --- small readers: absent and empty elements are None; errors name the element ------------------------

def _text(element, tag: str) -> str | None:
    found = element.find(tag) if element is not None else None
    return value(found.text) if found is not None else None


def _attr(element, name: str) -> str | None:
    return value(element.get(name)) if element is not None else None


def _all(element, tag: str) -> list:
    return element.findall(tag) if element is not None else []


def _label(text: str | None, where: str) -> str | None:
    """A text cleaned of its HTML; the old site's ``<br>x</br>`` closes with a line break, as in a browser."""
    if text and "</br" in text.lower():
        text = _CLOSING_BR.sub("<br/>", text)
    with at(where):
        return clean_text(text)


def _int(text: str | None, where: str) -> int | None:
    with at(where):
        return parse_int(text, where)


def _date(text: str | None, where: str) -> date | None:
    with at(where):
        return parse_date(text, where)


def _ref(prefix: str, text: str | None, where: str) -> str | None:
    """An old numeric id as an Assemblée uid: ``923`` → ``PA923`` (a uid already prefixed is kept)."""
    if text is None or (text.startswith(prefix) and text[len(prefix):].isdigit()):
        return text
    if not text.isdigit():
        raise RecordError(f"{where}: {text!r} is not a numeric id")
    return prefix + text


def _journal(element, where: str, date_tag: str = "DATE_JO", page_tag: str = "PAGE_JO") -> JournalRef | None:
    """``DATE_JO``, ``PAGE_JO``, ``TYPE_JO``, ``NUMERO_JO`` of an element; ``None`` when all are empty."""
    if element is None:
        return None
    on = _date(_text(element, date_tag), f"{where}/{date_tag}")
    ref = JournalRef(
        journal_type=_text(element, "TYPE_JO"),
        date=on,
        page=jo_page(_text(element, page_tag)),
        issue=jo_issue(_text(element, "NUMERO_JO"), on),
    )
    return None if ref == JournalRef() else ref


def _ordered(container, where: str) -> list[tuple[str, Any]]:
    """The ``ORDRE`` children of a container, in ``NUMERO`` order (source order when unnumbered)."""
    items = []
    for position, item in enumerate(_all(container, "ORDRE"), 1):
        numero = _int(_attr(item, "NUMERO"), f"{where}/ORDRE[{position}]@NUMERO")
        items.append((numero if numero is not None else position, position, item))
    return [(f"{where}/ORDRE[{position}]", item) for _, position, item in sorted(items, key=lambda i: i[:2])]


# --- the parts of a question ---------------------------------------------------------------------------

def _analyses(index) -> tuple[str, ...]:
    labels = (_label(e.text, "INDEXATION_AN/ANALYSE/ANA") for e in _all(index, "ANALYSE/ANA"))
    return tuple(label for label in labels if label)


def _author(root) -> Author | None:
    auteur, groupe, circo = root.find("AUTEUR"), root.find("GROUPE"), root.find("CIRCONSCRIPTION")
    constituency = None
    if circo is not None:
        constituency = Constituency(
            department_code=_text(circo, "CODE_DEPARTEMENT"),
            department=_text(circo, "DEPARTEMENT"),
            number=_int(_attr(circo, "NUMERO_CIRCONSCRIPTION") or _text(circo, "NUMERO_CIRCONSCRIPTION"),
                        "CIRCONSCRIPTION@NUMERO_CIRCONSCRIPTION"),
            region=_text(circo, "REGION"),
        )
        if constituency == Constituency(None, None, None):
            constituency = None
    author = Author(
        person_uid=_ref("PA", _text(auteur, "ID_ACTEUR"), "AUTEUR/ID_ACTEUR"),
        mandate_uid=_ref("PM", _attr(auteur, "ID_MANDAT") or _text(auteur, "ID_MANDAT"), "AUTEUR@ID_MANDAT"),
        group_uid=_ref("PO", _text(groupe, "ID_GROUPE"), "GROUPE/ID_GROUPE"),
        group_short_label=_attr(groupe, "SIGLE"),
        group_label=_label(_text(groupe, "LIBELLE"), "GROUPE/LIBELLE"),
        civility=_text(auteur, "CIVILITE"),
        first_name=_text(auteur, "PRENOM"),
        last_name=_text(auteur, "NOM"),
        constituency=constituency,
    )
    return None if author == Author(None) else author


def _ministry(element, where: str, id_tag: str) -> MinistryRef | None:
    if element is None:
        return None
    ref = MinistryRef(
        organ_uid=_ref("PO", _text(element, id_tag), f"{where}/{id_tag}"),
        short_label=_label(_text(element, "ABREGE"), f"{where}/ABREGE"),
        label=_label(_text(element, "DEVELOPPE"), f"{where}/DEVELOPPE"),
    )
    return None if ref == MinistryRef() else ref


def _attributions(root) -> tuple[Attribution, ...]:
    """``MINA/ORDRE`` in ``NUMERO`` order: the first attribution, then each transfer."""
    attributions = []
    for where, item in _ordered(root.find("MINA"), "MINA"):
        ministry, journal = _ministry(item, where, "ID_MINA"), _journal(item, where)
        if ministry is not None or journal is not None:
            attributions.append(Attribution(len(attributions) + 1, ministry or MinistryRef(), journal))
    return tuple(attributions)


def _question_texts(depots: list) -> tuple[Publication, ...]:
    """``DEPOT/TEXTE_DEPOT``; the JO of the deposit is on the ``DEPOT`` that carries the number."""
    journal = next((j for j in (_journal(d, "DEPOT") for d in depots) if j), None)
    texts = [_label(e.text, "DEPOT/TEXTE_DEPOT") for d in depots for e in d.findall("TEXTE_DEPOT")]
    texts = [strip_number_prefix(t) for t in texts if t] or ([None] if journal else [])
    return tuple(Publication(n, text, journal) for n, text in enumerate(texts, 1))


def _answers(root) -> tuple[Publication, ...]:
    """``REPONSE/TEXTE_REPONSE`` with ``DATE_JO_REPONSE`` and ``PAGE_JO_REPONSE``.

    The answer names no JO type nor issue; when the closure's JO has the same date and page (it is the same
    publication), those are taken from it.
    """
    closure_jo = _journal(root.find("CLOTURE"), "CLOTURE")
    answers = []
    for n, reponse in enumerate(root.findall("REPONSE"), 1):
        where = f"REPONSE[{n}]"
        raw = _text(reponse, "TEXTE_REPONSE")
        text = _label(raw, f"{where}/TEXTE_REPONSE")
        journal = _journal(reponse, where, "DATE_JO_REPONSE", "PAGE_JO_REPONSE")
        if journal and closure_jo and (journal.date, journal.page) == (closure_jo.date, closure_jo.page):
            journal = JournalRef(journal.journal_type or closure_jo.journal_type, journal.date, journal.page,
                                 journal.issue or closure_jo.issue)
        if text is not None or journal is not None:
            answers.append(Publication(len(answers) + 1, text, journal, tables_of(raw)))
    return tuple(answers)


def _closure(cloture) -> Closure | None:
    """``CLOTURE``: ``ABREGE`` is the code, ``LIBELLE`` the label; the date is the JO's unless given."""
    if cloture is None:
        return None
    journal = _journal(cloture, "CLOTURE")
    on = _date(_text(cloture, "DATE_CLOTURE"), "CLOTURE/DATE_CLOTURE") or (journal.date if journal else None)
    closure = Closure(
        code=_text(cloture, "ABREGE") or _text(cloture, "CODE"),
        label=_label(_text(cloture, "LIBELLE"), "CLOTURE/LIBELLE"),
        date=on,
        journal=journal,
    )
    return None if closure == Closure(None, None, None) else closure


def _signalements(root) -> tuple[Signalement, ...]:
    """``SIGNALEMENT`` (or its ``ORDRE`` children); one with only empty children is no signalement."""
    items = []
    for n, element in enumerate(root.findall("SIGNALEMENT"), 1):
        ordered = _ordered(element, f"SIGNALEMENT[{n}]")
        items.extend(ordered or [(f"SIGNALEMENT[{n}]", element)])
    signalements = []
    for where, item in items:
        journal = _journal(item, where)
        on = _date(_text(item, "DATE_DEPOT_SIGNAL"), f"{where}/DATE_DEPOT_SIGNAL") or (journal and journal.date)
        if on is not None or journal is not None:
            signalements.append(Signalement(len(signalements) + 1, on, journal))
    return tuple(signalements)


def _renewals(root) -> tuple[Renewal, ...]:
    """``RENOUVELLEMENT/ORDRE``: the renewal date, and its JO (whose issue takes the renewal's year)."""
    renewals = []
    for element in root.findall("RENOUVELLEMENT"):
        for where, item in _ordered(element, "RENOUVELLEMENT"):
            on = _date(_text(item, "DATE_RENOUVELLEMENT"), f"{where}/DATE_RENOUVELLEMENT")
            journal = _journal(item, where)
            if journal and journal.date is None and journal.issue:
                journal = JournalRef(journal.journal_type, None, journal.page, jo_issue(journal.issue, on))
            on = on or (journal.date if journal else None)
            if on is not None or journal is not None:
                renewals.append(Renewal(len(renewals) + 1, on, journal))
    return tuple(renewals)
