"""Matching a Wikidata answer with the store's deputies (ingest/links/wikidata.py), on made-up rows: what is linked,
and what is reported and not linked, is decided by the identifiers and the terms' dates, never guessed."""
import re

import pytest

from hemicycle.ingest.links.wikidata import Row, plan, read_results
from hemicycle.ontology.errors import SourceError

Q = "http://www.wikidata.org/entity/"
PERSON = "https://w3id.org/hemicycle/id/acteur/"
SEAT = "https://w3id.org/hemicycle/id/circonscription/"


def deputy(uid, *mandates):
    return {uid: {"iri": PERSON + uid, "mandates": set(mandates)}}


def test_a_deputy_is_linked_with_its_pages_and_the_constituency_of_its_term():
    rows = [Row(item=Q + "Q1", uid="PA1", hatvp="nom-prenom", nosdeputes="prenom-nom", district=Q + "Q59",
                start="2022-06-22")]
    p = plan(rows, deputy("PA1", (SEAT + "59-1", "2022-06-22"), (SEAT + "59-2", "2017-06-21")))
    assert p.persons == {PERSON + "PA1": Q + "Q1"}
    assert p.constituencies == {SEAT + "59-1": Q + "Q59"}
    assert p.pages[PERSON + "PA1"] == {"https://www.hatvp.fr/pages_nominatives/nom-prenom",
                                       "https://www.nosdeputes.fr/prenom-nom"}


def test_a_term_that_starts_on_no_mandate_s_date_links_no_constituency():
    rows = [Row(item=Q + "Q1", uid="PA1", district=Q + "Q59", start="2012-06-20")]
    p = plan(rows, deputy("PA1", (SEAT + "59-1", "2022-06-22"), (SEAT + "59-2", "2017-06-21")))
    assert p.persons and p.constituencies == {}


def test_a_term_without_a_start_links_the_only_constituency_and_no_other():
    rows = [Row(item=Q + "Q1", uid="PA1", district=Q + "Q59")]
    assert plan(rows, deputy("PA1", (SEAT + "59-1", "2022-06-22"))).constituencies == {SEAT + "59-1": Q + "Q59"}
    assert plan(rows, deputy("PA1", (SEAT + "59-1", "2022-06-22"), (SEAT + "59-2", None))).constituencies == {}


def test_two_items_for_one_deputy_link_neither():
    rows = [Row(item=Q + "Q1", uid="PA1"), Row(item=Q + "Q2", uid="PA1")]
    p = plan(rows, deputy("PA1"))
    assert p.persons == {} and "PA1 is carried by 2 items" in p.conflicts[0]


def test_one_item_for_two_deputies_links_neither():
    rows = [Row(item=Q + "Q1", uid="PA1"), Row(item=Q + "Q1", uid="PA2")]
    p = plan(rows, {**deputy("PA1"), **deputy("PA2")})
    assert p.persons == {} and len(p.conflicts) == 2 and "carries 2 identifiers" in p.conflicts[0]


def test_a_constituency_two_items_claim_is_not_linked():
    rows = [Row(item=Q + "Q1", uid="PA1", district=Q + "Q59", start="2022-06-22"),
            Row(item=Q + "Q2", uid="PA2", district=Q + "Q60", start="2023-01-30")]
    persons = {**deputy("PA1", (SEAT + "59-1", "2022-06-22")), **deputy("PA2", (SEAT + "59-1", "2023-01-30"))}
    p = plan(rows, persons)
    assert len(p.persons) == 2 and p.constituencies == {}
    assert "claimed by 2 items" in p.conflicts[0]


def test_identifiers_the_store_does_not_hold_are_counted_not_linked():
    p = plan([Row(item=Q + "Q1", uid="PA9")], deputy("PA1"))
    assert p.persons == {} and p.not_in_store == {"PA9"}


@pytest.mark.parametrize("data,message", [
    (b"{", "not a SPARQL JSON results document"),
    (b'{"head": {"vars": ["item"]}, "results": {"bindings": []}}', "has no ?id_an"),
    (b'{"head": {"vars": ["item", "id_an"]}, "results": {"bindings": [{"item": {"type": "uri", "value": '
     b'"http://example.org/x"}, "id_an": {"type": "literal", "value": "1"}}]}}', "solution 1"),
])
def test_an_answer_that_cannot_be_read_is_named(data, message):
    with pytest.raises(SourceError, match=re.escape(message)) as error:
        read_results(data, "answer.json")
    assert str(error.value).startswith("answer.json: ")
