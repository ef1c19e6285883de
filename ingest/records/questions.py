"""Questions (QE, QG, QOSD) from the Assemblée's own forms: per-record JSON or XML, and the XIVth dumps.

``body`` is the object under the ``"question"`` key of one JSON record, :func:`xmltools.to_dict` of one
``<question>`` element (per-record XML, or an item of a XIVth single-file dump), or one item of
``questionsEcrites.question[]``. Every variant of docs/an-open-data.md is taken: single objects or lists,
nil markers, ``{"#text": …}``, ISO or ``DD/MM/YYYY`` dates, ``analyses/analyse`` or upper-case
``ANALYSE/ANA``, the XVth's broken regime accent, inline HTML, and the ``"13382. — 10 mars 2026. — "``
prefix of XML question texts. A record that cannot be read raises :class:`RecordError` naming the field.

>>> q = question_from_dict({"uid": "QANR5L15QE7", "identifiant": {"numero": "7", "legislature": "15"},
...     "type": "QE", "indexationAN": {"rubrique": "santé", "ANALYSE": {"ANA": ["a", "b"]}},
...     "cloture": {"codeCloture": "REP_PUB", "dateCloture": "05/05/2020"}})
>>> q.kind, q.number, q.legislature, q.analyses, q.closure.date
('QE', 7, 15, ('a', 'b'), datetime.date(2020, 5, 5))
>>> strip_number_prefix("13382. — 10 mars 2026. — M. X interroge…")
'M. X interroge…'
"""
from __future__ import annotations

import re
from datetime import date
from typing import Any

from hemicycle.ingest.records.model import (
    Attribution, Author, Closure, JournalRef, MinistryRef, Publication, Question, Renewal, Signalement,
)
from hemicycle.ingest.records.tables import tables_of
from hemicycle.ingest.records.values import clean_text, fix_regime, many, node, parse_date, parse_int, path, value
from hemicycle.ontology.errors import RecordError

KINDS = ("QE", "QG", "QOSD")
_UID = re.compile(r"^QANR5L(\d+)(QE|QG|QOSD)(\d+)$")
_UID_CHARS = re.compile(r"^[A-Za-z0-9._-]+$")  # what ontology/iris.py accepts as a uid
_PAGE = re.compile(r"^\d+")
# "13382. — 10 mars 2026. — ", "7. - 1er janvier 2026. – ": number, JO date in words, two dashes.
_NUMBER_PREFIX = re.compile(r"^\d+\s*\.\s*[—–-]+\s*\d{1,2}(?:er)?\s+[^\W\d_]+\s+\d{4}\s*\.\s*[—–-]+\s*")


# --- shared with the legacy adapter -------------------------------------------------------------------

def official_uid(legislature: int, kind: str, number: int) -> str:
    """The Assemblée's uid of a question: ``QANR5L14QE47351``."""
    return f"QANR5L{legislature}{kind}{number}"


def check_kind(kind: str | None, where: str = "type") -> str:
    """A question kind (QE, QG, QOSD), upper-cased; anything else raises."""
    if kind is None:
        raise RecordError(f"{where}: missing (expected one of {', '.join(KINDS)})")
    if kind.upper() not in KINDS:
        raise RecordError(f"{where}: {kind!r} is not a known question kind (expected one of {', '.join(KINDS)})")
    return kind.upper()


def strip_number_prefix(text: str | None) -> str | None:
    """A question text without the ``"13382. — 10 mars 2026. — "`` prefix of the XML form."""
    if text is None:
        return None
    return _NUMBER_PREFIX.sub("", text, count=1) or None


def jo_issue(issue: str | None, on: date | None) -> str | None:
    """A JO issue in the XVIIth form (year + 4-digit issue, ``"20250012"``) when only the issue is given."""
    if issue and issue.isdigit() and len(issue) <= 4 and on is not None:
        return f"{on.year}{int(issue):04d}"
    return issue


def jo_page(text: str | None) -> int | None:
    """A JO page as a number: the leading digits (``"1958-1959"`` → 1958); no digits → ``None``.

    Pages are not worth a rejected record: one real QG of the XVIth has ``pageJO: "audi"``.
    """
    match = _PAGE.match(text or "")
    return int(match.group()) if match else None


def named(error: RecordError, where: str) -> RecordError:
    """``error`` with the field's name in front of its message (once)."""
    message = str(error)
    return RecordError(message if message.startswith(where) else f"{where}: {message}")


class at:
    """Prefix the message of a :class:`RecordError` raised inside with the field's name (once)."""

    __slots__ = ("where",)

    def __init__(self, where: str):
        self.where = where

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind, error, traceback) -> bool:
        if kind is not None and issubclass(kind, RecordError):
            raise named(error, self.where) from None
        return False


# --- field readers: each names its field in the errors it raises ---------------------------------------
# (try/except rather than ``with at(...)``: they read every field of every record, and a ``try`` costs nothing
# until something is raised)

def _text(raw: Any, where: str) -> str | None:
    try:
        return value(raw)
    except RecordError as error:
        raise named(error, where) from None


