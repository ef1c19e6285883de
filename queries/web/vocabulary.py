"""The ontology and the dataset at their own IRIs.

- ``https://w3id.org/hemicycle/ontology`` is served at ``/ontology`` (w3id.org forwards ``/hemicycle/`` to the
  server's root): its generated documentation for a browser, its Turtle, JSON-LD or N-Triples for a program,
  negotiated or chosen by a suffix (``/ontology.ttl``) as the resources' are;
- the dataset, ``{base}dataset``, is described by ``/.well-known/void``: its IRI answers 303 there.
"""
from __future__ import annotations

import functools

from pyoxigraph import RdfFormat, parse, serialize
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

from hemicycle.ontology import ONTOLOGY_FILE, read_resource
from hemicycle.queries.publish.dataset import dataset_iri
from hemicycle.queries.web import linked_data

PATH = "/ontology"


@functools.lru_cache(maxsize=None)
def ontology_body(fmt: str) -> bytes:
    """The ontology in one of the linked-data formats (html: the documentation the project generates)."""
    if fmt == "html":
        return read_resource("docs/index.html")
    turtle = read_resource(ONTOLOGY_FILE)
    if fmt == "turtle":
        return turtle
    return serialize(parse(turtle, format=RdfFormat.TURTLE), format=linked_data.RDF_FORMATS[fmt])


async def ontology(request: Request) -> Response:
    suffix = request.path_params.get("suffix", "")
    suffix = f".{suffix}" if suffix else ""
    if suffix and suffix not in linked_data.SUFFIXES:
        return PlainTextResponse(f"no such form of the ontology: {suffix} (one of {', '.join(linked_data.SUFFIXES)})",
                                 404)
    fmt = linked_data.choose_format(request.headers.get("accept"), suffix)
    if fmt is None:
        offered = ", ".join(main for main, _ in linked_data.LD_TYPES.values())
        return PlainTextResponse(f"the ontology is served as {offered}; the Accept header allows none of them", 406)
    headers = {"Vary": "Accept", "Cache-Control": "public, max-age=3600"}
    if not suffix:
        headers["Content-Location"] = PATH + linked_data.SUFFIX_OF[fmt]
    return Response(ontology_body(fmt), media_type=linked_data.MEDIA_TYPES[fmt], headers=headers)


def dataset_redirect(request: Request) -> Response | None:
    """303 to the dataset's description when the path asked for is the dataset's IRI, else None."""
    minter = request.app.state.minter
    if request.url.path == linked_data.server_path(dataset_iri(minter).value, minter.base):
        return RedirectResponse("/.well-known/void", status_code=303, headers={"Vary": "Accept"})
    return None


def routes() -> list[Route]:
    return [Route(PATH, ontology, methods=["GET", "HEAD"]),
            Route(PATH + ".{suffix}", ontology, methods=["GET", "HEAD"])]
