"""The real-prose development set: hand annotations (tests/fixtures/citations/prose/) on the texts of
../shared/data/legal, joined into rows that the evaluation scores.

    python benchmarks/legal_prose.py check [FILE…]     # every span found, every text as it was read
    python benchmarks/legal_prose.py stats             # citations, negatives and texts, per source and court
    python benchmarks/legal_prose.py unread            # the decisions found in texts nobody annotated, unjudged

The annotations hold spans and fields, never the texts: each span is found again in its text (``nth`` says which
occurrence), and the text's SHA-256 prefix says that it is the version that was read.

:func:`corpus_pass` runs the extractor over every text of the corpus and judges every decision it reports: by the
annotations in the texts annotated whole; elsewhere by a verdict read by hand (``prose/verdicts.jsonl``: the span,
the court found, ``right`` or ``wrong`` and, when wrong, what it is). A decision with no verdict is *unread*, and
the pass is not complete until there is none.
"""
from __future__ import annotations

import hashlib
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LEGAL = ROOT.parent / "shared" / "data" / "legal"
PROSE = ROOT / "tests" / "fixtures" / "citations" / "prose"
VERDICTS = PROSE / "verdicts.jsonl"
LAWS_JUDGED = PROSE / "laws-judged.jsonl"
FILES = {"CASS": "CASS", "Judilibre": "Judilibre", "CouncilState": "CouncilState", "CE-Fiscal": "CE-Fiscal",
         "CNDA": "CNDA", "DefenseurDesDroits": "DefenseurDesDroits", "CADA": "CADA",
         "ConseilConstitutionnel": "ConseilConstitutionnel"}


class AnnotationError(ValueError):
    """An annotation that does not fit its text: named by file, text and span."""


