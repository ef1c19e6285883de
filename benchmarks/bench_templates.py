#!/usr/bin/env python3
"""Time the template detector (``hemicycle.ingest.families``): a corpus indexed from scratch, and 1,000 texts added
to an index of the others.

    python benchmarks/bench_templates.py                        # 100,000 question texts, 5 % templated, 3 runs
    python benchmarks/bench_templates.py --count 20000 --runs 1
    python benchmarks/bench_templates.py --corpus answer         # the answer texts of the same legislature
    python benchmarks/bench_templates.py --datasketch            # and datasketch's own MinHashLSH, for comparison

**Method.** The texts are those of ``make_legislature.py``'s legislature with templated questions planted
(``--rate``, default 5 %), generated once into ``benchmarks/out/templates/`` as JSON lines (reused after). Each
measure is a child process (``benchmarks/measure.py``): its wall-clock and CPU time, its own peak RSS
(``os.wait4``: the largest of it and of the worker processes it waited for), and the summed RSS and PSS of its
process tree, sampled; the 1-minute load average before each. The child reads the records as a stream, so that
its memory is the detector's, not the corpus's.

- *from scratch*: ``TemplateIndex.open`` on an empty folder, ``add`` of every text (read, shingled in worker
  processes, signed, banded, candidates confirmed, families made), saved;
- *add 1,000*: the index of all texts but the last 1,000 (the newest, as in an ingest; built once, copied for each
  run), opened, the 1,000 added, saved;
- ``--datasketch``: the same signatures inserted into datasketch's ``MinHashLSH`` (``insertion_session``), every
  text queried, the index pickled and unpickled: what the detector would cost with it instead of its sorted band
  keys.

Goals (issue #17): from scratch in at most 60 s and 1 GB of peak RSS for 100,000 texts on 2 cores; 1,000 texts
added in at most 2 s. Prints a Markdown table and writes ``out/templates/bench-<corpus>-<count>.json``.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from measure import run_measured, write_json  # noqa: E402
from synthetic.settings import GENERATOR_VERSION  # noqa: E402
from synthetic.templates import TEMPLATES_VERSION  # noqa: E402
from templates_data import OUT, read_records, synthetic, write_records  # noqa: E402

ADDED = 1000


def records_paths(count: int, seed: int, rate: float) -> dict[str, Path]:
    stem = OUT / f"records-{count}-{seed}-{rate:g}-v{GENERATOR_VERSION}.{TEMPLATES_VERSION}"
    return {"question": Path(f"{stem}-question.jsonl"), "answer": Path(f"{stem}-answer.jsonl"),
            "truth": Path(f"{stem}-truth.json")}


def ensure_records(count: int, seed: int, rate: float) -> dict[str, Path]:
    """The records files of both corpora (and the ground truth), generated when missing, in a child process (a
    child forked from a large parent would start with the parent's pages in its peak RSS)."""
    paths = records_paths(count, seed, rate)
    if not all(path.exists() for path in paths.values()):
        subprocess.run([sys.executable, str(Path(__file__).resolve()), "--child", "generate", "--count", str(count),
                        "--seed", str(seed), "--rate", str(rate)], check=True)
    return paths


def generate(args) -> int:
    started = time.perf_counter()
    paths = records_paths(args.count, args.seed, args.rate)
    questions, answers, truth = synthetic(args.count, args.seed, args.rate)
    write_records(paths["question"], questions)
    write_records(paths["answer"], answers)
    write_json(paths["truth"], truth)
    print(f"generated {args.count:,} questions ({len(answers):,} answers) in {time.perf_counter() - started:.1f} s",
          file=sys.stderr)
    return 0


# --- the children -------------------------------------------------------------------------------------------------


def child(args) -> int:
    from hemicycle.ingest.families import TemplateIndex

    if args.child == "datasketch":
        return datasketch_child(args)
    if args.child == "generate":
        return generate(args)
    records = read_records(args.records, skip=args.skip, limit=args.limit)
    started = time.perf_counter()
    index = TemplateIndex.open(args.index, args.corpus)
    opened = time.perf_counter() - started
    report = index.add(records, workers=args.workers)
    print(json.dumps({"open": opened, "seconds": report.seconds, "added": report.added, "copies": report.copies,
                      "short": report.short, "candidates": report.candidates, "confirmed": report.confirmed,
                      "families": report.families, "documents": len(index),
                      "index_mib": sum(f.stat().st_size for f in Path(args.index).rglob("*") if f.is_file()) / 2**20,
                      "own_peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
    return 0


def datasketch_child(args) -> int:
    """Signatures of every text by the detector, then datasketch's MinHashLSH over them (insert, query, pickle)."""
    import pickle

    from datasketch import LeanMinHash, MinHashLSH

    import numpy as np

    from hemicycle.ingest.families.detect import batches
    from hemicycle.ingest.families.minhash import band_keys, permutations, signatures
    from hemicycle.ingest.families.settings import Parameters
    from hemicycle.ingest.families.text import canonical, shingles

    params = Parameters()
    parts = [shingles([canonical(*item) for item in batch], params.shingle_words)
             for batch in batches(read_records(args.records))]
    offsets = np.concatenate([[0], np.cumsum(np.concatenate([np.diff(o) for o, _ in parts]))])
    hashes = np.concatenate([h for _, h in parts])
    a, b = permutations(params.num_perm, params.seed)
    started = time.perf_counter()
    sigs = signatures(offsets, hashes, a, b)
    figures = {"texts": len(sigs), "signatures_numpy": time.perf_counter() - started}
    started = time.perf_counter()
    band_keys(sigs, params.bands, params.rows)
    figures["band_keys_numpy"] = time.perf_counter() - started
    started = time.perf_counter()
    sketches = [LeanMinHash(seed=params.seed, hashvalues=row, scheme="affine32") for row in sigs]
    figures["leanminhash_objects"] = time.perf_counter() - started
    lsh = MinHashLSH(num_perm=params.num_perm, params=(params.bands, params.rows))
    started = time.perf_counter()
    with lsh.insertion_session() as session:
        for i, sketch in enumerate(sketches):
            session.insert(i, sketch, check_duplication=False)
    figures["minhashlsh_insert"] = time.perf_counter() - started
    started = time.perf_counter()
    found = sum(len(lsh.query(sketch)) for sketch in sketches)
    figures["minhashlsh_query_all"] = time.perf_counter() - started
    figures["query_results"] = found
    started = time.perf_counter()
    blob = pickle.dumps(lsh, protocol=pickle.HIGHEST_PROTOCOL)
    figures["pickle_dump"] = time.perf_counter() - started
    started = time.perf_counter()
    pickle.loads(blob)
    figures["pickle_load"] = time.perf_counter() - started
    figures["pickle_mib"] = len(blob) / 2**20
    print(json.dumps(figures))
    return 0


# --- the parent ----------------------------------------------------------------------------------------------------


def measured(cmd: list[str], name: str, log: Path) -> dict:
    result = run_measured(cmd, log, name, timeout=3600)
    if result["returncode"] != 0:
        raise SystemExit(f"{name} failed:\n{result['stderr'][-3000:]}")
    result["report"] = json.loads(result["stdout"].strip().splitlines()[-1])
    return {key: value for key, value in result.items() if key not in ("stdout", "stderr")}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--rate", type=float, default=0.05, help="share of templated questions (default 0.05)")
    parser.add_argument("--corpus", choices=("question", "answer"), default="question")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workers", type=int, default=None, help="shingling processes (default: one per core)")
    parser.add_argument("--datasketch", action="store_true", help="also time datasketch's MinHashLSH")
    parser.add_argument("--child", choices=("build", "datasketch", "generate"), help=argparse.SUPPRESS)
    parser.add_argument("--records", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--index", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--skip", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--limit", type=int, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        return child(args)

    records = ensure_records(args.count, args.seed, args.rate)[args.corpus]
    total = sum(1 for _ in open(records, encoding="utf-8"))
    work = OUT / f"work-{args.corpus}-{args.count}"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    me = [sys.executable, str(Path(__file__).resolve()), "--corpus", args.corpus]
    workers = ["--workers", str(args.workers)] if args.workers else []
    base, last = work / "base", work / "last.jsonl"
    with open(records, encoding="utf-8") as lines, open(last, "w", encoding="utf-8") as out:
        out.writelines(line for n, line in enumerate(lines) if n >= total - ADDED)
    measured([*me, "--child", "build", "--records", str(records), "--index", str(base), "--limit",
              str(total - ADDED), *workers], "base", work)
    builds, adds = [], []
    for run in range(args.runs):
        folder = work / f"scratch-{run}"
        builds.append(measured([*me, "--child", "build", "--records", str(records), "--index", str(folder), *workers],
                               f"build-{run}", work))
        shutil.rmtree(folder)
        copy = work / f"add-{run}"
        shutil.copytree(base, copy)
        adds.append(measured([*me, "--child", "build", "--records", str(last), "--index", str(copy), *workers],
                             f"add-{run}", work))
        shutil.rmtree(copy)
    result = {"count": total, "corpus": args.corpus, "rate": args.rate, "cpus": os.cpu_count(),
              "builds": builds, "adds": adds}
    if args.datasketch:
        result["datasketch"] = measured([*me, "--child", "datasketch", "--records", str(records)], "datasketch", work)
    write_json(OUT / f"bench-{args.corpus}-{args.count}.json", result)
    print_table(result)
    return 0


def print_table(result: dict) -> None:
    def median(runs, get):
        return statistics.median(get(run) for run in runs)

    b, a = result["builds"], result["adds"]
    print(f"\n{result['count']:,} {result['corpus']} texts, {len(b)} runs (median), "
          f"load before: {', '.join(format(r['load_before'], '.2f') for r in b + a)}\n")
    print("| | from scratch | add 1,000 |\n|---|---:|---:|")
    rows = [
        ("wall (child process)", lambda r: f"{r['wall_seconds']:.1f} s"),
        ("CPU (user + system, with workers)", lambda r: f"{r['user_seconds'] + r['system_seconds']:.1f} s"),
        ("`add()` itself", lambda r: f"{r['report']['seconds']['total']:.2f} s"),
        ("peak RSS: main process · tree RSS · tree PSS",
         lambda r: f"{r['report']['own_peak_rss_mib']:.0f} · {r['peak_tree_rss_mib']:.0f} · "
                   f"{r['peak_tree_pss_mib']:.0f} MiB"),
        ("peak RSS of the largest process (wait4)", lambda r: f"{r['peak_rss_mib']:.0f} MiB"),
    ]
    for label, get in rows:
        mid_b = sorted(b, key=lambda r: r["wall_seconds"])[len(b) // 2]
        mid_a = sorted(a, key=lambda r: r["wall_seconds"])[len(a) // 2]
        print(f"| {label} | {get(mid_b)} | {get(mid_a)} |")
    report = sorted(b, key=lambda r: r["wall_seconds"])[len(b) // 2]["report"]
    print("\nfrom scratch, in add(): " + ", ".join(f"{k} {v:.2f} s" for k, v in report["seconds"].items())
          + f"; {report['candidates']:,} candidates, {report['confirmed']:,} confirmed, {report['copies']:,} exact "
            f"copies, {report['families']:,} families; index {report['index_mib']:.0f} MiB")
    print("runs, wall: from scratch " + ", ".join(f"{r['wall_seconds']:.1f}" for r in b)
          + "; add " + ", ".join(f"{r['wall_seconds']:.2f}" for r in a))
    print(f"median add() from scratch {median(b, lambda r: r['report']['seconds']['total']):.1f} s")
    if "datasketch" in result:
        d = result["datasketch"]["report"]
        print("\ndatasketch on the same signatures: " + ", ".join(f"{k} {v:,.2f}" for k, v in d.items()))


if __name__ == "__main__":
    sys.exit(main())
