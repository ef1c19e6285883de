"""Links from the store's deputies to Wikidata: each person to its item, each constituency to its item, and the
HATVP's and NosDéputés' pages of the person.

Wikidata holds the Assemblée's identifier of a deputy (P4123, the digits of the ``PA…`` uid), the HATVP's
(P4703) and NosDéputés' (P7040) identifiers, and on each term as deputy (a P39 statement) the constituency
(qualifier P768) and the term's start (P580). A SPARQL answer in that shape, live (:mod:`.endpoint`) or saved
(``--from-results``), becomes :class:`Row` objects; :func:`plan` matches them with the store's persons and
their mandates, and :func:`write` puts the links in a graph of their own, with the run that made them.

Nothing is guessed: a person matched by two items, or an item by two persons, is reported and not linked; a
constituency is linked only through a term whose start is that of one of the person's mandates in it (or,
with no start, when the person sat for one constituency only), and not when two items claim it.

>>> rows = read_results(b'''{"head": {"vars": ["item", "id_an"]}, "results": {"bindings": [
...     {"item": {"type": "uri", "value": "http://www.wikidata.org/entity/Q30385935"},
...      "id_an": {"type": "literal", "value": "720422"}}]}}''', "example.json")
>>> rows[0].item, rows[0].uid
('http://www.wikidata.org/entity/Q30385935', 'PA720422')
"""
from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from importlib.resources import files

from pyoxigraph import NamedNode

from hemicycle.ingest.mapping.rdf import RecordGraph, string, xsd_datetime
from hemicycle.ingest.pipeline import software_version
from hemicycle.ingest.store import GraphStore
from hemicycle.ontology.errors import SourceError
from hemicycle.ontology.iris import Minter
from hemicycle.ontology.terms import HM, OWL, PROV, RDFS, SD

ENTITY = "http://www.wikidata.org/entity/"
#: the pages of the identifiers, by Wikidata's formatter URLs of P4703 and P7040
HATVP_PAGE = "https://www.hatvp.fr/pages_nominatives/{}"
NOSDEPUTES_PAGE = "https://www.nosdeputes.fr/{}"
#: the variables an answer must have, and those it may have (the names of the saved query's answer)
NEEDED = ("item", "id_an")
#: how far a Wikidata term's start may be from the mandate's, in days (a term starts on the election's or the
#: proclamation's date)
START_SLACK_DAYS = 10


@dataclass(frozen=True)
class Row:
    """One solution of the answer: an item, the Assemblée's identifier it carries, and what else it says."""
    item: str
    uid: str
    label: str | None = None
    nosdeputes: str | None = None
    hatvp: str | None = None
    birth_date: str | None = None
    district: str | None = None
    district_label: str | None = None
    start: str | None = None


@dataclass
class Plan:
    """What to link, and what was not linked and why."""
    persons: dict[str, str] = field(default_factory=dict)          # person IRI → item IRI
    constituencies: dict[str, str] = field(default_factory=dict)   # constituency IRI → item IRI
    pages: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # person IRI → pages
    not_in_store: set[str] = field(default_factory=set)            # uids Wikidata has, the store does not
    conflicts: list[str] = field(default_factory=list)             # why something was not linked

    def links(self) -> set[tuple[str, str, str]]:
        out = {(p, OWL.sameAs.value, i) for p, i in self.persons.items()}
        out |= {(c, OWL.sameAs.value, i) for c, i in self.constituencies.items()}
        out |= {(p, RDFS.seeAlso.value, page) for p, pages in self.pages.items() for page in pages}
        return out


def query_text() -> str:
    """The query sent to an endpoint, with ``{values}`` where the batch's ``VALUES`` goes."""
    return files("hemicycle.ingest").joinpath("sparql/wikidata-deputies.rq").read_text(encoding="utf-8")


def _value(binding: dict, name: str) -> str | None:
    term = binding.get(name)
    value = term.get("value") if isinstance(term, dict) else None
    return value or None


