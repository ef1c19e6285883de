#!/usr/bin/env python3
"""Benchmark what compacting the store (``Store.optimize()``) after an ingest gives, and what it costs.

From a store as ``hemicycle ingest --no-optimize`` leaves it (``--store``, never modified), the script makes
three stores in ``--workdir``:

- **as ingested**: a copy of it;
- **optimized**: a copy compacted by ``Store.optimize()`` in a child process (what ``hemicycle optimize`` and
  the end of a large ``hemicycle ingest`` do): wall clock, CPU seconds, peak RSS, the folder's size before,
  after and at its largest while it runs (sampled every 0.1 s);
- **bulk-loaded**: a fresh store filled by pyoxigraph's ``bulk_load`` of the N-Quads export of the store, in
  one call, with no ``flush()`` or ``optimize()`` (as ``bench_ingest.py``'s floor): the reference of the goal.

Then it times, as child processes, in rounds where each case runs once in the same order (so that the cases
of one round share the machine's load; ratios are taken within a round, then their median):

- **export**: ``hemicycle export --format nquads -o FILE`` of as-ingested and of optimized, and pyoxigraph's
  ``Store.read_only(DIR).dump(FILE, RdfFormat.N_QUADS)`` of each of the three stores; every N-Quads file of the
  first round is hashed (SHA-256), and all must be the same bytes;
- **formats** (``--formats``, default turtle jsonld): ``hemicycle export`` of the optimized store in each,
  next to its N-Quads export of the same round;
- **queries**: named queries (``--queries``; the question, ministry and decision they need are picked as the
  heaviest in the store), each run ``--repeats`` times in one process per store: the first run (a new
  process, RocksDB's caches empty, the system's page cache warm) and the median of the others; the rows of
  both stores are compared;
- **pages**: ``bench_pages.py`` on each store (the HTML and Turtle page of the heaviest resource of each kind,
  median of ``--page-runs`` requests).

Every figure carries the 1-minute load average read before and after it. Usage::

    hemicycle ingest --no-optimize --store /tmp/an ../shared/data/an
    python benchmarks/bench_optimize.py --store /tmp/an --runs 3
    python benchmarks/bench_optimize.py --store /tmp/syn --runs 2 --skip pages --json benchmarks/out/optimize-syn.json
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import shutil
import statistics
import sys
import threading
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from hemicycle.ingest.sources import sha256_of  # noqa: E402
from bench_export import COUNT, EXTENSIONS  # noqa: E402
from machine import hemicycle_and_python, machine_summary, versions  # noqa: E402
from measure import timed, write_json  # noqa: E402
from optimize_report import markdown  # noqa: E402

OUT = HERE / "out"
STORES = ("as-ingested", "optimized", "bulk-loaded")
QUERIES = ("question-card", "texts-cited-in-answers", "most-active-deputies", "legislature-counts")
STEPS = ("export", "formats", "queries", "pages")

OPTIMIZE = """\
import json, sys, time, pyoxigraph
store = pyoxigraph.Store(sys.argv[1])
t = time.perf_counter()
store.optimize()
print(json.dumps({"seconds": time.perf_counter() - t}))
"""
BULK_LOAD = """\
import sys, pyoxigraph
pyoxigraph.Store(sys.argv[1]).bulk_load(path=sys.argv[2], format=pyoxigraph.RdfFormat.N_QUADS)
"""
DUMP = """\
import sys, pyoxigraph
pyoxigraph.Store.read_only(sys.argv[1]).dump(sys.argv[2], pyoxigraph.RdfFormat.N_QUADS)
"""
PICK = """\
import json, sys, pyoxigraph
store = pyoxigraph.Store.read_only(sys.argv[1])
HM = "https://w3id.org/hemicycle/ontology#"
picks = {
    "question": f"SELECT ?r (COUNT(*) AS ?n) WHERE {{ ?r <{HM}hasQuestionText>/<{HM}hasCitation> ?o }} "
                "GROUP BY ?r ORDER BY DESC(?n) ?r LIMIT 1",
    "ministry": f"SELECT ?r (COUNT(*) AS ?n) WHERE {{ ?q <{HM}ministryAttributed> ?r ; <{HM}hasAnswer> ?a }} "
                "GROUP BY ?r ORDER BY DESC(?n) ?r LIMIT 1",
}
found = {}
for name, query in picks.items():
    rows = list(store.query(query, use_default_graph_as_union=True))
    if rows:
        found[name] = rows[0][0].value
