"""What each resource page shows, gathered by the page queries (``queries/sparql/pages/*.rq``) through the runner.

Each public function takes the query runner and the resource's IRI and returns the template's context. The
functions block (the runner does): the pages call them from a worker thread.

>>> segments("Vu CE, 5 mai 2026, n° 502860.", [{"start": "3", "end": "28", "exact": "CE, 5 mai 2026, n° 502860",
...                                               "cited": "https://example.org/d"}])
[('Vu ', None), ('CE, 5 mai 2026, n° 502860', 'https://example.org/d'), ('.', None)]
"""
from __future__ import annotations

from datetime import date

from pyoxigraph import BlankNode, Literal, NamedNode

from hemicycle.ingest.records.tables import sanitized
from hemicycle.ingest.records.values import clean_text
from hemicycle.ontology.terms import DCT, FOAF, HM, RDFS, SKOS
from hemicycle.queries import catalog
from hemicycle.queries.web import i18n
from hemicycle.queries.web.i18n import N_


DCT_CREATOR = DCT.creator.value
LABEL_PROPERTIES = (SKOS.prefLabel.value, FOAF.name.value, RDFS.label.value, DCT.identifier.value)
STATUS = {HM.Answered.value: N_("answered"), HM.Pending.value: N_("pending"), HM.Withdrawn.value: N_("withdrawn"),
          HM.Lapsed.value: N_("lapsed")}
KINDS = {"QE": N_("Written question"), "QG": N_("Question to the government"),
         "QOSD": N_("Oral question without debate")}
# words the templates translate from the data: a citation's part, a ministry's role, a missing status
WORDS = (N_("question"), N_("answer"), N_("questioned"), N_("attributed"), N_("no status"), N_("unknown"))
TEXT_TYPES = {"loi": "Loi", "ordonnance": "Ordonnance", "decret": "Décret", "arrete": "Arrêté",
              "circulaire": "Circulaire", "directive-ue": "Directive (UE)", "reglement-ue": "Règlement (UE)",
              "constitution": "Constitution", "tfue": "Traité sur le fonctionnement de l'Union européenne",
              "tue": "Traité sur l'Union européenne", "charte-ue": "Charte des droits fondamentaux de l'UE",
              "convention-edh": "Convention européenne des droits de l'homme"}
CONCEPT_LINKS = {HM.rubrique.value: N_("Questions under this rubrique"),
                 HM.teteAnalyse.value: N_("Questions under this tête d'analyse"),
                 HM.analysis.value: N_("Questions with this analysis")}
PUBLICATIONS = {"QuestionText": N_("Question"), "Answer": N_("Answer"), "Attribution": N_("Attribution"),
                "Signalement": N_("Signalement"), "Renewal": N_("Renewal"), "Closure": N_("Closure")}


def page_query(name: str) -> catalog.NamedQuery:
    """A page query (``queries/sparql/pages/{name}.rq``), parsed like a named query."""
    return catalog.read("pages", name)


def page_query_names() -> list[str]:
    """The names of the page queries."""
    folder = catalog.SPARQL / "pages"
    return sorted(e.name[:-3] for e in folder.iterdir() if e.name.endswith(".rq"))


def plain(term) -> str | None:
    """A result term as text: an IRI's or a literal's value, ``_:id`` for a blank node."""
    if term is None:
        return None
    if isinstance(term, BlankNode):
        return f"_:{term.value}"
    return term.value


class Row(dict):
    """A result row: an unbound variable reads as None."""

    def __missing__(self, key):
        return None


def rows(runner, name: str, **params: str) -> list[Row]:
    """The rows of a page query, values as text, parameters bound as typed terms."""
    query = page_query(name)
    return [Row((key, plain(value)) for key, value in row.items())
            for row in runner.select(query.text, query.substitutions(params))]


