"""The patterns of informal citations: a court named in running prose (``la Cour de cassation``), and around it a
decision noun, a date or a judging verb (``dans sa décision du 5 avril 2022, le Conseil d'État``)."""
from __future__ import annotations

import re

from hemicycle.ingest.citations import courts as C
from hemicycle.ingest.citations.dates import DATE, YEAR
from hemicycle.ingest.citations.patterns import DECISION_NOUN, NUMBER_MARK, alternation

_COURT_ABBREVIATION = r"(?:\([A-Z]{2,6}\))"                          # "(CJUE)" after the court's name
_ARTICLE = r"(?:le|la|l'|les)"
_OF_THE = r"\s+(?:du|de\s+la|de\s+l'|d'une)\s*"
# formations named before the court: "l'assemblée plénière de la Cour de cassation"
_FORMATION_NAMES = r"""
      [Aa]ssembl[ée]e\s+(?:du\s+contentieux|pl[ée]ni[èe]re)
    | [Ss]ection\s+du\s+contentieux
    | (?:premi[èe]re|deuxi[èe]me|troisi[èe]me|1re|2e|3e)\s+chambre\s+civile
    | chambre\s+(?:sociale|criminelle|commerciale|mixte|de\s+l'instruction|d'accusation
                 |des\s+appels\s+correctionnels)
    | [Gg]rande\s+[Cc]hambre
    | juge\s+des\s+r[ée]f[ée]r[ée]s
    | (?:vice-)?pr[ée]sidente?(?:[\s-]assesseure?)?\s+de\s+la\s+\d{1,2}\s?(?:e|è|ème|re|ère)\s+(?:chambre|section)
    | magistrate?\s+d[ée]sign[ée]e?\s+par\s+(?:le|la)\s+pr[ée]sidente?"""
# the same, with its article, or "la formation de jugement", then "du", "de la": "la chambre sociale de la "
_FORMATION_OF = rf"""(?:
    (?:l'|la\s+|le\s+)?
    (?: {_FORMATION_NAMES}
      | formation\s+de\s+jugement )
    {_OF_THE}
)"""
# a decision noun's own qualifiers: "sa récente décision", "son célèbre arrêt"
_ADJECTIVE = (r"(?:r[ée]cente?s?\s+|importante?s?\s+|c[ée]l[èe]bres?\s+|premi(?:er|[èe]re)\s+|second(?:e)?\s+"
              r"|deuxi[èe]me\s+|nouvel(?:le)?\s+|nouveau\s+)")


# --- Informal citations: a court mention, and around it a decision noun, a date or a judging verb ---------
_COURT_MENTIONS, MENTION_CODES = alternation("mention", C.MENTIONS)
#: a court named in running prose: "la Cour de cassation"; MENTION_CODES gives the court of each group
COURT_MENTION = re.compile(rf"""(?:
      {_COURT_MENTIONS}
)(?![\w-])""", re.X)
#: the seat after a mention, its preposition included: "de Strasbourg", "d'Orléans"
SEAT_AFTER_COURT = re.compile(rf"\s+ {C.SEAT_PREPOSITION} (?:{C.SEAT_NAME})", re.X)
#: the court's abbreviation in brackets after its name: "(CJUE)"
ABBREVIATION_AFTER_COURT = re.compile(r"\s*\((?:CJUE|CEDH|CE|CJCE|TUE|Cour\s+EDH|TA|CAA)\)", re.X)
#: a quick test that a window may hold a decision noun
DECISION_NOUN_HINT = re.compile(r"cision | rrêt | rret | vis | rdonnance | ugement | Arrêt | Avis", re.X)

