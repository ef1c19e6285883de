"""The files a user points at, each once, and the hash that names each of them in the provenance."""
from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Iterable

from hemicycle.ontology.errors import SourceError

DATA_SUFFIXES = {".json", ".xml", ".zip"}


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def list_files(paths: Iterable[str | os.PathLike]) -> list[Path]:
    """The files below the given paths, each once.

    Folders are walked in name order and give their ``.json``, ``.xml`` and ``.zip`` files (a README beside
    the data is not a record); a file named explicitly is always read. Links to folders are not followed (a
    link to a parent would loop), and a link that leads to no file (a loop, a missing target) is not a file.
    """
    seen: dict[Path, None] = {}
    for given in paths:
        path = Path(given)
        if path.is_dir():
            for file in sorted(p for p in path.rglob("*") if p.is_file()):
                if file.suffix.lower() in DATA_SUFFIXES:
                    seen.setdefault(file, None)
        elif path.is_file():
            seen.setdefault(path, None)
        elif path.is_symlink():
            raise SourceError(f"{path}: a symbolic link that leads to no file (a loop, or a missing target)")
        else:
            raise SourceError(f"{path}: no such file or folder")
    return list(seen)
