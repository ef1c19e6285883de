"""A small corpus for the search tests: the shipped sample, and questions derived from its seed question, each with
its own words, rubrique, analysis, group, ministry, status and date, so that every filter and the ranking have
something to tell apart.

=========  ====  =========  ============  =========  ==========  =============================================
question   kind  group      ministry      status     deposited   what it is about
=========  ====  =========  ============  =========  ==========  =============================================
15973      QE    EPR        Intérieur     pending    2026-06-16  titres de séjour (the seed question)
90001      QE    EPR        Agriculture   pending    2026-06-16  politique agricole commune
90002      QE    RN         Intérieur     answered   2025-03-10  enjeux écologiques (an answer on l'écologie)
90003      QE    EPR        Intérieur     pending    2025-11-05  "carburants" in its analysis (title), not its text
90004      QE    EPR        Intérieur     withdrawn  2024-09-20  "carburants" once in its text, not its title
90005      QE    RN         Agriculture   lapsed     2024-10-01  jeunes agriculteurs
90006      QG    EPR        Intérieur     answered   2026-01-14  sécurité des hôpitaux (a question to the Government)
=========  ====  =========  ============  =========  ==========  =============================================
"""
from __future__ import annotations

from pathlib import Path

from support import question_record, write_json

RN = "PO999001"
AGRICULTURE = {"organeRef": "PO999101", "abrege": "Agriculture",
               "developpe": "Ministère de l'agriculture et de la souveraineté alimentaire"}
AUTHOR = "M. Guillaume Gouffier Valente"

QUESTIONS = {
    90001: dict(rubrique="agriculture", analysis="Soutien aux agriculteurs", day="2026-06-16", ministry=AGRICULTURE,
                text=f"{AUTHOR} interroge M. le ministre sur la politique agricole commune et le revenu des "
                     "exploitations agricoles de montagne."),
    90002: dict(rubrique="environnement", analysis="Artificialisation des sols", day="2025-03-10", group=RN,
                text=f"{AUTHOR} appelle l'attention sur les enjeux écologiques de l'artificialisation des sols.",
                answer="Le Gouvernement mène une politique de l'écologie attentive aux sols vivants."),
    90003: dict(rubrique="impôts et taxes", analysis="Fiscalité des carburants", day="2025-11-05",
                text=f"{AUTHOR} interroge M. le ministre sur la fiscalité applicable aux ménages ruraux."),
    90004: dict(rubrique="transports", analysis="Transports ruraux", day="2024-09-20",
                closure=("RET", "Retirée", "2024-12-01"),
                text=f"{AUTHOR} interroge M. le ministre sur les transports en zone rurale : les lignes de car "
                     "ferment les unes après les autres, les gares aussi, et le prix des carburants pèse sur "
                     "les ménages qui n'ont pas d'autre choix que la voiture pour aller travailler."),
    90005: dict(rubrique="agriculture", analysis="Installation des jeunes agriculteurs", day="2024-10-01",
                group=RN, ministry=AGRICULTURE, closure=("FM", "Fin de mandat", "2024-12-31"),
                text=f"{AUTHOR} interroge M. le ministre sur l'installation des jeunes agriculteurs."),
    90006: dict(rubrique="santé", analysis="Sécurité des hôpitaux", day="2026-01-14", kind="QG",
                text="SÉCURITÉ DES HÔPITAUX. La parole est à M. Guillaume Gouffier Valente. Les agressions "
                     "contre les soignants se multiplient dans nos hôpitaux.",
                answer="La sécurité des soignants est une priorité du Gouvernement."),
}


def record(number: int, spec: dict) -> dict:
    """The official JSON of one corpus question."""
    found = question_record(number, ministry=spec.get("ministry"), day=spec["day"])
    q = found["question"]
    if spec.get("kind") == "QG":
        q["uid"], q["type"] = f"QANR5L17QG{number}", "QG"
    q["indexationAN"] = {"rubrique": spec["rubrique"], "teteAnalyse": None,
                         "analyses": {"analyse": spec["analysis"]}}
    q["textesQuestion"]["texteQuestion"]["texte"] = spec["text"]
    if spec.get("group"):
        q["auteur"]["groupe"] = {"organeRef": spec["group"], "abrege": "RN", "developpe": "Rassemblement National"}
    if spec.get("answer"):
        q["textesReponse"] = {"texteReponse": {
            "infoJO": {"typeJO": "JO_QUESTION", "dateJO": spec["day"], "pageJO": "7000", "numJO": None,
                       "urlLegifrance": None, "referenceNOR": None},
            "texte": spec["answer"]}}
        q["cloture"] = {"codeCloture": "REP_PUB", "libelleCloture": "Réponse publiée", "dateCloture": spec["day"],
                        "infoJO": None}
    if spec.get("closure"):
        code, label, day = spec["closure"]
        q["cloture"] = {"codeCloture": code, "libelleCloture": label, "dateCloture": day, "infoJO": None}
    return found


def organs() -> dict[str, dict]:
    """The group and the ministry the corpus adds to the sample's."""
    rn = {"organe": {"uid": RN, "codeType": "GP", "libelle": "Rassemblement National", "libelleEdition": None,
                     "libelleAbrege": "RN", "libelleAbrev": "RN",
                     "viMoDe": {"dateDebut": "2024-07-18", "dateAgrement": None, "dateFin": None},
                     "organeParent": None, "legislature": "17"}}
    agriculture = {"organe": {"uid": AGRICULTURE["organeRef"], "codeType": "MINISTERE",
                              "libelle": AGRICULTURE["developpe"], "libelleEdition": None,
                              "libelleAbrege": AGRICULTURE["abrege"], "libelleAbrev": None,
                              "viMoDe": {"dateDebut": "2024-01-01", "dateAgrement": None, "dateFin": None},
                              "organeParent": None, "legislature": None}}
    return {RN: rn, AGRICULTURE["organeRef"]: agriculture}


def write_corpus(folder: Path) -> Path:
    """The corpus's records as files under ``folder`` (the sample is ingested beside them)."""
    for uid, organ in organs().items():
        write_json(folder / "amo" / "organe" / f"{uid}.json", organ)
    for number, spec in QUESTIONS.items():
        found = record(number, spec)
        write_json(folder / "questions" / f"{found['question']['uid']}.json", found)
    return folder


def uid(number: int) -> str:
    return f"QANR5L17{QUESTIONS.get(number, {}).get('kind', 'QE')}{number}"


def corpus_store(folder: Path) -> Path:
    """A store of the sample and the corpus under ``folder`` (``folder/store``), with its search index built."""
    from hemicycle.ingest.search.build import rebuild
    from hemicycle.ingest.search.index import index_path
    from hemicycle.ingest.store import GraphStore
    from hemicycle.queries.cli import sample_path
    from support import ingest

    store = GraphStore(folder / "store")
    report = ingest(store, sample_path(), write_corpus(folder / "corpus"))
    assert not report.rejections, [str(r) for r in report.rejections]
    rebuild(store, index_path(store.path), jobs=1, progress=False)
    store.store.flush()
    del store
    return folder / "store"
