"""The sourcing rules' speed screens are exact: wherever a pattern matches, its screen lets the text through.

Each screen is a necessary condition read off a pattern (the words or characters a match contains);
these tests hold every screen to its pattern on the fixtures' sentences and on tricky strings.
"""
from pathlib import Path

import pytest

from healthlint.checks import sourcing
from healthlint.checks._citations import WEAK_RE, weak_possible
from healthlint.checks._numbers import (
    MENTION_RE, PATTERN_WORDS, mention_starts, number_mentions, plain, statistic_possible,
)
from healthlint.checks.base import WORD_RE
from healthlint.segment import split_sentences

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
TRICKY = [
    "About 1 in 4 adults, one in five children and three out of every ten teens.",
    "A third of patients, nearly half of all women, the majority of adults, a minority of people.",
    "Men are three times more likely, 3x more likely, 1.5x higher, ten-fold higher, twofold higher, twice as common.",
    "It doubles the risk, cuts the risk in half the risk, and 10,000 people or 50 million Americans are affected.",
    "The program costs $300 a month, 20 euros or 5 bucks; 30 percent, 30 per cent, 30 pc and 30% of users.",
    "Relief that lasts 8 weeks; results in 2 days; take it for 10 days; call (555) 123-4567 on May 5 at 8 p.m.",
    "Sept. 3, 2021, twenty-one, a hundred, a dozen, dozens, hundreds of people, Step 2: rinse.",
    "Studies show, experts agree, doctors recommend, a recent study found, it is well known that, backed by science.",
    "According to experts, science says, research has shown, clinical trials have proven, health experts warn.",
    "The experts agree. Many studies show it. Top doctors recommend it. Medical experts say so. One study found it.",
    "New research shows it. Data confirm it. Supported by studies. It has been scientifically proven that it works.",
    "A study published in the Journal of Nutrition; a Lancet study; a study in JAMA; reported in Nature Medicine.",
]


def _fixture_texts():
    for path in sorted(FIXTURES.rglob("*")):
        if path.is_file() and path.suffix in (".md", ".txt", ".html"):
            yield path.read_text(encoding="utf-8", errors="replace")
    yield from TRICKY


def _units():
    """Every sentence and every paragraph (blank-line separated) of the fixtures, plain ones only."""
    for text in _fixture_texts():
        for part in text.split("\n\n"):
            yield part
            yield from (part[s:e] for s, e in split_sentences(part))


UNITS = [u for u in dict.fromkeys(_units()) if plain(u, u.casefold())]


def _words(text):
    return frozenset(WORD_RE.findall(text.casefold()))


def test_there_are_units():
    assert len(UNITS) > 500


def test_mention_starts_hold_every_match_start():
    for text in UNITS:
        starts = set(mention_starts(text, text.casefold(), _words(text)))
        for m in MENTION_RE.finditer(text):
            assert m.start() in starts, (text, m)


def test_statistic_screen_passes_every_statistic():
    for text in UNITS:
        words = _words(text)
        starts = mention_starts(text, text.casefold(), words)
        for ranges in (False, True):
            if any(m.kind in sourcing.REPORTABLE for m in number_mentions(text, ranges)):
                assert statistic_possible(text, words), text
                assert statistic_possible(text, words, starts), text


def test_sentence_pattern_words():
    for text in UNITS:
        words = _words(text)
        for pattern, needs in PATTERN_WORDS.items():
            if pattern.search(text):
                assert not needs.isdisjoint(words), (pattern.pattern[:40], text)


def test_vague_and_weak_screens():
    for text in UNITS:
        words = _words(text)
        starts = set(sourcing.vague_starts(text, text.casefold(), words))
        for m in sourcing.VAGUE_RE.finditer(text):
            assert m.start() in starts, (text, m)
        if WEAK_RE.search(text):
            assert weak_possible(text, words), text


@pytest.mark.parametrize("text", [
    "\u00b9Studies show that it works.",  # a superscript is \w for re but not for regex: not plain
    "Research\u00b2 has shown that it works.",
    "It is TW\u0130CE as likely.",  # casefolding "İ" changes the length: not plain
])
def test_texts_that_are_not_plain_skip_the_screens(text):
    assert not plain(text, text.casefold())
