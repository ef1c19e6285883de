"""The pages' templates and how a page is rendered: in the request's language, in the site's layout.

Every HTML page of the server goes through :func:`render`: the templates of ``templates/`` with the filters
``href`` (an IRI to the link that leads to it on this server), ``curie``, ``date`` and ``number`` (written the
language's way), and the messages of :mod:`.i18n` (``_``, ``gettext``, ``ngettext``, ``{% trans %}``).
"""
from __future__ import annotations

import functools
from importlib import resources

from jinja2 import Environment, FileSystemLoader, pass_context
from starlette.requests import Request
from starlette.responses import HTMLResponse

from hemicycle.queries.web import i18n, linked_data
from hemicycle.queries.web.page_data import ordinal

FOLDER = resources.files(__package__)


@functools.cache
def templates(lang: str = i18n.DEFAULT) -> Environment:
    """The pages' templates in a language: the ``href`` (IRI to link), ``curie``, ``date`` and ``number``
    filters, and the messages of :mod:`.i18n` (``_``, ``gettext``, ``ngettext``, ``{% trans %}``)."""
    env = Environment(loader=FileSystemLoader(str(FOLDER / "templates")), autoescape=True,
                      extensions=["jinja2.ext.i18n"])
    env.install_gettext_translations(i18n.translations(lang), newstyle=True)
    env.filters["href"] = href
    env.filters["curie"] = linked_data.curie
    env.filters["date"] = functools.partial(_date, lang=lang)
    env.filters["number"] = functools.partial(_number, lang=lang)
    env.globals.update(suffixes=linked_data.SUFFIX_OF, lang=lang, languages=i18n.NAMES)
    env.globals["ordinal"] = functools.partial(ordinal, lang=lang)
    return env


def _date(value, lang: str) -> str:
    return i18n.format_date(value, lang)


def _number(value, lang: str) -> str:
    return i18n.format_number(value, lang)


@pass_context
def href(context, iri: str | None) -> str:
    """Where a link to an IRI goes: its path on this server when minted under the base, else the IRI itself."""
    if not iri:
        return ""
    return linked_data.server_path(iri, context["base"]) or iri


def render(request: Request, template: str, context: dict, status: int = 200) -> HTMLResponse:
    """A page in the request's language (:func:`.i18n.language`); ``context["title"]`` is translated too.

    A ``?lang=`` switch is remembered in a cookie; the answer varies with the cookie and ``Accept-Language``.
    """
    lang = i18n.language(request)
    base = request.app.state.minter.base
    context = dict(context)
    if context.get("title"):
        context["title"] = i18n.gettext(lang, context["title"])
    body = templates(lang).get_template(template).render(
        {"request": request, "base": base, "mount": linked_data.mount_path(base), "switch": _switch(request),
         **context})
    response = HTMLResponse(body, status_code=status)
    response.headers["Content-Language"] = lang
    response.headers["Vary"] = "Accept, Accept-Language, Cookie"
    asked = request.query_params.get("lang")
    if asked in i18n.LANGUAGES and asked != request.cookies.get(i18n.COOKIE):
        response.set_cookie(i18n.COOKIE, asked, max_age=365 * 86400, samesite="lax")
    return response


def _switch(request: Request) -> dict[str, str]:
    """The language switch's links: this page's URL with ``lang=`` set, by language."""
    url = request.url
    return {lang: f"{url.path}?{url.include_query_params(lang=lang).query}" for lang in i18n.LANGUAGES}
