"""The exact shortcuts of the boilerplate rules: HL301's head screen and HL302's top-language question
must never change what the full checks decide."""
import pytest
from hypothesis import given, strategies as st

from healthlint.checks import _chrome, _langid, boilerplate
from healthlint.checks.boilerplate import LETTER_WORD, _foreign, _foreign_line

CHROME = [
    "Leave a Reply", "Your comment is awaiting moderation.", "Posted in Nutrition | Tags: fiber, diet",
    "Skip to content", "We use cookies to give you the best experience on our website.", "1,284 views",
    "By Jane Doe | March 3, 2024", "Advertisement - Continue Reading Below", "This site uses Akismet to reduce spam.",
    "Share on Facebook | Tweet | Pin it", "Vitamin D and bones \u00bb", "Leave a comment. Your email address will not be published.",
    "Posted by admin | March 3, 2021 | 4,512 views", "tagged with: zinc", "You may also like:", "Contact us",
]


def test_head_screen_is_derived_from_the_patterns():
    assert _chrome._heads() is not None  # a stock pattern that can start with anything would switch it off
    assert sorted(_chrome._pattern_heads([r"tagged(?:\s+with)?\s*:"])) == ["tagged :", "tagged with", "tagged:"]


@pytest.mark.parametrize("line", CHROME)
def test_head_screen_lets_chrome_through(line):
    assert _chrome._may_start_chrome(line)


def test_head_screen_stops_prose():
    assert not _chrome._may_start_chrome("Most adults need seven to nine hours of sleep each night.")
    assert not _chrome._may_start_chrome("Your doctor may suggest a sleep study.")


@pytest.mark.parametrize("line", [
    "Dejar un comentario sobre este artículo", "Cancelar respuesta", "Loose teeth", "Causes and risk factors",
    "Zurück zur Startseite und weitere Artikel lesen", "Bring a family member or friend to take notes.",
])
@pytest.mark.parametrize("confidence", [0.0, 0.1, 0.5, 0.9])
def test_top_language_first_decides_as_the_top_five(line, confidence):
    if not _langid.available():
        pytest.skip("no language model")
    words = len(LETTER_WORD.findall(line))
    assert _foreign_line(line, "en", words, confidence) == _foreign(_langid.languages(line), "en", words, confidence)


# ---------------------------------------------------------------------------------------------
# HL302's English screens: a line they clear is never sent to the model, so they must never clear
# a line the model could call foreign. "Could" is taken broadly, whatever the options: a candidate
# line (min-words 1) whose top language is not English and that gives English under 5%.

import json
import random
import sys
from pathlib import Path

from healthlint.api import lint_text
from healthlint.checks.base import Context, word_tokens
from healthlint.checks.boilerplate import (
    _candidate, _common_english, _common_english_block, _english, _lower_words, _sentence_lines,
    _uncommon, _words,
)
from healthlint.parse import detect_format, parse

from foreign_lines import LANGUAGES, lines as foreign_lines

ROOT = Path(__file__).resolve().parent.parent
NIH = next((p / "shared" / "corpora" / "nih" / "medlineplus-topics.jsonl" for p in ROOT.parents
            if (p / "shared" / "corpora" / "nih").is_dir()), ROOT.parent / "shared" / "corpora" / "nih" / "x.jsonl")
ENGLISH = ("High blood pressure often has no symptoms, so many people do not know they have it. Checking it "
           "at home helps you and your doctor see how well your treatment works. Sit quietly for five "
           "minutes before you measure, and take two readings a minute apart.\n\n")

needs_model = pytest.mark.skipif(not _langid.available(), reason="no language model")


def _could_be_foreign(line: str) -> bool:
    langs = _langid.languages(line)
    top = max(langs, key=langs.get)
    return _candidate(line, _words(line), 1) and top != "en" and langs.get("en", 0.0) < 0.05


@needs_model
def test_no_foreign_line_the_model_could_flag_is_cleared():
    flaggable = [line for line in foreign_lines() if _could_be_foreign(line)]
    assert len(flaggable) > 300 and {"es", "de", "pl", "tr", "tempting"} <= {
        lang for lang, text in LANGUAGES.items() if set(text.splitlines()) & set(flaggable)}
    assert [line for line in flaggable if _common_english(word_tokens(line.casefold()))] == []


def _layouts(line: str):
    yield ENGLISH + line + "\n"
    yield ENGLISH + "Talk to your doctor about the dose.\n" + line + "\n"  # a line of a wrapped paragraph
    yield line + "\n\n" + ENGLISH
    yield ENGLISH + "- " + line + "\n- " + line + "\n"


def _findings(text: str, path: str = "a.md"):
    return [(f.line, f.end_line, f.message) for f in lint_text(text, path, select=["HL302"])]


@needs_model
@pytest.mark.parametrize("lang", sorted(LANGUAGES))
def test_foreign_lines_in_an_english_article_give_the_findings_of_the_unscreened_rule(lang, monkeypatch):
    """End to end, the block path included: the rule finds what it finds with the new screen
    switched off (the old rule), foreign lines in several layouts of an English article."""
    texts = [t for line in LANGUAGES[lang].splitlines() for t in _layouts(line)]
    fast = [_findings(t) for t in texts]
    monkeypatch.setattr(boilerplate, "_common_english", lambda tokens: False)
    assert fast == [_findings(t) for t in texts]
    assert any(fast)


