"""The organs: the Assemblée, its political groups, the 577 circonscriptions, the governments and their
ministries (the ``organe`` records of the AMO zip)."""
from __future__ import annotations

from datetime import date

from .settings import LEGISLATURE, XMLNS, XSI

# Portfolios: (key, abrege, developpe, libelleEdition, libelleAbrev, rubriques it usually answers).
# Each government has one MINISTERE organ per portfolio; the second government renames a few.
PORTFOLIOS = [
    ("PM", "Premier ministre", "Premier ministre", "du Premier ministre", "PM", ["État", "élus", "élections et référendums"]),
    ("INT", "Intérieur", "Ministère de l’intérieur", "de l’intérieur", "INT", ["étrangers", "police", "sécurité des biens et des personnes", "sécurité routière", "terrorisme", "crimes, délits et contraventions", "communes"]),
    ("ECO", "Économie, finances, souveraineté industrielle et numérique", "Ministère de l’économie, des finances et de la souveraineté industrielle et numérique", "de l’économie, des finances et de la souveraineté industrielle et numérique", "ECO", ["entreprises", "commerce et artisanat", "industrie", "banques et établissements financiers", "consommation", "assurances", "numérique", "internet", "télécommunications", "postes", "hôtellerie et restauration", "professions libérales"]),
    ("CPT", "Comptes publics", "Ministère chargé des comptes publics", "chargé des comptes publics", "CPT", ["impôts et taxes", "impôt sur le revenu", "impôts locaux", "taxe sur la valeur ajoutée", "marchés publics", "frontaliers"]),
    ("JUS", "Justice", "Ministère de la justice", "de la justice", "JUS", ["justice", "droits fondamentaux", "crimes, délits et contraventions"]),
    ("SAN", "Santé et accès aux soins", "Ministère de la santé et de l’accès aux soins", "de la santé et de l’accès aux soins", "SAN", ["santé", "médecine", "établissements de santé", "professions de santé", "pharmacie et médicaments", "assurance maladie maternité", "bioéthique", "fonction publique hospitalière"]),
    ("TRA", "Travail et emploi", "Ministère du travail et de l’emploi", "du travail et de l’emploi", "TRA", ["travail", "emploi et activité", "chômage", "formation professionnelle et apprentissage", "retraites : généralités", "retraites : régime général", "sécurité sociale", "économie sociale et solidaire"]),
    ("SOL", "Solidarités, autonomie et égalité entre les femmes et les hommes", "Ministère des solidarités, de l’autonomie et de l’égalité entre les femmes et les hommes", "des solidarités, de l’autonomie et de l’égalité entre les femmes et les hommes", "SOL", ["politique sociale", "personnes âgées", "handicapés", "famille", "femmes", "enfants"]),
    ("EDU", "Éducation nationale", "Ministère de l’éducation nationale", "de l’éducation nationale", "EDU", ["enseignement", "enseignement maternel et primaire", "enseignement secondaire", "jeunes"]),
    ("ESR", "Enseignement supérieur et recherche", "Ministère de l’enseignement supérieur et de la recherche", "de l’enseignement supérieur et de la recherche", "ESR", ["enseignement supérieur", "recherche et innovation"]),
    ("ARM", "Armées et anciens combattants", "Ministère des armées et des anciens combattants", "des armées et des anciens combattants", "ARM", ["défense", "anciens combattants et victimes de guerre"]),
    ("EUR", "Europe et affaires étrangères", "Ministère de l’Europe et des affaires étrangères", "de l’Europe et des affaires étrangères", "EUR", ["politique extérieure", "union européenne"]),
    ("AGR", "Agriculture et souveraineté alimentaire", "Ministère de l’agriculture et de la souveraineté alimentaire", "de l’agriculture et de la souveraineté alimentaire", "AGR", ["agriculture", "agroalimentaire", "enseignement agricole", "bois et forêts", "animaux", "ruralité"]),
    ("ECL", "Transition écologique, biodiversité, forêt, mer et pêche", "Ministère de la transition écologique, de la biodiversité, de la forêt, de la mer et de la pêche", "de la transition écologique, de la biodiversité, de la forêt, de la mer et de la pêche", "ECL", ["environnement", "pollution", "déchets", "eau et assainissement", "mer et littoral", "chasse et pêche", "énergie et carburants", "montagne"]),
    ("TRS", "Transports", "Ministère chargé des transports", "chargé des transports", "TRS", ["transports", "transports ferroviaires", "automobiles", "voirie"]),
    ("LOG", "Logement", "Ministère chargé du logement", "chargé du logement", "LOG", ["logement", "logement : aides et prêts", "urbanisme", "bâtiment et travaux publics"]),
    ("ATD", "Aménagement du territoire et décentralisation", "Ministère de l’aménagement du territoire et de la décentralisation", "de l’aménagement du territoire et de la décentralisation", "ATD", ["aménagement du territoire", "collectivités territoriales", "communes", "fonction publique territoriale", "ruralité"]),
    ("FPU", "Action publique, fonction publique et simplification", "Ministère de l’action publique, de la fonction publique et de la simplification", "de l’action publique, de la fonction publique et de la simplification", "FPU", ["fonction publique de l'État", "fonctionnaires et agents publics", "administration"]),
    ("CUL", "Culture", "Ministère de la culture", "de la culture", "CUL", ["culture", "arts et spectacles", "audiovisuel et communication"]),
    ("SPO", "Sports, jeunesse et vie associative", "Ministère des sports, de la jeunesse et de la vie associative", "des sports, de la jeunesse et de la vie associative", "SPO", ["sports", "jeunes", "tourisme et loisirs"]),
    ("OM", "Outre-mer", "Ministère des outre-mer", "des outre-mer", "OM", ["outre-mer"]),
]
RENAMED_IN_SECOND_GOVERNMENT = {
    "ECO": ("Économie, finances, souveraineté industrielle, énergétique et numérique", "Ministère de l’économie, des finances et de la souveraineté industrielle, énergétique et numérique", "de l’économie, des finances et de la souveraineté industrielle, énergétique et numérique"),
    "TRA": ("Travail et solidarités", "Ministère du travail et des solidarités", "du travail et des solidarités"),
    "ECL": ("Transition écologique, biodiversité et négociations internationales sur le climat et la nature", "Ministère de la transition écologique, de la biodiversité et des négociations internationales sur le climat et la nature", "de la transition écologique, de la biodiversité et des négociations internationales sur le climat et la nature"),
}
# (uid suffix, libelleAbrege, start, end): two successive governments of the legislature.
GOVERNMENTS = [(1, "SYNTH I", date(2024, 9, 21), date(2025, 10, 10)), (2, "SYNTH II", date(2025, 10, 11), None)]

