"""French-looking prose for the question and answer texts, from word lists."""
from __future__ import annotations

import random

SUBJ_SG = [
    "le dispositif actuel", "la réglementation en vigueur", "le Gouvernement", "l'État", "la réforme engagée",
    "le plan national", "la commune", "l'établissement public", "le département", "ce secteur", "la filière",
    "l'agence régionale de santé", "le conseil départemental", "la préfecture", "le service public",
    "ce mécanisme", "la loi", "l'administration", "le législateur", "chaque opérateur", "la jurisprudence",
    "la circulaire", "le fonds de soutien", "le rapport publié", "l'Office national des forêts",
    "la Caisse nationale d'assurance maladie", "France Travail", "la direction générale des finances publiques",
    "cette situation", "le ministère",
]
SUBJ_PL = [
    "les collectivités territoriales", "les élus locaux", "de nombreuses familles", "les professionnels de santé",
    "les agriculteurs", "les usagers", "les entreprises concernées", "les associations",
    "les services déconcentrés", "les petites communes", "les artisans", "les parents d'élèves",
    "les enseignants", "les personnes âgées", "les étudiants", "les travailleurs frontaliers",
    "les acteurs de terrain", "les organisations professionnelles", "les habitants des zones rurales",
    "les maires", "les bénéficiaires", "les opérateurs", "les propriétaires", "les jeunes", "les exploitants",
    "les aidants familiaux", "les pharmaciens d'officine", "les sapeurs-pompiers volontaires",
    "les personnes en situation de handicap", "les forces de l'ordre",
]
VERBS = [
    ("rencontre", "rencontrent"), ("subit", "subissent"), ("souligne", "soulignent"), ("constate", "constatent"),
    ("dénonce", "dénoncent"), ("attend", "attendent"), ("prévoit", "prévoient"), ("permet", "permettent"),
    ("encadre", "encadrent"), ("renforce", "renforcent"), ("fragilise", "fragilisent"),
    ("garantit", "garantissent"), ("réclame", "réclament"), ("met en évidence", "mettent en évidence"),
    ("pénalise", "pénalisent"), ("appelle", "appellent"), ("favorise", "favorisent"),
    ("conditionne", "conditionnent"), ("compromet", "compromettent"), ("illustre", "illustrent"),
    ("accompagne", "accompagnent"), ("finance", "financent"), ("soutient", "soutiennent"),
    ("redoute", "redoutent"), ("exige", "exigent"), ("facilite", "facilitent"), ("limite", "limitent"),
    ("assure", "assurent"), ("déplore", "déplorent"), ("prend en compte", "prennent en compte"),
]
OBJECTS = [
    "des difficultés croissantes", "un allongement préoccupant des délais", "une charge administrative excessive",
    "la revalorisation des indemnités", "l'accès effectif aux droits", "la simplification des démarches",
    "la continuité du service public", "une inégalité de traitement", "la mise en place des mesures annoncées",
    "un manque de visibilité", "la pérennité des financements", "une hausse significative des coûts",
    "la sécurité juridique des opérateurs", "le maintien des services de proximité",
    "une meilleure coordination entre les acteurs", "la reconnaissance de leur engagement",
    "la transparence des procédures", "une adaptation du cadre réglementaire", "des moyens humains supplémentaires",
    "l'attractivité des métiers concernés", "la protection des publics vulnérables",
    "une dégradation des conditions de travail", "la baisse du pouvoir d'achat",
    "une évaluation rigoureuse du dispositif", "le renforcement des contrôles", "la désertification médicale",
    "la transition écologique", "la souveraineté alimentaire", "une clarification des compétences",
    "la lutte contre la fraude", "la mise en \u0153uvre des mesures annoncées", "une concertation approfondie",
    "l'égalité entre les territoires", "la dématérialisation des procédures", "des retards de paiement",
    "la formation des personnels", "un effort budgétaire important", "la prise en charge des frais",
    "un accompagnement individualisé", "la qualité de l'accueil", "le v\u0153u exprimé par les élus",
]
# Rare on purpose: inline HTML and entities, as in the real texts (a fifth of the records or so).
RARE_COMPLEMENTS = ["<em>via</em> une plateforme dédiée", "<em>de facto</em>", "<em>in fine</em>", "<em>a priori</em>",
                    "selon le principe «\u00a0<em>dites-le-nous une fois</em>\u00a0»", "<em>stricto sensu</em>"]
RARE_OBJECTS = ["la mise en &#339;uvre des mesures annoncées", "le c&#339;ur du problème",
                "la man&#339;uvre budgétaire envisagée", "l'&#339;uvre de simplification engagée"]
