"""Sure sentence ends (segment.sure_end_re): split_sentences ends a sentence at every one of them, with
the pattern for every abbreviation and with the one for the abbreviations a text's word tokens hold."""
import json

from hypothesis import given, settings, strategies as st

import regex

import screen_texts
from healthlint.checks.base import Context, word_tokens
from healthlint.segment import (
    ABBREVIATION_ENDS, ABBREVIATIONS, split_sentences, sure_end_re, sure_pieces as cut_pieces, sure_sentences,
)


def sure_pieces(text):
    return sure_end_re(ABBREVIATION_ENDS & word_tokens(text.casefold())).split(text)


def assert_sure(text):
    ends = {e for _, e in split_sentences(text)}
    for pattern in (sure_end_re(), sure_end_re(ABBREVIATION_ENDS & word_tokens(text.casefold()))):
        for m in pattern.finditer(text):
            assert m.end() in ends, (text, m.start())  # the sentence ends after the full stop
        pieces = pattern.split(text)
        assert len(pieces) == len(pattern.findall(text)) + 1
        assert ".".join(pieces) == text  # only the sure full stops are cut out
    assert_pieces(text)


def assert_pieces(text):
    """sure_pieces cuts the sentences into runs of whole sentences; sure_sentences, when it answers, gives
    the sentences."""
    spans = split_sentences(text)
    for ends in (ABBREVIATION_ENDS, ABBREVIATION_ENDS & word_tokens(text.casefold())):
        pieces = cut_pieces(text, ends)
        starts, stops = {s for s, _ in spans}, {e for _, e in spans}
        assert {s for s, _ in pieces} <= starts and {e for _, e in pieces} <= stops, text
        inside = [[x for x in spans if s <= x[0] and x[1] <= e] for s, e in pieces]
        assert sum(inside, []) == spans, text  # every sentence in one piece, in order
        assert sure_sentences(text, ends) in (None, spans), text


def test_abbreviation_ends_are_word_tokens():
    # An abbreviation's last letters are a token of the text: the character before them is a dot,
    # a word character (then they are no abbreviation's) or a character that casefolds to no word character.
    word = regex.compile(r"\w")
    assert [c for c in map(chr, range(0x110000)) if c != "." and not word.match(c)
            and word.match(c.casefold()[-1:] or " ")] == []
    assert {"etc", "sc", "approx", "dr"} <= ABBREVIATION_ENDS and not any(len(e) < 2 for e in ABBREVIATION_ENDS)


def test_abbreviations_and_initials_are_not_sure_ends():
    for word in ABBREVIATIONS:
        for form in (word, word.upper(), word.title(), "x" + word, "(" + word, "1" + word):
            text = f"See {form}. Then more."
            assert_sure(text)
            if len(word.rpartition(".")[2]) > 1:  # not cut where an abbreviation could end
                assert sure_end_re().split(text) == [text]
                if form.lower().lstrip("(") == word:  # nor where one does
                    assert sure_pieces(text) == [text]
    assert sure_pieces("J. Smith and Dr. Lee wrote it. Then etc. Foo. mr. X went. Ok b.sc. Hi") == [
        "J. Smith and Dr. Lee wrote it", " Then etc. Foo. mr. X went", " Ok b.sc. Hi"]


WORDS = ["Dr", "dr", "DR", "No", "no", "J", "e.g", "U.S", "b.sc", "B.Sc", "vs", "approx", "Approx", "APPROX", "etc",
         "\u212aetc", "ſt", "St", "supercalifragilistic", "abcdefghijkl", "abcdefghijklm", "x1", "ab", "Ab", "ph.d",
         "a_b", "Ménière", "naïve", "5", "1,000", "x-ray", "Xetc", "İstanbul", "corp", "figs", "sept", "univ"]


# Generated texts: the sure ends (assert_sure) and the pieces and sentences cut at them (assert_pieces).
PARTS = WORDS + [". ", ".", " ", " 5", "\n", "(", "A", "The", '"', "!", "?", ".  ", "  - ", "\u2022 ", ")", "\u201d", "5.7",
                 "$", "%", "e.g.", "[1]"]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(PARTS), max_size=16))
def test_generated(parts):
    assert_sure("".join(parts))


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet="abcdrstxABDST .!?\"'()]-*\n\t\xa0\x1c\u212a\u201d\u2019\u20225", max_size=40))
def test_generated_characters(text):
    assert_sure(text)


def test_fixtures_corpus_and_nih():
    for _, text, _ in screen_texts.fixtures():
        for line in text.splitlines():
            assert_sure(line)
    for _, text, _ in screen_texts.articles(50):
        for line in text.splitlines():
            assert_sure(line)
    if screen_texts.NIH.is_file():
        for line in screen_texts.NIH.read_text(encoding="utf-8").splitlines()[:300]:
            d = json.loads(line)
            assert_sure(d.get("text") or "\n\n".join(d.get("answers", [])))


def test_context_spans_are_the_split():
    # Context.sentence_spans takes the sure pieces where they are the sentences: always the split's spans.
    blocks = 0
    for doc in screen_texts.documents(30):
        ctx = Context(doc)
        for block in doc.blocks:
            assert ctx.sentence_spans(block) == split_sentences(block.text), block.text
            blocks += 1
    assert blocks > 500


def test_pieces():
    text = "It costs $5. Dr. Lee said so. We agree! Yes. A 5.7 value. End"
    pieces = cut_pieces(text)
    assert [text[s:e] for s, e in pieces] == ["It costs $5. Dr. Lee said so.", "We agree! Yes.", "A 5.7 value.", "End"]
    assert sure_sentences(text) is None
    text = "A 5.7 value (e.g 3) of five. Then $4 cakes. End "
    assert sure_sentences(text) == split_sentences(text) == [(0, 28), (29, 43), (44, 47)]
    for t in ("", "  ", " Ab. Cd  ", "Ab.  - x. Cd", "ab. Cd", "x\n\nab. Cd", "Ab. Cd. ", "Ab. Cd!  ", "Ab. Cd\n"):
        assert_pieces(t)
