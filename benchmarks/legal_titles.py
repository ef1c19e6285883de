"""A labelled set nobody here wrote: the decisions of ../shared/data/legal/*.jsonl, cited as the databases print them.

    python benchmarks/legal_titles.py [--write titles.jsonl] [--show N]

Each record of the corpus (``SOURCE`` says where the files come from) is a decision with its metadata: court,
date, case numbers, formation, ECLI. Each is turned into citations whose answers are those fields, not anyone's
reading of the text:

* ``title``: the record's own title, verbatim, when it cites the decision (Légifrance's ``Cour de cassation,
  civile, Chambre civile 1, 12 juillet 2023, 22-17.030, Publié au bulletin``, the administrative courts' open data
  ``Cour administrative d'appel de Marseille - Décision - 6ème chambre - formation à 3 - n° … - du 2026-03-02``);
  titles that cite no decision (the Conseil constitutionnel's ``A.N., Val-de-Marne (2ème circ.)``, the CADA's
  and the Défenseur des droits' acts, which are no court's) are negatives: nothing is to be found there;
* ``legifrance``, ``juricaf``, ``site``, ``court``: the metadata in the layout of another database or of the
  court's own citations (the Cour de cassation's ``1re Civ., 12 juillet 2023, pourvoi n° 22-17.030``, as its
  ``rapprochements`` write them; its site's ``Arrêt n°543 du 12 juillet 2023 (22-17.030) - Cour de cassation -
  Première chambre civile - ECLI:…``): the layout is a template, the values are the record's;
* ``ecli``: the record's ECLI alone, which gives what it holds and nothing more (a Cour de cassation ECLI gives
  neither the pourvoi number nor the date);
* ``rapprochement``: the decisions Judilibre lists as related, as the court wrote them; the number is the
  linked one, the rest is not labelled.

The expected ECLI is the record's when the citation states it or states all its parts (CE: formation, number
and date; CC: number and date); otherwise none, and any ECLI the extractor gives is one it cannot know. The CNDA
titles are summaries in prose (and the CNDA is not a court the extractor knows yet): they are left out.
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LEGAL = ROOT.parent / "shared" / "data" / "legal"
MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
          "novembre", "décembre")
LEBON = {"A": "Publié au recueil Lebon", "B": "Mentionné aux tables du recueil Lebon"}
# the Cour de cassation's chambers: (Légifrance's formation, Judilibre's chamber) → ECLI code, the court's own
# abbreviation, the name its site prints
CASS_CHAMBERS = {
    ("CHAMBRE_CIVILE_1", "civ1"): ("C1", "1re Civ.", "Première chambre civile"),
    ("CHAMBRE_CIVILE_2", "civ2"): ("C2", "2e Civ.", "Deuxième chambre civile"),
    ("CHAMBRE_CIVILE_3", "civ3"): ("C3", "3e Civ.", "Troisième chambre civile"),
    ("CHAMBRE_COMMERCIALE", "comm"): ("CO", "Com.", "Chambre commerciale financière et économique"),
    ("CHAMBRE_SOCIALE", "soc"): ("SO", "Soc.", "Chambre sociale"),
    ("CHAMBRE_CRIMINELLE", "cr"): ("CR", "Crim.", "Chambre criminelle"),
    ("ASSEMBLEE_PLENIERE", "pl"): ("AP", "Ass. plén.", "Assemblée plénière"),
    ("CHAMBRE_MIXTE", "mi"): ("MI", "Ch. mixte", "Chambre mixte"),
}
_LINK = re.compile(r"<a [^>]*>([^<]*)</a>")


def in_words(iso: str) -> str:
    year, month, day = (int(x) for x in iso.split("-"))
    return f"{'1er' if day == 1 else day} {MONTHS[month - 1]} {year}"


def numeric(iso: str) -> str:
    year, month, day = iso.split("-")
    return f"{day}/{month}/{year}"


def case(record: dict, layout: str, text: str, **gold) -> dict:
    """One row in the development set's shape: the citation is the whole text (gold None: a negative)."""
    citations = [] if gold.get("court") is None else [{"kind": "decision", "start": 0, "end": len(text),
                                                       "text": text, **gold}]
    return {"id": f"{record['source']}/{record.get('id')}/{layout}", "text": text, "citations": citations,
            "source": record["source"], "layout": layout, "formal": True}


def _cass(record: dict, number: str, chamber: tuple[str, str, str] | None, ecli: str | None) -> list[dict]:
    """The layouts of a decision of the Cour de cassation, common to Légifrance's and Judilibre's records."""
    date, rows = record["date"], []
    gold = {"court": "CASS", "date": date, "numbers": [number], "ecli": None}
    if chamber:
        code, abbreviation, name = chamber
        rows.append(case(record, "court", f"{abbreviation}, {in_words(date)}, pourvoi n° {number}",
                         **gold, formation_code=code))
        if ecli:
            ordinal = int(ecli.rsplit(":", 1)[1][2:])
            rows.append(case(record, "site", f"Arrêt n°{ordinal} du {in_words(date)} ({number}) - Cour de cassation"
                             f" - {name} - {ecli}", **{**gold, "ecli": ecli}, formation_code=code))
    if ecli:
        rows.append(case(record, "ecli", ecli, court="CASS", date=None, numbers=[], ecli=ecli))
    return rows


def _pourvoi(raw: str) -> str:
    digits = re.sub(r"\D", "", raw)
    return f"{digits[:2]}-{digits[2:4]}.{digits[4:]}"


