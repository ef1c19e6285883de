"""Dates and Journal officiel references: the Tuesday issues, their numbers and pages."""
from __future__ import annotations

from datetime import date, timedelta


def tuesday_on_or_after(day: date) -> date:
    return day + timedelta(days=(1 - day.weekday()) % 7)


def jo_issue(day: date) -> int:
    """Number of the JO "questions" issue of that Tuesday in its year: 2025-03-25 is issue 12."""
    first = tuesday_on_or_after(date(day.year, 1, 1))
    return (day - first).days // 7 + 1


def info_jo(day: date | None, page: int | None = None, numbered: bool = True, type_jo: str = "JO_QUESTION") -> dict:
    return {
        "typeJO": type_jo,
        "dateJO": day.isoformat() if day else None,
        "pageJO": str(page) if page is not None else None,
        "numJO": f"{day.year}{jo_issue(day):04d}" if (numbered and day) else None,
        "urlLegifrance": None,
        "referenceNOR": None,
    }


def page_base(day: date) -> int:
    return 1 + (jo_issue(day) - 1) * 190
