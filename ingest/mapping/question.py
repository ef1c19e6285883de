"""A :class:`~hemicycle.ingest.records.model.Question` as quads, following ``ontology/MAPPING.md``."""
from __future__ import annotations

from pyoxigraph import Literal, NamedNode

from hemicycle.ontology.iris import Minter
from hemicycle.ontology.terms import DCT, HM, ORG, SKOS
from hemicycle.ingest.mapping.citations import CitationMapper
from hemicycle.ingest.mapping.amo import constituency_node, organ_identity, person_names
from hemicycle.ingest.mapping.ministries import MinistryResolver
from hemicycle.ingest.mapping.rdf import RecordGraph, french, integer, string, uri, xsd_date
from hemicycle.ingest.records.model import DATED_BY_CLOSURE, JournalRef, MinistryRef, Question

RDF_HTML = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#HTML")
QUESTION_CLASSES = {"QE": HM.WrittenQuestion, "QG": HM.GovernmentQuestion, "QOSD": HM.OralQuestion}


def closure_status(code: str | None, label: str | None) -> NamedNode | None:
    """The status a closure gives (answered, withdrawn, lapsed), or ``None`` for a code not known.

    >>> closure_status("REP_PUB", "Réponse publiée") == HM.Answered
    True
    >>> closure_status("XYZ", "Retirée") == HM.Withdrawn, closure_status("XYZ", "Fin de mandat") == HM.Lapsed
    (True, True)
    >>> closure_status("XYZ", "Question caduque") == HM.Lapsed
    True
    >>> closure_status("XYZ", "Inconnu") is None
    True
    """
    text = (label or "").casefold()
    if code == "REP_PUB" or "réponse" in text or "reponse" in text:
        return HM.Answered
    if "retir" in text or (code or "").upper().startswith("RET"):
        return HM.Withdrawn
    if any(word in text for word in ("caduc", "caduque", "fin de mandat", "fin de législature", "fin de legislature",
                                     "décès", "deces", "démission", "demission")):
        return HM.Lapsed
    return None


def concept_label(label: str) -> str:
    """The one label a shared concept gets, whatever the casing a source used for it.

    >>> concept_label("CRISE ÉNERGÉTIQUE"), concept_label("Crise énergétique"), concept_label("étrangers")
    ('Crise énergétique', 'Crise énergétique', 'étrangers')
    """
    label = " ".join(label.replace("’", "'").split())
    if label.isupper():
        label = label.lower()
        return label[:1].upper() + label[1:]
    return label


