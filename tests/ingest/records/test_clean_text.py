"""Published texts as plain text (ingest/values.py) and their normalisation for the citation finders: the quick
ways give what the plain ways give (a walk over lxml.html's tree, regular expressions), on real texts and on
markup made to be awkward."""
from __future__ import annotations

import html
import json
import random
import re
import zipfile

import pytest

from hemicycle.ingest.records import values
from hemicycle.ingest.citations import normalize as norm
from hemicycle.ingest.records.values import clean_text

from support import AN_DATA, real_data

QG_ZIP = AN_DATA / "questions" / \
    "l16-questions-gouvernement-1-639.json.zip"


walked = values._walked_text  # the walk the quick way must agree with (and falls back on)


def plain(raw: str) -> str | None:
    """clean_text the plain way: the walk, then two regular expressions."""
    text = raw.strip()
    if not text:
        return None
    if "<" in text:
        text = walked(text.replace("</br>", "<br/>"))
    elif "&" in text:
        text = html.unescape(text)
    text = re.sub(r"[ \t\r\f\v]{2,}|[\t\r\f\v]", " ", text)
    text = re.sub(r"\s*\n\s*", "\n", text)
    return text.strip() or None


PIECES = ["<br>", "<br/>", "</br>", "<p>", "</p>", '<p align="CENTER">', "<strong>", "</strong>", "<i>", "</i>",
          "<a name=PG4>", "</a>", "<td>", "</td>", "<th>", "<tr>", "</tr>", "<table>", "</table>", "<div>", "</div>",
          "<li>", "<ul>", "</ul>", "<h1>", "</h1>", "<center>", "<script>x<y</script>", "<style>p{}</style>",
          "<script>", "<!-- c -->", "<!--", "-->", "<![CDATA[ z ]]>", "<!DOCTYPE html>", "<html>", "<body>", "</body>",
          "<head>", "<title>t</title>", "<b<", "<", ">", "&", "&amp;", "&nbsp;", "&#160;", "&#339;", "&bogus;",
          "&#0;", "&#xD800;", " ", "  ", "\t", "\r", "\n", "\f", "\v", "\xa0", "\u202f", "\u2028", "\x85", "\x1c",
          "\x00", "\x01", "\x7f", "é", "’", "word", "n° 2002-65", "<em>", "</em>", "<img src=x>",
          "<pre> a \n b </pre>",
          "<svg><g>s</g></svg>", "<P>", "<BR>", "<Br >", "</ br>", "<br></br>", '<meta charset="latin-1">',
          "<textarea>t</textarea>", "<xmp>x</xmp>", "<plaintext>"]


def test_real_texts_as_the_walk_gives_them():
    real_data(*QG_ZIP.relative_to(AN_DATA).parts)
    with zipfile.ZipFile(QG_ZIP) as archive:
        texts = [json.loads(archive.read(name))["question"]["textesReponse"]["texteReponse"]["texte"]
                 for name in archive.namelist() if not name.endswith("/")]
    assert len(texts) == 639 and all("<br>" in text for text in texts)
    assert [clean_text(text) for text in texts] == [plain(text) for text in texts]


@pytest.mark.parametrize("markup", [
    "<p>a</p><!-- b --><p>c</p>", "x<script>var a = '<p>';</script>y", "<table><tr><td>a</td><td>b</td></tr></table>",
    "  <p>lead</p>", " lead <br> tail ", "<b>a</b> <i>b</i>", "<br> <strong>M. X. </strong>La parole", "a</br>b",
    "<html><body><p>a</p></body></html>", "<!DOCTYPE html><p>a</p>", "<?php echo 1; ?><p>a</p>", "<p>\x01a</p>b",
    "a<b>\x01x</b>", "<div><p>a<br>b</p></div>", "&lt;p&gt; &amp; <br>", "<pre>  a\n\n  b </pre>",
])
def test_awkward_markup_as_the_walk_gives_it(markup):
    assert clean_text(markup) == plain(markup)


def test_random_markup_as_the_walk_gives_it():
    rng = random.Random(17)
    for _ in range(3000):
        markup = "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 20)))
        try:
            expected = plain(markup)
        except ValueError:  # lxml.html refuses a control character in the text before the first element
            continue
        except Exception as error:  # what lxml.html cannot take (no element at all…) raises as it did
            with pytest.raises(type(error)):
                clean_text(markup)
            continue
        assert clean_text(markup) == expected, markup


def test_a_control_character_before_the_first_element_is_kept():
    # lxml.html refuses to set it as its new root's text (ValueError, which stopped the whole ingest); after the
    # first element, the same character was always kept.
    assert clean_text("a\x01<b>x</b>") == "a\x01x"
    assert clean_text("a<b>\x01x</b>") == "a\x01x"
    assert clean_text("<?php ?>a\x01<b>x</b>") == "a\x01x"  # the walk, for a processing instruction


def test_white_space_as_the_regular_expressions_give_it():
    rng = random.Random(5)
    alphabet = [" ", "  ", "\t", "\n", "\r", "\f", "\v", "\xa0", "\u2028", "\x1c", "\x85", "\u3000", "\u200b", "a",
                "b", "&amp;"]
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 25)))
        assert clean_text(text) == plain(text), repr(text)


def test_normalisation_swaps_as_the_table_says():
    special = re.compile("[" + "".join(re.escape(chr(c)) for c in norm._TABLE) + "]")
    every = "".join(chr(c) for c in norm._TABLE)
    rng = random.Random(3)
    texts = [every, every[::-1], "CE,\u00a05\u202fmai 2026, nº 502860 – Conseil d\u2019État"]
    texts += ["".join(rng.choice(every + "ab <&") for _ in range(rng.randint(0, 40))) for _ in range(2000)]
    for text in texts:
        expected = special.sub(lambda m: norm._TABLE[ord(m.group())], text)
        if "<" in expected or "&" in expected:
            expected = norm._MARKUP.sub(norm._blank, expected)
        assert norm.normalize(text).text == expected
