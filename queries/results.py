"""Query results in the standard formats: SPARQL results for SELECT and ASK, RDF for CONSTRUCT and DESCRIBE."""
from __future__ import annotations

from typing import IO

from pyoxigraph import QueryBoolean, QueryResultsFormat, QuerySolutions, RdfFormat, serialize

from hemicycle.ontology.terms import PREFIXES
from hemicycle.ontology.errors import FormatError

RESULT_FORMATS = {
    "json": QueryResultsFormat.JSON,
    "xml": QueryResultsFormat.XML,
    "csv": QueryResultsFormat.CSV,
    "tsv": QueryResultsFormat.TSV,
}
GRAPH_FORMATS = {
    "turtle": RdfFormat.TURTLE,
    "ntriples": RdfFormat.N_TRIPLES,
    "jsonld": RdfFormat.JSON_LD,
    "rdfxml": RdfFormat.RDF_XML,
}
FORMATS = (*RESULT_FORMATS, *GRAPH_FORMATS)


def write(results, output: IO[bytes], fmt: str | None) -> None:
    """Write SELECT/ASK results as SPARQL results (default JSON), CONSTRUCT/DESCRIBE as RDF (default Turtle)."""
    if isinstance(results, (QuerySolutions, QueryBoolean)):
        fmt = fmt or "json"
        if fmt not in RESULT_FORMATS:
            raise FormatError(f"a SELECT or ASK result is written as {', '.join(RESULT_FORMATS)}, not {fmt}")
        results.serialize(output, RESULT_FORMATS[fmt])
    else:
        fmt = fmt or "turtle"
        if fmt not in GRAPH_FORMATS:
            raise FormatError(f"a CONSTRUCT or DESCRIBE result is written as {', '.join(GRAPH_FORMATS)}, not {fmt}")
        prefixes = PREFIXES if fmt in ("turtle", "rdfxml") else None
        serialize(results, output, GRAPH_FORMATS[fmt], prefixes=prefixes)
