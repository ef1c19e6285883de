"""The project's configuration is pyproject.toml; this file only adds one step to the build: the SPARQL editor's
browser files (YASGUI, from npm) built into ``hemicycle/queries/web/static/yasgui/``.

``pip install .`` (and ``python -m build``): the files go into the build folder, hence into the wheel.
``pip install -e .``: they go into the source tree's ``queries/web/static/yasgui/`` (gitignored), which the
editable install serves. Without npm the build goes on and says so (see ``queries/web/editor_assets.py``).
"""
import importlib.util
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
TARGET = ("hemicycle", "queries", "web", "static", "yasgui")   # where the package serves them from


def _editor_assets():
    """``queries/web/editor_assets.py``, loaded by path (the package is not importable while it is built)."""
    spec = importlib.util.spec_from_file_location("_hemicycle_editor_assets", ROOT / "queries/web/editor_assets.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class BuildPyWithEditor(build_py):
    """``build_py``, then the editor's files: into ``build_lib`` for a wheel, into the sources when editable."""

    def run(self):
        super().run()
        assets = _editor_assets()
        if getattr(self, "editable_mode", False):
            dest = assets.STATIC
        else:
            dest = Path(self.build_lib).joinpath(*TARGET)
        assets.build_or_warn(dest)   # says what it did on stderr (pip shows it with -v)


setup(cmdclass={"build_py": BuildPyWithEditor})
