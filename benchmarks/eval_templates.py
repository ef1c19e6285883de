#!/usr/bin/env python3
"""Evaluate the template detector (``hemicycle.ingest.families``): pair precision and recall on the families
planted in the synthetic legislature, families found among real texts and among texts that share only formulas,
and the similarities that set the threshold.

    python benchmarks/eval_templates.py                          # 50,000 questions, 5 % templated, seed 17
    python benchmarks/eval_templates.py --count 20000 --sweep    # and other shingle sizes and thresholds

**Planted families.** ``make_legislature.py``'s legislature with ``--rate`` of its questions copied from templates
(:mod:`synthetic.templates`: names and places changed, sentences added, dropped or swapped, typographic noise),
generated in memory; its answers, where a ministry pasted one answer for a family (and the generator's own shared
answers). A *pair* is two texts of one family: precision is the share of the pairs the detector puts in one family
that are planted in one, recall the share of the planted pairs it puts in one family (goals: 0.98 and 0.95).

**Similarities.** The exact Jaccard similarity of the shingle sets of every planted pair, against the highest
similarity of each text with a text outside its family, over every pair of a sample of ``--sample`` texts (exact,
all pairs) and over the whole corpus's candidates (the pairs the detector checked); the real texts' highest pair;
the formulas-only texts' highest pair. The threshold must lie between the two distributions.

**Real texts.** The question and answer texts of ``../shared/data/an`` (641 real questions: 639 to the Government,
whose texts are sitting transcripts, and 2 written ones), none templated: the families found, each shown.

**Formulas only.** ``--formulas`` texts made of an opening, a subject and a closing in the real and generated
phrasings, and as many with a sentence of their own besides (from the generator's prose): they share their
formulas with many others, and must make no family.

Writes ``out/templates/eval-<count>.json``.
"""
from __future__ import annotations

import argparse
import itertools
import random
import sys
import time
from pathlib import Path

import numpy as np
import scipy.sparse as sparse

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from measure import write_json  # noqa: E402
from templates_data import OUT, SHARED_AN, formulas_only, real, synthetic  # noqa: E402

from hemicycle.ingest.families import Parameters, TemplateIndex  # noqa: E402
from hemicycle.ingest.families.detect import batches  # noqa: E402
from hemicycle.ingest.families.minhash import candidate_pairs, jaccard  # noqa: E402
from hemicycle.ingest.families.text import canonical, shingles  # noqa: E402

PERCENTILES = (0, 0.1, 1, 5, 10, 25, 50)
GOALS = {"precision": 0.98, "recall": 0.95}


def shingle_sets(records, k: int) -> tuple[np.ndarray, np.ndarray]:
    parts = [shingles([canonical(*item) for item in batch], k) for batch in batches(records)]
    if not parts:
        return np.zeros(1, dtype=np.int64), np.zeros(0, dtype=np.uint32)
    sizes = np.concatenate([np.diff(offsets) for offsets, _ in parts])
    return np.concatenate([[0], np.cumsum(sizes)]), np.concatenate([hashes for _, hashes in parts])


