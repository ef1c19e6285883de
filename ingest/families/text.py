"""A question or answer text as the template detector compares it: folded, masked, cut at its formulas, and
turned into a set of word shingles.

The steps, in order (each is a function of its own, for the tests):

1. :func:`mask_people`: a civility followed by a capitalised name (``M. Guillaume Gouffier Valente``, ``Mme
   Le Nabour``) becomes :data:`PERSON`: whoever signs a copy, the copies read the same (in a text written in
   capitals, names cannot be told from words: only the author's, step 3, are masked);
2. :func:`fold`: lower case, accents and ligatures off, every digit a ``0``; every run of letters and digits is
   a word, anything else (apostrophes of any kind, quotes, dashes, non-breaking spaces…) one space: one
   bytes translation of the Latin-1 text, in C;
3. :func:`mask_names`: the author's own names and the places of his or her constituency (given with the record,
   folded the same way) become :data:`PERSON` and :data:`PLACE`; every number becomes :data:`NUMBER` (a copy
   that puts its own department's figures in stays a copy);
4. :func:`~.boilerplate.cut_formulas`: the formulas every question shares ("… attire l'attention de M. le
   ministre de … sur", "Il lui demande quelles mesures le Gouvernement entend prendre…", "La parole est à…") are
   cut out, and the text is split where they were: no shingle spans a formula, so texts that share only
   formulas share no shingle;
5. :func:`shingles`: every run of ``k`` consecutive words of a piece is a shingle, hashed to 32 bits (stable
   from one run and one machine to the next: the index keeps them).

>>> canonical("M. Jean Dupont attire l’attention de Mme la ministre de la santé sur la pénurie d’infirmiers "
...           "dans le Finistère (1 200 postes). Il lui demande quelles mesures le Gouvernement entend prendre.",
...           places=("Finistère",))
'la penurie d infirmiers dans le qqpart 0 postes'
>>> canonical("Mme Sophie Martin interroge M. le ministre de l'intérieur sur la pénurie D'INFIRMIERS dans "
...           "le Morbihan (850 postes).", places=("Morbihan",))
'la penurie d infirmiers dans le qqpart 0 postes'
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import numpy as np

from hemicycle.ingest.families.boilerplate import BOILERPLATE_VERSION, CUT, cut_formulas

#: what a masked person, place and number become (words no French text uses)
PERSON, PLACE, NUMBER = "qqn", "qqpart", "0"
#: names everything this module decides about a text: an index built under another one is rebuilt
TEXT_VERSION = f"text 1; {BOILERPLATE_VERSION}; unicode {unicodedata.unidata_version}"

_NAME_WORD = r"[A-ZÀ-ÖØ-Þ][\w’'\-]*"
_PARTICLE = r"(?:de|du|des|d[’']|von|van|der|den|di|da|del|della|dos|ben|el|al)"
_BLANK = "[ \u00a0\u202f]"
#: a civility and the capitalised name after it, up to four words with their particles ("M. Jean de La
#: Fontaine"); every civility starts with "M", which the search looks for first
_CIVIL_NAME = re.compile(
    rf"M(?:\.|M\.|me|mes|lle|onsieur|adame|ademoiselle){_BLANK}+"
    rf"{_NAME_WORD}(?:{_BLANK}+(?:{_PARTICLE}{_BLANK}*)?{_NAME_WORD}){{0,3}}")

#: characters folded before the rest: apostrophes (to a space, as any other punctuation), ligatures
_TYPOGRAPHY = (("\u2019", "'"), ("œ", "oe"), ("Œ", "OE"), ("æ", "ae"), ("Æ", "AE"), ("ß", "ss"))


def _folded_byte(code: int) -> int:
    """What a Latin-1 character becomes: its unaccented lower-case letter, ``0`` for a digit, else a space."""
    plain = unicodedata.normalize("NFKD", chr(code)).encode("ascii", "ignore").decode().lower()
    if len(plain) == 1 and (plain.isalpha() or plain.isdigit()):
        return ord("0") if plain.isdigit() else ord(plain)
    return 32


#: Latin-1 bytes to words: letters unaccented and lower-cased, digits as 0, anything else a space (a character
#: beyond Latin-1, once encoded, is "?": a space too)
_WORDS = bytes(_folded_byte(code) for code in range(256))
_SPACES = re.compile(rb"  +")
_NUMBERS = re.compile(r"0(?:[0 ]*0)?")


def mask_people(text: str) -> str:
    """A civility and the capitalised name after it as :data:`PERSON` (``M. le ministre`` is no name).

    >>> mask_people("Mme Christine Le Nabour. Ma question s'adresse à M. le ministre ; M. DUPONT répond.")
    "qqn. Ma question s'adresse à M. le ministre ; qqn répond."
    """
    if "M" not in text or text.isupper():  # in a text in capitals, a name is not told from the words after it
        return text
    return _CIVIL_NAME.sub(_person, text)


def _person(match: re.Match) -> str:
    start = match.start()
    if start and match.string[start - 1].isalnum():  # "EMmanuel", "HM. Jean": not a civility
        return match.group()
    return PERSON


def fold(text: str) -> str:
    """Lower case without accents, every digit a ``0``, words (runs of letters and digits) separated by one space.

    >>> fold("L’Œuvre  d'ÉTAT — « été »\u00a0: 1\u202f200 € (nº 6)")
    'l oeuvre d etat ete 0 000 no 0'
    """
    for char, plain in _TYPOGRAPHY:
        if char in text:
            text = text.replace(char, plain)
    data = text.encode("latin-1", "replace").translate(_WORDS)
    return _SPACES.sub(b" ", data).strip().decode("ascii")


@lru_cache(maxsize=4096)
def _names(people: tuple[str, ...], places: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """The folded names, longest first, each with what it becomes."""
    masks: dict[str, str] = {}
    for kind, names in ((PLACE, places), (PERSON, people)):
        for name in names:
            folded = fold(name) if name else ""
            if len(folded) >= 3 and folded not in masks:
                masks[folded] = kind
    return tuple(sorted(masks.items(), key=lambda item: -len(item[0])))


def mask_names(folded: str, people: tuple[str, ...] = (), places: tuple[str, ...] = ()) -> str:
    """The folded text with the given people's and places' names (folded the same way, whole words only) as
    :data:`PERSON` and :data:`PLACE`, and each number (its digits, and the groups of a large one: ``0 000`` once
    folded) as :data:`NUMBER`.

    >>> mask_names(fold("Gouffier Valente, élu du Val-de-Marne, 6e circonscription : 1 250 emplois"),
    ...            people=("Gouffier Valente",), places=("Val-de-Marne",))
    'qqn elu du qqpart 0e circonscription 0 emplois'
    """
    names = _names(tuple(people), tuple(places))
    if names:
        text = f" {folded} "
        for name, mask in names:
            needle = f" {name} "
            while needle in text:  # twice: "x name name y" has one space between the two
                text = text.replace(needle, f" {mask} ")
        folded = text[1:-1]
    return _NUMBERS.sub(NUMBER, folded)


def canonical(text: str, people: tuple[str, ...] = (), places: tuple[str, ...] = ()) -> str:
    """The text as it is shingled: people masked, folded, names and numbers masked, formulas cut (a cut is
    ``|`` between spaces). See the module's docstring."""
    return cut_formulas(mask_names(fold(mask_people(text)), people, places))


