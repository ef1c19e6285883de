#!/usr/bin/env python3
"""The real-record set of the ingest benchmark: the XVIth's real questions to the government, renumbered.

The 639 real QG records of ``../shared/data/an/questions/l16-questions-gouvernement-1-639.json.zip`` are
copied as many times as it takes to reach ``--count`` questions (default 40,000: 63 copies, 40,257 records).
Copy ``k`` (from 0) of question ``n`` becomes question ``k × 1000 + n``: its uid (``QANR5L16QG{k}{n:03}``),
its ``identifiant.numero`` and its member name (``json/{uid}.json``) say so; nothing else changes (texts,
authors, ministries, dates, JO references). Copy 0 is the real zip's records unchanged. Each record is written
back with ``json.dumps`` defaults, as the real file is (a real record read and written again gives the same
bytes), one member per record in the real zip's layout (``json/`` first, then the members in the real zip's
order, copy after copy), deflated, with the real members' timestamps, so two runs write the same bytes.

The questions' AMO is the real XVIth AMO20 zip (``amo/l16-AMO20_dep_sen_min_tous_mandats_et_organes.json.zip``),
used as it is.

Writes ``real/Questions_gouvernement_renumbered.json.zip`` and ``real/real.json`` (a manifest) under ``--out``
(default ``benchmarks/out``), and reuses them when the manifest matches.

Usage::

    python benchmarks/real_legislature.py                 # 40,000 questions at least
    python benchmarks/real_legislature.py --count 5000
"""
from __future__ import annotations

import argparse
import json
import math
import os
import sys
import time
import zipfile
from pathlib import Path

from hemicycle.ingest.sources import sha256_of

HERE = Path(__file__).resolve().parent
DEFAULT_OUT = HERE / "out"
SHARED = HERE.parent.parent / "shared" / "data" / "an"
DEFAULT_QUESTIONS = SHARED / "questions" / "l16-questions-gouvernement-1-639.json.zip"
DEFAULT_AMO = SHARED / "amo" / "l16-AMO20_dep_sen_min_tous_mandats_et_organes.json.zip"
DEFAULT_COUNT = 40000
STRIDE = 1000  # copy k of question n is question k × STRIDE + n
SUBDIR = "real"
QUESTIONS_ZIP = "Questions_gouvernement_renumbered.json.zip"
MANIFEST = "real.json"
VERSION = "1"


class RealSetError(Exception):
    """The real zips are missing or are not what the renumbering expects."""


def _amo_records(amo: Path) -> dict[str, int]:
    """The AMO zip's records by kind (``acteur``, ``organe``, ``mandat``…), from their member folders."""
    kinds: dict[str, int] = {}
    with zipfile.ZipFile(amo) as zf:
        for info in zf.infolist():
            if not info.is_dir():
                parts = info.filename.split("/")
                kind = parts[-2] if len(parts) > 1 else "other"
                kinds[kind] = kinds.get(kind, 0) + 1
    return kinds


