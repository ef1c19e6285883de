"""Every IRI of the graph is minted here, deterministically, from source identifiers.

Assemblée nationale entities keep their uid as the last path segment, so the IRI can be read back to the
record it came from:

>>> iris = Minter("https://example.org/id/")
>>> iris.question("QANR5L17QE15973").value
'https://example.org/id/question/QANR5L17QE15973'
>>> iris.person("PA721296").value, iris.organ("PO845407").value, iris.mandate("PM843698").value
('https://example.org/id/acteur/PA721296', 'https://example.org/id/organe/PO845407', 'https://example.org/id/mandat/PM843698')

Shared concepts (rubriques, analyses) are minted from their normalised label, so two questions that use the
same label meet on one node whatever its case or accents:

>>> iris.concept("rubrique", "Étrangers") == iris.concept("rubrique", "étrangers")
True
>>> iris.concept("rubrique", "Étrangers").value
'https://example.org/id/rubrique/etrangers'
"""
from __future__ import annotations

import os
import re
import unicodedata
from functools import lru_cache
from urllib.parse import quote

from pyoxigraph import NamedNode
from hemicycle.ontology.errors import InvalidIdentifier

DEFAULT_BASE = "https://w3id.org/hemicycle/id/"
BASE_ENV = "HEMICYCLE_BASE"

_UID = re.compile(r"^[A-Za-z0-9._-]+$")


@lru_cache(maxsize=1 << 16)  # the same rubriques and analyses come back in every question
def slug(label: str) -> str:
    """A label folded to lower-case ASCII words joined by hyphens.

    >>> slug("  Ministère de l’Économie,  des finances ")
    'ministere-de-l-economie-des-finances'
    """
    text = unicodedata.normalize("NFKD", label)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


@lru_cache(maxsize=1 << 16)
def _segment(text: str) -> str:
    """One path segment: spaces and slashes become hyphens, the rest is percent-encoded where needed."""
    return quote(re.sub(r"[\s/]+", "-", text.strip()), safe="-._~")


class Minter:
    """Mints the IRIs of one graph under one base (which must end with ``/`` or ``#``)."""

    def __init__(self, base: str | None = None):
        base = base or os.environ.get(BASE_ENV) or DEFAULT_BASE
        if not base.endswith(("/", "#")):
            raise InvalidIdentifier(f"the IRI base must end with '/' or '#': {base!r}")
        self.base = base

    def _iri(self, kind: str, key: str) -> NamedNode:
        return NamedNode(f"{self.base}{kind}/{key}")

    def _uid(self, uid: str) -> str:
        if not _UID.match(uid):
            raise InvalidIdentifier(f"not an Assemblée nationale uid: {uid!r}")
        return uid

    # Assemblée nationale entities: the uid is the last segment.
    def question(self, uid: str) -> NamedNode:
        return self._iri("question", self._uid(uid))

    def person(self, uid: str) -> NamedNode:
        return self._iri("acteur", self._uid(uid))

    def organ(self, uid: str) -> NamedNode:
        return self._iri("organe", self._uid(uid))

    def mandate(self, uid: str) -> NamedNode:
        return self._iri("mandat", self._uid(uid))

    def part(self, whole: NamedNode, fragment: str) -> NamedNode:
        """A part of an entity (a JO publication, an attribution…), as a fragment of the entity's IRI."""
        return NamedNode(f"{whole.value}#{fragment}")

    # Things the sources name but do not identify.
    def concept(self, scheme: str, label: str) -> NamedNode:
        key = slug(label)
        if not key:
            raise InvalidIdentifier(f"empty {scheme} label")
        return self._iri(scheme, key)

    def scheme(self, scheme: str) -> NamedNode:
        return self._iri("scheme", scheme)

    def closure_status(self, code: str) -> NamedNode:
        return self._iri("cloture", quote(code.strip(), safe=""))

    def organ_kind(self, code: str) -> NamedNode:
        return self._iri("type-organe", quote(code.strip(), safe=""))

    def department(self, code: str) -> NamedNode:
        return self._iri("departement", quote(code.strip().upper(), safe=""))

    def constituency(self, department_code: str, number: int) -> NamedNode:
        return self._iri("circonscription", f"{quote(department_code.strip().upper(), safe='')}-{number}")

    def unresolved_ministry(self, label: str) -> NamedNode:
        return self.concept("ministere-non-resolu", label)

    # What texts cite: court decisions and texts of law (the citation resolver says which key identifies one).
    def decision(self, region: str, court: str, day: str, number: str) -> NamedNode:
        """A court decision, from what identifies it without guessing: court, ISO date, normalised number.

        >>> Minter("https://example.org/id/").decision("fr", "CE", "2026-05-05", "502860").value
        'https://example.org/id/decision/fr/CE/2026-05-05/502860'
        """
        return self._iri("decision", "/".join(_segment(part) for part in (region, court, day, number)))

    def legal_text(self, *parts: str) -> NamedNode:
        """A text of law, from its type and what identifies it (``loi``, ``2016-1321``)."""
        return self._iri("texte", "/".join(_segment(part) for part in parts))

    # Provenance.
    def record_graph(self, uid: str) -> NamedNode:
        """The named graph of one source record (a question, a person, a mandate, an organ)."""
        return self._iri("graph", quote(uid, safe=""))

    def shared_graph(self, node: NamedNode) -> NamedNode:
        """The named graph describing a node many records mention (``graph/rubrique/etrangers``…).

        >>> iris = Minter("https://example.org/id/")
        >>> iris.shared_graph(iris.concept("rubrique", "Étrangers")).value
        'https://example.org/id/graph/rubrique/etrangers'
        """
        if not node.value.startswith(self.base):
            raise InvalidIdentifier(f"{node.value} is not minted under {self.base}")
        return self._iri("graph", node.value[len(self.base):])

    def link_graph(self, target: str) -> NamedNode:
        """The named graph of the links towards another dataset (``graph/links/wikidata``)."""
        return self._iri("graph/links", quote(target, safe=""))

    def run(self, run_id: str) -> NamedNode:
        return self._iri("run", run_id)

    def run_graph(self, run_id: str) -> NamedNode:
        return self._iri("graph/run", run_id)

    def source(self, sha256: str) -> NamedNode:
        return self._iri("source", sha256)

    def software(self, version: str) -> NamedNode:
        return self._iri("software/hemicycle", version)