print(json.dumps(found))
"""
QUERY = """\
import hashlib, json, sys, time
from statistics import median
from hemicycle.ingest.store import GraphStore
from hemicycle.queries import catalog
store = GraphStore(sys.argv[1], read_only=True)
jobs, repeats = json.loads(sys.argv[2]), int(sys.argv[3])
found = {}
for name, params in jobs:
    query = catalog.get(name)
    substitutions = query.substitutions(params)
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        result = store.query(query.text, substitutions=substitutions)
        if hasattr(result, "variables"):
            names = result.variables
            rows = [tuple(str(row[v]) for v in names) for row in result]
        else:
            rows = [(str(t),) for t in result]
        times.append(time.perf_counter() - t)
    digest = hashlib.sha256("\\n".join(map(repr, sorted(rows))).encode()).hexdigest()
    found[name] = {"first": times[0], "median": median(times[1:] or times), "rows": len(rows), "digest": digest}
print(json.dumps(found))
"""


def load() -> float:
    return round(os.getloadavg()[0], 2)


def folder_bytes(path: Path) -> int:
    total = 0
    with os.scandir(path) as entries:
        for entry in entries:
            try:
                total += entry.stat().st_size if entry.is_file() else 0
            except FileNotFoundError:
                continue
    return total


def with_load(run):
    """Run a measurement; add the load average before and after it."""
    before = load()
    result = run()
    result["load"] = [before, load()]
    return result


def checked(result: dict, what: str) -> dict:
    if result["status"] != 0:
        sys.exit(f"bench_optimize: {what} failed:\n{result['stderr']}")
    return result


def optimize(python: str, store: Path) -> dict:
    """Store.optimize() on the store, in a child process; the folder's size sampled while it runs."""
    sizes = [folder_bytes(store)]
    done = threading.Event()

    def sample():
        while not done.wait(0.1):
            sizes.append(folder_bytes(store))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        result = checked(with_load(lambda: timed([python, "-c", OPTIMIZE, str(store)])), "optimize")
    finally:
        done.set()
        sampler.join()
    after = folder_bytes(store)
    result.update(in_call_seconds=json.loads(result["stdout"])["seconds"], bytes_before=sizes[0],
                  bytes_after=after, bytes_peak=max(sizes + [after]))
    return result


def prepare(args, hemicycle: str, python: str, workdir: Path) -> tuple[dict, dict]:
    stores = {name: workdir / name for name in STORES}
    for path in stores.values():
        shutil.rmtree(path, ignore_errors=True)
    made = {}
    for name in ("as-ingested", "optimized"):
        shutil.copytree(args.store, stores[name])
    print("optimizing a copy", file=sys.stderr)
    made["optimize"] = optimize(python, stores["optimized"])
    dump = workdir / "for-bulk-load.nq"
    checked(timed([hemicycle, "export", "--store", str(stores["as-ingested"]), "--format", "nquads",
                   "-o", str(dump)]), "the export for the bulk load")
    print("bulk-loading its N-Quads", file=sys.stderr)
    made["bulk_load"] = checked(with_load(lambda: timed([python, "-c", BULK_LOAD, str(stores["bulk-loaded"]),
                                                          str(dump)])), "the bulk load")
    made["bulk_load"]["bytes_after"] = folder_bytes(stores["bulk-loaded"])
    made["nquads_bytes"] = dump.stat().st_size
    dump.unlink()
    for result in made.values():
        if isinstance(result, dict):
            result.pop("stdout", None), result.pop("stderr", None)
    return stores, made


