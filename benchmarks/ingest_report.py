"""The figures of ``bench_ingest.py``: the medians of its runs against the goals, and the Markdown table."""
from __future__ import annotations

import statistics

RATIO_GOAL = 2.0
RSS_GOAL_MIB = 1.5 * 1024  # 1.5 GiB


def summarise(runs: list[dict], manifest: dict) -> dict:
    def med(step: str, key: str) -> float:
        return statistics.median(r[step][key] for r in runs)

    def cpu(step: str) -> float:
        return statistics.median(r[step]["user_seconds"] + r[step]["system_seconds"] for r in runs)

    quads = statistics.median(r["quads"] for r in runs)
    records = manifest["records"]["total"]
    ingest_wall, floor_wall = med("ingest", "wall_seconds"), med("floor", "wall_seconds")
    ratio = ingest_wall / floor_wall if floor_wall else float("inf")
    peak = med("ingest", "peak_rss_mib")
    return {
        "runs": len(runs),
        "records": records, "questions": manifest["records"]["questions"], "quads": quads,
        "quads_all_runs_equal": len({r["quads"] for r in runs}) == 1,
        "ingest": {"wall_seconds": ingest_wall, "records_per_second": records / ingest_wall,
                   "questions_per_second": manifest["records"]["questions"] / ingest_wall,
                   "quads_per_second": quads / ingest_wall, "peak_rss_mib": peak,
                   "peak_tree_rss_mib": med("ingest", "peak_tree_rss_mib"),
                   "peak_tree_pss_mib": med("ingest", "peak_tree_pss_mib"),
                   "cpu_seconds": cpu("ingest"),
                   "store_bytes": med("ingest", "store_bytes"),
                   "wall_seconds_all": [r["ingest"]["wall_seconds"] for r in runs],
                   "load_before_all": [r["ingest"]["load_before"] for r in runs]},
        "optimize": {"wall_seconds": med("optimize", "wall_seconds"), "cpu_seconds": cpu("optimize"),
                     "peak_rss_mib": med("optimize", "peak_rss_mib")},
        "export": {"wall_seconds": med("export", "wall_seconds"), "peak_rss_mib": med("export", "peak_rss_mib"),
                   "nquads_bytes": med("export", "nquads_bytes")},
        "floor": {"wall_seconds": floor_wall, "load_seconds": med("floor", "load_seconds"), "cpu_seconds": cpu("floor"),
                  "records_per_second": records / floor_wall, "quads_per_second": quads / floor_wall,
                  "peak_rss_mib": med("floor", "peak_rss_mib"), "store_bytes": med("floor", "store_bytes"),
                  "wall_seconds_all": [r["floor"]["wall_seconds"] for r in runs],
                  "load_before_all": [r["floor"]["load_before"] for r in runs]},
        "ratio_ingest_to_floor": ratio,
        "ratio_all": [r["ingest"]["wall_seconds"] / r["floor"]["wall_seconds"] for r in runs],
        "ratio_with_compaction": statistics.median(
            (r["ingest"]["wall_seconds"] + r["optimize"]["wall_seconds"]) / r["floor"]["wall_seconds"] for r in runs),
        "goals": {"ratio_max": RATIO_GOAL, "ratio_met": ratio <= RATIO_GOAL,
                  "peak_rss_mib_max": RSS_GOAL_MIB, "peak_rss_met": peak <= RSS_GOAL_MIB},
    }


def markdown(report: dict) -> str:
    s, m, v, data = report["summary"], report["machine"], report["versions"], report["data"]
    ing, fl, ex = s["ingest"], s["floor"], s["export"]
    commit = report["git"]["commit"] or "?"
    if report["git"]["dirty"]:
        commit += ", uncommitted changes"
    if data["set"] == "real":
        described = (f"Real records: {data['questions']:,} questions to the government (the XVIth's "
                     f"{data['source_questions']} real QG, {data['copies']} copies renumbered) + {data['acteurs']:,} "
                     f"acteurs + {data['organes']} organes of the XVIth AMO20 ({s['records']:,} records; questions zip "
                     f"{data['questions_zip_bytes'] / 1e6:,.0f} MB)")
    else:
        described = (f"Synthetic legislature: {data['questions']:,} written questions + {data['acteurs']} acteurs + "
                     f"{data['organes']} organes ({s['records']:,} records; seed {data['seed']}; questions zip "
                     f"{data['questions_zip_bytes'] / 1e6:,.0f} MB)")
    loads = sorted(ing["load_before_all"] + fl["load_before_all"])
    op = s["optimize"]
    lines = [
        f"{described} → {s['quads']:,.0f} quads. Median of {s['runs']} run(s) (ratios "
        f"{', '.join(f'{r:.2f}' for r in s['ratio_all'])}); load average {loads[0]:.1f} to {loads[-1]:.1f} "
        "before the steps.",
        "",
        "| step | wall (s) | CPU (s) | records/s | quads/s | peak RSS (MiB): main / tree (PSS of the tree) |",
        "|---|---:|---:|---:|---:|---:|",
        f"| `hemicycle ingest --no-optimize` | {ing['wall_seconds']:.1f} | {ing['cpu_seconds']:.1f} | "
        f"{ing['records_per_second']:,.0f} | {ing['quads_per_second']:,.0f} | "
        f"{ing['peak_rss_mib']:,.0f} / {ing['peak_tree_rss_mib']:,.0f} ({ing['peak_tree_pss_mib']:,.0f}) |",
        f"| floor: pyoxigraph `bulk_load` of the export | {fl['wall_seconds']:.1f} | {fl['cpu_seconds']:.1f} | "
        f"{fl['records_per_second']:,.0f} | {fl['quads_per_second']:,.0f} | {fl['peak_rss_mib']:,.0f} |",
        f"| **ratio ingest / floor** | **{s['ratio_ingest_to_floor']:.2f}** "
        f"(goal ≤ {RATIO_GOAL}: {'met' if s['goals']['ratio_met'] else 'NOT met'}) | | | | "
        f"goal ≤ {RSS_GOAL_MIB:,.0f}: {'met' if s['goals']['peak_rss_met'] else 'NOT met'} |",
        f"| `hemicycle optimize` (the compaction `hemicycle ingest` does by default) | {op['wall_seconds']:.1f} | "
        f"{op['cpu_seconds']:.1f} | | | {op['peak_rss_mib']:,.0f} |",
        f"| ratio (ingest + compaction) / floor, for information | {s['ratio_with_compaction']:.2f} | | | | |",
        f"| `hemicycle export --format nquads` of the compacted store (for information) | {ex['wall_seconds']:.1f} "
        f"| | | | {ex['peak_rss_mib']:,.0f} |",
        "",
        f"Machine: {m['cpu_model'] or 'unknown CPU'}, {m['nproc']} CPUs ({m['nproc_available']} available), "
        f"{m['ram_gib']} GiB RAM, {m['system']} {m['kernel']}; Python {v['python']}, pyoxigraph {v['pyoxigraph']}, "
        f"hemicycle {v.get('hemicycle') or '?'} ({commit}); {report['date']}.",
    ]
    return "\n".join(lines)
