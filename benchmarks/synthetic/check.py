"""The self-check (``--check``): every generated record re-read and compared with the real record's keys,
and every reference resolved in the AMO zip, consistently with dates."""
from __future__ import annotations

import json
import statistics
import time
import zipfile
from collections import Counter
from datetime import date
from pathlib import Path

from .settings import AMO_ZIP, QUESTIONS_ZIP
from .writing import _dumps

REPEATABLE = {"minAttrib", "analyse", "texteQuestion", "texteReponse", "renouvellement"}
NULLABLE_BLOCKS = {"question.textesReponse", "question.cloture", "question.signalement", "question.renouvellements"}
# Blocks null in the reference record: their shape is this generator's own (see signalement_json).
_INFO_JO = {k: None for k in ("typeJO", "dateJO", "pageJO", "numJO", "urlLegifrance", "referenceNOR")}
EXTENSIONS = {
    "question.signalement": {"dateDepotSignal": None, "infoJO": _INFO_JO},
    "question.renouvellements": {"renouvellement": {"dateRenouvellement": None, "infoJO": _INFO_JO}},
}


def skeleton(value):
    """Nested keys of a JSON value: dicts keep their keys, lists merge their elements, scalars become None."""
    if isinstance(value, dict):
        return {k: skeleton(v) for k, v in value.items()}
    if isinstance(value, list):
        merged: dict = {}
        for item in value:
            s = skeleton(item)
            if isinstance(s, dict):
                merged.update(s)
        return merged or None
    return None


def compare(expected, actual, path: str, errors: list[str]) -> None:
    """Exact nested-key comparison of a record against the reference skeleton."""
    if path in EXTENSIONS and actual is not None and expected is None:
        expected = EXTENSIONS[path]
    key = path.rsplit(".", 1)[-1]
    if isinstance(actual, list):
        if key not in REPEATABLE:
            errors.append(f"{path}: list where the reference has {type(expected).__name__}")
            return
        if len(actual) < 2:
            errors.append(f"{path}: a list of {len(actual)} (one entry must be a single object)")
        for item in actual:
            compare(expected, item, path, errors)
        return
    if isinstance(expected, dict):
        if actual is None:
            if path not in NULLABLE_BLOCKS:
                errors.append(f"{path}: null where the reference has an object")
            return
        if not isinstance(actual, dict):
            errors.append(f"{path}: {type(actual).__name__} where the reference has an object")
            return
        if list(actual) != list(expected):
            missing, extra = set(expected) - set(actual), set(actual) - set(expected)
            errors.append(f"{path}: keys differ (missing {sorted(missing)}, extra {sorted(extra)})"
                          if missing or extra else f"{path}: key order differs")
        for k in expected:
            if k in actual:
                compare(expected[k], actual[k], f"{path}.{k}", errors)
    elif isinstance(actual, dict):
        errors.append(f"{path}: object where the reference has a scalar")


def compare_subset(reference, actual, path: str, errors: list[str]) -> None:
    """Every key of ``actual`` exists at the same place in ``reference`` (AMO records: we emit a subset)."""
    if isinstance(actual, list):
        for item in actual:
            compare_subset(reference, item, path, errors)
    elif isinstance(actual, dict):
        if not isinstance(reference, dict):
            errors.append(f"{path}: object where the reference has a scalar")
            return
        for k, v in actual.items():
            if k not in reference:
                errors.append(f"{path}.{k}: not in the reference")
            else:
                compare_subset(reference[k], v, f"{path}.{k}", errors)


def _as_list(value) -> list:
    return value if isinstance(value, list) else [] if value is None else [value]


