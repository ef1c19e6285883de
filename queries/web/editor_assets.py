"""Build the SPARQL editor's browser files: YASGUI (``@zazuko/yasgui``, an npm package) into ``static/yasgui/``.

The npm dependency is declared in ``queries/web/editor/package.json`` and pinned by its ``package-lock.json``.
Building runs ``npm ci`` there (into ``editor/node_modules``, which stays out of the package) and copies only the
files a browser loads, ``yasgui.min.js`` and ``yasgui.min.css`` (the CSS holds its icons inline, the script
needs nothing else), with a ``VERSION`` file and a ``NOTICE.txt`` naming the package and its licence.

It runs as part of the project's build (``setup.py``'s ``build_py``: ``pip install .`` writes the files into the
wheel, ``pip install -e .`` into the source tree's ``static/yasgui/``), and on its own::

    python -m hemicycle.queries.web.editor_assets            # into queries/web/static/yasgui/
    python -m hemicycle.queries.web.editor_assets --dest DIR

Without npm the build goes on without the files, saying so, and ``/sparql`` falls back to a plain form.
``HEMICYCLE_EDITOR_ASSETS=skip`` skips the step; ``HEMICYCLE_EDITOR_ASSETS=require`` makes its failure fatal.

This module uses the standard library only: ``setup.py`` loads it by path, before the package is installed.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
EDITOR = HERE / "editor"                 # package.json, package-lock.json (and node_modules once built)
STATIC = HERE / "static" / "yasgui"      # where the page loads the files from
PACKAGE = "@zazuko/yasgui"
FILES = ("yasgui.min.js", "yasgui.min.css")
ENV = "HEMICYCLE_EDITOR_ASSETS"          # skip | require | (unset: build when npm is there)
_SOURCE_MAP = re.compile(rb"\n?//# sourceMappingURL=\S+\s*$")


try:
    from hemicycle.ontology.errors import AssetError
except ImportError:  # setup.py loads this file by its path, while the package is being built
    class AssetError(RuntimeError):
        """The editor's files could not be built (no npm, no lockfile, npm failed)."""


def locked_version(editor: Path = EDITOR) -> str:
    """The version of ``@zazuko/yasgui`` the lockfile pins."""
    lock = editor / "package-lock.json"
    if not lock.is_file():
        raise AssetError(f"{lock} is missing (the editor's npm dependency is declared there)")
    packages = json.loads(lock.read_text(encoding="utf-8")).get("packages", {})
    entry = packages.get(f"node_modules/{PACKAGE}")
    if not entry:
        raise AssetError(f"{lock} does not lock {PACKAGE}")
    return entry["version"]


def installed_version(editor: Path = EDITOR) -> str | None:
    manifest = editor / "node_modules" / PACKAGE / "package.json"
    if not manifest.is_file():
        return None
    return json.loads(manifest.read_text(encoding="utf-8")).get("version")


def npm_ci(editor: Path = EDITOR, npm: str | None = None, force: bool = False) -> None:
    """``npm ci`` in the editor's folder (install scripts off), unless the locked version is already there."""
    if not force and installed_version(editor) == locked_version(editor):
        return
    npm = npm or shutil.which("npm")
    if not npm:
        raise AssetError("npm is not installed (the editor's files are built with npm: install Node.js and npm)")
    command = [npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"]
    try:
        subprocess.run(command, cwd=editor, check=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       timeout=600)
    except subprocess.CalledProcessError as error:
        output = error.stdout.decode("utf-8", "replace").strip()
        raise AssetError(f"'npm ci' failed in {editor} (exit {error.returncode}): {output[-2000:]}") from None
    except (OSError, subprocess.TimeoutExpired) as error:
        raise AssetError(f"'npm ci' could not run in {editor}: {error}") from None


def copy_assets(dest: Path, editor: Path = EDITOR) -> list[Path]:
    """Copy the browser files of the installed ``@zazuko/yasgui`` into ``dest`` (replacing what was there)."""
    package = editor / "node_modules" / PACKAGE
    build = package / "build"
    missing = [name for name in FILES if not (build / name).is_file()]
    if missing:
        raise AssetError(f"{build} lacks {', '.join(missing)} (run 'npm ci' in {editor})")
    manifest = json.loads((package / "package.json").read_text(encoding="utf-8"))
    dest.mkdir(parents=True, exist_ok=True)
    written = []
    for name in FILES:
        # the source maps stay out (3.5 MB, for debugging YASGUI itself): drop the comment that names them
        body = _SOURCE_MAP.sub(b"\n", (build / name).read_bytes())
        (dest / name).write_bytes(body)
        written.append(dest / name)
    (dest / "VERSION").write_text(manifest["version"] + "\n", encoding="utf-8")
    (dest / "NOTICE.txt").write_text(
        f"{PACKAGE} {manifest['version']} ({manifest.get('description', 'YASGUI')}), "
        f"licence {manifest.get('license', 'see the package')}, {manifest.get('homepage', '')}\n"
        f"Built files copied from the npm package by hemicycle.queries.web.editor_assets; "
        f"the bundle includes YASQE, YASR and their dependencies (CodeMirror 5 among them), under their licences.\n",
        encoding="utf-8")
    written += [dest / "VERSION", dest / "NOTICE.txt"]
    return written


def build(dest: Path = STATIC, editor: Path = EDITOR, npm: str | None = None, force: bool = False) -> list[Path]:
    """``npm ci`` then the copy into ``dest``: the files written."""
    npm_ci(editor, npm, force)
    return copy_assets(Path(dest), editor)


def build_or_warn(dest: Path, editor: Path = EDITOR, log=None) -> list[Path]:
    """What the project's build runs: :func:`build`, or a warning and nothing when it cannot (no npm, offline);
    ``$HEMICYCLE_EDITOR_ASSETS`` says ``skip`` (do nothing) or ``require`` (fail instead of warning)."""
    say = log or (lambda message: print(message, file=sys.stderr))
    mode = os.environ.get(ENV, "").strip().lower()
    if mode == "skip":
        say(f"hemicycle: {ENV}=skip, the SPARQL editor's files are not built (/sparql shows the plain form)")
        return []
    try:
        written = build(dest, editor)
    except AssetError as error:
        if mode == "require":
            raise
        say(f"WARNING hemicycle: the SPARQL editor (YASGUI) is not built: {error}. /sparql will show the plain "
            f"form; build it later with 'python -m hemicycle.queries.web.editor_assets'.")
        return []
    say(f"hemicycle: SPARQL editor files ({PACKAGE} {locked_version(editor)}) written to {dest}")
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m hemicycle.queries.web.editor_assets",
        description=f"Build the SPARQL editor's browser files: 'npm ci' in {EDITOR}, then copy {PACKAGE}'s "
                    "built files into the static folder.")
    parser.add_argument("--dest", type=Path, default=STATIC, help=f"where to copy them (default: {STATIC})")
    parser.add_argument("--force", action="store_true", help="run 'npm ci' even when node_modules is up to date")
    args = parser.parse_args(argv)
    try:
        written = build(args.dest, force=args.force)
    except AssetError as error:
        print(f"editor_assets: {error}", file=sys.stderr)
        return 1
    for path in written:
        print(f"{path}  {path.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
