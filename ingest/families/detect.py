"""From records to confirmed pairs: texts shingled (in worker processes when there are many), exact duplicates
found by the digest of their shingle sets, signatures and band keys for the others, candidates confirmed by
their exact similarity.

An exact duplicate (the same shingle set: a pasted answer, a question copied word for word under another name)
is joined to the first text of its set with a similarity of 1 and takes no part in the banding: a thousand
copies of one answer would otherwise share every band and make half a million candidates to check (a copy's
similarity to any other text is its first's). Only the first of each set, and only a text of at least
``min_common`` shingles, is banded: a shorter text cannot share that many with another, and is never grouped, not
even with its exact copies.
"""
from __future__ import annotations

import itertools
import multiprocessing
import os
from collections import deque
from dataclasses import dataclass
from typing import Iterable, Iterator

import numpy as np

from hemicycle.ingest.families.minhash import band_keys, overlaps, signatures
from hemicycle.ingest.families.records import TextRecord
from hemicycle.ingest.families.settings import Parameters
from hemicycle.ingest.families.text import canonical, shingles

#: records shingled at a time (by a worker process, when there are several batches)
BATCH = 2000
@dataclass
class Prepared:
    """The texts of a batch of records as the index keeps them."""

    offsets: np.ndarray  # int64, n + 1: text i's shingles are hashes[offsets[i]:offsets[i + 1]]
    hashes: np.ndarray  # uint32, each text's set sorted
    digests: np.ndarray  # uint64, n: a digest of each shingle set (0 for an empty one)
    keys: np.ndarray  # uint64, (n, bands): the band keys (zeros for a text not banded)
    sketches: np.ndarray  # uint16, (n, num_perm): the low 16 bits of each signature value (zeros if not signed)
    banded: np.ndarray  # bool, n: long enough, and the first of its set

    def __len__(self) -> int:
        return len(self.digests)


Batch = list[tuple[str, tuple[str, ...], tuple[str, ...]]]  # (text, people, places) of each record


def batches(records: Iterable[TextRecord]) -> Iterator[Batch]:
    """The records' texts and names to mask, :data:`BATCH` at a time."""
    batch: Batch = []
    for record in records:
        batch.append((record.text or "", record.people(), record.place_names()))
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def _prepare_batch(batch: Batch, params: Parameters, permutations: tuple[np.ndarray, np.ndarray]) -> tuple:
    """One batch's ``(offsets, hashes, digests, keys, sketches)``: the band keys and sketches of every text long
    enough to be compared (the main process then bands only the first of each set)."""
    offsets, hashes = shingles([canonical(text, people, places) for text, people, places in batch],
                               params.shingle_words)
    sizes = np.diff(offsets)
    keys = np.zeros((len(sizes), params.bands), dtype=np.uint64)
    sketches = np.zeros((len(sizes), params.num_perm), dtype=np.uint16)
    chosen = np.flatnonzero(sizes >= params.min_common)
    if len(chosen):
        chosen_sizes = sizes[chosen]
        chosen_offsets = np.concatenate(([0], np.cumsum(chosen_sizes)))
        within = np.arange(chosen_offsets[-1]) - np.repeat(chosen_offsets[:-1], chosen_sizes)
        chosen_hashes = hashes[np.repeat(offsets[chosen], chosen_sizes) + within]
        signed = signatures(chosen_offsets, chosen_hashes, *permutations)
        keys[chosen] = band_keys(signed, params.bands, params.rows)
        sketches[chosen] = signed.astype(np.uint16)  # the low 16 bits
    return offsets, hashes, set_digests(offsets, hashes), keys, sketches


def prepare_stream(stream: Iterable[Batch], params: Parameters, permutations: tuple[np.ndarray, np.ndarray],
                   workers: int | None = None) -> Iterator[tuple]:
    """:func:`_prepare_batch` of each batch, in order. When there is more than one batch, ``workers`` processes
    prepare them (``None``: one per core, up to 4), with at most two batches a worker in flight: the records are
    read as they come, never all held at once."""
    stream = iter(stream)
    first = next(stream, None)
    second = next(stream, None) if first is not None else None
    if workers is None:
        workers = min(4, os.cpu_count() or 1)
    if second is None or workers <= 1:
        for batch in itertools.chain((b for b in (first, second) if b is not None), stream):
            yield _prepare_batch(batch, params, permutations)
        return
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    with context.Pool(workers) as pool:
        pending: deque = deque()
        for batch in itertools.chain((first, second), stream):
            pending.append(pool.apply_async(_prepare_batch, (batch, params, permutations)))
            if len(pending) >= 2 * workers:
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()


def set_digests(offsets: np.ndarray, hashes: np.ndarray) -> np.ndarray:
    """A 64-bit digest of each set (order-free: a sum of mixed members, and the size); 0 for an empty set."""
    sizes = np.diff(offsets)
    out = np.zeros(len(sizes), dtype=np.uint64)
    nonempty = sizes > 0
    if nonempty.any():
        mixed = hashes.astype(np.uint64) * np.uint64(0x9E3779B97F4A7C15)
        mixed ^= mixed >> np.uint64(31)
        sums = np.add.reduceat(mixed, offsets[:-1][nonempty])
        out[nonempty] = (sums ^ (sizes[nonempty].astype(np.uint64) * np.uint64(0xC2B2AE3D27D4EB4F))) | np.uint64(1)
    return out


