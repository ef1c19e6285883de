"""The synthetic legislature: organs, deputies, then questions, all drawn from one seed."""
from __future__ import annotations

import random

from .organs import Organs
from .people import Deputies
from .prose import Prose
from .questions import ANALYSIS_SUBJECTS, ANALYSIS_TEMPLATES, Questions, _elide
from .templates import Templates


class Legislature(Organs, Deputies, Questions):
    """The organs and acteurs (made when it is created) and the questions (:meth:`questions`, drawn in turn)
    of ``count`` questions and ``seed``: the draws happen in this order, so the same seed gives the same
    legislature. ``templated``: the share of questions that are copies of planted templates (0, the default:
    none; see :mod:`.templates`)."""

    def __init__(self, count: int, seed: int, templated: float = 0.0):
        self.count, self.seed = count, seed
        self.rng = random.Random(seed)
        self.organs: list[dict] = []
        self.acteurs: list[dict] = []
        self._make_organs()
        self._make_deputies()
        self.prose = Prose(random.Random(seed * 7919 + 1))
        self.analyses = [(_elide(title.format(s)), _elide(phrase.format(s)))
                         for title, phrase in ANALYSIS_TEMPLATES for s in ANALYSIS_SUBJECTS]
        # templated questions (opt-in): drawn from a generator of their own, after everything else is made
        self.templates = Templates(self, templated) if templated else None
