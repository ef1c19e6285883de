#!/usr/bin/env python3
"""Generate a synthetic legislature of written questions, in the Assemblée nationale's official layout.

Writes, into ``--out`` (default ``benchmarks/out``):

- ``Questions_ecrites.json.zip``: ``json/QANR5L17QE{n}.json``, one record per file, ``{"question": {...}}`` on one
  line with non-ASCII escaped as ``\\uXXXX``, with the key structure of the real ``QANR5L17QE5268.json``;
- ``AMO_synthetic.json.zip``: ``acteur/PA….json`` and ``organe/PO….json`` (ASSEMBLEE, CIRCONSCRIPTION, GP,
  GOUVERNEMENT, MINISTERE) in the real AMO JSON shapes, so that every reference in the questions resolves;
- ``legislature.json``: a manifest (count, seed, generator version, sizes, record counts, time, distributions).

The output depends only on ``--count``, ``--seed`` and :data:`GENERATOR_VERSION` (zip timestamps are fixed),
so two runs with the same options produce byte-identical zips. Synthetic identifiers start at 9,000,000
(``PA9000001``, ``PM91…``, ``PO9…``) so they never collide with real ones.

Not seen in any real file, so the shapes below are this generator's guesses (the ingesters must take them or
report them, not crash): the JSON form of ``signalement`` and ``renouvellements`` (see
:func:`signalement_json`), and the closure codes of withdrawn and lapsed questions (:data:`OTHER_CLOSURES`).

``--check`` re-reads the output and checks every record: it parses, is one ASCII line serialised like the
real file, has exactly the real record's nested keys (a repeatable element may be a list, a nullable block
may be null), and every acteur, mandate and organ it names exists in the AMO zip, consistently with dates.

Usage::

    python benchmarks/make_legislature.py                      # 50,000 questions, seed 17
    python benchmarks/make_legislature.py --count 2000 --check
    python benchmarks/make_legislature.py --check-only         # check what is already in --out
"""
from __future__ import annotations

import argparse
import bisect
import json
import os
import random
import re
import statistics
import sys
import time
import zipfile
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

GENERATOR_VERSION = "1"

HERE = Path(__file__).resolve().parent
DEFAULT_OUT = HERE / "out"
QUESTIONS_ZIP = "Questions_ecrites.json.zip"
AMO_ZIP = "AMO_synthetic.json.zip"
MANIFEST = "legislature.json"
SHARED = HERE.parent.parent / "shared" / "data" / "an"
DEFAULT_REFERENCE = SHARED / "questions" / "QANR5L17QE5268.json"
DEFAULT_REFERENCE_AMO = SHARED / "amo" / "l17-acteurs-organes-mixed-2025.json.zip"
ZIP_DATE = (2026, 1, 6, 8, 0, 0)  # fixed, so the zips are reproducible

LEGISLATURE = "17"
REGIME = "5eme Republique"  # as in the question records (the organs say "5ème République")
XMLNS = "http://schemas.assemblee-nationale.fr/referentiel"
XSI = "http://www.w3.org/2001/XMLSchema-instance"

LEGISLATURE_START = date(2024, 7, 18)
FIRST_DEPOSIT = date(2024, 10, 1)  # a Tuesday: the JO "questions" issue comes out on Tuesdays
DEPOSIT_WEEKS = 104  # questions are spread over two years whatever --count is
SNAPSHOT = FIRST_DEPOSIT + timedelta(weeks=DEPOSIT_WEEKS + 2)  # "today" for the dump: no later JO date

ANSWERED, PENDING = 0.85, 0.10  # the rest is closed without an answer
OTHER_CLOSURES = [("RET", "Retirée", 0.6), ("FM", "Fin de mandat", 0.4)]  # codes not seen in a real file
P_TRANSFER = 0.10  # two or three minAttrib entries
P_SIGNALEMENT = 0.03
P_RENEWAL = 0.04
P_SHARED_ANSWER = 0.02  # reuse the previous answer of the same ministry (several questions, one answer)
P_GROUP_CHANGE = 0.04  # deputies with two successive GP mandates

# --------------------------------------------------------------------------------------------------------
# Reference lists (real-looking names; the people are synthetic).

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