def _label(raw: Any, where: str) -> str | None:
    try:
        return clean_text(raw)
    except RecordError as error:
        raise named(error, where) from None


def _date(raw: Any, where: str) -> date | None:
    try:
        return parse_date(raw, where)
    except RecordError as error:
        raise named(error, where) from None


def _int(raw: Any, where: str) -> int | None:
    try:
        return parse_int(raw, where)
    except RecordError as error:
        raise named(error, where) from None


def _object(raw: Any, where: str) -> dict | None:
    try:
        return node(raw)
    except RecordError as error:
        raise named(error, where) from None


def _key(obj: dict | None, *names: str) -> Any:
    """The first of several spellings of a key (``analyses``, ``ANALYSE``) that holds something."""
    for name in names:
        if obj and obj.get(name) is not None:
            return obj[name]
    return None


def _items(body: dict, container: str, item: str) -> list[tuple[str, dict]]:
    """The objects of a repeated element ``container.item``, with the name of each for error messages."""
    with at(container):
        raw = path(body, container, item)
    where = f"{container}.{item}"
    found = ((f"{where}[{n}]", _object(obj, f"{where}[{n}]")) for n, obj in enumerate(many(raw), 1))
    return [(name, obj) for name, obj in found if obj is not None]


def journal_ref(raw: Any, where: str) -> JournalRef | None:
    """An ``infoJO``; ``None`` when it is absent or every field of it is empty."""
    info = _object(raw, where)
    if info is None:
        return None
    on = _date(info.get("dateJO"), f"{where}.dateJO")
    ref = JournalRef(
        journal_type=_text(info.get("typeJO"), f"{where}.typeJO"),
        date=on,
        page=jo_page(_text(info.get("pageJO"), f"{where}.pageJO")),
        issue=jo_issue(_text(info.get("numJO"), f"{where}.numJO"), on),
        legifrance_url=_text(info.get("urlLegifrance"), f"{where}.urlLegifrance"),
        nor=_text(info.get("referenceNOR"), f"{where}.referenceNOR"),
    )
    return None if ref == JournalRef() else ref


def ministry_ref(raw: Any, where: str) -> MinistryRef | None:
    """``minInt`` or ``minAttrib.denomination``: an organ uid (XVIIth on) and the labels."""
    ministry = _object(raw, where)
    if ministry is None:
        return None
    ref = MinistryRef(
        organ_uid=_text(ministry.get("organeRef"), f"{where}.organeRef"),
        short_label=_label(ministry.get("abrege"), f"{where}.abrege"),
        label=_label(ministry.get("developpe"), f"{where}.developpe"),
    )
    return None if ref == MinistryRef() else ref


# --- the record ----------------------------------------------------------------------------------------

def question_from_dict(body: dict) -> Question:
    """One question record, whatever its form, as a :class:`Question`."""
    body = _object(body, "question")
    if body is None:
        raise RecordError("question: the record is empty")
    uid = _text(body.get("uid"), "uid")
    if uid is None:
        raise RecordError("uid: missing")
    if not _UID_CHARS.match(uid):
        raise RecordError(f"uid: {uid!r} is not an Assemblée uid (letters, digits, '.', '_', '-')")
    from_uid = _UID.match(uid)
    ident = _object(body.get("identifiant"), "identifiant") or {}
    kind = check_kind(_text(body.get("type"), "type") or (from_uid and from_uid.group(2)))
    number = _required_int(ident.get("numero"), "identifiant.numero", from_uid and from_uid.group(3))
    legislature = _required_int(ident.get("legislature"), "identifiant.legislature", from_uid and from_uid.group(1))
    rubrique, tete_analyse, analyses = _indexing(_key(body, "indexationAN", "INDEXATION_AN"))
    return Question(
        uid=uid,
        kind=kind,
        number=number,
        legislature=legislature,
        regime=_fixed_regime(ident.get("regime")),
        rubrique=rubrique,
        tete_analyse=tete_analyse,
        analyses=analyses,
        author=_author(body.get("auteur")),
        ministry_questioned=ministry_ref(body.get("minInt"), "minInt"),
        attributions=_attributions(body),
        question_texts=_publications(body, "textesQuestion", "texteQuestion", strip_prefix=True),
        answers=_publications(body, "textesReponse", "texteReponse"),
        closure=_closure(body.get("cloture")),
        signalements=_signalements(body),
        renewals=_renewals(body),
    )


def _required_int(raw: Any, where: str, fallback: str | None) -> int:
    number = _int(raw, where)
    if number is None and fallback is not None:
        number = int(fallback)
    if number is None:
        raise RecordError(f"{where}: missing")
    return number


def _fixed_regime(raw: Any) -> str | None:
    with at("identifiant.regime"):
        return fix_regime(raw)


