"""The anchor words found by the Aho-Corasick pass are, finder by finder, where ``re.finditer`` over the
alternation of that finder's words would have tried its pattern."""
from __future__ import annotations

import json
import re

import pytest
from support import FIXTURES, real_data, SHARED_DATA

from hemicycle.ingest import sources
from hemicycle.ingest.citations.anchors import WORDS, anchors
from hemicycle.ingest.citations.normalize import normalize


# Words that overlap or nest, in every finder: the first branch of an alternation wins, and no match may
# start inside the previous one.
TRICKY = [
    "CAA CA CAAA CCE C.E. TPICE TUE TUEE Cass.Cass CC.",
    "Conseil d'État, Cons. const., CONSEIL, conseil constitutionnel, Cours, cour de cassation",
    "décision DC LP LOM LOMP QPCQPC précision déc.déc. éc. ORGAORGA",
    "C-311/18 T-612/17 CC-1/2 C-C-3/45 TT-1/2 aff. C-1/22 et C-2/22",
    "loi Loi LOI loi  Loi décretdécret arrêtéarrêté article art. Article directive Directive circulaire",
    "règlement Règlement reglement 1re 1ère 2e 2ème 3e 3ème Civ. Soc. Crim. Com. Ch. Ass. T. Trib.",
    "",
    "aucun mot qui compte",
    # offsets count characters, not bytes: accents, a typographic apostrophe, an emoji (outside the BMP), œ
    "l’arrêté du 5 mai 🏛️ selon le Conseil d’État 😀😀 et la loi n° 1 ; cœur CE",
]


def _regex_starts(text: str) -> dict[str, list[int]]:
    return {finder: [m.start() for m in re.finditer("|".join(map(re.escape, words)), text)]
            for finder, words in WORDS.items()}


@pytest.mark.parametrize("text", TRICKY)
def test_as_finditer_on_overlapping_words(text):
    assert anchors(text) == _regex_starts(text)


def test_a_lone_surrogate_keeps_the_offsets():
    # UTF-8 cannot carry one (the record is refused later, by the mapping); the words around are still found
    text = "la loi \ud800 et le Conseil d'État, CE, 5 mai"
    assert anchors(text) == _regex_starts(text)
    assert anchors(text)["law"] == [3]


def test_finds_every_finder_in_a_citation():
    found = anchors("le Conseil d'État (CE, 5 mai 2026, n° 502860) et la loi n° 2016-1321, aff. C-333/21")
    assert all(found[finder] for finder in ("head", "mention", "law", "case")), found
    assert found["numbered"] == []


def _texts() -> list[str]:
    texts = [json.loads(line)["text"] for line in
             (FIXTURES / "citations" / "devset.jsonl").read_text(encoding="utf-8").splitlines() if line]
    seed = SHARED_DATA / "seed" / "question-ecrite-17-15973.txt"
    if seed.exists():
        texts.append(seed.read_text(encoding="utf-8"))
    return texts


def test_as_finditer_on_the_development_set_and_the_seed_question():
    texts = _texts()
    assert len(texts) > 100
    for text in texts:
        norm = normalize(text).text
        assert anchors(norm) == _regex_starts(norm), text[:80]


def test_as_finditer_on_real_answers():
    path = real_data("questions", "l16-questions-gouvernement-1-639.json.zip")
    checked = 0
    for item in sources.read_file(path, "0" * 64, sources.all_but_amo, sources.open_zip(path)):
        record = item.record
        for publication in (*record.question_texts, *record.answers):
            if publication.text:
                norm = normalize(publication.text).text
                assert anchors(norm) == _regex_starts(norm), (path.name, record.uid)
                checked += 1
    assert checked > 500
