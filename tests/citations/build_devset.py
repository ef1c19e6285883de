"""Build devset.jsonl from devset_src.txt (markup ``[[span|field=value;…]]``); offsets are computed, not typed.

    python tests/citations/build_devset.py
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
MARK = re.compile(r"\[\[(?P<span>[^\[\]|]+)\|(?P<fields>[^\[\]]*)\]\]")
LIST_FIELDS = {"numbers"}


def parse_fields(spec: str) -> dict:
    out: dict = {}
    for part in filter(None, (p.strip() for p in spec.split(";"))):
        key, _, value = part.partition("=")
        if key in LIST_FIELDS:
            out[key] = [v for v in value.split("+") if v]
        elif key == "formal":
            out[key] = value == "1"
        else:
            out[key] = None if value == "-" else value
    out["kind"] = "decision" if "court" in out else "legislation"
    return out


def parse_line(line: str) -> dict:
    ident, source, flag, marked = (x.strip() for x in line.split(" || ", 3))
    text, cites, pos = [], [], 0
    length = 0
    for m in MARK.finditer(marked):
        before = marked[pos:m.start()]
        text.append(before)
        length += len(before)
        span = m.group("span")
        fields = parse_fields(m.group("fields"))
        cites.append({"kind": fields.pop("kind"), "start": length, "end": length + len(span), "text": span, **fields})
        text.append(span)
        length += len(span)
        pos = m.end()
    text.append(marked[pos:])
    full = "".join(text)
    for c in cites:
        assert full[c["start"]:c["end"]] == c["text"], (ident, c)
    return {"id": ident, "text": full, "citations": cites, "source": source, "formal": flag == "F"}


def build(src: Path = HERE / "devset_src.txt", dst: Path = HERE / "devset.jsonl") -> int:
    rows = [parse_line(l) for l in src.read_text(encoding="utf-8").splitlines() if l.strip() and not l.startswith("#")]
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids)), "duplicate ids"
    with dst.open("w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    return len(rows)


if __name__ == "__main__":
    n = build()
    print(f"{n} cases written", file=sys.stderr)