def _english_texts():
    for path in sorted((ROOT / "fixtures").rglob("*")):
        if path.is_file() and path.suffix in (".md", ".txt", ".html"):
            yield path.name, path.read_text(encoding="utf-8", errors="replace")
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import corpus
    finally:
        sys.path.pop(0)
    rng = random.Random(7)  # the benchmark's first articles
    for n in range(40):
        yield f"{n}.md", corpus.build_article(rng, 800, 0.15, n)[0]
    if NIH.is_file():
        for n, row in enumerate(NIH.read_text(encoding="utf-8").splitlines()[:300]):
            d = json.loads(row)
            yield f"nih{n}.txt", (d.get("title", "") + "\n\n" + (d.get("text") or "\n\n".join(d.get("answers", [])))).strip() + "\n"


@needs_model
def test_lines_cleared_in_english_texts_are_lines_the_model_calls_english():
    cleared = 0
    for path, text in _english_texts():
        doc = parse(text, path, detect_format(path))
        for block in doc.blocks:
            for s, e in _sentence_lines(block, _chrome.block_pieces(doc, block)):
                line = block.text[s:e].replace("\ufffc", " ")
                if _common_english(word_tokens(line.casefold())):
                    cleared += 1
                    assert not _could_be_foreign(line), (path, line)
    assert cleared > 500


def test_document_pieces_are_block_pieces():
    """document_pieces (one table for both rules, unbroken blocks without the general walk) is
    block_pieces of every block; the block path reads ctx.words(block) as the tokens of a block's
    one line."""
    ones = 0
    for path, text in _english_texts():
        doc = parse(text, path, detect_format(path))
        ctx = Context(doc)
        table = _chrome.document_pieces(doc)
        assert table == [_chrome.block_pieces(doc, block) for block in doc.blocks], path
        for block, pieces in zip(doc.blocks, table):
            if len(pieces) == 1 and doc.format != "html":
                ones += 1
                s, e = pieces[0]
                assert ctx.words(block) == word_tokens(block.text[s:e].replace("\ufffc", " ").casefold())
    assert ones > 500


@pytest.mark.parametrize("text", [
    "Zinc may help.\nDejar un comentario sobre este artículo\n",
    "Zinc may help.\r\nDejar un comentario sobre este artículo\r\n",
    "Zinc may help.\rLeave a comment.\rShare this:\r",
    "Zinc may help.  \nLeave a comment.\n",
    "Zinc may help.\\\nThe dose matters.\n",
    "- Zinc may help.\n  The dose matters and the timing too.\n",
    "Zinc &#10;may help&#13;.\n\n  &nbsp;Zinc&nbsp;\n\n&#32;\n",
    "See [the\nguide](https://x.example) and [more](https://y.example\n\"t\").\n",
    "<p>Zinc<br>may help.</p><p>Leave a\ncomment.<br/> </p>",
])
def test_document_pieces_agree_with_block_pieces_on_line_breaks(text):
    for path in ("a.md", "a.txt", "a.html"):
        doc = parse(text, path, detect_format(path))
        assert _chrome.document_pieces(doc) == [_chrome.block_pieces(doc, block) for block in doc.blocks]


def test_a_title_in_the_articles_own_words_needs_no_model(monkeypatch):
    asked = []
    monkeypatch.setattr(_langid, "best", lambda text: asked.append(text))
    title = "# Atopic dermatitis: symptoms, diagnosis and treatment\n\n"
    body = ("Atopic dermatitis is a common condition that affects the skin. It can change how people feel from "
            "day to day, and many people live with it for years before it is diagnosed.\n")
    assert _findings(title + body) == [] and asked == []
    # The same line with words the article does not use still goes to the model.
    _findings("# Atopic dermatitis: síntomas, diagnosis and treatment\n\n" + body)
    assert asked == ["Atopic dermatitis: síntomas, diagnosis and treatment"]


@needs_model
@pytest.mark.parametrize("line", ["Consejos para la diabetes y el tratamiento with insulina",
                                  "Tout savoir sur the diabète et le traitement"])
def test_a_foreign_line_is_not_cleared_by_an_article_that_shares_some_of_its_words(line):
    body = ("Diabetes affects how the body uses blood sugar. The diabetes diet and insulin are part of the treatment "
            "plan for most people with diabetes, and the doctor checks the plan and the insulin dose often. Tout "
            "and sur appear here too, as do para, el and la, and so does the word with.\n\n")
    assert _findings("# Diabetes\n\n" + body + line + "\n")


def _block_screen_agrees(doc) -> int:
    ctx = Context(doc)
    uncommon = _uncommon(ctx)
    for block in doc.blocks:
        tokens = ctx.words(block)
        assert _common_english_block(tokens, uncommon) == _common_english(tokens), block.text
    return len(doc.blocks)


def test_block_screen_with_the_documents_uncommon_words_is_common_english():
    """_common_english_block (set tests against the document's uncommon words) == _common_english."""
    blocks = sum(_block_screen_agrees(parse(text, path, detect_format(path))) for path, text in _english_texts())
    mixed = ["Share this 2024 with the 12 and", "the and 1 2 3 4 5 6 7 8 9", "the 2 3", "of the", "the and",
             "Atopic dermatitis and 3 stroke", "Consejos para la diabetes and the tratamiento 45"]
    for line in mixed + [line for lang in LANGUAGES.values() for line in lang.splitlines()]:
        blocks += _block_screen_agrees(parse(ENGLISH + line + "\n", "a.md", "markdown"))
    assert blocks > 2000


@given(st.lists(st.sampled_from(["the", "and", "of", "you", "to", "2", "12", "zinc", "dermatitis", "xqzt",
                                 "la", "dosis", "3", "with", "²"]), max_size=12))
def test_block_screen_agrees_on_any_mix_of_words(words):
    _block_screen_agrees(parse(ENGLISH + " ".join(words) + "\n\n" + " ".join(reversed(words)) + "\n", "a.md", "markdown"))