# the name of a decision: "l'arrêt dit « Nicolo »", "l'arrêt Blanco", "l'arrêt Bosman c. Belgique"
_DECISION_NAME = r"""(?:
      \s+ (?:dit|dite|dits|dites) \s+ [«"]? \s*
      [A-Z][\w'.-]+ (?:\s+(?: II | I | [A-Z][\w'-]+ | c\.\s+[A-Z][\w'-]+ ))?
      [»"]?
    | \s+ (?!Cour\b|Conseil\b|Tribunal\b|CE\b|CJUE\b|CEDH\b|TA\b|CAA\b)
      [A-Z][a-zé'-]+ (?:\s+(?:II|I))? (?: \s+c\.\s+[A-Z][\w'-]+ (?:[\s-][A-Z][\w'-]+)? )?
)"""
# what may follow a decision noun: its name, number (``number``), qualifiers, date (``date``, as written) or
# year (``year``), and a bracket (``bracketed``): "l'arrêt Nicolo n° 108243 rendu le 20 octobre 1989 (Ass.)"
_DECISION_NOUN_TAIL = rf"""
    (?:{_DECISION_NAME})?
    (?: \s+(?:n°s?|nos)\s* (?P<number>[\w./-]*\d[\w./-]*(?:\s*,\s*\d[\w./-]*)*(?:\s?(?:QPC|DC|L|LP))?) )?
    (?: \s+(?: rendue?s? | d[ée]finiti(?:f|ve)s? | prononc[ée]e?s? | pr[ée]cit[ée]e?s? | r[ée]cente?s? | de\s+principe | QPC | contentieux
             | d'assembl[ée]e | de\s+section ) )*
    (?:
        \s+(?:le|du|en\s+date\s+du|rendue?s?\s+le)\s+
        (?P<date> \d{{1,2}}(?:er)?\s+\S+(?:\s+(?:{YEAR}|dernier))? | \d\d?/\d\d?/\d{{4}} )
      | \s+(?:de|en)\s+ (?P<year>{YEAR})
    )?
    (?: \s*\( (?P<bracketed>[^()\n]{{1,80}}) \) )?
"""
#: (a) a decision noun (group ``noun``) "of" or "by" the court that follows: "l'arrêt de la |Cour de cassation",
#: "la décision n° 2019-1 rendue par le |Conseil d'État", "l'avis de l'assemblée plénière de la |Cour de
#: cassation";
#: or, in a title, before a dash (group ``dash``): "Arrêt n°543 du 12 juillet 2023 (22-17.030) - |Cour de cassation"
DECISION_NOUN_BEFORE_COURT = re.compile(rf"""
    (?P<noun>{DECISION_NOUN}) {_DECISION_NOUN_TAIL}
    (?: \s*,\s* entre\s+les\s+parties )?            # "l'arrêt rendu le …, entre les parties, par la cour"
    \s*,?\s* (?:rendue?s?\s+)?
    (?: par\s+(?:lequel\s+|laquelle\s+)?(?:le|la|l')\s* | du\s+ | de\s+la\s+ | de\s+l'\s* | des\s+ | d'une\s+
      | du\s+premi(?:er|[èe]re)\s+pr[ée]sidente?\s+(?:de\s+la|d'une)\s+   # "l'ordonnance du premier président de la"
      | (?P<dash>-\s+) )                     # a court's site's titles: "Arrêt n°543 du … (…) - |Cour de …"
    {_FORMATION_OF}?
    $
""", re.X)
#: (c) "dans sa décision (group ``noun``) du 5 avril 2022, le |Conseil d'État", "selon un arrêt récent, la |Cour"
IN_ITS_DECISION_BEFORE_COURT = re.compile(rf"""
    \b(?:[Dd]ans|[Pp]ar|[Ss]elon|[Aa]ux\s+termes\s+d[e'])\s+
    (?:sa|son|ses|une?|cette|cet|l'|la|le|les|leur|leurs|deux|trois|quatre|plusieurs)\s*
    {_ADJECTIVE}?
    (?P<noun>{DECISION_NOUN}) {_DECISION_NOUN_TAIL}
    (?: \s*,\s* (?:devenue?s?\s+d[ée]finiti(?:f|ve)s?|confirm[ée]e?s?\s+en\s+appel) )?   # "…, devenu définitif,"
    \s*,\s* {_ARTICLE}\s*
    {_FORMATION_OF}?
    $
""", re.X)
#: (b) after the court, the same clause goes on to "dans sa décision …" (group ``noun``): "le Conseil d'État|,
#: dans sa décision du 5 avril 2022", "le TA de Strasbourg| dans sa décision"
IN_ITS_DECISION_AFTER_COURT = re.compile(rf"""
    [^.;:!?()]{{0,90}}?
    \b(?:dans|par|selon|aux\s+termes\s+d[e'])\s+
    (?: (?:sa|son|ses|une?|cette|cet|leur|plusieurs|deux|trois)\s+ | l'\s* )
    {_ADJECTIVE}?
    (?P<noun>{DECISION_NOUN}) {_DECISION_NOUN_TAIL}
    (?=                                                 # then the phrase ends, or a verb or a complement comes
        \s*
        (?: [,.;:)!?]
          | $
          | \s+(?: a | il | elle | qui | que | du | rendue? | de\s+principe | r[ée]cente? | dans | en | sur
                 | relatifs? | relatives? | portant | concernant )\b
        )
    )
""", re.X)
#: a date, then the court's article: "le 19 janvier 2023, la |CJUE"
DATE_BEFORE_COURT = re.compile(rf"{DATE} \s*,\s* {_ARTICLE}\s* $", re.X)
# a participle of ruling ("jugé", "censuré", "annulé"), maybe after a pronoun
_RULING_VERB = r"""(?:
    (?:en\s+|y\s+|l'\s*|les?\s+|la\s+)?
    (?: jug[ée] | estim[ée] | consid[ée]r[ée] | d[ée]cid[ée] | censur[ée] | annul[ée] | rappel[ée]
      | valid[ée] | confirm[ée] | condamn[ée] | rejet[ée] | reconnu | pr[ée]cis[ée] | affirm[ée]
      | [ée]nonc[ée] | d[ée]clar[ée] | invalid[ée] | tranch[ée] | retenu | admis | suspendu | rendu
      | ordonn[ée] | interpr[ée]t[ée] | sanctionn[ée] | enjoint | prononc[ée] | infirm[ée] | cass[ée] )
)"""
#: (d1) after the court: "|a jugé", "| (CJUE) l'a censuré"
HAS_RULED_AFTER_COURT = re.compile(rf"""
    \s* {_COURT_ABBREVIATION}?
    \s+ (?:en\s+|y\s+|l'\s*|les?\s+)?
    (?:a|ont|avait|avaient) \s+ {_RULING_VERB}
""", re.X)
#: (d2) after the court, a verb and a date: "|a, le 5 août 2021,", "|a jugé, le 12 juillet 2022,"
HAS_RULED_ON_DATE_AFTER_COURT = re.compile(rf"""
    \s* {_COURT_ABBREVIATION}?
    \s+ (?:a|ont|avait) \s*
    (?: ,\s*
      | {_RULING_VERB} (?:\s+[^.;,()]{{0,50}}?)? \s*,?\s* )
    (?:le|dès\s+le|en\s+date\s+du) \s+ {DATE}
""", re.X)
#: a date after the court, or a year (group ``year``): "|du 12 juillet 2022", "|, le 5 mai dernier", "| de 2019"
DATE_AFTER_COURT = re.compile(rf"""
    (?: \s*,\s* \d{{1,2}}\s?(?:e|ème|re|ère)\s+(?:section|chambre) (?=\s*,) )?   # "…de Paris, 2e section, en date du"
    \s*,?\s*
    (?: (?:du|le|en\s+date\s+du|rendue?s?\s+le|,) \s* {DATE} (?:\s+dernier)?
      | \s+(?:de|en)\s+ (?P<year>{YEAR})\b )
""", re.X)
#: a marked case number after a citation (group ``number``): "|, n° 21-85.763"
NUMBER_AFTER_CITATION = re.compile(rf"""
    \s*,?\s* (?:{NUMBER_MARK}) \s*
    (?P<number> \d[\w./-]*\d (?:\s?(?:QPC|DC|LP|L)\b)? )
""", re.X)
#: a bracket right after the court that opens on a decision noun (group ``noun``), its tail read as a formal
#: citation's segments: "le Conseil d'État| (décision n° 398765 du 8 février 2017)", "le conseil de prud'hommes
#: de Paris| (jugement du 12 mars 2013, RG F 12/00345)"
NOUN_IN_BRACKET_AFTER_COURT = re.compile(rf"\s*\(\s* (?P<noun>{DECISION_NOUN})", re.X)
#: a bracket after a citation (group ``content``): "dans sa décision du 9 décembre 2019| (n° C4196)"
BRACKET_AFTER = re.compile(r"\s*\( (?P<content>[^()\n]{1,80}) \)", re.X)
#: what may follow case numbers inside a bracket: their date (group ``date``), then nothing, or a comma or a
#: semicolon and anything: "(n° 398765| du 8 février 2017)", "(n° C4196|, Préfet de …)"
REST_OF_BRACKET = re.compile(rf"""
    (?P<date> \s*,?\s* (?:du|le|en\s+date\s+du) \s+ {DATE} )?
    \s* (?:[,;].*)?
""", re.X | re.S)

