"""The pages' two languages: every message the site writes has its French, and the catalogue is well formed."""
from __future__ import annotations

import re
from importlib import resources

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po

from hemicycle.queries.web import i18n

WEB = resources.files("hemicycle.queries.web")
PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def messages() -> dict[str | tuple, str]:
    """Every message marked for translation in the templates and the web modules, with the file it is in."""
    found = {}
    runs = [([("templates/**.html", "jinja2")], {"templates/**.html": {"extensions": "jinja2.ext.i18n"}},
             DEFAULT_KEYWORDS),
            ([("**.py", "python")], {}, {"N_": None, "gettext": (2,), "ngettext": (2, 3)})]
    for method_map, options, keywords in runs:
        for filename, _, message, _, _ in extract_from_dir(str(WEB), method_map=method_map, options_map=options,
                                                           keywords=keywords):
            found.setdefault(message, filename)
    return found


def test_the_extraction_sees_the_site():
    found = messages()
    assert len(found) > 100
    assert "Ministry questioned" in found and ("%(num)s citation", "%(num)s citations") in found


@pytest.mark.parametrize("message", sorted(messages(), key=str))
def test_every_message_has_its_french(message):
    entry = i18n.catalog("fr").get(message if isinstance(message, str) else message[0])
    assert entry is not None and entry.string, f"no French for {message!r}: add it to queries/web/locale/fr/*.po"
    english = message if isinstance(message, tuple) else (message,)
    french = entry.string if isinstance(entry.string, tuple) else (entry.string,)
    assert all(french), f"a plural form of {message!r} is empty"
    assert set(PLACEHOLDER.findall(" ".join(french))) == set(PLACEHOLDER.findall(" ".join(english))), \
        f"the French of {message!r} names other placeholders"


def test_each_catalogue_file_has_french_plurals():
    folder = WEB / "locale" / "fr"
    files = [entry for entry in folder.iterdir() if entry.name.endswith(".po")]
    assert files
    for entry in files:
        with entry.open("rb") as po:
            catalog = read_po(po)
        assert catalog.num_plurals == 2 and catalog.plural_expr == "(n > 1)", entry.name
        for message in catalog:
            if message.id and isinstance(message.string, tuple):
                assert len(message.string) == 2 and all(message.string), (entry.name, message.id)


def test_french_plurals_and_dates():
    assert i18n.ngettext("fr", "%(num)s citation", "%(num)s citations", 1) == "%(num)s citation"
    assert i18n.ngettext("fr", "%(num)s citation", "%(num)s citations", 0) == "%(num)s citation"
    assert i18n.ngettext("fr", "%(num)s citation", "%(num)s citations", 2) == "%(num)s citations"
    assert i18n.ngettext("en", "%(num)s citation", "%(num)s citations", 0) == "%(num)s citations"
    assert i18n.format_date("2026-05-05", "fr") == "5 mai 2026"
    assert i18n.format_date("2026-05-05T10:00:00", "en") == "5 May 2026"
    assert i18n.format_date("not a date", "fr") == "not a date"


@pytest.mark.parametrize("header, expected", [
    ("fr", "fr"), ("fr-CA", "fr"), ("en-GB,en;q=0.8", "en"), ("de-DE, fr;q=0.4, en;q=0.3", "fr"),
    ("en;q=0.2, fr;q=0.9", "fr"), ("fr;q=0", "en"), ("*", "en"), ("fr;q=abc, en", "en"), (None, "en"),
])
def test_language_of_header(header, expected):
    assert i18n.language_of_header(header) == expected


def test_every_view_is_described_in_french():
    """The views' descriptions are written in queries/viz (no web there): their French is in viz.po."""
    from hemicycle.queries.viz import charts, projections

    for view in [*projections.PROJECTIONS.values(), *charts.CHARTS.values()]:
        assert i18n.gettext("fr", view.description) != view.description, view.description


def test_a_message_in_two_files_has_one_french():
    """The catalogue is one file per part of the site: a message they share must read the same everywhere."""
    french: dict[str, tuple[str, object]] = {}
    for entry in sorted((WEB / "locale" / "fr").iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".po"):
            continue
        with entry.open("rb") as po:
            for message in read_po(po):
                if message.id:
                    first = french.setdefault(str(message.id), (entry.name, message.string))
                    assert first[1] == message.string, (message.id, first, entry.name, message.string)
