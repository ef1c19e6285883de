"""The generator's settings: its version, where it writes, the fixed dates and the shares of each fate.

The output depends only on the count, the seed and :data:`GENERATOR_VERSION`.
"""
from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

GENERATOR_VERSION = "1"

BENCHMARKS = Path(__file__).resolve().parent.parent  # benchmarks/, where make_legislature.py is
DEFAULT_OUT = BENCHMARKS / "out"
QUESTIONS_ZIP = "Questions_ecrites.json.zip"
AMO_ZIP = "AMO_synthetic.json.zip"
MANIFEST = "legislature.json"
SHARED = BENCHMARKS.parent.parent / "shared" / "data" / "an"
DEFAULT_REFERENCE = SHARED / "questions" / "QANR5L17QE5268.json"
DEFAULT_REFERENCE_AMO = SHARED / "amo" / "l17-acteurs-organes-mixed-2025.json.zip"
ZIP_DATE = (2026, 1, 6, 8, 0, 0)  # fixed, so the zips are reproducible

LEGISLATURE = "17"
REGIME = "5eme Republique"  # as in the question records (the organs say "5ème République")
XMLNS = "http://schemas.assemblee-nationale.fr/referentiel"
XSI = "http://www.w3.org/2001/XMLSchema-instance"

LEGISLATURE_START = date(2024, 7, 18)
FIRST_DEPOSIT = date(2024, 10, 1)  # a Tuesday: the JO "questions" issue comes out on Tuesdays
DEPOSIT_WEEKS = 104  # questions are spread over two years whatever --count is
SNAPSHOT = FIRST_DEPOSIT + timedelta(weeks=DEPOSIT_WEEKS + 2)  # "today" for the dump: no later JO date

ANSWERED, PENDING = 0.85, 0.10  # the rest is closed without an answer
OTHER_CLOSURES = [("RET", "Retirée", 0.6), ("FM", "Fin de mandat", 0.4)]  # codes not seen in a real file
P_TRANSFER = 0.10  # two or three minAttrib entries
P_SIGNALEMENT = 0.03
P_RENEWAL = 0.04
P_SHARED_ANSWER = 0.02  # reuse the previous answer of the same ministry (several questions, one answer)
P_GROUP_CHANGE = 0.04  # deputies with two successive GP mandates
