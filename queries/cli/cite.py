"""``hemicycle cite``: the citations of the text on standard input, one JSON object a line (or one JSON array).

>>> import io
>>> out = io.StringIO()
>>> run(io.StringIO("CE, ass., 19 juill. 2019, n° 426389"), out)
0
>>> import json; row = json.loads(out.getvalue()); row["ecli"], row["start"], row["end"]
('ECLI:FR:CEASS:2019:426389.20190719', 0, 35)
"""
from __future__ import annotations

import json
import sys
from typing import TextIO

from hemicycle.ingest.citations.extract import extract

FORMATS = ("jsonl", "json")


def add(commands) -> None:
    """Add ``cite`` to the parser's sub-commands."""
    p = commands.add_parser("cite", help="print the citations (decisions, texts of law) of the text on standard input")
    p.add_argument("--format", choices=FORMATS, default="jsonl",
                   help="one JSON object a line (default), or one JSON array")
    p.set_defaults(run=lambda args: run(sys.stdin, sys.stdout, args.format))


def run(stdin: TextIO, stdout: TextIO, fmt: str = "jsonl") -> int:
    if fmt not in FORMATS:
        print(f"hemicycle cite: unknown format {fmt!r} (one of {', '.join(FORMATS)})", file=sys.stderr)
        return 2
    text = stdin.read()
    rows = [c.to_dict() for c in extract(text)]
    if fmt == "json":
        json.dump(rows, stdout, ensure_ascii=False, indent=1)
        stdout.write("\n")
    else:
        for row in rows:
            stdout.write(json.dumps(row, ensure_ascii=False))
            stdout.write("\n")
    return 0
