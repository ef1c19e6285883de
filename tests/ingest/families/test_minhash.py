"""The vectorised MinHash and banding give what datasketch's own MinHash and MinHashLSH give; the similarities are
exact."""
from __future__ import annotations

import numpy as np
import pytest
from datasketch import LeanMinHash, MinHash, MinHashLSH

from hemicycle.ingest.families.minhash import (band_keys, candidate_pairs, candidate_probability, candidates_against,
                                               jaccard, lsh_bands, overlaps, permutations, signatures, sort_bands)


def random_sets(count: int, seed: int = 3) -> tuple[np.ndarray, np.ndarray, list[set[int]]]:
    """Sets of 0 to 300 values, a third of them near copies of another, as (offsets, hashes) and Python sets."""
    rng = np.random.default_rng(seed)
    sets: list[set[int]] = []
    for i in range(count):
        if i and rng.random() < 0.35:
            base = sorted(sets[int(rng.integers(0, i))])
            kept = [v for v in base if rng.random() < 0.85]
            sets.append(set(kept) | set(rng.integers(0, 2**32, size=int(rng.integers(0, 30)), dtype=np.uint64).tolist()))
        else:
            sets.append(set(rng.integers(0, 2**32, size=int(rng.integers(0, 300)), dtype=np.uint64).tolist()))
    offsets = np.concatenate([[0], np.cumsum([len(s) for s in sets])]).astype(np.int64)
    hashes = np.concatenate([np.array(sorted(s), dtype=np.uint32) for s in sets]) if sets else np.zeros(0, np.uint32)
    return offsets, hashes, sets


def test_the_permutations_are_datasketch_s():
    a, b = permutations(64, 7)
    reference = MinHash(num_perm=64, seed=7, scheme="affine32").permutations
    assert a.tolist() == reference[0].tolist() and b.tolist() == reference[1].tolist()


def test_signatures_are_datasketch_s_value_for_value():
    offsets, hashes, sets = random_sets(60)
    a, b = permutations(128, 1)
    ours = signatures(offsets, hashes, a, b, chunk=500)  # several chunks, and sets larger than a chunk
    for i, members in enumerate(sets):
        theirs = MinHash(num_perm=128, seed=1, hashfunc=int, scheme="affine32")
        theirs.update_batch(sorted(members))
        assert ours[i].tolist() == theirs.hashvalues.tolist(), i


def test_the_candidates_are_those_minhashlsh_finds():
    offsets, hashes, _ = random_sets(300)
    sizes = np.diff(offsets)
    a, b = permutations(64, 1)
    sigs = signatures(offsets, hashes, a, b)
    bands, rows = 16, 4
    lsh = MinHashLSH(num_perm=64, params=(bands, rows))
    kept = np.flatnonzero(sizes > 0)
    for i in kept:
        lsh.insert(int(i), LeanMinHash(seed=1, hashvalues=sigs[i], scheme="affine32"))
    theirs = {(min(i, j), max(i, j)) for i in kept
              for j in lsh.query(LeanMinHash(seed=1, hashvalues=sigs[i], scheme="affine32")) if j != i}
    keys = band_keys(sigs[kept], bands, rows)
    ours = {(int(kept[i]), int(kept[j])) for i, j in candidate_pairs(*sort_bands(keys)).tolist()}
    assert ours == theirs and len(ours) > 50


def test_the_candidates_of_new_texts_against_indexed_ones():
    offsets, hashes, _ = random_sets(200)
    a, b = permutations(64, 1)
    keys = band_keys(signatures(offsets, hashes, a, b), 16, 4)
    everything = {tuple(p) for p in candidate_pairs(*sort_bands(keys)).tolist()}
    old, new = keys[:150], keys[150:]
    across = {(int(j), int(i) + 150) for i, j in candidates_against(new, *sort_bands(old)).tolist()}
    within_new = {(i + 150, j + 150) for i, j in candidate_pairs(*sort_bands(new)).tolist()}
    within_old = {tuple(p) for p in candidate_pairs(*sort_bands(old)).tolist()}
    assert within_old | across | within_new == everything


def test_similarities_are_exact():
    offsets, hashes, sets = random_sets(120)
    rng = np.random.default_rng(5)
    left, right = rng.integers(0, 120, 2000), rng.integers(0, 120, 2000)
    for chunk in (64, 1 << 20):
        common, union = overlaps(offsets, hashes, left, right, chunk=chunk)
        assert common.tolist() == [len(sets[i] & sets[j]) for i, j in zip(left, right)]
        assert union.tolist() == [len(sets[i] | sets[j]) for i, j in zip(left, right)]
    similarity = jaccard(offsets, hashes, left, right)
    expected = [len(sets[i] & sets[j]) / len(sets[i] | sets[j]) if sets[i] | sets[j] else 0.0
                for i, j in zip(left, right)]
    assert similarity.tolist() == pytest.approx(expected)


def test_the_band_parameters_are_minhashlsh_s():
    assert lsh_bands(0.5, 128) == (MinHashLSH(threshold=0.5, num_perm=128).b, MinHashLSH(threshold=0.5, num_perm=128).r)
    assert candidate_probability(0.6, 64, 4) > 0.999 and candidate_probability(0.15, 64, 4) < 0.04
