"""Dates as French legal prose writes them, as regex fragments and a parser to ISO 8601.

>>> [parse_date(s).iso for s in ("24 février 2022", "24 fév. 2022", "19 juill. 2019", "1er mars 2020",
...                              "24/02/2022", "29/12/2014", "3 Sept. 2001")]
['2022-02-24', '2022-02-24', '2019-07-19', '2020-03-01', '2022-02-24', '2014-12-29', '2001-09-03']
>>> date_from_match(re.match(f"{DATE}|{DATE_ISO}", "2026-03-02")).iso
'2026-03-02'
>>> d = parse_date("31 octobre dernier"); (d.iso, d.month, d.day)
(None, 10, 31)
>>> parse_date("30 février 2022").iso is None
True
"""
from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

MONTHS = {
    "janvier": 1, "janv": 1, "jan": 1,
    "février": 2, "fevrier": 2, "févr": 2, "fevr": 2, "fév": 2, "fev": 2,
    "mars": 3,
    "avril": 4, "avr": 4,
    "mai": 5,
    "juin": 6,
    "juillet": 7, "juill": 7, "juil": 7,
    "août": 8, "aout": 8,
    "septembre": 9, "sept": 9, "sep": 9,
    "octobre": 10, "oct": 10,
    "novembre": 11, "nov": 11,
    "décembre": 12, "decembre": 12, "déc": 12, "dec": 12,
}

_MONTH_RE = (r"(?i:janvier|janv\.?|jan\.|f[ée]vrier|f[ée]vr?\.|mars|avril|avr\.|mai|juin|juillet|juill?\.|"
             r"ao[uû]t|septembre|sept?\.|octobre|oct\.|novembre|nov\.|d[ée]cembre|d[ée]c\.)")
_DAY_RE = r"(?:1er|1re|1ère|[Pp]remier|[12]\d|3[01]|0?[1-9])"
YEAR = r"(?:1[789]\d\d|20\d\d)"

#: a date written in words; the year is optional (``31 octobre dernier``, ``5 avril``)
DATE_WORDS = rf"(?P<d_day>{_DAY_RE})\s+(?P<d_month>{_MONTH_RE})(?:\s+(?P<d_year>{YEAR})\b)?"
#: a numeric date, day first
DATE_NUMERIC = rf"(?P<n_day>0?[1-9]|[12]\d|3[01])(?P<sep>[/.-])(?P<n_month>0?[1-9]|1[0-2])(?P=sep)(?P<n_year>{YEAR})\b"
DATE = rf"(?:{DATE_WORDS}|{DATE_NUMERIC})"
#: an ISO 8601 date, as the databases' titles print it ("du 2026-03-02"): only where a formal citation's segment
#: stands (a number like "2016-1321" never has a third part)
DATE_ISO = rf"(?P<i_year>{YEAR})-(?P<i_month>0[1-9]|1[0-2])-(?P<i_day>0[1-9]|[12]\d|3[01])(?![\d-])"

DATE_RE = re.compile(rf"(?<![\w/]){DATE}")


@dataclass(frozen=True, slots=True)
class Date:
    year: int | None
    month: int | None
    day: int | None

    @property
    def iso(self) -> str | None:
        if self.year is None or self.month is None or self.day is None:
            return None
        try:
            return _dt.date(self.year, self.month, self.day).isoformat()
        except ValueError:
            return None


def _day(s: str) -> int:
    return 1 if s[0] in "1Pp" and not s[1:2].isdigit() else int(s)


def date_from_match(m: re.Match) -> Date:
    """A Date from a match of a pattern that contains the :data:`DATE` fragment."""
    if m.group("d_day"):
        month = MONTHS.get(m.group("d_month").lower().rstrip("."))
        year = m.group("d_year")
        return Date(int(year) if year else None, month, _day(m.group("d_day")))
    if m.group("n_day"):
        return Date(int(m.group("n_year")), int(m.group("n_month")), int(m.group("n_day")))
    if "i_day" in m.re.groupindex and m.group("i_day"):
        return Date(int(m.group("i_year")), int(m.group("i_month")), int(m.group("i_day")))
    return Date(None, None, None)


def parse_date(text: str) -> Date:
    m = DATE_RE.search(text)
    return date_from_match(m) if m else Date(None, None, None)
