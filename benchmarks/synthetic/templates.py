"""Templated questions, opt-in (``make_legislature.py --templated RATE``): the same text under several authors, as
interest groups send deputies ready-made written questions, and the same answer pasted for several of them.

A share ``rate`` of the questions belongs to a planted family of 2 to 80 members (a heavy tail: most families are
small, a few campaigns are large), deposited within ten weeks of the first. The family's text is drawn once; each
member's copy of it gets its own edits, each with its probability:

- its author's name and the author's department in the opening and in the text (always), a city named in it;
- a sentence added (a sentence of the pool, or one about the author's department with its own figure), a sentence
  dropped, two paragraphs swapped, a connector or a word reworded;
- typographic noise: ' for ’ or the reverse, double spaces, accents dropped (in some words or in all), words
  whose case changes, "oe" for "œ", paragraphs split by ``<br/>``.

When the family's members are answered, the ministry pastes one answer for all of them (with probability
:data:`P_ANSWER_COPY`), each copy edited a little (the department named, a sentence added, typographic noise).

Nothing here draws from the legislature's own random generators: a templated legislature is the same legislature
with the members' texts replaced, and a rate of 0 (the default) writes the very bytes it wrote before. The planted
families are the ground truth of ``benchmarks/eval_templates.py``: :meth:`Templates.manifest` lists them, with the
answers' families (planted, and the generator's own shared answers, :data:`~.settings.P_SHARED_ANSWER`).
"""
from __future__ import annotations

import random
import re

from .organs import _seats
from .people import CITIES
from .prose import CONNECTORS, SUBJ_PL

#: changes when what is planted changes (the default output, without templates, is the generator's own version)
TEMPLATES_VERSION = "1"
MAX_FAMILY = 80
WINDOW_WEEKS = 10  # a campaign's questions are deposited within this many weeks of the first
P_ANSWER_COPY = 0.6
P_ADD, P_ADD_TWO, P_DROP, P_SWAP, P_REWORD = 0.35, 0.1, 0.3, 0.2, 0.2
P_APOSTROPHE, P_SPACES, P_ACCENTS, P_ALL_ACCENTS, P_CASE, P_LIGATURE = 0.3, 0.3, 0.15, 0.05, 0.2, 0.2
OPENINGS = ["interroge {minister}{edition} sur", "attire l'attention de {minister}{edition} sur",
            "appelle l'attention de {minister}{edition} sur", "souhaite attirer l'attention de {minister}{edition} sur"]
LOCAL = [
    "Dans le département {of_place}, plus de {n} {subject} sont directement concernés.",
    "À {city} comme ailleurs dans le département {of_place}, {subject} s'inquiètent de cette situation.",
    "Dans la circonscription de {author}, {n} {subject} ont déjà alerté les élus.",
    "Les {subject} {of_place} estiment à {n} % la baisse de leur activité.",
]
ANSWER_LOCAL = ["S'agissant plus particulièrement du département {of_place}, les services de l'État suivent la "
                "situation avec attention.", "Dans le département {of_place}, {n} dossiers ont été instruits."]
_ACCENTS = str.maketrans("éèêëàâîïôûùçÉÈÊÀ", "eeeeaaiiouucEEEA")
_REWORDS = [("Gouvernement", "gouvernement"), ("notamment", "en particulier"), ("également", "aussi"),
            ("de nombreuses", "beaucoup de"), ("préoccupant", "inquiétant"), ("actuel", "en vigueur")]


def _of(place: str) -> str:
    return "d'" + place if place[0] in "AEIOUÉÈYH" else "de " + place


