"""The patterns of formal citations (``CE, ass., 19 juill. 2019, n° 426389``): the court heads, the segments
after them, case numbers by court; numbers that name their court; what joins a mention to a number."""
from __future__ import annotations

import re

from hemicycle.ingest.citations import courts as C
from hemicycle.ingest.citations.dates import DATE, DATE_ISO
from hemicycle.ingest.citations.patterns import NUMBER_MARK, alternation

# --- Formal citations: "CE, ass., 19 juill. 2019, n° 426389" -----------------------------------------------
_FORMAL_HEADS, FORMAL_HEAD_CODES = alternation("head", C.FORMAL_HEADS)
#: how a formal citation opens: "CE", "Cass. soc.", "CAA" …; FORMAL_HEAD_CODES gives the court of each group
FORMAL_HEAD = re.compile(rf"""(?:
      {_FORMAL_HEADS}
)""", re.X)
#: the seat right after a head, maybe after a comma: "CAA de Lyon", "TA, Paris"
SEAT_AFTER_HEAD = re.compile(rf"\s*,?\s* {C.SEAT}", re.X)
#: the seat in brackets after a head: "CA (Paris)"
SEAT_IN_PARENTHESES = re.compile(rf"\s*\(\s* {C.SEAT} \s*\)", re.X)

