"""A text as the template detector compares it: folding, masking, formulas cut, shingles."""
from __future__ import annotations

import numpy as np
import pytest

from hemicycle.ingest.families.boilerplate import CUT, cut_formulas, expand
from hemicycle.ingest.families.text import (MAX_SHINGLE_WORDS, NUMBER, PERSON, PLACE, canonical, fold, mask_names,
                                            mask_people, shingles)

TEXT = ("M. Jean-Pierre Martin attire l'attention de Mme la ministre du travail sur la situation des aides à "
        "domicile du Finistère : 1 250 salariées y parcourent chaque jour des dizaines de kilomètres pour un "
        "salaire proche du minimum, sans que leurs frais de déplacement ne soient pris en charge par les "
        "départements. Il lui demande quelles mesures le Gouvernement entend prendre.")


def sets(*texts: str, k: int = 5) -> list[set[int]]:
    offsets, hashes = shingles(list(texts), k)
    return [set(hashes[offsets[i]:offsets[i + 1]].tolist()) for i in range(len(texts))]


# --- folding ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("noisy", [
    TEXT.replace("'", "\u2019"),  # typographic apostrophes
    TEXT.replace(" ", "  "),  # double spaces
    TEXT.replace(" ", "\u00a0", 5).replace(" : ", "\u202f:\u00a0"),  # non-breaking spaces
    TEXT.replace("Gouvernement", "gouvernement").replace("situation", "Situation").replace("salaire", "SALAIRE"),
    TEXT.upper(),  # a text in capitals: its names are not told from its words, only the author's are masked
    TEXT.replace("é", "e").replace("à", "a").replace("è", "e"),  # accents dropped
    TEXT.replace(" : ", ": ").replace("charge par", "charge , par").replace("départements.", "départements ."),
])
def test_typographic_noise_changes_nothing(noisy):
    assert canonical(noisy, ("Jean-Pierre Martin",)) == canonical(TEXT, ("Jean-Pierre Martin",))


def test_fold_lowers_unaccents_and_splits_on_anything_else():
    assert fold("L’Œuvre d'ÉTAT — « été », c'est-à-dire") == "l oeuvre d etat ete c est a dire"
    assert fold("Cœur, cœurs et COEUR") == "coeur coeurs et coeur"
    assert fold("1\u202f250 € le 12/05/2024") == "0 000 le 00 00 0000"
    assert fold("") == ""


def test_characters_beyond_latin_1_are_spaces_the_same_way_each_time():
    assert fold("Kovačević ŁÓDŹ") == fold("Kovačević ŁÓDŹ") == "kova evi od"


# --- masking ------------------------------------------------------------------------------------------------------


def test_a_civility_and_the_capitalised_name_after_it_are_a_person():
    assert mask_people("M. Jean-Pierre Martin et Mme Le Nabour, puis M. DE LA FONTAINE") == "qqn et qqn, puis qqn"
    assert mask_people("Mme Claire de La Tour du Pin répond") == "qqn répond"


def test_a_civility_before_a_title_is_no_name():
    assert mask_people("M. le ministre, Mme la présidente, M. le Premier ministre") == (
        "M. le ministre, Mme la présidente, M. le Premier ministre")
    assert mask_people("EMMANUEL et HM. Jean") == "EMMANUEL et HM. Jean"


def test_the_author_and_the_constituency_are_masked_and_so_are_numbers():
    folded = fold("Martin, député du Finistère, et le Finistère-Sud : 6e circonscription, 1 200 emplois en 2024")
    assert mask_names(folded, people=("Martin",), places=("Finistère",)) == (
        f"{PERSON} depute du {PLACE} et le {PLACE} sud 0e circonscription {NUMBER} emplois en {NUMBER}")


def test_names_are_masked_as_whole_words_only():
    assert mask_names("martinez et martin martin", people=("Martin",)) == f"martinez et {PERSON} {PERSON}"
    assert mask_names("le rhone", places=("Rhône",)) == f"le {PLACE}"
    assert mask_names("le jura", places=("Y",)) == "le jura"  # a name under three letters is not masked


