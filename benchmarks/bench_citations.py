"""Throughput of the citation extractor on plain French text, one core.

    python benchmarks/bench_citations.py [--mb 8] [--runs 5]

Builds a large text by concatenating varied paragraphs (question and answer prose, with a realistic density of
court decisions and texts of law: a citing sentence in seven paragraphs out of ten, about one citation
every 1,000 characters, denser than real answers) and reports the median MB/s
(UTF-8 megabytes of input per second) over several runs, with the machine it ran on.
"""
from __future__ import annotations

import argparse
import json
import platform
import random
import statistics
import time
from pathlib import Path

from hemicycle.ingest.citations import extract

ROOT = Path(__file__).resolve().parents[1]

PROSE = [
    "M. le député interroge M. le ministre de l'intérieur sur les délais de délivrance des titres de séjour "
    "dans les préfectures, qui se sont encore allongés au cours de l'année écoulée. ",
    "Les collectivités territoriales font face à une hausse sensible de leurs dépenses de fonctionnement, "
    "notamment en matière d'énergie et de masse salariale, sans compensation intégrale de l'État. ",
    "Le Gouvernement entend poursuivre la concertation engagée avec les organisations professionnelles et "
    "les associations d'élus afin de définir un calendrier de mise en œuvre réaliste. ",
    "Le salarié placé en arrêt de travail perçoit des indemnités journalières ; un décret en Conseil d'État "
    "précise les modalités d'application du présent article. ",
    "Mme la députée souhaite connaître les mesures envisagées pour garantir l'accès de tous les usagers aux "
    "services publics, y compris ceux qui ne disposent pas d'un accès à internet. ",
    "Le Conseil d'État est saisi du projet de loi ; la Cour de cassation et la Cour des comptes ont publié "
    "leurs rapports annuels le 12 mars dernier. ",
    "Le ministère a engagé, depuis le mois de septembre, une revue des procédures applicables aux demandes "
    "déposées en ligne, afin d'en réduire les délais de traitement et d'améliorer l'information des usagers. ",
    "Il convient de rappeler que les services déconcentrés disposent d'une marge d'appréciation dans "
    "l'instruction des dossiers, sous le contrôle du juge, et que les situations particulières sont examinées. ",
    "Par ailleurs, les organisations syndicales ont fait part de leurs préoccupations quant aux conditions de "
    "travail des agents, qui ont été prises en compte dans le protocole signé à l'automne. ",
    "Enfin, une évaluation du dispositif sera conduite à l'issue de la première année de mise en œuvre et ses "
    "conclusions seront rendues publiques et transmises à la représentation nationale. ",
    "Les crédits ouverts en loi de finances pour 2024 s'élèvent à 3,2 milliards d'euros, en hausse de 8 % "
    "par rapport à l'exercice précédent, soit 240 millions d'euros supplémentaires. ",
]
CITING = [
    "comme l'a récemment rappelé le Conseil d'État (CE, 5 mai 2026, Fédération des Acteurs de la solidarité "
    "et autres, n° 502860). ",
    "Cette position est constante (CE, ass., 19 juill. 2019, n° 426389 ; Cass. soc., 4 mars 2020, "
    "n° 19-13.316). ",
    "Dans sa décision du 5 avril 2022, le Conseil d'État a jugé que l'administration devait proposer une "
    "alternative. ",
    "La décision n° 2023-863 DC du 25 janvier 2024 du Conseil constitutionnel a censuré plusieurs articles. ",
    "Le décret n° 2002-65 du 14 janvier 2002 et l'arrêté du 26 décembre 2023 fixent ces règles. ",
    "Aux termes de l'article L. 554-1 du CESEDA et de l'article 375-3 du code civil, le juge statue. ",
    "La directive 2013/33/UE et le règlement (UE) 2016/679 s'appliquent (CJUE, 16 juillet 2020, "
    "C-311/18). ",
    "La CEDH l'a rappelé (CEDH, 21 janv. 2011, M.S.S. c. Belgique et Grèce, n° 30696/09). ",
    "Le tribunal administratif de Strasbourg, dans sa décision, a suspendu l'arrêté préfectoral. ",
]


def corpus(megabytes: float, seed: int = 7) -> str:
    rng = random.Random(seed)
    parts, size = [], 0
    target = int(megabytes * 1_000_000)
    while size < target:
        para = [rng.choice(PROSE) for _ in range(rng.randint(3, 8))]
        if rng.random() < 0.7:
            para.insert(rng.randrange(len(para) + 1), rng.choice(CITING))
        text = "".join(para) + "\n\n"
        parts.append(text)
        size += len(text.encode("utf-8"))
    return "".join(parts)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=8.0)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    text = corpus(args.mb)
    nbytes = len(text.encode("utf-8"))
    extract(text[:100_000])                        # warm the compiled patterns
    speeds, found = [], 0
    for _ in range(args.runs):
        t0 = time.perf_counter()
        found = len(extract(text))
        speeds.append(nbytes / 1e6 / (time.perf_counter() - t0))
    result = {
        "input_mb": round(nbytes / 1e6, 2), "runs": args.runs, "median_mb_s": round(statistics.median(speeds), 2),
        "min_mb_s": round(min(speeds), 2), "max_mb_s": round(max(speeds), 2), "citations": found,
        "citations_per_kb": round(found / (nbytes / 1000), 2),
        "machine": f"{platform.processor() or platform.machine()}, {platform.system()} {platform.release()}",
        "python": platform.python_version(),
    }
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
