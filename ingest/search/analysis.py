"""French text as the search index holds it: each word lower-cased, stripped of its accents, dropped when it is a
stop word, and reduced to its Snowball stem (PyStemmer's French stemmer).

The same function analyses the documents when the index is built and the words of a query when it is searched,
so that "l'Écologie", "écologique" and "ECOLOGIQUES" meet on one key. Elisions need no rule of their own: a word
is a run of letters and digits, so "l'écologie" is "l" and "écologie", and the elided articles and pronouns
(l', d', qu', j', n', s', c', m', t', jusqu', lorsqu', puisqu', with ' or ’) are stop words.

Accents are stripped before the stemmer sees the word, so that a query typed without them ("securite") finds
the text written with them ("sécurité"): the stemmer then works on unaccented French, which it stems a little
less well (it knows "é" is a vowel), but the same way for both sides.

>>> analyse("L’écologie et les écologiques AGRICULTEURS d'Île-de-France")
['ecolog', 'ecolog', 'agriculteur', 'ile', 'franc']
>>> key("Sécurité") == key("securite")
True

The keys of a text are joined by spaces into the text FTS5 indexes (its ``unicode61`` tokenizer then splits them
back). :data:`ANALYZER_VERSION` names everything that decides the keys: an index built under another one is
rebuilt whole, never updated in part (removing a document from the index takes the very keys it was added with).
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from importlib.metadata import version

import Stemmer

#: a word: a run of letters and digits (an apostrophe, a hyphen, a space or a dot ends it)
WORD = re.compile(r"[^\W_]+")
#: the longest key kept (longer runs, such as a pasted hash, are cut there)
MAX_KEY = 40

# Unaccented, as they are compared after the accents are stripped. Articles, prepositions, pronouns, the forms of
# être and avoir, conjunctions, and the elided forms (l', qu', jusqu'…).
STOP_WORDS = frozenset("""
a ai aie aient aies ait as au aucun aucune aupres aura aurai auraient aurais aurait auras aurez auriez aurions
aurons auront aussi autre autres aux avaient avais avait avec avez aviez avions avoir avons ayant ayez ayons
c ca car ce ceci cela celle celles celui cependant certain certaine certaines certains ces cet cette ceux chaque
chez ci comme comment d dans de des deja depuis donc dont du elle elles en encore entre es est et etaient etais
etait etant ete etes etiez etions etre eu eue eues eurent eus eusse eut eux fait faites fut furent ici il ils j
je jusqu l la laquelle le lequel les lesquelles lesquels leur leurs lorsqu lors lui m ma mais me meme memes mes
moi mon n ne ni nos notre nous on ont or ou par parce pas peu plus pour pourquoi puis puisqu qu quand que quel
quelle quelles quels qui quoi s sa sans se sera serai seraient serais serait seras serez seriez serions serons
seront ses si soi soient sois soit sommes son sont sous soyez soyons suis sur t ta te tes toi ton tous tout
toute toutes tres tu un une unes uns vers voici voila vos votre vous y
""".split())

_STEMMER = Stemmer.Stemmer("french")
# letters NFKD does not take apart
_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ø": "o", "đ": "d", "ł": "l", "ı": "i"})

ANALYZER_VERSION = ";".join([
    "1",
    "snowball-french PyStemmer " + version("PyStemmer"),
    "unicode " + unicodedata.unidata_version,
    "stop " + hashlib.sha256(" ".join(sorted(STOP_WORDS)).encode()).hexdigest()[:12],
    f"max {MAX_KEY}",
])


def fold(word: str) -> str:
    """A word lower-cased and without its accents (``"Œuvre"`` → ``"oeuvre"``, ``"Île"`` → ``"ile"``)."""
    word = word.casefold().translate(_LIGATURES)
    if word.isascii():
        return word
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


class _Folded(dict):
    """Each word met and its folded form (the prefixes of a search are compared with it)."""

    def __missing__(self, word: str) -> str:
        if len(self) > 500_000:
            self.clear()
        found = self[word] = fold(word)
        return found


folded = _Folded().__getitem__


class _Keys(dict):
    """Each token met, as written, and its keys (``""`` for a stop word): a French text uses some tens of
    thousands of words, each stemmed once. A token of :func:`indexed`'s fast split may still hold several words
    ("l’école", "«bonjour"): its keys are those of its words, joined by a space."""

    def __missing__(self, token: str) -> str:
        if token.isalnum():
            folded = fold(token)
            found = "" if folded in STOP_WORDS else _STEMMER.stemWord(folded[:MAX_KEY])
        else:
            found = " ".join(k for k in map(self.__getitem__, WORD.findall(token)) if k)
        if len(self) > 2_000_000:  # a hostile text of distinct words does not grow it for ever
            self.clear()
        self[token] = found
        return found


_KEYS = _Keys()
# ASCII bytes that are not letters or digits become spaces (the others, and every byte of a non-ASCII
# character, stay): a text splits into tokens in C, and the rare token that still holds punctuation is split
# by WORD once, when its keys are first asked for.
_ASCII_SPLIT = bytes(b if b >= 128 or chr(b).isalnum() else 32 for b in range(256))


def key(word: str) -> str:
    """The key of one word (a run of letters and digits), ``""`` for a stop word."""
    return _KEYS[word]


def indexed(text: str | None) -> str:
    """What the index holds for a text: its keys joined by spaces (the keys of :func:`analyse`, faster; a stop
    word leaves an extra space)."""
    if not text:
        return ""
    tokens = text.encode("utf-8", "surrogatepass").translate(_ASCII_SPLIT).decode("utf-8", "surrogatepass")
    # a stop word's key is "": it leaves two spaces in a row, which FTS5's tokenizer passes over as one
    return " ".join(map(_KEYS.__getitem__, tokens.split()))


def analyse(text: str) -> list[str]:
    """The keys of a text's words, in their order, stop words left out."""
    if not text:
        return []
    return [k for k in map(_KEYS.__getitem__, WORD.findall(text)) if k]


def words_with_keys(text: str):
    """Each word of the original text with its span and key (stop words too, with ``""``), for snippets."""
    for match in WORD.finditer(text):
        yield match.start(), match.end(), _KEYS[match.group()]
