"""Writing the zips and the manifest, byte for byte the same for the same count and seed."""
from __future__ import annotations

import json
import os
import sys
import time
import zipfile
from collections import Counter
from pathlib import Path

from .legislature import Legislature
from .settings import AMO_ZIP, GENERATOR_VERSION, MANIFEST, QUESTIONS_ZIP, ZIP_DATE


def _dumps(obj: dict) -> bytes:
    # json.dumps defaults = the real files: ", " and ": " separators, non-ASCII as \uXXXX, no newline
    return json.dumps(obj).encode("ascii")


def _zip_info(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
    info.create_system = 3
    if name.endswith("/"):
        info.external_attr = (0o40755 << 16) | 0x10
        info.compress_type = zipfile.ZIP_STORED
    else:
        info.external_attr = 0o100644 << 16
        info.compress_type = zipfile.ZIP_DEFLATED
    return info


def generate(count: int, seed: int, out: Path, quiet: bool = False, templated: float = 0.0) -> dict:
    """Write the zips and the manifest; ``templated`` > 0 plants templated questions (:mod:`.templates`) and
    lists them in the manifest under ``templated``."""
    out.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    legislature = Legislature(count, seed, templated)
    q_path, amo_path = out / QUESTIONS_ZIP, out / AMO_ZIP
    q_tmp, amo_tmp = q_path.with_suffix(".tmp"), amo_path.with_suffix(".tmp")

    raw_q = 0
    with zipfile.ZipFile(q_tmp, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(_zip_info("json/"), b"")
        for i, (uid, record) in enumerate(legislature.questions(), 1):
            data = _dumps(record)
            raw_q += len(data)
            zf.writestr(_zip_info(f"json/{uid}.json"), data)
            if not quiet and i % 10000 == 0:
                print(f"  {i:,} questions, {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    raw_amo = 0
    with zipfile.ZipFile(amo_tmp, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(_zip_info("acteur/"), b"")
        for acteur in legislature.acteurs:
            data = _dumps(acteur)
            raw_amo += len(data)
            zf.writestr(_zip_info(f"acteur/{acteur['acteur']['uid']['#text']}.json"), data)
        zf.writestr(_zip_info("organe/"), b"")
        for organ in legislature.organs:
            data = _dumps(organ)
            raw_amo += len(data)
            zf.writestr(_zip_info(f"organe/{organ['organe']['uid']}.json"), data)
    os.replace(q_tmp, q_path)
    os.replace(amo_tmp, amo_path)
    seconds = time.perf_counter() - t0
    organ_types = Counter(o["organe"]["codeType"] for o in legislature.organs)
    manifest = {
        "generator_version": GENERATOR_VERSION, "count": count, "seed": seed, "seconds": round(seconds, 2),
        "records": {"questions": count, "acteurs": len(legislature.acteurs), "organes": len(legislature.organs),
                    "total": count + len(legislature.acteurs) + len(legislature.organs)},
        "organe_types": dict(sorted(organ_types.items())),
        "files": {
            "questions": {"path": QUESTIONS_ZIP, "bytes": q_path.stat().st_size, "uncompressed_bytes": raw_q},
            "amo": {"path": AMO_ZIP, "bytes": amo_path.stat().st_size, "uncompressed_bytes": raw_amo},
        },
    }
    if legislature.templates is not None:
        manifest["templated"] = legislature.templates.manifest()
    (out / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return manifest


def ensure(count: int, seed: int, out: Path, quiet: bool = False, templated: float = 0.0) -> tuple[dict, bool]:
    """Reuse the legislature in ``out`` when its manifest matches, else generate it. Returns (manifest, reused)."""
    try:
        manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
        if (manifest["count"], manifest["seed"], manifest["generator_version"]) == (count, seed, GENERATOR_VERSION) \
                and manifest.get("templated", {}).get("rate", 0.0) == templated \
                and all((out / f["path"]).stat().st_size == f["bytes"] for f in manifest["files"].values()):
            return manifest, True
    except (OSError, ValueError, KeyError):
        pass
    return generate(count, seed, out, quiet=quiet, templated=templated), False
