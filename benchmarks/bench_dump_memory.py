"""Peak memory of `hemicycle ingest` on a large single-file dump, against the dump's size.

The XIVth legislature's written questions come as ONE XML file of about 133 MB (and a JSON twin). The
ingester reads such dumps as a stream, one record at a time: its peak memory should not grow with the file.
This script writes XIVth-shaped dumps of two sizes (XML and JSON) by repeating the hand-written sample
question of tests/fixtures with fresh numbers, ingests each into a fresh store in a child process, and
reports the child's peak RSS.

    python benchmarks/bench_dump_memory.py [--questions 20000 80000] [--out benchmarks/out/dumps]
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "tests" / "fixtures" / "questions" / "Questions_ecrites_XIV_sample"


def xml_dump(path: Path, count: int) -> None:
    text = SAMPLE.with_suffix(".xml").read_text(encoding="utf-8")
    question = re.search(r"<question>.*?</question>", text, re.S).group(0)
    with open(path, "w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n<questionsEcrites '
                  'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n')
        for n in range(1, count + 1):
            out.write(question.replace("QANR5L14QE47351", f"QANR5L14QE{n}")
                      .replace("<numero>47351</numero>", f"<numero>{n}</numero>"))
            out.write("\n")
        out.write("</questionsEcrites>\n")


def json_dump(path: Path, count: int) -> None:
    document = json.loads(SAMPLE.with_suffix(".json").read_text(encoding="utf-8"))
    question = document["questionsEcrites"]["question"][0]
    with open(path, "w", encoding="utf-8") as out:
        out.write('{"questionsEcrites": {"question": [')
        for n in range(1, count + 1):
            question["uid"] = f"QANR5L14QE{n}"
            question["identifiant"]["numero"] = str(n)
            out.write(("," if n > 1 else "") + json.dumps(question))
        out.write("]}}\n")


def ingest(path: Path, store: Path, hemicycle: str) -> tuple[float, float, str]:
    """Seconds, peak RSS of the child in MiB, and its summary line."""
    shutil.rmtree(store, ignore_errors=True)
    start = time.perf_counter()
    child = subprocess.Popen([hemicycle, "ingest", "--quiet", "--store", str(store), str(path)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    _, _, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    err = child.stderr.read().strip().splitlines()
    return seconds, usage.ru_maxrss / 1024, err[-1] if err else ""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--questions", type=int, nargs="+", default=[20000, 80000])
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "out" / "dumps")
    parser.add_argument("--hemicycle", default=shutil.which("hemicycle") or "hemicycle")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    print("| dump | questions | file size | ingest | peak RSS |\n|---|---:|---:|---:|---:|")
    for count in args.questions:
        for kind, write in (("xml", xml_dump), ("json", json_dump)):
            path = args.out / f"Questions_ecrites_XIV_{count}.{kind}"
            if not path.exists():
                write(path, count)
            seconds, peak, summary = ingest(path, args.out / "store", args.hemicycle)
            if "rejected 0" not in summary:
                print(f"unexpected summary for {path.name}: {summary}", file=sys.stderr)
                return 1
            size = path.stat().st_size / 2**20
            print(f"| {kind.upper()} | {count:,} | {size:,.0f} MiB | {seconds:.1f} s | {peak:,.0f} MiB |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