class Templates:
    """The planted families of a legislature of ``count`` questions: which question numbers belong to which
    family, and each member's text (:meth:`question`, :meth:`answer`)."""

    def __init__(self, legislature, rate: float):
        if not 0 < rate <= 0.5:
            raise ValueError(f"--templated is a share of the questions, above 0 and at most 0.5, not {rate}")
        self.rate = rate
        self.rng = rng = random.Random(legislature.seed * 104729 + 11)
        self.pool, self.answer_pool = legislature.prose.question_pool, legislature.prose.answer_pool
        self.department = {d["uid"]: seat[1] for d, seat in zip(legislature.deputies, _seats())}
        count = legislature.count
        window = max(2, count * WINDOW_WEEKS // 104)
        wanted, taken = round(rate * count), set()
        self.families: list[list[int]] = []
        while len(taken) < wanted and len(taken) < count - 1:
            size = min(MAX_FAMILY, 1 + int(rng.paretovariate(1.1)), max(2, wanted - len(taken)))
            first = rng.randrange(1, count + 1)
            free = [n for n in range(first, min(count, first + window) + 1) if n not in taken]
            if len(free) < size:
                continue
            members = sorted(rng.sample(free, size))
            taken.update(members)
            self.families.append(members)
        self.family_of = {n: i for i, members in enumerate(self.families) for n in members}
        self._texts: dict[int, tuple] = {}
        self._answers: dict[int, list[str] | None] = {}
        self.answer_origin: dict[str, str] = {}  # question uid -> where its answer text comes from
        self._origin_of_text: dict[str, str] = {}

    def __contains__(self, n: int) -> bool:
        return n in self.family_of

    # --- the question texts ---------------------------------------------------------------------------------

    def _family_text(self, family: int) -> tuple[str, list[list[str]], bool, str]:
        """The subject (after "sur"), the paragraphs of sentences, whether the paragraphs are split by ``<br/>``,
        and who its sentences about a department speak of: drawn at a family's first member."""
        if family not in self._texts:
            rng = self.rng
            subject = rng.choice(["la situation des", "l'avenir des", "les difficultés rencontrées par les",
                                  "la reconnaissance des", "le financement des"]) + " " + rng.choice(SUBJ_PL)[4:]
            length = rng.choice([350, 700, 1100, 1600, 2200, 2800])
            sentences, size = [], 0
            while size < length or len(sentences) < 2:
                sentences.append(rng.choice(self.pool))
                size += len(sentences[-1]) + 1
            if rng.random() < 0.7:
                sentences.insert(rng.randrange(1, len(sentences) + 1), rng.choice(LOCAL))
            cuts = sorted(rng.sample(range(1, len(sentences)), min(len(sentences) - 1, rng.choice([0, 1, 2, 3]))))
            paragraphs = [sentences[a:b] for a, b in zip([0, *cuts], [*cuts, len(sentences)])]
            self._texts[family] = (subject, paragraphs, rng.random() < 0.3, rng.choice(SUBJ_PL)[4:])
        return self._texts[family]

    def question(self, n: int, deputy: dict, minister: str, edition: str, last: str) -> str:
        """Member ``n``'s copy of its family's text, opened with its author and minister, closed with ``last``."""
        rng = self.rng
        subject, paragraphs, breaks, who = self._family_text(self.family_of[n])
        paragraphs = [list(p) for p in paragraphs]
        sentences = [s for p in paragraphs for s in p]
        if rng.random() < P_DROP and len(sentences) > 2:
            where = rng.choice([p for p in paragraphs if p])
            where.pop(rng.randrange(len(where)))
        for _ in range((rng.random() < P_ADD) + (rng.random() < P_ADD_TWO)):
            extra = rng.choice(LOCAL) if rng.random() < 0.4 else rng.choice(self.pool)
            where = rng.choice(paragraphs)
            where.insert(rng.randrange(len(where) + 1), extra)
        if rng.random() < P_SWAP and len(paragraphs) > 1:
            i = rng.randrange(len(paragraphs) - 1)
            paragraphs[i], paragraphs[i + 1] = paragraphs[i + 1], paragraphs[i]
        elif rng.random() < P_SWAP:
            where = max(paragraphs, key=len)
            if len(where) > 1:
                i = rng.randrange(len(where) - 1)
                where[i], where[i + 1] = where[i + 1], where[i]
        place = self.department[deputy["uid"]]
        author = f"{'Mme' if deputy['female'] else 'M.'} {deputy['prenom']} {deputy['nom']}"
        fill = {"of_place": _of(place), "city": rng.choice(CITIES), "n": rng.randrange(20, 3000),
                "subject": who, "author": author}
        body = [" ".join(s.format(**fill) if "{" in s else s for s in p) for p in paragraphs if p]
        text = (" <br/>" if breaks else " ").join(body)
        if rng.random() < P_REWORD:
            old, new = rng.choice(_REWORDS + [(c, rng.choice(CONNECTORS)) for c in rng.sample(CONNECTORS, 3)])
            text = text.replace(old, new, 1)
        first = f"{author} {rng.choice(OPENINGS).format(minister=minister, edition=edition)} {subject}."
        return self._noise(f"{first} {text} {last}")

    def _noise(self, text: str) -> str:
        rng = self.rng
        if rng.random() < P_APOSTROPHE:
            text = text.replace("'", "\u2019") if rng.random() < 0.5 else text.replace("\u2019", "'")
        if rng.random() < P_SPACES:
            words = text.split(" ")
            for i in rng.sample(range(len(words)), max(1, len(words) // 20)):
                words[i] += " "
            text = " ".join(words)
        if rng.random() < P_ALL_ACCENTS:
            text = text.translate(_ACCENTS)
        elif rng.random() < P_ACCENTS:
            text = re.sub(r"\w*[éèêà]\w*", lambda m: m.group().translate(_ACCENTS) if rng.random() < 0.3
                          else m.group(), text)
        if rng.random() < P_CASE:
            text = re.sub(r"\b[a-zé]\w{5,}\b", lambda m: m.group().upper() if rng.random() < 0.01
                          else m.group().capitalize() if rng.random() < 0.02 else m.group(), text)
        if rng.random() < P_LIGATURE:
            text = text.replace("\u0153", "oe").replace("&#339;", "oe")
        return text

    # --- the answers ---------------------------------------------------------------------------------------

    def answer(self, n: int, deputy: dict, answer: dict) -> dict:
        """The answer of question ``n``: ``answer``, or its family's pasted answer when its ministry pastes one."""
        family = self.family_of.get(n)
        if family is None:
            return answer
        rng = self.rng
        if family not in self._answers:
            self._answers[family] = None
            if rng.random() < P_ANSWER_COPY:
                length, sentences = rng.randrange(900, 3000), []
                while sum(map(len, sentences)) < length:
                    sentences.append(rng.choice(self.answer_pool))
                self._answers[family] = sentences
        sentences = self._answers[family]
        if sentences is None:
            return answer
        sentences = list(sentences)
        if rng.random() < 0.3:
            fill = {"of_place": _of(self.department[deputy["uid"]]), "n": rng.randrange(3, 400)}
            sentences.insert(rng.randrange(len(sentences) + 1), rng.choice(ANSWER_LOCAL).format(**fill))
        text = self._noise(" ".join(sentences))
        self._origin_of_text[text] = f"family-{family}"
        return dict(answer, texte=text)

    def record_answer(self, uid: str, answer: dict) -> None:
        """Question ``uid`` was answered with ``answer`` (its own, an earlier question's, or a family's)."""
        self.answer_origin[uid] = self._origin_of_text.setdefault(answer["texte"], uid)

    def manifest(self) -> dict:
        """The ground truth: the planted families of question texts (uids, by number), and of answer texts."""
        by_origin: dict[str, list[str]] = {}
        for uid, origin in self.answer_origin.items():
            by_origin.setdefault(origin, []).append(uid)
        return {
            "version": TEMPLATES_VERSION, "rate": self.rate,
            "families": [[f"QANR5L17QE{n}" for n in members] for members in self.families],
            "members": sum(map(len, self.families)),
            "answer_families": sorted((uids for uids in by_origin.values() if len(uids) > 1),
                                      key=lambda uids: int(uids[0].removeprefix("QANR5L17QE"))),
        }
