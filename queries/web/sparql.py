"""The SPARQL 1.1 Protocol at ``/sparql``: query by GET, POST form or POST direct; update by POST, opt-in.

Answers: the result in the negotiated format (``Accept``, or a ``format`` parameter naming one of
json, xml, csv, tsv, turtle, ntriples, jsonld, rdfxml); the service description for a GET without a query
(a browser gets the SPARQL editor, :mod:`.sparql_editor`); plain-text errors that say what was wrong: 400
(syntax error, said as a sentence by :func:`.sparql_help.explain`; two queries, a body that is not UTF-8, a query
nested too deep), 401 (updates without the token), 403 (``SERVICE``, ``LOAD``, updates on a read-only
server), 405 (method), 406 (no acceptable format), 413 (a body over 16 MiB), 415 (media type), 429 (this
client has too many queries in flight), 503 (query timeout, store unavailable, server busy, all with
``Retry-After``) and 507 (result over the caps: the request is valid but the server will not hold a result
that large, so the status is a server-side limit, not a fault of the request's own size).
"""
from __future__ import annotations

import hmac
from urllib.parse import parse_qsl

import anyio.to_thread
from pyoxigraph import BlankNode, Literal, NamedNode, Triple, serialize
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from hemicycle.ontology.errors import (Busy, Forbidden, MemoryLimit, NotAcceptable, ProtocolError, QueryError,
                                       QueryTimeout, ResultTooLarge, RunnerError, StoreUnavailable,
                                       TooManyFromClient)
from hemicycle.ontology.terms import DCT, ENTAILMENT, RDF, SD
from hemicycle.queries.web import formats, sparql_editor
from hemicycle.queries.web.sparql_help import explain
from hemicycle.queries.web.worker import RDF_FORMATS

QUERY_TYPE = "application/sparql-query"
UPDATE_TYPE = "application/sparql-update"
FORM_TYPE = "application/x-www-form-urlencoded"
ALLOW = "GET, POST, OPTIONS"
MAX_BODY = 16 * 1024 * 1024  # bytes of a POST body: a query, a form or an update


def error_response(status: int, message: str, headers: dict | None = None) -> Response:
    return PlainTextResponse(message.rstrip() + "\n", status_code=status, headers=headers)


def parse_params(raw: bytes | str, where: str) -> list[tuple[str, str]]:
    """Form or URL parameters, refusing percent-encoded bytes that are not UTF-8."""
    if isinstance(raw, bytes):
        try:
            raw = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise ProtocolError(400, f"the {where} is not UTF-8") from None
    try:
        return parse_qsl(raw, keep_blank_values=True, encoding="utf-8", errors="strict")
    except UnicodeDecodeError:
        raise ProtocolError(400, f"the {where} has percent-encoded bytes that are not UTF-8") from None


def _one(params: list[tuple[str, str]], name: str) -> str | None:
    values = [v for k, v in params if k == name]
    if len(values) > 1:
        raise ProtocolError(400, f"the request gives {len(values)} '{name}' parameters; send exactly one")
    return values[0] if values else None


def _iris(params: list[tuple[str, str]], name: str) -> list[str] | None:
    values = [v for k, v in params if k == name]
    for value in values:
        try:
            NamedNode(value)
        except ValueError:
            raise ProtocolError(400, f"{name}: {value!r} is not an IRI") from None
    return values or None


def _media(request: Request) -> tuple[str, dict]:
    header = request.headers.get("content-type", "")
    main, *params = [p.strip() for p in header.split(";")]
    options = {}
    for param in params:
        key, _, value = param.partition("=")
        options[key.strip().lower()] = value.strip().strip('"').lower()
    return main.lower(), options


