"""The web side of Hemicycle: a SPARQL 1.1 Protocol endpoint and a REST API over the named queries."""