def export_cases(args, hemicycle: str, python: str, stores: dict) -> list[tuple[str, list[str], str]]:
    """(name, command without its output file, extension)."""
    def hemicycle_export(store, fmt):
        return [hemicycle, "export", "--store", str(stores[store]), "--format", fmt, "-o"]

    cases = []
    if "export" not in args.skip:
        cases += [("hemicycle export nquads, as ingested", hemicycle_export("as-ingested", "nquads"), ".nq"),
                  ("Store.dump, bulk-loaded", [python, "-c", DUMP, str(stores["bulk-loaded"])], ".nq"),
                  ("hemicycle export nquads, optimized", hemicycle_export("optimized", "nquads"), ".nq"),
                  ("Store.dump, as ingested", [python, "-c", DUMP, str(stores["as-ingested"])], ".nq"),
                  ("Store.dump, optimized", [python, "-c", DUMP, str(stores["optimized"])], ".nq")]
    if "formats" not in args.skip:
        if "export" in args.skip:
            cases.append(("hemicycle export nquads, optimized", hemicycle_export("optimized", "nquads"), ".nq"))
        cases += [(f"hemicycle export {fmt}, optimized", hemicycle_export("optimized", fmt), EXTENSIONS[fmt])
                  for fmt in args.formats]
    return cases


def run_exports(args, cases, workdir: Path, quads: int) -> dict:
    found = {name: {"runs": []} for name, _, _ in cases}
    digests = {}
    for round_ in range(args.runs):
        for name, command, extension in cases:
            target = workdir / f"out{extension}"
            result = checked(with_load(lambda: timed(command + [str(target)], args.timeout)), name)
            result.pop("stdout"), result.pop("stderr")
            result["bytes"] = target.stat().st_size
            if round_ == 0 and extension == ".nq":
                digests[name] = sha256_of(target)
            target.unlink()
            found[name]["runs"].append(result)
            print(f"round {round_ + 1}: {name}: {result['seconds']:.1f} s, {quads / result['seconds']:,.0f} quads/s, "
                  f"load {result['load']}", file=sys.stderr)
    for name, figures in found.items():
        runs = figures["runs"]
        figures.update(seconds=statistics.median(r["seconds"] for r in runs),
                       cpu_seconds=statistics.median(r["cpu_seconds"] for r in runs),
                       peak_rss_mib=statistics.median(r["peak_rss_mib"] for r in runs), bytes=runs[0]["bytes"],
                       load=[min(r["load"][0] for r in runs), max(r["load"][1] for r in runs)])
        figures["quads_per_s"] = quads / figures["seconds"]
    return {"cases": found, "nquads_sha256": digests, "same_bytes": len(set(digests.values())) <= 1}


def run_queries(args, python: str, stores: dict) -> dict:
    picked = json.loads(checked(timed([python, "-c", PICK, str(stores["as-ingested"])]), "picking")["stdout"])
    params = {"question-card": {"question": picked.get("question")},
              "texts-cited-in-answers": {"ministry": picked.get("ministry")}}
    jobs = [(name, {k: v for k, v in params.get(name, {}).items()}) for name in args.queries]
    jobs = [(name, p) for name, p in jobs if all(p.values())]
    found = {"params": dict(jobs), "rounds": []}
    for round_ in range(args.runs):
        this = {}
        for store in ("as-ingested", "optimized"):
            result = checked(with_load(lambda: timed([python, "-c", QUERY, str(stores[store]), json.dumps(jobs),
                                                      str(args.repeats)], args.timeout)), f"queries on {store}")
            this[store] = {"queries": json.loads(result["stdout"]), "load": result["load"],
                           "seconds": result["seconds"]}
            print(f"round {round_ + 1}: queries on {store}: "
                  + ", ".join(f"{n} {q['first'] * 1000:.0f}/{q['median'] * 1000:.0f} ms"
                              for n, q in this[store]["queries"].items()) + f"; load {result['load']}",
                  file=sys.stderr)
        found["rounds"].append(this)
    found["same_answers"] = all(r["as-ingested"]["queries"][n]["digest"] == r["optimized"]["queries"][n]["digest"]
                                for r in found["rounds"] for n in r["as-ingested"]["queries"])
    return found


