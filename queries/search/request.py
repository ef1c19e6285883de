"""A search as asked (the command line's options, the API's and the page's query parameters), checked: each bad
value is a :class:`~hemicycle.ontology.errors.ParameterError` naming the parameter, what was given and what it
takes.

>>> r = request_from({"q": "écologie", "legislature": "17", "kind": "qe", "since": "2024", "until": "2025-02"})
>>> r.legislature, r.kind, r.since, r.until
(17, 'QE', '2024-01-01', '2025-02-28')
>>> request_from({"q": "x", "status": "lost"})
Traceback (most recent call last):
...
hemicycle.ontology.errors.ParameterError: status: 'lost' is not one of answered, pending, withdrawn, lapsed
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from typing import Mapping

from hemicycle.ingest.search.index import TYPES
from hemicycle.ontology.errors import ParameterError

KINDS = ("QE", "QG", "QOSD")
STATUSES = ("answered", "pending", "withdrawn", "lapsed")
SORTS = ("relevance", "newest", "oldest")
PER_PAGE, MAX_PER_PAGE = 20, 100
MAX_RESULTS = 10_000  # the deepest result a page may show
#: the parameters a search takes, as the API and the page name them
PARAMETERS = ("q", "legislature", "kind", "group", "ministry", "rubrique", "status", "since", "until", "type",
              "page", "per_page", "sort")
_PERIOD = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True)
class SearchRequest:
    text: str
    legislature: int | None = None
    kind: str | None = None
    group: str | None = None
    ministry: str | None = None
    rubrique: str | None = None
    status: str | None = None
    since: str | None = None
    until: str | None = None
    type: str | None = None
    page: int = 1
    per_page: int = PER_PAGE
    sort: str = "relevance"

    def filters(self) -> dict[str, str]:
        """The filters given, by parameter name, as the API and the page write them (for links to other pages)."""
        found = {name: getattr(self, name) for name in ("legislature", "kind", "group", "ministry", "rubrique",
                                                       "status", "since", "until", "type")}
        if self.sort != "relevance":
            found["sort"] = self.sort
        return {name: str(value) for name, value in found.items() if value is not None}


def request_from(params: Mapping[str, str | None]) -> SearchRequest:
    """A request from text parameters (``q`` and the names of :data:`PARAMETERS`); empty ones are left out."""
    given = {name: value.strip() for name, value in params.items() if value is not None and value.strip()}
    unknown = sorted(set(given) - set(PARAMETERS))
    if unknown:
        raise ParameterError(f"{unknown[0]}: no such search parameter (they are {', '.join(PARAMETERS)})")
    text = given.get("q", "")
    if not text:
        raise ParameterError("q: give the words to search for")
    return SearchRequest(
        text=text,
        legislature=_integer(given, "legislature", 1, 99),
        kind=_choice(given, "kind", KINDS, upper=True),
        group=given.get("group"), ministry=given.get("ministry"), rubrique=given.get("rubrique"),
        status=_choice(given, "status", STATUSES),
        since=_day(given, "since", end=False), until=_check_order(given, _day(given, "until", end=True)),
        type=_choice(given, "type", TYPES),
        page=_integer(given, "page", 1, MAX_RESULTS) or 1,
        per_page=_integer(given, "per_page", 1, MAX_PER_PAGE) or PER_PAGE,
        sort=_choice(given, "sort", SORTS) or "relevance",
    )


def check_depth(request: SearchRequest) -> None:
    if (request.page - 1) * request.per_page >= MAX_RESULTS:
        raise ParameterError(f"page: results past the {MAX_RESULTS:,}th are not shown; narrow the search")


def _integer(given: Mapping[str, str], name: str, low: int, high: int) -> int | None:
    value = given.get(name)
    if value is None:
        return None
    if not value.isascii() or not value.isdigit() or not low <= int(value) <= high:
        raise ParameterError(f"{name}: {value[:40]!r} is not a whole number from {low} to {high:,}")
    return int(value)


def _choice(given: Mapping[str, str], name: str, choices: tuple[str, ...], upper: bool = False) -> str | None:
    value = given.get(name)
    if value is None:
        return None
    wanted = value.upper() if upper else value.lower()
    if wanted not in choices:
        raise ParameterError(f"{name}: {value[:40]!r} is not one of {', '.join(choices)}")
    return wanted


def _day(given: Mapping[str, str], name: str, end: bool) -> str | None:
    """A date, a month or a year (``2024-03-05``, ``2024-03``, ``2024``) as the first day of it, or its last."""
    value = given.get(name)
    if value is None:
        return None
    found = _PERIOD.match(value)
    try:
        if not found:
            raise ValueError
        year, month, day = int(found.group(1)), found.group(2), found.group(3)
        if month is None:
            return date(year, 12 if end else 1, 31 if end else 1).isoformat()
        if day is None:
            last = calendar.monthrange(year, int(month))[1]
            return date(year, int(month), last if end else 1).isoformat()
        return date(year, int(month), int(day)).isoformat()
    except ValueError:
        raise ParameterError(f"{name}: {value[:40]!r} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)") from None


def _check_order(given: Mapping[str, str], until: str | None) -> str | None:
    since = _day(given, "since", end=False)
    if since and until and since > until:
        raise ParameterError(f"until: {given['until']!r} is before since ({given['since']!r})")
    return until
