"""The formulas every question and answer shares, cut out of a folded text before it is shingled.

A written question opens with "M. X attire l'attention de M. le ministre de … sur" and often ends with "Il lui
demande quelles mesures le Gouvernement entend prendre"; a transcript of a question to the Government is full of
"Mme la présidente. La parole est à …". Two texts that share only these are not copies of one text. Each formula
is cut out and the text split where it was (:data:`CUT`): a shingle never spans a formula, so the formulas give
no shingle at all, and the words around them give none across them.

Two kinds of formula, both read on the folded text of :func:`~.text.fold` (lower case, no accents, words
separated by one space, a masked person as ``qqn``):

- the opening of a written question, author, verb, minister and portfolio up to the first "sur" (at most 40
  words on): one regular expression tried at the start of the text only (:data:`OPENING`);
- the phrases of :data:`PHRASES`, wherever they are: each template expands into its literal variants (``{a|b|}``
  is "a", "b" or nothing), all found at once by an Aho-Corasick automaton (ahocorasick-rs), leftmost-longest,
  whole words only.

:data:`BOILERPLATE_VERSION` changes with them: an index built under other formulas is rebuilt.

>>> cut_formulas("qqn attire l attention de mme la ministre du travail sur la situation des apprentis "
...              "il lui demande donc de bien vouloir lui indiquer les mesures envisagees")
'la situation des apprentis | mesures envisagees'
>>> cut_formulas("mme la presidente la parole est a qqn qqn ma question s adresse a m le ministre de l interieur")
'qqn | de l interieur'
"""
from __future__ import annotations

import hashlib
import itertools
import re

import ahocorasick_rs

#: where a formula was cut out (a word of its own between spaces)
CUT = "|"

_W = r"[a-z0-9]+"
_SOMEONE = "{qqn|il|elle|m le depute|mme la deputee|le depute|la deputee}"
_VERB_ATTENTION = ("{souhaite |tient a |voudrait |veut |souhaiterait |}{attirer|appeler|attire|appelle} "
                   "{a nouveau |de nouveau |tout particulierement |vivement |}{l |toute l }attention{ de| du|}")
_MINISTER = ("{m|mme|madame|monsieur} {le|la} {premier |premiere |}"
             "{ministre|secretaire d etat|haut commissaire|haute commissaire|garde des sceaux}"
             "{ delegue| deleguee| charge| chargee|}")

#: the opening of a written question, up to the first "sur" (or "quant a", "concernant"…) in 40 words; its author
#: is masked (``qqn``), after a civility when the text is in capitals
OPENING = re.compile(
    r"(?:(?:m|mme|monsieur|madame) )?(?:qqn|il|elle|m le depute|mme la deputee|le depute|la deputee) "
    r"(?:(?:souhaite |tient a |voudrait |veut |souhaiterait |se permet d )?(?:attirer|appeler|attire|appelle) "
    r"(?:a nouveau |de nouveau |tout particulierement |vivement )?(?:l |toute l )?attention (?:de |du )?"
    r"|interroge |interpelle |alerte |questionne |sollicite |saisit )"
    rf"(?:{_W} ){{0,40}}?(?:sur|quant a|au sujet d(?:e|u|es)|concernant|a propos d(?:e|u|es)|s agissant d(?:e|u|es))"
    r"(?= |$)")

#: the templates of the phrases cut wherever they are
PHRASES = (
    # the openings' verbs, elsewhere than at the start ("Dans ce contexte, M. le député interroge …")
    f"{_SOMEONE} {_VERB_ATTENTION}",
    f"{_SOMEONE} {{interroge|interpelle|alerte|questionne|sollicite|l interroge|l interpelle|l alerte}}"
    "{ egalement| aussi| donc| a nouveau| de nouveau|}",
    # the closings: "il lui demande donc de bien vouloir lui indiquer", "elle souhaite connaitre"
    f"{_SOMEONE} {{lui |l |}}{{demande|souhaite|souhaiterait|aimerait|voudrait|prie|remercie}}"
    "{ donc| en consequence| par consequent| ainsi| egalement| aussi| alors| enfin| des lors| dans ce cadre|}"
    "{ de bien vouloir| de lui| s il|}{ lui|}",
    "{savoir|connaitre|indiquer|preciser|faire connaitre|faire savoir|communiquer|exposer|detailler}"
    " {quelles|quels|quelle|quel|si|comment|les|la|le|ce que|dans quel delai|ou en est}",
    "quel{le|les|s|} {sont |seront |}{les |}{mesures|actions|dispositions|moyens|initiatives|solutions|reponses}",
    "{que |}{le gouvernement|il|elle|son ministere|l etat|vous} {entend|compte|envisage de|souhaite|pourrait|"
    "prevoit de|va|peut|entendez|comptez} {prendre|mettre en oeuvre|mettre en place|adopter|engager|proposer|"
    "apporter|donner}",
    "{les |ses |quelles sont les |}intentions du gouvernement",
    "{la |sa |quelle est la |}position du gouvernement",
    "les suites que le gouvernement {entend|compte} {donner|reserver}",
    "pour {y remedier|remedier a cette situation}",
    "{en la matiere|sur ce sujet|sur ce point|a ce sujet|sur cette question|dans ce domaine}",
    _MINISTER,
    "{m le depute|mme la deputee}",
    # the transcript of a sitting (questions to the Government)
    "{m|mme} {le|la} {president|presidente}",
    "la parole est {a|donc a}{ qqn|}",
    "ma question s adresse a",
    "{applaudissements|exclamations|protestations|rires|murmures|vives protestations}",
    "{applaudissements|exclamations|protestations|rires|murmures|vives protestations}"
    " sur {les|de nombreux|plusieurs|quelques|divers} bancs{ des groupes| du groupe|}",
    # the answers' own
    "{l honorable|le} parlementaire",
)

_GROUP = re.compile(r"\{([^{}]*)\}")


def expand(template: str) -> list[str]:
    """Every literal a template stands for, ``{a|b|}`` being "a", "b" or nothing (groups are not nested).

    >>> expand("il {lui |}demande{ donc|}")
    ['il lui demande donc', 'il lui demande', 'il demande donc', 'il demande']
    """
    pieces = _GROUP.split(template)  # literal, options, literal, options, …
    choices = [[piece] if i % 2 == 0 else piece.split("|") for i, piece in enumerate(pieces)]
    return [" ".join("".join(combo).split()) for combo in itertools.product(*choices)]


_LITERALS = sorted({literal for template in PHRASES for literal in expand(template) if literal})
_AUTOMATON = ahocorasick_rs.AhoCorasick([" " + literal for literal in _LITERALS],
                                        matchkind=ahocorasick_rs.MatchKind.LeftmostLongest)

BOILERPLATE_VERSION = "formulas " + hashlib.sha256(
    "\n".join([OPENING.pattern, *_LITERALS]).encode()).hexdigest()[:12]


def cut_formulas(folded: str) -> str:
    """The folded text with each formula replaced by a cut (``|`` between spaces), with no empty piece."""
    opening = OPENING.match(folded)
    text = " " + (folded[opening.end():] if opening else folded)
    pieces, last, end = [], 0, len(text)
    for _, start, stop in _AUTOMATON.find_matches_as_indexes(text):
        if stop < end and text[stop] != " ":
            continue  # a phrase that ends inside a word ("a" of "autre")
        if start > last:
            pieces.append(text[last:start])
        last = stop
    pieces.append(text[last:])
    return " | ".join(piece.strip() for piece in pieces if piece.strip())