# adverbs between the auxiliary and the verb: "a déjà jugé", "a à plusieurs reprises rappelé"
_ADVERB = r"""(?:
    d'ailleurs | déjà | récemment | encore | notamment | également | aussi | bien | justement | clairement
  | expressément | constamment | toujours | à\s+plusieurs\s+reprises | plusieurs\s+fois | maintes\s+fois
  | très\s+clairement | ainsi
)"""
_JUDGING_VERB = r"""(?:
    jug[ée] | estim[ée] | rappel[ée] | consid[ée]r[ée] | d[ée]cid[ée] | tranch[ée] | pr[ée]cis[ée]
  | affirm[ée] | soulign[ée] | relev[ée] | reconnu | admis | censur[ée] | valid[ée] | consacr[ée] | retenu
  | constat[ée] | [ée]nonc[ée]
)"""
_JUDGING_VERB_AFTER_COURT = r"""(?:
    jug[ée] | estim[ée] | rappel[ée] | consid[ée]r[ée] | d[ée]cid[ée] | tranch[ée] | pr[ée]cis[ée]
)"""
#: the verb before the court, its inverted subject: "comme l'a jugé la |Cour", "ainsi qu'en a décidé le |",
#: "ce qu'a rappelé le |", "comme l'a pu le juger la |"
HAS_JUDGED_BEFORE_COURT = re.compile(rf"""
    (?: \b(?:[Cc]omme|[Aa]insi(?:\s+que)?|[Tt]el(?:le)?s?\s+que) \s+ (?:l'\s*|en\s+)?
      | \bqu'\s* (?:en\s+|l'\s*)?
      | \b[Ll]'\s* )
    (?: (?:a|ont|avait|avaient) \s+ (?:{_ADVERB}\s+)* {_JUDGING_VERB}
      | a\s+pu\s+le\s+(?:juger|rappeler|relever|pr[ée]ciser|d[ée]cider) )
    \s+ (?:{_ADVERB}\s+)*
    (?:le|la|les|l')\s* {_FORMATION_OF}?
    $
""", re.X)
#: the verb after the court, its subject: "la cour administrative d'appel de Marseille| a jugé"
HAS_JUDGED_AFTER_COURT = re.compile(rf"""
    \s* {_COURT_ABBREVIATION}?
    \s+ (?:l'\s*|en\s+)?
    (?:a|ont|avait|avaient) \s+ (?:{_ADVERB}\s+)* {_JUDGING_VERB_AFTER_COURT} (?![\w-])
""", re.X)
#: an article that makes the court a subject, at the end of a short window: "…, la |"
ARTICLE_AT_END = re.compile(r"(?:^|[^\w']) (?:[Ll]e|[Ll]a|[Ll]es|[Ll]') \s*$", re.X)
#: a preposition and an article at the end of a window: "de la |", "par le |" (the court is no subject)
PREPOSITION_AND_ARTICLE_AT_END = re.compile(r"""
    \b(?: de | d' | près | par | à | pour | devant | contre | avec | sur | sous | entre | sans | vers | envers
        | auprès\s+de )
    \s+ (?:la|le|les|l') \s*$
""", re.X)
#: a date after a judging verb, or a year (group ``year``): "|, le 22 décembre 2023", "| en 2019"
DATE_AFTER_JUDGED = re.compile(rf"""
    \s*,?\s*
    (?: (?:le|dès\s+le|en\s+date\s+du)\s+ {DATE} (?:\s+dernier)?
      | en\s+ (?P<year>{YEAR})\b )
""", re.X)
#: a report or an occasion, not a decision, after the court: "|, dans son rapport", "| lors de"
REPORT_OR_OCCASION_AFTER = re.compile(r"""
    \s*,?\s+
    (?: dans\s+(?:son|sa|ses|un|une|le|les)\s+(?:rapports?|[ée]tudes?|bilans?|avis\s+consultatif)
      | lors\s+d )
""", re.X)
# a formation after "en" (group ``formation``): "réunie en assemblée plénière", "statuant en section"
_IN_FORMATION = r"""
    (?:(?:r[ée]unie?|si[ée]geant|statuant)\s+)?
    en\s+
    (?P<formation>
        [Aa]ssembl[ée]e(?:\s+pl[ée]ni[èe]re|\s+du\s+contentieux)?
      | [Ss]ection(?:\s+du\s+contentieux)?
      | [Gg]rande\s+[Cc]hambre
      | [Cc]hambre\s+mixte
      | [Ff]ormation\s+pl[ée]ni[èe]re
    )(?![\w-])"""
