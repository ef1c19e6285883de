"""Candidate finding: where a decision is cited, and what each piece of the citation says (still as text).

Three ways in, all on the normalised text (same offsets as the source):

* formal citations open with a court head (``CE,``, ``Cass. soc.,``, ``CAA de Lyon,``…) followed by comma- or
  space-separated segments: formation, date, parties, numbers; a head only counts when a date, a number or an
  ECLI follows it, so ``le Conseil d'État est saisi`` and ``décret en Conseil d'État`` never become citations;
* informal citations hang a decision noun (``décision``, ``arrêt``, ``avis``, ``ordonnance``, ``jugement``)
  on a court mention: ``l'arrêt de la Cour de cassation du 12 juillet 2022``, ``dans sa décision du 5 avril
  2022, le Conseil d'État``, ``le tribunal administratif de Strasbourg, dans sa décision``; or a date and a
  judging verb on a mention: ``le 19 janvier 2023, la CJUE a jugé``;
* numbers that name their court by their shape: ``décision n° 2012-270 QPC``, ``C-311/18``, an ECLI.

Overlapping candidates are merged by :func:`merge`; the parser turns pieces into fields.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import courts as C
from .anchors import anchors
from .dates import DATE, YEAR, Date, date_from_match

NUM_MARK = r"(?:[Nn]\s?°\s?s?\.?|[Nn]os?\.?(?=\s?\d)|[Nn]uméros?)"


@dataclass(slots=True)
class Candidate:
    start: int
    end: int
    court: str | None
    formal: bool
    priority: int = 0                     # higher wins when merging
    seat: str | None = None
    formations: list[str] = field(default_factory=list)
    date: Date | None = None
    numbers: list[str] = field(default_factory=list)   # raw number texts, possibly joined
    parties: str | None = None
    ecli: str | None = None


# ---------------------------------------------------------------------------------------------------------
# Segment patterns (anchored with .match at a position)
# ---------------------------------------------------------------------------------------------------------
_SEP = re.compile(r"[ \n]*(,)?[ \n]*|[ \n]*[-:][ \n]+")
_DATE_SEG = re.compile(rf"(?:(?:du|le|en\s+date\s+du|arrêt\s+du|décision\s+du|jugement\s+du|ordonnance\s+du)\s+)?{DATE}")
_ECLI = r"ECLI\s?:\s?[A-Z]{2}\s?:\s?[A-Z]+\s?:\s?\d{4}\s?:\s?[\w.]+[\w]"
_ECLI_SEG = re.compile(_ECLI)
_IGNORABLE = re.compile(
    r"(?:s[ée]rie\s+A\s*,?\s*(?:n°|no)\s*[\w-]+"
    r"|(?:Juris-?\s?Data|JurisData)\s*,?\s*(?:n°|no)?\s*[\d-]+"
    r"|Lexbase\s*:?\s*(?:n°\s*)?[A-Z]{1,2}\d{3,}[A-Z0-9]*"
    r"|Dalloz\s*\d{4},?\s*p\.\s*\d+|D\.\s*\d{4},?\s*p\.\s*\d+|JCP\s*[GAENS]?\s*\d{4},?\s*(?:n°\s*)?\d+"
    r"|AJDA\s*\d{4},?\s*p\.\s*\d+|RFDA\s*\d{4},?\s*p\.\s*\d+|RJF\s*\d+/\d+,?\s*n°\s*\d+"
    r"|(?:Rec\.|Rec\.\s*(?:CE|Lebon)|Lebon|Leb\.)(?:\s*,?\s*(?:T\.\s*)?p\.\s*\d+)?|T\.\s*p\.\s*\d+|p\.\s*\d+"
    r"|(?:publié|mentionné|inédit)e?s?\s+(?:au|aux)\s+(?:tables\s+du\s+)?(?:[Rr]ecueil|[Bb]ulletin)(?:\s+Lebon)?"
    r"|in[ée]dit|Bull\.\s*(?:civ\.|crim\.)?\s*(?:[IVX]+)?,?\s*(?:n°\s*\d+)?|F[SPR]?-[PBRDI](?:\+[PBRDI])*"
    r"|[A-Z]\.?\s?\d{2}-\d{2}\.\d{3}(?=\s*[,;)])"   # a Cass pourvoi prefixed by a letter: kept by the number rule
    r")")
_PARTIES = re.compile(
    r"(?:(?:[A-ZÉÈÀÂÎÔÛÇ]|M\.|Mme|Mlle|Sté|soci[ée]t[ée]\s|commune\s|association\s|syndicat\s|ministre\s|"
    r"d[ée]partement\s|r[ée]gion\s|ville\s|f[ée]d[ée]ration\s|union\s|caisse\s|[ée]poux\s|consorts\s)"
    r"(?:[^,;()\[\]\n.·•|]|(?<=\b[A-ZÀ-Þ])\.\.\.|(?<=\b[A-ZÀ-Þ]\.)\.\.|(?<=\b[A-ZÀ-Þ]\.\.)\.|\.(?=\s?[A-Za-zÀ-ÿ]{1,3}\.)|(?<=\b[A-Za-zÀ-ÿ])\.|(?<=\b[A-Z][a-z])\.|(?<=Mme)\.|(?<=\bSté)\.)"
    r"{0,240}?)(?=\s*(?:[,;)\]\n·•|]|(?<=[a-zà-ÿ]{2})\.(?:\s|$)|$))")
_END_AFTER_PARTIES = re.compile(r"\s*(?:[;)\]\n·•]|\.(?:\s|$)|$|,\s*(?:[a-zéèàù]|«|\"|\())")
_BAD_PARTIES = re.compile(r"(?<=\s)a(?=\s)|\b(?:ont|est|sont|qui|que|dont|était|avait|selon|dans|pour|lorsque)\b|\d{3,}")

_FORMAL_HEAD_RE = re.compile(
    r"(?:" + "|".join(f"(?P<h{i}>{p})" for i, (_, p) in enumerate(C.FORMAL_HEADS)) + ")")
_LEFT_BAD = re.compile(r"(?:[A-Za-zÀ-ÿ'’-]|\ben\s)$")


def _left_ok(text: str, pos: int) -> bool:
    """No letter glued on the left, and not "en Conseil d'État" (a procedure, not a court deciding)."""
    if pos == 0:
        return True
    ch = text[pos - 1]
    if ch.isalpha() or ch in "'’-":
        return False
    return not (ch == " " and text[max(0, pos - 3):pos] == "en " and (pos < 4 or not text[pos - 4].isalpha()))


def _anchored(text: str, starts: list[int], pattern: re.Pattern):
    """Matches of ``pattern`` tried only at ``starts`` (where a word it may start with stands), never overlapping."""
    last = -1
    for p in starts:
        if p < last or not _left_ok(text, p):
            continue
        m = pattern.match(text, p)
        if m:
            last = m.end()
            yield m


def _heads(text: str, starts: list[int]):
    return _anchored(text, starts, _FORMAL_HEAD_RE)
_HEAD_CODES = [code for code, _ in C.FORMAL_HEADS]
_SEAT_AFTER = re.compile(r"\s*,?\s*" + C.SEAT)
_SEAT_PAREN = re.compile(r"\s*\(\s*" + C.SEAT + r"\s*\)")

_NUMBER_SEG: dict[str, re.Pattern] = {}
_NUMBER_SEG_BARE: dict[str, re.Pattern] = {}
_PREFIX = (r"(?:(?:req(?:u[êe]tes?|s?\.)|pourvois?|aff(?:aires?|\.)(?:\s+jointes)?|d[ée]c(?:isions?|\.)|"
           r"RG|recours|rôle)\s*(?:{mark}\s*)?|{mark}\s*)")
for _court, _shape in C.NUMBER_SHAPES.items():
    joined = rf"(?:{_shape})(?:\s*(?:,|et|&|/)\s*(?:{NUM_MARK}\s*)?(?:{_shape}))*"
    _NUMBER_SEG[_court] = re.compile(_PREFIX.format(mark=NUM_MARK) + rf"(?P<num>{joined})")
    if _court in C.BARE_NUMBER_COURTS:
        _NUMBER_SEG_BARE[_court] = re.compile(rf"(?P<num>{joined})")
for _court, _shape in C.BARE_SHAPES.items():
    _NUMBER_SEG_BARE[_court] = re.compile(rf"(?P<num>(?:{_shape})(?:\s*(?:,|et|&)\s*(?:{_shape}))*)")


_MAX_PARTY_WORDS = 40      # "Ministre de l'intérieur c/ Société Les Productions de la Plume et M. Dieudonné M'Bala M'Bala"


def _follows(text: str, pos: int, num_rx, bare_rx) -> bool:
    """A date, a number, an ECLI or a reference comes next: what closes a run of party names."""
    nxt = _SEP.match(text, pos).end()
    return bool(_DATE_SEG.match(text, nxt) or (num_rx and num_rx.match(text, nxt))
                or (bare_rx and bare_rx.match(text, nxt)) or _ECLI_SEG.match(text, nxt)
                or _IGNORABLE.match(text, nxt))


def _scan_tail(text: str, court: str, pos: int, cand: Candidate, limit: int = 400) -> int:
    """Consume the segments of a formal citation from pos; return the end of the last consumed segment."""
    end = pos
    stop = min(len(text), pos + limit)
    formations = C.formation_patterns(court)
    num_rx = _NUMBER_SEG.get(court)
    bare_rx = _NUMBER_SEG_BARE.get(court)
    segments = 0
    while end < stop:
        sep = _SEP.match(text, end)
        p = sep.end()
        comma = sep.group(1) is not None if sep.lastindex else False
        if p >= stop:
            break
        ch = text[p]
        m = None
        if ch == "E" and (m := _ECLI_SEG.match(text, p)):
            cand.ecli = re.sub(r"\s", "", m.group())
        elif cand.date is None and (m := _DATE_SEG.match(text, p)):
            cand.date = date_from_match(m)
            if segments == 0 and not m.group()[0].isdigit():
                cand.formal = False            # "la Cour de cassation du 12 juillet 2022", "le CE, le 5 mai…"
                cand.priority = -1             # only a citation if a number follows
        elif num_rx is not None and (m := num_rx.match(text, p)):
            cand.numbers.append(m.group("num"))
        elif bare_rx is not None and (comma or segments == 0 or court in ("CJUE", "TUE")) and (m := bare_rx.match(text, p)):
            cand.numbers.append(m.group("num"))
        elif (m := _IGNORABLE.match(text, p)):
            pass
        else:
            for rx, _code in formations:
                m = rx.match(text, p)
                if m and (m.end() == len(text) or not text[m.end()].isalnum()):
                    cand.formations.append(m.group())
                    break
                m = None
            if m is None and comma and cand.parties is None and not _FORMAL_HEAD_RE.match(text, p) \
                    and (m := _PARTIES.match(text, p)):
                parties = m.group()
                words = len(parties.split())
                if not parties.strip() or _BAD_PARTIES.search(parties) or words > _MAX_PARTY_WORDS:
                    m = None
                else:
                    q = m.end()
                    follows = _follows(text, q, num_rx, bare_rx)
                    # long names run over commas ("Société X, Y et Z, n° 1234"): only when an anchor follows
                    extra = 0
                    while not follows and extra < 3 and words <= _MAX_PARTY_WORDS:
                        sep2 = _SEP.match(text, q)
                        if sep2.group(1) is None:
                            break
                        m2 = _PARTIES.match(text, sep2.end())
                        if m2 is None or not m2.group().strip() or _BAD_PARTIES.search(m2.group()) \
                                or _FORMAL_HEAD_RE.match(text, sep2.end()):
                            break
                        q, extra = m2.end(), extra + 1
                        words += len(m2.group().split())
                        follows = _follows(text, q, num_rx, bare_rx) and words <= _MAX_PARTY_WORDS
                    if follows:
                        cand.parties = text[p:q].strip()
                        end = q
                        segments += 1
                        continue
                    if len(parties.split()) <= 8 and _END_AFTER_PARTIES.match(text, m.end()):
                        cand.parties = parties.strip()
                    else:
                        m = None
            if m is None:
                break
        end = m.end()
        segments += 1
    return end


def find_formal(text: str, hits: dict[str, list[int]] | None = None) -> list[Candidate]:
    """Formal citations; ``hits`` are the text's anchors (see :mod:`.anchors`), found here when not given."""
    out = []
    for m in _heads(text, (hits or anchors(text))["head"]):
        code = _HEAD_CODES[int(m.lastgroup[1:])]
        cand = Candidate(m.start(), m.end(), code, formal=True, priority=3)
        pos = m.end()
        if code == "CASS" and m.group()[0] in "CSA123" and m.group().split()[0] not in ("Cour", "Cass.", "Cass", "C."):
            cand.formations.append(m.group())          # Civ. 1re / Soc. / Crim. used as the head
        if code in C.SEATED:
            s = _SEAT_AFTER.match(text, pos) or _SEAT_PAREN.match(text, pos)
            if s and not C.court_of_head(s.group().strip(" ,")) and s.group().strip(" ,")[:2] != "n°":
                cand.seat = C.clean_seat(s.group().strip(" ,()"))
                pos = s.end()
            elif code in ("CA", "CPH", "TA"):
                continue
        end = _scan_tail(text, code, pos, cand)
        if cand.date is None and not cand.numbers and not cand.ecli:
            continue
        if code in ("CA", "CPH") and cand.date is None and not cand.numbers:
            continue
        cand.end = end
        if not cand.formal:
            if not cand.numbers:
                continue                       # "saisir la Cour de cassation le 1er juillet": no citation
            cand.formal, cand.priority = True, 3
        out.append(cand)
    return out