#: what separates two segments: spaces and maybe a comma (group ``comma``), maybe past an empty segment (the
#: Tribunal des conflits' "Tribunal des Conflits, , 05/06/2016"), or a dash or a colon
SEGMENT_SEPARATOR = re.compile(r"""
      [ \n]* [-:] [ \n]+
    | [ \n]* (?P<comma>,)? (?:[ \n]*,)? [ \n]*
""", re.X)
#: a date segment (the decision noun before it in group ``noun``): "19 juill. 2019", "du 5 mai 2026", "arrêt du
#: 12/07/2022", and the ISO dates of the databases' titles: "du 2026-03-02"
DATE_SEGMENT = re.compile(rf"""
    (?:
        (?: du | le | en\s+date\s+du | (?P<noun> arrêt | décision | jugement | ordonnance )\s+du )
        \s+
    )?
    (?: {DATE} | {DATE_ISO} )
""", re.X)
#: a decision noun standing as a segment (group ``noun``): "CEDH, arrêt, 21 janv. 2011", "Section du Contentieux -
#: Décision - …", "Tribunal administratif de Nice - Ordonnance - n° …"
DECISION_NOUN_SEGMENT = re.compile(r"""
    (?P<noun> [Aa]rr[êe]t | [Dd][ée]cision | [Oo]rdonnance | [Jj]ugement )
    (?![\w-])
""", re.X)
#: more numbers of the same citation, after a reference stepped over: "n° 19-13.316 (Juris-Data …) |et n° 19-13.317"
MORE_NUMBERS = re.compile(r"(?:et|&) \s+", re.X)
#: a European Case Law Identifier, maybe spaced: "ECLI:FR:CEASS:2019:426389.20190719"
ECLI = re.compile(r"""
    ECLI
    \s?:\s? [A-Z]{2}           # country
    \s?:\s? [A-Z]+             # court
    \s?:\s? \d{4}              # year
    \s?:\s? [\w.]+[\w]         # number
""", re.X)
#: a segment the finder steps over: where the decision is published, and how
PUBLICATION_REFERENCE = re.compile(r"""(?:
      s[ée]rie\s+A \s*,?\s* (?:n°|no) \s*[\w-]+                  # série A n° 94 (ECtHR)
    | (?:Juris-?\s?Data|JurisData) \s*,?\s* (?:n°|no)? \s*[\d-]+
    | Lexbase \s*:?\s* (?:n°\s*)? [A-Z]{1,2}\d{3,}[A-Z0-9]*
    | Dalloz \s*\d{4},? \s*p\.\s*\d+
    | D\. \s*\d{4},? \s*p\.\s*\d+
    | JCP \s*[GAENS]? \s*\d{4},? \s*(?:n°\s*)?\d+
    | AJDA \s*\d{4},? \s*p\.\s*\d+
    | RFDA \s*\d{4},? \s*p\.\s*\d+
    | RJF \s*\d+/\d+,? \s*n°\s*\d+
    | (?:Rec\.|Rec\.\s*(?:CE|Lebon)|Lebon|Leb\.) (?:\s*,?\s*(?:T\.\s*)?p\.\s*\d+)?     # Rec. Lebon T. p. 12
    | T\.\s*p\.\s*\d+
    | p\.\s*\d+
    | (?:[Pp]ubli[ée]|[Mm]entionn[ée]|[Ii]n[ée]dit)e?s? \s+(?:au|aux|dans\s+les)\s+ (?:tables\s+du\s+)?
      (?:[Rr]ecueil|[Bb]ulletin) (?:\s+Lebon)?                  # Légifrance's "Inédit au recueil Lebon"
    | [Ii]n[ée]dit
    | \( \s* (?:Juris-?\s?Data|JurisData|Lexbase) [^()\n]{0,40} \)   # a publisher's id in brackets
    | \( [A-ZÉ][a-zéè]{2,20} \)                                 # a database's label: "(Fiscal)"
    | Bull\. \s*(?:civ\.|crim\.)? \s*(?:\d{4}\s*,?\s*)? (?:[IVX]+|Ch\.\s*mixte|Ass\.\s*pl[ée]n\.)?,?
      \s*(?:(?:n°|no)\s*\d+)?                                  # Bull. 2008, II, no 212
    | F[SPR]?-[PBRDI](?:\+[PBRDI])*                              # FS-P+B
    | [A-Z]\.?\s?\d{2}-\d{2}\.\d{3}(?=\s*[,;)])     # a Cass pourvoi prefixed by a letter: kept by the number rule
)""", re.X)
#: party names, up to a closing punctuation: "Mme A...", "Société X c/ Ministre de l'intérieur"
PARTY_NAMES = re.compile(r"""
    (?:
        (?:                                            # a capital, a title or a kind of party opens them
            [A-ZÉÈÀÂÎÔÛÇ] | M\. | Mme | Mlle | Sté
          | soci[ée]t[ée]\s | commune\s | association\s | syndicat\s | ministre\s | d[ée]partement\s
          | r[ée]gion\s | ville\s | f[ée]d[ée]ration\s | union\s | caisse\s | [ée]poux\s | consorts\s
        )
        (?:                                            # then any character but a closing punctuation,
            [^,;()\[\]\n.·•|]
          | (?<=\b[A-ZÀ-Þ])\.\.\.                      # or the dots of an anonymised name: "Mme A..."
          | (?<=\b[A-ZÀ-Þ]\.)\.\.
          | (?<=\b[A-ZÀ-Þ]\.\.)\.
          | \.(?=\s?[A-Za-zÀ-ÿ]{1,3}\.)                # or of an abbreviation: "S.A.R.L."
          | (?<=\b[A-Za-zÀ-ÿ])\.                       # or of an initial
          | (?<=\b[A-Z][a-z])\.                      # "St.", "Me."
          | (?<=Mme)\.
          | (?<=\bSté)\.
        ){0,240}?
    )
    (?=
        \s*
        (?: [,;)\]\n·•|] | (?<=[a-zà-ÿ]{2})\.(?:\s|$) | $ )
    )
""", re.X)
#: what may follow party names that end a citation: a closing punctuation, the end, or a comma and more prose
END_AFTER_PARTY_NAMES = re.compile(r"""
    \s*
    (?:
        [;)\]\n·•]
      | \.(?:\s|$)
      | $
      | ,\s*(?:[a-zéèàù]|«|"|\()
    )
""", re.X)
#: prose, not party names: the verb "a", a verb or a conjunction, a long number
PROSE_IN_PARTY_NAMES = re.compile(r"""
      (?<=\s)a(?=\s)
    | \b(?:ont|est|sont|qui|que|dont|était|avait|selon|dans|pour|lorsque)\b
    | \d{3,}
""", re.X)

# --- Case numbers, by court (from the shapes of :data:`.courts.NUMBER_SHAPES`) ------------------------------
# what introduces case numbers: "req. n°", "pourvoi n°", "aff. jointes", "déc.", "RG", or "n°" alone
_NUMBER_INTRODUCER = rf"""(?:
      (?: req(?:u[êe]tes?|s?\.)
        | pourvois?
        | aff(?:aires?|\.)(?:\s+jointes)?
        | d[ée]c(?:isions?|\.)
        | RG | recours | rôle
      ) \s* :? \s* (?:{NUMBER_MARK}\s*)?
    | {NUMBER_MARK}\s*
)"""


