"""Evaluate the citation extractor on the labelled development set, and on the legal corpus's titles.

    python benchmarks/eval_citations.py [tests/fixtures/citations/devset.jsonl] [--errors]
    python benchmarks/eval_citations.py --titles [--errors]     # also the titles of ../shared/data/legal
    python benchmarks/eval_citations.py --identifiers           # each derived ECLI, with the text it came from

The titles set (:mod:`legal_titles`) is labelled by the corpus's metadata; it is reported per source file
(``source:…``), per layout (``layout:…``: the verbatim title, Légifrance's, Juricaf's, the court's site's, an
ECLI alone…) and per court, with the wrong ECLIs of each source.

A prediction matches a gold citation of the same kind whose span it overlaps (one-to-one, largest overlap
first). Prints precision and recall per kind, per court (decisions) or type (texts of law), formal vs informal,
the share of gold citations found with every labelled field right (``exact``), field accuracy on matched pairs,
and the number of wrong ECLIs (a predicted ECLI that differs from the gold one, or any ECLI on a false
positive): that number must be 0.
"""
from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEVSET = ROOT / "tests" / "fixtures" / "citations" / "devset.jsonl"
SKIP = {"kind", "start", "end", "text", "formal"}

GOALS = {"formal_recall": 0.95, "formal_precision": 0.98, "informal_recall": 0.85, "legislation_recall": 0.90}


def _overlap(a, b) -> int:
    return min(a["end"], b["end"]) - max(a["start"], b["start"])


def _norm(v):
    return list(v) if isinstance(v, tuple) else v


def load(path: Path = DEVSET) -> list[dict]:
    return [json.loads(l) for l in path.read_text(encoding="utf-8").splitlines() if l.strip()]


def _row_buckets(row: dict) -> list[str]:
    """The buckets of a row of the titles set: its source file and its layout (none for the dev set)."""
    return [f"source:{row['source']}", f"layout:{row['layout']}"] if "layout" in row else []


def evaluate(path: Path | list[dict] = DEVSET, *, extract=None) -> dict:
    if extract is None:
        from hemicycle.ingest.citations import extract
    rows = load(path) if isinstance(path, Path) else path
    tally = defaultdict(lambda: [0, 0, 0, 0])       # bucket → [tp, fp, fn, found with every field right]
    fields = defaultdict(lambda: [0, 0])            # field → [right, compared]
    wrong_ecli, missed_ecli, errors = 0, 0, []
    wrong_by = defaultdict(int)                     # source → wrong ECLIs
    derived = []                                    # ECLIs derived (not stated): (case, ECLI, citation's text)
    negatives = [0, 0]                              # texts that cite nothing, those where something was found
    for row in rows:
        for b in _row_buckets(row):                 # every source and layout has its line, negatives' too
            tally[b]
        pred = [c.to_dict() for c in extract(row["text"])]
        if not row["citations"]:
            negatives[0] += 1
            negatives[1] += bool(pred)
        for p in pred:
            assert row["text"][p["start"]:p["end"]] == p["text"]
        gold = row["citations"]
        pairs = sorted(((_overlap(g, p), gi, pi) for gi, g in enumerate(gold) for pi, p in enumerate(pred)
                        if g["kind"] == p["kind"] and _overlap(g, p) > 0), reverse=True)
        gm, pm = {}, {}
        for _, gi, pi in pairs:
            if gi not in gm and pi not in pm:
                gm[gi], pm[pi] = pi, gi
        for gi, g in enumerate(gold):
            formal = g.get("formal", row["formal"])
            group = g.get("court") if g["kind"] == "decision" else g.get("type")
            buckets = [g["kind"], f"{g['kind']}:{group}", *_row_buckets(row)]
            if g["kind"] == "decision":
                buckets.append("decision:formal" if formal else "decision:informal")
            idx = 0 if gi in gm else 2
            for b in buckets:
                tally[b][idx] += 1
            if gi not in gm:
                errors.append((row["id"], "missed", g["text"]))
                continue
            p = pred[gm[gi]]
            if all(_norm(p.get(key)) == value for key, value in g.items() if key not in SKIP):
                for b in buckets:
                    tally[b][3] += 1
            for key, value in g.items():
                if key in SKIP:
                    continue
                ok = _norm(p.get(key)) == value
                fields[f"{g['kind']}.{key}"][0] += ok
                fields[f"{g['kind']}.{key}"][1] += 1
                if key == "ecli" and not ok:
                    if p.get("ecli") is not None:
                        wrong_ecli += 1
                        wrong_by[row.get("source", "?")] += 1
                        errors.append((row["id"], "WRONG ECLI", f"{p.get('ecli')} ≠ {value}"))
                    else:
                        missed_ecli += 1
                if not ok:
                    errors.append((row["id"], f"field {key}", f"{p.get(key)!r} ≠ {value!r} in {g['text']!r}"))
        for p in pred:
            if p["kind"] == "decision" and p.get("ecli") and p["ecli"] not in p["text"].replace(" ", ""):
                derived.append((row["id"], p["ecli"], p["text"]))
        for pi, p in enumerate(pred):
            if pi in pm:
                continue
            group = p.get("court") if p["kind"] == "decision" else p.get("type")
            buckets = [p["kind"], f"{p['kind']}:{group}", *_row_buckets(row)]
            if p["kind"] == "decision":
                buckets.append("decision:formal" if p.get("formal") else "decision:informal")
                if p.get("ecli"):
                    wrong_ecli += 1
                    wrong_by[row.get("source", "?")] += 1
            for b in buckets:
                tally[b][1] += 1
            errors.append((row["id"], "spurious", p["text"]))
    return {"tally": dict(tally), "fields": dict(fields), "wrong_ecli": wrong_ecli, "missed_ecli": missed_ecli,
            "wrong_ecli_by_source": dict(wrong_by), "negatives": negatives, "derived": derived, "errors": errors,
            "cases": len(rows)}


