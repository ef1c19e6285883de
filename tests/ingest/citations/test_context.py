"""Decisions cited through their context (ingest/citations/context.py), on made-up sentences in the shapes of
the real texts: the court comes from the text, never from a guess."""
from hemicycle.ingest.citations import extract


def decisions(text):
    return [(c.court, c.seat, c.date, c.numbers) for c in extract(text) if c.kind == "decision"]


def test_two_decisions_under_appeal():
    text = "Selon les arrêts attaqués (Versailles, 18 avril 2023 et 21 novembre 2023), la société a été condamnée."
    assert decisions(text) == [("CA", "Versailles", "2023-04-18", ()), ("CA", "Versailles", "2023-11-21", ())]


def test_this_tribunal_is_the_last_one_named():
    text = ("M. B. a demandé au tribunal administratif de Lyon d'annuler cet arrêté. Par une ordonnance n° 2406255 "
            "du 7 mai 2025, le juge des référés de ce tribunal a rejeté sa demande.")
    assert decisions(text) == [("TA", "Lyon", "2025-05-07", ("2406255",))]


def test_this_tribunal_with_none_named_gives_nothing():
    assert decisions("Par un jugement n° 2014653 du 10 janvier 2023, ce tribunal a rejeté sa demande.") == []


def test_a_decision_named_again_takes_its_first_mention():
    text = ("Par un jugement du 16 octobre 2024, le tribunal administratif de Marseille a rejeté sa demande. "
            "M. A. relève appel du jugement du 16 octobre 2024.")
    assert decisions(text)[1] == ("TA", "Marseille", "2024-10-16", ())


def test_two_courts_on_that_date_give_no_guess():
    text = ("Par un jugement du 3 mars 2022, le tribunal administratif de Nice a rejeté la demande ; par un jugement "
            "du 3 mars 2022, le conseil de prud'hommes de Nice a fait de même. Le jugement du 3 mars 2022 est frappé "
            "d'appel.")
    assert [d[0] for d in decisions(text)] == ["TA", "CPH"]        # the third mention: which one? no guess


def test_a_noun_names_only_its_kind_of_court():
    """A "jugement" is not the Conseil d'État's arrêt of the same date."""
    text = ("Par une décision du 5 mai 2026, le Conseil d'État a annulé le décret. Le jugement du 5 mai 2026 "
            "n'est pas en cause.")
    assert [d[0] for d in decisions(text)] == ["CE"]


def test_an_eu_judgment_and_its_date_around_the_number():
    assert decisions("Dans son arrêt du 13 juin 2024, C-563/22, SN, la Cour de justice de l'Union européenne a dit")[
        0][2:] == ("2024-06-13", ("C-563/22",))
    assert decisions("Par son arrêt C-442/14 du 23 novembre 2016, la CJUE a jugé")[0][2:] == (
        "2016-11-23", ("C-442/14",))


def test_an_eu_range_gives_its_ends():
    assert decisions("Par arrêt du 10 juin 2021 (C-776/19 à C-782/19), la Cour de justice a dit pour droit")[0][3] == (
        "C-776/19", "C-782/19")


def test_a_date_in_another_sentence_is_not_the_judgment_s():
    text = "La loi date du 13 juin 2024. Voir C-563/22."
    assert decisions(text)[0][2] is None


def test_two_dates_before_their_court():
    text = "contre deux arrêts rendus les 22 juin 2021 et 13 avril 2022 par la cour d'appel de Paris"
    assert decisions(text) == [("CA", "Paris", "2021-06-22", ()), ("CA", "Paris", "2022-04-13", ())]


def test_a_judge_s_ordonnance_named_again_is_not_a_text_of_law():
    text = ("Par une ordonnance n° 25PA03514 du 15 septembre 2025, le président-assesseur de la 9ème chambre de la "
            "cour administrative d'appel de Paris a rejeté l'appel. M. A. demande d'annuler l'ordonnance du "
            "15 septembre 2025.")
    found = [c for c in extract(text)]
    assert [(c.kind, c.court) for c in found] == [("decision", "CAA"), ("decision", "CAA")]
    assert found[1].text == "ordonnance du 15 septembre 2025" and found[1].numbers == ("25PA03514",)


def test_an_ordonnance_of_the_government_stays_a_text_of_law():
    found = extract("Vu l'ordonnance du 15 septembre 2025 relative aux marchés publics.")
    assert [c.kind for c in found] == ["legislation"]


def test_the_judge_between_the_decision_and_its_court():
    assert decisions("La commune se pourvoit contre l'ordonnance du 21 juin 2025 par laquelle le juge des référés "
                     "du tribunal administratif de Montreuil a suspendu la décision.") == [
        ("TA", "Montreuil", "2025-06-21", ())]
    assert decisions("Par un jugement n° 2203587 du 12 novembre 2024, le magistrat désigné par le président du "
                     "tribunal administratif de Toulon a fait droit à sa demande.") == [
        ("TA", "Toulon", "2024-11-12", ("2203587",))]


def test_an_incise_between_the_decision_and_its_court():
    assert decisions("Par un jugement du 17 décembre 2019, devenu définitif, le tribunal administratif de Rouen a "
                     "fait droit à la demande.") == [("TA", "Rouen", "2019-12-17", ())]


def test_an_unnamed_court_of_appeal():
    assert decisions("l'ordonnance du premier président d'une cour d'appel du 15 novembre 2022") == [
        ("CA", None, "2022-11-15", ())]


def test_il_after_a_judgment_is_the_court_named_before():
    text = "Le tribunal administratif de Lyon a été saisi. Par un jugement du 3 mai 2022, il a annulé l'arrêté."
    [c] = [c for c in extract(text) if c.kind == "decision"]
    assert (c.court, c.seat, c.date, c.text) == ("TA", "Lyon", "2022-05-03", "jugement du 3 mai 2022")


def test_il_a_ete_is_a_person_not_the_court():
    assert decisions("Le tribunal administratif de Lyon a été saisi. Par un jugement du 3 mai 2022, il a été "
                     "condamné.") == []
    assert decisions("Le préfet a pris un arrêté. Par un jugement du 3 mai 2022, il a annulé la décision.") == []


def test_several_numbers_after_nos():
    assert decisions("Par un jugement nos 1805419, 1900370 du 15 octobre 2021, le tribunal administratif de "
                     "Toulouse a rejeté leurs demandes.") == [("TA", "Toulouse", "2021-10-15", ("1805419", "1900370"))]
