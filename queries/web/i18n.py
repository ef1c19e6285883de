"""The pages' two languages, French and English: which one a request wants, its messages, its dates and numbers.

English is the source language: the templates and the Python code write their messages in English, marked for
translation (``{{ _("…") }}``, ``{% trans %}…{% endtrans %}`` and :func:`gettext`), and the French catalogue is
the gettext files ``locale/fr/*.po`` beside this module, one per part of the site, merged when first needed. Babel
reads them (no compiled ``.mo`` file to keep in step) and formats the dates and numbers the way each language
writes them.

A request's language is, first match wins: ``?lang=fr|en`` (the switch in the header, remembered in a cookie),
the ``lang`` cookie, then the ``Accept-Language`` header; English when none says.

>>> language_of_header("fr-FR,fr;q=0.9,en;q=0.5")
'fr'
>>> language_of_header("de, en;q=0.3"), language_of_header(""), language_of_header("de")
('en', 'en', 'en')
>>> format_date("2021-08-24", "fr"), format_date("2021-08-24", "en"), format_date("2021", "fr")
('24 août 2021', '24 August 2021', '2021')
>>> format_number(12345, "fr") == "12\u202f345", format_number(12345, "en")
(True, '12,345')
"""
from __future__ import annotations

import functools
import io
from datetime import date, datetime
from importlib import resources

from babel import Locale, UnknownLocaleError
from babel.dates import format_date as babel_date
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from babel.support import NullTranslations, Translations

LANGUAGES = ("en", "fr")
DEFAULT = "en"
COOKIE = "lang"
FOLDER = resources.files(__package__) / "locale"
NAMES = {"en": "English", "fr": "Français"}  # each language in itself, for the switch


def N_(message: str) -> str:
    """Marks a message for translation where it is written (:func:`gettext` translates it where it is shown)."""
    return message


def language_of_header(header: str | None) -> str:
    """The language an ``Accept-Language`` header prefers among ours (by its q-values), or the default."""
    preferred = []
    for position, item in enumerate((header or "").split(",")):
        tag, _, params = item.strip().partition(";")
        quality = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        primary = tag.strip().split("-")[0].lower()
        if primary and quality > 0:
            preferred.append((-quality, position, primary))
    for _, _, primary in sorted(preferred):
        if primary in LANGUAGES:
            return primary
    return DEFAULT


def language(request) -> str:
    """The language of a Starlette request: ``?lang=``, the cookie, then ``Accept-Language``."""
    for asked in (request.query_params.get("lang"), request.cookies.get(COOKIE)):
        if asked in LANGUAGES:
            return asked
    return language_of_header(request.headers.get("accept-language"))


@functools.cache
def catalog(lang: str) -> Catalog:
    """Every message of the ``locale/{lang}/*.po`` files, merged (a message given twice keeps its first text)."""
    merged = Catalog(locale=lang)
    folder = FOLDER / lang
    if lang == DEFAULT or not folder.is_dir():
        return merged
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".po"):
            continue
        with entry.open("rb") as po:
            part = read_po(po)
        if not len(merged):
            merged.mime_headers = part.mime_headers  # the files' Plural-Forms, not CLDR's three French forms
        for message in part:
            if message.id and message.string and message.id not in merged:
                merged[message.id] = message
    return merged


@functools.cache
def translations(lang: str) -> NullTranslations:
    """The gettext translations of a language (the messages themselves in English)."""
    if lang == DEFAULT:
        return NullTranslations()
    compiled = io.BytesIO()
    write_mo(compiled, catalog(lang))
    compiled.seek(0)
    return Translations(compiled)


def gettext(lang: str, message: str) -> str:
    """A message in a language."""
    return translations(lang).gettext(message)


def ngettext(lang: str, singular: str, plural: str, n: int) -> str:
    """A message with a count in a language (French says "1 citation", "0 citation", "2 citations")."""
    return translations(lang).ngettext(singular, plural, n)


@functools.cache
def locale(lang: str) -> Locale:
    try:
        return Locale.parse(lang)
    except (UnknownLocaleError, ValueError):
        return Locale.parse(DEFAULT)


def format_date(value, lang: str) -> str:
    """An ISO date (``2021-08-24``, or a date-time) written the language's way; anything else as it is."""
    if value is None or value == "":
        return ""
    if isinstance(value, datetime):
        value = value.date()
    if not isinstance(value, date):
        text = str(value)
        try:
            value = date.fromisoformat(text[:10])
        except ValueError:
            return text
    return babel_date(value, format="d MMMM y", locale=locale(lang))


def format_number(value, lang: str) -> str:
    """A number with the language's separators; anything that is not a number as it is."""
    if value is None or value == "":
        return ""
    try:
        number = float(value) if "." in str(value) else int(value)
    except (TypeError, ValueError):
        return str(value)
    return format_decimal(number, locale=locale(lang))
