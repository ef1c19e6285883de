"""Evaluate the citation extractor on the labelled development set, and on the legal corpus's titles.

    python benchmarks/eval_citations.py [tests/fixtures/citations/devset.jsonl] [--errors]
    python benchmarks/eval_citations.py --titles [--errors]     # also the titles of ../shared/data/legal
    python benchmarks/eval_citations.py --prose [--errors]      # also the hand-annotated real prose
    python benchmarks/eval_citations.py --corpus                # every decision found in every real text, and
                                                                # a sample of its texts of law, judged
    python benchmarks/eval_citations.py --identifiers           # each derived ECLI, part by part, with its text

The titles set (:mod:`legal_titles`) is labelled by the corpus's metadata; it is reported per source file
(``source:…``), per layout (``layout:…``: the verbatim title, Légifrance's, Juricaf's, the court's site's, an
ECLI alone…) and per court, with the wrong ECLIs of each source.

A prediction matches a gold citation of the same kind whose span it overlaps (one-to-one, largest overlap
first). Prints precision and recall per kind, per court (decisions) or type (texts of law), formal vs informal,
the share of gold citations found with every labelled field right (``exact``), field accuracy on matched pairs,
and the number of wrong ECLIs (a predicted ECLI that differs from the gold one, or any ECLI on a false
positive): that number must be 0; and the ECLIs whose parts the citation's text does not all state
(:mod:`citation_identifiers`): that number must be 0 too.

The real-prose set (:mod:`legal_prose`) annotates whole texts for decisions only: a decision found there that
is not annotated is a false positive, one that overlaps a decision of a court out of scope (a tribunal
judiciaire…) is neither right nor wrong, and the negatives (phrases that look like citations) say how many traps
gave something. Texts of law are not scored there.
"""
from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path

from citation_identifiers import describe, unsupported

ROOT = Path(__file__).resolve().parents[1]
DEVSET = ROOT / "tests" / "fixtures" / "citations" / "devset.jsonl"
SKIP = {"kind", "start", "end", "text", "formal", "formation", "notes"}  # formation: as written, not scored

GOALS = {"formal_recall": 0.95, "formal_precision": 0.98, "informal_recall": 0.85, "legislation_recall": 0.90}


def _overlap(a, b) -> int:
    return min(a["end"], b["end"]) - max(a["start"], b["start"])


def _norm(v):
    return list(v) if isinstance(v, tuple) else v


def load(path: Path = DEVSET) -> list[dict]:
    return [json.loads(l) for l in path.read_text(encoding="utf-8").splitlines() if l.strip()]


def _row_buckets(row: dict) -> list[str]:
    """The buckets of a row of the titles set (its source file and its layout) or of the real prose (its source
    file); none for the dev set."""
    if "layout" in row:
        return [f"source:{row['source']}", f"layout:{row['layout']}"]
    return [f"source:{row['source']}"] if row.get("source", "").startswith("prose:") else []


def identified(p: dict) -> bool:
    """Whether a decision citation singles out one decision (a date, a number or a name), unlike "le Conseil
    d'État a jugé que…", which links a text to a court and to none of its decisions."""
    return bool(p.get("date") or p.get("numbers") or p.get("parties") or p.get("ecli") or p.get("day"))


def _inside(p: dict, spans: list[dict]) -> bool:
    return any(_overlap(p, s) > 0 for s in spans)


def evaluate(path: Path | list[dict] = DEVSET, *, extract=None) -> dict:
    if extract is None:
        from hemicycle.ingest.citations import extract
    rows = load(path) if isinstance(path, Path) else path
    tally = defaultdict(lambda: [0, 0, 0, 0])       # bucket → [tp, fp, fn, found with every field right]
    fields = defaultdict(lambda: [0, 0])            # field → [right, compared]
    wrong_ecli, missed_ecli, errors = 0, 0, []
    wrong_by = defaultdict(int)                     # source → wrong ECLIs
    derived = []                                    # ECLIs derived (not stated): (case, ECLI, citation)
    negatives = [0, 0]                              # texts that cite nothing, those where something was found
    traps = [0, 0]                                  # negative spans of the real prose, those that gave something
    unsupported_ids = []                            # (case, the ECLI and where its parts come from)
    unidentified = []                               # real prose: a court's decision named, not singled out
    for row in rows:
        for b in _row_buckets(row):                 # every source and layout has its line, negatives' too
            tally[b]
        pred = [c.to_dict() for c in extract(row["text"])]
        for p in pred:
            if p.get("ecli") and unsupported(p):
                unsupported_ids.append((row["id"], describe(p)))
        if "negatives" in row:                      # real prose: decisions only, out-of-scope courts ignored
            pred = [p for p in pred if p["kind"] == "decision" and not _inside(p, row["out_of_scope"])]
            unidentified.extend((row["id"], p["text"]) for p in pred if not identified(p))
            pred = [p for p in pred if identified(p)]
            traps[0] += len(row["negatives"])
            traps[1] += sum(any(_overlap(p, n) > 0 for p in pred) for n in row["negatives"])
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
            formal = g.get("formal", row.get("formal", True))
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
                derived.append((row["id"], p))
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
            "cases": len(rows), "traps": traps, "unsupported": unsupported_ids, "unidentified": unidentified}


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
    print(f"ECLIs derived from the parts a citation states (not stated whole): {len(result['derived'])}; "
          f"with a part the text does not state: {len(result['unsupported'])} (must be 0)", file=out)
    for case, line in result["unsupported"]:
        print(f"  UNSUPPORTED {line}  ({case})", file=out)
    if show_identifiers:
        for case, c in result["derived"]:
            print(f"  {describe(c)}  in {c['text']!r}  ({case})", file=out)
    if result["unidentified"]:
        print(f"decisions named but not singled out (\"le Conseil d'État a jugé que\"), not scored on real "
              f"prose: {len(result['unidentified'])}", file=out)
    if result["traps"][0]:
        print(f"negatives of the real prose (phrases that look like citations): {result['traps'][0]}, "
              f"of which {result['traps'][1]} gave a decision", file=out)
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
    if "--prose" in argv:
        import legal_prose

        print(f"\n=== real prose of {legal_prose.LEGAL}, annotated by hand (benchmarks/legal_prose.py) ===")
        if legal_prose.LEGAL.is_dir():
            prose = evaluate(legal_prose.rows())
            report(prose, show_errors="--errors" in argv, show_identifiers="--identifiers" in argv)
            ok = ok and prose["wrong_ecli"] == 0 and not prose["unsupported"]
        else:
            print("corpus not found: real prose not evaluated")
    if "--corpus" in argv:
        import legal_prose

        print(f"\n=== every decision found in every text of {legal_prose.LEGAL} ===")
        if legal_prose.LEGAL.is_dir():
            print(legal_prose.corpus_report(legal_prose.corpus_pass()))
            laws = legal_prose.laws_pass()
            print(f"texts of law, a sample judged by reading: {laws['judged']}; still found as judged "
                  f"{laws.get('still found', 0)}, of which right {laws.get('right', 0)} (precision "
                  f"{laws.get('right', 0) / max(1, laws.get('still found', 0)):.3f}), every field right "
                  f"{laws.get('fields right', 0)}")
        else:
            print("corpus not found: nothing to judge")
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
