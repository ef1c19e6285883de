"""MinHash signatures, LSH bands and exact Jaccard similarity, vectorised over many texts at once.

**Signatures.** datasketch's own MinHash, scheme ``affine32`` (datasketch 2.0): each 32-bit shingle hash is
mixed by MurmurHash3's finaliser, then permuted by ``a * h + b mod 2**32`` for each of ``num_perm`` pairs
``(a, b)`` that datasketch draws from its seed; a signature is the minimum of each permutation over the set.
:func:`signatures` computes exactly what ``datasketch.MinHash(num_perm, seed, hashfunc=int,
scheme="affine32").update_batch(hashes)`` gives (a test checks it, value for value), but for thousands of texts
in a few numpy operations: datasketch's ``update_batch`` costs one Python call per text, and its ``MinHashLSH``
some 10 µs per text and band to insert (measured in ``benchmarks/bench_templates.py``).

**Candidates.** The banding of datasketch's ``MinHashLSH``: a signature is cut into ``bands`` bands of ``rows``
values, and two texts are candidates when they have one band identical. Each band is hashed to 64 bits
(:func:`band_keys`); the texts that share a band key are found by sorting each band's keys (:func:`sort_bands`,
:func:`candidate_pairs`) and by binary search in them (:func:`candidates_against`): what ``MinHashLSH.query``
answers, without a Python dictionary of millions of buckets to build, or to load before each addition. The band parameters are ``MinHashLSH``'s, chosen by its optimiser
(:func:`lsh_bands`).

**Verification.** Every candidate is confirmed by the exact Jaccard similarity of the two shingle sets
(:func:`jaccard`, :func:`overlaps`), computed for many pairs at once by binary searches in sorted arrays.
"""
from __future__ import annotations

import numpy as np

_U32 = np.uint32
_M32 = 0xFFFFFFFF


def permutations(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """The ``(a, b)`` of datasketch's affine32 MinHash with this seed (uint32 arrays of ``num_perm``)."""
    from datasketch import MinHash

    a, b = MinHash(num_perm=num_perm, seed=seed, scheme="affine32").permutations
    return a.astype(_U32), b.astype(_U32)


def lsh_bands(threshold: float, num_perm: int, weights: tuple[float, float] = (0.5, 0.5)) -> tuple[int, int]:
    """``(bands, rows)`` as datasketch's ``MinHashLSH`` chooses them for a threshold (its optimiser minimises the
    weighted areas of false positives below the threshold and false negatives above it)."""
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm, weights=weights)
    return lsh.b, lsh.r


def candidate_probability(similarity: float, bands: int, rows: int) -> float:
    """The chance that two texts of this Jaccard similarity share a band: ``1 - (1 - s**rows)**bands``.

    >>> round(candidate_probability(0.5, 32, 4), 3), round(candidate_probability(0.1, 32, 4), 4)
    (0.873, 0.0032)
    """
    return 1.0 - (1.0 - similarity ** rows) ** bands


def _fmix32(h: np.ndarray) -> np.ndarray:
    h = h ^ (h >> _U32(16))
    h *= _U32(0x85EBCA6B)
    h ^= h >> _U32(13)
    h *= _U32(0xC2B2AE35)
    h ^= h >> _U32(16)
    return h


def signatures(offsets: np.ndarray, hashes: np.ndarray, a: np.ndarray, b: np.ndarray,
               chunk: int = 8192) -> np.ndarray:
    """The MinHash signature of each set (``hashes[offsets[i]:offsets[i + 1]]``): ``(n, num_perm)`` uint32. An
    empty set's signature is all ``2**32 - 1`` (datasketch's empty MinHash).

    The permutations are applied to ``chunk`` shingles at a time, ``num_perm`` rows by ``chunk`` columns, and
    reduced along the rows: a layout numpy vectorises (3 to 10 times faster than shingles along the rows).
    """
    n, perms = len(offsets) - 1, len(a)
    out = np.full((perms, n), _M32, dtype=_U32)
    sizes = np.diff(offsets)
    mixed = _fmix32(hashes.astype(_U32, copy=False))
    a, b = a[:, None], b[:, None]
    buffer = np.empty((perms, chunk), dtype=_U32)
    nonempty = np.flatnonzero(sizes)
    i = 0
    while i < len(nonempty):
        first = nonempty[i]
        # as many whole sets as fit in the chunk (at least one)
        j = max(i + 1, int(np.searchsorted(offsets[nonempty + 1], offsets[first] + chunk, side="right")))
        texts = nonempty[i:j]
        low, high = offsets[first], offsets[texts[-1] + 1]
        if high - low > buffer.shape[1]:
            buffer = np.empty((perms, high - low), dtype=_U32)
        values = buffer[:, :high - low]
        np.multiply(a, mixed[None, low:high], out=values)
        values += b
        out[:, texts] = np.minimum.reduceat(values, offsets[texts] - low, axis=1)
        i = j
    return np.ascontiguousarray(out.T)