def named_rows(runner, name: str, **params: str) -> list[Row]:
    """The rows of a named query (``queries/sparql/{name}.rq``), values as text."""
    query = catalog.get(name)
    return [Row((key, plain(value)) for key, value in row.items())
            for row in runner.select(query.text, query.substitutions(params))]


def terms(runner, name: str, **params: str) -> list[Row]:
    """The rows of a page query as pyoxigraph terms (to tell IRIs from literals)."""
    query = page_query(name)
    return [Row(row) for row in runner.select(query.text, query.substitutions(params))]


def ordinal(n: str | int | None, lang: str = "en") -> str:
    """A number as an ordinal, in English or in French.

    >>> ordinal(17), ordinal(1), ordinal(2), ordinal(3), ordinal(11), ordinal(17, "fr"), ordinal(1, "fr")
    ('17th', '1st', '2nd', '3rd', '11th', '17e', '1re')
    """
    if n is None:
        return ""
    n = int(n)
    if lang == "fr":
        return f"{n}re" if n == 1 else f"{n}e"
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def status_label(iri: str | None) -> str | None:
    return STATUS.get(iri or "", None)


def linked(runner, prop: str, value: str | None, exclude: str | None = None) -> dict:
    """The questions whose ``prop`` is ``value`` (newest 100) and how many there are, leaving one out."""
    if not value:
        return {"rows": [], "total": 0}
    found = rows(runner, "questions-linked", property=prop, value=value)
    total = int(found[0]["total"]) if found else 0
    kept = sorted((r for r in found if r["question"] != exclude), key=lambda r: (r["date"] or "", r["question"]),
                  reverse=True)
    if len(kept) < len(found):
        total -= 1
    for row in kept:
        row["statusLabel"] = status_label(row["status"])
    return {"rows": kept, "total": total}


def segments(text: str, occurrences: list[dict]) -> list[tuple[str, str | None]]:
    """A text cut into pieces, each citation whose offsets hold its quoted span paired with what it cites."""
    pieces, at = [], 0
    for occ in sorted(occurrences, key=lambda o: int(o["start"] or 0)):
        if occ.get("start") is None or occ.get("end") is None:
            continue
        start, end = int(occ["start"]), int(occ["end"])
        if start < at or text[start:end] != occ["exact"]:
            continue
        if start > at:
            pieces.append((text[at:start], None))
        pieces.append((text[start:end], occ.get("cited") or ""))
        at = end
    if at < len(text):
        pieces.append((text[at:], None))
    return pieces


def blocks(text: str, occurrences: list[dict], tables: list[str]) -> list[dict]:
    """A text cut into what its page shows: runs of text (their segments, as :func:`segments` cuts them) and
    its tables, each where its flattened text stands (a table not found in the text comes after it).

    >>> table = "<table><tr><td>A</td><td>B</td></tr></table>"
    >>> [(b["kind"], b.get("table") or b["segments"]) for b in blocks("Voici : A B Fin.", [], [table])]
    [('text', [('Voici : ', None)]), ('table', '<table><tr><td>A</td><td>B</td></tr></table>'), ('text', [(' Fin.', None)])]
    """
    placed, at = [], 0
    for table in tables:
        flat = clean_text(table) or ""
        start = text.find(flat, at) if flat else -1
        placed.append((start, start + len(flat) if start >= 0 else -1, table))
        if start >= 0:
            at = start + len(flat)
    found = sorted((p for p in placed if p[0] >= 0), key=lambda p: p[0])
    cut, at = [], 0
    for start, end, table in found:
        if start > at:
            cut.append({"kind": "text", "segments": _shifted(text[at:start], at, occurrences)})
        cut.append({"kind": "table", "table": table})
        at = end
    if at < len(text) or not cut:
        cut.append({"kind": "text", "segments": _shifted(text[at:], at, occurrences)})
    cut += [{"kind": "table", "table": table} for start, _, table in placed if start < 0]
    return cut