def _indexing(raw: Any) -> tuple[str | None, str | None, tuple[str, ...]]:
    """``indexationAN``: rubrique, tête d'analyse and analyses, in lower- or upper-case spelling."""
    index = _object(raw, "indexationAN") or {}
    rubrique = _label(_key(index, "rubrique", "RUBRIQUE"), "indexationAN.rubrique")
    tete = _label(_key(index, "teteAnalyse", "TETE_ANALYSE"), "indexationAN.teteAnalyse")
    items = []
    for container in many(_key(index, "analyses", "ANALYSE", "ANALYSES")):
        if isinstance(container, dict) and "#text" not in container:
            items.extend(many(_key(container, "analyse", "ANA", "ANALYSE")))
        else:  # the analyses given directly, without their container
            items.append(container)
    labels = (_label(item, f"indexationAN.analyses.analyse[{n}]") for n, item in enumerate(items, 1))
    return rubrique, tete, tuple(label for label in labels if label)


def _author(raw: Any) -> Author | None:
    auteur = _object(raw, "auteur")
    if auteur is None:
        return None
    identite = _object(auteur.get("identite"), "auteur.identite") or {}
    groupe = _object(auteur.get("groupe"), "auteur.groupe") or {}
    author = Author(
        person_uid=_text(identite.get("acteurRef"), "auteur.identite.acteurRef"),
        mandate_uid=_text(identite.get("mandatRef"), "auteur.identite.mandatRef"),
        group_uid=_text(groupe.get("organeRef"), "auteur.groupe.organeRef"),
        group_short_label=_label(groupe.get("abrege"), "auteur.groupe.abrege"),
        group_label=_label(groupe.get("developpe"), "auteur.groupe.developpe"),
    )
    return None if author == Author(None) else author


def _attributions(body: dict) -> tuple[Attribution, ...]:
    """``minAttribs.minAttrib``, in source order (several = transfers; the last is current)."""
    attributions = []
    for where, item in _items(body, "minAttribs", "minAttrib"):
        ministry = ministry_ref(item.get("denomination"), f"{where}.denomination")
        journal = journal_ref(item.get("infoJO"), f"{where}.infoJO")
        if ministry is None and journal is None:
            continue
        attributions.append(Attribution(len(attributions) + 1, ministry or MinistryRef(), journal))
    return tuple(attributions)


def _publications(body: dict, container: str, item: str, strip_prefix: bool = False) -> tuple[Publication, ...]:
    """Question texts or answers: clean text and JO reference, in source order."""
    publications = []
    for where, obj in _items(body, container, item):
        raw = obj.get("texte")
        text = _label(raw, f"{where}.texte")
        if strip_prefix:
            text = strip_number_prefix(text)
        journal = journal_ref(obj.get("infoJO"), f"{where}.infoJO")
        if text is not None or journal is not None:
            publications.append(Publication(len(publications) + 1, text, journal,
                                            tables_of(raw) if isinstance(raw, str) else ()))
    return tuple(publications)


def _closure(raw: Any) -> Closure | None:
    """``cloture``; unknown codes are kept as they are."""
    cloture = _object(raw, "cloture")
    if cloture is None:
        return None
    closure = Closure(
        code=_text(cloture.get("codeCloture"), "cloture.codeCloture"),
        label=_label(cloture.get("libelleCloture"), "cloture.libelleCloture"),
        date=_date(cloture.get("dateCloture"), "cloture.dateCloture"),
        journal=journal_ref(cloture.get("infoJO"), "cloture.infoJO"),
    )
    return None if closure == Closure(None, None, None) else closure


def _dated_entries(raw: Any, where: str, date_key: str) -> list[tuple[date | None, JournalRef | None]]:
    """Items of ``{<date_key>?, infoJO}`` (or bare ``infoJO``s): the explicit date, else the JO date."""
    entries = []
    for n, item in enumerate(many(raw), 1):
        here = f"{where}[{n}]"
        item = _object(item, here)
        if item is None:
            continue
        if "infoJO" in item or date_key in item:
            journal = journal_ref(item.get("infoJO"), f"{here}.infoJO")
        else:
            journal = journal_ref(item, here)
        on = _date(item.get(date_key), f"{here}.{date_key}") or (journal.date if journal else None)
        if on is not None or journal is not None:
            entries.append((on, journal))
    return entries


def _signalements(body: dict) -> tuple[Signalement, ...]:
    """``signalement`` (one, a list, or a ``signalements.signalement`` container)."""
    raw = body.get("signalement")
    if raw is None:
        with at("signalements"):
            raw = path(body, "signalements", "signalement")
    elif isinstance(raw, dict) and "signalement" in raw:
        raw = raw["signalement"]
    entries = _dated_entries(raw, "signalement", "dateDepotSignal")
    return tuple(Signalement(n, on, journal) for n, (on, journal) in enumerate(entries, 1))


def _renewals(body: dict) -> tuple[Renewal, ...]:
    """``renouvellements.renouvellement``, each with its JO and perhaps a date."""
    with at("renouvellements"):
        raw = path(body, "renouvellements", "renouvellement")
    entries = _dated_entries(raw, "renouvellements.renouvellement", "dateRenouvellement")
    return tuple(Renewal(n, on, journal) for n, (on, journal) in enumerate(entries, 1))