def pair_scores(found: list[tuple[str, ...]], planted: list[list[str]]) -> dict:
    """Pair precision, recall and F1 of the families found against the planted ones."""
    family_of = {uid: i for i, members in enumerate(planted) for uid in members}
    predicted = sum(len(f) * (len(f) - 1) // 2 for f in found)
    true = sum(len(f) * (len(f) - 1) // 2 for f in planted)
    hits = 0
    for members in found:
        counts: dict[int, int] = {}
        for uid in members:
            if uid in family_of:
                counts[family_of[uid]] = counts.get(family_of[uid], 0) + 1
        hits += sum(c * (c - 1) // 2 for c in counts.values())
    precision = hits / predicted if predicted else 1.0
    recall = hits / true if true else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    whole = sum(1 for members in found if sorted(members) in [sorted(p) for p in planted]) if len(planted) < 5000 else None
    return {"precision": precision, "recall": recall, "f1": f1, "pairs_found": predicted, "pairs_planted": true,
            "families_found": len(found), "families_planted": len(planted), "families_exact": whole}


def distribution(values: np.ndarray) -> dict:
    if not len(values):
        return {"count": 0}
    return {"count": int(len(values)), **{f"p{p:g}": round(float(np.percentile(values, p)), 4) for p in PERCENTILES},
            "max": round(float(values.max()), 4), "mean": round(float(values.mean()), 4)}


def planted_similarities(records, planted, k: int) -> np.ndarray:
    position = {r.uid: i for i, r in enumerate(records)}
    offsets, hashes = shingle_sets(records, k)
    left, right = [], []
    for members in planted:
        for a, b in itertools.combinations([position[u] for u in members if u in position], 2):
            left.append(a)
            right.append(b)
    return jaccard(offsets, hashes, np.array(left, dtype=np.int64), np.array(right, dtype=np.int64))


def highest_outside(records, planted, k: int, sample: int, seed: int = 1) -> np.ndarray:
    """For each text of a random sample, its highest exact similarity with another text of the sample outside its
    planted family (every pair of the sample, by a sparse product)."""
    chosen = sorted(random.Random(seed).sample(range(len(records)), min(sample, len(records))))
    subset = [records[i] for i in chosen]
    family_of = {uid: i for i, members in enumerate(planted) for uid in members}
    offsets, hashes = shingle_sets(subset, k)
    sizes = np.diff(offsets).astype(np.float64)
    _, columns = np.unique(hashes, return_inverse=True)
    rows = np.repeat(np.arange(len(subset)), np.diff(offsets))
    matrix = sparse.csr_matrix((np.ones(len(hashes), dtype=np.float32), (rows, columns)),
                               shape=(len(subset), int(columns.max()) + 1 if len(columns) else 1))
    labels = np.array([family_of.get(r.uid, -1 - i) for i, r in enumerate(subset)])
    best = np.zeros(len(subset))
    for start in range(0, len(subset), 500):
        common = (matrix[start:start + 500] @ matrix.T).toarray()
        union = sizes[start:start + 500, None] + sizes[None, :] - common
        similarity = np.divide(common, union, out=np.zeros_like(common), where=union > 0)
        similarity[labels[start:start + 500, None] == labels[None, :]] = 0  # itself, and its own family
        best[start:start + 500] = similarity.max(axis=1)
    return best


def all_pairs_highest(records, k: int) -> tuple[float, tuple]:
    offsets, hashes = shingle_sets(records, k)
    if len(records) < 2:
        return 0.0, ()
    left, right = np.triu_indices(len(records), 1)
    similarity = jaccard(offsets, hashes, left, right)
    top = int(np.argmax(similarity))
    return float(similarity[top]), (records[left[top]].uid, records[right[top]].uid)


def detect(records, corpus: str, params: Parameters):
    index = TemplateIndex(corpus, params)
    report = index.add(records, save=False)
    return index, report


def evaluate_corpus(name, records, planted, corpus, params, args) -> dict:
    started = time.perf_counter()
    index, report = detect(records, corpus, params)
    found = [f.uids for f in index.families()]
    scores = pair_scores(found, planted)
    true = planted_similarities(records, planted, params.shingle_words)
    outside = highest_outside(records, planted, params.shingle_words, args.sample)
    # the candidates the detector checked, and the highest of those that are not planted pairs
    family_of = {uid: i for i, members in enumerate(planted) for uid in members}
    result = {"texts": len(records), **scores, "seconds": round(time.perf_counter() - started, 1),
              "candidates": report.candidates, "confirmed": report.confirmed, "copies": report.copies,
              "short": report.short,
              "planted_pairs_similarity": distribution(true),
              "share_of_planted_pairs_below_threshold": round(float((true < params.threshold).mean()), 4)
              if len(true) else 0.0,
              "highest_outside_family_in_sample": distribution(outside)}
    [segment] = index.segments  # one run, one segment: every pair of texts that share a band key
    pairs = candidate_pairs(segment.arrays["sorted_keys"], segment.arrays["order"])
    uids = segment.arrays["uids"]
    outsiders = np.array([family_of.get(str(uids[i]), -1 - i) != family_of.get(str(uids[j]), -2 - j)
                          for i, j in pairs.tolist()], dtype=bool)
    checked = jaccard(segment.arrays["offsets"], segment.arrays["hashes"], pairs[outsiders, 0], pairs[outsiders, 1])
    result["highest_outside_family_among_candidates"] = distribution(checked)
    wrong = [(f.id, len(f)) for f in index.families()
             if len({family_of.get(u, -1) for u in f.uids}) > 1 or any(u not in family_of for u in f.uids)]
    result["families_with_a_stranger"] = wrong[:20]
    print(f"\n## {name}: {len(records):,} texts, {len(planted):,} planted families")
    print(f"pair precision {scores['precision']:.4f} · recall {scores['recall']:.4f} · F1 {scores['f1']:.4f} "
          f"(goals ≥ {GOALS['precision']} and ≥ {GOALS['recall']}); families found {scores['families_found']:,} "
          f"of {scores['families_planted']:,} planted"
          + (f", {scores['families_exact']:,} exactly" if scores["families_exact"] is not None else ""))
    print(f"candidates {report.candidates:,}, confirmed {report.confirmed:,}, exact copies {report.copies:,}, "
          f"too short {report.short:,}; families holding a text of another family or of none: {len(wrong)}")
    print(f"planted pairs' similarity: {fmt(result['planted_pairs_similarity'])}; below the threshold "
          f"{params.threshold}: {result['share_of_planted_pairs_below_threshold']:.2%}")
    print(f"each text's highest similarity outside its family, {len(outside):,}-text sample (all pairs): "
          f"{fmt(result['highest_outside_family_in_sample'])}")
    print(f"the candidate pairs of the whole corpus that are not planted pairs: "
          f"{fmt(result['highest_outside_family_among_candidates'])}")
    return result


def fmt(d: dict) -> str:
    if not d.get("count"):
        return "none"
    return (f"{d['count']:,} values, min {d['p0']:.3f}, p1 {d['p1']:.3f}, p5 {d['p5']:.3f}, p10 {d['p10']:.3f}, "
            f"median {d['p50']:.3f}, max {d['max']:.3f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--rate", type=float, default=0.05)
    parser.add_argument("--sample", type=int, default=5000, help="texts whose pairs are all compared (default 5000)")
    parser.add_argument("--formulas", type=int, default=3000, help="formulas-only texts (default 3000)")
    parser.add_argument("--sweep", action="store_true", help="also shingles of 4 and 6 words, thresholds 0.3–0.5")
    args = parser.parse_args(argv)
    params = Parameters()
    print(f"parameters: {params}")
    started = time.perf_counter()
    questions, answers, truth = synthetic(args.count, args.seed, args.rate)
    print(f"generated {args.count:,} questions ({len(answers):,} answers) in {time.perf_counter() - started:.1f} s")
    result = {"count": args.count, "seed": args.seed, "rate": args.rate, "parameters": params.identity()}
    result["questions"] = evaluate_corpus("Question texts", questions, truth["families"], "question", params, args)
    result["answers"] = evaluate_corpus("Answer texts", answers, truth["answer_families"], "answer", params, args)

    print("\n## Real texts of ../shared/data/an")
    if (SHARED_AN / "questions").is_dir():
        result["real"] = {}
        for corpus, records in zip(("question", "answer"), real()):
            index, _ = detect(records, corpus, params)
            highest, pair = all_pairs_highest(records, params.shingle_words)
            families = [(f.id, [(m.uid, m.similarity) for m in f.members]) for f in index.families()]
            grouped = {uid for f in index.families() for uid in f.uids}
            outside, outside_pair = all_pairs_highest([r for r in records if r.uid not in grouped],
                                                      params.shingle_words)
            result["real"][corpus] = {"texts": len(records), "families": families, "highest_pair": highest,
                                      "highest_pair_uids": pair, "highest_pair_outside_families": outside,
                                      "highest_pair_outside_families_uids": outside_pair}
            print(f"{corpus} texts: {len(records)}, families {len(families)}, highest pair similarity "
                  f"{highest:.3f} {pair}, outside the families {outside:.3f} {outside_pair}")
            for family_id, members in families:
                print(f"  {family_id}: " + ", ".join(f"{uid} {s:.2f}" for uid, s in members))
    else:
        print("not found: skipped")

    for label, records in (("formulas only", formulas_only(args.formulas)),
                           ("formulas and a sentence of their own", formulas_only(args.formulas, 2, True))):
        index, report = detect(records, "question", params)
        offsets, _ = shingle_sets(records, params.shingle_words)
        compared = [r for r, size in zip(records, np.diff(offsets)) if size >= params.min_common]
        highest, pair = all_pairs_highest(compared[:1500], params.shingle_words)
        result.setdefault("formulas", {})[label] = {"texts": len(records), "families": len(index.families()),
                                                    "short": report.short, "highest_pair_compared": highest}
        print(f"\n## Texts with {label}: {len(records):,} texts, {len(index.families())} families (goal 0); "
              f"{report.short:,} too short to be compared; highest pair among {min(1500, len(compared)):,} compared: "
              f"{highest:.3f}")

    if args.sweep:
        result["sweep"] = sweep(questions, truth["families"], args)
    write_json(OUT / f"eval-{args.count}.json", result)
    return 0


def sweep(records, planted, args) -> list[dict]:
    print("\n## Sweep: question texts\n\n| words | threshold | precision | recall | F1 | planted pairs < threshold "
          "| highest outside family (sample): p99 · max |\n|---:|---:|---:|---:|---:|---:|---:|")
    rows = []
    for k in (4, 5, 6):
        true = planted_similarities(records, planted, k)
        outside = highest_outside(records, planted, k, args.sample)
        for threshold in (0.3, 0.4, 0.5):
            params = Parameters(shingle_words=k, threshold=threshold)
            index, _ = detect(records, "question", params)
            scores = pair_scores([f.uids for f in index.families()], planted)
            rows.append({"words": k, "threshold": threshold, **scores,
                         "below": float((true < threshold).mean()), "outside_p99": float(np.percentile(outside, 99)),
                         "outside_max": float(outside.max())})
            print(f"| {k} | {threshold} | {scores['precision']:.4f} | {scores['recall']:.4f} | {scores['f1']:.4f} "
                  f"| {rows[-1]['below']:.2%} | {rows[-1]['outside_p99']:.3f} · {rows[-1]['outside_max']:.3f} |")
    return rows


if __name__ == "__main__":
    sys.exit(main())