# --- shingles ---------------------------------------------------------------------------------------------------

_RANDOM = np.random.default_rng(0x5EED).integers(1, 2**63, size=(2, 64), dtype=np.uint64) | np.uint64(1)
#: one odd 64-bit multiplier per character position in a word (a longer word's last ones share the last), and
#: one per word position in a shingle: drawn once from a fixed seed, as the index keeps the hashes they make
_CHARACTER, _POSITION = _RANDOM[0], _RANDOM[1, :16]
MAX_SHINGLE_WORDS = len(_POSITION)
_CUT = ord(CUT)


def _fmix64(h: np.ndarray) -> np.ndarray:
    """MurmurHash3's 64-bit finaliser (wrapping arithmetic), in place."""
    h ^= h >> np.uint64(33)
    h *= np.uint64(0xFF51AFD7ED558CCD)
    h ^= h >> np.uint64(33)
    h *= np.uint64(0xC4CEB9FE1A85EC53)
    h ^= h >> np.uint64(33)
    return h


def word_hashes(data: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The words of ASCII text (bytes as uint8, words separated by spaces): their 64-bit hashes, where each
    starts, and whether it is a cut. A word's hash is a sum of its characters, each times its position's
    multiplier, mixed: computed for all the words at once."""
    letter = data != 32
    edges = np.diff(np.concatenate(([False], letter, [False])).astype(np.int8))
    starts, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
    lengths = ends - starts
    within = np.arange(int(lengths.sum())) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    characters = data[letter].astype(np.uint64) * _CHARACTER[np.minimum(within, len(_CHARACTER) - 1)]
    hashes = np.add.reduceat(characters, np.cumsum(lengths) - lengths) if len(starts) else characters[:0]
    hashes = _fmix64(hashes + lengths.astype(np.uint64))
    return hashes, starts, (data[starts] == _CUT) & (lengths == 1)


def shingles(texts: list[str], k: int) -> tuple[np.ndarray, np.ndarray]:
    """The shingles of canonical texts, each text's set sorted and without repeats, all in one array:
    ``(offsets, hashes)``, text ``i``'s set being ``hashes[offsets[i]:offsets[i + 1]]`` (uint32). A shingle is
    ``k`` consecutive words of one piece (a cut ``|`` ends a piece, and so does a text); a piece shorter than
    ``k`` gives none. The hashes are the same on every machine and in every run.

    >>> offsets, hashes = shingles(["a b c d | e f", "x a b c d y", "a b"], 3)
    >>> offsets.tolist(), len(set(hashes[:2]) & set(hashes[2:6]))
    ([0, 2, 6, 6], 2)
    """
    if not 1 <= k <= MAX_SHINGLE_WORDS:
        raise ValueError(f"a shingle has 1 to {MAX_SHINGLE_WORDS} words, not {k}")
    offsets = np.zeros(len(texts) + 1, dtype=np.int64)
    joined = " | ".join(texts).encode("ascii") + b" |"  # each text ends with a cut
    words, starts, cut = word_hashes(np.frombuffer(joined, dtype=np.uint8))
    n = len(words) - k + 1
    if n <= 0:
        return offsets, np.zeros(0, dtype=np.uint32)
    # which text each word is of: the texts' first bytes, in the joined bytes
    text_starts = np.cumsum([0] + [len(text) + 3 for text in texts[:-1]])
    owner = (np.searchsorted(text_starts, starts, side="right") - 1).astype(np.uint64)
    # a window is kept when none of its k words is a cut (so it lies in one piece of one text)
    cuts = np.concatenate(([0], np.cumsum(cut)))
    valid = cuts[k:k + n] == cuts[:n]
    h = words[:n] * _POSITION[0]
    for position in range(1, k):
        h += words[position:position + n] * _POSITION[position]
    h = _fmix64(h[valid]) >> np.uint64(32)
    keyed = (owner[:n][valid] << np.uint64(32)) | h
    keyed.sort()  # by text, then hash (numpy's np.unique hashes first, and is slower here)
    if len(keyed) > 1:
        keyed = keyed[np.concatenate(([True], keyed[1:] != keyed[:-1]))]
    counts = np.bincount((keyed >> np.uint64(32)).astype(np.int64), minlength=len(texts))
    offsets[1:] = np.cumsum(counts)
    return offsets, (keyed & np.uint64(0xFFFFFFFF)).astype(np.uint32)