def band_keys(sigs: np.ndarray, bands: int, rows: int) -> np.ndarray:
    """A 64-bit key for each band of each signature: ``(n, bands)`` uint64 (two texts share a key where their
    signatures agree on the whole band, but for a chance of 2**-64)."""
    n = len(sigs)
    keys = np.zeros((n, bands), dtype=np.uint64)
    for r in range(rows):
        column = sigs[:, r:bands * rows:rows].astype(np.uint64)
        keys = keys * np.uint64(0x100000001B3) + column + np.uint64(r + 1)
        keys ^= keys >> np.uint64(29)
    keys *= np.uint64(0xBF58476D1CE4E5B9)
    keys ^= keys >> np.uint64(32)
    return keys


def sort_bands(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each band's keys sorted, and which text each is: ``(sorted_keys, order)``, both ``(bands, n)`` (uint64 and
    int32). An index keeps them so: a new text's candidates are found by a binary search in each band."""
    order = np.argsort(keys, axis=0, kind="stable").T.astype(np.int32)
    return np.take_along_axis(keys.T, order.astype(np.int64), axis=1), np.ascontiguousarray(order)


def candidate_pairs(sorted_keys: np.ndarray, order: np.ndarray) -> np.ndarray:
    """The pairs ``(i, j)``, ``i < j``, of texts that share a band key (:func:`sort_bands`), each once: ``(k, 2)``
    int64, sorted. What ``MinHashLSH.query`` of every text would give.

    >>> keys = np.array([[1, 5], [2, 5], [1, 6], [3, 7]], dtype=np.uint64)
    >>> candidate_pairs(*sort_bands(keys)).tolist()
    [[0, 1], [0, 2]]
    """
    found = []
    for column, who in zip(sorted_keys, order):
        same = np.flatnonzero(column[1:] == column[:-1])
        if not len(same):
            continue
        # runs of equal keys: where each starts and how long it is
        breaks = np.flatnonzero(np.diff(same) != 1)
        starts = np.concatenate(([same[0]], same[breaks + 1]))
        lengths = np.concatenate((same[breaks], [same[-1]])) + 2 - starts
        for length in np.unique(lengths):
            at = starts[lengths == length][:, None]
            i, j = np.triu_indices(int(length), 1)
            found.append(np.stack([who[at + i], who[at + j]], axis=-1).reshape(-1, 2))
    return _unique_pairs(np.concatenate(found) if found else np.zeros((0, 2), dtype=np.int64))


def candidates_against(new: np.ndarray, sorted_keys: np.ndarray, order: np.ndarray) -> np.ndarray:
    """The pairs ``(i, j)`` of a new text ``i`` (a row of the band keys ``new``) and an indexed text ``j`` (of
    :func:`sort_bands`) that share a band key: ``(k, 2)`` int64, each pair once.

    >>> indexed = sort_bands(np.array([[1, 5], [2, 6]], dtype=np.uint64))
    >>> candidates_against(np.array([[2, 5], [9, 9]], dtype=np.uint64), *indexed).tolist()
    [[0, 0], [0, 1]]
    """
    found = []
    for band, (column, who) in enumerate(zip(sorted_keys, order)):
        left = np.searchsorted(column, new[:, band], side="left")
        counts = np.searchsorted(column, new[:, band], side="right") - left
        if counts.any():
            which = np.repeat(np.arange(len(new)), counts)
            within = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
            found.append(np.stack([which, who[np.repeat(left, counts) + within]], axis=1))
    return _unique_pairs(np.concatenate(found) if found else np.zeros((0, 2), dtype=np.int64), ordered=False)