def from_cass(record: dict) -> list[dict]:
    chamber = next((v for (f, _), v in CASS_CHAMBERS.items() if f == record.get("formation")), None)
    number = _pourvoi(record["numeros_affaires"][0])
    gold = {"court": "CASS", "date": record["date"], "numbers": [number], "ecli": None}
    if chamber:
        gold["formation_code"] = chamber[0]
    return [case(record, "title", record["title"], **gold), *_cass(record, number, chamber, record.get("ecli"))]


def from_judilibre(record: dict) -> list[dict]:
    chamber = next((v for (_, c), v in CASS_CHAMBERS.items() if c == record.get("chamber")), None)
    rows = _cass(record, record["number"], chamber, record.get("ecli"))
    for i, related in enumerate(record.get("rapprochements") or []):
        title = related.get("title") or ""
        numbers = [_pourvoi(n) for n in _LINK.findall(title)]
        if numbers:
            rows.append(case({**record, "id": f"{record['id']}/{i}"}, "rapprochement", title, court="CASS",
                             numbers=numbers))
    return rows


def from_administrative(record: dict) -> list[dict]:
    """Conseil d'État ("Section du Contentieux"), cours administratives d'appel and tribunaux administratifs."""
    court, date, number = record["court"], record["date"], record["case_number"]
    formation, ecli = record.get("formation"), record.get("ecli")
    rows = []
    if court == "Section du Contentieux":
        gold = {"court": "CE", "date": date, "numbers": [number]}
        rows.append(case(record, "title", record["title"], **gold, ecli=ecli if formation else None))
        if ecli:           # the decisions in the databases that give ECLIs (Légifrance's and Juricaf's CETAT)
            lebon = LEBON.get(record.get("publication_code"), "Inédit au recueil Lebon")
            rows.append(case(record, "legifrance", f"Conseil d'État, {formation.replace(' et ', ' - ')}, "
                             f"{numeric(date)}, {number}, {lebon}", **gold, ecli=ecli))
            rows.append(case(record, "juricaf", f"France, Conseil d'État, {formation}, {in_words(date)}, {number}",
                             **gold, ecli=ecli))
            rows.append(case(record, "ecli", ecli, **gold, ecli=ecli))
        return rows
    kind, seat = court.split(" de ", 1)[0].lower(), court.split(" de ", 1)[1]
    code = {"cour administrative d'appel": "CAA", "tribunal administratif": "TA"}[kind]
    gold = {"court": code, "seat": seat, "date": date, "numbers": [number], "ecli": None}
    rows.append(case(record, "title", record["title"], **gold))
    head = f"CAA de {seat.upper()}" if code == "CAA" else f"Tribunal Administratif de {seat}"
    middle = f"{formation}, " if formation else ""
    lebon = ", Inédit au recueil Lebon" if code == "CAA" else ""
    rows.append(case(record, "legifrance", f"{head}, {middle}{numeric(date)}, {number}{lebon}", **gold))
    rows.append(case(record, "juricaf", f"France, {court}, {middle}{in_words(date)}, {number}", **gold))
    return rows


def from_constitutional(record: dict) -> list[dict]:
    number, date, ecli = f"{record['numero']} {record['nature']}", record["date"], record.get("ecli")
    gold = {"court": "CC", "date": date, "numbers": [number], "ecli": ecli}
    rows = [case(record, "title", record["title"]),            # "A.N., Val-de-Marne (2ème circ.)": no citation
            case(record, "site", f"Décision n° {number} du {in_words(date)} - {record['title']}", **gold),
            case(record, "juricaf", f"France, Conseil constitutionnel, {in_words(date)}, {number}", **gold)]
    if ecli:
        rows.append(case(record, "ecli", ecli, court="CC", date=None, numbers=[number], ecli=ecli))
    return rows


def from_other_authority(record: dict) -> list[dict]:
    """The Défenseur des droits' decisions and the CADA's opinions: no court's, so nothing to find."""
    return [case(record, "title", record["title"])]


READERS = {
    "CASS": from_cass, "Judilibre": from_judilibre, "CouncilState": from_administrative,
    "CE-Fiscal": from_administrative, "ConseilConstitutionnel": from_constitutional,
    "DefenseurDesDroits": from_other_authority, "CADA": from_other_authority,
}


def cases(folder: Path = LEGAL) -> list[dict]:
    """Every labelled citation of the corpus, file by file (an empty list when the corpus is absent)."""
    rows = []
    for path in sorted(folder.glob("*.jsonl")):
        reader = READERS.get(path.stem)
        if reader is None:
            continue
        for line in path.read_text(encoding="utf-8").split("\n"):          # not splitlines: U+2028 in texts
            if line.strip():
                record = json.loads(line)
                rows.extend(reader({**record, "source": path.stem}))
    return rows


def main(argv: list[str]) -> int:
    rows = cases()
    if not rows:
        print(f"no corpus at {LEGAL}", file=sys.stderr)
        return 1
    if "--write" in argv:
        out = Path(argv[argv.index("--write") + 1])
        out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    show = int(argv[argv.index("--show") + 1]) if "--show" in argv else 0
    for row in rows[:show]:
        print(row["layout"], "|", row["text"], "|", row["citations"][0] if row["citations"] else "-")
    print(f"{len(rows)} cases, {sum(len(r['citations']) for r in rows)} citations, from {LEGAL}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
