"""``hemicycle cite``: the citations of a text as JSON lines or one JSON array."""
from __future__ import annotations

import io
import json

from hemicycle.queries.cli.cite import run


def test_cli_run_jsonl():
    text = "Voir CE, ass., 19 juill. 2019, n° 426389 et l'article L. 554-1 du CESEDA."
    out = io.StringIO()
    assert run(io.StringIO(text), out) == 0
    rows = [json.loads(l) for l in out.getvalue().splitlines()]
    assert [r["kind"] for r in rows] == ["decision", "legislation"]
    for r in rows:
        assert text[r["start"]:r["end"]] == r["text"]
    d, l = rows
    assert {k: d[k] for k in ("court", "seat", "formation", "date", "numbers", "parties", "ecli")} == {
        "court": "CE", "seat": None, "formation": "ass.", "date": "2019-07-19", "numbers": ["426389"],
        "parties": None, "ecli": "ECLI:FR:CEASS:2019:426389.20190719"}
    assert d["iri"].endswith("decision/fr/CE/2019-07-19/426389")
    assert {k: l[k] for k in ("type", "number", "date", "code", "article", "eli", "celex")} == {
        "type": "code-article", "number": None, "date": None, "code": "CESEDA", "article": "L554-1",
        "eli": None, "celex": None}


def test_cli_run_json_and_bad_format():
    out = io.StringIO()
    assert run(io.StringIO("CE, 5 mai 2026, n° 502860"), out, fmt="json") == 0
    assert json.loads(out.getvalue())[0]["numbers"] == ["502860"]
    assert run(io.StringIO(""), io.StringIO(), fmt="xml") == 2
