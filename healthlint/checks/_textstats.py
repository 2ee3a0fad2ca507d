"""Reading-grade statistics: Flesch-Kincaid grade and SMOG, with medical terms capped at two syllables.

The formulas are the published ones (Kincaid et al. 1975; McLaughlin 1969), as textstat implements
them, and syllables are counted the way textstat counts them: the CMU Pronouncing Dictionary first,
pyphen's hyphenation for other words. textstat itself is not used because version 0.7 downloads
NLTK's cmudict over the network on first use, which a linter must never do; rules/syllables.tsv.gz
ships the CMU counts that differ from pyphen's for common words instead.

A drug or condition name with no plain-language alternative ("atorvastatin", "hypertension") would
otherwise dominate both scores; counting it as a two-syllable word keeps the score about the
writing, not the vocabulary the topic forces on it.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import regex

from . import _lexicon as lex

WORD_RE = regex.compile(r"\p{L}+(?:['\u2019\-]\p{L}+)*|\p{N}+(?:[.,]\p{N}+)*")
VOWEL_GROUPS = regex.compile(r"[aeiouy]+")


@lru_cache(maxsize=1)
def _hyphenator():
    import pyphen

    return pyphen.Pyphen(lang="en_US")


@lru_cache(maxsize=1)
def _cmu() -> dict[str, int]:
    return {w: int(c) for w, _, c in (line.partition("\t") for line in lex.data_lines("syllables.tsv.gz"))}


def _part(part: str) -> int:
    return _cmu().get(part) or len(_hyphenator().positions(part)) + 1


@lru_cache(maxsize=50_000)
def syllables(word: str) -> int:
    w = word.lower().replace("\u2019", "'")
    if not w[:1].isalpha():
        return 1
    count = sum(_part(part) for part in w.split("-") if part)
    if count == 1 and len(w) > 7:  # pyphen leaves some long words unhyphenated; count vowel groups instead
        count = max(1, len(VOWEL_GROUPS.findall(w.removesuffix("e"))))
    if count > 2 and lex.is_medical_word(w, prefixes=False):
        return 2
    return count


@dataclass(frozen=True)
class Stats:
    words: int
    sentences: int
    syllables: int
    polysyllables: int  # words of 3+ syllables (after the medical cap)

    @property
    def fk_grade(self) -> float:
        if not self.words or not self.sentences:
            return 0.0
        return 0.39 * self.words / self.sentences + 11.8 * self.syllables / self.words - 15.59

    @property
    def smog(self) -> float:
        if not self.sentences:
            return 0.0
        return 1.043 * math.sqrt(self.polysyllables * 30 / self.sentences) + 3.1291


def words(text: str) -> list[str]:
    return WORD_RE.findall(text)


def stats(sentences: list[str]) -> Stats:
    n_words = n_syll = n_poly = 0
    n_sent = 0
    for sentence in sentences:
        ws = words(sentence)
        if not ws:
            continue
        n_sent += 1
        for w in ws:
            s = syllables(w)
            n_words += 1
            n_syll += s
            n_poly += s >= 3
    return Stats(n_words, n_sent, n_syll, n_poly)
