"""Families: the connected components of the confirmed pairs, with ids that stay.

**Members.** A family is a connected component of two texts or more of the graph whose edges are the confirmed
pairs (a candidate whose exact similarity reaches the threshold). Two members need not be similar themselves:
each copy of a template resembles the others through the ones in between. Each member carries its exact
similarity to the family's *earliest* member: the earliest by date, then legislature, then number (the uid read
with its digits as numbers: QE9 before QE10).

**Ids.** A family's id is its corpus's prefix and the uid of its earliest member: ``TQ-QANR5L17QE5268`` for a
family of question texts, ``TA-…`` for one of answer texts. It is a function of the family alone, so a run from
scratch and a run that adds texts to an index give the same ids, and adding a member keeps the id as long as the
new member is not earlier than the earliest (questions come in the order of their dates).

**When an id changes** — a member earlier than the earliest is added (a past record ingested late), two
families are joined by a new text that resembles both (the joined family keeps the id of the one whose earliest
member is earlier: its earliest is the joined family's earliest), or a family loses its earliest member (a text
removed or changed) — the old id becomes an *alias* of the new one (:func:`aliases`), which the index keeps, so
that a link to the old id can be redirected. Aliases are followed to the end (an alias of an alias points to the
live id), and an id whose family no longer exists at all is dropped from them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Callable

import numpy as np
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from hemicycle.ingest.families.minhash import jaccard
from hemicycle.ingest.families.settings import ID_PREFIX

#: the date ordinal an undated text is given when texts are ordered (after every dated one)
UNDATED = np.iinfo(np.int32).max


@dataclass(frozen=True)
class Member:
    uid: str
    similarity: float  # exact Jaccard similarity with the family's earliest member (1.0 for the earliest)
    date: date | None = None
    legislature: int | None = None
    kind: str | None = None
    author_uid: str | None = None
    group: str | None = None


@dataclass(frozen=True)
class Family:
    """Texts copied from one template: ``members`` earliest first, then in the order of their dates."""

    id: str
    corpus: str  # "question" or "answer"
    members: tuple[Member, ...]

    @property
    def earliest(self) -> Member:
        return self.members[0]

    @property
    def uids(self) -> tuple[str, ...]:
        return tuple(member.uid for member in self.members)

    def __len__(self) -> int:
        return len(self.members)


def natural_key(uid: str) -> tuple:
    """A uid with its digits read as numbers, for ordering.

    >>> sorted(["QANR5L17QE10", "QANR5L17QE9", "QANR5L16QE11"], key=natural_key)
    ['QANR5L16QE11', 'QANR5L17QE9', 'QANR5L17QE10']
    """
    return tuple(int(part) if part.isdigit() else part for part in re.split(r"(\d+)", uid))


def family_id(corpus: str, earliest_uid: str) -> str:
    """The id of a family of the corpus whose earliest member is ``earliest_uid``.

    >>> family_id("question", "QANR5L17QE5268")
    'TQ-QANR5L17QE5268'
    """
    return f"{ID_PREFIX[corpus]}-{earliest_uid}"


@dataclass
class Catalogue:
    """What the index knows of each text, by global index (numpy arrays of the same length)."""

    uids: np.ndarray  # str
    dates: np.ndarray  # int32 date ordinals, 0 for none
    legislatures: np.ndarray  # int16, 0 for none
    kinds: np.ndarray  # str
    authors: np.ndarray  # str
    groups: np.ndarray  # str

    def order_key(self, i: int) -> tuple:
        day = int(self.dates[i])
        return (day or UNDATED, int(self.legislatures[i]), natural_key(str(self.uids[i])))

    def member(self, i: int, similarity: float) -> Member:
        day = int(self.dates[i])
        return Member(str(self.uids[i]), round(float(similarity), 4), date.fromordinal(day) if day else None,
                      int(self.legislatures[i]) or None, str(self.kinds[i]) or None, str(self.authors[i]) or None,
                      str(self.groups[i]) or None)


def components(count: int, pairs: np.ndarray) -> list[np.ndarray]:
    """The connected components of two texts or more among ``count`` texts linked by ``pairs`` ((k, 2)),
    each as an array of text indices, sorted.

    >>> [c.tolist() for c in components(6, np.array([[0, 3], [3, 5], [1, 2]]))]
    [[0, 3, 5], [1, 2]]
    """
    if not len(pairs):
        return []
    graph = coo_matrix((np.ones(len(pairs), dtype=np.int8), (pairs[:, 0], pairs[:, 1])), shape=(count, count))
    _, labels = connected_components(graph, directed=False)
    grouped = np.flatnonzero(np.bincount(labels)[labels] > 1)  # the texts of a component of two or more
    order = grouped[np.argsort(labels[grouped], kind="stable")]
    sorted_labels = labels[order]
    starts = np.flatnonzero(np.concatenate(([True], sorted_labels[1:] != sorted_labels[:-1])))
    return np.split(order, starts[1:]) if len(order) else []


def build(corpus: str, catalogue: Catalogue, groups: list[np.ndarray],
          sets: Callable[[np.ndarray], tuple[np.ndarray, np.ndarray]]) -> list[Family]:
    """The families of the components ``groups``, each member with its similarity to the earliest, ordered by
    their earliest members. ``sets(indices)`` gives the shingle sets of texts (offsets, hashes) in that order."""
    ordered = [sorted(group.tolist(), key=catalogue.order_key) for group in groups]
    if not ordered:
        return []
    everyone = np.array([i for group in ordered for i in group], dtype=np.int64)
    offsets, hashes = sets(everyone)
    position = 0
    left, right = [], []
    for group in ordered:
        left += [position] * len(group)
        right += list(range(position, position + len(group)))
        position += len(group)
    similarity = jaccard(offsets, hashes, np.array(left), np.array(right))
    keyed, position = [], 0
    for group in ordered:
        members = tuple(catalogue.member(i, similarity[position + k]) for k, i in enumerate(group))
        keyed.append((catalogue.order_key(group[0]), Family(family_id(corpus, members[0].uid), corpus, members)))
        position += len(group)
    keyed.sort(key=lambda item: item[0])
    return [family for _, family in keyed]


def aliases(before: dict[str, tuple[str, ...]], after: dict[str, tuple[str, ...]],
            known: dict[str, str]) -> dict[str, str]:
    """The aliases after a change: ``known`` (old id → id), and each id of ``before`` (id → member uids, earliest
    first) that is no longer an id of ``after`` (the same), pointing to the family now holding its earliest member,
    or failing that most of its members; followed to the end, and without the ids that lead to no family.

    >>> old = {"TQ-Q5": ("Q5", "Q6"), "TQ-Q2": ("Q2", "Q3")}
    >>> aliases(old, {"TQ-Q2": ("Q2", "Q3", "Q5", "Q6")}, {"TQ-Q9": "TQ-Q5"})
    {'TQ-Q9': 'TQ-Q2', 'TQ-Q5': 'TQ-Q2'}
    """
    live = set(after)
    family_of = {uid: family for family, uids in after.items() for uid in uids}
    result = dict(known)
    for old_id, uids in before.items():
        if old_id in live:
            continue
        target = family_of.get(uids[0]) if uids else None
        if target is None:
            votes: dict[str, int] = {}
            for uid in uids:
                if uid in family_of:
                    votes[family_of[uid]] = votes.get(family_of[uid], 0) + 1
            target = max(sorted(votes), key=votes.get) if votes else None
        if target is not None:
            result[old_id] = target
        else:
            result.pop(old_id, None)
    resolved = {}
    for old_id in result:
        target, seen = result[old_id], {old_id}
        while target not in live and target in result and target not in seen:
            seen.add(target)
            target = result[target]
        if target in live and target != old_id:
            resolved[old_id] = target
    return resolved
