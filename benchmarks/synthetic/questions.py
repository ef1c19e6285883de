"""The written questions: their indexation, author, ministries, fate, dates and texts (the records of the
questions zip)."""
from __future__ import annotations

import bisect
import random
import re
from collections import Counter
from datetime import date, timedelta

from .journal import info_jo, page_base, tuesday_on_or_after
from .organs import GOVERNMENTS
from .settings import (ANSWERED, DEPOSIT_WEEKS, FIRST_DEPOSIT, LEGISLATURE, OTHER_CLOSURES, P_RENEWAL,
                       P_SHARED_ANSWER, P_SIGNALEMENT, P_TRANSFER, PENDING, REGIME, SNAPSHOT, XMLNS, XSI)

RUBRIQUES = [
    "administration", "agriculture", "agroalimentaire", "aménagement du territoire", "animaux",
    "anciens combattants et victimes de guerre", "arts et spectacles", "assurance maladie maternité",
    "assurances", "audiovisuel et communication", "automobiles", "banques et établissements financiers",
    "bâtiment et travaux publics", "bioéthique", "bois et forêts", "chasse et pêche", "chômage",
    "collectivités territoriales", "commerce et artisanat", "communes", "consommation",
    "crimes, délits et contraventions", "culture", "déchets", "défense", "droits fondamentaux",
    "eau et assainissement", "économie sociale et solidaire", "élections et référendums", "élus",
    "emploi et activité", "énergie et carburants", "enfants", "enseignement", "enseignement agricole",
    "enseignement maternel et primaire", "enseignement secondaire", "enseignement supérieur", "entreprises",
    "environnement", "établissements de santé", "État", "étrangers", "famille", "femmes",
    "fonction publique de l'État", "fonction publique hospitalière", "fonction publique territoriale",
    "fonctionnaires et agents publics", "formation professionnelle et apprentissage", "frontaliers",
    "handicapés", "hôtellerie et restauration", "impôt sur le revenu", "impôts et taxes", "impôts locaux",
    "industrie", "internet", "jeunes", "justice", "logement", "logement : aides et prêts", "marchés publics",
    "médecine", "mer et littoral", "montagne", "numérique", "outre-mer", "personnes âgées",
    "pharmacie et médicaments", "police", "politique extérieure", "politique sociale", "pollution",
    "postes", "professions de santé", "professions libérales", "recherche et innovation",
    "retraites : généralités", "retraites : régime général", "ruralité", "santé",
    "sécurité des biens et des personnes", "sécurité routière", "sécurité sociale", "sports",
    "taxe sur la valeur ajoutée", "télécommunications", "terrorisme", "tourisme et loisirs", "transports",
    "transports ferroviaires", "travail", "union européenne", "urbanisme", "voirie",
]

# Analyses: (title form, the form that follows "sur" in the question's first sentence)
ANALYSIS_TEMPLATES = [
    ("Situation des {}", "la situation des {}"), ("Accès aux {}", "l'accès aux {}"),
    ("Financement des {}", "le financement des {}"), ("Reconnaissance des {}", "la reconnaissance des {}"),
    ("Revalorisation des {}", "la revalorisation des {}"), ("Avenir des {}", "l'avenir des {}"),
    ("Difficultés rencontrées par les {}", "les difficultés rencontrées par les {}"),
    ("Délais de traitement des {}", "les délais de traitement des {}"),
    ("Conditions d'exercice des {}", "les conditions d'exercice des {}"),
    ("Statut des {}", "le statut des {}"), ("Accompagnement des {}", "l'accompagnement des {}"),
    ("Contrôle des {}", "le contrôle des {}"), ("Fermeture des {}", "la fermeture des {}"),
    ("Pénurie de {}", "la pénurie de {}"), ("Encadrement des {}", "l'encadrement des {}"),
]
ANALYSIS_SUBJECTS = [
    "aides-soignants", "titres de séjour", "communes rurales", "petites lignes ferroviaires",
    "pharmacies d'officine", "sapeurs-pompiers volontaires", "accompagnants d'élèves en situation de handicap",
    "agriculteurs biologiques", "établissements d'hébergement pour personnes âgées dépendantes",
    "médecins généralistes", "maisons France services", "infirmiers libéraux", "travailleurs frontaliers",
    "associations sportives", "bureaux de poste", "centres de santé", "éleveurs ovins", "chauffeurs de taxi",
    "entreprises de transport routier", "contrats aidés", "logements sociaux", "assistantes maternelles",
    "retraités agricoles", "gardes forestiers", "stations de ski", "élus locaux", "forces de l'ordre",
    "victimes de violences conjugales", "étudiants ultramarins", "apprentis", "artisans boulangers",
    "collectivités d'outre-mer", "orthophonistes", "musées de France", "pêcheurs professionnels",
    "zones à faibles émissions", "conseillers numériques", "services de protection de l'enfance",
    "médicaments génériques", "écoles de musique", "débits de tabac", "diamants synthétiques",
    "véhicules électriques", "maternités de proximité", "intermittents du spectacle", "anciens harkis",
]


