"""Context.words is an exact screen: wherever a case-insensitive rule pattern
matches a whole word, that word is among the unit's tokens, whatever Unicode surrounds it."""
import regex
from hypothesis import given, settings, strategies as st

from healthlint.checks.base import word_tokens

WORDS = ["ill", "kiss", "sis", "is", "li", "ski"]
ALPHABET = "iIlLsSkK İıſKß²½\u0301\u0307-'’.,é"


@settings(max_examples=3000)
@given(st.text(alphabet=ALPHABET, max_size=16), st.sampled_from(WORDS))
def test_a_whole_word_match_is_always_a_token(text, word):
    if regex.search(rf"(?i)\b{word}\b", text):
        assert word in word_tokens(text.casefold())


def test_examples():
    assert word_tokens("suicide²".casefold()) >= {"suicide"}
    assert "ill" in word_tokens("İll".casefold())


@settings(max_examples=2000)
@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=40))
def test_ascii_fast_path_equals_findall(text):
    folded = text.casefold()
    assert word_tokens(folded) == frozenset(regex.findall(r"\w+", folded))
