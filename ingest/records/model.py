"""Typed records: what the sources say, normalised, before it becomes RDF.

Every adapter, whatever the source form (per-record JSON or XML, official zip, XIVth single file, legacy
XML of the old site, AMO layouts), yields these frozen dataclasses. Names follow the ontology's terms;
French source labels stay in the adapters. Dates are :class:`datetime.date`; texts are clean (tags stripped,
entities decoded); absent values are ``None`` or empty tuples, never the source's nil markers.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class JournalRef:
    """A reference to the Journal officiel (the sources' ``infoJO``)."""

    journal_type: str | None = None  # JO_QUESTION, JO_DEBAT, JO_LOI_DECRET
    date: date | None = None
    page: int | None = None
    issue: str | None = None  # numJO, e.g. "20250012" (year + issue)
    legifrance_url: str | None = None
    nor: str | None = None


@dataclass(frozen=True)
class MinistryRef:
    """A ministry as a question names it: by organ uid (XVIIth on) or only by its labels."""

    organ_uid: str | None = None  # PO…
    short_label: str | None = None  # abrege
    label: str | None = None  # developpe


@dataclass(frozen=True)
class Attribution:
    """The ministry a question is attributed to, from a date on; several make a chain of transfers."""

    order: int
    ministry: MinistryRef
    journal: JournalRef | None = None


@dataclass(frozen=True)
class Publication:
    """A question text or an answer text as published in the JO."""

    order: int
    text: str | None
    journal: JournalRef | None = None
    tables: tuple[str, ...] = ()  # its tables, in a safe subset of HTML (records/tables.py)


@dataclass(frozen=True)
class Closure:
    code: str | None
    label: str | None
    date: date | None
    journal: JournalRef | None = None


@dataclass(frozen=True)
class Signalement:
    order: int
    date: date | None  # date the signalement was lodged
    journal: JournalRef | None = None


@dataclass(frozen=True)
class Renewal:
    order: int
    date: date | None
    journal: JournalRef | None = None


@dataclass(frozen=True)
class Constituency:
    department_code: str | None
    department: str | None
    number: int | None
    region: str | None = None
    organ_uid: str | None = None  # the CIRCONSCRIPTION organ (refCirconscription), when given


@dataclass(frozen=True)
class Author:
    """Who asked a question, as the question record states it."""

    person_uid: str | None  # PA…
    mandate_uid: str | None = None  # PM…
    group_uid: str | None = None  # PO…
    group_short_label: str | None = None
    group_label: str | None = None
    # Only the legacy XML names the author and the constituency inside the question.
    civility: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    constituency: Constituency | None = None


# What a question's date was taken from (``hm:depositDateBasis``), best first: the JO publication of the question
# text (its deposit), its first attribution, the sitting a question to the Government or an oral question was
# asked and answered in, its closure. Any but the first is a fallback.
DATED_BY_DEPOSIT = "deposit"
DATED_BY_ATTRIBUTION = "attribution"
DATED_BY_SITTING = "sitting"
DATED_BY_CLOSURE = "closure"
DATE_BASES = (DATED_BY_DEPOSIT, DATED_BY_ATTRIBUTION, DATED_BY_SITTING, DATED_BY_CLOSURE)


@dataclass(frozen=True)
class Question:
    uid: str  # QANR5L17QE15973
    kind: str  # QE, QG, QOSD
    number: int
    legislature: int
    regime: str | None = None
    rubrique: str | None = None
    tete_analyse: str | None = None
    analyses: tuple[str, ...] = ()
    author: Author | None = None
    ministry_questioned: MinistryRef | None = None
    attributions: tuple[Attribution, ...] = ()
    question_texts: tuple[Publication, ...] = ()
    answers: tuple[Publication, ...] = ()
    closure: Closure | None = None
    signalements: tuple[Signalement, ...] = ()
    renewals: tuple[Renewal, ...] = ()

    @property
    def dating(self) -> tuple[date, str] | tuple[None, None]:
        """The question's date and what it was taken from (one of :data:`DATE_BASES`), best first: the JO
        date of the question text; failing that, of the first dated attribution; failing that, for a question
        to the Government or an oral question, the date of the sitting it was asked and answered in (the
        answer's JO date); failing that, the closure date. ``(None, None)`` when the record has none of them.

        >>> Question("QANR5L15QG7", "QG", 7, 15, answers=(Publication(1, None, JournalRef(date=date(2018, 6, 7))),),
        ...          closure=Closure("REP_PUB", None, date(2018, 6, 8))).dating
        (datetime.date(2018, 6, 7), 'sitting')
        >>> Question("QANR5L15QE7", "QE", 7, 15, answers=(Publication(1, None, JournalRef(date=date(2018, 6, 7))),),
        ...          closure=Closure("REP_PUB", None, date(2018, 6, 8))).dating
        (datetime.date(2018, 6, 8), 'closure')
        """
        for text in self.question_texts:
            if text.journal and text.journal.date:
                return text.journal.date, DATED_BY_DEPOSIT
        for attribution in self.attributions:
            if attribution.journal and attribution.journal.date:
                return attribution.journal.date, DATED_BY_ATTRIBUTION
        if self.kind in ("QG", "QOSD"):
            for answer in self.answers:
                if answer.journal and answer.journal.date:
                    return answer.journal.date, DATED_BY_SITTING
        closure = self.closure
        if closure is not None:
            on = closure.date or (closure.journal.date if closure.journal else None)
            if on is not None:
                return on, DATED_BY_CLOSURE
        return None, None

    @property
    def deposit_date(self) -> date | None:
        """The question's date (see :attr:`dating`): the date its ministries are resolved on, its group and
        government at the time are read on, and its answer delay runs from."""
        return self.dating[0]

    @property
    def deposit_date_basis(self) -> str | None:
        """What :attr:`deposit_date` was taken from: ``deposit``, ``attribution``, ``sitting`` or ``closure``."""
        return self.dating[1]

    @property
    def answer_date(self) -> date | None:
        """The JO date of the first answer; failing that, the closure date of an answered question."""
        for answer in self.answers:
            if answer.journal and answer.journal.date:
                return answer.journal.date
        if self.answers and self.closure and self.closure.date:
            return self.closure.date
        return None


@dataclass(frozen=True)
class Mandate:
    """A mandate (``mandat``): membership of one organ for a period, in some quality."""

    uid: str  # PM…
    person_uid: str
    organ_type: str | None  # ASSEMBLEE, GP, MINISTERE, …
    organ_uids: tuple[str, ...] = ()
    legislature: int | None = None
    start: date | None = None
    end: date | None = None
    quality: str | None = None  # codeQualite
    constituency: Constituency | None = None
    election_cause: str | None = None


@dataclass(frozen=True)
class Person:
    uid: str  # PA…
    civility: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    birth_date: date | None = None
    birth_city: str | None = None
    birth_department: str | None = None
    birth_country: str | None = None
    death_date: date | None = None
    mandates: tuple[Mandate, ...] = ()


@dataclass(frozen=True)
class Organ:
    uid: str  # PO…
    kind: str  # codeType: GP, MINISTERE, GOUVERNEMENT, ASSEMBLEE, COMPER, CIRCONSCRIPTION, …
    label: str | None = None
    short_label: str | None = None  # libelleAbrege
    abbreviation: str | None = None  # libelleAbrev
    start: date | None = None
    end: date | None = None
    parent_uid: str | None = None
    previous_uid: str | None = None
    legislature: int | None = None
    colour: str | None = None
    constituency: Constituency | None = None  # for CIRCONSCRIPTION organs


Record = Question | Person | Organ | Mandate


@dataclass(frozen=True)
class Origin:
    """Where a record came from: a file, and the member inside it when the file is a zip or a dump."""

    path: str
    member: str | None = None
    sha256: str | None = None  # of the file at ``path``

    def __str__(self) -> str:
        return f"{self.path}!{self.member}" if self.member else self.path


@dataclass(frozen=True)
class SourceRecord:
    """One record read from a source, with where it came from."""

    record: Record
    origin: Origin


@dataclass(frozen=True)
class Rejection:
    """A record that could not be read, and why; the run goes on without it."""

    origin: Origin
    reason: str
    uid: str | None = None

    def __str__(self) -> str:
        where = str(self.origin) + (f" [{self.uid}]" if self.uid else "")
        return f"{where}: {self.reason}"


@dataclass(frozen=True)
class Skipped:
    """A record of a kind the graph does not hold (deports, countries…): counted, not rejected."""

    origin: Origin
    kind: str = ""
