#!/usr/bin/env python3
"""Real questions to the Government in the XVth legislature's form: do their ministries resolve by name?

The XVth's questions to the Government have no question text, no attribution date and no deposit date: only
the answer's JO date and the closure date, written ``DD/MM/YYYY``; their ministries are named without an id
(``minAttrib`` holds only a ``denomination``); their indexing is ``ANALYSE/ANA``; their ``regime`` has a broken
accent (``../shared/docs/an-open-data.md``). This script rewrites the XVIth's 639 real QG of
``../shared/data/an`` into that form (uids, numbers, texts and names unchanged; the attribution's ``infoJO``
dropped, every date written ``DD/MM/YYYY``), ingests them with the real XVIth AMO20 into a fresh store, and
prints the ingest's summary line: how many ministries named by label resolved, per legislature and cause.

Usage::

    python benchmarks/fifteenth_form.py                    # writes benchmarks/out/fifteenth/, ingests it
    python benchmarks/fifteenth_form.py --hemicycle PATH   # another installation (an older version, say)
"""
from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent.parent / "shared" / "data" / "an"
QUESTIONS = SHARED / "questions" / "l16-questions-gouvernement-1-639.json.zip"
AMO = SHARED / "amo" / "l16-AMO20_dep_sen_min_tous_mandats_et_organes.json.zip"
ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def _dates(node):
    """Every ISO date of a record written DD/MM/YYYY, as the XVth writes them."""
    if isinstance(node, dict):
        return {key: _dates(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_dates(value) for value in node]
    if isinstance(node, str) and ISO.fullmatch(node):
        year, month, day = ISO.fullmatch(node).groups()
        return f"{day}/{month}/{year}"
    return node


def fifteenth(question: dict) -> dict:
    """One XVIth QG record (the ``question`` object) in the XVth's form."""
    question = dict(question)
    question["identifiant"] = dict(question["identifiant"], regime="5eme R\ufffdpublique")
    question["textesQuestion"] = None
    attributions = question.get("minAttribs") or {}
    entries = attributions.get("minAttrib")
    entries = entries if isinstance(entries, list) else [entries] if entries else []
    named = [{"denomination": entry["denomination"]} for entry in entries if entry.get("denomination")]
    question["minAttribs"] = {"minAttrib": named[0] if len(named) == 1 else named} if named else None
    index = dict(question.get("indexationAN") or {})
    analyses = index.pop("analyses", None)
    if analyses:
        index["ANALYSE"] = {"ANA": analyses.get("analyse")}
    question["indexationAN"] = index
    return _dates(question)


def write(out: Path) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    path = out / "l16-questions-gouvernement-xv-form.json.zip"
    with zipfile.ZipFile(QUESTIONS) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.is_dir():
                continue
            document = json.loads(source.read(info))
            target.writestr(info.filename, json.dumps({"question": fifteenth(document["question"])}))
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=HERE / "out" / "fifteenth")
    parser.add_argument("--hemicycle", default=shutil.which("hemicycle") or "hemicycle")
    args = parser.parse_args(argv)
    for path in (QUESTIONS, AMO):
        if not path.is_file():
            print(f"fifteenth_form: {path} not found (the real data is expected in ../shared/data/an)",
                  file=sys.stderr)
            return 2
    zipped = write(args.out)
    print(f"wrote {zipped}")
    with tempfile.TemporaryDirectory() as store:
        done = subprocess.run([args.hemicycle, "ingest", "--quiet", "--store", store, str(AMO),
                               str(zipped)], capture_output=True, text=True)
    print(done.stderr.strip().splitlines()[-1] if done.stderr.strip() else f"exit {done.returncode}")
    return done.returncode


if __name__ == "__main__":
    sys.exit(main())
