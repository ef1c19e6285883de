"""The deputies: one per seat, with their ASSEMBLEE and GP mandates (the ``acteur`` records of the AMO zip)."""
from __future__ import annotations

import bisect
from datetime import date, timedelta

from .organs import _region_type, _seats, organ_json
from .settings import FIRST_DEPOSIT, LEGISLATURE, LEGISLATURE_START, P_GROUP_CHANGE, XMLNS, XSI

# Real-looking names; the people are synthetic.
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


class Deputies:
    """The deputies of a :class:`~synthetic.legislature.Legislature` (a part of it: it uses its ``rng`` and
    lists) and the weighted draw of a question's author."""

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