def rates(t) -> tuple[float, float]:
    tp, fp, fn = t[:3]
    return (tp / (tp + fp) if tp + fp else 1.0), (tp / (tp + fn) if tp + fn else 1.0)


def goals(result: dict) -> dict[str, tuple[float, float, bool]]:
    t = result["tally"]
    values = {
        "formal_recall": rates(t.get("decision:formal", [0, 0, 0]))[1],
        "formal_precision": rates(t.get("decision:formal", [0, 0, 0]))[0],
        "informal_recall": rates(t.get("decision:informal", [0, 0, 0]))[1],
        "legislation_recall": rates(t.get("legislation", [0, 0, 0]))[1],
    }
    return {k: (v, GOALS[k], v >= GOALS[k]) for k, v in values.items()}


def report(result: dict, out=sys.stdout, show_errors: bool = False, show_identifiers: bool = False) -> None:
    print(f"{result['cases']} cases; {result['negatives'][0]} cite nothing, of which {result['negatives'][1]} gave "
          "a citation", file=out)
    print(f"{'bucket':34} {'gold':>5} {'pred':>5} {'prec':>6} {'recall':>6} {'exact':>6}", file=out)
    for key in sorted(result["tally"], key=lambda k: (k.count(":"), k)):
        tp, fp, fn, exact = result["tally"][key]
        p, r = rates((tp, fp, fn))
        exact_rate = exact / (tp + fn) if tp + fn else 1.0
        print(f"{key:34} {tp + fn:5d} {tp + fp:5d} {p:6.3f} {r:6.3f} {exact_rate:6.3f}", file=out)
    print(f"\n{'field (on matched pairs)':34} {'right':>5} {'of':>5} {'acc':>6}", file=out)
    for key in sorted(result["fields"]):
        right, n = result["fields"][key]
        print(f"{key:34} {right:5d} {n:5d} {right / n:6.3f}", file=out)
    print(f"\nwrong ECLIs: {result['wrong_ecli']} (must be 0) · ECLIs not derived where the gold has one: "
          f"{result['missed_ecli']}", file=out)
    for source, n in sorted(result["wrong_ecli_by_source"].items()):
        print(f"  wrong ECLIs in {source}: {n}", file=out)
    print(f"ECLIs derived from the parts a citation states (not stated whole): {len(result['derived'])}", file=out)
    if show_identifiers:
        for case, ecli, text in result["derived"]:
            print(f"  {ecli}  ←  {text!r}  ({case})", file=out)
    print("\ngoals:", file=out)
    for k, (v, goal, ok) in goals(result).items():
        print(f"  {k:20} {v:6.3f}  (goal ≥ {goal})  {'ok' if ok else 'MISSED'}", file=out)
    if show_errors:
        print("\nerrors:", file=out)
        for e in result["errors"]:
            print("  ", *e, file=out)


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    result = evaluate(Path(args[0]) if args else DEVSET)
    report(result, show_errors="--errors" in argv, show_identifiers="--identifiers" in argv)
    ok = all(g[2] for g in goals(result).values()) and result["wrong_ecli"] == 0
    if "--titles" in argv:
        from legal_titles import LEGAL, cases

        rows = cases()
        print(f"\n=== titles of {LEGAL} (benchmarks/legal_titles.py) ===")
        if rows:
            report(evaluate(rows), show_errors="--errors" in argv, show_identifiers="--identifiers" in argv)
        else:
            print("corpus not found: titles not evaluated")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