COMPLEMENTS = [
    "dans les territoires ruraux", "depuis plusieurs années", "à l'échelle nationale",
    "en lien avec les partenaires sociaux", "malgré les annonces successives", "dans un contexte budgétaire contraint",
    "au détriment des usagers", "sur l'ensemble du territoire", "dans les départements d'outre-mer",
    "au cours de l'année écoulée", "dans les meilleurs délais", "en concertation avec les élus locaux",
    "conformément aux engagements pris", "dans le respect du principe d'égalité", "au bénéfice des plus modestes",
    "selon les données disponibles", "à moyen terme", "dans les zones les plus tendues", "pour l'exercice en cours",
    "à la rentrée prochaine", "au niveau européen", "dans plusieurs circonscriptions",
    "en particulier dans les quartiers prioritaires de la politique de la ville", "dans les zones de montagne",
    "depuis l'entrée en vigueur de la réforme", "via une plateforme dédiée", "par voie réglementaire",
    "sans concertation préalable",
    "à titre expérimental", "dans le cadre du plan «\u00a0France 2030\u00a0»", "au titre de la solidarité nationale",
    "à hauteur de {n} millions d'euros", "pour près de {n}\u00a0% des bénéficiaires", "depuis le {d} {m} {y}",
]
CONNECTORS = [
    "Par ailleurs,", "En outre,", "Or,", "Dans ce contexte,", "Cependant,", "De plus,", "Ainsi,",
    "En conséquence,", "À cet égard,", "Toutefois,", "Dès lors,", "Pourtant,", "Dans les faits,",
    "Concrètement,", "Parallèlement,", "De surcroît,", "Néanmoins,", "Selon plusieurs témoignages,",
    "D'après les professionnels du secteur,", "En pratique,",
]
ANSWER_SUBJECTS = ["Le Gouvernement", "Le ministère", "L'État", "Les services de l'État", "L'administration"]
ANSWER_VERBS = ["veille à", "s'attache à garantir", "entend poursuivre", "a engagé", "reste attentif à",
                "a pris des mesures pour assurer", "soutient pleinement", "étudie", "a renforcé",
                "mobilise les moyens nécessaires pour"]
CODES = ["de la santé publique", "général des collectivités territoriales", "de l'éducation", "du travail",
         "de la sécurité sociale", "de l'environnement", "rural et de la pêche maritime",
         "de l'entrée et du séjour des étrangers et du droit d'asile", "de la construction et de l'habitation",
         "général des impôts", "de commerce", "de l'urbanisme", "des transports", "de la route"]
CITATIONS = [
    "en application de la loi n°\u00a0{y}-{n3} du {d} {m} {y}",
    "au sens de l'article L.\u00a0{a}-{b} du code {code}",
    "comme l'a rappelé le Conseil d'État (CE, {d} {m} {y}, n°\u00a0{n6})",
    "ainsi que l'a jugé le Conseil constitutionnel dans sa décision n°\u00a0{y}-{n4} QPC du {d} {m} {y}",
    "en vertu du décret n°\u00a0{y}-{n4} du {d} {m} {y}",
    "selon l'arrêt de la Cour de cassation du {d} {m} {y} (pourvoi n°\u00a0{p1}-{p2})",
    "conformément à l'article R.\u00a0{a}-{b} du code {code}",
]
MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
          "novembre", "décembre"]


class Prose:
    """French-looking sentences from word lists: a pool drawn once, then texts picked from it (fast)."""

    POOL = 12000

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.question_pool = [self._sentence() for _ in range(self.POOL)]
        self.answer_pool = [self._answer_sentence() if rng.random() < 0.35 else self._sentence()
                            for _ in range(self.POOL)]

    def _fill(self, text: str) -> str:
        rng = self.rng
        if "{" not in text:
            return text
        year = rng.randrange(1995, 2026)
        return text.format(
            y=year, d=rng.randrange(1, 29), m=rng.choice(MONTHS), n=rng.randrange(2, 900),
            n3=rng.randrange(100, 1800), n4=rng.randrange(1, 1500), n6=rng.randrange(400000, 510000),
            a=rng.randrange(100, 6000), b=rng.randrange(1, 40), code=rng.choice(CODES),
            p1=rng.randrange(10, 26), p2=f"{rng.randrange(10, 99)}.{rng.randrange(100, 999)}",
        )

    def _complement(self) -> str:
        rng = self.rng
        r = rng.random()
        if r < 0.004:
            return rng.choice(RARE_COMPLEMENTS)
        if r < 0.08:
            return self._fill(rng.choice(CITATIONS))
        return self._fill(rng.choice(COMPLEMENTS))

    def _clause(self) -> str:
        rng = self.rng
        plural = rng.random() < 0.5
        subject = rng.choice(SUBJ_PL if plural else SUBJ_SG)
        verb = rng.choice(VERBS)[1 if plural else 0]
        obj = rng.choice(RARE_OBJECTS) if rng.random() < 0.003 else rng.choice(OBJECTS)
        return f"{subject} {verb} {obj}"

    def _finish(self, body: str) -> str:
        rng = self.rng
        if rng.random() < 0.55:
            body = f"{rng.choice(CONNECTORS)} {body}"
        sentence = body[0].upper() + body[1:] + "."
        if rng.random() < 0.1:
            sentence = sentence.replace("'", "\u2019")
        return sentence

    def _sentence(self) -> str:
        rng = self.rng
        parts = [self._clause()]
        if rng.random() < 0.7:
            parts.append(self._complement())
        if rng.random() < 0.3:
            parts.append(rng.choice([", alors que ", ", tandis que ", ", car ", ", mais "]).lstrip() + self._clause())
        if rng.random() < 0.25:
            parts.append(self._complement())
        text = parts[0]
        for part in parts[1:]:
            text += part if part.startswith(",") else " " + part
        return self._finish(text)

    def _answer_sentence(self) -> str:
        rng = self.rng
        text = f"{rng.choice(ANSWER_SUBJECTS)} {rng.choice(ANSWER_VERBS)} {rng.choice(OBJECTS)}"
        if rng.random() < 0.8:
            text += " " + self._complement()
        return self._finish(text[0].lower() + text[1:])

    def text(self, pool: list[str], first: str, last: str, length: int) -> str:
        """``first``, sentences from ``pool``, ``last``: at most ``length`` characters (unless first+last exceed it)."""
        random_, n, parts, size = self.rng.random, len(pool), [first], len(first) + len(last) + 1
        while True:
            sentence = pool[int(random_() * n)]
            if size + len(sentence) + 1 > length:
                break
            parts.append(sentence)
            size += len(sentence) + 1
        parts.append(last)
        return " ".join(parts)
