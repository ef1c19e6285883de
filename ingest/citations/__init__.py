"""Citations of court decisions and texts of law in question and answer texts.

>>> [c.kind for c in extract("CE, 5 mai 2026, n° 502860, et l'arrêté du 26 décembre 2023")]
['decision', 'legislation']
"""
from .extract import extract, find_citations
from .models import Citation, DecisionCitation, LegislationCitation
from .resolve import resolve

__all__ = ["extract", "find_citations", "resolve", "Citation", "DecisionCitation", "LegislationCitation"]
