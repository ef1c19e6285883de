"""Record graphs are written as N-Quads text: it must be what pyoxigraph itself would write."""
from __future__ import annotations

import doctest
import sys
from datetime import date, datetime, timezone

import pytest
from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, parse, serialize

from hemicycle.ingest.mapping import rdf
from hemicycle.ingest.mapping.rdf import RecordGraph, french, integer, quoted, string, uri, xsd_date, xsd_datetime
from hemicycle.ontology.terms import DCT, HM, RDF, XSD


def test_doctests():
    assert doctest.testmod(rdf).failed == 0


def _code_points():
    return (chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)


def test_every_character_is_escaped_as_pyoxigraph_escapes_it():
    different = [c for c in _code_points() if quoted(c) != str(Literal(c))]
    assert different == []


def test_long_mixed_texts_are_escaped_as_pyoxigraph_escapes_them():
    chars = list(_code_points())
    for start in range(0, len(chars), 4096):
        text = "".join(chars[start:start + 4096])
        assert quoted(text) == str(Literal(text)), start
    text = 'Réponse :\n\t« le "décret" n° 2002-65 »\r\\fin\x00\x7f\u2028 — 😀'
    assert quoted(text) == str(Literal(text))


def test_typed_and_tagged_literals_match_pyoxigraph():
    moment = datetime(2025, 6, 10, 8, 30, 5, tzinfo=timezone.utc)
    assert string("PA721296") == str(Literal("PA721296"))
    assert french('Crise "énergétique"\n') == str(Literal('Crise "énergétique"\n', language="fr"))
    assert integer(-15973) == str(Literal("-15973", datatype=XSD.integer))
    assert xsd_date(date(2025, 6, 10)) == xsd_date("2025-06-10") == str(Literal("2025-06-10", datatype=XSD.date))
    assert xsd_datetime(moment) == str(Literal("2025-06-10T08:30:05+00:00", datatype=XSD.dateTime))
    assert uri("https://www.legifrance.gouv.fr/jorf/id/X?a=1&b=\"2\"") == str(
        Literal("https://www.legifrance.gouv.fr/jorf/id/X?a=1&b=\"2\"", datatype=XSD.anyURI))
    assert string(None) is None and string("") is None and french(None) is None and integer(None) is None
    assert integer(0) == str(Literal("0", datatype=XSD.integer))


def test_a_lone_surrogate_is_refused_as_pyoxigraph_refuses_it():
    with pytest.raises(ValueError, match="U\\+D800"):
        string("a\ud800b")
    with pytest.raises(ValueError):
        Literal("a\ud800b")


def test_a_record_graph_is_what_pyoxigraph_serialises():
    name = NamedNode("https://example.org/graph/QANR5L17QE15973")
    q = NamedNode("https://example.org/id/question/QANR5L17QE15973")
    other = NamedNode("https://example.org/id/acteur/PA721296")
    unknown = NamedNode("https://example.org/not-in-the-vocabulary#p")
    graph = RecordGraph(name)
    graph.type(q, HM.WrittenQuestion, HM.ParliamentaryQuestion)
    graph.add(q, DCT.identifier, string("QANR5L17QE15973"))
    graph.add(q, HM.regime, None)  # left out
    graph.add(other, unknown, q)
    graph.add(q, NamedNode(DCT.creator.value), other)  # an equal term that is not the vocabulary's object
    graph.add(q, HM.text, french("Mme Sophie Taillé-Polian attire l'attention…\n\"citée\""))
    expected = [
        Quad(q, RDF.type, HM.WrittenQuestion, name),
        Quad(q, RDF.type, HM.ParliamentaryQuestion, name),
        Quad(q, DCT.identifier, Literal("QANR5L17QE15973"), name),
        Quad(other, unknown, q, name),
        Quad(q, DCT.creator, other, name),
        Quad(q, HM.text, Literal("Mme Sophie Taillé-Polian attire l'attention…\n\"citée\"", language="fr"), name),
    ]
    assert graph.nquads() == serialize(expected, format=RdfFormat.N_QUADS)
    assert list(parse(graph.nquads(), format=RdfFormat.N_QUADS)) == expected


def test_a_text_with_a_lone_surrogate_rejects_its_record_only(store, tmp_path):
    from support import ingest

    good = '{"question": {"uid": "QANR5L17QE1", "type": "QE", "identifiant": {"numero": "1", "legislature": "17"}}}'
    bad = ('{"question": {"uid": "QANR5L17QE2", "type": "QE", "identifiant": {"numero": "2", "legislature": "17"},'
           ' "textesQuestion": {"texteQuestion": {"texte": "a \\ud800 b"}}}}')
    (tmp_path / "good.json").write_text(good, encoding="utf-8")
    (tmp_path / "bad.json").write_text(bad, encoding="utf-8")
    report = ingest(store, tmp_path / "good.json", tmp_path / "bad.json")
    assert report.added == 1
    [rejection] = report.rejections
    assert rejection.uid == "QANR5L17QE2" and "surrogate" in rejection.reason