# ---------------------------------------------------------------------------------------------------------
# Informal citations: a decision noun hung on a court mention
# ---------------------------------------------------------------------------------------------------------
NOUN = r"(?:[Dd][ée]cisions?|[Aa]rr[êe]ts?|[Aa]vis|[Oo]rdonnances?|[Jj]ugements?)(?![\w-])"
_NAME = r"(?:\s+(?:dit|dite|dits|dites)\s+[«\"]?\s*[A-Z][\w'.-]+(?:\s+(?:II|I|[A-Z][\w'-]+|c\.\s+[A-Z][\w'-]+))?[»\"]?|\s+(?!Cour\b|Conseil\b|Tribunal\b|CE\b|CJUE\b|CEDH\b|TA\b|CAA\b)[A-Z][a-zé'-]+(?:\s+(?:II|I))?(?:\s+c\.\s+[A-Z][\w'-]+(?:[\s-][A-Z][\w'-]+)?)?)"
_FORMATION_PREFIX = (r"(?:(?:l'|la\s+|le\s+)?(?:[Aa]ssembl[ée]e\s+(?:du\s+contentieux|pl[ée]ni[èe]re)|[Ss]ection\s+du\s+contentieux|"
                     r"(?:premi[èe]re|deuxi[èe]me|troisi[èe]me|1re|2e|3e)\s+chambre\s+civile|chambre\s+(?:sociale|criminelle|commerciale|mixte)|"
                     r"[Gg]rande\s+[Cc]hambre|juge\s+des\s+r[ée]f[ée]r[ée]s|formation\s+de\s+jugement)\s+(?:du|de\s+la|de\s+l')\s*)")