def check(out: Path, reference: Path, reference_amo: Path | None) -> bool:
    """Re-read the generated zips and check them. Prints a report; returns True when all is well."""
    t0 = time.perf_counter()
    errors: list[str] = []

    def fail(message: str) -> None:
        if len(errors) < 30:
            print(f"  FAIL {message}")
        errors.append(message)

    ref = json.loads(reference.read_text(encoding="utf-8"))
    ref_skeleton = skeleton(ref)
    ref_raw = reference.read_bytes()
    if ref_raw != _dumps(ref):  # the convention we copy: check it still describes the real file
        print(f"  note: {reference.name} is not serialised as json.dumps() defaults")

    # AMO
    amo_ref_acteur, amo_ref_organs = None, {}
    if reference_amo and reference_amo.exists():
        with zipfile.ZipFile(reference_amo) as zf:
            amo_ref_acteur = skeleton(json.loads(zf.read("acteur/PA721296.json")))
            for name in zf.namelist():
                if name.startswith("organe/") and name.endswith(".json"):
                    organ = json.loads(zf.read(name))
                    merged = amo_ref_organs.setdefault(organ["organe"]["codeType"], {"organe": {}})
                    merged["organe"].update(skeleton(organ)["organe"])
    else:
        print("  note: reference AMO zip not found, AMO key structure not checked")
    acteurs, organs, mandates = {}, {}, {}
    with zipfile.ZipFile(out / AMO_ZIP) as zf:
        for name in zf.namelist():
            if not name.endswith(".json"):
                continue
            raw = zf.read(name)
            body = json.loads(raw)
            if raw != _dumps(body) or not raw.isascii():
                fail(f"{name}: not serialised like the real files")
            kind = name.split("/")[0]
            if kind == "acteur":
                uid = body["acteur"]["uid"]["#text"]
                acteurs[uid] = body["acteur"]
                for m in _as_list(body["acteur"]["mandats"]["mandat"]):
                    mandates[m["uid"]] = m
                if amo_ref_acteur:
                    e: list[str] = []
                    compare_subset(amo_ref_acteur, body, "", e)
                    for message in e:
                        fail(f"{name}{message}")
            else:
                uid = body["organe"]["uid"]
                organs[uid] = body["organe"]
                if amo_ref_organs:
                    e = []
                    compare_subset(amo_ref_organs.get(body["organe"]["codeType"], {}), body, "", e)
                    for message in e:
                        fail(f"{name}{message}")
            if name != f"{kind}/{uid}.json":
                fail(f"{name}: uid {uid} does not match the file name")
    for uid, organ in organs.items():
        if organ["codeType"] == "MINISTERE":
            parent = organs.get(organ["organeParent"])
            if not parent or parent["codeType"] != "GOUVERNEMENT":
                fail(f"{uid}: organeParent {organ['organeParent']} is not a GOUVERNEMENT organ")
    for uid, m in mandates.items():
        if m["organes"]["organeRef"] not in organs:
            fail(f"mandate {uid}: organ {m['organes']['organeRef']} missing")
        if m["typeOrgane"] == "ASSEMBLEE" and m["election"]["refCirconscription"] not in organs:
            fail(f"mandate {uid}: circonscription {m['election']['refCirconscription']} missing")

    def active(organ_uid: str, day: str) -> bool:
        v = organs[organ_uid]["viMoDe"]
        return v["dateDebut"] <= day and (v["dateFin"] is None or day <= v["dateFin"])

    # questions
    stats: Counter = Counter()
    q_len, a_len, delays, authors, rubriques, ministries, uids = [], [], [], set(), set(), set(), []
    with zipfile.ZipFile(out / QUESTIONS_ZIP) as zf:
        names = zf.namelist()
        if names[0] != "json/":
            fail("the first member is not the json/ directory")
        for name in names[1:]:
            raw = zf.read(name)
            try:
                body = json.loads(raw)
            except ValueError as exc:
                fail(f"{name}: does not parse ({exc})")
                continue
            if not raw.isascii() or b"\n" in raw or raw != _dumps(body):
                fail(f"{name}: not one ASCII line serialised like the real file")
            q = body.get("question") if isinstance(body, dict) else None
            e = []
            compare(ref_skeleton["question"], q, "question", e)
            for message in e:
                fail(f"{name}: {message}")
            if e:
                continue  # the checks below assume the structure
            try:
                uid = q["uid"]
                uids.append(uid)
                if name != f"json/{uid}.json" or uid != f"QANR5L17QE{q['identifiant']['numero']}":
                    fail(f"{name}: uid {uid} does not match the file name or the number")
                deposit = q["textesQuestion"]["texteQuestion"]["infoJO"]["dateJO"]
                # references resolve, consistently with dates
                author = q["auteur"]
                acteur = acteurs.get(author["identite"]["acteurRef"])
                mandate = mandates.get(author["identite"]["mandatRef"])
                if not acteur or not mandate or mandate["acteurRef"] != author["identite"]["acteurRef"] \
                        or mandate["typeOrgane"] != "ASSEMBLEE":
                    fail(f"{uid}: author or mandate does not resolve to an ASSEMBLEE mandate")
                elif not any(m["typeOrgane"] == "GP" and m["organes"]["organeRef"] == author["groupe"]["organeRef"]
                             and m["dateDebut"] <= deposit and (m["dateFin"] is None or deposit <= m["dateFin"])
                             for m in _as_list(acteur["mandats"]["mandat"])):
                    fail(f"{uid}: group {author['groupe']['organeRef']} is not the author's group on {deposit}")
                authors.add(author["identite"]["acteurRef"])
                attributions = _as_list(q["minAttribs"]["minAttrib"])
                if q["minInt"]["organeRef"] != attributions[0]["denomination"]["organeRef"]:
                    fail(f"{uid}: minInt is not the first minAttrib")
                for a in attributions:
                    ref_uid, day = a["denomination"]["organeRef"], a["infoJO"]["dateJO"]
                    if ref_uid not in organs or organs[ref_uid]["codeType"] != "MINISTERE":
                        fail(f"{uid}: ministry {ref_uid} missing")
                    elif not active(ref_uid, day):
                        fail(f"{uid}: ministry {ref_uid} not in existence on {day}")
                    ministries.add(ref_uid)
                days = [a["infoJO"]["dateJO"] for a in attributions]
                if days != sorted(days) or days[0] != deposit:
                    fail(f"{uid}: attribution dates out of order")
                stats["transfers" if len(attributions) > 1 else "single attribution"] += 1
                rubriques.add(q["indexationAN"]["rubrique"])
                stats[f"analyses={len(_as_list(q['indexationAN']['analyses']['analyse']))}"] += 1
                q_len.append(len(q["textesQuestion"]["texteQuestion"]["texte"]))
                cloture = q["cloture"]
                if q["textesReponse"]:
                    answer = q["textesReponse"]["texteReponse"]
                    a_len.append(len(answer["texte"]))
                    answered = answer["infoJO"]["dateJO"]
                    delays.append((date.fromisoformat(answered) - date.fromisoformat(deposit)).days)
                    if not cloture or cloture["codeCloture"] != "REP_PUB" or cloture["dateCloture"] != answered:
                        fail(f"{uid}: answered without a REP_PUB closure on the answer date")
                    if answered <= deposit or answered < days[-1]:
                        fail(f"{uid}: answer dated before the deposit or the last attribution")
                    stats["answered"] += 1
                elif cloture:
                    stats[f"closed {cloture['codeCloture']}"] += 1
                else:
                    stats["pending"] += 1
                if q["signalement"]:
                    stats["signalement"] += 1
                if q["renouvellements"]:
                    stats["renouvellements"] += 1
                stats["html <em>"] += b"<em>" in raw
                stats["entity &#339;"] += b"&#339;" in raw
            except (KeyError, TypeError, ValueError, IndexError) as exc:
                fail(f"{name}: unexpected content ({type(exc).__name__}: {exc})")
    n = len(uids)
    if len(set(uids)) != n:
        fail(f"{n - len(set(uids))} duplicate uid(s)")
    seconds = time.perf_counter() - t0
    print(f"checked {n:,} questions, {len(acteurs)} acteurs, {len(organs)} organes in {seconds:.1f} s")
    if n:
        for k in sorted(stats):
            print(f"  {k:<22} {stats[k]:>8,}  {100 * stats[k] / n:5.1f} %")
        print(f"  question text chars   min {min(q_len):,}  median {int(statistics.median(q_len)):,}  max {max(q_len):,}")
        if a_len:
            print(f"  answer text chars     min {min(a_len):,}  median {int(statistics.median(a_len)):,}  max {max(a_len):,}")
            print(f"  answer delay (days)   min {min(delays)}  median {int(statistics.median(delays))}  max {max(delays)}")
        print(f"  distinct authors {len(authors)}, ministries {len(ministries)}, rubriques {len(rubriques)}")
    print("CHECK OK" if not errors else f"CHECK FAILED: {len(errors)} problem(s)")
    return not errors
