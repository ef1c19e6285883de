"""Dates as tokens of the index's ``tags`` column, so that a period is one more FTS5 clause, not a join.

A dated document carries its year, month and day (``yr2024 mo202403 dy20240315``); a period is the fewest of
these that cover it exactly: whole years, then whole months, then days at its ends.

>>> date_tags("2024-03-15")
['yr2024', 'mo202403', 'dy20240315']
>>> period_tags("2023-12-30", "2025-02-01", first="2020-01-01", last="2026-06-16")
['dy20231230', 'dy20231231', 'yr2024', 'mo202501', 'dy20250201']
>>> period_tags("2024-01-01", None, first="2020-05-01", last="2025-03-10")
['yr2024', 'yr2025']
>>> period_tags(None, "2021-02-28", first="2020-05-01", last="2025-03-10")
['yr2020', 'mo202101', 'mo202102']
"""
from __future__ import annotations

import calendar
from datetime import date, timedelta


def _day(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text[:10]) if text else None
    except ValueError:
        return None


def date_tags(text: str | None) -> list[str]:
    """The tokens of a document's date (none for a missing or unreadable one)."""
    day = _day(text)
    if day is None:
        return []
    return [f"yr{day.year:04d}", f"mo{day.year:04d}{day.month:02d}", f"dy{day:%Y%m%d}"]


def period_tags(since: str | None, until: str | None, *, first: str | None, last: str | None) -> list[str]:
    """The tokens that cover the days from ``since`` to ``until`` (either open: then from the start of the year of
    ``first``, the index's first date, or to the end of the year of ``last``, its last); an empty list when no
    date of the index is in the period."""
    first_day, last_day = _day(first), _day(last)
    if first_day is None or last_day is None:
        return []
    start = max(filter(None, (_day(since), date(first_day.year, 1, 1))))
    end = min(filter(None, (_day(until), date(last_day.year, 12, 31))))
    if start > end:
        return []
    tokens, day = [], start
    while day <= end:
        year_end, month_end = date(day.year, 12, 31), date(day.year, day.month,
                                                            calendar.monthrange(day.year, day.month)[1])
        if day.month == 1 and day.day == 1 and year_end <= end:
            tokens.append(f"yr{day.year:04d}")
            day = year_end + timedelta(days=1)
        elif day.day == 1 and month_end <= end:
            tokens.append(f"mo{day.year:04d}{day.month:02d}")
            day = month_end + timedelta(days=1)
        else:
            tokens.append(f"dy{day:%Y%m%d}")
            day += timedelta(days=1)
    return tokens