_COURT_MENTION_RE = re.compile(
    r"(?:" + "|".join(f"(?P<m{i}>{p})" for i, (_, p) in enumerate(C.MENTIONS)) + r")(?![\w-])")


def _mentions(text: str, starts: list[int]):
    return _anchored(text, starts, _COURT_MENTION_RE)
_MENTION_CODES = [code for code, _ in C.MENTIONS]
_DATEY = rf"(?:{DATE}(?:\s+dernier)?|(?:de|en)\s+(?P<yr>{YEAR}))"
_DATE_ANY = re.compile(rf"(?:(?:le|du|en\s+date\s+du|rendue?s?\s+le)\s+)?{_DATEY}")

_NOUN_TAIL = (rf"(?:{_NAME})?(?:\s+n°\s*(?P<bnum>[\w./-]*\d[\w./-]*(?:\s?(?:QPC|DC|L|LP))?))?"
              rf"(?:\s+(?:rendue?s?|prononc[ée]e?s?|pr[ée]cit[ée]e?s?|r[ée]cente?s?|de\s+principe|QPC|contentieux|d'assembl[ée]e|de\s+section))*"
              rf"(?:\s+(?:le|du|en\s+date\s+du|rendue?s?\s+le)\s+(?P<bdate>\d{{1,2}}(?:er)?\s+\S+(?:\s+(?:{YEAR}|dernier))?|\d\d?/\d\d?/\d{{4}})|\s+(?:de|en)\s+(?P<byr>{YEAR}))?"
              r"(?:\s*\((?P<pref>[^()\n]{1,80})\))?")
