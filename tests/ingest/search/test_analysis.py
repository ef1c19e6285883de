"""The French analysis of the search index: accents, case, elisions, stop words, Snowball stems, and the fast
path the index is built with giving the very keys of the one queries are parsed with."""
from __future__ import annotations

import pytest

from hemicycle.ingest.search.analysis import ANALYZER_VERSION, analyse, fold, indexed, key, words_with_keys


@pytest.mark.parametrize("one, other", [
    ("Sécurité", "securite"), ("ÉCOLOGIE", "écologie"), ("Œuvre", "oeuvre"), ("hôpital", "HOPITAL"),
    ("Île", "ile"), ("naïveté", "naivete"),
])
def test_accents_and_case_do_not_matter(one, other):
    assert key(one) == key(other)


@pytest.mark.parametrize("text", ["l'écologie", "l’écologie", "L'ÉCOLOGIE", "d'écologie", "qu'écologie",
                                  "jusqu'écologie", "lorsqu’écologie", "puisqu'écologie"])
def test_elisions_are_split_off(text):
    assert analyse(text) == analyse("écologie") == ["ecolog"]


def test_the_forms_of_a_word_meet_on_its_stem():
    assert key("écologique") == key("écologie") == key("écologiques")
    assert key("agricole") == key("agricoles")
    assert key("agriculteurs") == key("agriculteur")
    assert key("naturalisation") == key("naturaliser")
    assert key("hôpitaux") == key("hôpital")


def test_what_snowball_keeps_apart():
    """Snowball stems suffixes, it does not know words: "agriculteurs" and "agricole" stay two words."""
    assert key("agriculteurs") != key("agricole")


def test_stop_words_have_no_key():
    assert analyse("le ministre de l'intérieur et les préfectures") == ["ministr", "interieur", "prefectur"]
    assert key("les") == key("été") == ""


def test_numbers_and_identifiers_are_words():
    assert analyse("loi n° 2024-42 du 26 janvier 2024") == ["loi", "2024", "42", "26", "janvi", "2024"]
    assert analyse("QANR5L17QE15973 PO845407") == ["qanr5l17qe15973", "po845407"]


def test_fold():
    assert fold("Œuvre d'Éloïse") == "oeuvre d'eloise"


@pytest.mark.parametrize("text", [
    "Le Gouvernement « s’engage » — l’an prochain — à 95 % : (voir art. L. 554-1) ; jusqu’où ?",
    "Texte\u00a0avec\u202fespaces insécables\tet\ttabulations\n\nsur deux lignes",
    "mot_composé, 1er janvier, l'A7, l’État… ½ ², İstanbul, Ελλάδα, 東京",
    "décomposé : e\u0301cole, cafe\u0301",
    "",
])
def test_the_fast_path_gives_the_same_keys(text):
    assert indexed(text).split() == analyse(text)


def test_words_keep_their_place_in_the_text():
    text = "L’écologie, enfin."
    assert [(text[a:b], k) for a, b, k in words_with_keys(text)] == [("L", ""), ("écologie", "ecolog"),
                                                                      ("enfin", "enfin")]


def test_the_version_names_what_decides_the_keys():
    assert "PyStemmer" in ANALYZER_VERSION and "stop" in ANALYZER_VERSION and "unicode" in ANALYZER_VERSION


def test_a_flood_of_distinct_words_is_analysed():
    text = " ".join(f"mot{i}" for i in range(20_000))
    assert len(analyse(text)) == 20_000