def _shifted(piece: str, offset: int, occurrences: list[dict]) -> list[tuple[str, str | None]]:
    """The segments of a piece of a text, with the occurrences that lie wholly inside it."""
    inside = [{**o, "start": str(int(o["start"]) - offset), "end": str(int(o["end"]) - offset)}
              for o in occurrences if o.get("start") is not None and o.get("end") is not None
              and offset <= int(o["start"]) and int(o["end"]) <= offset + len(piece)]
    return segments(piece, inside)


# --- the pages ----------------------------------------------------------------------------------------------

def question(runner, iri: str, lang: str = i18n.DEFAULT) -> dict:
    core = next(iter(rows(runner, "question", question=iri)), Row())
    publications = rows(runner, "question-publications", question=iri)
    citations = rows(runner, "question-citations", question=iri)
    tables: dict[str, list[str]] = {}
    for row in rows(runner, "question-tables", question=iri):
        tables.setdefault(row["text"], []).append(sanitized(row["table"]))
    texts = []
    for pub in publications:
        pub["label"] = i18n.gettext(lang, PUBLICATIONS.get(pub["kind"], pub["kind"]))
        if pub["kind"] in ("QuestionText", "Answer") and pub["text"]:
            cited_here = [c for c in citations if c["text"] == pub["part"]]
            texts.append({**pub, "blocks": blocks(pub["text"], cited_here, tables.get(pub["part"], []))})
    # a ministry no ingested file describes has no organ label: the label its attribution wrote stands in
    written = {p["ministry"]: p["ministryLabel"] for p in publications if p["ministry"] and p["ministryLabel"]}
    for role in ("questioned", "attributed"):
        core[role + "Label"] = core[role + "Label"] or written.get(core[role])
    transfers = rows(runner, "question-transfers", question=iri)
    for transfer in transfers:
        for end in ("from", "to"):
            transfer[end + "Label"] = transfer[end + "Label"] or written.get(transfer[end])
    status = status_label(core.get("status"))
    delay = None
    if core.get("delay") is not None:
        days = int(core["delay"])
        delay = i18n.ngettext(lang, "answered in %(num)s day", "answered in %(num)s days", days) % {"num": days}
    elif status == "pending" and core.get("depositDate"):
        days = (date.today() - date.fromisoformat(core["depositDate"])).days
        delay = i18n.ngettext(lang, "pending for %(num)s day (on %(date)s)", "pending for %(num)s days (on %(date)s)",
                              days) % {"num": days, "date": i18n.format_date(date.today(), lang)}
    kind = i18n.gettext(lang, KINDS.get(core.get("kind"), core.get("kind") or "Question"))
    title = f"{kind} n° {core.get('number', '')}"
    if core.get("legislature"):
        title = i18n.gettext(lang, "%(kind)s n° %(number)s, %(legislature)s legislature") % {
            "kind": kind, "number": core.get("number", ""), "legislature": ordinal(core["legislature"], lang)}
    return {
        "title": title, "q": core, "status": status, "delay": delay, "kindLabel": kind,
        "analyses": rows(runner, "question-analyses", question=iri),
        "publications": publications, "texts": texts, "citations": citations,
        "transfers": transfers,
        "byAuthor": linked(runner, DCT_CREATOR, core.get("author"), exclude=iri),
        "byRubrique": linked(runner, HM.rubrique.value, core.get("rubrique"), exclude=iri),
    }


def person(runner, iri: str, lang: str = i18n.DEFAULT) -> dict:
    who = next(iter(rows(runner, "person", person=iri)), Row())
    mandates = rows(runner, "person-mandates", person=iri)
    return {
        "title": who.get("name") or who.get("uid") or iri, "p": who, "mandates": mandates,
        "groups": [m for m in mandates if m["organType"] == "GP"],
        "seats": [m for m in mandates if m["organType"] == "ASSEMBLEE"],
        "questions": linked(runner, DCT_CREATOR, iri),
        "ministries": rows(runner, "person-ministries", person=iri),
        "elsewhere": rows(runner, "links-out", resource=iri),
    }