# (a) noun … of/by the court:  l'arrêt de la Cour de cassation du 12 juillet 2022
_BEFORE_A = re.compile(rf"(?P<noun>{NOUN}){_NOUN_TAIL}\s*,?\s*(?:rendue?s?\s+)?(?:par\s+(?:le|la|l')\s*|du\s+|de\s+la\s+|de\s+l'\s*|des\s+){_FORMATION_PREFIX}?$")
# (c) dans sa décision du 5 avril 2022, le Conseil d'État
_BEFORE_C = re.compile(rf"(?P<prep>\b(?:[Dd]ans|[Pp]ar|[Ss]elon|[Aa]ux\s+termes\s+d[e'])\s+(?:sa|son|ses|une?|cette|cet|l'|la|le|les|leur|leurs|deux|trois|quatre|plusieurs)\s*(?:r[ée]cente?s?\s+|importante?s?\s+|c[ée]l[èe]bres?\s+)?)(?P<noun>{NOUN}){_NOUN_TAIL}\s*,\s*(?:le|la|l'|les)\s*{_FORMATION_PREFIX}?$")
# (d1) le 19 janvier 2023, la CJUE a jugé
_BEFORE_D = re.compile(rf"(?P<date>{DATE})\s*,\s*(?:le|la|l'|les)\s*$")
_VERB = (r"(?:en\s+|y\s+|l'\s*|les?\s+|la\s+)?(?:jug[ée]|estim[ée]|consid[ée]r[ée]|d[ée]cid[ée]|censur[ée]|annul[ée]|rappel[ée]|valid[ée]|"
         r"confirm[ée]|condamn[ée]|rejet[ée]|reconnu|pr[ée]cis[ée]|affirm[ée]|[ée]nonc[ée]|d[ée]clar[ée]|invalid[ée]|tranch[ée]|"
         r"retenu|admis|suspendu|rendu|ordonn[ée]|interpr[ée]t[ée]|sanctionn[ée]|enjoint|prononc[ée]|infirm[ée]|cass[ée])")
_AFTER_D = re.compile(rf"\s*(?:\([A-Z]{{2,6}}\))?\s+(?:en\s+|y\s+|l'\s*|les?\s+)?(?:a|ont|avait|avaient)\s+{_VERB}")
# (d2) le Conseil constitutionnel a, le 5 août 2021, censuré  ·  la Cour de cassation a jugé, le 12 juillet 2022,
_AFTER_D2 = re.compile(rf"\s*(?:\([A-Z]{{2,6}}\))?\s+(?:a|ont|avait)\s*(?:,\s*|{_VERB}(?:\s+[^.;,()]{{0,50}}?)?\s*,?\s*)(?:le|dès\s+le|en\s+date\s+du)\s+(?P<date>{DATE})")
# (b) le Conseil d'État, dans sa décision du 5 avril 2022 · le TA de Strasbourg dans sa décision
_AFTER_B = re.compile(rf"[^.;:!?()]{{0,90}}?\b(?:dans|par|selon|aux\s+termes\s+d[e'])\s+(?:(?:sa|son|ses|une?|cette|cet|leur|plusieurs|deux|trois)\s+|l'\s*)(?:r[ée]cente?s?\s+|importante?s?\s+|c[ée]l[èe]bres?\s+)?(?P<noun>{NOUN}){_NOUN_TAIL}(?=\s*(?:[,.;:)!?]|$|\s+(?:a|il|elle|qui|que|du|rendue?|de\s+principe|r[ée]cente?|dans|en|sur|relatifs?|relatives?|portant|concernant)\b))")
_AFTER_ABBR = re.compile(r"\s*\((?:CJUE|CEDH|CE|CJCE|TUE|Cour\s+EDH|TA|CAA)\)")
_AFTER_DATE = re.compile(rf"\s*,?\s*(?:(?:du|le|en\s+date\s+du|rendue?s?\s+le|,)\s*{DATE}(?:\s+dernier)?|\s+(?:de|en)\s+(?P<yr2>{YEAR})\b)")
_AFTER_NUM = re.compile(rf"\s*,?\s*(?:{NUM_MARK})\s*(?P<num>\d[\w./-]*\d(?:\s?(?:QPC|DC|LP|L)\b)?)")
_AFTER_SEAT = re.compile(r"\s+(?:de\s+la\s+|de\s+l'|d'\s*|de\s+)" + C.SEAT.replace("(?:(?:de\\s+la\\s+|de\\s+l'|d'\\s*|de\\s+)?", "(?:"))


