"""HL301's word-count screen (_chrome._has_words) reads only as far as the n-th word: it must agree
with counting every word (WORDS.findall), whatever the characters."""
from hypothesis import given, settings, strategies as st

from healthlint.checks._chrome import WORDS, _has_words

PARTS = st.sampled_from(["a", "Zinc", "x-ray", "it's", "l’eau", "--", "-a", "'b", "’", " ", "  ", "7", "2½", "é",
                         "日本", "_", ".", ",", "|", "»", "\u0301", "ſ", "\u00a0", "-", "'", "a'", "ü-"])


@settings(max_examples=2000, deadline=None)
@given(st.lists(PARTS, max_size=14), st.integers(1, 6))
def test_has_words_counts_as_findall(parts, n):
    text = "".join(parts)
    assert _has_words(text, n) == (len(WORDS.findall(text)) >= n), text


@settings(max_examples=1000, deadline=None)
@given(st.text(max_size=30), st.integers(1, 6))
def test_has_words_on_any_text(text, n):
    assert _has_words(text, n) == (len(WORDS.findall(text)) >= n)
