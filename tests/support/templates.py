"""Texts for the template detector's tests (tests/ingest/families): two templates written for them, copies of them
under other names, and pair scores against planted families."""
from __future__ import annotations

from datetime import date

from hemicycle.ingest.families import TextRecord

WOLF = ("{name} attire l'attention de M. le ministre de l'agriculture sur la détresse des éleveurs ovins du "
        "{place}. Les attaques de loups ont doublé en deux ans dans les estives du département, et les "
        "indemnisations versées par l'État arrivent avec près d'un an de retard, quand elles arrivent. Les chiens "
        "de protection, les clôtures électrifiées et le gardiennage renforcé restent pour l'essentiel à la charge "
        "des exploitants, dont les revenus sont déjà parmi les plus faibles de l'agriculture française. Beaucoup "
        "d'éleveurs envisagent désormais de cesser leur activité, ce qui menacerait l'entretien des paysages de "
        "montagne et le pastoralisme lui-même. Il lui demande quelles mesures le Gouvernement entend prendre.")
DOCTORS = ("{name} interroge Mme la ministre de la santé sur la fermeture de nuit du service des urgences de "
           "l'hôpital du {place}. Faute de médecins urgentistes, les patients doivent parcourir plus de soixante "
           "kilomètres pour être pris en charge, sur des routes enneigées une partie de l'hiver. Les pompiers "
           "volontaires assurent des transports de plus en plus longs, au détriment de leurs autres missions, et "
           "les médecins généralistes du secteur, déjà surchargés, ne peuvent absorber cette demande. Les élus "
           "locaux proposent un recrutement partagé avec le centre hospitalier régional, resté sans réponse. Elle "
           "souhaite connaître la position du Gouvernement sur ce sujet.")
ADDED = " Dans le {place}, plus de quarante exploitations ont déjà été touchées depuis le printemps dernier."
AUTHORS = [("Jean Martin", "Jura"), ("Claire Dubois", "Doubs"), ("Paul Durand", "Ain"), ("Sophie Le Goff", "Savoie"),
           ("Éric Lefèvre", "Isère"), ("Anne Fontaine", "Drôme"), ("Luc Moreau", "Var")]


def record(uid: str, template: str, author: int, day: date, added: bool = False, drop: str | None = None,
           kind: str = "QE") -> TextRecord:
    """A copy of a template under one of :data:`AUTHORS` (name and department), dated ``day``: with a sentence
    about its department added, and the sentence that starts with ``drop`` left out, when asked."""
    name, place = AUTHORS[author]
    text = template.format(name=f"M. {name}", place=place)
    if added:
        text = text.replace(". Les", ADDED.format(place=place) + " Les", 1)
    if drop:
        start = text.index(drop)
        text = text[:start] + text[text.index(". ", start) + 2:]
    return TextRecord(uid, text, day, 17, kind, f"PA{author}", name, f"{place} (1re circonscription)", "GRP")


def bridge(uid: str, day: date) -> TextRecord:
    """A text that is half a copy of each template: similar enough to both to join their families."""
    first = record("x", WOLF, 6, day).text.rsplit(" Il lui demande", 1)[0]
    second = record("x", DOCTORS, 6, day).text.split(" sur ", 1)[1]
    return TextRecord(uid, f"{first} {second}", day, 17, "QE", "PA6", AUTHORS[6][0], AUTHORS[6][1], "GRP")


def scores(families, planted) -> tuple[float, float]:
    """Pair precision and recall (see benchmarks/eval_templates.py)."""
    from eval_templates import pair_scores

    result = pair_scores([family.uids for family in families], planted)
    return result["precision"], result["recall"]
