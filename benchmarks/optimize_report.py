"""The Markdown report of ``bench_optimize.py``: the compaction, the exports, the queries and the pages."""
from __future__ import annotations

import statistics


def ratio(exports: dict, top: str, bottom: str) -> float | None:
    """The median over the rounds of top's time / bottom's time (each round's pair ran side by side)."""
    cases = exports["cases"]
    if top not in cases or bottom not in cases:
        return None
    return statistics.median(a["seconds"] / b["seconds"] for a, b in zip(cases[top]["runs"], cases[bottom]["runs"]))


def markdown(report: dict) -> str:
    m, v, p = report["machine"], report["versions"], report["prepared"]
    o, b = p["optimize"], p["bulk_load"]
    mib = 2 ** 20
    lines = [f"Store {report['store']}: {report['quads']:,} quads; {report['runs']} rounds; {m['nproc']} cores, "
             f"{m['cpu']}, Python {v['python']}, pyoxigraph {v['pyoxigraph']}; load average {m['load_at_start']} "
             f"at the start, {m.get('load_at_end')} at the end.", "",
             f"`Store.optimize()`: {o['seconds']:.1f} s (in the call {o['in_call_seconds']:.1f} s; "
             f"{o['cpu_seconds']:.1f} CPU s; peak RSS {o['peak_rss_mib']:,.0f} MiB; load {o['load']}); folder "
             f"{o['bytes_before'] / mib:,.0f} MiB before, {o['bytes_peak'] / mib:,.0f} MiB at most while it ran, "
             f"{o['bytes_after'] / mib:,.0f} MiB after.",
             f"Bulk load of the {p['nquads_bytes'] / mib:,.0f} MiB of N-Quads: {b['seconds']:.1f} s "
             f"(load {b['load']}), folder {b['bytes_after'] / mib:,.0f} MiB."]
    e = report.get("exports")
    if e:
        lines += ["", "| export | wall (median) | quads/s | CPU s | peak RSS | load average (1 min) |",
                  "|---|---:|---:|---:|---:|---|"]
        for name, f in e["cases"].items():
            lines.append(f"| {name} | {f['seconds']:.1f} s | {f['quads_per_s']:,.0f} | {f['cpu_seconds']:.1f} | "
                         f"{f['peak_rss_mib']:,.0f} MiB | {f['load'][0]}–{f['load'][1]} |")
        lines.append("")
        for top, bottom, what in (
                ("Store.dump, bulk-loaded", "hemicycle export nquads, as ingested",
                 "as-ingested export speed / bulk-loaded dump speed"),
                ("Store.dump, bulk-loaded", "Store.dump, as ingested",
                 "as-ingested dump speed / bulk-loaded dump speed"),
                ("Store.dump, bulk-loaded", "hemicycle export nquads, optimized",
                 "**optimized export speed / bulk-loaded dump speed** (goal >= 1)"),
                ("hemicycle export nquads, as ingested", "hemicycle export nquads, optimized",
                 "optimized export speed / as-ingested export speed"),
                *((f"hemicycle export {fmt}, optimized", "hemicycle export nquads, optimized",
                   f"{fmt} time / N-Quads time, optimized (goal <= 2)") for fmt in ("turtle", "jsonld"))):
            r = ratio(e, top, bottom)
            if r is not None:
                lines.append(f"- {what}: {r:.2f} (median of the rounds' ratios)")
        lines.append(f"- the N-Quads files of the first round are the same bytes: {e['same_bytes']}")
    q = report.get("queries")
    if q:
        lines += ["", "| query | as ingested: first · median | optimized: first · median | median ratio |",
                  "|---|---:|---:|---:|"]
        names = list(q["rounds"][0]["as-ingested"]["queries"])
        for name in names:
            a = [r["as-ingested"]["queries"][name] for r in q["rounds"]]
            z = [r["optimized"]["queries"][name] for r in q["rounds"]]
            fa, ma = statistics.median(x["first"] for x in a), statistics.median(x["median"] for x in a)
            fz, mz = statistics.median(x["first"] for x in z), statistics.median(x["median"] for x in z)
            lines.append(f"| {name} ({a[0]['rows']} rows) | {fa * 1000:,.0f} · {ma * 1000:,.0f} ms | "
                         f"{fz * 1000:,.0f} · {mz * 1000:,.0f} ms | {mz / ma:.2f} |")
        loads = [r[s]["load"] for r in q["rounds"] for s in r]
        lines.append(f"\nLoad average {min(x[0] for x in loads)}–{max(x[1] for x in loads)}; same answers on both "
                     f"stores: {q['same_answers']}.")
    g = report.get("pages")
    if g:
        lines += ["", "| page | as ingested: HTML · Turtle | optimized: HTML · Turtle |", "|---|---:|---:|"]
        for label in g["rounds"][0]["as-ingested"]["pages"]:
            a = [r["as-ingested"]["pages"].get(label) for r in g["rounds"]]
            z = [r["optimized"]["pages"].get(label) for r in g["rounds"]]
            a, z = [x for x in a if x], [x for x in z if x]

            def med(xs, key):
                return statistics.median(x[key] for x in xs) if xs else float("nan")

            lines.append(f"| {label} | {med(a, 'html_ms'):,.0f} · {med(a, 'turtle_ms'):,.0f} ms | "
                         f"{med(z, 'html_ms'):,.0f} · {med(z, 'turtle_ms'):,.0f} ms |")
        loads = [r[s]["load"] for r in g["rounds"] for s in r]
        lines.append(f"\nLoad average {min(x[0] for x in loads)}–{max(x[1] for x in loads)}.")
    return "\n".join(lines)