FIRST_NAMES_M = (
    "Adrien Alain Alexandre Antoine Arnaud Aurélien Baptiste Benoît Bertrand Bruno Cédric Charles Christophe "
    "Damien David Didier Dominique Éric Étienne Fabien Florent François Frédéric Gaël Guillaume Hervé Hugo "
    "Jacques Jean Jérôme Joël Julien Laurent Loïc Louis Marc Mathieu Maxime Michel Nicolas Olivier Pascal "
    "Patrick Philippe Pierre Raphaël Rémi Romain Sébastien Stéphane Thibault Thierry Thomas Vincent Xavier Yannick"
).split()
FIRST_NAMES_F = (
    "Agnès Amélie Anne Annie Aurore Béatrice Brigitte Camille Caroline Cécile Chantal Charlotte Christine "
    "Claire Clémence Corinne Danièle Delphine Élise Élodie Émilie Estelle Fabienne Florence Françoise Géraldine "
    "Hélène Isabelle Jeanne Julie Justine Karine Laure Laurence Léa Lucie Manon Marie Marine Martine Mathilde "
    "Mélanie Nadia Nathalie Océane Pauline Sabine Sandrine Sarah Sophie Stéphanie Sylvie Valérie Véronique Virginie"
).split()
LAST_NAMES = (
    "Martin Bernard Thomas Petit Robert Richard Durand Dubois Moreau Laurent Simon Michel Lefèbvre Leroy Roux "
    "David Bertrand Morel Fournier Girard Bonnet Dupont Lambert Fontaine Rousseau Vincent Muller Lefèvre Faure "
    "André Mercier Blanc Guérin Boyer Garnier Chevalier François Legrand Gauthier Garcia Perrin Robin Clément "
    "Morin Nicolas Henry Roussel Mathieu Gautier Masson Marchand Duval Denis Dumont Marie Lemaire Noël Meyer "
    "Dufour Meunier Brun Blanchard Giraud Joly Rivière Lucas Brunet Gaillard Barbier Arnaud Martinez Gérard "
    "Roche Renard Schmitt Roy Leroux Colin Vidal Caron Picard Roger Fabre Aubert Lemoine Renaud Dumas Lacroix "
    "Olivier Philippe Bourgeois Pierre Benoît Rey Leclerc Payet Rolland Leclercq Guillaume Lecomte Lopez Jean "
    "Dupuy Guillot Hubert Berger Carpentier Sanchez Dupuis Moulin Louis Deschamps Huet Vasseur Perez Boucher "
    "Fleury Royer Klein Jacquet Adam Paris Poirier Marty Aubry Guyot Carré Charles Renault Charpentier Ménard "
    "Maillard Baron Bertin Bailly Hervé Schneider Fernandez Le Gall Collet Léger Bouvier Julien Prévost Millet "
    "Perrot Daniel Le Roux Cousin Germain Breton Besson Langlois Rémy Le Goff Pelletier Lévêque Perrier "
    "Leblanc Barré Lebrun Marchal Weber Mallet Hamon Boulanger Jacob Monnier Michaud Rodriguez Guichard Gillet "
    "Étienne Grondin Poulain Tessier Chevallier Collin Chauvin Da Silva Bouchet Gay Lemaître Bénard Maréchal "
    "Humbert Reynaud Antoine Hoarau Perret Barthélémy Cordier Pichon Lejeune Gilbert Lamy Delaunay Pasquier "
    "Carlier Laporte Saint-Martin Delmas Castelnau Ferrand-Lacoste Le Bihan Kerbrat Etcheverry Casanova"
).split()
PROFESSIONS = [
    ("Cadre du secteur privé", "Cadres administratifs et commerciaux d'entreprise", "Cadres et professions intellectuelles supérieures"),
    ("Avocat", "Professions libérales", "Cadres et professions intellectuelles supérieures"),
    ("Professeur des écoles", "Professeurs des écoles, instituteurs et assimilés", "Professions Intermédiaires"),
    ("Agriculteur", "Agriculteurs sur moyenne exploitation", "Agriculteurs exploitants"),
    ("Médecin", "Professions libérales", "Cadres et professions intellectuelles supérieures"),
    ("Fonctionnaire territorial", "Cadres de la fonction publique", "Cadres et professions intellectuelles supérieures"),
    ("Chef d'entreprise", "Chefs d'entreprise de 10 salariés ou plus", "Artisans, commerçants et chefs d'entreprise"),
    ("Infirmière", "Professions intermédiaires de la santé et du travail social", "Professions Intermédiaires"),
    ("Employé", "Employés administratifs d'entreprise", "Employés"),
    ("Retraité", "Anciens cadres", "Retraités"),
]
CITIES = ["Lyon", "Marseille", "Toulouse", "Nantes", "Lille", "Rennes", "Reims", "Brest", "Tours", "Limoges",
          "Amiens", "Metz", "Besançon", "Caen", "Orléans", "Rouen", "Pau", "Nîmes", "Angers", "Dijon",
          "Clermont-Ferrand", "Saint-Étienne", "Perpignan", "Poitiers", "Bayonne", "Quimper", "Ajaccio"]

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