# (abrege, developpe, seats, colour)
GROUPS = [
    ("RN", "Rassemblement National", 123, "#0D378A"),
    ("EPR", "Ensemble pour la République", 92, "#7B4591"),
    ("LFI-NFP", "La France insoumise - Nouveau Front Populaire", 71, "#CC2443"),
    ("SOC", "Socialistes et apparentés", 66, "#E1A5E1"),
    ("DR", "Droite Républicaine", 47, "#2A7FD4"),
    ("EcoS", "Écologiste et Social", 38, "#77AA79"),
    ("Dem", "Les Démocrates", 36, "#E2762D"),
    ("HOR", "Horizons & Indépendants", 34, "#4C9BD4"),
    ("LIOT", "Libertés, Indépendants, Outre-mer et Territoires", 23, "#F7C52B"),
    ("GDR", "Gauche Démocrate et Républicaine", 17, "#C41E3A"),
    ("UDR", "Union des droites pour la République", 16, "#1E2A5E"),
    ("NI", "Non inscrit", 14, "#A9A9A9"),
]

REGIONS = {
    "Auvergne-Rhône-Alpes": "01 03 07 15 26 38 42 43 63 69 73 74",
    "Bourgogne-Franche-Comté": "21 25 39 58 70 71 89 90",
    "Bretagne": "22 29 35 56",
    "Centre-Val de Loire": "18 28 36 37 41 45",
    "Corse": "2A 2B",
    "Grand Est": "08 10 51 52 54 55 57 67 68 88",
    "Hauts-de-France": "02 59 60 62 80",
    "Ile-de-France": "75 77 78 91 92 93 94 95",
    "Normandie": "14 27 50 61 76",
    "Nouvelle-Aquitaine": "16 17 19 23 24 33 40 47 64 79 86 87",
    "Occitanie": "09 11 12 30 31 32 34 46 48 65 66 81 82",
    "Pays de la Loire": "44 49 53 72 85",
    "Provence-Alpes-Côte d'Azur": "04 05 06 13 83 84",
    "Guadeloupe": "971", "Martinique": "972", "Guyane": "973", "La Réunion": "974", "Mayotte": "976",
    "Collectivités d'outre-mer": "975 977 986 987 988",
    "Français établis hors de France": "099",
}
# code: (name, seats); seats close to the real ones, scaled to 577 by _seats()
DEPARTMENTS = {
    "01": ("Ain", 5), "02": ("Aisne", 5), "03": ("Allier", 3), "04": ("Alpes-de-Haute-Provence", 2),
    "05": ("Hautes-Alpes", 2), "06": ("Alpes-Maritimes", 9), "07": ("Ardèche", 3), "08": ("Ardennes", 3),
    "09": ("Ariège", 2), "10": ("Aube", 3), "11": ("Aude", 3), "12": ("Aveyron", 3),
    "13": ("Bouches-du-Rhône", 16), "14": ("Calvados", 6), "15": ("Cantal", 2), "16": ("Charente", 3),
    "17": ("Charente-Maritime", 5), "18": ("Cher", 3), "19": ("Corrèze", 2), "2A": ("Corse-du-Sud", 2),
    "2B": ("Haute-Corse", 2), "21": ("Côte-d'Or", 5), "22": ("Côtes-d'Armor", 5), "23": ("Creuse", 1),
    "24": ("Dordogne", 4), "25": ("Doubs", 5), "26": ("Drôme", 4), "27": ("Eure", 5),
    "28": ("Eure-et-Loir", 4), "29": ("Finistère", 8), "30": ("Gard", 6), "31": ("Haute-Garonne", 10),
    "32": ("Gers", 2), "33": ("Gironde", 12), "34": ("Hérault", 9), "35": ("Ille-et-Vilaine", 8),
    "36": ("Indre", 2), "37": ("Indre-et-Loire", 5), "38": ("Isère", 10), "39": ("Jura", 3),
    "40": ("Landes", 3), "41": ("Loir-et-Cher", 3), "42": ("Loire", 6), "43": ("Haute-Loire", 2),
    "44": ("Loire-Atlantique", 10), "45": ("Loiret", 6), "46": ("Lot", 2), "47": ("Lot-et-Garonne", 3),
    "48": ("Lozère", 1), "49": ("Maine-et-Loire", 7), "50": ("Manche", 4), "51": ("Marne", 5),
    "52": ("Haute-Marne", 2), "53": ("Mayenne", 3), "54": ("Meurthe-et-Moselle", 6), "55": ("Meuse", 2),
    "56": ("Morbihan", 6), "57": ("Moselle", 9), "58": ("Nièvre", 2), "59": ("Nord", 21), "60": ("Oise", 7),
    "61": ("Orne", 3), "62": ("Pas-de-Calais", 12), "63": ("Puy-de-Dôme", 5),
    "64": ("Pyrénées-Atlantiques", 6), "65": ("Hautes-Pyrénées", 2), "66": ("Pyrénées-Orientales", 4),
    "67": ("Bas-Rhin", 9), "68": ("Haut-Rhin", 6), "69": ("Rhône", 14), "70": ("Haute-Saône", 2),
    "71": ("Saône-et-Loire", 5), "72": ("Sarthe", 5), "73": ("Savoie", 4), "74": ("Haute-Savoie", 6),
    "75": ("Paris", 18), "76": ("Seine-Maritime", 10), "77": ("Seine-et-Marne", 11), "78": ("Yvelines", 12),
    "79": ("Deux-Sèvres", 3), "80": ("Somme", 5), "81": ("Tarn", 3), "82": ("Tarn-et-Garonne", 2),
    "83": ("Var", 8), "84": ("Vaucluse", 5), "85": ("Vendée", 5), "86": ("Vienne", 4),
    "87": ("Haute-Vienne", 3), "88": ("Vosges", 4), "89": ("Yonne", 3), "90": ("Territoire de Belfort", 2),
    "91": ("Essonne", 10), "92": ("Hauts-de-Seine", 13), "93": ("Seine-Saint-Denis", 12),
    "94": ("Val-de-Marne", 11), "95": ("Val-d'Oise", 10), "971": ("Guadeloupe", 4),
    "972": ("Martinique", 4), "973": ("Guyane", 2), "974": ("Réunion", 7), "976": ("Mayotte", 2),
    "975": ("Saint-Pierre-et-Miquelon", 1), "977": ("Saint-Barthélemy et Saint-Martin", 1),
    "986": ("Wallis-et-Futuna", 1), "987": ("Polynésie Française", 3), "988": ("Nouvelle-Calédonie", 2),
    "099": ("Français établis hors de France", 11),
}


