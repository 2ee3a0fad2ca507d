"""The negated guard skips its patterns when the match's sentence is ASCII and holds none of
NEGATION_LITERALS (Site.lacks). This compares it with the same guard never screened, at arbitrary
spans of generated text: negators cut at window edges, Unicode, apostrophes, long sentences."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from healthlint.checks import guards as g

PIECES = ["no", "not", "cannot", "can", "not", "n't", "don't", "won't", "isn’t", "never", "neither", "nor", "nothing",
          "none", "no one", "false", "myth", "unproven", "debunked", "hardly", "barely", "far from", "fails to",
          "fiction", "fantasy", "is a myth", "do not", "There is no", "that", "which", "cures", "diabetes", "know",
          "K", "NOT", "NEVER", "İ", "ſ", "é", ",", ".", "?", ";", " - ", "—", "and", "it", "works", "\n", "  ", "x" * 40]


def _unscreened(text, start, end):
    original = g.Site.lacks
    g.Site.lacks = lambda self, literals: False
    try:
        g._last[0] = None
        return g.negated(text, start, end)
    finally:
        g.Site.lacks = original
        g._last[0] = None


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=80), st.sampled_from([" ", "", "\n"]), st.data())
def test_negated_screen_is_exact(pieces, sep, data):
    text = sep.join(pieces)
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, min(len(text), start + 30)))
    g._last[0] = None
    assert g.negated(text, start, end) == _unscreened(text, start, end)


def test_a_sentence_without_negation_literals_is_screened():
    text = "This tea cures diabetes forever."
    site = g.Site(text, 9, 23, g._sentence_spans(text))
    assert site.lacks(g.NEGATION_LITERALS)
    assert not g.Site("It does not cure it.", 12, 16, g._sentence_spans("It does not cure it.")).lacks(g.NEGATION_LITERALS)