def _numbers(shape: str, joiners: str, mark: str = "") -> str:
    """A run of numbers of a shape, joined by one of ``joiners``, each number after the first maybe after ``mark``."""
    return rf"""
        (?:{shape})
        (?: \s*(?:{joiners})\s* {mark} (?:{shape}) )*"""


#: case numbers after what introduces them (group ``numbers``): "n° 426389", "pourvoi n° 21-85.763", by court
INTRODUCED_CASE_NUMBERS: dict[str, re.Pattern] = {}
#: case numbers standing alone (group ``numbers``): "426389", "C-311/18", by court
BARE_CASE_NUMBERS: dict[str, re.Pattern] = {}
for _court, _shape in C.NUMBER_SHAPES.items():
    _joined = _numbers(_shape, ",|et|&|/" + C.MORE_JOINERS.get(_court, ""), rf"(?:{NUMBER_MARK}\s*)?")
    INTRODUCED_CASE_NUMBERS[_court] = re.compile(rf"{_NUMBER_INTRODUCER} (?P<numbers>{_joined})", re.X)
    if _court in C.BARE_NUMBER_COURTS:
        BARE_CASE_NUMBERS[_court] = re.compile(rf"(?P<numbers>{_joined})", re.X)
for _court, _shape in C.BARE_SHAPES.items():
    _bare = _numbers(_shape, ",|et|&" + C.MORE_JOINERS.get(_court, ""))
    BARE_CASE_NUMBERS[_court] = re.compile(rf"(?P<numbers>{_bare})", re.X)

# --- Numbers that name their court -------------------------------------------------------------------------
#: a decision of the Conseil constitutionnel by its number, maybe dated: "décision n° 2012-270 QPC du 27 juillet
#: 2012" (group ``number_after_noun``), "n° 2019-1 DC" (group ``number_after_mark``)
CC_DECISION_NUMBER = re.compile(rf"""
    (?: (?:[Dd][ée]cisions?|[Dd][ée]c\.) \s+ (?:(?:QPC|DC)\s+)? (?:{NUMBER_MARK}\s*)?
        (?P<number_after_noun>{C.CC_NUMBER})
      | (?<![\w-]){NUMBER_MARK}\s*
        (?P<number_after_mark>(?:19|20)?\d{{2}}-\d{{1,4}}(?:\s?/\s?\d{{1,4}})*\s?(?:QPC|DC)(?![\w-])) )
    (?: \s*,?\s* (?:du|le|en\s+date\s+du)\s+ {DATE} )?
""", re.X)
#: "affaire", "aff. jointes n°" at the end of a window, before a case number of the EU courts
AFFAIRE_AT_END = re.compile(r"aff(?:\.|aires?) \s* (?:jointes\s*)? (?:n°\s*)? $", re.X)
_EU_CASE_NUMBER = r"[CT]-\d{1,4}/\d{2} (?:\s?(?:PPU|P|R|DEP|OP)(?!\w))? (?![\d/])"
#: case numbers of the Court of Justice (C-) and the General Court (T-): "C-311/18", "C-511/18, C-512/18 et C-520/18"
EU_CASE_NUMBERS = re.compile(rf"""
    {_EU_CASE_NUMBER}
    (?: \s*(?:,|et|&|à)\s* {_EU_CASE_NUMBER} )*          # "C-776/19 à C-782/19": a range, by its ends
""", re.X)
#: a case of the General Court / of the Court of Justice, in EU_CASE_NUMBERS' match
GENERAL_COURT_CASE = re.compile(r"(?<![\w-])T-", re.X)
COURT_OF_JUSTICE_CASE = re.compile(r"(?<![\w-])C-", re.X)

# --- Joining a mention and a number ------------------------------------------------------------------------
#: what may stand between an informal citation and a case number: "la CJUE| (aff. |C-333/21)"
GAP_BEFORE_CASE_NUMBER = re.compile(r"[\s(,]* (?:aff(?:\.|aire)\s*)?", re.X)
#: what may stand between an informal citation and a formal one in brackets: "le Conseil d'État| (|CE, …)"
GAP_BEFORE_BRACKETED_CITATION = re.compile(r"\s*,?\s* [(\[] \s*", re.X)
WHITESPACE = re.compile(r"\s")