def organ(runner, iri: str, lang: str = i18n.DEFAULT) -> dict:
    info = next(iter(rows(runner, "organ", organ=iri)), Row())
    members = sorted(rows(runner, "organ-members", organ=iri), key=lambda r: r["name"] or "")
    members.sort(key=lambda r: r["start"] or "", reverse=True)  # most recent first, then by name
    context = {"title": info.get("label") or info.get("uid") or iri, "o": info, "members": members,
               "outcomes": [], "questions": None, "questionsRole": None}
    context["memberTotal"] = int(context["members"][0]["total"]) if context["members"] else 0
    if info.get("isMinistry") or info.get("isUnresolved"):
        outcomes = rows(runner, "ministry-outcomes", ministry=iri)
        for row in outcomes:
            row["statusLabel"] = status_label(row["status"]) or N_("no status")
            if row["meanDelay"] is not None:
                row["meanDelay"] = f"{float(row['meanDelay']):.0f}"
        context["outcomes"] = outcomes
        context["questions"] = linked(runner, HM.ministryAttributed.value, iri)
        context["questionsRole"] = N_("Questions attributed to this ministry")
    elif info.get("isGroup"):
        context["questions"] = linked(runner, HM.authorGroup.value, iri)
        context["questionsRole"] = N_("Questions asked by its members as members of this group")
    return context


def cited(runner, iri: str, lang: str = i18n.DEFAULT) -> dict:
    info = next(iter(rows(runner, "cited", cited=iri)), Row())
    day = i18n.format_date(info.get("date"), lang) if info.get("date") else None
    if info.get("kind") == "decision":
        parts = [info.get("courtLabel") or info.get("courtCode"), info.get("seat"), day]
        if info.get("numbers"):
            parts.append("n° " + ", ".join(info["numbers"].split()))
        title = ", ".join(p for p in parts if p)
    elif info.get("article"):
        title = f"Article {info['article']}"
        if info.get("legalCode"):
            title = i18n.gettext(lang, "Article %(article)s of the %(code)s") % {
                "article": info["article"], "code": info["legalCode"]}
    else:
        title = TEXT_TYPES.get(info.get("textType"), info.get("textType") or "")
        title += f" n° {info['textNumber']}" if info.get("textNumber") else ""
        if day:
            title = i18n.gettext(lang, "%(text)s of %(date)s") % {"text": title, "date": day}
    citing = sorted(rows(runner, "cited-by", cited=iri),
                    key=lambda r: (r["date"] or "", r["uid"], r["part"] != "question"))
    return {"title": title or iri, "c": info, "pages": (info.get("pages") or "").split(), "citing": citing,
            "citingTotal": int(citing[0]["total"]) if citing else 0}


def resource(runner, iri: str, lang: str = i18n.DEFAULT) -> dict:
    props = terms(runner, "properties", resource=iri)
    inbound = terms(runner, "inbound", resource=iri)
    title = None
    for wanted in LABEL_PROPERTIES:
        title = next((r["value"].value for r in props if r["property"].value == wanted
                      and isinstance(r["value"], Literal)), None)
        if title:
            break
    # a concept questions are filed under (rubrique, tête d'analyse, analysis) lists them, newest first
    filed_by = sorted({r["property"].value for r in inbound} & set(CONCEPT_LINKS))
    return {
        "title": title or iri,
        "questions": [(CONCEPT_LINKS[prop], linked(runner, prop, iri)) for prop in filed_by],
        "properties": [{"property": r["property"].value, "value": plain(r["value"]),
                        "isIri": isinstance(r["value"], NamedNode), "label": plain(r["label"]),
                        "language": getattr(r["value"], "language", None)} for r in props],
        "inbound": sorted(({"subject": plain(r["subject"]), "property": r["property"].value,
                            "label": plain(r["label"])} for r in inbound),
                          key=lambda r: (r["property"], r["label"] or r["subject"])),
        "inboundTotal": int(inbound[0]["total"].value) if inbound else 0,
    }
