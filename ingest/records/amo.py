"""The AMO records (deputies, organs, mandates) as typed records.

One mapper per record kind reads the object under the ``acteur`` / ``organe`` / ``mandat`` key, whatever the
form it came in: a per-record JSON file, :func:`.xmltools.to_dict` of the XML form (same element names), or
one item of an AMO export dump. The variants (uid as ``{"#text": …}``, one mandate or a list, ``null`` /
``{"@xsi:nil": "true"}`` / missing, ISO or ``DD/MM/YYYY`` dates) are absorbed by :mod:`.values`.

Every error names the record and the field:

>>> mandate_from_dict({"uid": "PM1", "acteurRef": "PA1", "dateDebut": "2024-13-01"})
Traceback (most recent call last):
...
hemicycle.ontology.errors.RecordError: mandat PM1.dateDebut: '2024-13-01' is not a possible date (month must be in 1..12)
>>> organ_from_dict({"uid": {"#text": "PO1"}, "codeType": "GP", "viMoDe": {"dateDebut": "18/07/2024"}}).start
datetime.date(2024, 7, 18)
"""
from __future__ import annotations

import re
from datetime import date
from typing import Any

from hemicycle.ingest.records.model import Constituency, Mandate, Organ, Person
from hemicycle.ingest.records.values import clean_text, many, parse_date, parse_int, path, value
from hemicycle.ontology.errors import RecordError

# What a uid may hold: it becomes the last segment of an IRI (see ``ontology/iris.py``).
_UID = re.compile(r"^[A-Za-z0-9._-]+$")


class _Fields:
    """One record's fields, read with the record's name (``mandat PM843698``) in every error message."""

    def __init__(self, kind: str, body: Any):
        if not isinstance(body, dict) or str(body.get("@xsi:nil", "")).lower() == "true":
            raise RecordError(f"{kind}: expected an object, found {type(body).__name__}")
        self.body = body
        self.name = kind  # until the uid is known, so that a bad uid is reported as "acteur.uid: …"
        self.name = f"{kind} {self.uid('uid', required=True)}"

    def where(self, keys: tuple[str, ...]) -> str:
        return f"{self.name}.{'.'.join(keys)}"

    def raw(self, *keys: str) -> Any:
        """The field at this path, unconverted (``None`` when an object on the way is absent)."""
        try:
            return path(self.body, *keys)
        except RecordError as error:
            raise RecordError(f"{self.where(keys)}: {error}") from None

    def text(self, *keys: str, required: bool = False) -> str | None:
        raw = self.raw(*keys)
        try:
            text = value(raw)
        except RecordError as error:
            raise RecordError(f"{self.where(keys)}: {error}") from None
        if text is None and required:
            raise RecordError(f"{self.where(keys)}: missing")
        return text

    def label(self, *keys: str) -> str | None:
        """A label, entities decoded and runs of spaces (frequent in the sources) collapsed."""
        return clean_text(self.text(*keys))

    def date(self, *keys: str) -> date | None:
        return parse_date(self.text(*keys), self.where(keys))

    def int(self, *keys: str) -> int | None:
        return parse_int(self.text(*keys), self.where(keys))

    def uid(self, *keys: str, required: bool = False) -> str | None:
        """An identifier (PA…, PO…, PM…), checked to be usable in an IRI."""
        uid = self.text(*keys, required=required)
        if uid is not None and not _UID.match(uid):
            raise RecordError(f"{self.where(keys)}: {uid!r} is not an Assemblée nationale uid")
        return uid

    def uids(self, *keys: str) -> tuple[str, ...]:
        """A repeated reference (one value or a list) as a tuple of uids, in order, each once."""
        found: dict[str, None] = {}
        for index, raw in enumerate(many(self.raw(*keys))):
            where = self.where(keys) + f"[{index}]"
            try:
                uid = value(raw)
            except RecordError as error:
                raise RecordError(f"{where}: {error}") from None
            if uid is not None and not _UID.match(uid):
                raise RecordError(f"{where}: {uid!r} is not an Assemblée nationale uid")
            if uid is not None:
                found.setdefault(uid, None)
        return tuple(found)