def fingerprint(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def texts(source: str) -> dict[str, str]:
    """The texts of one source file of the corpus, by record id."""
    path = LEGAL / f"{FILES.get(source, source)}.jsonl"
    out = {}
    for line in path.read_text(encoding="utf-8").split("\n"):  # not splitlines(): texts hold U+2028
        if line.strip():
            record = json.loads(line)
            out[str(record["id"])] = record.get("text") or ""
    return out


def locate(text: str, span: str, nth: int = 0) -> int:
    """The offset of the ``nth`` occurrence of ``span`` in ``text``; -1 when there are fewer."""
    at = -1
    for _ in range(nth + 1):
        at = text.find(span, at + 1)
        if at < 0:
            return -1
    return at


def _placed(where: str, text: str, item: dict) -> dict:
    start = locate(text, item["span"], item.get("nth", 0))
    if start < 0:
        raise AnnotationError(f"{where}: span {item['span']!r} (occurrence {item.get('nth', 0)}) is not in the text")
    return {**{k: v for k, v in item.items() if k not in ("span", "nth")},
            "start": start, "end": start + len(item["span"]), "text": item["span"]}


def rows(paths: list[Path] | None = None) -> list[dict]:
    """One row per annotated text: ``text``, gold ``citations`` (decisions), ``negatives`` and ``out_of_scope``
    spans, in the development set's shape (``source`` is ``prose:<file>``)."""
    out, cache = [], {}
    for path in paths or sorted(p for p in PROSE.glob("*.jsonl") if p not in (VERDICTS, LAWS_JUDGED)):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            note = json.loads(line)
            where = f"{path.name}:{n} ({note['source']} {note['id']})"
            corpus = cache.setdefault(note["source"], texts(note["source"]))
            if note["id"] not in corpus:
                raise AnnotationError(f"{where}: no such record in {note['source']}.jsonl")
            text = corpus[note["id"]]
            if note.get("sha256") and note["sha256"] != fingerprint(text):
                raise AnnotationError(f"{where}: the text changed since it was annotated")
            citations = [{"kind": "decision", **_placed(where, text, d)} for d in note.get("decisions", [])]
            out.append({"id": f"{note['source']}/{note['id']}", "text": text, "source": f"prose:{note['source']}",
                        "citations": citations,
                        "negatives": [_placed(where, text, x) for x in note.get("negatives", [])],
                        "out_of_scope": [_placed(where, text, x) for x in note.get("out_of_scope", [])]})
    return out


def verdicts(path: Path = VERDICTS) -> dict[tuple[str, str], list[dict]]:
    """The hand verdicts on decisions found in texts not annotated whole, placed in their texts, by text."""
    out: dict = {}
    if not path.exists():
        return out
    cache = {}
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            v = json.loads(line)
            corpus = cache.setdefault(v["source"], texts(v["source"]))
            where = f"{path.name}:{n} ({v['source']} {v['id']})"
            out.setdefault((v["source"], v["id"]), []).append(_placed(where, corpus[v["id"]], v))
    return out


def corpus_pass(extract=None) -> dict:
    """Every decision the extractor finds in every text of the corpus, judged: ``right``, ``wrong`` (with what it
    is), ``ignored`` (a court out of scope), ``unidentified`` (a court named, no decision singled out: not scored,
    as in the evaluation) or ``unread``; counted per source and per court."""
    if extract is None:
        from hemicycle.ingest.citations import extract
    annotated = {r["id"]: r for r in rows()}
    read = verdicts()
    found, taken = [], set()
    for source in FILES:
        for ident, text in texts(source).items():
            row = annotated.get(f"{source}/{ident}")
            for c in extract(text):
                if c.kind != "decision":
                    continue
                p = {"source": source, "id": ident, "court": c.court, "text": c.text, "start": c.start,
                     "end": c.end}
                if not (c.date or c.numbers or c.parties or c.ecli or c.day):
                    p["verdict"] = "unidentified"     # "le Conseil d'État a jugé que…": a court, no decision
                elif row is not None:
                    if any(_overlaps(p, o) for o in row["out_of_scope"]):
                        p["verdict"] = "ignored"
                    else:
                        gold = [g for g in row["citations"] if _overlaps(p, g)]
                        fresh = [g for g in gold if id(g) not in taken]
                        p["verdict"] = "right" if fresh and fresh[0]["court"] == c.court else "wrong"
                        if p["verdict"] == "right":
                            taken.add(id(fresh[0]))     # one decision found twice: the second is wrong
                        else:
                            p["what"] = (f"the court is {gold[0]['court']}" if fresh else
                                         "a citation found twice" if gold else
                                         next((f"negative: {n['why']}" for n in row["negatives"]
                                               if _overlaps(p, n)), "not a decision citation"))
                else:
                    v = next((v for v in read.get((source, ident), []) if _overlaps(p, v)
                              and v.get("court") == c.court), None)
                    p["verdict"] = v["verdict"] if v else "unread"
                    if v and v["verdict"] == "wrong":
                        p["what"] = v.get("what", "")
                found.append(p)
    return {"found": found, "texts": sum(len(texts(s)) for s in FILES), "annotated": len(annotated)}


def laws_pass(extract=None) -> dict:
    """The texts of law of a random sample (200, seed 13) of those the extractor found in the corpus, each judged
    by reading (``prose/laws-judged.jsonl``: right or wrong, its fields right or not): how many are still found,
    at the same place with the same type, and how many of those are right."""
    if extract is None:
        from hemicycle.ingest.citations import extract
    judged = [json.loads(line) for line in LAWS_JUDGED.read_text(encoding="utf-8").split("\n") if line.strip()]
    found: dict = {}
    tally = Counter()
    for j in judged:
        text = texts(j["source"])[j["id"]]
        start = locate(text, j["span"], j.get("nth", 0))
        if (j["source"], j["id"]) not in found:
            found[j["source"], j["id"]] = {(c.start, c.end, c.type) for c in extract(text) if c.kind == "legislation"}
        if start >= 0 and (start, start + len(j["span"]), j["type"]) in found[j["source"], j["id"]]:
            tally["still found"] += 1
            tally[j["verdict"]] += 1
            tally["fields right"] += j["verdict"] == "right" and j["fields_ok"]
        else:
            tally["no longer found"] += 1
    return {"judged": len(judged), **tally}


def _overlaps(a: dict, b: dict) -> bool:
    return min(a["end"], b["end"]) > max(a["start"], b["start"])


def corpus_report(result: dict) -> str:
    found = result["found"]
    tally: dict = {}
    for p in found:
        for key in (f"source:{p['source']}", f"court:{p['court']}", "all"):
            tally.setdefault(key, Counter())[p["verdict"]] += 1
    lines = [f"every text of the corpus: {result['texts']} ({result['annotated']} annotated whole); "
             f"{len(found)} decisions found",
             f"{'':28} {'found':>5} {'right':>5} {'wrong':>5} {'ignored':>7} {'unident.':>8} {'unread':>6} "
             f"{'precision':>9}"]
    for key in sorted(tally, key=lambda k: (k == "all", k)):
        t = tally[key]
        judged = t["right"] + t["wrong"]
        precision = f"{t['right'] / judged:9.3f}" if judged else f"{'-':>9}"
        lines.append(f"{key:28} {sum(t.values()):5} {t['right']:5} {t['wrong']:5} {t['ignored']:7} "
                     f"{t['unidentified']:8} {t['unread']:6} {precision}")
    wrong = Counter(p.get("what", "") for p in found if p["verdict"] == "wrong")
    if wrong:
        lines.append("false positives by kind: " + "; ".join(f"{k} ({v})" for k, v in wrong.most_common()))
    return "\n".join(lines)


def stats(data: list[dict]) -> str:
    by_source, by_court = Counter(), Counter()
    texts_, negatives, out = Counter(), Counter(), Counter()
    for row in data:
        texts_[row["source"]] += 1
        negatives[row["source"]] += len(row["negatives"])
        out[row["source"]] += len(row["out_of_scope"])
        for c in row["citations"]:
            by_source[row["source"]] += 1
            by_court[c["court"]] += 1
    lines = [f"{'source':32} {'texts':>5} {'decisions':>9} {'negatives':>9} {'out of scope':>12}"]
    for s in sorted(texts_):
        lines.append(f"{s:32} {texts_[s]:5} {by_source[s]:9} {negatives[s]:9} {out[s]:12}")
    lines.append(f"{'total':32} {sum(texts_.values()):5} {sum(by_source.values()):9} "
                 f"{sum(negatives.values()):9} {sum(out.values()):12}")
    lines.append("per court: " + ", ".join(f"{k} {v}" for k, v in by_court.most_common()))
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    command, paths = (argv[0] if argv else "stats"), [Path(p) for p in argv[1:]] or None
    if not LEGAL.is_dir():
        print(f"the legal corpus is not there ({LEGAL}): nothing to check", file=sys.stderr)
        return 2
    try:
        data = rows(paths)
    except AnnotationError as error:
        print(error, file=sys.stderr)
        return 1
    if command == "unread":
        for p in corpus_pass()["found"]:
            if p["verdict"] == "unread":
                print(json.dumps({k: p[k] for k in ("source", "id", "court", "text")}, ensure_ascii=False))
        return 0
    if command == "check":
        print(f"{len(data)} texts, {sum(len(r['citations']) for r in data)} decisions, "
              f"{sum(len(r['negatives']) for r in data)} negatives: every span found")
    else:
        print(stats(data))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
