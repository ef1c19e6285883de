"""The browsing lists over a store built from the real Assemblée nationale files of ../shared/data/an (skipped when
absent): the counts /deputies, /groups, /ministries and /questions show agree with SPARQL counts on the store, for
the XVIth legislature (its deputies, groups and questions to the government) and the XVIIth."""
from __future__ import annotations

import html
import re
from urllib.parse import parse_qs, urlsplit

import pytest


from support import real_store_client, sparql_prefixes

pytestmark = pytest.mark.slow  # builds a store of the real records

P = sparql_prefixes()


@pytest.fixture(scope="module")
def real(tmp_path_factory):
    """(TestClient over the real-data store, the store opened read-only for the SPARQL counts)."""
    yield from real_store_client(tmp_path_factory.mktemp("real-browse"))


def count(store, where: str) -> int:
    [row] = list(store.query(P + f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}"))
    return int(row["n"].value)


def caption(page: str) -> tuple[int, int, int]:
    text = html.unescape(re.search(r"<caption>(.*?)</caption>", page, re.S).group(1))
    first, last, total = (int(n.replace(",", "")) for n in re.match(r"([\d,]+)–([\d,]+) of ([\d,]+)", text).groups())
    return first, last, total


def cells(page: str, css: str) -> list[str]:
    """The visible text of the links of one class in the table."""
    return [html.unescape(re.sub(r"<[^>]+>", "", label)).strip()
            for label in re.findall(rf'<a class="{css}" href="[^"]*"[^>]*>(.*?)</a>', page, re.S)]


@pytest.mark.parametrize("legislature", [16, 17])
def test_deputies_count_what_the_store_holds(real, legislature):
    client, store = real
    deputies = count(store, f"""SELECT DISTINCT ?p WHERE {{
        ?m hm:organType "ASSEMBLEE" ; hm:legislature {legislature} ; org:member ?p }}""")
    assert deputies > 500
    r = client.get(f"/deputies?legislature={legislature}")
    assert r.status_code == 200
    assert caption(r.text) == (1, 50, deputies)
    assert len(cells(r.text, "deputy")) == 50
    pages = -(-deputies // 50)
    last = client.get(f"/deputies?legislature={legislature}&page={pages}")
    assert caption(last.text) == (50 * (pages - 1) + 1, deputies, deputies)
    assert 'rel="next"' not in last.text and 'rel="prev"' in last.text
    everyone = []
    for page in range(1, pages + 1):  # the pages together name every deputy once
        everyone += cells(client.get(f"/deputies?legislature={legislature}&page={page}").text, "deputy")
    assert len(everyone) == deputies


def test_deputies_by_questions_agree_with_the_store(real):
    client, store = real
    r = client.get("/deputies?legislature=16&sort=questions")
    top = re.search(r'<a class="deputy" href="/id/acteur/(PA\d+)">[^<]*</a>'
                    r'.*?<td class="number"><a href="([^"]*)">(\d+)</a>', r.text, re.S)
    uid, link, shown = top.group(1), html.unescape(top.group(2)), int(top.group(3))
    asked = count(store, f"""SELECT DISTINCT ?q WHERE {{
        ?q dcterms:creator <https://w3id.org/hemicycle/id/acteur/{uid}> ; hm:legislature 16 }}""")
    most = max(int(row["n"].value) for row in store.query(P + """SELECT ?p (COUNT(DISTINCT ?q) AS ?n) WHERE {
        ?q dcterms:creator ?p ; hm:legislature 16 } GROUP BY ?p"""))
    assert shown == asked == most
    assert parse_qs(urlsplit(link).query) == {"author": [uid], "legislature": ["16"]}
    assert caption(client.get(link).text)[2] == asked


def test_a_group_s_deputies_and_questions(real):
    client, store = real
    [[group, uid]] = [[row[0].value, row[1].value] for row in store.query(P + """SELECT ?g ?uid WHERE {
        ?g a hm:PoliticalGroup ; hm:legislature 16 ; hm:abbreviation "RN" ; dcterms:identifier ?uid }""")]
    members = count(store, f"""SELECT DISTINCT ?p WHERE {{ ?gm org:organization <{group}> ; org:member ?p .
        ?m hm:organType "ASSEMBLEE" ; hm:legislature 16 ; org:member ?p }}""")
    assert caption(client.get("/deputies?legislature=16&group=RN").text)[2] == members
    assert caption(client.get(f"/deputies?legislature=16&group={uid}").text)[2] == members
    asked = count(store, f"?q hm:authorGroup <{group}>")
    assert caption(client.get(f"/questions?group={uid}").text)[2] == asked
    groups = client.get("/groups?legislature=16").text
    row = re.search(rf'<a class="group" href="/id/organe/{uid}">.*?</tr>', groups, re.S).group(0)
    assert re.findall(r">(\d+)</a>", row)[-1] == str(asked)


def test_ministries_and_questions_agree(real):
    client, store = real
    [[ministry, uid, questioned]] = [[row[0].value, row[1].value, int(row[2].value)] for row in store.query(P + """
        SELECT ?m ?uid (COUNT(DISTINCT ?q) AS ?n) WHERE {
          ?q hm:ministryQuestioned ?m ; hm:legislature 16 . ?m dcterms:identifier ?uid }
        GROUP BY ?m ?uid ORDER BY DESC(?n) ?m LIMIT 1""")]
    r = client.get("/ministries?legislature=16")
    assert r.status_code == 200
    first = re.search(r'<a class="ministry" href="([^"]*)">.*?<a class="questioned" href="([^"]*)">(\d+)</a>', r.text,
                      re.S)
    assert first.group(1) == f"/id/organe/{uid}" and int(first.group(3)) == questioned
    either = count(store, f"""SELECT DISTINCT ?q WHERE {{
        {{ ?q hm:ministryQuestioned <{ministry}> }} UNION {{ ?q hm:ministryAttributed <{ministry}> }}
        ?q hm:legislature 16 }}""")
    assert caption(client.get(html.unescape(first.group(2))).text)[2] == either
    total = count(store, "?q hm:kindCode ?k")
    assert caption(client.get("/questions").text) == (1, 50, total)
    assert caption(client.get("/questions?legislature=16&kind=QG").text)[2] == count(
        store, '?q hm:kindCode "QG" ; hm:legislature 16')


def test_laws_link_to_legifrance_only_through_an_identifier(real):
    client, store = real
    r = client.get("/laws?type=decret")
    assert r.status_code == 200
    official = re.findall(r'<a class="official" href="([^"]*)"', r.text)
    with_eli = {row[0].value for row in store.query(P + """SELECT DISTINCT ?eli WHERE {
        ?t hm:textType "decret" ; hm:eli ?eli }""")}
    assert official and set(official) <= with_eli
    assert all(url.startswith("https://www.legifrance.gouv.fr/eli/") for url in official)
