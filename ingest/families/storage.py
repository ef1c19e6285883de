"""The template index's files: a folder per corpus beside the store (``<store>/templates/question/``,
``…/answer/``), written so that a reader or a crash never sees half of a change.

- ``index.json``, the manifest: the parameters the index was built under, its segments and state (each file with
  its size), the aliases of the family ids, the generation. It is written last, to a temporary file renamed over
  the old one: until then the previous manifest, and the files it names, are the index.
- ``seg-NNNNNN/``: the texts added at one time (one folder of ``.npy`` files, written in a temporary folder
  and renamed): their uids and what the families show of them (:data:`META`), their shingle sets, the digests of
  their sets and sources, their MinHash sketches (the low 16 bits of each signature value), and the band keys of
  those banded, sorted by band (:data:`SETS`). A segment never
  changes; when there are too many, they are merged into one.
- ``state-NNNNNN.npz``: the confirmed pairs (global text indices) and their similarities.

Files no longer named by the manifest are removed after it is written. Every file is read with
``allow_pickle=False``; a file that is missing, of another size than the manifest says, or that numpy cannot
read makes a :class:`~hemicycle.ontology.errors.StoreError` naming it (:func:`damaged`).
"""
from __future__ import annotations

import json
import os
import re
import shutil
import time
import zipfile
from pathlib import Path
from typing import Callable

import numpy as np

from hemicycle.ingest.families.segments import META, SETS, Segment
from hemicycle.ontology.errors import StoreError
from hemicycle.ingest.durable import sync_folder

MANIFEST = "index.json"
_MAPPED = {"hashes", "sketches", "sorted_keys", "order"}  # read through a memory map: only what is looked at is read
_OURS = re.compile(r"^(?:seg-\d{6}|state-\d{6}\.npz|\..+\.tmp)$")


def damaged(path: Path, detail: str) -> StoreError:
    """The error for a file of the index that cannot be used: it names the file, says what is wrong and what to
    do; ``error.path`` is the file, ``error.detail`` what is wrong with it."""
    error = StoreError(f"{path}: the template index is damaged ({detail}); rebuild it: open it with "
                       f"on_damage='rebuild' and add every text again, or delete its folder")
    error.path, error.detail = path, detail
    return error


# --- writing ----------------------------------------------------------------------------------------------------


def _temporary(path: Path) -> Path:
    return path.with_name(f".{path.name}.{os.getpid()}.tmp")


def write_file(path: Path, write: Callable) -> int:
    """Write ``path`` through ``write(file)`` into a temporary file, synced, then renamed over it; its size."""
    temporary = _temporary(path)
    try:
        with open(temporary, "wb") as out:
            write(out)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    sync_folder(path.parent)
    return path.stat().st_size


def write_segment(folder: Path, name: str, arrays: dict[str, np.ndarray]) -> dict[str, int]:
    """A new segment folder, written whole in a temporary folder then renamed; the size of each file."""
    target, temporary = folder / name, _temporary(folder / name)
    shutil.rmtree(temporary, ignore_errors=True)
    temporary.mkdir(parents=True)
    sizes = {}
    try:
        for key, array in arrays.items():
            with open(temporary / f"{key}.npy", "wb") as out:
                np.save(out, np.ascontiguousarray(array), allow_pickle=False)
                out.flush()
                os.fsync(out.fileno())
            sizes[key] = (temporary / f"{key}.npy").stat().st_size
        sync_folder(temporary)
        os.rename(temporary, target)
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        raise
    sync_folder(folder)
    return sizes


def write_state(path: Path, pairs: np.ndarray, similarity: np.ndarray) -> int:
    return write_file(path, lambda out: np.savez(out, pairs=pairs, similarity=similarity))


