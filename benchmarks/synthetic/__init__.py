"""The synthetic legislature of ``make_legislature.py``, as a library: written questions of the XVIIth in the
Assemblée nationale's official zip layout, with the AMO zip their references need.

- :mod:`.settings`: version, output names, fixed dates, the shares of each fate;
- :mod:`.journal`: Journal officiel dates, issue numbers and pages;
- :mod:`.prose`: the French-looking texts;
- :mod:`.organs`, :mod:`.people`, :mod:`.questions`: what is made, and :mod:`.legislature`, which makes it in
  order from one seed;
- :mod:`.writing`: the zips and the manifest (:func:`generate`, :func:`ensure`);
- :mod:`.check`: the self-check of what was written (:func:`check`).

``benchmarks/make_legislature.py`` is the command line, and re-exports all of this under its own name.
"""
from .check import check
from .legislature import Legislature
from .settings import DEFAULT_OUT, GENERATOR_VERSION
from .writing import ensure, generate

__all__ = ["DEFAULT_OUT", "GENERATOR_VERSION", "Legislature", "check", "ensure", "generate"]
