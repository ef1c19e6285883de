"""Which description of a graph stands when one run describes it more than once.

A run may describe one graph several times: a deputy in two AMO snapshots, a mandate with its deputy and on
its own, a rubrique or a constituency in every question that names it, a court in every citation of it. The
rule, in one place:

1. The graphs that may come more than once are kept, by name, to the end of their pass, then compared with the
   store once each and written if they changed, so that ingesting the same sources again changes nothing.
   They are every graph of the deputies' pass, and in the questions' pass every graph a record brings along
   (the shared nodes, which are not counted as records). A question's own graph is written as it comes.
2. Of the descriptions kept under one name, the last one stands, as if each had been written in turn.
3. But a node whose description depends on its IRI alone (a court, a decision: marked ``first_wins`` when the
   mapping describes it, :meth:`.rdf.RecordGraph.about`) keeps its first description, so that the result does
   not depend on how the records were shared between worker processes.

A worker process applies the rule to the share of records it maps (:meth:`.mapper.RecordMapper.map_many`),
and the main process applies it again to what the workers send back, in the order of the sources.
"""
from __future__ import annotations

from typing import TypeVar

Description = TypeVar("Description")


def waits(counted: bool, amo_pass: bool) -> bool:
    """Whether a graph is kept to the end of its pass (rule 1) rather than written as it comes: ``counted`` is
    false for the graphs a record brings along."""
    return amo_pass or not counted


def keep(kept: dict[str, Description], name: str, description: Description, first_wins: bool) -> None:
    """Keep ``description`` of the graph ``name`` in ``kept`` unless the one kept already stands (rules 2 and 3).
    A description that replaces another moves to the end: ``kept`` is in the order of the descriptions kept."""
    if first_wins and name in kept:
        return
    kept.pop(name, None)
    kept[name] = description