def _seats() -> list[tuple[str, str, str, int]]:
    """(department code, name, region, circonscription number) for 577 seats."""
    region_of = {code: region for region, codes in REGIONS.items() for code in codes.split()}
    seats = {code: n for code, (_, n) in DEPARTMENTS.items()}
    codes = list(DEPARTMENTS)
    total = sum(seats.values())
    i = 0
    while total != 577:  # nudge the biggest departments, deterministically
        big = sorted(codes, key=lambda c: (-seats[c], c))[i % 10]
        seats[big] += 1 if total < 577 else -1
        total += 1 if total < 577 else -1
        i += 1
    return [(code, DEPARTMENTS[code][0], region_of[code], k) for code in codes for k in range(1, seats[code] + 1)]


def _region_type(region: str) -> str:
    if region == "Français établis hors de France":
        return "Etranger"
    if region in {"Guadeloupe", "Martinique", "Guyane", "La Réunion", "Mayotte", "Collectivités d'outre-mer"}:
        return "Outre-mer"
    return "Métropolitain"


def organ_json(uid: str, code_type: str, xsi_type: str, libelle: str, edition: str, abrege: str, abrev: str,
               start: date, end: date | None, parent: str | None = None, **extra) -> dict:
    body = {"@xmlns": XMLNS, "@xmlns:xsi": XSI, "@xsi:type": xsi_type, "uid": uid, "codeType": code_type,
            "libelle": libelle, "libelleEdition": edition, "libelleAbrege": abrege, "libelleAbrev": abrev,
            "viMoDe": {"dateDebut": start.isoformat(), "dateAgrement": None, "dateFin": end.isoformat() if end else None},
            "organeParent": parent}
    body.update(extra)
    return {"organe": body}


