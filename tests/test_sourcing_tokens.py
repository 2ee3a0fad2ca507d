"""The sourcing rules' cheaper screens hold every text their patterns can match in: a journal name
(HL603) lies inside one word token; a vague attribution (HL602) holds a word of each form's first set;
the stdlib scan for number starts in ASCII text finds the general scan's starts (HL601)."""
from hypothesis import given, settings, strategies as st

from healthlint.checks import _citations, _numbers, sourcing
from healthlint.checks.base import word_tokens
from test_sourcing_screens import TRICKY, UNITS

ODD = ["Journal", "JOURNAL", "the Lancet's", "xBMJx", "Cellular", "İJAMA", "Sciences\u00b2", "Natur e", "ﬁNature",
       "straße Diabetes", "NEJM_", "Annals\u0301", "PLOS1", "a\u212aCell", "no name here"]


def _check_journal_tokens(text):
    words = word_tokens(text.casefold())
    if _citations.JOURNAL_NAME.search(text):
        assert _citations.journal_tokens(words), text
    if _citations.WEAK_RE.search(text):
        assert _citations.journal_tokens(words), text


def test_journal_tokens_hold_every_journal_name():
    for text in UNITS + TRICKY + ODD:
        _check_journal_tokens(text)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(ODD + ["published in", "a study in", " ", ".", "\u00e9", "\u0130", "-"]), max_size=8))
def test_journal_tokens_generated(parts):
    _check_journal_tokens("".join(parts))


def test_journal_token_memo_starts_afresh(monkeypatch):
    monkeypatch.setattr(_citations, "MAX_TOKENS", 3)
    for i in range(10):
        words = frozenset({f"w{i}", f"journal{i}", "lancet", "plain"})
        assert _citations.journal_tokens(words) == {f"journal{i}", "lancet"}


def test_vague_first_sets():
    for text in UNITS + TRICKY:
        if sourcing.VAGUE_RE.search(text):
            firsts = frozenset().union(*(form[0][0] for form in sourcing.VAGUE_FORMS))
            assert not firsts.isdisjoint(word_tokens(text.casefold())), text


def _starts(pattern, text):
    return [m.start() for m in pattern.finditer(text)]


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet="0123456789$+( .,x-a", max_size=30))
def test_ascii_number_starts_are_the_general_ones(text):
    assert _starts(_numbers.START_ASCII, text) == _starts(_numbers.START_CHARS, text)


def test_ascii_number_starts_on_fixtures():
    for text in UNITS + TRICKY:
        if text.isascii():
            assert _starts(_numbers.START_ASCII, text) == _starts(_numbers.START_CHARS, text)
