"""Typed records of the extractor: what a citation says, where it is, and what it resolves to; and the
:class:`Candidate` the finders collect on the way (the pieces of a decision citation, still as text).

Every citation keeps its exact span: ``source[c.start:c.end] == c.text``.

>>> c = DecisionCitation(text="CE, 5 mai 2026, n° 502860", start=0, end=25, court="CE",
...                      date="2026-05-05", numbers=("502860",))
>>> c.kind, c.numbers, c.ecli
('decision', ('502860',), None)
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from typing import Union

from hemicycle.ingest.citations.dates import Date


@dataclass(frozen=True, slots=True)
class DecisionCitation:
    """A court decision cited in a text, formal (``CE, ass., …, n° …``) or informal (``dans sa décision du …``)."""

    text: str
    start: int
    end: int
    court: str | None = None          # CE, CASS, CC, TC, CAA, TA, CA, CPH, CJUE, TUE, CEDH, CNDA
    seat: str | None = None           # Lyon, Montreuil… for CAA, TA, CA, CPH
    formation: str | None = None      # as written, normalised: "ass.", "10e et 9e ch. réunies", "soc."…
    formation_code: str | None = None # CEASS, CESEC, CECHR…, C1, SO… (the ECLI's code where one exists)
    date: str | None = None           # ISO 8601, only when day, month and year are all stated
    year: int | None = None
    month: int | None = None
    day: int | None = None
    numbers: tuple[str, ...] = ()
    decision_type: str | None = None  # as stated: DC, QPC… (Conseil constitutionnel); JUD (an arrêt) or DEC (a
                                      # décision) for the ECtHR; ORD for an ordonnance of the Conseil d'État
    parties: str | None = None
    formal: bool = True
    ecli: str | None = None
    iri: str | None = None
    celex: str | None = None
    see_also: tuple[str, ...] = ()
    kind: str = field(default="decision", init=False)

    def with_(self, **changes) -> "DecisionCitation":
        return replace(self, **changes)

    def to_dict(self) -> dict:
        return _as_json(self)


@dataclass(frozen=True, slots=True)
class LegislationCitation:
    """A text of law: loi, ordonnance, décret, arrêté, circulaire, code article, EU directive or regulation."""

    text: str
    start: int
    end: int
    type: str                         # loi, ordonnance, decret, arrete, circulaire, code-article, directive-ue,
                                      # reglement-ue, constitution, tfue, tue, charte-ue, convention-edh
    number: str | None = None
    date: str | None = None
    year: int | None = None
    code: str | None = None           # CESEDA, CCIV… (code-article only)
    article: str | None = None        # first article, normalised: L554-1, R123-4, 375-3
    articles: tuple[str, ...] = ()
    qualifier: str | None = None      # organique, constitutionnelle, ministériel…
    eli: str | None = None
    celex: str | None = None
    iri: str | None = None
    see_also: tuple[str, ...] = ()
    kind: str = field(default="legislation", init=False)

    def with_(self, **changes) -> "LegislationCitation":
        return replace(self, **changes)

    def to_dict(self) -> dict:
        return _as_json(self)


Citation = Union[DecisionCitation, LegislationCitation]


@dataclass(slots=True)
class Candidate:
    """A decision citation as a finder (:mod:`.find`) saw it, before merging and parsing."""

    start: int
    end: int
    court: str | None
    formal: bool
    priority: int = 0                     # higher wins when merging
    seat: str | None = None
    formations: list[str] = field(default_factory=list)
    date: Date | None = None
    numbers: list[str] = field(default_factory=list)   # raw number texts, possibly joined
    parties: str | None = None
    ecli: str | None = None
    noun: str | None = None               # what the text calls the decision: "arrêt", "décision", "ordonnance"…


def _as_json(citation) -> dict:
    out = {"kind": citation.kind}
    for key, value in asdict(citation).items():
        out[key] = list(value) if isinstance(value, tuple) else value
    return out