# --------------------------------------------------------------------------------------------------------
# Dates and Journal officiel references

def tuesday_on_or_after(day: date) -> date:
    return day + timedelta(days=(1 - day.weekday()) % 7)


def jo_issue(day: date) -> int:
    """Number of the JO "questions" issue of that Tuesday in its year: 2025-03-25 is issue 12."""
    first = tuesday_on_or_after(date(day.year, 1, 1))
    return (day - first).days // 7 + 1


def info_jo(day: date | None, page: int | None = None, numbered: bool = True, type_jo: str = "JO_QUESTION") -> dict:
    return {
        "typeJO": type_jo,
        "dateJO": day.isoformat() if day else None,
        "pageJO": str(page) if page is not None else None,
        "numJO": f"{day.year}{jo_issue(day):04d}" if (numbered and day) else None,
        "urlLegifrance": None,
        "referenceNOR": None,
    }


def page_base(day: date) -> int:
    return 1 + (jo_issue(day) - 1) * 190


# --------------------------------------------------------------------------------------------------------
# Prose

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


# --------------------------------------------------------------------------------------------------------
# The legislature: organs, deputies, then questions

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


class Legislature:
    def __init__(self, count: int, seed: int):
        self.count, self.seed = count, seed
        self.rng = random.Random(seed)
        self.organs: list[dict] = []
        self.acteurs: list[dict] = []
        self._make_organs()
        self._make_deputies()
        self.prose = Prose(random.Random(seed * 7919 + 1))
        self.analyses = [(_elide(title.format(s)), _elide(phrase.format(s)))
                         for title, phrase in ANALYSIS_TEMPLATES for s in ANALYSIS_SUBJECTS]

    # organs
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

    # deputies
    def _make_deputies(self) -> None:
        rng = self.rng
        seats = _seats()
        group_of_seat = [uid for uid, _, _, n in self.groups for _ in range(n)]
        rng.shuffle(group_of_seat)
        names = set()
        self.deputies = []  # dicts: uid, civ, prenom, nom, mandate, groups[(start, end, uid)], weight
        pm = 9100000
        for i, (dep_code, dep_name, region, circo) in enumerate(seats):
            female = rng.random() < 0.38
            while True:
                prenom = rng.choice(FIRST_NAMES_F if female else FIRST_NAMES_M)
                nom = rng.choice(LAST_NAMES)
                if rng.random() < 0.08:
                    nom = f"{nom}-{rng.choice(LAST_NAMES)}"
                if (prenom, nom) not in names:
                    names.add((prenom, nom))
                    break
            uid = f"PA{9000001 + i}"
            pm += 1
            assemblee_mandate = f"PM{pm}"
            circo_uid = f"PO91{i + 1:05d}"
            group = group_of_seat[i]
            group_spells = [(LEGISLATURE_START + timedelta(days=1), None, group)]
            if rng.random() < P_GROUP_CHANGE:
                change = FIRST_DEPOSIT + timedelta(days=rng.randrange(60, 600))
                other = rng.choice([g[0] for g in self.groups if g[0] != group])
                group_spells = [(LEGISLATURE_START + timedelta(days=1), change - timedelta(days=1), group),
                                (change, None, other)]
            gp_mandates = []
            for start, end, group_uid in group_spells:
                pm += 1
                gp_mandates.append((f"PM{pm}", start, end, group_uid))
            deputy = {"uid": uid, "female": female, "prenom": prenom, "nom": nom, "mandate": assemblee_mandate,
                      "gp": gp_mandates, "starts": [m[1] for m in gp_mandates],
                      "weight": min(40.0, rng.paretovariate(1.6))}  # a few deputies ask many questions
            self.deputies.append(deputy)
            self.acteurs.append(self._acteur_json(deputy, dep_code, dep_name, region, circo, circo_uid))
            self.organs.append(organ_json(
                circo_uid, "CIRCONSCRIPTION", "OrganeCirconscription_type",
                f"{circo}{'ère' if circo == 1 else 'ème'} circonscription de {dep_name}", "de la circonscription",
                f"{dep_code} {dep_name} (° {circo}°)", "CIRCO", date(2024, 7, 1), None, chambre=None,
                regime="5ème République", legislature=LEGISLATURE, numero=str(circo),
                lieu={"region": {"type": _region_type(region), "libelle": region},
                      "departement": {"codeNatureDep": "M" if len(dep_code) == 2 else "D", "code": dep_code,
                                      "libelle": dep_name}}))
        self.cum_weights = []
        total = 0.0
        for deputy in self.deputies:
            total += deputy["weight"]
            self.cum_weights.append(total)

    def _acteur_json(self, d: dict, dep_code: str, dep_name: str, region: str, circo: int, circo_uid: str) -> dict:
        rng = self.rng
        civ = "Mme" if d["female"] else "M."
        profession = rng.choice(PROFESSIONS)
        born = date(1950, 1, 1) + timedelta(days=rng.randrange(0, 365 * 50))
        mandates = [{
            "@xmlns:xsi": XSI, "@xsi:type": "MandatParlementaire_type", "uid": d["mandate"], "acteurRef": d["uid"],
            "legislature": LEGISLATURE, "typeOrgane": "ASSEMBLEE", "dateDebut": "2024-07-07",
            "datePublication": None, "dateFin": None, "preseance": "50", "nominPrincipale": "1",
            "infosQualite": {"codeQualite": "membre", "libQualite": "membre", "libQualiteSex": "membre"},
            "organes": {"organeRef": self.assemblee},
            "suppleants": {"suppleant": {"dateDebut": "2024-07-07", "dateFin": None,
                                         "suppleantRef": f"PA{8000001 + int(d['uid'][2:]) - 9000001}"}},
            "chambre": None,
            "election": {"lieu": {"region": region, "regionType": _region_type(region), "departement": dep_name,
                                  "numDepartement": dep_code, "numCirco": str(circo)},
                         "causeMandat": "élections générales", "refCirconscription": circo_uid},
            "mandature": {"datePriseFonction": "2024-07-08", "causeFin": None,
                          "premiereElection": "1" if rng.random() < 0.4 else "0",
                          "placeHemicycle": str(rng.randrange(1, 650)), "mandatRemplaceRef": None},
            "collaborateurs": {"collaborateur": [
                {"qualite": rng.choice(["M.", "Mme"]), "prenom": rng.choice(FIRST_NAMES_F + FIRST_NAMES_M),
                 "nom": rng.choice(LAST_NAMES), "dateDebut": None, "dateFin": None} for _ in range(2)]},
        }]
        for uid, start, end, group in d["gp"]:
            mandates.append({
                "@xmlns:xsi": XSI, "@xsi:type": "MandatSimple_Type", "uid": uid, "acteurRef": d["uid"],
                "legislature": LEGISLATURE, "typeOrgane": "GP", "dateDebut": start.isoformat(),
                "datePublication": start.isoformat(), "dateFin": end.isoformat() if end else None,
                "preseance": "20", "nominPrincipale": "1",
                "infosQualite": {"codeQualite": "Membre", "libQualite": "Membre du", "libQualiteSex": "Membre du"},
                "organes": {"organeRef": group}})
        slug = f"{d['nom']}-{d['prenom']}".lower().replace(" ", "-")
        return {"acteur": {
            "@xmlns": XMLNS,
            "uid": {"@xmlns:xsi": XSI, "@xsi:type": "IdActeur_type", "#text": d["uid"]},
            "etatCivil": {
                "ident": {"civ": civ, "prenom": d["prenom"], "nom": d["nom"],
                          "alpha": d["nom"].replace(" ", "")[:11], "trigramme": (d["prenom"][0] + d["nom"][:2]).upper()},
                "infoNaissance": {"dateNais": born.isoformat(), "villeNais": rng.choice(CITIES),
                                  "depNais": dep_name, "paysNais": "France"},
                "dateDeces": {"@xmlns:xsi": XSI, "@xsi:nil": "true"},
            },
            "profession": {"libelleCourant": profession[0],
                           "socProcINSEE": {"catSocPro": profession[1], "famSocPro": profession[2]}},
            "uri_hatvp": f"https://www.hatvp.fr/pages_nominatives/{slug}",
            "adresses": {"adresse": [
                {"@xmlns:xsi": XSI, "@xsi:type": "AdressePostale_Type", "uid": f"AD{int(d['uid'][2:]) + 100000}",
                 "type": "0", "typeLibelle": "Adresse officielle", "poids": "1", "adresseDeRattachement": None,
                 "intitule": "Assemblée nationale,", "numeroRue": "126", "nomRue": "Rue de l'Université,",
                 "complementAdresse": None, "codePostal": "75355", "ville": "Paris 07 SP"},
                {"@xmlns:xsi": XSI, "@xsi:type": "AdresseMail_Type", "uid": f"AD{int(d['uid'][2:]) + 200000}",
                 "type": "15", "typeLibelle": "Mèl", "poids": None, "adresseDeRattachement": None,
                 "valElec": f"{slug}@assemblee-nationale.fr"},
            ]},
            "mandats": {"mandat": mandates},
        }}

    # questions
    def _author(self) -> dict:
        x = self.rng.random() * self.cum_weights[-1]
        return self.deputies[bisect.bisect_left(self.cum_weights, x)]

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
        rng, prose = self.rng, self.prose
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
                    last_answer[current["uid"]] = (end_day, answer)

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


