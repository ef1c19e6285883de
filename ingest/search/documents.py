"""The documents of the search index, made from the store's facts (:mod:`.facts`): one a question, deputy, political
group, ministry, rubrique, court decision and text of law.

Each document has three searched fields: a ``title`` (a question's rubrique, tête d'analyse and analyses; the
name or label of anything else), ``names`` (who and what it is about: a question's uid and number, its author,
group and ministries; a deputy's groups and constituencies; an abbreviation, a uid, an ECLI…) and a ``body`` (a
question's texts and answers). Beside them: what a result shows (label, date, a line of detail), what the filters
test (kind, status, date, and the many-valued facets), what the filters are given by (``filter_names``: a group's
abbreviation, uid and labels) and what the document draws on (``refs``, so that it is made again when one of
those changes).

>>> french_date("2026-05-05"), french_date("2021-11-01"), french_date("bad")
('5 mai 2026', '1er novembre 2021', 'bad')
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterator

from hemicycle.ingest.search.analysis import fold
from hemicycle.ontology.terms import DCT, FOAF, HM, ORG, RDF, RDFS, SKOS

MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
          "novembre", "décembre")
STATUSES = {HM.Answered.value: "answered", HM.Pending.value: "pending", HM.Withdrawn.value: "withdrawn",
            HM.Lapsed.value: "lapsed"}
TEXT_TYPES = {"loi": "Loi", "ordonnance": "Ordonnance", "decret": "Décret", "arrete": "Arrêté",
              "circulaire": "Circulaire", "directive-ue": "Directive (UE)", "reglement-ue": "Règlement (UE)",
              "constitution": "Constitution", "tfue": "Traité sur le fonctionnement de l'Union européenne",
              "tue": "Traité sur l'Union européenne", "charte-ue": "Charte des droits fondamentaux de l'UE",
              "convention-edh": "Convention européenne des droits de l'homme"}
LABELS = (SKOS.prefLabel.value, FOAF.name.value, RDFS.label.value)
#: the properties a full build reads whole, the largest first (read at once by worker processes)
PROPERTIES = [term.value for term in (
    HM.text, DCT.identifier, HM.legislature, HM.questionNumber, DCT.creator, HM.authorGroup, HM.ministryQuestioned,
    HM.ministryAttributed, HM.rubrique, HM.analysis, HM.hasAnswer, HM.depositDate, HM.status, HM.hasQuestionText,
    HM.teteAnalyse, ORG.member, ORG.organization, HM.organType, SKOS.prefLabel, FOAF.name,
    RDFS.label, HM.abbreviation, HM.shortLabel, HM.constituency, HM.cites, HM.court, HM.parties, DCT.date, HM.ecli,
    HM.decisionNumber, HM.seat, SKOS.notation, HM.textType, HM.textNumber, HM.legalCode, HM.article, HM.eli,
    HM.celex)]
#: where documents start: a question at its kind code, the others at their type
STARTS = [(HM.kindCode.value, None), *((RDF.type.value, cls.value) for cls in (
    FOAF.Person, HM.PoliticalGroup, HM.Ministry, HM.UnresolvedMinistry, SKOS.Concept, HM.CourtDecision,
    HM.LegalText))]
_TRAILING_NUMBER = re.compile(r"(\d+)$")


@dataclass
class Document:
    iri: str
    graph: str
    type: str
    label: str
    title: str
    names: str = ""
    body: str = ""
    date: str | None = None
    kind: str | None = None
    number: int | None = None
    status: str | None = None
    uid: str | None = None
    detail: str | None = None
    facets: set[tuple[str, str]] = field(default_factory=set)
    filter_names: set[tuple[str, str]] = field(default_factory=set)
    refs: set[str] = field(default_factory=set)
    #: the keys of the body when the reader analysed its texts already (a full build's workers do)
    body_keys: str | None = None


def french_date(day: str | None) -> str | None:
    """An ISO date as French writes it in a title (the day 1 as "1er")."""
    if not day:
        return day
    try:
        year, month, number = (int(part) for part in day[:10].split("-"))
        return f"{'1er' if number == 1 else number} {MONTHS[month - 1]} {year}"
    except (ValueError, IndexError):
        return day


def folded_name(name: str) -> str:
    """A name as the filters compare it: folded (:func:`.analysis.fold`), spaces collapsed."""
    return " ".join(fold(name).split())


def _join(*parts: str | None, sep: str = " ") -> str:
    return sep.join(dict.fromkeys(p for p in parts if p))


def _ordered(nodes: list[str]) -> list[str]:
    """Parts of a question in their order (``…#question-2`` before ``…#question-10``)."""
    if len(nodes) < 2:
        return nodes

    def order(node: str):
        found = _TRAILING_NUMBER.search(node)
        return (int(found.group(1)) if found else 0, node)
    return sorted(nodes, key=order)


class Builder:
    """Makes the documents from a reader of facts (:class:`.facts.AllFacts` or :class:`.facts.GraphFacts`)."""

    def __init__(self, facts):
        self.facts = facts

    def label(self, iri: str | None) -> str | None:
        if not iri:
            return None
        for predicate in LABELS:
            found = self.facts.value(iri, predicate)
            if found:
                return found
        return None

    def documents(self) -> Iterator[Document]:
        """Every document the facts start from, each IRI once."""
        seen: set[str] = set()
        for made in (self.questions(), self.deputies(), self.organs(), self.rubriques(), self.decisions(),
                     self.laws()):
            for document in made:
                if document.iri not in seen:
                    seen.add(document.iri)
                    yield document

    # --- questions --------------------------------------------------------------------------------------

    def questions(self) -> Iterator[Document]:
        facts, text = self.facts, HM.text.value
        for graph, question, kind in facts.starts(HM.kindCode.value):
            value = lambda predicate: facts.value(question, predicate.value)  # noqa: E731
            number, legislature = value(HM.questionNumber), value(HM.legislature)
            author, group = value(DCT.creator), value(HM.authorGroup)
            questioned, attributed = value(HM.ministryQuestioned), value(HM.ministryAttributed)
            rubrique, tete = value(HM.rubrique), value(HM.teteAnalyse)
            analyses = sorted(facts.values(question, HM.analysis.value), key=lambda a: self.label(a) or a)
            subjects = [self.label(a) for a in analyses] + [self.label(tete), self.label(rubrique)]
            parts = [(node, t) for link in (HM.hasQuestionText, HM.hasAnswer)
                     for node in _ordered(facts.values(question, link.value)) for t in facts.values(node, text)]
            texts = [t for _, t in parts]
            keys = [facts.keys_of(node, t) for node, t in parts]
            author_name, group_abbr = self.label(author), facts.value(group, HM.abbreviation.value) if group else None
            ministry = attributed or questioned
            document = Document(
                question, graph, "question",
                label=next((s for s in subjects if s), None) or f"Question n° {number}",
                title=_join(*reversed(subjects), sep=" · "),
                names=_join(value(DCT.identifier), number, kind, author_name, self.label(group), group_abbr,
                            *self._ministry_names(questioned), *self._ministry_names(attributed), sep=" · "),
                body="\n\n".join(texts), body_keys=" ".join(keys) if None not in keys else None,
                date=value(HM.depositDate), kind=kind,
                number=int(number) if number and number.isdigit() else None,
                status=STATUSES.get(value(HM.status)), uid=value(DCT.identifier),
                detail=_join(author_name and (f"{author_name} ({group_abbr})" if group_abbr else author_name),
                             self.label(ministry), sep=" · ") or None)
            if legislature:
                document.facets.add(("legislature", legislature))
            document.facets.update({("group", group)} if group else set())
            document.facets.update(("ministry", m) for m in (questioned, attributed) if m)
            document.facets.update({("rubrique", rubrique)} if rubrique else set())
            document.refs.update(r for r in (author, group, questioned, attributed, rubrique, tete, *analyses) if r)
            yield document
        facts.forget(text)

    def _ministry_names(self, ministry: str | None) -> list[str | None]:
        if not ministry:
            return []
        return [self.label(ministry), self.facts.value(ministry, HM.shortLabel.value)]

    # --- deputies -------------------------------------------------------------------------------------------

    def deputies(self) -> Iterator[Document]:
        facts = self.facts
        for graph, person, _ in facts.starts(RDF.type.value, FOAF.Person.value):
            name = self.label(person)
            if not name:
                continue
            uid = facts.value(person, DCT.identifier.value)
            document = Document(person, graph, "deputy", label=name, title=name, uid=uid)
            names, seats, groups = [uid], [], []
            for mandate in facts.pointing(ORG.member.value, person):
                document.refs.add(mandate)
                legislature = facts.value(mandate, HM.legislature.value)
                kind = facts.value(mandate, HM.organType.value)
                if legislature:
                    document.facets.add(("legislature", legislature))
                for organ in facts.values(mandate, ORG.organization.value):
                    document.refs.add(organ)
                    if kind == "GP":
                        document.facets.add(("group", organ))
                        groups.append((legislature or "", facts.value(organ, HM.abbreviation.value)))
                        names += [self.label(organ), groups[-1][1]]
                constituency = facts.value(mandate, HM.constituency.value)
                if constituency:
                    document.refs.add(constituency)
                    seats.append((legislature or "", self.label(constituency)))
                    names.append(seats[-1][1])
            document.names = _join(*names, sep=" · ")
            document.detail = _join(max(seats)[1] if seats else None, max(groups)[1] if groups else None,
                                    sep=" · ") or None
            document.filter_names.update(("deputy", folded_name(n)) for n in (name, uid) if n)
            yield document

    # --- groups and ministries ------------------------------------------------------------------------------

    def organs(self) -> Iterator[Document]:
        facts = self.facts
        for kind, classes in (("group", (HM.PoliticalGroup,)), ("ministry", (HM.Ministry, HM.UnresolvedMinistry))):
            for cls in classes:
                for graph, organ, _ in facts.starts(RDF.type.value, cls.value):
                    label = self.label(organ)
                    short = facts.value(organ, HM.shortLabel.value)
                    abbreviation = facts.value(organ, HM.abbreviation.value)
                    uid = facts.value(organ, DCT.identifier.value)
                    legislature = facts.value(organ, HM.legislature.value)
                    shown = label or short or abbreviation or uid or organ
                    document = Document(
                        organ, graph, kind, label=shown, title=_join(shown, short, sep=" · "),
                        names=_join(abbreviation, uid, sep=" · "), uid=uid,
                        detail=_join(abbreviation if kind == "group" else short,
                                     f"{legislature}e législature" if legislature else None, sep=" · ") or None)
                    if legislature:
                        document.facets.add(("legislature", legislature))
                    document.filter_names.update((kind, folded_name(n)) for n in (label, short, abbreviation, uid)
                                                 if n)
                    yield document

    # --- rubriques ------------------------------------------------------------------------------------------

    def rubriques(self) -> Iterator[Document]:
        facts = self.facts
        for graph, concept, _ in facts.starts(RDF.type.value, SKOS.Concept.value):
            if not facts.pointing(HM.rubrique.value, concept):
                continue
            label = self.label(concept) or concept
            document = Document(concept, graph, "rubrique", label=label, title=label)
            document.filter_names.add(("rubrique", folded_name(label)))
            yield document

    # --- court decisions and texts of law ---------------------------------------------------------------------

    def decisions(self) -> Iterator[Document]:
        facts = self.facts
        for graph, decision, _ in facts.starts(RDF.type.value, HM.CourtDecision.value):
            value = lambda predicate: facts.value(decision, predicate.value)  # noqa: E731
            court, day, ecli = value(HM.court), value(DCT.date), value(HM.ecli)
            numbers = facts.values(decision, HM.decisionNumber.value)
            court_name = self.label(court) or (facts.value(court, SKOS.notation.value) if court else None)
            label = _join(court_name, value(HM.seat), french_date(day),
                          "n° " + ", ".join(numbers) if numbers else None, sep=", ") or decision
            parties = [p for occurrence in facts.pointing(HM.cites.value, decision)
                       for p in facts.values(occurrence, HM.parties.value)]
            document = Document(
                decision, graph, "decision", label=label, title=label,
                names=_join(ecli, court and facts.value(court, SKOS.notation.value), *numbers, *parties, sep=" · "),
                date=day, detail=ecli)
            document.refs.update(r for r in (court,) if r)
            yield document

    def laws(self) -> Iterator[Document]:
        facts = self.facts
        for graph, law, _ in facts.starts(RDF.type.value, HM.LegalText.value):
            value = lambda predicate: facts.value(law, predicate.value)  # noqa: E731
            text_type, number, day = value(HM.textType), value(HM.textNumber), value(DCT.date)
            code, article = value(HM.legalCode), value(HM.article)
            named = TEXT_TYPES.get(text_type or "", text_type or "")
            if code:
                label = _join(f"Article {article}" if article else None, code, sep=" du ")
            else:
                label = _join(f"Article {article} de la" if article and text_type == "constitution" else
                              (f"Article {article} :" if article else None), named,
                              f"n° {number}" if number else None, f"du {french_date(day)}" if day else None)
            eli = value(HM.eli)
            yield Document(law, graph, "law", label=label or law, title=label or law,
                           names=_join(eli, value(HM.celex), code, article, number, named, sep=" · "),
                           date=day, detail=eli)