def read_results(data: bytes, where: str) -> list[Row]:
    """The rows of a SPARQL 1.1 JSON answer; a clear :class:`SourceError` naming ``where`` when it is not one."""
    try:
        answer = json.loads(data)
        names = answer["head"]["vars"]
        bindings = answer["results"]["bindings"]
    except (ValueError, KeyError, TypeError) as error:
        raise SourceError(f"{where}: not a SPARQL JSON results document ({error})") from None
    missing = [name for name in NEEDED if name not in names]
    if missing:
        raise SourceError(f"{where}: the answer has no {', '.join('?' + m for m in missing)} "
                          f"(it has {', '.join('?' + n for n in names)})")
    rows = []
    for n, b in enumerate(bindings, 1):
        item, digits = _value(b, "item"), _value(b, "id_an")
        if not item or not digits:
            continue                                       # an item without the Assemblée's identifier
        if not item.startswith(ENTITY) or not digits.isdigit():
            raise SourceError(f"{where}: solution {n}: {item!r} is not a Wikidata item or {digits!r} not an "
                              "Assemblée identifier")
        start = _value(b, "debutMandat")
        rows.append(Row(item=item, uid=f"PA{digits}", label=_value(b, "itemLabel"),
                        nosdeputes=_value(b, "id_nosdeputes"), hatvp=_value(b, "id_hatvp"),
                        birth_date=(_value(b, "dateNaissance") or "")[:10] or None, district=_value(b, "district"),
                        district_label=_value(b, "districtLabel"), start=start[:10] if start else None))
    return rows


def store_persons(store: GraphStore, legislature: int | None) -> dict[str, dict]:
    """The store's deputies (persons with a mandate at the Assemblée, of ``legislature`` when given), by uid:
    their IRI and their mandates' constituencies and starts."""
    text = files("hemicycle.ingest").joinpath("sparql/link-persons.rq").read_text(encoding="utf-8")
    persons: dict[str, dict] = {}
    for row in store.query(text):
        if legislature is not None and (row["legislature"] is None or int(row["legislature"].value) != legislature):
            continue
        person = persons.setdefault(row["uid"].value, {"iri": row["person"].value, "mandates": set()})
        if row["constituency"] is not None:
            start = row["start"].value if row["start"] is not None else None
            person["mandates"].add((row["constituency"].value, start))
    return persons


def _near(a: str, b: str) -> bool:
    return abs((date.fromisoformat(a[:10]) - date.fromisoformat(b[:10])).days) <= START_SLACK_DAYS


def plan(rows: list[Row], persons: dict[str, dict]) -> Plan:
    """Match the answer's rows with the store's persons: links, and what is not linked and why."""
    out = Plan()
    items_of, uids_of, rows_of = defaultdict(set), defaultdict(set), defaultdict(list)
    for r in rows:
        items_of[r.uid].add(r.item)
        uids_of[r.item].add(r.uid)
        rows_of[r.uid].append(r)
    claims = defaultdict(set)                                 # constituency IRI → items claiming it
    for uid in sorted(items_of):
        if uid not in persons:
            out.not_in_store.add(uid)
            continue
        items = items_of[uid]
        if len(items) > 1:
            out.conflicts.append(f"{uid} is carried by {len(items)} items ({', '.join(sorted(items))}): not linked")
            continue
        (item,) = items
        if len(uids_of[item]) > 1:
            out.conflicts.append(f"{item} carries {len(uids_of[item])} identifiers "
                                 f"({', '.join(sorted(uids_of[item]))}): not linked")
            continue
        person = persons[uid]
        out.persons[person["iri"]] = item
        for r in rows_of[uid]:
            if r.hatvp:
                out.pages[person["iri"]].add(HATVP_PAGE.format(r.hatvp))
            if r.nosdeputes:
                out.pages[person["iri"]].add(NOSDEPUTES_PAGE.format(r.nosdeputes))
            if r.district:
                for constituency in _constituencies(r, person["mandates"]):
                    claims[constituency].add(r.district)
    for constituency, items in sorted(claims.items()):
        if len(items) == 1:
            out.constituencies[constituency] = next(iter(items))
        else:
            out.conflicts.append(f"{constituency} is claimed by {len(items)} items ({', '.join(sorted(items))}): "
                                 "not linked")
    return out


def _constituencies(row: Row, mandates: set[tuple[str, str | None]]) -> set[str]:
    """The constituencies of the person's mandates that this term is: same start, or the only one."""
    if row.start:
        return {c for c, start in mandates if start and _near(start, row.start)}
    seats = {c for c, _ in mandates}
    return seats if len(seats) == 1 else set()


def links_graph(iris: Minter) -> NamedNode:
    return iris.link_graph("wikidata")


def current_links(store: GraphStore, graph: NamedNode) -> set[tuple[str, str, str]]:
    """The links the store's Wikidata graph holds now."""
    solutions = store.store.query(
        f"SELECT ?s ?p ?o WHERE {{ GRAPH {graph} {{ ?s ?p ?o FILTER(?p IN ({OWL.sameAs}, {RDFS.seeAlso})) }} }}")
    return {(r["s"].value, r["p"].value, r["o"].value) for r in solutions}


