"""The detector's parameters: what makes two texts copies of one template, and how hard it looks for them.

The defaults come from measurements (``benchmarks/eval_templates.py --sweep`` on 50,000 synthetic questions, 5 %
of them planted copies; figures and commands in ``benchmarks/RESULTS.md``, section "Template questions"):

- **shingles of 5 words** of the folded, masked text with its formulas cut out. The synthetic prose, drawn from
  short word lists, is more alike than real prose: the highest similarity of a text with any unrelated one (every
  pair of a 5,000-text sample) is at most 0.177 with 4 words, 0.156 with 5, 0.142 with 6, while the planted
  pairs that fall below 0.4 are 2.3 %, 3.5 % and 4.8 % of them: 5 words is the middle, with pair recall 0.995;
- **256 permutations in 64 bands of 4 rows** (datasketch's affine32 MinHash; :mod:`.minhash`): a pair of
  similarity 0.4 becomes a candidate with probability 0.81, 0.5 with 0.984, 0.6 with 0.9995, while one at 0.15
  (about the most similar unrelated texts) does with 0.032 and one at 0.05 with 0.0004. 128 permutations in 32
  bands of 4 find a pair at 0.5 with probability 0.87 only: on the synthetic corpus they give the same pair recall
  (0.9947 against 0.9948) with half the candidates (33,647 against 72,801 for 50,000 texts), because its families
  are joined through their other members; a family of two at 0.4 to 0.6 has no other member to be joined by;
- **a confirmed pair has an exact Jaccard similarity of at least 0.4**, more than twice the highest unrelated
  pair (0.156 over every pair of the sample, 0.175 over the 62,100 unrelated candidates of the 50,000 texts).
  The planted pairs below it (3.5 %) are mostly in the largest families (nine in ten in families of 27 copies or
  more, each edited its own way), which join them through their other members; 7 families of two in 258 are lost.
  Pair recall 0.995 (0.999 at 0.3, 0.991 at 0.5), precision 1.0 at all three;
- **and at least 20 shingles in common**: short texts (a subject and a sentence between the formulas) that share
  one stock phrase ("en particulier dans les quartiers prioritaires de la politique de la ville") reach 0.42 with
  13 to 15 shingles in common, while every planted pair above 0.4 shares at least 30. A text of fewer than 20
  shingles (about 24 words outside its formulas) is kept in the index but never grouped, not even with its exact
  copies.

Everything here, with :data:`~.text.TEXT_VERSION` (the folding, masking and formulas), is the index's
:meth:`Parameters.identity`: an index built under another identity is rebuilt whole, never updated in part.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass

from hemicycle.ingest.families.text import MAX_SHINGLE_WORDS, TEXT_VERSION

#: the index's own layout; a change of it rebuilds the index like a change of the parameters
INDEX_FORMAT = 1


@dataclass(frozen=True)
class Parameters:
    """How texts are compared. ``bands * rows`` may be less than ``num_perm`` (the rest of each signature is
    unused, as in datasketch's ``MinHashLSH``).

    >>> Parameters().identity()["num_perm"], Parameters(threshold=0.5).digest() != Parameters().digest()
    (256, True)
    """

    shingle_words: int = 5
    num_perm: int = 256
    bands: int = 64
    rows: int = 4
    threshold: float = 0.4
    min_common: int = 20
    seed: int = 1

    def __post_init__(self):
        if not 1 <= self.shingle_words <= MAX_SHINGLE_WORDS:
            raise ValueError(f"shingle_words must be 1 to {MAX_SHINGLE_WORDS}, not {self.shingle_words}")
        if self.bands < 1 or self.rows < 1 or self.bands * self.rows > self.num_perm:
            raise ValueError(f"bands × rows ({self.bands} × {self.rows}) must be at most num_perm ({self.num_perm})")
        if not 0.0 < self.threshold <= 1.0:
            raise ValueError(f"threshold must be in (0, 1], not {self.threshold}")
        if self.min_common < 1:
            raise ValueError(f"min_common must be at least 1, not {self.min_common}")

    def identity(self) -> dict:
        """The parameters, the text version and the index format: what an index is built under."""
        return {**asdict(self), "minhash": "datasketch affine32", "text": TEXT_VERSION, "format": INDEX_FORMAT}

    def digest(self) -> str:
        """A short digest of :meth:`identity`."""
        return hashlib.sha256(json.dumps(self.identity(), sort_keys=True).encode()).hexdigest()[:16]


#: the two corpora a legislature gives: its question texts and its answer texts, compared apart
CORPORA = ("question", "answer")
#: what a family's id starts with, per corpus (then the uid of its earliest member)
ID_PREFIX = {"question": "TQ", "answer": "TA"}