def _date_in(s: str | None) -> Date | None:
    if not s:
        return None
    from .dates import parse_date
    d = parse_date(s)
    if d.month is None:
        return None
    if d.year is None and "dernier" in s:
        return d
    return d


def find_informal(text: str, hits: dict[str, list[int]] | None = None) -> list[Candidate]:
    out = []
    for m in _mentions(text, (hits or anchors(text))["mention"]):
        code = _MENTION_CODES[int(m.lastgroup[1:])]
        ms, me = m.start(), m.end()
        seat = None
        if code in C.SEATED:
            s = _AFTER_SEAT.match(text, me)
            if s:
                seat, me = C.clean_seat(s.group()), s.end()
            elif code == "TA" and m.group() == "TA":
                continue
        a = _AFTER_ABBR.match(text, me)
        tail_end = a.end() if a else me
        lo = max(0, ms - 160)
        window = text[lo:ms]
        found = None
        # (a) and (c): the noun comes first
        b = None
        if _NOUN_QUICK.search(window):
            b = _BEFORE_C.search(window) or _BEFORE_A.search(window)
        if b:
            date = _date_in(b.group("bdate"))
            year = int(b.group("byr")) if b.group("byr") else None
            nums = [b.group("bnum")] if b.group("bnum") else []
            is_c = "prep" in b.re.groupindex
            if not nums and b.group("pref"):
                nums = _paren_numbers(code, b.group("pref"))
            cand = Candidate(lo + b.start(), tail_end, code, formal=False, priority=1, seat=seat, numbers=nums)
            cand.date = date or (Date(year, None, None) if year else None)
            t = _AFTER_DATE.match(text, tail_end)
            if t and cand.date is None:
                cand.date = date_from_match(t) if t.group("d_day") or t.group("n_day") else Date(int(t.group("yr2")), None, None)
                cand.end = t.end()
            n = _AFTER_NUM.match(text, cand.end)
            if n:
                cand.numbers.append(n.group("num"))
                cand.end = n.end()
            elif not cand.numbers:
                _paren_after(text, cand)
            if is_c or cand.date or cand.numbers or _has_name(b.group()):
                found = cand
        if found is None:
            # (b): the court, then "dans sa décision …"
            s = _AFTER_B.match(text, tail_end)
            if s and not _BEFORE_NOUN_IS_OTHER.search(text, tail_end, s.start("noun")) \
                    and not _OTHER_COURT.search(text, tail_end, s.start("noun")):
                cand = Candidate(ms, s.end(), code, formal=False, priority=1, seat=seat)
                cand.date = _date_in(s.group("bdate"))
                if s.group("byr"):
                    cand.date = Date(int(s.group("byr")), None, None)
                if s.group("bnum"):
                    cand.numbers.append(s.group("bnum"))
                elif s.group("pref"):
                    cand.numbers.extend(_paren_numbers(code, s.group("pref")))
                found = cand
        if found is None:
            d = _BEFORE_D.search(text, max(0, ms - 40), ms) if _AFTER_D.match(text, tail_end) else None
            if d:
                found = Candidate(d.start(), tail_end, code, formal=False, priority=1, seat=seat,
                                  date=date_from_match(d))
            else:
                d2 = _AFTER_D2.match(text, tail_end)
                if d2:
                    found = Candidate(ms, d2.end(), code, formal=False, priority=1, seat=seat, date=date_from_match(d2))
        if found is None:
            found = _judged(text, code, seat, ms, tail_end)
        if found is None and (inc := _INCISE.match(text, tail_end)):
            # "la Cour de cassation, réunie en assemblée plénière, a jugé le 22 décembre 2023"
            d2 = _AFTER_D2.match(text, inc.end())
            if d2:
                found = Candidate(ms, d2.end(), code, formal=False, priority=1, seat=seat, date=date_from_match(d2))
            else:
                found = _judged(text, code, seat, ms, inc.end())
            if found is not None and any(rx.fullmatch(inc.group("f")) for rx, _ in C.formation_patterns(code)):
                found.formations.append(inc.group("f"))
        if found is not None:
            _formation_from_prefix(text, found, ms)
            if not found.numbers:
                _paren_after(text, found)
            if not found.formations:
                _formation_after(text, found, tail_end)
            out.append(found)
    return out


