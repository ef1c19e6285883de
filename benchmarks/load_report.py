"""The figures of ``bench_load.py``: latencies and answers tallied, the goals, and the Markdown tables."""
from __future__ import annotations

import math
from collections import Counter

from load_workload import ROW_TARGETS, WEIGHTS

P95_GOAL = 2.0


def percentile(values: list[float], p: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p * len(ordered)) - 1)]


def tally(records: list[tuple]) -> dict:
    answers = Counter(str(r[1]) for r in records if isinstance(r[1], int))
    errors = Counter(r[1] for r in records if not isinstance(r[1], int))
    latencies = [r[2] for r in records]
    ms = lambda v: None if v is None else round(1000 * v, 1)  # noqa: E731
    return {"requests": len(records), "answers": dict(sorted(answers.items())), "errors": dict(sorted(errors.items())),
            "p50_ms": ms(percentile(latencies, 0.50)), "p95_ms": ms(percentile(latencies, 0.95)),
            "p95_of_200_ms": ms(percentile([r[2] for r in records if r[1] == 200], 0.95)),
            "p99_ms": ms(percentile(latencies, 0.99)), "max_ms": ms(max(latencies, default=None)),
            "mean_bytes": round(sum(r[3] for r in records) / len(records)) if records else 0,
            "examples": {str(o): next(r[4] for r in records if r[1] == o) for o in {r[1] for r in records} if o != 200}}


def server_errors(figures: dict) -> int:
    return sum(n for status, n in figures["answers"].items() if status.startswith("5"))


def counts(table: dict) -> str:
    return ", ".join(f"{key}×{n:,}" for key, n in table.items()) or "–"


def fmt(value, digits=1) -> str:
    return "–" if value is None else f"{value:,.{digits}f}"


def goals(results: list[dict], concurrencies: list[int]) -> list[dict]:
    out = []
    bad = [r for r in results if server_errors(r["normal"]) or r["normal"]["errors"]]
    out.append({"goal": "no false 5xx: normal clients get no 5xx nor transport error, in every scenario",
                "concurrency": "all", "pass": bool(results) and not bad,
                "detail": "; ".join(f"{r['scenario']}@{r['concurrency']}: "
                                    f"{counts({k: v for k, v in r['normal']['answers'].items() if k.startswith('5')} | r['normal']['errors'])}"
                                    for r in bad) or f"{len(results)} runs clean"})
    for c in concurrencies:
        both = next((r for r in results if r["scenario"] == "both" and r["concurrency"] == c), None)
        goal = f"runaways (as many as workers) + hostile: normal clients no 5xx, p95 ≤ {P95_GOAL:g} × quiet p95"
        if both is None or both.get("p95_ratio") is None:
            out.append({"goal": goal, "concurrency": c, "pass": None, "detail": "not run (needs quiet and both)"})
            continue
        fives = server_errors(both["normal"]) + sum(both["normal"]["errors"].values())
        ok = not fives and both["p95_ratio"] <= P95_GOAL
        out.append({"goal": goal, "concurrency": c, "pass": ok,
                    "detail": f"p95 {fmt(both['normal']['p95_ms'])} ms = {both['p95_ratio']:.2f} × quiet; "
                              f"{fives} 5xx or errors of {both['normal']['requests']}"})
    return out


