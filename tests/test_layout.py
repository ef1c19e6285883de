"""The layout's rules (docs/architecture.md): imports follow the data flow, no cycles, no module too long.

Every import counts, including those inside functions: a deferred import is still a dependency.
"""
import ast
from pathlib import Path

import networkx as nx
import pytest

ROOT = Path(__file__).resolve().parents[1]
WINGS = {"ontology": "hemicycle.ontology", "ingest": "hemicycle.ingest", "queries": "hemicycle.queries"}
CLI = "hemicycle.queries.cli"
MAX_LINES = 420


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    rest = [part for part in parts[1:] if part != "__init__"]
    return ".".join([WINGS[parts[0]], *rest])


def _sources() -> dict[str, Path]:
    return {_module_name(path): path for wing in WINGS for path in sorted((ROOT / wing).rglob("*.py"))}


def _imports(name: str, path: Path, known: set[str]) -> set[str]:
    """The project's modules that ``name`` imports (``from package import module`` counts as the module)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else []))
            targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base for alias in node.names]
        else:
            continue
        found |= {target for target in targets if target in known and target != name}
    return found


@pytest.fixture(scope="module")
def graph() -> nx.DiGraph:
    sources = _sources()
    result = nx.DiGraph()
    for name, path in sources.items():
        result.add_node(name)
        result.add_edges_from((name, target) for target in _imports(name, path, set(sources)))
    return result


def _edges_from(graph, source_prefix, target_prefix):
    return sorted((a, b) for a, b in graph.edges if a.startswith(source_prefix) and b.startswith(target_prefix)
                  and not b.startswith(source_prefix))


def test_the_walk_sees_every_wing(graph):
    """A wrong root would find no module and pass every rule below."""
    assert {"hemicycle.ontology.terms", "hemicycle.ingest.pipeline", "hemicycle.queries.web.app", CLI} <= set(graph)
    assert ("hemicycle.queries.web.app", "hemicycle.queries.web.pictures") in graph.edges


def test_the_ontology_imports_no_wing(graph):
    assert _edges_from(graph, "hemicycle.ontology", "hemicycle.ingest") == []
    assert _edges_from(graph, "hemicycle.ontology", "hemicycle.queries") == []


def test_the_ingest_imports_nothing_of_the_queries(graph):
    assert _edges_from(graph, "hemicycle.ingest", "hemicycle.queries") == []


def test_the_pictures_import_nothing_of_the_server(graph):
    assert _edges_from(graph, "hemicycle.queries.viz", "hemicycle.queries.web") == []


def test_nothing_imports_the_command_line(graph):
    """The command line is the top floor: it may import every wing, and no wing imports it."""
    assert [(a, b) for a, b in graph.edges if b.startswith(CLI) and not a.startswith(CLI)] == []


def test_no_import_cycles(graph):
    assert list(nx.simple_cycles(graph)) == []


def test_no_python_file_is_too_long():
    """The package, the tests and the benchmarks: a file past the limit is two things."""
    files = [*_sources().values(), *(ROOT / "tests").rglob("*.py"), *(ROOT / "benchmarks").rglob("*.py")]
    long = {str(path.relative_to(ROOT)): n for path in files
            if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert long == {}


def test_every_error_class_lives_in_one_module_under_one_base():
    """One hierarchy: every exception class of the package is defined in hemicycle.ontology.errors and derives
    from HemicycleError."""
    import importlib
    import inspect

    from hemicycle.ontology.errors import HemicycleError

    outside, astray = [], []
    for name in _sources():
        if name.endswith("__main__"):
            continue
        module = importlib.import_module(name)
        for attribute, value in vars(module).items():
            if inspect.isclass(value) and issubclass(value, BaseException) and value.__module__ == name:
                if name != "hemicycle.ontology.errors":
                    outside.append(f"{name}.{attribute}")
                elif not issubclass(value, HemicycleError):
                    astray.append(attribute)
    assert outside == [] and astray == []


def test_every_package_is_installed():
    """A folder with an __init__.py that pyproject.toml does not list is missing from a non-editable install."""
    import tomllib

    setup = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    folders = {_module_name(init) for wing in WINGS for init in (ROOT / wing).rglob("__init__.py")}
    assert folders == set(setup["packages"])
    for package in setup["packages"]:
        assert setup["package-dir"].get(package, "").replace("/", ".") == package.removeprefix("hemicycle.")
