"""The query page's side of the server: what the page at ``/`` starts with, and the route it runs queries by.

``GET /query/results`` runs either a named query (``name=…``) or the text of the editor (``query=…``), with the
parameters its header declares given as ``p.NAME=value`` and bound as typed RDF terms (never pasted into the
text), and answers in ``format=`` one of json, xml, csv, tsv (SELECT, ASK), turtle, ntriples, jsonld, rdfxml
(CONSTRUCT, DESCRIBE), or ``auto`` (JSON results, or JSON-LD for a graph: what the page reads to draw its
table). With ``download=1`` the answer comes as a file named after the query. Errors are plain text saying what
was wrong, with the SPARQL endpoint's statuses (400, 404, 406, 503, 507).
"""
from __future__ import annotations

import re

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from hemicycle.queries import catalog
from hemicycle.queries.names import runner_latest, runner_names
from hemicycle.queries.web.sparql_help import declare_prefixes, explain
from hemicycle.queries.web import formats, i18n, labels
from hemicycle.queries.web.i18n import N_
from hemicycle.ontology.errors import ParameterError, ProtocolError, QueryError, RunnerError, UnknownQuery
from hemicycle.queries.web.sparql import answer_error, client_of, error_response, parse_params

EXTENSIONS = {"json": "json", "xml": "xml", "csv": "csv", "tsv": "tsv", "turtle": "ttl", "ntriples": "nt",
              "jsonld": "jsonld", "rdfxml": "rdf"}
FIRST_QUERY = "question-card"
# the running example (the sample's seed question and the decision it cites), offered for IRI parameters of
# these names that have no default, so that the examples run as they come
EXAMPLES = {"question": "question/QANR5L17QE15973", "decision": "decision/fr/CE/2026-05-05/502860"}


# what query.js writes, translated by the server into the page's language
SCRIPT_MESSAGES = [N_("(edited)"), N_("(the first 1000 shown; download for all)"), N_("Download:"), N_("Error"),
                   N_("Pages of the result"), N_("Parameters"), N_("Running…"), N_("Sort by this column"),
                   N_("The query could not be sent:"), N_("answer:"), N_("in"), N_("next"), N_("of"),
                   N_("previous"), N_("subject"), N_("predicate"), N_("object"),
                   N_("Write a query in the editor: the prefixes hm:, dcterms:, foaf:, org:, skos:… are declared.")]


def script_messages(lang: str) -> dict:
    """The messages of query.js in a language, with the singular and plural of its counts."""
    found = {message: i18n.gettext(lang, message) for message in SCRIPT_MESSAGES}
    found["plurals"] = {
        "row": [i18n.ngettext(lang, "%(num)s row", "%(num)s rows", n) for n in (1, 2)],
        "triple": [i18n.ngettext(lang, "%(num)s triple", "%(num)s triples", n) for n in (1, 2)],
    }
    return found


def context(request: Request) -> dict:
    """The query page's context: the named queries (text, parameters and a default for each) and the formats."""
    base = request.app.state.minter.base
    named = []
    for query in catalog.load_all().values():
        params = []
        for p in query.params:
            default = p.default
            if default is None and p.type == "iri" and p.name in EXAMPLES:
                default = base + EXAMPLES[p.name]
            params.append({"name": p.name, "type": p.type, "default": default, "description": p.description})
        named.append({"name": query.name, "title": query.title, "description": query.description,
                      "text": query.text, "params": params})
    first = next((q for q in named if q["name"] == FIRST_QUERY), named[0] if named else None)
    return {"title": N_("Query the graph"), "named": named, "first": first,
            "messages": script_messages(i18n.language(request)),
            "solutionFormats": list(formats.SOLUTION_TYPES), "graphFormats": list(formats.GRAPH_TYPES)}


def _one(params: list[tuple[str, str]], name: str) -> str | None:
    values = [v for k, v in params if k == name]
    if len(values) > 1:
        raise ProtocolError(400, f"parameter {name} is given {len(values)} times")
    return values[0] if values else None


def _wanted(fmt: str) -> dict[str, str | None]:
    if fmt == "auto":
        return {"solutions": "json", "boolean": "json", "graph": "jsonld"}
    if fmt in formats.SOLUTION_TYPES:
        return {"solutions": fmt, "boolean": fmt, "graph": None}
    if fmt in formats.GRAPH_TYPES:
        return {"solutions": None, "boolean": None, "graph": fmt}
    raise ProtocolError(400, f"format {fmt!r} is none of auto, {', '.join(EXTENSIONS)}")


def _query(params: list[tuple[str, str]], names: catalog.Names | None = None,
           latest=None) -> tuple[catalog.NamedQuery, dict]:
    name, text = _one(params, "name"), _one(params, "query")
    if name is not None and text is not None:
        raise ProtocolError(400, "give either a named query (name=…) or a query text (query=…), not both")
    if name is not None:
        try:
            query = catalog.get(name)
        except UnknownQuery as error:
            raise ProtocolError(404, str(error)) from None
    elif text is not None and text.strip():
        text, _ = declare_prefixes(text)
        try:
            query = catalog.parse_query("query", text)
        except ValueError as error:
            raise ProtocolError(400, str(error)) from None
    else:
        raise ProtocolError(400, "no query: give name=NAME (a named query) or query=TEXT")
    given = {}
    for key, value in params:
        if key.startswith("p."):
            if key[2:] in given:
                raise ProtocolError(400, f"parameter {key[2:]} is given twice")
            given[key[2:]] = value
        elif key not in ("name", "query", "format", "download"):
            raise ProtocolError(400, f"unknown parameter {key!r} (query parameters are given as p.NAME=value)")
    for param in query.params:
        if param.default is None and param.name not in given:
            raise ProtocolError(400, f"{query.name} needs its parameter {param.name} ({param.description}): "
                                     f"fill it in under Parameters, or give p.{param.name}=… in the URL")
    try:
        return query, query.substitutions(given, names, latest)
    except ParameterError as error:
        raise ProtocolError(400, str(error)) from None


async def results(request: Request) -> Response:
    runner = request.app.state.runner
    try:
        params = parse_params(request.scope.get("query_string", b""), "query string")
        names = runner_names(runner, request.app.state.minter)
        query, substitutions = await run_in_threadpool(_query, params, names, runner_latest(runner))
        fmt = _one(params, "format") or "auto"
        wanted = _wanted(fmt)
    except ProtocolError as error:
        return error_response(error.status, str(error), error.headers)
    except RunnerError as error:                 # looking a parameter's name up took too long
        return answer_error(error)
    try:
        result = await runner.aserialized(query.text, substitutions, formats=wanted, client=client_of(request))
    except QueryError as error:
        if str(error).startswith("SPARQL syntax error"):   # said as a sentence about the text
            added = len(query.text.split("\n")) - len((_one(params, "query") or query.text).split("\n"))
            return error_response(400, explain(str(error), query.text, added))
        return answer_error(error)
    except RunnerError as error:
        return answer_error(error)
    headers = {"X-Result-Kind": result.kind}
    if _one(params, "download") == "1":
        filename = re.sub(r"[^A-Za-z0-9_-]+", "-", query.name) + "." + EXTENSIONS[result.format]
        headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return Response(result.body, media_type=formats.media_type(result.format), headers=headers)


def routes() -> list[Route]:
    return [Route("/query/results", results, methods=["GET"], name="query_results"), *labels.routes()]