async def _body(request: Request) -> bytes:
    """The request's body, refused (413) past MAX_BODY bytes without reading the rest."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_BODY:
        raise ProtocolError(413, f"the request body has {int(declared):,} bytes; this endpoint takes at most "
                                 f"{MAX_BODY:,}")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY:
            raise ProtocolError(413, f"the request body is over {MAX_BODY:,} bytes, the most this endpoint takes")
        chunks.append(chunk)
    return b"".join(chunks)


async def _read(request: Request) -> tuple[str | None, str | None, list[tuple[str, str]]]:
    """(query, update, other parameters) of a protocol request."""
    url_params = parse_params(request.scope.get("query_string", b""), "query string")
    if request.method in ("GET", "HEAD"):
        if _one(url_params, "update") is not None:
            raise ProtocolError(405, "an update must be sent by POST", {"Allow": "POST"})
        return _one(url_params, "query"), None, url_params
    media, options = _media(request)
    charset = options.get("charset")
    if charset and charset not in ("utf-8", "utf8"):
        raise ProtocolError(415, f"the body must be UTF-8, not {charset}")
    body = await _body(request)
    if media == FORM_TYPE:
        params = parse_params(body, "form body")
        if _one(url_params, "query") is not None or _one(url_params, "update") is not None:
            raise ProtocolError(400, "the request gives a query both in the URL and in the form; send one")
        query, update = _one(params, "query"), _one(params, "update")
        if query is not None and update is not None:
            raise ProtocolError(400, "the form gives both a query and an update; send one")
        if query is None and update is None:
            raise ProtocolError(400, "the form gives neither a 'query' nor an 'update' parameter")
        return query, update, params + [p for p in url_params if p[0] != "format"]
    if media in (QUERY_TYPE, UPDATE_TYPE):
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError as error:
            raise ProtocolError(400, f"the body is not UTF-8 (byte {error.start})") from None
        if _one(url_params, "query") is not None or _one(url_params, "update") is not None:
            raise ProtocolError(400, "the request gives a query in the URL as well as in the body; send one")
        return (text, None, url_params) if media == QUERY_TYPE else (None, text, url_params)
    raise ProtocolError(415, f"a POST to this endpoint is {FORM_TYPE}, {QUERY_TYPE} or {UPDATE_TYPE}, "
                             f"not {media or 'a body without Content-Type'}")


def _formats(request: Request, params) -> dict[str, str | None]:
    named = _one(params, "format")
    if named is not None:
        if named in formats.SOLUTION_TYPES:
            return {"solutions": named, "boolean": named, "graph": None}
        if named in formats.GRAPH_TYPES:
            return {"solutions": None, "boolean": None, "graph": named}
        raise ProtocolError(400, f"format {named!r} is none of "
                                 f"{', '.join([*formats.SOLUTION_TYPES, *formats.GRAPH_TYPES])}")
    accept = request.headers.get("accept")
    solutions = formats.negotiate(accept, formats.SOLUTION_TYPES)
    return {"solutions": solutions, "boolean": solutions, "graph": formats.negotiate(accept, formats.GRAPH_TYPES)}


def client_of(request: Request) -> str | None:
    """Who is asking, for the per-client bounds: the peer's address (the proxy's, behind one that uvicorn
    does not trust to forward the client's own)."""
    return request.client.host if request.client else None


def error_status(error: RunnerError) -> tuple[int, dict]:
    """The HTTP status (and headers) that tells a client what became of its query."""
    if isinstance(error, QueryError):
        return 400, {}
    if isinstance(error, Forbidden):
        return 403, {}
    if isinstance(error, TooManyFromClient):
        return 429, {"Retry-After": "1"}
    if isinstance(error, Busy):
        return 503, {"Retry-After": "2"}
    if isinstance(error, QueryTimeout):
        return 503, {"Retry-After": "5"}
    if isinstance(error, StoreUnavailable):
        return 503, {"Retry-After": "1"}
    if isinstance(error, (ResultTooLarge, MemoryLimit)):
        return 507, {}
    if isinstance(error, NotAcceptable):
        return 406, {}
    raise error


def answer_error(error: RunnerError) -> Response:
    """The protocol's answer to a runner error."""
    status, headers = error_status(error)
    if isinstance(error, NotAcceptable):
        table = formats.GRAPH_TYPES if error.args[0] == "graph" else formats.SOLUTION_TYPES
        offered = ", ".join(main for main, _ in table.values())
        return error_response(406, f"this query gives a {error.args[0]} result, written as {offered}; "
                                   "the Accept header (or format parameter) allows none of them")
    return error_response(status, str(error), headers)