class QuestionMapper:
    def __init__(self, iris: Minter, ministries: MinistryResolver):
        self.iris = iris
        self.ministries = ministries
        self.citations = CitationMapper(iris)

    def map(self, question: Question, graph: RecordGraph) -> None:
        iris, add = self.iris, graph.add
        q = iris.question(question.uid)
        graph.type(q, QUESTION_CLASSES[question.kind])
        add(q, DCT.identifier, string(question.uid))
        add(q, HM.kindCode, string(question.kind))
        add(q, HM.questionNumber, integer(question.number))
        add(q, HM.legislature, integer(question.legislature))
        add(q, HM.regime, string(question.regime))
        self._indexing(question, q, graph)
        self._author(question, q, graph)

        # One date for the question: the deposit, or a fallback that hm:depositDateBasis names.
        deposit, basis = question.dating
        if question.ministry_questioned:
            add(q, HM.ministryQuestioned,
                self._ministry(question.ministry_questioned, deposit, question.legislature, graph))
        self._attributions(question, q, graph)
        for kind, cls, texts in (("question", HM.QuestionText, question.question_texts),
                                 ("answer", HM.Answer, question.answers)):
            link = HM.hasQuestionText if kind == "question" else HM.hasAnswer
            for text in texts:
                node = iris.part(q, f"{kind}-{text.order}")
                add(q, link, node)
                graph.type(node, cls)
                add(node, HM.order, integer(text.order))
                add(node, HM.text, french(text.text))
                for table in text.tables:
                    add(node, HM.table, Literal(table, datatype=RDF_HTML))
                self._journal(node, text.journal, graph)
                self.citations.map(node, text.text, graph)
        self._events(question, q, graph)

        answered = question.answer_date
        add(q, HM.depositDate, xsd_date(deposit))
        add(q, HM.depositDateBasis, string(basis))
        add(q, HM.answerDate, xsd_date(answered))
        # A delay runs from when the question was asked: the closure date says nothing of that.
        if deposit and answered and answered >= deposit and basis != DATED_BY_CLOSURE:
            add(q, HM.answerDelayDays, integer((answered - deposit).days))
        add(q, HM.status, self._status(question))

    def _indexing(self, question: Question, q: NamedNode, graph: RecordGraph) -> None:
        for prop, scheme, labels in (
            (HM.rubrique, "rubrique", [question.rubrique]),
            (HM.teteAnalyse, "tete-analyse", [question.tete_analyse]),
            (HM.analysis, "analyse", list(question.analyses)),
        ):
            for label in labels:
                if not label:
                    continue
                # Each concept is described in its own graph, so that spelling variants across
                # questions ("Recours au 49-3", "Recours au 49.3") leave it one label: the last one read.
                concept = self.iris.concept(scheme, label)
                graph.add(q, prop, concept)
                about = graph.about(concept)
                about.type(concept, SKOS.Concept)
                about.add(concept, SKOS.prefLabel, french(concept_label(label)))
                about.add(concept, SKOS.inScheme, self.iris.scheme(scheme))

    def _author(self, question: Question, q: NamedNode, graph: RecordGraph) -> None:
        author = question.author
        if author is None:
            return
        iris, add = self.iris, graph.add
        person = iris.person(author.person_uid) if author.person_uid else None
        add(q, DCT.creator, person)
        # Only the legacy XML describes the author, the constituency and the group inside the question
        # (elsewhere they are the AMO records' facts, which the question only refers to).
        describes = bool(author.last_name)
        if person is not None and describes:
            # Only the legacy XML names the author inside the question: keep what it says.
            add(person, DCT.identifier, string(author.person_uid))
            person_names(iris, person, graph, author.civility, author.first_name, author.last_name)
        if author.mandate_uid:
            mandate = iris.mandate(author.mandate_uid)
            add(q, HM.askedUnder, mandate)
            constituency = constituency_node(iris, author.constituency, graph) if describes else None
            if person is not None and constituency is not None:
                graph.type(mandate, ORG.Membership, HM.Mandate)
                add(mandate, DCT.identifier, string(author.mandate_uid))
                add(mandate, ORG.member, person)
                add(mandate, HM.organType, string("ASSEMBLEE"))
                add(mandate, HM.legislature, integer(question.legislature))
                add(mandate, HM.constituency, constituency)
        if author.group_uid:
            group = iris.organ(author.group_uid)
            add(q, HM.authorGroup, group)
            if describes and author.group_label:
                # The legacy sigle ("LES-REP") is not the AMO's short label ("LR"): only the name is kept.
                organ_identity(iris, group, author.group_uid, "GP", graph)
                add(group, SKOS.prefLabel, french(author.group_label))

    def _ministry(self, ref: MinistryRef, day, legislature: int, graph: RecordGraph) -> NamedNode | None:
        """The ministry node: its organ when the source or the resolver names one, else an unresolved node."""
        if ref.organ_uid:
            return self.iris.organ(ref.organ_uid)
        label = ref.label or ref.short_label
        if not label:  # an attribution that names no ministry: nothing to resolve
            return None
        resolution = self.ministries.match(ref.label, ref.short_label, day)
        self.ministries.count(legislature, resolution.cause)
        if resolution.uid:
            return self.iris.organ(resolution.uid)
        node = self.iris.unresolved_ministry(label)
        about = graph.about(node)
        about.type(node, HM.UnresolvedMinistry)
        about.add(node, SKOS.prefLabel, french(label))
        about.add(node, HM.shortLabel, string(ref.short_label))
        return node

    def _attributions(self, question: Question, q: NamedNode, graph: RecordGraph) -> None:
        add, previous, deposit = graph.add, None, question.deposit_date
        for attribution in question.attributions:
            journal = attribution.journal
            day = journal.date if journal and journal.date else deposit
            ministry = self._ministry(attribution.ministry, day, question.legislature, graph)
            node = self.iris.part(q, f"attribution-{attribution.order}")
            add(q, HM.hasAttribution, node)
            graph.type(node, HM.Attribution)
            add(node, HM.order, integer(attribution.order))
            add(node, HM.ministry, ministry)
            add(node, HM.attributionDate, xsd_date(journal.date if journal else None))
            add(node, HM.ministryLabel, french(attribution.ministry.label))
            add(node, HM.ministryShortLabel, french(attribution.ministry.short_label))
            self._journal(node, journal, graph)
            if previous is not None and ministry is not None:
                transfer = self.iris.part(q, f"transfer-{attribution.order}")
                add(q, HM.hasTransfer, transfer)
                graph.type(transfer, HM.Transfer)
                add(transfer, HM.order, integer(attribution.order))
                add(transfer, HM.fromMinistry, previous)
                add(transfer, HM.toMinistry, ministry)
                add(transfer, HM.transferDate, xsd_date(journal.date if journal else None))
            previous = ministry if ministry is not None else previous
        if previous is not None:
            add(q, HM.ministryAttributed, previous)

    def _events(self, question: Question, q: NamedNode, graph: RecordGraph) -> None:
        add, iris = graph.add, self.iris
        closure = question.closure
        if closure is not None and (closure.code or closure.label):
            node = iris.part(q, "closure")
            add(q, HM.hasClosure, node)
            graph.type(node, HM.Closure)
            concept = iris.closure_status(closure.code or closure.label)
            add(node, HM.closureStatus, concept)
            about = graph.about(concept)
            about.type(concept, SKOS.Concept)
            about.add(concept, SKOS.notation, string(closure.code))
            about.add(concept, SKOS.prefLabel, french(closure.label))
            about.add(concept, SKOS.inScheme, iris.scheme("cloture"))
            add(node, HM.closureDate, xsd_date(closure.date))
            self._journal(node, closure.journal, graph)
        for kind, cls, link, date_prop, events in (
            ("signalement", HM.Signalement, HM.hasSignalement, HM.signalementDate, question.signalements),
            ("renewal", HM.Renewal, HM.hasRenewal, HM.renewalDate, question.renewals),
        ):
            for event in events:
                node = iris.part(q, f"{kind}-{event.order}")
                add(q, link, node)
                graph.type(node, cls)
                add(node, HM.order, integer(event.order))
                add(node, date_prop, xsd_date(event.date))
                self._journal(node, event.journal, graph)

    @staticmethod
    def _status(question: Question) -> NamedNode | None:
        closure = question.closure
        if closure is None or not (closure.code or closure.label):
            return HM.Answered if question.answers else HM.Pending
        return closure_status(closure.code, closure.label)

    @staticmethod
    def _journal(node: NamedNode, journal: JournalRef | None, graph: RecordGraph) -> None:
        if journal is None:
            return
        add = graph.add
        add(node, HM.journalType, string(journal.journal_type))
        add(node, HM.journalDate, xsd_date(journal.date))
        add(node, HM.journalPage, integer(journal.page))
        add(node, HM.journalIssue, string(journal.issue))
        add(node, HM.legifranceUrl, uri(journal.legifrance_url))
        add(node, HM.norReference, string(journal.nor))
