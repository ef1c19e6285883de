"""Names for IRIs, so that results show "Guillaume Gouffier Valente" and "en attente de réponse" rather than
``…/id/acteur/PA721296`` and ``…/ontology#Pending``.

The graph's resources are named by the store (a person's ``foaf:name``, an organ's or a concept's
``skos:prefLabel``, anything's ``rdfs:label``, a question's kind and number), the ontology's own terms by its
labels in French and English. ``POST /query/labels`` answers the query page, which asks for the names of the
IRIs of a result once it is drawn: downloads stay exactly what the query returned.
"""
from __future__ import annotations

import functools
import json

from pyoxigraph import Literal, NamedNode, RdfFormat, parse
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from hemicycle.ontology import ONTOLOGY_FILE, read_resource
from hemicycle.ontology.errors import RunnerError
from hemicycle.ontology.terms import RDFS
from hemicycle.queries.web import i18n
from hemicycle.queries.web.page_data import ordinal
from hemicycle.queries.web.sparql import answer_error, client_of, error_response

MAX_IRIS = 2000  # names asked at once; the page asks for those of the rows it shows
MAX_BODY = 1 << 20

NAMES = """PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX hm: <https://w3id.org/hemicycle/ontology#>
SELECT ?s ?name ?kind ?number ?legislature WHERE {
  VALUES ?s { %s }
  { ?s foaf:name|skos:prefLabel|rdfs:label ?name }
  UNION { ?s hm:kindCode ?kind ; hm:questionNumber ?number . OPTIONAL { ?s hm:legislature ?legislature } }
}"""


@functools.cache
def ontology_names() -> dict[str, dict[str, str]]:
    """The ontology's labels: IRI → language → label."""
    found: dict[str, dict[str, str]] = {}
    for quad in parse(read_resource(ONTOLOGY_FILE), format=RdfFormat.TURTLE):
        if quad.predicate == RDFS.label and isinstance(quad.object, Literal):
            found.setdefault(quad.subject.value, {})[quad.object.language or ""] = quad.object.value
    return found


def pick(names: dict[str, str], lang: str) -> str | None:
    """The name in the language, else without a language, else in any.

    >>> pick({"fr": "répondue", "en": "answered"}, "fr"), pick({"": "EPR"}, "en"), pick({"de": "x"}, "fr")
    ('répondue', 'EPR', 'x')
    """
    for key in (lang, ""):
        if key in names:
            return names[key]
    return next(iter(names.values()), None)


def names_of(select, iris: list[str], lang: str) -> dict[str, str]:
    """A name for each IRI that has one, in the language where there is a choice.

    ``select(text)``: runs a SELECT on the graph and gives its rows as dicts of variable name to term (the
    query runner's ``select``, or :func:`store_select` over a store).
    """
    known = ontology_names()
    found: dict[str, dict[str, str]] = {iri: known[iri] for iri in iris if iri in known}
    asked = [NamedNode(iri) for iri in iris if iri not in known]
    if asked:
        text = NAMES % " ".join(str(node) for node in asked)
        for row in select(text):
            iri = row["s"].value
            if row.get("name") is not None:
                found.setdefault(iri, {}).setdefault(row["name"].language or "", row["name"].value)
            elif row.get("kind") is not None:
                legislature = f" ({ordinal(row['legislature'].value, lang)})" if row.get("legislature") else ""
                found.setdefault(iri, {})[""] = f"{row['kind'].value} {row['number'].value}{legislature}"
    return {iri: pick(names, lang) for iri, names in found.items() if names}


def store_select(store):
    """``select`` for :func:`names_of` over a :class:`~hemicycle.ingest.store.GraphStore`."""
    def select(text: str) -> list[dict]:
        solutions = store.query(text)
        names = [v.value for v in solutions.variables]
        return [{name: s[name] for name in names if s[name] is not None} for s in solutions]
    return select


async def labels(request: Request) -> Response:
    """``POST /query/labels`` with a JSON list of IRIs: a JSON object of IRI to name, for those that have one."""
    body = await request.body()
    if len(body) > MAX_BODY:
        return error_response(413, f"at most {MAX_BODY} bytes of IRIs")
    try:
        iris = json.loads(body)
        if not isinstance(iris, list) or not all(isinstance(i, str) for i in iris):
            raise ValueError("not a list of strings")
        iris = list(dict.fromkeys(iris))[:MAX_IRIS]
        for iri in iris:
            NamedNode(iri)
    except ValueError as error:
        return error_response(400, f"the body must be a JSON list of IRIs ({error})")
    runner = request.app.state.runner
    try:
        client = client_of(request)
        found = await run_in_threadpool(names_of, lambda text: runner.select(text, client=client), iris,
                                        i18n.language(request))
    except RunnerError as error:
        return answer_error(error)
    return JSONResponse(found, headers={"Vary": "Accept-Language, Cookie"})


def routes() -> list[Route]:
    return [Route("/query/labels", labels, methods=["POST"], name="query_labels")]