class Questions:
    """The questions of a :class:`~synthetic.legislature.Legislature` (a part of it: it uses its ``rng``, its
    organs, deputies and prose)."""

    def _ministry(self, rubrique: str, day: date) -> tuple[str, dict]:
        rng = self.rng
        keys = self.portfolios_of_rubrique.get(rubrique)
        key = rng.choice(keys) if keys and rng.random() < 0.85 else rng.choice(self.portfolio_keys)
        return key, self.ministries[(self.government_on(day), key)]

    @staticmethod
    def _ref(ministry: dict) -> dict:
        return {"organeRef": ministry["uid"], "abrege": ministry["abrege"], "developpe": ministry["developpe"]}

    def questions(self):
        """Yield (uid, record dict) for questions 1..count, in number order."""
        rng, prose, templates = self.rng, self.prose, self.templates
        page_counter: Counter = Counter()
        last_answer: dict[str, tuple[date, dict]] = {}  # ministry uid -> (answer date, texteReponse)
        for n in range(1, self.count + 1):
            uid = f"QANR5L17QE{n}"
            deposit = FIRST_DEPOSIT + timedelta(weeks=(n - 1) * DEPOSIT_WEEKS // self.count)
            page_counter[deposit] += 1
            question_page = page_base(deposit) + page_counter[deposit] // 5

            deputy = self._author()
            spell = bisect.bisect_right(deputy["starts"], deposit) - 1
            _, _, _, group_uid = deputy["gp"][max(spell, 0)]
            group = next(g for g in self.groups if g[0] == group_uid)
            rubrique = rng.choice(RUBRIQUES)
            key, ministry = self._ministry(rubrique, deposit)
            analyses = rng.sample(self.analyses, rng.choice([1, 1, 1, 2, 3]))

            # fate: answered, pending, or closed without an answer; then the dates that lead there
            fate = rng.random()
            status = "answered" if fate < ANSWERED else "pending" if fate < ANSWERED + PENDING else "closed"
            room = (SNAPSHOT - deposit).days
            delay = min(400, 1 + int(rng.gammavariate(2.0, 55.0)))
            if status == "answered" and delay > room:
                delay = rng.randrange(1, room) if room > 7 else 0
                if not delay:
                    status = "pending"
            signal_day = None
            if rng.random() < P_SIGNALEMENT and status != "closed" and room > 130:
                signal_day = tuesday_on_or_after(deposit + timedelta(days=rng.randrange(70, 120)))
                if status == "answered":
                    delay = max(delay, (signal_day - deposit).days + rng.randrange(7, 30))
            renewals = []
            if rng.random() < P_RENEWAL and status != "closed" and room > 100:
                for _ in range(rng.choice([1, 1, 2])):
                    last = renewals[-1] if renewals else deposit + timedelta(days=60)
                    day = tuesday_on_or_after(last + timedelta(days=rng.randrange(40, 150)))
                    if day < SNAPSHOT:
                        renewals.append(day)
                if status == "answered" and renewals:
                    delay = max(delay, (renewals[-1] - deposit).days + rng.randrange(7, 60))
            if status == "answered":  # 1-400 days, after any signalement or renewal
                delay = min(delay, 394)
                limit = deposit + timedelta(days=delay - 7)
                renewals = [day for day in renewals if day < limit]
                if signal_day and signal_day >= limit:
                    signal_day = None
            end_day = tuesday_on_or_after(deposit + timedelta(days=delay)) if status == "answered" else None
            if end_day and end_day > SNAPSHOT:
                end_day = None
                status = "pending"
            if status == "closed":
                if room > 21:
                    end_day = tuesday_on_or_after(deposit + timedelta(days=rng.randrange(7, min(room - 7, 400))))
                else:
                    status = "pending"

            # attributions: the first is the ministry questioned; transfers add one or two
            attributions = [(deposit, ministry)]
            if rng.random() < P_TRANSFER:
                horizon = end_day or SNAPSHOT
                day = deposit
                for _ in range(rng.choice([1, 1, 1, 2])):
                    if (horizon - day).days < 14:
                        break
                    day = day + timedelta(days=rng.randrange(7, max(8, min(120, (horizon - day).days - 6))))
                    g = self.government_on(day)
                    if g != self.government_on(attributions[-1][0]) and rng.random() < 0.7:
                        nxt = self.ministries[(g, key)]  # re-attributed to the new government's organ
                        day = max(day, GOVERNMENTS[g - 1][2] + timedelta(days=rng.randrange(0, 5)))
                    else:
                        key = rng.choice([k for k in self.portfolio_keys if k != key])
                        nxt = self.ministries[(g, key)]
                    if day >= horizon:
                        break
                    attributions.append((day, nxt))
            current = attributions[-1][1]

            civ = "Mme" if deputy["female"] else "M."
            minister = "Mme la ministre" if ministry["feminine"] else "M. le ministre"
            if key == "PM":
                minister = "Mme la Première ministre" if ministry["feminine"] else "M. le Premier ministre"
                edition = ""
            else:
                edition = " " + ministry["edition"]
            first = f"{civ} {deputy['prenom']} {deputy['nom']} interroge {minister}{edition} sur {analyses[0][1]}."
            pronoun = "Elle" if deputy["female"] else "Il"
            last = rng.choice([
                f"{pronoun} lui demande donc quelles mesures le Gouvernement entend prendre pour y remédier.",
                f"{pronoun} souhaite connaître la position du Gouvernement sur ce sujet.",
                f"{'Mme la députée' if deputy['female'] else 'M. le député'} demande donc à {minister} "
                f"de préciser les intentions du Gouvernement en la matière.",
                f"{pronoun} l'interroge sur les suites que le Gouvernement entend donner à ces propositions.",
            ])
            question_text = prose.text(prose.question_pool, first, last, rng.randrange(1750, 3500))
            if templates is not None and n in templates:  # drawn above all the same: the rest does not change
                question_text = templates.question(n, deputy, minister, edition, last)

            answer = None
            if status == "answered":
                shared = last_answer.get(current["uid"])
                if shared and shared[0] > attributions[-1][0] and not signal_day and not renewals \
                        and rng.random() < P_SHARED_ANSWER:
                    end_day, answer = shared  # same text, same JO date and page as an earlier question
                else:
                    answer_page = page_base(end_day) + 40 + rng.randrange(150)
                    answer = {"infoJO": info_jo(end_day, answer_page), "texte": prose.text(
                        prose.answer_pool, rng.choice(prose.answer_pool), rng.choice(prose.answer_pool),
                        rng.randrange(2250, 5000))}
                    if templates is not None:
                        answer = templates.answer(n, deputy, answer)
                    last_answer[current["uid"]] = (end_day, answer)
                if templates is not None:
                    templates.record_answer(uid, answer)

            if status == "answered":
                cloture = {"codeCloture": "REP_PUB", "libelleCloture": "Réponse publiée",
                           "dateCloture": end_day.isoformat(), "infoJO": answer["infoJO"]}
            elif status == "closed":
                r, acc = rng.random(), 0.0
                for code, label, share in OTHER_CLOSURES:
                    acc += share
                    if r < acc:
                        break
                cloture = {"codeCloture": code, "libelleCloture": label, "dateCloture": end_day.isoformat(),
                           "infoJO": info_jo(end_day, page_base(end_day) + rng.randrange(180))}
            else:
                cloture = None

            record = {
                "@xmlns": XMLNS, "@xmlns:xsi": XSI, "@xsi:type": "QuestionEcrite_Type", "uid": uid,
                "identifiant": {"numero": str(n), "regime": REGIME, "legislature": LEGISLATURE},
                "type": "QE",
                "indexationAN": {"rubrique": rubrique, "teteAnalyse": None,
                                 "analyses": {"analyse": _one_or_list([a[0] for a in analyses])}},
                "auteur": {"identite": {"acteurRef": deputy["uid"], "mandatRef": deputy["mandate"]},
                           "groupe": {"organeRef": group[0], "abrege": group[1], "developpe": group[2]}},
                "minInt": self._ref(ministry),
                "minAttribs": {"minAttrib": _one_or_list([
                    {"infoJO": info_jo(day, numbered=False), "denomination": self._ref(m)} for day, m in attributions])},
                "textesQuestion": {"texteQuestion": {"infoJO": info_jo(deposit, question_page), "texte": question_text}},
                "textesReponse": {"texteReponse": answer} if answer else None,
                "cloture": cloture,
                "signalement": signalement_json(signal_day, rng) if signal_day else None,
                "renouvellements": renouvellements_json(renewals) if renewals else None,
            }
            yield uid, {"question": record}


def _elide(text: str) -> str:
    return re.sub(r"\bde (?=[aeiouyéèêh])", "d'", text)


def _one_or_list(items: list):
    return items[0] if len(items) == 1 else items


def signalement_json(day: date, rng: random.Random) -> dict:
    """This generator's guess at the JSON form of a signalement (no real file seen): lodging date + JO."""
    return {"dateDepotSignal": (day - timedelta(days=rng.randrange(3, 10))).isoformat(),
            "infoJO": info_jo(day, page_base(day) + rng.randrange(5))}


def renouvellements_json(days: list[date]) -> dict:
    """This generator's guess at the JSON form of renewals (no real file seen): one JO reference each."""
    return {"renouvellement": _one_or_list([{"dateRenouvellement": d.isoformat(), "infoJO": info_jo(d)} for d in days])}
