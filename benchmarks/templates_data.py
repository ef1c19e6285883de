"""The texts the template benchmarks read (``eval_templates.py``, ``bench_templates.py``): not run on its own.

- :func:`synthetic`: the legislature of ``make_legislature.py`` with templated questions planted
  (:mod:`synthetic.templates`), generated in memory, each text cleaned by the records' own ``clean_text`` (what
  the ingest does to the zip's texts), with its author's name and constituency (from the AMO the generator makes),
  and the planted families (the ground truth);
- :func:`write_records` and :func:`read_records`: the same records as JSON lines, read back one at a time (a child
  process of the benchmark reads them as a stream, so that its memory is the detector's);
- :func:`real`: the question and answer texts of ``../shared/data/an`` (641 real questions), read by the ingest's
  own readers;
- :func:`formulas_only`: texts that share their formulas and nothing else, in the generator's and the real
  texts' phrasing.
"""
from __future__ import annotations

import json
import random
import sys
from datetime import date
from pathlib import Path
from typing import Iterator

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

from synthetic.legislature import Legislature  # noqa: E402
from synthetic.organs import _seats  # noqa: E402
from synthetic.prose import Prose  # noqa: E402
from synthetic.questions import ANALYSIS_SUBJECTS, ANALYSIS_TEMPLATES, _elide  # noqa: E402

from hemicycle.ingest.families import TextRecord, from_question  # noqa: E402
from hemicycle.ingest.records.values import clean_text  # noqa: E402

SHARED_AN = HERE.parent.parent / "shared" / "data" / "an"
OUT = HERE / "out" / "templates"


def synthetic(count: int, seed: int, rate: float) -> tuple[list[TextRecord], list[TextRecord], dict]:
    """The question texts, the answer texts and the ground truth (``manifest["templated"]`` of the generator)
    of a templated legislature."""
    legislature = Legislature(count, seed, rate)
    seats = {d["uid"]: seat for d, seat in zip(legislature.deputies, _seats())}
    names = {d["uid"]: f"{d['prenom']} {d['nom']}" for d in legislature.deputies}
    questions, answers = [], []
    for uid, record in legislature.questions():
        q = record["question"]
        author = q["auteur"]["identite"]["acteurRef"]
        _, department, _, number = seats[author]
        common = dict(legislature=17, kind="QE", author_uid=author, author_name=names[author],
                      constituency=f"{department} ({number}{'re' if number == 1 else 'e'} circonscription)",
                      group=q["auteur"]["groupe"]["abrege"])
        text = q["textesQuestion"]["texteQuestion"]
        questions.append(TextRecord(uid, clean_text(text["texte"]), date.fromisoformat(text["infoJO"]["dateJO"]),
                                    **common))
        if q["textesReponse"]:
            answer = q["textesReponse"]["texteReponse"]
            answers.append(TextRecord(uid, clean_text(answer["texte"]),
                                      date.fromisoformat(answer["infoJO"]["dateJO"]), **common))
    truth = legislature.templates.manifest() if legislature.templates else {"families": [], "answer_families": []}
    return questions, answers, truth


def write_records(path: Path, records: list[TextRecord]) -> None:
    """The records as JSON lines (written to a temporary file, then renamed)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    with open(temporary, "w", encoding="utf-8") as out:
        for r in records:
            out.write(json.dumps([r.uid, r.text, r.date.isoformat() if r.date else None, r.legislature, r.kind,
                                  r.author_uid, r.author_name, r.constituency, r.group, list(r.places)],
                                 ensure_ascii=False) + "\n")
    temporary.replace(path)


def read_records(path: Path, skip: int = 0, limit: int | None = None) -> Iterator[TextRecord]:
    """The records of :func:`write_records`, one at a time (``skip`` the first ones, at most ``limit``)."""
    with open(path, encoding="utf-8") as lines:
        for n, line in enumerate(lines):
            if n < skip:
                continue
            if limit is not None and n >= skip + limit:
                break
            uid, text, day, legislature, kind, author, name, seat, group, places = json.loads(line)
            yield TextRecord(uid, text, date.fromisoformat(day) if day else None, legislature, kind, author, name,
                             seat, group, tuple(places))


def real() -> tuple[list[TextRecord], list[TextRecord]]:
    """The question texts and answer texts of the real records of ``../shared/data/an/questions``."""
    from hemicycle.ingest.records.model import Question
    from hemicycle.ingest.sources import SourceRecord, read_file, sha256_of

    questions = []
    for path in sorted((SHARED_AN / "questions").iterdir()):
        for item in read_file(path, sha256_of(path)):
            if isinstance(item, SourceRecord) and isinstance(item.record, Question):
                questions.append(item.record)
    return ([r for r in (from_question(q, "question") for q in questions) if r],
            [r for r in (from_question(q, "answer") for q in questions) if r])


OPENINGS = ["interroge {} sur", "attire l'attention de {} sur", "appelle l'attention de {} sur",
            "souhaite attirer l'attention de {} sur", "appelle l’attention de {} sur"]
MINISTERS = ["M. le ministre de l'intérieur", "Mme la ministre du travail, de la santé et des solidarités",
             "M. le ministre de l'économie, des finances et de la souveraineté industrielle et numérique",
             "Mme la ministre de l'éducation nationale", "M. le Premier ministre",
             "M. le ministre de l'agriculture et de la souveraineté alimentaire"]
CLOSINGS = ["Il lui demande quelles mesures le Gouvernement entend prendre pour y remédier.",
            "Elle souhaite connaître la position du Gouvernement sur ce sujet.",
            "Il lui demande donc de bien vouloir lui indiquer les intentions du Gouvernement en la matière.",
            "M. le député demande donc à M. le ministre de préciser les intentions du Gouvernement en la matière.",
            "Elle l'interroge sur les suites que le Gouvernement entend donner à ces propositions.",
            "Il souhaiterait connaître les mesures que le Gouvernement envisage de prendre."]
NAMES = ["M. Jean Martin", "Mme Claire Dubois", "M. Éric Lefèvre", "Mme Sophie Le Gall", "M. Paul Durand-Roux",
         "Mme Anne Fontaine"]


def formulas_only(count: int, seed: int = 1, own_sentence: bool = False) -> list[TextRecord]:
    """Texts made of an opening, a subject and a closing, the formulas shared with many others: two texts in three
    have the subject of another (the question of a one-line text *is* its subject: such texts are too short to be
    grouped, by design). With ``own_sentence``, each text also has a sentence of the generator's prose that no
    other has."""
    rng = random.Random(seed)
    subjects = [_elide(phrase.format(s)) for _, phrase in ANALYSIS_TEMPLATES for s in ANALYSIS_SUBJECTS]
    own = sorted(set(Prose(random.Random(seed)).question_pool)) if own_sentence else []
    rng.shuffle(own)
    records = []
    for n in range(count):
        name = rng.choice(NAMES)
        opening = rng.choice(OPENINGS).format(rng.choice(MINISTERS))
        middle = f" {own[n % len(own)]}" if own else ""
        text = f"{name} {opening} {rng.choice(subjects)}.{middle} {rng.choice(CLOSINGS)}"
        records.append(TextRecord(f"QANR5L17QE{n + 1}", text, date(2025, 1, 1), 17, "QE", None, name[3:].strip()))
    return records