#: a formation after the court or the citation: "|, réunie en assemblée plénière"
IN_FORMATION_AFTER = re.compile(rf"\s*,?\s+ {_IN_FORMATION}", re.X)
#: the same between commas: "la Cour de cassation|, réunie en assemblée plénière,| a jugé"
IN_FORMATION_BETWEEN_COMMAS = re.compile(rf"\s*,\s* {_IN_FORMATION} \s*,", re.X)
#: a formation at the end of a window, then "du", "de la": "la chambre sociale de la |Cour de cassation"
FORMATION_BEFORE_COURT = re.compile(rf"(?P<formation>{_FORMATION_NAMES}) {_OF_THE} $", re.X)
#: a word that names another court: what a phrase (b) must not reach over
OTHER_COURT_WORD = re.compile(r"\b(?:Cour|Conseil|CJUE|CEDH|CJCE|[Tt]ribunal|cour\s+(?:administrative|d'appel))\b",
                              re.X)
#: another authority, whose decision a phrase (b) may name: "le préfet", "le ministre"
OTHER_AUTHORITY = re.compile(r"""
    \b(?:pr[ée]fet|ministre|maire|gouvernement|Gouvernement|administration|commission|autorit[ée])\b
""", re.X)
#: a decision with a name: "l'arrêt Nicolo", "la décision dite « Perruche »"
NAMED_DECISION = re.compile(r"""(?:arr[êe]t|d[ée]cision)s? \s+ (?:dite?\s+)? [«"]? \s* [A-Z][a-zé'-]+""", re.X)

