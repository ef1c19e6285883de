"""Template questions (issue #17): the questions that several deputies copied from one text, and the answers a
ministry pasted for several of them.

Interest groups send deputies ready-made written questions: the same text comes back under many names, with a
constituency or a sentence changed. Texts are compared as sets of word shingles (:mod:`.text`, with the deputy's
and the constituency's names masked and the formulas every question shares cut out, :mod:`.boilerplate`);
candidate pairs come from MinHash LSH (datasketch's MinHash, banded as its ``MinHashLSH`` bands, vectorised:
:mod:`.minhash`), each confirmed by the exact Jaccard similarity of the two sets (:mod:`.detect`); families are
the connected components of the confirmed pairs, with ids that stay (:mod:`.families`). An index persisted beside
the store (:mod:`.index`, :mod:`.storage`) takes new texts without reading the old ones again. Question texts and
answer texts are two corpora, compared apart. The parameters and the measurements behind them:
:mod:`.settings`.

The API::

    find_families(records, corpus="question", params=None, workers=None) -> list[Family]
    update_index(store, corpus, records, params=None, workers=None, on_damage="rebuild")
        -> tuple[TemplateIndex, AddReport]
    TemplateIndex.open(folder, corpus="question", params=None, on_damage="raise") -> TemplateIndex
    TemplateIndex.add(records, workers=None, save=True) -> AddReport
    TemplateIndex.families() -> list[Family];  .family_of(uid) -> Family | None
    TemplateIndex.aliases -> dict[str, str]   # old family id -> the id it lives on as (merges, earlier members)
    TemplateIndex.rebuilt -> str | None       # why the index in the folder was not used (parameters, damage)
    index_folder(store, corpus) -> Path   # <store>/templates/<corpus>
    from_question(question, corpus="question", author_name=None, constituency=None, group=None) -> TextRecord

A :class:`TextRecord` is (uid, text, date, legislature, kind, author uid, author name, constituency label, group,
more places to mask); a :class:`Family` has an ``id`` (``TQ-`` or ``TA-`` and the uid of its earliest member),
its ``corpus`` and its ``members``, each a :class:`Member` with its ``similarity`` to the earliest member.

>>> text = ("M. {} attire l'attention de M. le ministre de l'agriculture sur la détresse des éleveurs ovins "
...         "du {}, confrontés à la prédation du loup : les attaques ont doublé en deux ans, les indemnisations "
...         "arrivent avec un an de retard et les mesures de protection restent à la charge des exploitants. "
...         "Il lui demande quelles mesures le Gouvernement entend prendre.")
>>> records = [TextRecord("Q1", text.format("Jean Dupont", "Jura"), author_name="Jean Dupont", places=("Jura",)),
...            TextRecord("Q2", text.format("Paul Durand", "Doubs"), author_name="Paul Durand", places=("Doubs",)),
...            TextRecord("Q3", "M. Paul Durand interroge M. le ministre de l'intérieur sur les effectifs de "
...                             "police à Besançon. Il lui demande quelles mesures le Gouvernement entend prendre.")]
>>> [(family.id, [(m.uid, m.similarity) for m in family.members]) for family in find_families(records)]
[('TQ-Q1', [('Q1', 1.0), ('Q2', 1.0)])]
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable

from hemicycle.ingest.families.families import Family, Member
from hemicycle.ingest.families.index import AddReport, TemplateIndex
from hemicycle.ingest.families.records import TextRecord, from_question
from hemicycle.ingest.families.settings import CORPORA, Parameters

__all__ = ["CORPORA", "AddReport", "Family", "Member", "Parameters", "TemplateIndex", "TextRecord",
           "find_families", "from_question", "index_folder", "update_index"]

#: the folder beside the store's files that holds the template indexes, one sub-folder per corpus
FOLDER = "templates"


def index_folder(store: str | Path, corpus: str) -> Path:
    """Where the index of a corpus lives beside the store: ``<store>/templates/<corpus>``.

    >>> index_folder("/data/an", "answer").as_posix()
    '/data/an/templates/answer'
    """
    if corpus not in CORPORA:
        raise ValueError(f"corpus is one of {CORPORA}, not {corpus!r}")
    return Path(store) / FOLDER / corpus


def find_families(records: Iterable[TextRecord], corpus: str = "question", params: Parameters | None = None,
                  workers: int | None = None) -> list[Family]:
    """The families among the records' texts, computed in memory (nothing is written)."""
    index = TemplateIndex(corpus, params)
    index.add(records, workers=workers, save=False)
    return index.families()


def update_index(store: str | Path, corpus: str, records: Iterable[TextRecord], params: Parameters | None = None,
                 workers: int | None = None, on_damage: str = "rebuild") -> tuple[TemplateIndex, AddReport]:
    """Open the corpus's index beside the store, add the records it does not hold, save it. When the index was
    built under other parameters, or is damaged (and ``on_damage`` is "rebuild"), it is rebuilt from the records
    given, which must then be all of them (``index.rebuilt`` says why)."""
    index = TemplateIndex.open(index_folder(store, corpus), corpus, params, on_damage=on_damage)
    report = index.add(records, workers=workers)
    return index, report
