"""Every example in the package's docstrings runs and gives what it shows."""
import doctest
import importlib
import pkgutil

import pytest

import hemicycle.ingest
import hemicycle.ontology
import hemicycle.queries


def _modules() -> list[str]:
    names = []
    for package in (hemicycle.ontology, hemicycle.ingest, hemicycle.queries):
        names.append(package.__name__)
        names += [info.name for info in pkgutil.walk_packages(package.__path__, package.__name__ + ".")
                  if not info.name.endswith(".__main__")]  # running it is running the command
    return sorted(names)


@pytest.mark.parametrize("name", _modules())
def test_examples_run(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples fail in {name}"


def test_every_module_is_found():
    """The walk sees the modules of each wing (a broken package path would make the test above vacuous)."""
    names = _modules()
    for expected in ("hemicycle.ontology.terms", "hemicycle.ingest.pipeline", "hemicycle.ingest.citations.extract",
                     "hemicycle.queries.catalog", "hemicycle.queries.web.app", "hemicycle.queries.cli"):
        assert expected in names
