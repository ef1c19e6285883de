"""The ingest pipeline end to end: idempotence, updates, named graphs, provenance, IRIs, ministry resolution."""
from __future__ import annotations

import hashlib
import threading
from pathlib import Path

from pyoxigraph import NamedNode

from hemicycle.ingest.pipeline import Ingester, software_version
from hemicycle.ingest.store import GraphStore
from hemicycle.ontology.iris import Minter
from hemicycle.queries.cli import sample_path

from support import BASE, INTERIOR, P, count, ingest, ministry_record, question_record, write_json

def graph_names(store: GraphStore) -> list[str]:
    return [g.value for g in store.store.named_graphs()]


# ---- idempotence and updates ----

def test_reingest_changes_nothing(store):
    first = ingest(store, sample_path())
    assert first.added > 0 and not first.rejections
    quads, graphs = len(store), set(graph_names(store))
    second = ingest(store, sample_path())
    assert second.read == first.read
    assert second.ingested == 0
    assert second.unchanged == first.ingested
    new_graphs = set(graph_names(store)) - graphs
    assert new_graphs == {second.run_iri.replace("/run/", "/graph/run/")}
    run_quads = sum(1 for _ in store.store.quads_for_pattern(None, None, None, NamedNode(new_graphs.pop())))
    assert len(store) == quads + run_quads


def test_newer_version_replaces_the_old_graph(store, tmp_path):
    path = write_json(tmp_path / "v1" / "QANR5L17QE90001.json", question_record())
    first = ingest(store, path)
    assert first.added >= 1
    q = f"<{BASE}question/QANR5L17QE90001>"
    assert count(store, f"{q} hm:status hm:Pending") == 1
    quads_v1 = len(store)
    path2 = write_json(tmp_path / "v2" / "QANR5L17QE90001.json", question_record(answered=True))
    second = ingest(store, path2)
    assert second.updated == 1 and second.added == 0, second.summary()
    assert count(store, f"{q} hm:status ?s") == 1
    assert count(store, f"{q} hm:status hm:Answered") == 1
    assert count(store, f"{q} hm:status hm:Pending") == 0
    assert count(store, f"{q} hm:hasAnswer ?a") == 1
    assert count(store, f"{q} hm:answerDelayDays ?d") == 1
    # the record graph now says it comes from the second file, and only from it
    graph = f"<{BASE}graph/QANR5L17QE90001>"
    rows = list(store.query(P + f"SELECT ?src WHERE {{ GRAPH {graph} {{ {graph} prov:wasDerivedFrom ?src }} }}"))
    digest = hashlib.sha256(path2.read_bytes()).hexdigest()
    assert [r["src"].value for r in rows] == [f"{BASE}source/{digest}"]
    assert count(store, f"GRAPH {graph} {{ {graph} hm:contentHash ?h }}") == 1
    assert len(store) > quads_v1


# ---- named graphs ----