# --- a bracketed reference: "dans sa décision du 9 décembre 2019 (n° C4196)", "(pourvoi n° 21-85.763)" -------------
_PAREN = re.compile(r"\s*\((?P<pref>[^()\n]{1,80})\)")
_PAREN_REST = re.compile(r"\s*(?:[,;].*)?", re.S)


def _paren_numbers(court: str, content: str) -> list[str]:
    """The case numbers a bracket holds, when they have the shape of the court's numbers; else none."""
    content = content.strip()
    for rx in (_NUMBER_SEG.get(court), _NUMBER_SEG_BARE.get(court)):
        m = rx.match(content) if rx is not None else None
        if m and _PAREN_REST.fullmatch(content, m.end()):
            return [m.group("num")]
    return []


def _paren_after(text: str, cand: Candidate) -> None:
    p = _PAREN.match(text, cand.end)
    if p:
        nums = _paren_numbers(cand.court, p.group("pref"))
        if nums:
            cand.numbers.extend(nums)
            cand.end = p.end()


# --- a court that judged: "comme l'a jugé la Cour de cassation le 22 décembre 2023 en assemblée plénière",
# "la cour administrative d'appel de Marseille a estimé que" (the date is optional) ---------------------------------
_ADV = (r"(?:d'ailleurs|déjà|récemment|encore|notamment|également|aussi|bien|justement|clairement|expressément|"
        r"constamment|toujours|à\s+plusieurs\s+reprises|plusieurs\s+fois|maintes\s+fois|très\s+clairement|ainsi)")
_JUDGED = (r"(?:jug[ée]|estim[ée]|rappel[ée]|consid[ée]r[ée]|d[ée]cid[ée]|tranch[ée]|pr[ée]cis[ée]|affirm[ée]|"
           r"soulign[ée]|relev[ée]|reconnu|admis|censur[ée]|valid[ée]|consacr[ée]|retenu|constat[ée]|[ée]nonc[ée])")
_JUDGED_AFTER = r"(?:jug[ée]|estim[ée]|rappel[ée]|consid[ée]r[ée]|d[ée]cid[ée]|tranch[ée]|pr[ée]cis[ée])"
# the verb before, the subject inverted: "comme l'a jugé la", "ainsi qu'en a décidé le", "ce qu'a rappelé le"
_BEFORE_V = re.compile(
    rf"(?:\b(?:[Cc]omme|[Aa]insi(?:\s+que)?|[Tt]el(?:le)?s?\s+que)\s+(?:l'\s*|en\s+)?|\bqu'\s*(?:en\s+|l'\s*)?|\b[Ll]'\s*)"
    rf"(?:(?:a|ont|avait|avaient)\s+(?:{_ADV}\s+)*{_JUDGED}|a\s+pu\s+le\s+(?:juger|rappeler|relever|pr[ée]ciser|d[ée]cider))"
    rf"\s+(?:{_ADV}\s+)*(?:le|la|les|l')\s*{_FORMATION_PREFIX}?$")
# the verb after, the court its subject: "la cour administrative d'appel de Marseille a jugé"
_AFTER_V = re.compile(rf"\s*(?:\([A-Z]{{2,6}}\))?\s+(?:l'\s*|en\s+)?(?:a|ont|avait|avaient)\s+(?:{_ADV}\s+)*{_JUDGED_AFTER}(?![\w-])")
_SUBJECT_LEFT = re.compile(r"(?:^|[^\w'])(?:[Ll]e|[Ll]a|[Ll]es|[Ll]')\s*$")
_NOT_SUBJECT_LEFT = re.compile(r"\b(?:de|d'|près|par|à|pour|devant|contre|avec|sur|sous|entre|sans|vers|envers|auprès\s+de)\s+(?:la|le|les|l')\s*$")
_V_DATE = re.compile(rf"\s*,?\s*(?:(?:le|dès\s+le|en\s+date\s+du)\s+{DATE}(?:\s+dernier)?|en\s+(?P<yr3>{YEAR})\b)")
_NOT_A_DECISION_AFTER = re.compile(r"\s*,?\s+(?:dans\s+(?:son|sa|ses|un|une|le|les)\s+(?:rapports?|[ée]tudes?|bilans?|avis\s+consultatif)|lors\s+d)")
_EN_FORMATION = re.compile(
    r"\s*,?\s+(?:(?:r[ée]unie?|si[ée]geant|statuant)\s+)?en\s+(?P<f>[Aa]ssembl[ée]e(?:\s+pl[ée]ni[èe]re|\s+du\s+contentieux)?|"
    r"[Ss]ection(?:\s+du\s+contentieux)?|[Gg]rande\s+[Cc]hambre|[Cc]hambre\s+mixte|[Ff]ormation\s+pl[ée]ni[èe]re)(?![\w-])")


