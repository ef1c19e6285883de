"""The pages and linked-data routes over a store built from the real Assemblée nationale files of
../shared/data/an (skipped when absent): what each page says agrees with the store, for questions of three
legislatures, deputies, ministries, groups, cited texts of law and other resources."""
from __future__ import annotations

import html
import re

import pytest
from pyoxigraph import RdfFormat, parse


from support import real_store_client, sparql_prefixes

pytestmark = pytest.mark.slow  # builds a store of the real records

B = "https://w3id.org/hemicycle/id/"
P = sparql_prefixes()


@pytest.fixture(scope="module")
def real(tmp_path_factory):
    """(TestClient over the real-data store, the store opened read-only for checking what the pages say)."""
    yield from real_store_client(tmp_path_factory.mktemp("real-pages"))


def values(store, query: str) -> list:
    return [[term.value if term is not None else None for term in row] for row in store.query(P + query)]


def path_of(iri: str) -> str:
    return "/id/" + iri[len(B):]


def text(page: str) -> str:
    body = re.sub(r"(?s)<head>.*?</head>|<script.*?</script>", " ", page)
    body = re.sub(r"</?(a|small|mark)\b[^>]*>", "", body)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", body)))


def test_question_pages_agree_with_the_store(real):
    client, store = real
    picked = values(store, """SELECT ?q ?uid ?name ?kind WHERE {
        ?q hm:kindCode ?kind ; dcterms:identifier ?uid ; dcterms:creator/foaf:name ?name }
        ORDER BY ?uid LIMIT 12""")
    picked += values(store, """SELECT ?q ?uid ?name ?kind WHERE {
        ?q hm:kindCode "QE" ; hm:kindCode ?kind ; dcterms:identifier ?uid ; dcterms:creator/foaf:name ?name }""")
    kinds = {"QE": "Written question", "QG": "Question to the government", "QOSD": "Oral question without debate"}
    assert {row[3] for row in picked} == {"QE", "QG"}
    for iri, uid, name, kind in picked:
        r = client.get(path_of(iri))
        assert r.status_code == 200, uid
        shown = text(r.text)
        assert kinds[kind] in shown and f"Identifier {uid}" in shown and f"Author {name}" in shown, uid
        embedded = re.search(r'<script type="application/ld\+json">(.*?)</script>', r.text, re.S).group(1)
        assert iri in {q.subject.value for q in parse(embedded.encode(), format=RdfFormat.JSON_LD)}


def test_answers_are_shown_with_their_journal_page(real):
    client, store = real
    [[iri, answer, page]] = values(store, """SELECT ?q ?text ?page WHERE {
        ?q hm:hasAnswer ?a . ?a hm:text ?text ; hm:journalPage ?page } ORDER BY ?q LIMIT 1""")
    shown = text(client.get(path_of(iri)).text)
    assert re.sub(r"\s+", " ", answer)[:80].strip() in shown
    assert f"page {page}" in shown


def test_transfers_are_listed(real):
    client, store = real
    rows = values(store, """SELECT ?q ?to WHERE { ?q hm:hasTransfer/hm:toMinistry ?to }""")
    assert rows
    for iri, to in rows:
        page = client.get(path_of(iri)).text
        transfers = re.search(r'<section class="transfers">(.*?)</section>', page, re.S).group(1)
        assert f'to <a href="{path_of(to)}">' in transfers


def test_deputy_page_counts_and_groups(real):
    client, store = real
    [[person, name, asked]] = values(store, """SELECT ?p (SAMPLE(?n) AS ?name) (COUNT(DISTINCT ?q) AS ?asked) WHERE {
        ?q dcterms:creator ?p . ?p foaf:name ?n } GROUP BY ?p ORDER BY DESC(?asked) ?p LIMIT 1""")
    groups = {row[0] for row in values(store, f"""SELECT DISTINCT ?label WHERE {{
        ?m org:member <{person}> ; hm:organType "GP" ; org:organization/skos:prefLabel ?label }}""")}
    page = client.get(path_of(person)).text
    shown = text(page)
    assert f"<h1>{html.escape(name, quote=True)}</h1>".replace("&#x27;", "&#39;") in page
    assert f"Questions asked: {asked}" in shown
    group_section = re.search(r'<section class="groups">(.*?)</section>', page, re.S).group(1)
    assert groups and all(html.escape(g).replace("&#x27;", "&#39;") in group_section for g in groups)


def test_ministry_page_counts(real):
    client, store = real
    [[ministry, attributed]] = values(store, """SELECT ?m (COUNT(DISTINCT ?q) AS ?n) WHERE {
        ?q hm:ministryAttributed ?m . ?m a hm:Ministry } GROUP BY ?m ORDER BY DESC(?n) ?m LIMIT 1""")
    shown = text(client.get(path_of(ministry)).text)
    assert f"Questions attributed to this ministry: {attributed}" in shown
    answered = values(store, f"""SELECT (COUNT(DISTINCT ?q) AS ?n) WHERE {{
        ?q hm:ministryAttributed <{ministry}> ; hm:status hm:Answered }}""")[0][0]
    assert f"attributed answered {answered}" in shown


def test_group_page_counts_members(real):
    client, store = real
    [[group, members]] = values(store, """SELECT ?g (COUNT(DISTINCT ?m) AS ?n) WHERE {
        ?g a hm:PoliticalGroup . ?m org:organization ?g } GROUP BY ?g ORDER BY DESC(?n) ?g LIMIT 1""")
    shown = text(client.get(path_of(group)).text)
    assert f"{members} mandates" in shown


def test_cited_text_page_lists_every_citation(real):
    client, store = real
    [[cited, occurrences]] = values(store, """SELECT ?t (COUNT(DISTINCT ?o) AS ?n) WHERE {
        ?o hm:cites ?t . ?t a hm:LegalText } GROUP BY ?t ORDER BY DESC(?n) ?t LIMIT 1""")
    page = client.get(path_of(cited)).text
    citing = re.search(r'<section class="citing">(.*?)</section>', page, re.S).group(1)
    assert citing.count('class="citing-question"') == int(occurrences)


def test_other_resources_and_formats(real):
    client, store = real
    picked = [row[0] for row in values(store, """SELECT ?r WHERE {
        { SELECT ?r WHERE { ?r a hm:Mandate } LIMIT 1 } UNION { SELECT ?r WHERE { ?r a hm:Constituency } LIMIT 1 }
        UNION { SELECT ?r WHERE { ?r a hm:UnresolvedMinistry } LIMIT 1 }
        UNION { SELECT ?r WHERE { ?r skos:inScheme ?s } LIMIT 1 } }""")]
    assert len(picked) == 4
    for iri in picked:
        assert client.get(path_of(iri)).status_code == 200, iri
        for suffix, fmt in ((".ttl", RdfFormat.TURTLE), (".nt", RdfFormat.N_TRIPLES), (".jsonld", RdfFormat.JSON_LD)):
            r = client.get(path_of(iri) + suffix)
            assert iri in {q.subject.value for q in parse(r.content, format=fmt)}, (iri, suffix)