def test_two_copies_under_other_names_and_places_read_the_same():
    copy = TEXT.replace("Jean-Pierre Martin", "Sophie Le Goff").replace("Finistère", "Morbihan").replace(
        "1 250", "830").replace("Il lui", "Elle lui")
    assert canonical(TEXT, ("Jean-Pierre Martin",), ("Finistère",)) == canonical(copy, ("Sophie Le Goff",),
                                                                                  ("Morbihan",))


# --- formulas -----------------------------------------------------------------------------------------------------


def test_the_opening_is_cut_up_to_sur():
    text = canonical(TEXT)
    assert text.startswith("la situation des aides a domicile")
    assert "attention" not in text and "ministre" not in text


def test_the_closing_formulas_are_cut():
    assert "quelles mesures" not in canonical(TEXT) and "gouvernement" not in canonical(TEXT)
    assert cut_formulas("qqn l interroge egalement sur le point et il lui demande de bien vouloir lui preciser "
                        "le calendrier") == "sur le point et | calendrier"


def test_formulas_are_cut_as_whole_words_only():
    assert cut_formulas("des travaux de la parole est autre chose") == "des travaux de la parole est autre chose"


def test_texts_that_share_only_formulas_share_no_shingle():
    first = ("M. Jean Martin attire l'attention de M. le ministre de l'intérieur sur le manque d'effectifs de "
             "police dans les communes rurales. Il lui demande quelles mesures le Gouvernement entend prendre pour "
             "y remédier.")
    second = ("Mme Claire Dubois attire l'attention de M. le ministre de l'intérieur sur la fermeture des bureaux "
              "de poste en zone de montagne. Il lui demande quelles mesures le Gouvernement entend prendre pour y "
              "remédier.")
    a, b = sets(canonical(first), canonical(second), k=3)
    assert a and b and not a & b


def test_a_template_expands_into_its_literals():
    assert expand("{m|mme} {le|la} ministre{ delegue|}") == [
        "m le ministre delegue", "m le ministre", "m la ministre delegue", "m la ministre", "mme le ministre delegue",
        "mme le ministre", "mme la ministre delegue", "mme la ministre"]


# --- shingles -----------------------------------------------------------------------------------------------------


def test_shingles_stay_within_a_piece_and_a_text():
    offsets, hashes = shingles(["a b c d e", f"a b {CUT} c d e", "a b"], 3)
    assert offsets.tolist() == [0, 3, 4, 4]
    first, second = set(hashes[0:3].tolist()), set(hashes[3:4].tolist())
    assert second < first  # "c d e" only: no shingle spans the cut


def test_each_set_is_sorted_and_without_repeats():
    offsets, hashes = shingles(["a b c a b c a b c", "x y z"], 3)
    assert offsets.tolist() == [0, 3, 4]
    assert np.all(np.diff(hashes[:3].astype(np.int64)) > 0)


def test_shingle_hashes_are_the_same_on_every_run_and_machine():
    """The index keeps them: a change here must come with a new TEXT_VERSION (and rebuilds every index)."""
    _, hashes = shingles(["la situation des aides a domicile"], 5)
    assert hashes.tolist() == [2387064121, 3592951890]


def test_the_word_hash_tells_words_apart():
    words = ["ab", "ba", "abc", "acb", "a", "aa", "aaa"] + [f"mot{i}" for i in range(1000)]
    offsets, hashes = shingles([" ".join(words)], 1)
    assert len(hashes) == len(words)


def test_a_shingle_has_one_to_sixteen_words():
    with pytest.raises(ValueError):
        shingles(["a"], MAX_SHINGLE_WORDS + 1)
    assert shingles([], 5)[0].tolist() == [0]


def test_the_seed_question_read_as_the_detector_reads_it(seed):
    text = canonical(seed.text, seed.people(), seed.place_names())
    assert text.startswith("les risques lies au recours a des outils d intelligence artificielle ia dans le "
                           "traitement des titres de sejour au sein des prefectures en fevrier 0 | annoncait le lancement")
    assert "| sur les garanties apportees afin d eviter" in text  # "M. le député interroge M. le ministre" cut
    assert "gouffier" not in text and "interroge" not in text and "ministre" not in text
