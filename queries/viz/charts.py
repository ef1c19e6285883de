"""Charts where a person would rather look than read, each drawn with matplotlib from a named ``viz-*`` query:
answer delays per ministry (their distribution), questions per month per group, the most cited decisions.
"""
from __future__ import annotations

import io
from collections import defaultdict
from dataclasses import dataclass

from hemicycle.queries import catalog
from hemicycle.queries.viz import CHART_FORMATS
from hemicycle.queries.viz.filters import Filters, bind, select
from hemicycle.ontology.errors import FormatError, UnknownProjection

FORMATS = CHART_FORMATS
MAX_MINISTRIES = 20
MAX_GROUPS = 10


@dataclass(frozen=True)
class Chart:
    name: str
    query: str
    description: str


CHARTS = {c.name: c for c in (
    Chart("answer-delays", "viz-answer-delays", "days from deposit to answer of written questions, per ministry (box plots; questions to the government are answered in the sitting)"),
    Chart("questions-per-month", "viz-questions-per-month", "questions deposited per month, per group"),
    Chart("most-cited-decisions", "viz-most-cited-decisions", "court decisions cited in most texts"),
)}


def _rows(source, chart: Chart, filters: Filters, extra=None) -> list[dict[str, str]]:
    query = catalog.get(chart.query)
    return [{n: term.value for n, term in row.items()}
            for row in select(source, query, bind(query, filters, extra))]


def answer_delays(store, filters: Filters = Filters()) -> dict[str, list[int]]:
    """Delays in days by ministry label (so a ministry that keeps its name across governments is one box), for
    the ``MAX_MINISTRIES`` ministries with most answers."""
    delays = defaultdict(list)
    for row in _rows(store, CHARTS["answer-delays"], filters):
        delays[row.get("ministryNodeLabel", row["ministryNode"])].append(int(row["days"]))
    biggest = sorted(delays, key=lambda m: (-len(delays[m]), m))[:MAX_MINISTRIES]
    return {m: sorted(delays[m]) for m in biggest}


def questions_per_month(store, filters: Filters = Filters()) -> tuple[list[str], dict[str, dict], dict[str, str]]:
    """Months (sorted), counts by group label then month, and each group's colour; groups past the
    ``MAX_GROUPS`` largest are added up as "other groups"."""
    counts, colours, months = defaultdict(dict), {}, set()
    for row in _rows(store, CHARTS["questions-per-month"], filters):
        label = row.get("groupNodeLabel") or row["groupNode"]
        counts[label][row["month"]] = counts[label].get(row["month"], 0) + int(row["questions"])
        colours[label] = row.get("groupNodeColour") or "#7f7f7f"
        months.add(row["month"])
    ranked = sorted(counts, key=lambda g: (-sum(counts[g].values()), g))
    kept = {g: counts[g] for g in ranked[:MAX_GROUPS]}
    if len(ranked) > MAX_GROUPS:
        other = defaultdict(int)
        for g in ranked[MAX_GROUPS:]:
            for month, n in counts[g].items():
                other[month] += n
        kept["other groups"] = dict(other)
        colours["other groups"] = "#bbbbbb"
    return sorted(months), kept, colours


def most_cited(store, filters: Filters = Filters(), limit: int = 20) -> list[tuple[str, int, int]]:
    """(decision label, citing texts, occurrences), most cited first."""
    rows = _rows(store, CHARTS["most-cited-decisions"], filters)
    return [(r["decisionLabel"], int(r["texts"]), int(r["occurrences"])) for r in rows[:limit]]


def _figure(height=6.0):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    return plt, *plt.subplots(figsize=(11, height), dpi=100)


def _empty(axes, what):
    axes.text(0.5, 0.5, f"No {what} for these filters", ha="center", va="center", transform=axes.transAxes)
    axes.set_axis_off()


def draw(store, name: str, out, fmt: str, filters: Filters = Filters()) -> None:
    """Draw the chart ``name`` from the store into the binary stream ``out`` (PNG or SVG)."""
    if name not in CHARTS:
        raise UnknownProjection(f"no chart {name!r} (charts: {', '.join(CHARTS)})")
    if fmt not in FORMATS:
        raise FormatError(f"a chart is drawn as {' or '.join(FORMATS)}, not {fmt!r}")
    if name == "answer-delays":
        delays = answer_delays(store, filters)
        plt, figure, axes = _figure(max(4.0, 0.35 * len(delays) + 1.5))
        if delays:
            labels = sorted(delays, key=lambda m: sorted(delays[m])[len(delays[m]) // 2])
            axes.boxplot([delays[m] for m in labels], orientation="horizontal", showfliers=True)
            axes.set_yticks(range(1, len(labels) + 1), [f"{m} ({len(delays[m])})" for m in labels], fontsize=8)
            axes.set_xlabel("days from deposit to answer")
            axes.set_title("Answer delays of written questions per ministry (median order)")
        else:
            _empty(axes, "answered questions")
    elif name == "questions-per-month":
        months, counts, colours = questions_per_month(store, filters)
        plt, figure, axes = _figure()
        if months:
            bottom = [0] * len(months)
            for group, by_month in counts.items():
                values = [by_month.get(m, 0) for m in months]
                axes.bar(range(len(months)), values, bottom=bottom, label=group, color=colours[group])
                bottom = [b + v for b, v in zip(bottom, values)]
            step = max(1, len(months) // 24)
            axes.set_xticks(range(0, len(months), step), months[::step], rotation=60, fontsize=8)
            axes.set_ylabel("questions deposited")
            axes.set_title("Questions per month, per group (author's group at the time)")
            axes.legend(fontsize=8, ncol=2)
        else:
            _empty(axes, "questions")
    else:
        cited = most_cited(store, filters)
        plt, figure, axes = _figure(max(4.0, 0.35 * len(cited) + 1.5))
        if cited:
            labels = [label for label, _, _ in cited][::-1]
            axes.barh(range(len(cited)), [texts for _, texts, _ in cited][::-1], color="#D55E00")
            axes.set_yticks(range(len(cited)), labels, fontsize=8)
            axes.set_xlabel("question texts and answers citing the decision")
            axes.set_title("Most cited court decisions")
        else:
            _empty(axes, "cited court decisions")
    buffer = io.BytesIO()
    figure.savefig(buffer, format=fmt, bbox_inches="tight")
    plt.close(figure)
    out.write(buffer.getvalue())