def _unique_pairs(pairs: np.ndarray, ordered: bool = True) -> np.ndarray:
    pairs = pairs.astype(np.int64, copy=False)
    if ordered and len(pairs):
        pairs = np.sort(pairs, axis=1)
    if not len(pairs):
        return pairs.reshape(0, 2)
    codes = np.unique((pairs[:, 0] << 32) | pairs[:, 1])
    return np.stack([codes >> 32, codes & _M32], axis=1)


def jaccard(offsets: np.ndarray, hashes: np.ndarray, left: np.ndarray, right: np.ndarray,
            right_offsets: np.ndarray | None = None, right_hashes: np.ndarray | None = None) -> np.ndarray:
    """The exact Jaccard similarity of set ``left[p]`` and set ``right[p]`` for each pair ``p`` (float64; 0 when
    both sets are empty). The right sets may come from other arrays (an index's old texts).

    >>> offsets, hashes = np.array([0, 3, 5, 5]), np.array([1, 2, 3, 2, 3], dtype=np.uint32)
    >>> jaccard(offsets, hashes, np.array([0, 0, 2]), np.array([1, 0, 2])).tolist()
    [0.6666666666666666, 1.0, 0.0]
    """
    common, union = overlaps(offsets, hashes, left, right, right_offsets, right_hashes)
    return np.divide(common, union, out=np.zeros(len(common)), where=union > 0)


def overlaps(offsets: np.ndarray, hashes: np.ndarray, left: np.ndarray, right: np.ndarray,
             right_offsets: np.ndarray | None = None, right_hashes: np.ndarray | None = None,
             chunk: int = 1 << 20) -> tuple[np.ndarray, np.ndarray]:
    """The size of the intersection and of the union of set ``left[p]`` and set ``right[p]`` for each pair ``p``.

    Each set is sorted, so the sets of ``chunk`` values' worth of pairs, each member keyed by its pair's number,
    make two sorted arrays; a binary search of one in the other counts the common members of every pair at once.
    """
    if right_offsets is None:
        right_offsets, right_hashes = offsets, hashes
    left, right = np.asarray(left, dtype=np.int64), np.asarray(right, dtype=np.int64)
    left_sizes = offsets[left + 1] - offsets[left]
    right_sizes = right_offsets[right + 1] - right_offsets[right]
    sizes = left_sizes + right_sizes
    common = np.zeros(len(left), dtype=np.int64)
    ends = np.cumsum(sizes)
    start = 0
    while start < len(left):  # as many pairs as make about ``chunk`` values (at least one)
        base = ends[start - 1] if start else 0
        stop = max(start + 1, int(np.searchsorted(ends, base + chunk, side="right")))
        p = np.arange(start, stop)
        keyed_left = _keyed(offsets, hashes, left[p], left_sizes[p])
        keyed_right = _keyed(right_offsets, right_hashes, right[p], right_sizes[p])
        if len(keyed_left) and len(keyed_right):
            at = np.minimum(np.searchsorted(keyed_right, keyed_left), len(keyed_right) - 1)
            found = keyed_right[at] == keyed_left
            common[p] = np.bincount((keyed_left[found] >> np.uint64(32)).astype(np.int64), minlength=len(p))
        start = stop
    return common, sizes - common


def _keyed(offsets: np.ndarray, hashes: np.ndarray, sets: np.ndarray, sizes: np.ndarray) -> np.ndarray:
    """The members of the given sets, each as its set's position in ``sets`` (high 32 bits) and itself: sorted,
    as each set is."""
    total = int(sizes.sum())
    if not total:
        return np.zeros(0, dtype=np.uint64)
    starts = np.cumsum(sizes) - sizes
    members = hashes[np.repeat(offsets[sets] - starts, sizes) + np.arange(total)].astype(np.uint64)
    members |= np.repeat(np.arange(len(sets), dtype=np.uint64) << np.uint64(32), sizes)
    return members
