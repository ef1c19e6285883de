"""The segments of a template index in memory: the texts added at one time, with their shingle sets and band
keys; gathering sets across segments, merging segments, and noting new records as they stream by."""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from hemicycle.ingest.families.records import TextRecord

#: what the index keeps of each text (the catalogue of :mod:`.families`, and the source's digest)
META = ("uids", "dates", "legislatures", "kinds", "authors", "groups", "sources")
#: the shingle sets and band keys of a segment
SETS = ("offsets", "hashes", "digests", "banded", "sketches", "sorted_keys", "order")
_EMPTY = {"dates": np.int32, "legislatures": np.int16, "sources": np.uint64, "digests": np.uint64, "banded": bool,
          "offsets": np.int64, "hashes": np.uint32}


@dataclass
class Segment:
    """One segment: its arrays (the large ones memory-mapped once written) and the global index of its first
    text."""

    name: str
    start: int
    arrays: dict[str, np.ndarray] = field(default_factory=dict)
    files: dict[str, int] = field(default_factory=dict)  # each file's size, once written

    def __len__(self) -> int:
        return len(self.arrays["uids"])


def column(segments: list[Segment], key: str) -> np.ndarray:
    """One array of all the segments, end to end."""
    columns = [segment.arrays[key] for segment in segments]
    return np.concatenate(columns) if columns else np.zeros(0, dtype=_EMPTY.get(key, "<U1"))


def rows(segments: list[Segment], key: str, indices: np.ndarray) -> np.ndarray:
    """The rows of a per-text array (``sketches``) of the texts at global ``indices`` (sorted), in that order."""
    parts = []
    for segment in segments:
        mine = indices[(indices >= segment.start) & (indices < segment.start + len(segment))]
        parts.append(np.asarray(segment.arrays[key][mine - segment.start]))
    return np.concatenate(parts) if parts else np.zeros((0, 0), dtype=np.uint16)


def gather(segments: list[Segment], indices: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The shingle sets of the texts at global ``indices``, in that order: ``(offsets, hashes)`` (only the pages
    of the memory maps that hold them are read)."""
    indices = np.asarray(indices, dtype=np.int64)
    starts = np.array([segment.start for segment in segments], dtype=np.int64)
    which = np.searchsorted(starts, indices, side="right") - 1
    sizes = np.zeros(len(indices), dtype=np.int64)
    for s, segment in enumerate(segments):
        mine = which == s
        local = indices[mine] - segment.start
        offsets = segment.arrays["offsets"]
        sizes[mine] = offsets[local + 1] - offsets[local]
    out_offsets = np.concatenate(([0], np.cumsum(sizes)))
    hashes = np.zeros(int(out_offsets[-1]), dtype=np.uint32)
    for s, segment in enumerate(segments):
        mine = np.flatnonzero(which == s)
        count = sizes[mine]
        total = int(count.sum())
        if not total:
            continue
        within = np.arange(total) - np.repeat(np.cumsum(count) - count, count)
        source = np.repeat(segment.arrays["offsets"][indices[mine] - segment.start], count) + within
        hashes[np.repeat(out_offsets[mine], count) + within] = segment.arrays["hashes"][source]
    return out_offsets, hashes


class Incoming:
    """What the index keeps of each new record, noted as the records stream by."""

    def __init__(self):
        self.uids, self.dates, self.legislatures, self.kinds = [], [], [], []
        self.authors, self.groups, self.sources = [], [], []

    def note(self, r: TextRecord) -> None:
        self.uids.append(r.uid)
        self.dates.append(r.date.toordinal() if r.date else 0)
        self.legislatures.append(r.legislature or 0)
        self.kinds.append(r.kind or "")
        self.authors.append(r.author_uid or "")
        self.groups.append(r.group or "")
        self.sources.append(r.source_digest())

    def arrays(self) -> dict[str, np.ndarray]:
        return {"uids": np.array(self.uids, dtype=str), "dates": np.array(self.dates, dtype=np.int32),
                "legislatures": np.array(self.legislatures, dtype=np.int16),
                "kinds": np.array(self.kinds, dtype=str), "authors": np.array(self.authors, dtype=str),
                "groups": np.array(self.groups, dtype=str), "sources": np.array(self.sources, dtype=np.uint64)}


def merge(segments: list[Segment], name: str) -> Segment:
    """Several consecutive segments as one (their band keys sorted again, band by band)."""
    arrays = {key: np.concatenate([s.arrays[key] for s in segments])
              for key in (*META, "hashes", "digests", "banded", "sketches")}
    shift = np.cumsum([0] + [len(s.arrays["hashes"]) for s in segments[:-1]])
    arrays["offsets"] = np.concatenate([segments[0].arrays["offsets"][:1]] + [
        s.arrays["offsets"][1:] + k for s, k in zip(segments, shift)])
    keys = np.concatenate([s.arrays["sorted_keys"] for s in segments], axis=1)
    local = np.concatenate([s.arrays["order"] + (s.start - segments[0].start) for s in segments], axis=1)
    rank = np.argsort(keys, axis=1, kind="stable")
    arrays["sorted_keys"] = np.take_along_axis(keys, rank, axis=1)
    arrays["order"] = np.take_along_axis(local, rank, axis=1).astype(np.int32)
    return Segment(name, segments[0].start, arrays)
