"""What the detector reads: one text and what is known of it (:class:`TextRecord`), made from a question record
or by the caller.

The names to mask come with the record: the author's name, the constituency's label (its department, before
the parenthesis, is masked too) and any other place the caller knows of (the constituency's towns). A record's
:meth:`~TextRecord.source_digest` says whether a text the index already holds has changed.

>>> record = TextRecord("QANR5L17QE1", "Texte.", author_name="Guillaume Gouffier Valente",
...                     constituency="Val-de-Marne (6e circonscription)")
>>> record.people(), record.place_names()
(('Guillaume Gouffier Valente', 'Gouffier Valente'), ('Val-de-Marne (6e circonscription)', 'Val-de-Marne'))
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
import datetime

from hemicycle.ingest.records.model import Question


@dataclass(frozen=True)
class TextRecord:
    """A question text or an answer text, with what the families show of its question."""

    uid: str  # the question's uid (QANR5L17QE15973)
    text: str | None
    date: datetime.date | None = None  # of the text: the question's deposit, or the answer's publication
    legislature: int | None = None
    kind: str | None = None  # QE, QG, QOSD
    author_uid: str | None = None  # PA…
    author_name: str | None = None  # "Guillaume Gouffier Valente"
    constituency: str | None = None  # "Val-de-Marne (6e circonscription)"
    group: str | None = None  # the author's group then (uid or short label)
    places: tuple[str, ...] = ()  # more names to mask: the constituency's towns…

    def people(self) -> tuple[str, ...]:
        """The author's names to mask: the whole name and, when it has several words, all but the first (the
        surname, most often)."""
        name = " ".join((self.author_name or "").split())
        if not name:
            return ()
        rest = name.split(" ", 1)[1] if " " in name else ""
        return (name, rest) if rest else (name,)

    def place_names(self) -> tuple[str, ...]:
        """The places to mask: the constituency's label, its department, and :attr:`places`."""
        names = []
        if self.constituency:
            names.append(self.constituency)
            department = self.constituency.split("(")[0].strip(" -")
            if department and department != self.constituency:
                names.append(department)
        return tuple(dict.fromkeys([*names, *(p for p in self.places if p)]))

    def source_digest(self) -> int:
        """A 64-bit digest of everything the index takes from the record: another digest, another record."""
        parts = [self.text or "", self.date.isoformat() if self.date else "", str(self.legislature or ""),
                 self.kind or "", self.author_uid or "", self.author_name or "", self.constituency or "",
                 self.group or "", *self.places]
        return int.from_bytes(hashlib.blake2b("\x1f".join(parts).encode("utf-8", "surrogatepass"),
                                              digest_size=8).digest(), "little")


def from_question(question: Question, corpus: str = "question", author_name: str | None = None,
                  constituency: str | None = None, group: str | None = None) -> TextRecord | None:
    """The question text (``corpus="question"``) or the answer text (``"answer"``) of a question record, its
    publications joined, or ``None`` when it has none. The author's name and constituency are the record's own
    (the legacy XML states them) unless given; the group is the record's group's short label unless given.

    >>> from hemicycle.ingest.records.model import Author, Publication
    >>> q = Question("QANR5L17QE7", "QE", 7, 17, author=Author("PA1", group_short_label="EPR"),
    ...              question_texts=(Publication(1, "Un texte."),))
    >>> from_question(q).group, from_question(q, "answer")
    ('EPR', None)
    """
    if corpus not in ("question", "answer"):
        raise ValueError(f"corpus is 'question' or 'answer', not {corpus!r}")
    publications = question.question_texts if corpus == "question" else question.answers
    text = "\n".join(p.text for p in publications if p.text)
    if not text:
        return None
    author = question.author
    if author is not None and author_name is None and author.last_name:
        author_name = " ".join(filter(None, (author.first_name, author.last_name)))
    if author is not None and constituency is None and author.constituency is not None:
        seat = author.constituency
        if seat.department:
            constituency = seat.department + (f" ({seat.number}e circonscription)" if seat.number else "")
    if group is None and author is not None:
        group = author.group_short_label or author.group_uid
    when = question.deposit_date if corpus == "question" else (question.answer_date or question.deposit_date)
    return TextRecord(question.uid, text, when, question.legislature, question.kind,
                      author.person_uid if author else None, author_name, constituency, group)