def write_manifest(folder: Path, manifest: dict) -> None:
    data = (json.dumps(manifest, indent=1, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")
    write_file(folder / MANIFEST, lambda out: out.write(data))


def remove_unused(folder: Path, manifest: dict | None) -> None:
    """Remove the segments and states the manifest does not name, and temporary files left over by a writer that
    stopped (older than ten minutes)."""
    keep = set()
    if manifest:
        keep = {segment["name"] for segment in manifest["segments"]} | {manifest["state"]["name"]}
    now = time.time()
    for path in folder.iterdir() if folder.is_dir() else ():
        if not _OURS.match(path.name) or path.name in keep:
            continue
        try:
            if path.name.startswith(".") and now - path.stat().st_mtime < 600:
                continue
            shutil.rmtree(path) if path.is_dir() else path.unlink()
        except OSError:
            pass


# --- reading ----------------------------------------------------------------------------------------------------


def read_manifest(folder: Path) -> dict | None:
    """The manifest, or ``None`` when there is no index in the folder."""
    path = folder / MANIFEST
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as error:
        raise damaged(path, f"cannot be read: {error}") from None
    try:
        manifest = json.loads(text)
        for key in ("parameters", "segments", "state", "generation", "aliases", "documents"):
            manifest[key]
        return manifest
    except (ValueError, KeyError, TypeError) as error:
        raise damaged(path, f"not a manifest of the template index: {type(error).__name__} {error}") from None


def _load(path: Path, size: int, mapped: bool) -> np.ndarray:
    try:
        actual = path.stat().st_size
    except OSError as error:
        raise damaged(path, f"missing ({error.strerror})") from None
    if actual != size:
        raise damaged(path, f"{actual:,} bytes where the manifest says {size:,} (truncated or replaced)")
    try:
        return np.load(path, mmap_mode="r" if mapped else None, allow_pickle=False)
    except (OSError, ValueError, EOFError) as error:
        raise damaged(path, f"not a readable array: {error}") from None


def read_segment(folder: Path, entry: dict, start: int, bands: int) -> Segment:
    """A segment as the manifest lists it, its arrays checked against one another."""
    path = folder / entry["name"]
    segment = Segment(entry["name"], start, files=dict(entry["files"]))
    for key in (*META, *SETS):
        if key not in entry["files"]:
            raise damaged(path, f"the manifest names no {key}.npy")
        segment.arrays[key] = _load(path / f"{key}.npy", entry["files"][key], key in _MAPPED)
    a = segment.arrays
    n = len(a["uids"])
    if n != entry["count"] or any(len(a[key]) != n for key in ("dates", "legislatures", "kinds", "authors",
                                                                 "groups", "sources", "digests", "banded", "sketches")):
        raise damaged(path, "its arrays do not have one row per text")
    if len(a["offsets"]) != n + 1 or int(a["offsets"][-1]) != len(a["hashes"]) or np.any(np.diff(a["offsets"]) < 0):
        raise damaged(path / "offsets.npy", "does not delimit the shingle sets")
    if a["sorted_keys"].shape != a["order"].shape or a["sorted_keys"].shape[0] != bands \
            or a["sorted_keys"].shape[1] != int(a["banded"].sum()):
        raise damaged(path / "sorted_keys.npy", "does not hold a key per band and banded text")
    return segment


def read_state(path: Path, size: int, count: int) -> tuple[np.ndarray, np.ndarray]:
    """The confirmed pairs and their similarities, checked against the number of texts."""
    try:
        actual = path.stat().st_size
        if actual != size:
            raise damaged(path, f"{actual:,} bytes where the manifest says {size:,} (truncated or replaced)")
        with np.load(path, allow_pickle=False) as data:
            pairs, similarity = data["pairs"], data["similarity"]
    except StoreError:
        raise
    except (OSError, ValueError, EOFError, KeyError, zipfile.BadZipFile) as error:
        raise damaged(path, f"cannot be read: {error}") from None
    if pairs.ndim != 2 or pairs.shape[1] != 2 or len(pairs) != len(similarity) \
            or (len(pairs) and (pairs.min() < 0 or pairs.max() >= count)):
        raise damaged(path, "its pairs do not name texts of the index")
    return pairs, similarity