def test_union_default_graph_and_record_graphs(store):
    ingest(store, sample_path())
    q = f"<{BASE}question/QANR5L17QE15973>"
    # a plain query joins triples of several record graphs: question → person (AMO record) → name
    assert store.query(P + f"ASK {{ {q} dcterms:creator ?p . ?p <http://xmlns.com/foaf/0.1/name> ?n . "
                           f"{q} hm:authorGroup/skos:prefLabel ?g }}")
    graphs = {r["g"].value for r in store.query(P + f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ {q} ?p ?o }} }}")}
    assert graphs == {f"{BASE}graph/QANR5L17QE15973"}
    assert not store.query(P + f"ASK {{ {q} ?p ?o }}", union=False)  # nothing in the real default graph
    persons = {r["g"].value for r in store.query(
        P + f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ <{BASE}acteur/PA721296> <http://xmlns.com/foaf/0.1/name> ?n }} }}")}
    assert persons == {f"{BASE}graph/PA721296"}


def test_provenance_of_records_and_run(store):
    report = ingest(store, sample_path())
    files = sorted(p for p in sample_path().rglob("*.json"))
    sha = {hashlib.sha256(f.read_bytes()).hexdigest(): f for f in files}
    run_graph = report.run_iri.replace("/run/", "/graph/run/")
    records = [g for g in graph_names(store) if g != run_graph]
    assert report.added == len(files) and len(records) > len(files)  # mandates and concepts have their own graphs
    for g in records:
        rows = list(store.query(P + f"""SELECT ?sha ?path ?run WHERE {{
            GRAPH <{g}> {{ <{g}> prov:wasDerivedFrom ?src ; prov:wasGeneratedBy ?run ; hm:contentHash ?h }}
            ?src hm:sha256 ?sha ; hm:path ?path }}"""))
        assert len(rows) == 1, g
        assert rows[0]["run"].value == report.run_iri
        digest, path = rows[0]["sha"].value, Path(rows[0]["path"].value)
        assert digest in sha and path.resolve() == sha[digest].resolve()
        assert hashlib.sha256(path.read_bytes()).hexdigest() == digest
    rows = list(store.query(P + f"""SELECT ?start ?end ?version ?read WHERE {{ GRAPH <{run_graph}> {{
        <{report.run_iri}> a prov:Activity, hm:IngestRun ; prov:startedAtTime ?start ; prov:endedAtTime ?end ;
            prov:wasAssociatedWith ?sw ; hm:recordsRead ?read . ?sw hm:softwareVersion ?version }} }}"""))
    assert len(rows) == 1
    assert rows[0]["start"].value <= rows[0]["end"].value
    assert rows[0]["version"].value == software_version()
    assert int(rows[0]["read"].value) == report.read
    assert count(store, f"GRAPH <{run_graph}> {{ <{report.run_iri}> prov:used ?s }}") == len(files)


def test_iris_end_with_the_uid(store):
    ingest(store, sample_path())
    for kind, uid in (("question", "QANR5L17QE15973"), ("acteur", "PA721296"), ("mandat", "PM843698"),
                      ("organe", "PO845407"), ("organe", "PO873643")):
        iri = f"{BASE}{kind}/{uid}"
        assert store.query(P + f"ASK {{ <{iri}> dcterms:identifier \"{uid}\" }}"), iri
        assert f"{BASE}graph/{uid}" in graph_names(store)


def test_custom_base_everywhere(tmp_path):
    custom = "https://example.org/x/"
    store = GraphStore(tmp_path / "store")
    report = Ingester(store, iris=Minter(custom), progress=False, on_rejection=lambda r: None).run([sample_path()])
    assert report.added > 0 and report.run_iri.startswith(custom)
    assert all(g.startswith(custom) for g in graph_names(store))
    for quad in store.store:
        for term in (quad.subject, quad.object, quad.graph_name):
            if isinstance(term, NamedNode):
                assert not term.value.startswith(BASE), quad
    assert store.query(f"ASK {{ <{custom}question/QANR5L17QE15973> ?p <{custom}acteur/PA721296> }}")


# ---- ministries named without an id ----



def ministries_and_questions(tmp_path: Path, questions: dict[int, tuple[dict, str]], organs: list[dict]) -> Path:
    folder = tmp_path / "data"
    for organ in organs:
        write_json(folder / "organe" / f"{organ['organe']['uid']}.json", organ)
    for number, (ministry, day) in questions.items():
        write_json(folder / "questions" / f"QANR5L17QE{number}.json", question_record(number, ministry=ministry, day=day))
    return folder


def ministry_of(store, number: int) -> tuple[str, bool]:
    rows = list(store.query(P + f"""SELECT DISTINCT ?m ?unresolved WHERE {{
        <{BASE}question/QANR5L17QE{number}> hm:ministryQuestioned ?m .
        BIND(EXISTS {{ ?m a hm:UnresolvedMinistry }} AS ?unresolved) }}"""))
    assert len(rows) == 1, rows
    return rows[0]["m"].value, rows[0]["unresolved"].value == "true"


def test_ministry_resolved_by_name_and_date(store, tmp_path):
    organs = [ministry_record("PO900001", "Ministère de l'intérieur", "Intérieur", "2024-01-01", "2025-10-12"),
              ministry_record("PO900002", "Ministère de l’Intérieur", "Intérieur", "2025-10-13")]
    folder = ministries_and_questions(tmp_path, {90001: (INTERIOR, "2026-06-16"), 90002: (INTERIOR, "2024-05-02")},
                                      organs)
    report = ingest(store, folder)
    assert not report.rejections
    assert ministry_of(store, 90001) == (f"{BASE}organe/PO900002", False)
    assert ministry_of(store, 90002) == (f"{BASE}organe/PO900001", False)
    assert count(store, f"<{BASE}question/QANR5L17QE90001> hm:ministryAttributed <{BASE}organe/PO900002>") == 1
    assert report.ministries_resolved == 4 and report.ministries_unresolved == 0  # minInt + minAttrib each
    assert report.resolution_rate == 1.0
    assert "ministries by name resolved 4/4 (100.0%) [XVIIth 4/4]" in report.summary()


def test_ministry_unresolved_when_none_or_several_match(store, tmp_path):
    culture = {"abrege": "Culture", "developpe": "Ministère de la culture"}
    organs = [ministry_record("PO900011", "Ministère de la culture", "Culture", "2024-01-01"),
              ministry_record("PO900012", "Ministère de la Culture", "Culture", "2024-06-01"),
              ministry_record("PO900013", "Ministère de l'intérieur", "Intérieur", "2020-01-01", "2021-01-01")]
    folder = ministries_and_questions(tmp_path, {
        90011: (culture, "2025-01-10"),       # two organs valid on that day
        90012: (culture, "2024-03-01"),       # only one
        90013: (INTERIOR, "2026-06-16"),      # the only organ of that name ended before
        90014: ({"abrege": "Mer", "developpe": "Ministère de la mer"}, "2026-06-16"),  # no organ of that name
    }, organs)
    report = ingest(store, folder)
    assert not report.rejections
    for number in (90011, 90013, 90014):
        iri, unresolved = ministry_of(store, number)
        assert unresolved and "/ministere-non-resolu/" in iri, (number, iri)
        assert count(store, f"<{BASE}question/QANR5L17QE{number}> hm:ministryQuestioned ?m . "
                            f"?m a hm:UnresolvedMinistry ; skos:prefLabel ?l") == 1
    assert ministry_of(store, 90012) == (f"{BASE}organe/PO900011", False)
    assert report.ministries_resolved == 2 and report.ministries_unresolved == 6
    assert dict(report.ministry_resolutions) == {(17, "resolved"): 2, (17, "several"): 2, (17, "not on the date"): 2,
                                                 (17, "no organ"): 2}
    assert "unresolved ministries 6" in report.summary()
    assert ("[XVIIth 2/8 (no organ bears the label: 2, none bears it on the date: 2, several organs bear it: 2)]"
            in report.summary())


def test_ministries_already_in_the_store_resolve_a_later_run(store, tmp_path):
    organ = write_json(tmp_path / "o" / "PO900021.json",
                       ministry_record("PO900021", "Ministère de la mer", "Mer", "2024-01-01"))
    ingest(store, organ)
    question = write_json(tmp_path / "q" / "QANR5L17QE90021.json",
                          question_record(90021, ministry={"abrege": "Mer", "developpe": "Ministère de la mer"}))
    report = ingest(store, question)
    assert ministry_of(store, 90021) == (f"{BASE}organe/PO900021", False)
    assert report.ministries_resolved == 2


# ---- readers ----
# pyoxigraph documents opening a store read-only while another process writes it as undefined behaviour:
# readers share the writer's Store (the in-process case below) or open the store once the writer is closed.


def test_reader_opened_after_the_writer_closed(tmp_path):
    path = tmp_path / "store"
    writer = GraphStore(path)
    report = ingest(writer, sample_path())
    count = len(writer)
    del writer
    reader = GraphStore(path, read_only=True)
    assert len(reader) == count
    run_graph = report.run_iri.replace("/run/", "/graph/run/")
    for g in graph_names(reader):
        if g != run_graph:
            assert reader.query(P + f"ASK {{ GRAPH <{g}> {{ <{g}> hm:contentHash ?h ; prov:wasDerivedFrom ?s }} }}")


def test_a_reader_never_sees_half_a_record(tmp_path):
    store = GraphStore(tmp_path / "store")
    folder = tmp_path / "many"
    for number in range(90100, 90400):
        write_json(folder / f"QANR5L17QE{number}.json", question_record(number))
    ingest(store, sample_path())
    errors: list[BaseException] = []

    def run():
        try:
            ingest(store, folder)
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)

    thread = threading.Thread(target=run)
    thread.start()
    seen = 0
    while True:
        done = not thread.is_alive()
        # every question graph a reader sees is whole: its data and its provenance came in together
        partial = store.query(P + """SELECT ?g WHERE { GRAPH ?g { ?q a hm:WrittenQuestion }
            FILTER NOT EXISTS { GRAPH ?g { ?g hm:contentHash ?h ; prov:wasDerivedFrom ?s } } }""")
        assert not list(partial)
        rows = list(store.query(P + "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?q a hm:WrittenQuestion } }"))
        seen = max(seen, len(rows))
        if done:
            break
    thread.join()
    assert not errors
    assert seen == 301


def test_batches_are_cut_by_quads_as_well_as_bytes(tmp_path, monkeypatch):
    # The bulk loader ingests its input a million quads at a time: a batch must stay under that, or a record
    # could be split between two ingestions. Here the cap is 40 quads, and bytes never cut a batch.
    from hemicycle.ingest import pipeline

    monkeypatch.setattr(pipeline, "BATCH_QUADS", 40)
    monkeypatch.setattr(pipeline, "BATCH_BYTES", 1 << 40)
    store = GraphStore(tmp_path / "store")
    batches = []
    load = store.add_nquads
    monkeypatch.setattr(store, "add_nquads", lambda data: batches.append(data.count(b"\n")) or load(data))
    report = Ingester(store, progress=False, jobs=1).run([sample_path()])
    largest = max(len(graph) for graph in _graph_sizes(store))
    assert len(batches) > 3 and report.rejections == []
    assert all(n < 40 + largest for n in batches), (batches, largest)
    assert sum(batches) == len(store)


def _graph_sizes(store: GraphStore) -> list[list]:
    graphs: dict[str, list] = {}
    for quad in store.store:
        graphs.setdefault(str(quad.graph_name), []).append(quad)
    return list(graphs.values())
