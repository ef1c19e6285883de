"""Human-readable documentation of the ontology, generated from ``hemicycle.ttl``.

:func:`render` turns the Turtle bytes into one self-contained HTML page (no script, no external style sheet):
the ontology's metadata, then every class, property and individual of the ``hm:`` namespace with its French
and English labels and definitions, its domain and range, its super- and subclasses, the properties that apply
to a class, and its alignments to other vocabularies. The reused classes that ``hm:`` terms point to get a short
entry too, so every link in the page lands on an anchor of the page or on the term's own IRI.

``render`` is pure (bytes in, text out) and deterministic, so the committed ``docs/index.html`` can be compared
with a fresh rendering; :func:`main` writes that file. The page is laid out by :mod:`.docs_page`, over the
terms as :mod:`.docs_terms` reads and names them; its style sheet is ``docs.css``.

>>> page = render('''
... @prefix hm: <https://w3id.org/hemicycle/ontology#> .
... @prefix owl: <http://www.w3.org/2002/07/owl#> .
... @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
... hm:Answer a owl:Class ; rdfs:label "réponse"@fr , "answer"@en .
... '''.encode("utf-8"))
>>> '<section class="term" id="Answer">' in page
True
"""
from __future__ import annotations

import argparse
from pathlib import Path

import rdflib

from hemicycle.ontology.docs_page import Page

__all__ = ["render", "main", "OUTPUT"]

#: Where :func:`main` writes the page by default (committed, checked by the tests).
OUTPUT = Path(__file__).resolve().parent / "docs" / "index.html"


def render(ttl_bytes: bytes) -> str:
    """The HTML documentation page of the ontology given as Turtle bytes.

    The page is complete (``<!DOCTYPE html>`` to ``</html>``), in UTF-8, and the same bytes always give the
    same page.
    """
    graph = rdflib.Graph()
    graph.parse(data=ttl_bytes, format="turtle")
    return Page(graph).html()


def main(argv: list[str] | None = None) -> int:
    """Write the documentation page (by default ``ontology/docs/index.html``) from the packaged Turtle."""
    from hemicycle.ontology import ONTOLOGY_FILE, read_resource

    parser = argparse.ArgumentParser(prog="python -m hemicycle.ontology.docs", description=main.__doc__)
    parser.add_argument("--output", type=Path, default=OUTPUT, help=f"where to write the page (default: {OUTPUT})")
    args = parser.parse_args(argv)
    page = render(read_resource(ONTOLOGY_FILE))
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(page, encoding="utf-8", newline="\n")
    print(f"wrote {args.output} ({len(page.encode('utf-8'))} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