def person_from_dict(body: Any) -> Person:
    """An ``acteur``: civil status, and the mandates it embeds (``mandats.mandat``, one or a list)."""
    fields = _Fields("acteur", body)
    person_uid = fields.text("uid")
    mandates = []
    for item in many(fields.raw("mandats", "mandat")):
        try:
            mandates.append(mandate_from_dict(item, person_uid=person_uid))
        except RecordError as error:
            raise RecordError(f"{fields.name}: {error}") from None
    return Person(
        uid=person_uid,
        civility=fields.text("etatCivil", "ident", "civ"),
        first_name=fields.text("etatCivil", "ident", "prenom"),
        last_name=fields.text("etatCivil", "ident", "nom"),
        birth_date=fields.date("etatCivil", "infoNaissance", "dateNais"),
        birth_city=fields.text("etatCivil", "infoNaissance", "villeNais"),
        birth_department=fields.text("etatCivil", "infoNaissance", "depNais"),
        birth_country=fields.text("etatCivil", "infoNaissance", "paysNais"),
        death_date=fields.date("etatCivil", "dateDeces"),
        mandates=tuple(mandates),
    )


def mandate_from_dict(body: Any, person_uid: str | None = None) -> Mandate:
    """A ``mandat``, embedded in an acteur or on its own (AMO50's ``mandat/PM….json``).

    The person is the mandate's ``acteurRef``; failing that, ``person_uid`` (the embedding acteur's uid).
    A mandate on its own must therefore carry its ``acteurRef``.
    """
    fields = _Fields("mandat", body)
    person = fields.uid("acteurRef") or person_uid
    if person is None:
        raise RecordError(f"{fields.where(('acteurRef',))}: missing (a mandate on its own must name its acteur)")
    organ_type = fields.text("typeOrgane")
    return Mandate(
        uid=fields.text("uid"),
        person_uid=person,
        organ_type=organ_type,
        organ_uids=fields.uids("organes", "organeRef"),
        legislature=fields.int("legislature"),
        start=fields.date("dateDebut"),
        end=fields.date("dateFin"),
        quality=fields.text("infosQualite", "codeQualite"),
        constituency=_elected_in(fields) if organ_type == "ASSEMBLEE" else None,
        election_cause=fields.text("election", "causeMandat"),
    )


def _elected_in(fields: _Fields) -> Constituency | None:
    """A deputy's constituency: ``election.lieu`` and ``election.refCirconscription``."""
    place = (
        fields.text("election", "lieu", "numDepartement"),
        fields.text("election", "lieu", "departement"),
        fields.int("election", "lieu", "numCirco"),
        fields.text("election", "lieu", "region"),
    )
    organ_uid = fields.uid("election", "refCirconscription")
    if all(part is None for part in place) and organ_uid is None:
        return None
    return Constituency(*place, organ_uid=organ_uid)


def organ_from_dict(body: Any) -> Organ:
    """An ``organe``: a group, ministry, government, committee, constituency… ``codeType`` is required."""
    fields = _Fields("organe", body)
    kind = fields.text("codeType", required=True)
    return Organ(
        uid=fields.text("uid"),
        kind=kind,
        label=fields.label("libelle"),
        short_label=fields.label("libelleAbrege"),
        abbreviation=fields.label("libelleAbrev"),
        start=fields.date("viMoDe", "dateDebut"),
        end=fields.date("viMoDe", "dateFin"),
        parent_uid=fields.uid("organeParent"),
        previous_uid=fields.uid("organePrecedentRef"),
        legislature=fields.int("legislature"),
        colour=fields.text("couleurAssociee"),
        constituency=_constituency_organ(fields) if kind == "CIRCONSCRIPTION" else None,
    )


def _constituency_organ(fields: _Fields) -> Constituency | None:
    """A CIRCONSCRIPTION organ's place: ``numero`` and ``lieu{departement{code, libelle}, region{libelle}}``."""
    place = (
        fields.text("lieu", "departement", "code"),
        fields.text("lieu", "departement", "libelle"),
        fields.int("numero"),
        fields.text("lieu", "region", "libelle"),
    )
    if all(part is None for part in place):
        return None
    return Constituency(*place, organ_uid=fields.text("uid"))