def prepare(stream: Iterable[Batch], params: Parameters, permutations: tuple[np.ndarray, np.ndarray],
            workers: int | None = None, known: dict[int, int] | None = None) -> tuple[Prepared, np.ndarray]:
    """The shingles, digests and band keys of the texts of ``stream`` (:func:`batches`), and for each text the
    text it is an exact copy of: :data:`NO_COPY` for none, ``j >= 0`` for the earlier text ``j`` that ``known``
    (a digest → the index of the first text of that set) gives, ``-1 - i`` for an earlier text ``i`` of the
    stream. ``permutations``: the MinHash's ``(a, b)`` (:func:`~.minhash.permutations`)."""
    parts = list(prepare_stream(stream, params, permutations, workers))
    if not parts:
        parts = [(np.zeros(1, dtype=np.int64), np.zeros(0, dtype=np.uint32), np.zeros(0, dtype=np.uint64),
                  np.zeros((0, params.bands), dtype=np.uint64), np.zeros((0, params.num_perm), dtype=np.uint16))]
    sizes = np.concatenate([np.diff(part[0]) for part in parts])
    offsets = np.zeros(len(sizes) + 1, dtype=np.int64)
    np.cumsum(sizes, out=offsets[1:])
    hashes = np.concatenate([part[1] for part in parts])
    digests = np.concatenate([part[2] for part in parts])
    keys = np.concatenate([part[3] for part in parts])
    sketches = np.concatenate([part[4] for part in parts])
    del parts
    copy_of = np.full(len(sizes), NO_COPY, dtype=np.int64)
    first: dict[int, int] = {}
    known = known or {}
    long_enough = sizes >= params.min_common
    for i in np.flatnonzero(long_enough).tolist():  # a short text is never grouped, not even with its copies
        digest = int(digests[i])
        if digest in known:
            copy_of[i] = known[digest]
        elif digest in first:
            copy_of[i] = -1 - first[digest]
        else:
            first[digest] = i
    banded = long_enough & (copy_of == NO_COPY)
    return Prepared(offsets, hashes, digests, keys, sketches, banded), copy_of


#: in :func:`prepare`'s copies, a text that duplicates no earlier one
NO_COPY = np.iinfo(np.int64).max


#: a candidate whose MinHash estimate falls this far below the threshold is not checked exactly
MARGIN = 0.15


def estimates(left: np.ndarray, left_rows: np.ndarray, right: np.ndarray, right_rows: np.ndarray,
              chunk: int = 16384) -> np.ndarray:
    """The MinHash estimate of the similarity of each pair of sketches (row ``left_rows[p]`` of ``left`` and row
    ``right_rows[p]`` of ``right``): the share of positions where they agree (the low 16 bits of two different
    values agree by chance once in 65,536). Computed ``chunk`` pairs at a time."""
    out = np.zeros(len(left_rows), dtype=np.float64)
    for start in range(0, len(left_rows), chunk):
        stop = start + chunk
        out[start:stop] = (left[left_rows[start:stop]] == right[right_rows[start:stop]]).mean(axis=1)
    return out


def confirm(pairs: np.ndarray, offsets: np.ndarray, hashes: np.ndarray, params: Parameters,
            estimated: np.ndarray | None = None,
            right: tuple[np.ndarray, np.ndarray] | None = None) -> tuple[np.ndarray, np.ndarray]:
    """The candidate pairs whose exact Jaccard similarity reaches the threshold and that share at least
    ``min_common`` shingles, and their similarities (float32). The right texts are in ``right`` (offsets,
    hashes) when given, else in the same arrays.

    ``estimated``, each pair's MinHash estimate (:func:`estimates`): a pair estimated :data:`MARGIN` below the
    threshold is not checked exactly. Over 256 permutations the estimate of a pair at the threshold has a standard
    deviation of 0.031: a margin of 0.15 is 4.9 of them (a pair at 0.4 estimated under 0.25 once in two million),
    and most candidates of a large corpus (unrelated texts that share one band, at 0.05 to 0.15) are set aside
    without reading their shingles."""
    if estimated is not None:
        pairs = pairs[estimated >= params.threshold - MARGIN]
    if not len(pairs):
        return pairs.reshape(0, 2), np.zeros(0, dtype=np.float32)
    right_offsets, right_hashes = right if right is not None else (offsets, hashes)
    common, union = overlaps(offsets, hashes, pairs[:, 0], pairs[:, 1], right_offsets, right_hashes)
    similarity = np.divide(common, union, out=np.zeros(len(common)), where=union > 0)
    kept = (similarity >= params.threshold) & (common >= params.min_common)
    return pairs[kept], similarity[kept].astype(np.float32)