_INCISE = re.compile(_EN_FORMATION.pattern.replace("\\s*,?\\s+", "\\s*,\\s*", 1) + r"\s*,")


def _judged(text: str, code: str, seat: str | None, ms: int, tail_end: int) -> Candidate | None:
    before = _BEFORE_V.search(text, max(0, ms - 120), ms) if "'" in text[max(0, ms - 120):ms] else None
    end = None
    if before is not None:
        end = tail_end
    else:
        v = _AFTER_V.match(text, tail_end)
        if v is None:
            return None
        left = text[max(0, ms - 24):ms]
        if (not _SUBJECT_LEFT.search(left) or _NOT_SUBJECT_LEFT.search(left)) \
                and not _PREFIX_FORMATION.search(text, max(0, ms - 50), ms):
            return None
        end = v.end()
    if _NOT_A_DECISION_AFTER.match(text, end):
        return None
    cand = Candidate(ms, end, code, formal=False, priority=1, seat=seat)
    for _ in range(2):                         # "le 22 décembre 2023 en assemblée plénière", in either order
        d = _V_DATE.match(text, cand.end) if cand.date is None else None
        if d:
            cand.date = date_from_match(d) if d.group("d_day") or d.group("n_day") else Date(int(d.group("yr3")), None, None)
            cand.end = d.end()
            continue
        if not cand.formations and _formation_after(text, cand, cand.end):
            continue
        break
    return cand


def _formation_after(text: str, cand: Candidate, pos: int) -> bool:
    """ "…, réunie en assemblée plénière": a formation named right after the court or the citation."""
    f = _EN_FORMATION.match(text, pos)
    if f is None and pos != cand.end:
        f = _EN_FORMATION.match(text, cand.end)
    if f is None or not any(rx.fullmatch(f.group("f")) for rx, _ in C.formation_patterns(cand.court)):
        return False
    cand.formations.append(f.group("f"))
    cand.end = max(cand.end, f.end())
    return True


_OTHER_COURT = re.compile(r"\b(?:Cour|Conseil|CJUE|CEDH|CJCE|[Tt]ribunal|cour\s+(?:administrative|d'appel))\b")
_NOUN_QUICK = re.compile(r"cision|rrêt|rret|vis|rdonnance|ugement|Arrêt|Avis")
_BEFORE_NOUN_IS_OTHER = re.compile(r"\b(?:pr[ée]fet|ministre|maire|gouvernement|Gouvernement|administration|commission|autorit[ée])\b")


def _has_name(s: str) -> bool:
    return re.search(r"(?:arr[êe]t|d[ée]cision)s?\s+(?:dite?\s+)?[«\"]?\s*[A-Z][a-zé'-]+", s) is not None


_PREFIX_FORMATION = re.compile(
    r"(?P<f>[Aa]ssembl[ée]e\s+(?:du\s+contentieux|pl[ée]ni[èe]re)|[Ss]ection\s+du\s+contentieux|(?:premi[èe]re|deuxi[èe]me|troisi[èe]me|1re|2e|3e)\s+chambre\s+civile|"
    r"chambre\s+(?:sociale|criminelle|commerciale|mixte)|[Gg]rande\s+[Cc]hambre|juge\s+des\s+r[ée]f[ée]r[ée]s)\s+(?:du|de\s+la|de\s+l')\s*$")


def _formation_from_prefix(text: str, cand: Candidate, mention_start: int) -> None:
    f = _PREFIX_FORMATION.search(text, max(0, mention_start - 50), mention_start)
    if f:
        cand.formations.append(f.group("f"))


# ---------------------------------------------------------------------------------------------------------
# Numbers that name their court: CC decisions, CJEU cases, ECLIs
# ---------------------------------------------------------------------------------------------------------
_CC_RE = re.compile(
    rf"(?:(?P<dec>[Dd][ée]cisions?|[Dd][ée]c\.)\s+(?:(?:QPC|DC)\s+)?(?:{NUM_MARK}\s*)?(?P<n1>{C.CC_NUMBER})"
    rf"|(?<![\w-]){NUM_MARK}\s*(?P<n2>(?:19|20)?\d{{2}}-\d{{1,4}}(?:\s?/\s?\d{{1,4}})*\s?(?:QPC|DC)(?![\w-])))"
    rf"(?:\s*,?\s*(?:du|le|en\s+date\s+du)\s+{DATE})?")
_AFF_BEFORE = re.compile(r"aff(?:\.|aires?)\s*(?:jointes\s*)?(?:n°\s*)?$")
_CJEU_RE = re.compile(r"[CT]-\d{1,4}/\d{2}(?:\s?(?:PPU|P|R|DEP|OP)(?!\w))?(?![\d/])"
                      r"(?:\s*(?:,|et|&)\s*[CT]-\d{1,4}/\d{2}(?:\s?(?:PPU|P|R|DEP|OP)(?!\w))?(?![\d/]))*")
_ECLI_RE = re.compile(_ECLI)