PAGE_LINE = re.compile(r"^(.{28}) +(\d+) ms +(\d+) ms  (\S+)$")


def run_pages(args, python: str, stores: dict) -> dict:
    found = {"rounds": []}
    for round_ in range(args.runs):
        this = {}
        for store in ("as-ingested", "optimized"):
            result = checked(with_load(lambda: timed([python, str(HERE / "bench_pages.py"), str(stores[store]),
                                                      "--runs", str(args.page_runs)], args.timeout)),
                             f"bench_pages on {store}")
            pages = {}
            for line in result["stdout"].splitlines():
                match = PAGE_LINE.match(line)
                if match:
                    pages[match.group(1).strip()] = {"html_ms": int(match.group(2)), "turtle_ms": int(match.group(3))}
            this[store] = {"pages": pages, "load": result["load"], "seconds": result["seconds"]}
            print(f"round {round_ + 1}: pages on {store}: {result['seconds']:.1f} s, load {result['load']}",
                  file=sys.stderr)
        found["rounds"].append(this)
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", required=True, help="a store as 'hemicycle ingest --no-optimize' left it")
    parser.add_argument("--runs", type=int, default=3, help="rounds (default 3)")
    parser.add_argument("--formats", nargs="*", default=["turtle", "jsonld"], choices=sorted(EXTENSIONS))
    parser.add_argument("--queries", nargs="*", default=list(QUERIES))
    parser.add_argument("--repeats", type=int, default=5, help="runs of each query per process (default 5)")
    parser.add_argument("--page-runs", type=int, default=5, help="requests per page (default 5)")
    parser.add_argument("--skip", nargs="*", default=[], choices=STEPS)
    parser.add_argument("--hemicycle", default=shutil.which("hemicycle") or "hemicycle")
    parser.add_argument("--workdir", default=str(OUT / "optimize"), help="the three stores and the exports")
    parser.add_argument("--keep", action="store_true", help="keep the three stores")
    parser.add_argument("--timeout", type=float, help="kill a step after this many seconds")
    parser.add_argument("--json", default=str(OUT / "optimize.json"))
    args = parser.parse_args(argv)

    hemicycle, python = hemicycle_and_python(args.hemicycle)
    workdir = Path(args.workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    if not Path(args.store).is_dir():
        sys.exit(f"bench_optimize: no store at {args.store}")
    quads = int(checked(timed([python, "-c", COUNT, args.store]), "counting")["stdout"])
    report = {"store": args.store, "quads": quads, "runs": args.runs, "machine": machine_summary(),
              "versions": versions(python), "command": " ".join(sys.argv),
              "started": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")}
    stores, report["prepared"] = prepare(args, hemicycle, python, workdir)
    try:
        cases = export_cases(args, hemicycle, python, stores)
        if cases:
            report["exports"] = run_exports(args, cases, workdir, quads)
        if "queries" not in args.skip and args.queries:
            report["queries"] = run_queries(args, python, stores)
        if "pages" not in args.skip:
            report["pages"] = run_pages(args, python, stores)
    finally:
        if not args.keep:
            for path in stores.values():
                shutil.rmtree(path, ignore_errors=True)
    report["machine"]["load_at_end"] = [round(x, 2) for x in os.getloadavg()]
    write_json(Path(args.json), report)
    print(markdown(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