async def sparql_endpoint(request: Request) -> Response:
    if request.method not in ("GET", "HEAD", "POST"):
        return error_response(405, f"{request.method} is not a method of the SPARQL protocol (use GET or POST)",
                              {"Allow": ALLOW})
    try:
        query, update, params = await _read(request)
        if update is not None:
            return await _update(request, update)
        if query is None:
            return service_description(request, params)
        fmts = _formats(request, params)
        default_graph, named_graphs = _iris(params, "default-graph-uri"), _iris(params, "named-graph-uri")
    except ProtocolError as error:
        return error_response(error.status, str(error), error.headers)
    runner = request.app.state.runner
    try:
        result = await runner.aserialized(query, formats=fmts, default_graph=default_graph,
                                          named_graphs=named_graphs, client=client_of(request))
    except QueryError as error:
        if str(error).startswith("SPARQL syntax error"):  # said as a sentence: line, column, likely cause
            return error_response(400, explain(str(error), query))
        return answer_error(error)
    except RunnerError as error:
        return answer_error(error)
    return Response(result.body, media_type=formats.media_type(result.format), headers={"Vary": "Accept"})


async def _update(request: Request, update: str) -> Response:
    token = request.app.state.update_token
    if not token:
        raise ProtocolError(403, "this server does not accept updates (it is read-only; start it with "
                                 "'hemicycle serve --allow-updates --update-token-file FILE' to allow them)")
    given = request.headers.get("authorization", "")
    scheme, _, credential = given.partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(credential.strip().encode(), token.encode()):
        raise ProtocolError(401, "an update needs the header 'Authorization: Bearer TOKEN' with the server's "
                                 "update token", {"WWW-Authenticate": 'Bearer realm="hemicycle"'})
    runner = request.app.state.runner
    try:
        await anyio.to_thread.run_sync(lambda: runner.update(update, client=client_of(request)))
    except RunnerError as error:
        return answer_error(error)
    return Response(status_code=204)


#: what a browser asks for: the service description's formats, then a page
_DESCRIPTION_OR_PAGE = {**formats.GRAPH_TYPES, "html": ("text/html", ("application/xhtml+xml",))}


def service_description(request: Request, params) -> Response:
    """The SPARQL 1.1 Service Description of this endpoint, in the negotiated RDF format; a browser, which
    prefers HTML to every RDF format, gets the SPARQL editor instead (:mod:`.sparql_editor`)."""
    named = _one(params, "format")
    if named is None and formats.negotiate(request.headers.get("accept"), _DESCRIPTION_OR_PAGE) == "html":
        return sparql_editor.editor_page(request)
    fmt = named if named in formats.GRAPH_TYPES else formats.negotiate(request.headers.get("accept"),
                                                                        formats.GRAPH_TYPES)
    fmt = fmt or "turtle"
    endpoint = NamedNode(request.app.state.public_url + "/sparql")
    dataset, graph = BlankNode(), BlankNode()
    triples = [
        Triple(endpoint, RDF.type, SD.Service),
        Triple(endpoint, SD.endpoint, endpoint),
        Triple(endpoint, SD.supportedLanguage, SD.SPARQL11Query),
        Triple(endpoint, SD.feature, SD.UnionDefaultGraph),
        Triple(endpoint, SD.defaultEntailmentRegime, ENTAILMENT.Simple),
        Triple(endpoint, SD.defaultDataset, dataset),
        Triple(dataset, RDF.type, SD.Dataset),
        Triple(dataset, SD.defaultGraph, graph),
        Triple(graph, RDF.type, SD.Graph),
        Triple(endpoint, DCT.title, Literal("Hemicycle: questions of the Assemblée nationale", language="en")),
    ]
    if request.app.state.update_token:
        triples.append(Triple(endpoint, SD.supportedLanguage, SD.SPARQL11Update))
    for format_iri in formats.FORMAT_IRIS.values():
        triples.append(Triple(endpoint, SD.resultFormat, format_iri))
    prefixes = {"sd": SD.iri} if fmt in ("turtle", "rdfxml") else None
    body = serialize(triples, format=RDF_FORMATS[fmt], prefixes=prefixes)
    return Response(body, media_type=formats.media_type(fmt), headers={"Vary": "Accept"})


def routes() -> list[Route]:
    return [Route("/sparql", sparql_endpoint, methods=["GET", "POST", "PUT", "DELETE", "PATCH"])]