# --------------------------------------------------------------------------------------------------------
# Writing

def _dumps(obj: dict) -> bytes:
    # json.dumps defaults = the real files: ", " and ": " separators, non-ASCII as \uXXXX, no newline
    return json.dumps(obj).encode("ascii")


def _zip_info(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
    info.create_system = 3
    if name.endswith("/"):
        info.external_attr = (0o40755 << 16) | 0x10
        info.compress_type = zipfile.ZIP_STORED
    else:
        info.external_attr = 0o100644 << 16
        info.compress_type = zipfile.ZIP_DEFLATED
    return info


def generate(count: int, seed: int, out: Path, quiet: bool = False) -> dict:
    out.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    legislature = Legislature(count, seed)
    q_path, amo_path = out / QUESTIONS_ZIP, out / AMO_ZIP
    q_tmp, amo_tmp = q_path.with_suffix(".tmp"), amo_path.with_suffix(".tmp")

    raw_q = 0
    with zipfile.ZipFile(q_tmp, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(_zip_info("json/"), b"")
        for i, (uid, record) in enumerate(legislature.questions(), 1):
            data = _dumps(record)
            raw_q += len(data)
            zf.writestr(_zip_info(f"json/{uid}.json"), data)
            if not quiet and i % 10000 == 0:
                print(f"  {i:,} questions, {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    raw_amo = 0
    with zipfile.ZipFile(amo_tmp, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(_zip_info("acteur/"), b"")
        for acteur in legislature.acteurs:
            data = _dumps(acteur)
            raw_amo += len(data)
            zf.writestr(_zip_info(f"acteur/{acteur['acteur']['uid']['#text']}.json"), data)
        zf.writestr(_zip_info("organe/"), b"")
        for organ in legislature.organs:
            data = _dumps(organ)
            raw_amo += len(data)
            zf.writestr(_zip_info(f"organe/{organ['organe']['uid']}.json"), data)
    os.replace(q_tmp, q_path)
    os.replace(amo_tmp, amo_path)
    seconds = time.perf_counter() - t0
    organ_types = Counter(o["organe"]["codeType"] for o in legislature.organs)
    manifest = {
        "generator_version": GENERATOR_VERSION, "count": count, "seed": seed, "seconds": round(seconds, 2),
        "records": {"questions": count, "acteurs": len(legislature.acteurs), "organes": len(legislature.organs),
                    "total": count + len(legislature.acteurs) + len(legislature.organs)},
        "organe_types": dict(sorted(organ_types.items())),
        "files": {
            "questions": {"path": QUESTIONS_ZIP, "bytes": q_path.stat().st_size, "uncompressed_bytes": raw_q},
            "amo": {"path": AMO_ZIP, "bytes": amo_path.stat().st_size, "uncompressed_bytes": raw_amo},
        },
    }
    (out / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return manifest


def ensure(count: int, seed: int, out: Path, quiet: bool = False) -> tuple[dict, bool]:
    """Reuse the legislature in ``out`` when its manifest matches, else generate it. Returns (manifest, reused)."""
    try:
        manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
        if (manifest["count"], manifest["seed"], manifest["generator_version"]) == (count, seed, GENERATOR_VERSION) \
                and all((out / f["path"]).stat().st_size == f["bytes"] for f in manifest["files"].values()):
            return manifest, True
    except (OSError, ValueError, KeyError):
        pass
    return generate(count, seed, out, quiet=quiet), False


# --------------------------------------------------------------------------------------------------------
# Self-check

REPEATABLE = {"minAttrib", "analyse", "texteQuestion", "texteReponse", "renouvellement"}
NULLABLE_BLOCKS = {"question.textesReponse", "question.cloture", "question.signalement", "question.renouvellements"}
# Blocks null in the reference record: their shape is this generator's own (see signalement_json).
_INFO_JO = {k: None for k in ("typeJO", "dateJO", "pageJO", "numJO", "urlLegifrance", "referenceNOR")}
EXTENSIONS = {
    "question.signalement": {"dateDepotSignal": None, "infoJO": _INFO_JO},
    "question.renouvellements": {"renouvellement": {"dateRenouvellement": None, "infoJO": _INFO_JO}},
}


def skeleton(value):
    """Nested keys of a JSON value: dicts keep their keys, lists merge their elements, scalars become None."""
    if isinstance(value, dict):
        return {k: skeleton(v) for k, v in value.items()}
    if isinstance(value, list):
        merged: dict = {}
        for item in value:
            s = skeleton(item)
            if isinstance(s, dict):
                merged.update(s)
        return merged or None
    return None


def compare(expected, actual, path: str, errors: list[str]) -> None:
    """Exact nested-key comparison of a record against the reference skeleton."""
    if path in EXTENSIONS and actual is not None and expected is None:
        expected = EXTENSIONS[path]
    key = path.rsplit(".", 1)[-1]
    if isinstance(actual, list):
        if key not in REPEATABLE:
            errors.append(f"{path}: list where the reference has {type(expected).__name__}")
            return
        if len(actual) < 2:
            errors.append(f"{path}: a list of {len(actual)} (one entry must be a single object)")
        for item in actual:
            compare(expected, item, path, errors)
        return
    if isinstance(expected, dict):
        if actual is None:
            if path not in NULLABLE_BLOCKS:
                errors.append(f"{path}: null where the reference has an object")
            return
        if not isinstance(actual, dict):
            errors.append(f"{path}: {type(actual).__name__} where the reference has an object")
            return
        if list(actual) != list(expected):
            missing, extra = set(expected) - set(actual), set(actual) - set(expected)
            errors.append(f"{path}: keys differ (missing {sorted(missing)}, extra {sorted(extra)})"
                          if missing or extra else f"{path}: key order differs")
        for k in expected:
            if k in actual:
                compare(expected[k], actual[k], f"{path}.{k}", errors)
    elif isinstance(actual, dict):
        errors.append(f"{path}: object where the reference has a scalar")


def compare_subset(reference, actual, path: str, errors: list[str]) -> None:
    """Every key of ``actual`` exists at the same place in ``reference`` (AMO records: we emit a subset)."""
    if isinstance(actual, list):
        for item in actual:
            compare_subset(reference, item, path, errors)
    elif isinstance(actual, dict):
        if not isinstance(reference, dict):
            errors.append(f"{path}: object where the reference has a scalar")
            return
        for k, v in actual.items():
            if k not in reference:
                errors.append(f"{path}.{k}: not in the reference")
            else:
                compare_subset(reference[k], v, f"{path}.{k}", errors)


def _as_list(value) -> list:
    return value if isinstance(value, list) else [] if value is None else [value]


def check(out: Path, reference: Path, reference_amo: Path | None) -> bool:
    """Re-read the generated zips and check them. Prints a report; returns True when all is well."""
    t0 = time.perf_counter()
    errors: list[str] = []

    def fail(message: str) -> None:
        if len(errors) < 30:
            print(f"  FAIL {message}")
        errors.append(message)

    ref = json.loads(reference.read_text(encoding="utf-8"))
    ref_skeleton = skeleton(ref)
    ref_raw = reference.read_bytes()
    if ref_raw != _dumps(ref):  # the convention we copy: check it still describes the real file
        print(f"  note: {reference.name} is not serialised as json.dumps() defaults")

    # AMO
    amo_ref_acteur, amo_ref_organs = None, {}
    if reference_amo and reference_amo.exists():
        with zipfile.ZipFile(reference_amo) as zf:
            amo_ref_acteur = skeleton(json.loads(zf.read("acteur/PA721296.json")))
            for name in zf.namelist():
                if name.startswith("organe/") and name.endswith(".json"):
                    organ = json.loads(zf.read(name))
                    merged = amo_ref_organs.setdefault(organ["organe"]["codeType"], {"organe": {}})
                    merged["organe"].update(skeleton(organ)["organe"])
    else:
        print("  note: reference AMO zip not found, AMO key structure not checked")
    acteurs, organs, mandates = {}, {}, {}
    with zipfile.ZipFile(out / AMO_ZIP) as zf:
        for name in zf.namelist():
            if not name.endswith(".json"):
                continue
            raw = zf.read(name)
            body = json.loads(raw)
            if raw != _dumps(body) or not raw.isascii():
                fail(f"{name}: not serialised like the real files")
            kind = name.split("/")[0]
            if kind == "acteur":
                uid = body["acteur"]["uid"]["#text"]
                acteurs[uid] = body["acteur"]
                for m in _as_list(body["acteur"]["mandats"]["mandat"]):
                    mandates[m["uid"]] = m
                if amo_ref_acteur:
                    e: list[str] = []
                    compare_subset(amo_ref_acteur, body, "", e)
                    for message in e:
                        fail(f"{name}{message}")
            else:
                uid = body["organe"]["uid"]
                organs[uid] = body["organe"]
                if amo_ref_organs:
                    e = []
                    compare_subset(amo_ref_organs.get(body["organe"]["codeType"], {}), body, "", e)
                    for message in e:
                        fail(f"{name}{message}")
            if name != f"{kind}/{uid}.json":
                fail(f"{name}: uid {uid} does not match the file name")
    for uid, organ in organs.items():
        if organ["codeType"] == "MINISTERE":
            parent = organs.get(organ["organeParent"])
            if not parent or parent["codeType"] != "GOUVERNEMENT":
                fail(f"{uid}: organeParent {organ['organeParent']} is not a GOUVERNEMENT organ")
    for uid, m in mandates.items():
        if m["organes"]["organeRef"] not in organs:
            fail(f"mandate {uid}: organ {m['organes']['organeRef']} missing")
        if m["typeOrgane"] == "ASSEMBLEE" and m["election"]["refCirconscription"] not in organs:
            fail(f"mandate {uid}: circonscription {m['election']['refCirconscription']} missing")

    def active(organ_uid: str, day: str) -> bool:
        v = organs[organ_uid]["viMoDe"]
        return v["dateDebut"] <= day and (v["dateFin"] is None or day <= v["dateFin"])

    # questions
    stats: Counter = Counter()
    q_len, a_len, delays, authors, rubriques, ministries, uids = [], [], [], set(), set(), set(), []
    with zipfile.ZipFile(out / QUESTIONS_ZIP) as zf:
        names = zf.namelist()
        if names[0] != "json/":
            fail("the first member is not the json/ directory")
        for name in names[1:]:
            raw = zf.read(name)
            try:
                body = json.loads(raw)
            except ValueError as exc:
                fail(f"{name}: does not parse ({exc})")
                continue
            if not raw.isascii() or b"\n" in raw or raw != _dumps(body):
                fail(f"{name}: not one ASCII line serialised like the real file")
            q = body.get("question") if isinstance(body, dict) else None
            e = []
            compare(ref_skeleton["question"], q, "question", e)
            for message in e:
                fail(f"{name}: {message}")
            if e:
                continue  # the checks below assume the structure
            try:
                uid = q["uid"]
                uids.append(uid)
                if name != f"json/{uid}.json" or uid != f"QANR5L17QE{q['identifiant']['numero']}":
                    fail(f"{name}: uid {uid} does not match the file name or the number")
                deposit = q["textesQuestion"]["texteQuestion"]["infoJO"]["dateJO"]
                # references resolve, consistently with dates
                author = q["auteur"]
                acteur = acteurs.get(author["identite"]["acteurRef"])
                mandate = mandates.get(author["identite"]["mandatRef"])
                if not acteur or not mandate or mandate["acteurRef"] != author["identite"]["acteurRef"] \
                        or mandate["typeOrgane"] != "ASSEMBLEE":
                    fail(f"{uid}: author or mandate does not resolve to an ASSEMBLEE mandate")
                elif not any(m["typeOrgane"] == "GP" and m["organes"]["organeRef"] == author["groupe"]["organeRef"]
                             and m["dateDebut"] <= deposit and (m["dateFin"] is None or deposit <= m["dateFin"])
                             for m in _as_list(acteur["mandats"]["mandat"])):
                    fail(f"{uid}: group {author['groupe']['organeRef']} is not the author's group on {deposit}")
                authors.add(author["identite"]["acteurRef"])
                attributions = _as_list(q["minAttribs"]["minAttrib"])
                if q["minInt"]["organeRef"] != attributions[0]["denomination"]["organeRef"]:
                    fail(f"{uid}: minInt is not the first minAttrib")
                for a in attributions:
                    ref_uid, day = a["denomination"]["organeRef"], a["infoJO"]["dateJO"]
                    if ref_uid not in organs or organs[ref_uid]["codeType"] != "MINISTERE":
                        fail(f"{uid}: ministry {ref_uid} missing")
                    elif not active(ref_uid, day):
                        fail(f"{uid}: ministry {ref_uid} not in existence on {day}")
                    ministries.add(ref_uid)
                days = [a["infoJO"]["dateJO"] for a in attributions]
                if days != sorted(days) or days[0] != deposit:
                    fail(f"{uid}: attribution dates out of order")
                stats["transfers" if len(attributions) > 1 else "single attribution"] += 1
                rubriques.add(q["indexationAN"]["rubrique"])
                stats[f"analyses={len(_as_list(q['indexationAN']['analyses']['analyse']))}"] += 1
                q_len.append(len(q["textesQuestion"]["texteQuestion"]["texte"]))
                cloture = q["cloture"]
                if q["textesReponse"]:
                    answer = q["textesReponse"]["texteReponse"]
                    a_len.append(len(answer["texte"]))
                    answered = answer["infoJO"]["dateJO"]
                    delays.append((date.fromisoformat(answered) - date.fromisoformat(deposit)).days)
                    if not cloture or cloture["codeCloture"] != "REP_PUB" or cloture["dateCloture"] != answered:
                        fail(f"{uid}: answered without a REP_PUB closure on the answer date")
                    if answered <= deposit or answered < days[-1]:
                        fail(f"{uid}: answer dated before the deposit or the last attribution")
                    stats["answered"] += 1
                elif cloture:
                    stats[f"closed {cloture['codeCloture']}"] += 1
                else:
                    stats["pending"] += 1
                if q["signalement"]:
                    stats["signalement"] += 1
                if q["renouvellements"]:
                    stats["renouvellements"] += 1
                stats["html <em>"] += b"<em>" in raw
                stats["entity &#339;"] += b"&#339;" in raw
            except (KeyError, TypeError, ValueError, IndexError) as exc:
                fail(f"{name}: unexpected content ({type(exc).__name__}: {exc})")
    n = len(uids)
    if len(set(uids)) != n:
        fail(f"{n - len(set(uids))} duplicate uid(s)")
    seconds = time.perf_counter() - t0
    print(f"checked {n:,} questions, {len(acteurs)} acteurs, {len(organs)} organes in {seconds:.1f} s")
    if n:
        for k in sorted(stats):
            print(f"  {k:<22} {stats[k]:>8,}  {100 * stats[k] / n:5.1f} %")
        print(f"  question text chars   min {min(q_len):,}  median {int(statistics.median(q_len)):,}  max {max(q_len):,}")
        if a_len:
            print(f"  answer text chars     min {min(a_len):,}  median {int(statistics.median(a_len)):,}  max {max(a_len):,}")
            print(f"  answer delay (days)   min {min(delays)}  median {int(statistics.median(delays))}  max {max(delays)}")
        print(f"  distinct authors {len(authors)}, ministries {len(ministries)}, rubriques {len(rubriques)}")
    print("CHECK OK" if not errors else f"CHECK FAILED: {len(errors)} problem(s)")
    return not errors


# --------------------------------------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=50000, help="number of written questions (default 50000)")
    parser.add_argument("--seed", type=int, default=17, help="random seed (default 17)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"output directory (default {DEFAULT_OUT})")
    parser.add_argument("--check", action="store_true", help="after generating, check every record")
    parser.add_argument("--check-only", action="store_true", help="only check what is already in --out")
    parser.add_argument("--reference", type=Path, default=DEFAULT_REFERENCE,
                        help="the real record whose key structure is copied (default: %(default)s)")
    parser.add_argument("--reference-amo", type=Path, default=DEFAULT_REFERENCE_AMO,
                        help="a real AMO zip for the acteur/organe key check (default: %(default)s)")
    parser.add_argument("--quiet", action="store_true")
    args = parser.parse_args(argv)
    if args.count < 1:
        parser.error("--count must be at least 1")
    if (args.check or args.check_only) and not args.reference.exists():
        parser.error(f"reference record not found: {args.reference} (give --reference)")

    if not args.check_only:
        manifest = generate(args.count, args.seed, args.out, quiet=args.quiet)
        files = manifest["files"]
        rate = manifest["count"] / manifest["seconds"] if manifest["seconds"] else float("inf")
        print(f"generated {manifest['count']:,} questions, {manifest['records']['acteurs']} acteurs, "
              f"{manifest['records']['organes']} organes (seed {args.seed}) in {manifest['seconds']:.1f} s "
              f"({rate:,.0f} questions/s)")
        for f in files.values():
            print(f"  {args.out / f['path']}: {f['bytes'] / 1e6:,.1f} MB zipped, "
                  f"{f['uncompressed_bytes'] / 1e6:,.1f} MB of JSON")
    if args.check or args.check_only:
        return 0 if check(args.out, args.reference, args.reference_amo) else 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