def generate(count: int, out: Path, questions: Path, amo: Path, quiet: bool = False) -> dict:
    target = out / SUBDIR
    target.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    with zipfile.ZipFile(questions) as source:
        records = []
        for info in source.infolist():
            if info.is_dir():
                continue
            data = source.read(info)
            document = json.loads(data)
            body = document["question"]
            number = int(body["identifiant"]["numero"])
            prefix = body["uid"][:-len(str(number))]
            if body["uid"] != f"{prefix}{number}" or number >= STRIDE or json.dumps(document).encode() != data:
                raise RealSetError(f"{info.filename}: not a record this renumbering knows (uid {body['uid']!r}, "
                                   f"number {number}, or not written with json.dumps defaults)")
            records.append((info, document, prefix, number))
    if not records:
        raise RealSetError(f"{questions}: no record")
    copies = math.ceil(count / len(records))
    path, tmp = target / QUESTIONS_ZIP, target / (QUESTIONS_ZIP + ".tmp")
    raw = 0
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zf:
        folder = zipfile.ZipInfo("json/", date_time=records[0][0].date_time)
        folder.create_system, folder.external_attr = 3, (0o40755 << 16) | 0x10
        zf.writestr(folder, b"", compress_type=zipfile.ZIP_STORED)
        for k in range(copies):
            for info, document, prefix, number in records:
                new = k * STRIDE + number
                body = document["question"]
                old_uid, old_number = body["uid"], body["identifiant"]["numero"]
                body["uid"], body["identifiant"]["numero"] = f"{prefix}{new}", str(new)
                data = json.dumps(document).encode("ascii")
                body["uid"], body["identifiant"]["numero"] = old_uid, old_number
                member = zipfile.ZipInfo(f"json/{prefix}{new}.json", date_time=info.date_time)
                member.create_system, member.external_attr = 3, 0o100644 << 16
                member.compress_type = zipfile.ZIP_DEFLATED
                zf.writestr(member, data)
                raw += len(data)
            if not quiet and (k + 1) % 10 == 0:
                print(f"  {(k + 1) * len(records):,} questions, {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    os.replace(tmp, path)
    amo_kinds = _amo_records(amo)
    questions_count = copies * len(records)
    amo_total = sum(n for kind, n in amo_kinds.items() if kind in ("acteur", "organe", "mandat"))
    manifest = {
        "version": VERSION, "count": count, "copies": copies, "stride": STRIDE,
        "seconds": round(time.perf_counter() - t0, 2),
        "source": {"questions": str(questions), "questions_sha256": sha256_of(questions),
                   "questions_records": len(records), "amo": str(amo), "amo_sha256": sha256_of(amo)},
        "records": {"questions": questions_count, "acteurs": amo_kinds.get("acteur", 0),
                    "organes": amo_kinds.get("organe", 0), "mandats": amo_kinds.get("mandat", 0),
                    "total": questions_count + amo_total},
        "files": {
            "questions": {"path": f"{SUBDIR}/{QUESTIONS_ZIP}", "bytes": path.stat().st_size, "uncompressed_bytes": raw},
            "amo": {"path": str(amo), "bytes": amo.stat().st_size},
        },
    }
    (target / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return manifest


def ensure(count: int, out: Path, questions: Path = DEFAULT_QUESTIONS, amo: Path = DEFAULT_AMO,
           quiet: bool = False) -> tuple[dict, bool]:
    """Reuse the renumbered set in ``out`` when its manifest matches, else write it. Returns (manifest, reused)."""
    for given in (questions, amo):
        if not given.is_file():
            raise RealSetError(f"{given}: not found (the real data is expected in ../shared/data/an beside the "
                               "project; give --real-questions and --real-amo)")
    try:
        manifest = json.loads((out / SUBDIR / MANIFEST).read_text(encoding="utf-8"))
        files = manifest["files"]
        if (manifest["version"], manifest["count"], manifest["source"]["questions"], manifest["source"]["amo"]) \
                == (VERSION, count, str(questions), str(amo)) \
                and (out / files["questions"]["path"]).stat().st_size == files["questions"]["bytes"] \
                and amo.stat().st_size == files["amo"]["bytes"]:
            return manifest, True
    except (OSError, ValueError, KeyError):
        pass
    return generate(count, out, questions, amo, quiet=quiet), False


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=DEFAULT_COUNT, help="questions at least (default %(default)s)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="default: %(default)s")
    parser.add_argument("--questions", type=Path, default=DEFAULT_QUESTIONS, help="the real QG zip")
    parser.add_argument("--amo", type=Path, default=DEFAULT_AMO, help="the real AMO zip")
    parser.add_argument("--quiet", action="store_true")
    args = parser.parse_args(argv)
    try:
        manifest, reused = ensure(args.count, args.out, args.questions, args.amo, args.quiet)
    except RealSetError as error:
        print(f"real_legislature: {error}", file=sys.stderr)
        return 2
    print(f"{'reused' if reused else 'wrote'} {manifest['records']['questions']:,} questions "
          f"({manifest['copies']} copies of {manifest['source']['questions_records']}) in "
          f"{args.out / manifest['files']['questions']['path']} "
          f"({manifest['files']['questions']['bytes'] / 1e6:,.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
