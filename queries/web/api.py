"""The named queries as a small REST API, described by OpenAPI.

- ``GET /api/queries``: every named query (name, title, description, parameters) as JSON;
- ``GET /api/queries/{name}?param=value…``: its result, as SPARQL JSON results (default) or CSV (``Accept:
  text/csv`` or ``format=csv``); parameters are bound as typed RDF terms, never pasted into the query text;
- ``GET /api/openapi.json``: the OpenAPI 3.1 description, one path per named query.
"""
from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from hemicycle.queries import catalog
from hemicycle.queries.names import runner_latest, runner_names
from hemicycle.queries.web import formats
from hemicycle.ontology.errors import ParameterError, ProtocolError, RunnerError, UnknownQuery
from hemicycle.queries.web.sparql import answer_error, client_of, error_response, parse_params

API_FORMATS = {name: formats.SOLUTION_TYPES[name] for name in ("json", "csv")}
_SCHEMAS = {
    "iri": {"type": "string", "format": "iri"},
    "xsd:string": {"type": "string"},
    "xsd:integer": {"type": "integer"},
    "xsd:decimal": {"type": "number"},
    "xsd:date": {"type": "string", "format": "date"},
    "xsd:boolean": {"type": "boolean"},
}


def describe(query: catalog.NamedQuery, request: Request) -> dict:
    return {
        "name": query.name, "title": query.title, "description": query.description,
        "parameters": [{"name": p.name, "type": p.type, "default": p.default, "description": p.description}
                       for p in query.params],
        "url": f"{request.app.state.public_url}/api/queries/{query.name}",
    }


async def list_queries(request: Request) -> Response:
    return JSONResponse({"queries": [describe(q, request) for q in catalog.load_all().values()]})


async def run_query(request: Request) -> Response:
    name = request.path_params["name"]
    try:
        query = catalog.get(name)
    except UnknownQuery:
        return error_response(404, f"no named query {name!r} (see /api/queries)")
    try:
        params = parse_params(request.scope.get("query_string", b""), "query string")
        given: dict[str, str] = {}
        for key, value in params:
            if key in given:
                raise ProtocolError(400, f"parameter {key} is given twice")
            given[key] = value
        fmt = given.pop("format", None)
        if fmt is None:
            fmt = formats.negotiate(request.headers.get("accept"), API_FORMATS)
            if fmt is None:
                raise ProtocolError(406, "the named queries answer in application/sparql-results+json or text/csv")
        elif fmt not in API_FORMATS:
            raise ProtocolError(400, f"format {fmt!r}: the named queries answer as json or csv")
        runner = request.app.state.runner
        names = runner_names(runner, request.app.state.minter)
        substitutions = await run_in_threadpool(query.substitutions, given, names, runner_latest(runner))
    except ParameterError as error:
        missing = getattr(error, "missing", None)
        return error_response(400, str(error) + (f": give ?{missing}=…" if missing else ""))
    except ProtocolError as error:
        return error_response(error.status, str(error), error.headers)
    except RunnerError as error:                 # looking a parameter's name up took too long
        return answer_error(error)
    wanted = {"solutions": fmt, "boolean": fmt, "graph": "ntriples" if fmt == "csv" else "jsonld"}
    try:
        result = await runner.aserialized(query.text, substitutions, formats=wanted, client=client_of(request))
    except RunnerError as error:
        return answer_error(error)
    return Response(result.body, media_type=formats.media_type(result.format), headers={"Vary": "Accept"})


def openapi(queries: dict[str, catalog.NamedQuery]) -> dict:
    """The OpenAPI 3.1 description of the REST API."""
    error = {"description": "an error, explained in plain text", "content": {"text/plain": {"schema": {"type": "string"}}}}
    results = {"description": "the query's result",
               "content": {"application/sparql-results+json": {"schema": {"$ref": "#/components/schemas/SparqlResults"}},
                           "text/csv": {"schema": {"type": "string"}}}}
    paths = {"/api/queries": {"get": {
        "operationId": "listQueries", "summary": "Every named query and its parameters",
        "responses": {"200": {"description": "the named queries", "content": {"application/json": {
            "schema": {"$ref": "#/components/schemas/QueryList"}}}}}}}}
    for query in queries.values():
        parameters = [{"name": "format", "in": "query", "required": False,
                       "description": "json (SPARQL JSON results, the default) or csv; or use Accept",
                       "schema": {"type": "string", "enum": list(API_FORMATS)}}]
        for p in query.params:
            schema = dict(_SCHEMAS[p.type])
            if p.default is not None:
                schema["default"] = p.default
            parameters.append({"name": p.name, "in": "query", "required": p.default is None,
                               "description": f"{p.description} ({p.type})", "schema": schema})
        paths[f"/api/queries/{query.name}"] = {"get": {
            "operationId": query.name, "summary": query.title, "description": query.description,
            "parameters": parameters,
            "responses": {"200": results, "400": error, "406": error, "503": error, "507": error}}}
    term = {"type": "object", "required": ["type", "value"], "properties": {
        "type": {"type": "string", "enum": ["uri", "literal", "bnode", "triple"]},
        "value": {}, "datatype": {"type": "string"}, "xml:lang": {"type": "string"}}}
    return {
        "openapi": "3.1.0",
        "info": {"title": "Hemicycle named queries", "version": "1",
                 "description": "The named SPARQL queries of Hemicycle over the Assemblée nationale's "
                                "parliamentary questions. Parameters are bound as typed RDF terms."},
        "paths": paths,
        "components": {"schemas": {
            "SparqlResults": {"type": "object", "properties": {
                "head": {"type": "object", "properties": {"vars": {"type": "array", "items": {"type": "string"}}}},
                "results": {"type": "object", "properties": {"bindings": {"type": "array", "items": {
                    "type": "object", "additionalProperties": {"$ref": "#/components/schemas/Term"}}}}}}},
            "Term": term,
            "QueryList": {"type": "object", "properties": {"queries": {"type": "array", "items": {
                "type": "object", "properties": {
                    "name": {"type": "string"}, "title": {"type": "string"}, "description": {"type": "string"},
                    "url": {"type": "string"}, "parameters": {"type": "array", "items": {"type": "object"}}}}}}},
        }},
    }


async def openapi_json(request: Request) -> Response:
    return JSONResponse(openapi(catalog.load_all()))


def routes() -> list[Route]:
    return [
        Route("/api/queries", list_queries, methods=["GET"]),
        Route("/api/queries/{name}", run_query, methods=["GET"], name="api_query"),
        Route("/api/openapi.json", openapi_json, methods=["GET"]),
    ]
