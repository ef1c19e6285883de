"""What an ECLI stated in a text says: its court, and the fields its ordinal carries (and no more).

An ECLI is ``ECLI:{country}:{court}:{year}:{ordinal}``; the year is the decision's. The ordinal carries, by court:

* Conseil d'État, ``ECLI:FR:CECHR:2021:445566.20210712``: the case number and the date, and the formation (the code);
* Conseil constitutionnel, ``ECLI:FR:CC:2012:2012.270.QPC``: the number and the type (``.321.322.323.L``:
  joined numbers); its year part is the decision's, the number's may be the year before;
* Cour de cassation, ``ECLI:FR:CCASS:2023:C100543``: the chamber and the court's own arrêt number, which is
  not the pourvoi number: neither a pourvoi number nor a date comes from it;
* ECtHR, ``ECLI:CE:ECHR:2011:0121JUD003069609``: day and month, judgment or decision, the application number;
* the EU courts' sequence numbers carry nothing but the year.

>>> stated_fields("ECLI:FR:CECHR:2021:445566.20210712")
{'year': 2021, 'numbers': ['445566'], 'date': '2021-07-12', 'formation_code': 'CECHR'}
>>> stated_fields("ECLI:FR:CC:2026:2026.321.322.323.L")["numbers"]
['2026-321 L', '2026-322 L', '2026-323 L']
>>> stated_fields("ECLI:FR:CCASS:2023:C100543")
{'year': 2023, 'formation_code': 'C1'}
>>> stated_fields("ECLI:CE:ECHR:2011:0121JUD003069609")
{'year': 2011, 'numbers': ['30696/09'], 'date': '2011-01-21', 'decision_type': 'JUD'}
"""
from __future__ import annotations

import datetime as _dt
import re

_CE = re.compile(r"ECLI:FR:(CE[A-Z]{3}):(\d{4}):(\d{5,6})\.(\d{4})(\d\d)(\d\d)")
_CC = re.compile(r"ECLI:FR:CC:(\d{4}):((?:19|20)?\d{2})((?:\.\d{1,4})+)\.([A-Z]+\d*)")
_CASS = re.compile(r"ECLI:FR:CCASS:(\d{4}):(C[123]|AP|AV|CO|CR|MI|SO)\d{5}")
_ECHR = re.compile(r"ECLI:CE:ECHR:(\d{4}):(\d\d)(\d\d)(JUD|DEC)(\d{7})(\d\d)")
_YEAR = re.compile(r"ECLI:[A-Z]{2}:[A-Z]+:(\d{4}):")


def court_of_ecli(ecli: str) -> str | None:
    """The court an ECLI names (its country and court parts), or None for a court the extractor does not know."""
    parts = ecli.split(":")
    if len(parts) < 3:
        return None
    country, code = parts[1], parts[2]
    if country == "FR":
        if code.startswith("CE"):
            return "CE"
        return {"CC": "CC", "CCASS": "CASS", "TC": "TC"}.get(code, "CA" if code.startswith("CA") else None)
    if country == "EU":
        return {"C": "CJUE", "T": "TUE"}.get(code)
    if country == "CE" and code == "ECHR":
        return "CEDH"
    return None


def _iso(year: str, month: str, day: str) -> str | None:
    try:
        return _dt.date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


def stated_fields(ecli: str) -> dict:
    """The fields of a decision that its ECLI states, under the names of :class:`.models.DecisionCitation`
    (``year``, ``numbers``, ``date``, ``formation_code``, ``decision_type``); none it does not."""
    year = _YEAR.match(ecli)
    out: dict = {"year": int(year.group(1))} if year else {}
    if m := _CE.fullmatch(ecli):
        out.update(numbers=[m.group(3)], date=_iso(m.group(4), m.group(5), m.group(6)), formation_code=m.group(1))
    elif m := _CC.fullmatch(ecli):
        out.update(numbers=[f"{m.group(2)}-{n} {m.group(4)}" for n in m.group(3).strip(".").split(".")],
                   decision_type=m.group(4))
    elif m := _CASS.fullmatch(ecli):
        out.update(formation_code=m.group(2))
    elif m := _ECHR.fullmatch(ecli):
        out.update(numbers=[f"{int(m.group(5))}/{m.group(6)}"], date=_iso(m.group(1), m.group(2), m.group(3)),
                   decision_type=m.group(4))
    if out.get("date") is None:
        out.pop("date", None)
    return out