def write(store: GraphStore, iris: Minter, the_plan: Plan, *, origin: str, query: str | None,
          sha256: str | None = None, started: datetime | None = None) -> bool:
    """Put the plan's links in the Wikidata graph, replacing what it held, with the run that made them; nothing
    is written when the links are those the graph holds already (False)."""
    graph_name = links_graph(iris)
    links = the_plan.links()
    if links == current_links(store, graph_name):
        return False
    started = started or datetime.now(timezone.utc)
    run_id = "link-wikidata-" + started.strftime("%Y%m%dT%H%M%S%fZ")
    run = iris.run(run_id)
    graph = RecordGraph(graph_name)
    for s, p, o in sorted(links):
        graph.add(NamedNode(s), NamedNode(p), NamedNode(o))
    graph.add(graph_name, PROV.wasGeneratedBy, run)
    about = RecordGraph(iris.run_graph(run_id))
    about.type(run, PROV.Activity, HM.LinkRun)
    about.add(run, PROV.startedAtTime, xsd_datetime(started))
    about.add(run, PROV.endedAtTime, xsd_datetime(datetime.now(timezone.utc)))
    software = iris.software(software_version())
    about.add(run, PROV.wasAssociatedWith, software)
    if sha256 is None:                                        # a live endpoint
        endpoint = NamedNode(origin)
        about.add(run, PROV.used, endpoint)
        about.type(endpoint, SD.Service)
        about.add(endpoint, SD.endpoint, endpoint)
    else:                                                     # a saved answer
        source = iris.source(sha256)
        about.add(run, PROV.used, source)
        about.type(source, PROV.Entity, HM.SourceFile)
        about.add(source, HM.path, string(origin))
        about.add(source, HM.sha256, string(sha256))
    about.add(run, HM.sparqlQuery, string(query))
    store.replace_record(graph_name, graph.nquads())
    store.add_nquads(about.nquads())
    return True


@dataclass
class LinkReport:
    """What a run of ``hemicycle link wikidata`` did."""
    rows: int = 0
    persons_in_store: int = 0
    plan: Plan | None = None
    written: bool = False
    retries: int = 0

    def summary(self) -> str:
        p = self.plan or Plan()
        pages = sum(len(v) for v in p.pages.values())
        head = (f"{self.rows} rows read; {len(p.persons)} of the store's {self.persons_in_store} deputies linked to "
                f"their Wikidata item, {len(p.constituencies)} constituencies, {pages} HATVP and NosDéputés pages")
        tail = [f"{len(p.not_in_store)} identifiers Wikidata gives are not deputies of the store"] if p.not_in_store \
            else []
        tail += [f"not linked: {c}" for c in p.conflicts]
        tail.append("written" if self.written else "unchanged: the store already holds these links")
        return "\n".join([head, *tail])


def link_wikidata(store: GraphStore, iris: Minter, *, endpoint=None, results: tuple[str, bytes] | None = None,
                  legislature: int | None = None, batch: int = 200, progress=None,
                  persons: dict[str, dict] | None = None) -> LinkReport:
    """Link the store's deputies (``persons``, as :func:`store_persons` gives them, read here when not given):
    from a live ``endpoint`` (:class:`.endpoint.SparqlEndpoint`), queried in batches of ``batch`` identifiers, or
    from a saved answer ``results`` (its path and bytes). ``progress(n)`` is told of each batch's identifiers.
    Nothing is written when a batch fails."""
    report = LinkReport()
    persons = store_persons(store, legislature) if persons is None else persons
    report.persons_in_store = len(persons)
    started = datetime.now(timezone.utc)
    query = query_text()
    rows: list[Row] = []
    if results is not None:
        where, data = results
        rows = read_results(data, where)
        origin, sha, sent = where, hashlib.sha256(data).hexdigest(), None
    else:
        digits = sorted(uid[2:] for uid in persons)
        for i in range(0, len(digits), batch):
            chunk = digits[i:i + batch]
            values = " ".join(f'"{d}"' for d in chunk)
            rows += read_results(endpoint.select(query.replace("{values}", values)), endpoint.url)
            if progress:
                progress(len(chunk))
        origin, sha, sent = endpoint.url, None, query
        report.retries = endpoint.retries
    report.rows = len(rows)
    report.plan = plan(rows, persons)
    report.written = write(store, iris, report.plan, origin=origin, query=sent, sha256=sha, started=started)
    return report