def report(results: list[dict], found: dict, mix: dict, settings: str) -> list[dict]:
    concurrencies = sorted({r["concurrency"] for r in results})
    for r in results:
        quiet = next((q for q in results if q["scenario"] == "quiet" and q["concurrency"] == r["concurrency"]), None)
        r["p95_ratio"] = (r["normal"]["p95_ms"] / quiet["normal"]["p95_ms"]
                          if quiet and quiet["normal"]["p95_ms"] and r["normal"]["p95_ms"] is not None else None)
    print(f"\n{settings}\n")
    print("Normal request mix (one of each, before the runs):\n")
    print("| kind | weight | what | status | bytes | ms |")
    print("|---|---:|---|---|---:|---:|")
    for kind, m in mix.items():
        what = f"LIMIT {found['limits'][kind]:,}" if kind in ROW_TARGETS else m["what"]
        print(f"| {kind} | {WEIGHTS[kind]} | {what} | {m['status']} | {m['bytes']:,} | {fmt(m['ms'])} |")
    print("\nNormal clients:\n")
    print("| scenario | conc | requests | req/s | 200/s | p50 ms | p95 ms | p99 ms | p95 / quiet | answers | "
          "transport errors | 5xx-free |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---|")
    for r in results:
        n = r["normal"]
        ratio = "–" if r["p95_ratio"] is None else f"{r['p95_ratio']:.2f}"
        if r["scenario"] != "quiet" and r["p95_ratio"] is not None:
            ratio += " ✓" if r["p95_ratio"] <= P95_GOAL else " ✗"
        clean = "PASS" if not server_errors(n) and not n["errors"] else "FAIL"
        print(f"| {r['scenario']} | {r['concurrency']} | {n['requests']:,} | {fmt(n['throughput'])} | "
              f"{fmt(n['ok_throughput'])} | {fmt(n['p50_ms'])} | {fmt(n['p95_ms'])} | {fmt(n['p99_ms'])} | {ratio} | "
              f"{counts(n['answers'])} | {counts(n['errors'])} | {clean} |")
    for r in results:
        if r["scenario"] == "quiet" and (set(r["normal"]["answers"]) - {"200"} or r["normal"]["errors"]):
            print(f"\nThe quiet run at concurrency {r['concurrency']} itself had answers other than 200: the p95 "
                  "ratios at that concurrency compare with a failing baseline.")
    failing = [(r, kind, k) for r in results for kind, k in r["by_kind"].items()
               if set(k["answers"]) - {"200"} or k["errors"]]
    if failing:
        print("\nNormal requests not answered 200, by kind:\n")
        print("| scenario | conc | kind | requests | p95 ms | answers | transport errors | first answer or error |")
        print("|---|---:|---|---:|---:|---|---|---|")
        for r, kind, k in failing:
            example = "; ".join(f"{o}: {text[:90]}" for o, text in k["examples"].items()).replace("|", "\\|")
            print(f"| {r['scenario']} | {r['concurrency']} | {kind} | {k['requests']:,} | {fmt(k['p95_ms'])} | "
                  f"{counts(k['answers'])} | {counts(k['errors'])} | {' '.join(example.split())} |")
    adversaries = [r for r in results if "adversary" in r]
    if adversaries:
        print("\nRunaway and hostile clients (not counted above):\n")
        print("| scenario | conc | client | requests | answers | transport errors | p50 ms | max ms |")
        print("|---|---:|---|---:|---|---|---:|---:|")
        for r in adversaries:
            for kind, a in r["adversary"].items():
                if kind == "idle-sockets":
                    closed = a["closed_after_s"]
                    detail = (f"{a['opened']} held open; closed by the server: {a['closed_by_server']}"
                              + (f" (after {min(closed):g}–{max(closed):g} s)" if closed else "")
                              + (f"; answered: {counts(a['answered'])}" if a["answered"] else ""))
                    errors = counts(Counter(a["connect_errors"]) + Counter(a["errors"]))
                    print(f"| {r['scenario']} | {r['concurrency']} | idle sockets | {a['opened']} | {detail} | "
                          f"{errors} | | |")
                elif isinstance(a, dict) and "requests" in a:
                    print(f"| {r['scenario']} | {r['concurrency']} | {kind} | {a['requests']:,} | {counts(a['answers'])} "
                          f"| {counts(a['errors'])} | {fmt(a['p50_ms'])} | {fmt(a['max_ms'])} |")
                elif kind == "error":
                    print(f"| {r['scenario']} | {r['concurrency']} | – | | {a} | | | |")
    troubled = [r for r in results if not r["server_alive"] or r["healthy_after_s"] is None]
    for r in troubled:
        print(f"\n{r['scenario']}@{r['concurrency']}: the server "
              + ("stopped" if not r["server_alive"] else "did not answer a point query within the query timeout + 10 s")
              + " after the run")
    outcome = goals(results, concurrencies)
    print("\nGoals:\n")
    print("| goal | concurrency | result | detail |")
    print("|---|---|---|---|")
    for g in outcome:
        verdict = "NOT RUN" if g["pass"] is None else "PASS" if g["pass"] else "FAIL"
        print(f"| {g['goal']} | {g['concurrency']} | **{verdict}** | {g['detail']} |")
    return outcome