class Organs:
    """The organs of a :class:`~synthetic.legislature.Legislature` (a part of it: it uses its ``rng`` and lists)."""

    def _make_organs(self) -> None:
        self.assemblee = "PO9000001"
        self.organs.append(organ_json(
            self.assemblee, "ASSEMBLEE", "OrganeParlementaire_Type", "Assemblée nationale de la 17ème législature",
            "de l'Assemblée", "Assemblée", "AN", date(2024, 7, 1), None, chambre=None, regime="5ème République",
            legislature=LEGISLATURE, secretariat={"secretaire01": None, "secretaire02": None}))
        self.groups = []  # (uid, abrege, developpe, seats)
        for i, (abrege, developpe, seats, colour) in enumerate(GROUPS, 1):
            uid = f"PO92000{i:02d}"
            self.groups.append((uid, abrege, developpe, seats))
            self.organs.append(organ_json(
                uid, "GP", "GroupePolitique_type", developpe, f"du groupe {developpe}", abrege, abrege,
                date(2024, 7, 18), None, chambre=None, regime="5ème République", legislature=LEGISLATURE,
                secretariat={"secretaire01": None, "secretaire02": None}, positionPolitique=None,
                preseance=str(i), couleurAssociee=colour))
        # ministries: government g, portfolio p -> organ; successive organs are chained
        self.ministries: dict[tuple[int, str], dict] = {}
        previous: dict[str, str] = {}
        for g, abrege, start, end in GOVERNMENTS:
            gov_uid = f"PO93000{g:02d}"
            self.organs.append(organ_json(
                gov_uid, "GOUVERNEMENT", "OrganeExterne_Type", "Gouvernement", "du Gouvernement", abrege, "GVT",
                start, end, None, preseance=None, organePrecedentRef=f"PO93000{g - 1:02d}" if g > 1 else None))
            for i, (key, short, long_, edition, abrev, _) in enumerate(PORTFOLIOS, 1):
                if g > 1 and key in RENAMED_IN_SECOND_GOVERNMENT:
                    short, long_, edition = RENAMED_IN_SECOND_GOVERNMENT[key]
                uid = f"PO94{g:02d}0{i:02d}"
                self.ministries[(g, key)] = {"uid": uid, "abrege": short, "developpe": long_, "edition": edition,
                                             "start": start, "end": end, "feminine": self.rng.random() < 0.4}
                self.organs.append(organ_json(
                    uid, "MINISTERE", "OrganeExterne_Type", long_, edition, short, abrev, start, end, gov_uid,
                    preseance=str(i), organePrecedentRef=previous.get(key)))
                previous[key] = uid
        self.portfolio_keys = [p[0] for p in PORTFOLIOS]
        self.portfolios_of_rubrique: dict[str, list[str]] = {}
        for key, *_, rubriques in PORTFOLIOS:
            for rubrique in rubriques:
                self.portfolios_of_rubrique.setdefault(rubrique, []).append(key)

    def government_on(self, day: date) -> int:
        for g, _, start, end in reversed(GOVERNMENTS):
            if day >= start:
                return g
        return GOVERNMENTS[0][0]