def find_numbered(text: str, hits: dict[str, list[int]] | None = None) -> list[Candidate]:
    hits = hits or anchors(text)
    out = []
    seen = set()
    for p in hits["numbered"]:
        m = _CC_RE.search(text, max(0, p - 45), p + 60)
        while m is not None and m.start() in seen:
            m = _CC_RE.search(text, m.end(), p + 60)
        if m is not None and m.start() <= p + 10:
            seen.add(m.start())
            cand = Candidate(m.start(), m.end(), "CC", formal=True, priority=2,
                             numbers=[m.group("n1") or m.group("n2")])
            if m.group("d_day") or m.group("n_day"):
                cand.date = date_from_match(m)
            out.append(cand)
    last = -1
    for p in hits["case"]:                   # as re.finditer would: no match starts inside the previous one
        m = _CJEU_RE.match(text, p) if p >= last else None
        if m is None:
            continue
        start, last = m.start(), m.end()
        if start and (text[start - 1].isalnum() or text[start - 1] in "-/"):
            continue
        aff = _AFF_BEFORE.search(text, max(0, start - 22), start)
        if aff:
            start = aff.start()
        s = text[start:m.end()]
        court = "TUE" if re.search(r"(?<![\w-])T-", s) and not re.search(r"(?<![\w-])C-", s) else "CJUE"
        out.append(Candidate(start, m.end(), court, formal=True, priority=2, numbers=[s]))
    if "ECLI" in text:
        for m in _ECLI_RE.finditer(text):
            e = re.sub(r"\s", "", m.group())
            out.append(Candidate(m.start(), m.end(), _court_of_ecli(e), formal=True, priority=2, ecli=e))
    return out


def _court_of_ecli(ecli: str) -> str | None:
    parts = ecli.split(":")
    if len(parts) < 3:
        return None
    country, code = parts[1], parts[2]
    if country == "FR":
        if code.startswith("CE"):
            return "CE"
        return {"CC": "CC", "CCASS": "CASS", "TC": "TC"}.get(code, "CA" if code.startswith("CA") else None)
    if country == "EU":
        return {"C": "CJUE", "T": "TUE"}.get(code)
    if country == "CE" and code == "ECHR":
        return "CEDH"
    return None


def merge(cands: list[Candidate]) -> list[Candidate]:
    """Merge overlapping candidates: the union of spans, the fields of the strongest, gaps filled by the rest."""
    cands.sort(key=lambda c: (c.start, -c.end))
    out: list[list[Candidate]] = []
    end = -1
    for c in cands:
        if out and c.start < end and _compatible(out[-1], c):
            out[-1].append(c)
            end = max(end, c.end)
        else:
            out.append([c])
            end = c.end
    merged = []
    for group in out:
        group.sort(key=lambda c: (-c.priority, -(c.end - c.start)))
        best = group[0]
        for other in group[1:]:
            best.start = min(best.start, other.start)
            best.end = max(best.end, other.end)
            best.formal = best.formal or other.formal
            best.court = best.court or other.court
            best.seat = best.seat or other.seat
            if best.date is None or (best.date.year is None and other.date and other.date.year):
                best.date = other.date or best.date
            if not best.numbers:
                best.numbers = other.numbers
            best.parties = best.parties or other.parties
            best.ecli = best.ecli or other.ecli
            if not best.formations:
                best.formations = other.formations
        merged.append(best)
    return merged


_GAP_NUMBER = re.compile(r"[\s(,]*(?:aff(?:\.|aire)\s*)?")
_GAP_PAREN = re.compile(r"\s*,?\s*[(\[]\s*")


def attach_numbers(cands: list[Candidate], text: str) -> list[Candidate]:
    """An informal citation directly followed by a bare case number: "la CJUE (aff. C-333/21)" is one citation;
    so is one followed by a formal citation of the same court in brackets: "le Conseil d'État (CE, 5 mai 2026,
    …, n° 502860)", which keeps the formal span unless the mention alone gives the date."""
    out: list[Candidate] = []
    for c in cands:
        prev = out[-1] if out else None
        if (prev is not None and prev.priority == 1 and not prev.numbers and c.priority == 2 and c.numbers
                and _compatible([prev], c) and _GAP_NUMBER.fullmatch(text, prev.end, c.start)):
            prev.numbers, prev.end = c.numbers, c.end
            continue
        if (prev is not None and prev.priority == 1 and not prev.numbers and c.priority == 3 and c.formal
                and prev.court == c.court and _GAP_PAREN.fullmatch(text, prev.end, c.start)):
            if prev.date is None or c.date is not None:
                c.formations = c.formations or prev.formations
                c.seat = c.seat or prev.seat
                out[-1] = c                     # the bracketed citation says it all
            else:
                prev.numbers, prev.end = c.numbers, c.end
                prev.formations = prev.formations or c.formations
                prev.parties, prev.ecli = prev.parties or c.parties, prev.ecli or c.ecli
            continue
        out.append(c)
    return out


def _compatible(group: list[Candidate], c: Candidate) -> bool:
    return any(g.court is None or c.court is None or g.court == c.court
               or {g.court, c.court} <= {"CJUE", "TUE"} for g in group)
