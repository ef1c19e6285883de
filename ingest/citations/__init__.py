"""Citations of court decisions and texts of law in question and answer texts.

>>> [c.kind for c in extract("CE, 5 mai 2026, n° 502860, et l'arrêté du 26 décembre 2023")]
['decision', 'legislation']
"""
from hemicycle.ingest.citations.extract import extract, find_citations
from hemicycle.ingest.citations.models import Citation, DecisionCitation, LegislationCitation
from hemicycle.ingest.citations.resolve import resolve

__all__ = ["extract", "find_citations", "resolve", "Citation", "DecisionCitation", "LegislationCitation"]
