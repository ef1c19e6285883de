#!/usr/bin/env python3
"""Generate a synthetic legislature of written questions, in the Assemblée nationale's official layout.

Writes, into ``--out`` (default ``benchmarks/out``):

- ``Questions_ecrites.json.zip``: ``json/QANR5L17QE{n}.json``, one record per file, ``{"question": {...}}`` on one
  line with non-ASCII escaped as ``\\uXXXX``, with the key structure of the real ``QANR5L17QE5268.json``;
- ``AMO_synthetic.json.zip``: ``acteur/PA….json`` and ``organe/PO….json`` (ASSEMBLEE, CIRCONSCRIPTION, GP,
  GOUVERNEMENT, MINISTERE) in the real AMO JSON shapes, so that every reference in the questions resolves;
- ``legislature.json``: a manifest (count, seed, generator version, sizes, record counts, time, distributions).

The output depends only on ``--count``, ``--seed`` and :data:`GENERATOR_VERSION` (zip timestamps are fixed),
so two runs with the same options produce byte-identical zips. Synthetic identifiers start at 9,000,000
(``PA9000001``, ``PM91…``, ``PO9…``) so they never collide with real ones.

Not seen in any real file, so the shapes below are this generator's guesses (the ingesters must take them or
report them, not crash): the JSON form of ``signalement`` and ``renouvellements`` (see
:func:`signalement_json`), and the closure codes of withdrawn and lapsed questions (:data:`OTHER_CLOSURES`).

``--check`` re-reads the output and checks every record: it parses, is one ASCII line serialised like the
real file, has exactly the real record's nested keys (a repeatable element may be a list, a nullable block
may be null), and every acteur, mandate and organ it names exists in the AMO zip, consistently with dates.

Usage::

    python benchmarks/make_legislature.py                      # 50,000 questions, seed 17
    python benchmarks/make_legislature.py --count 2000 --check
    python benchmarks/make_legislature.py --check-only         # check what is already in --out
    python benchmarks/make_legislature.py --templated 0.05     # 5 % of the questions copied from templates
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:  # the synthetic package is beside this file, also when it is imported by path
    sys.path.insert(0, str(HERE))

# The generator is the package synthetic/; this module keeps its public names, for the scripts and the tests.
from synthetic.check import (EXTENSIONS, NULLABLE_BLOCKS, REPEATABLE, check, compare,  # noqa: E402
                             compare_subset, skeleton)
from synthetic.journal import info_jo, jo_issue, page_base, tuesday_on_or_after  # noqa: E402
from synthetic.legislature import Legislature  # noqa: E402
from synthetic.organs import (DEPARTMENTS, GOVERNMENTS, GROUPS, PORTFOLIOS, REGIONS,  # noqa: E402
                              RENAMED_IN_SECOND_GOVERNMENT, organ_json)
from synthetic.people import CITIES, FIRST_NAMES_F, FIRST_NAMES_M, LAST_NAMES, PROFESSIONS  # noqa: E402
from synthetic.prose import (ANSWER_SUBJECTS, ANSWER_VERBS, CITATIONS, CODES, COMPLEMENTS,  # noqa: E402
                             CONNECTORS, MONTHS, OBJECTS, RARE_COMPLEMENTS, RARE_OBJECTS, SUBJ_PL, SUBJ_SG,
                             VERBS, Prose)
from synthetic.questions import (ANALYSIS_SUBJECTS, ANALYSIS_TEMPLATES, RUBRIQUES,  # noqa: E402
                                 renouvellements_json, signalement_json)
from synthetic.settings import (AMO_ZIP, ANSWERED, DEFAULT_OUT, DEFAULT_REFERENCE,  # noqa: E402
                                DEFAULT_REFERENCE_AMO, DEPOSIT_WEEKS, FIRST_DEPOSIT, GENERATOR_VERSION,
                                LEGISLATURE, LEGISLATURE_START, MANIFEST, OTHER_CLOSURES, P_GROUP_CHANGE,
                                P_RENEWAL, P_SHARED_ANSWER, P_SIGNALEMENT, P_TRANSFER, PENDING, QUESTIONS_ZIP,
                                REGIME, SHARED, SNAPSHOT, XMLNS, XSI, ZIP_DATE)
from synthetic.writing import ensure, generate  # noqa: E402

__all__ = [
    "AMO_ZIP", "ANALYSIS_SUBJECTS", "ANALYSIS_TEMPLATES", "ANSWERED", "ANSWER_SUBJECTS", "ANSWER_VERBS",
    "CITATIONS", "CITIES", "CODES", "COMPLEMENTS", "CONNECTORS", "DEFAULT_OUT", "DEFAULT_REFERENCE",
    "DEFAULT_REFERENCE_AMO", "DEPARTMENTS", "DEPOSIT_WEEKS", "EXTENSIONS", "FIRST_DEPOSIT", "FIRST_NAMES_F",
    "FIRST_NAMES_M", "GENERATOR_VERSION", "GOVERNMENTS", "GROUPS", "HERE", "LAST_NAMES", "LEGISLATURE",
    "LEGISLATURE_START", "Legislature", "MANIFEST", "MONTHS", "NULLABLE_BLOCKS", "OBJECTS", "OTHER_CLOSURES",
    "PENDING", "PORTFOLIOS", "PROFESSIONS", "P_GROUP_CHANGE", "P_RENEWAL", "P_SHARED_ANSWER", "P_SIGNALEMENT",
    "P_TRANSFER", "Prose", "QUESTIONS_ZIP", "RARE_COMPLEMENTS", "RARE_OBJECTS", "REGIME", "REGIONS",
    "RENAMED_IN_SECOND_GOVERNMENT", "REPEATABLE", "RUBRIQUES", "SHARED", "SNAPSHOT", "SUBJ_PL", "SUBJ_SG", "VERBS",
    "XMLNS", "XSI", "ZIP_DATE", "check", "compare", "compare_subset", "ensure", "generate", "info_jo", "jo_issue",
    "main", "organ_json", "page_base", "renouvellements_json", "signalement_json", "skeleton",
    "tuesday_on_or_after",
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=50000, help="number of written questions (default 50000)")
    parser.add_argument("--seed", type=int, default=17, help="random seed (default 17)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"output directory (default {DEFAULT_OUT})")
    parser.add_argument("--check", action="store_true", help="after generating, check every record")
    parser.add_argument("--check-only", action="store_true", help="only check what is already in --out")
    parser.add_argument("--reference", type=Path, default=DEFAULT_REFERENCE,
                        help="the real record whose key structure is copied (default: %(default)s)")
    parser.add_argument("--reference-amo", type=Path, default=DEFAULT_REFERENCE_AMO,
                        help="a real AMO zip for the acteur/organe key check (default: %(default)s)")
    parser.add_argument("--templated", type=float, default=0.0, metavar="RATE",
                        help="share of the questions that are copies of planted templates, listed in the manifest "
                             "(default 0: none; see synthetic/templates.py)")
    parser.add_argument("--quiet", action="store_true")
    args = parser.parse_args(argv)
    if args.count < 1:
        parser.error("--count must be at least 1")
    if (args.check or args.check_only) and not args.reference.exists():
        parser.error(f"reference record not found: {args.reference} (give --reference)")

    if not args.check_only:
        manifest = generate(args.count, args.seed, args.out, quiet=args.quiet, templated=args.templated)
        files = manifest["files"]
        rate = manifest["count"] / manifest["seconds"] if manifest["seconds"] else float("inf")
        print(f"generated {manifest['count']:,} questions, {manifest['records']['acteurs']} acteurs, "
              f"{manifest['records']['organes']} organes (seed {args.seed}) in {manifest['seconds']:.1f} s "
              f"({rate:,.0f} questions/s)")
        for f in files.values():
            print(f"  {args.out / f['path']}: {f['bytes'] / 1e6:,.1f} MB zipped, "
                  f"{f['uncompressed_bytes'] / 1e6:,.1f} MB of JSON")
    if args.check or args.check_only:
        return 0 if check(args.out, args.reference, args.reference_amo) else 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
