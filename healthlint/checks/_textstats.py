"""Reading-grade statistics: Flesch-Kincaid grade and SMOG, with medical terms capped at two syllables.

The formulas are the published ones (Kincaid et al. 1975; McLaughlin 1969), as textstat implements
them, and syllables are counted the way textstat counts them: the CMU Pronouncing Dictionary first,
pyphen's hyphenation for other words. textstat itself is not used because version 0.7 downloads
NLTK's cmudict over the network on first use, which a linter must never do; rules/syllables.tsv.gz
ships the CMU counts that differ from pyphen's for common words instead.

A drug or condition name with no plain-language alternative ("atorvastatin", "hypertension") would
otherwise dominate both scores; counting it as a two-syllable word keeps the score about the
writing, not the vocabulary the topic forces on it.

Both tables are digested once into the cache folder (healthlint.cache.derived): the CMU counts as a
dict, pyphen's en_US hyphenation patterns as a dict of bytes (pyphen itself parses its .dic file in
Python, ~100 ms). Hyphenation points are then counted here with pyphen's own algorithm, so a lint
never imports pyphen. A stored table is keyed by its source files, not by this code: give it a new
name if its format changes.
"""
from __future__ import annotations

import math
from collections import namedtuple
from functools import lru_cache, partial
from itertools import repeat

import regex

from . import _lexicon as lex

WORD_RE = regex.compile(r"\p{L}+(?:['\u2019\-]\p{L}+)*|\p{N}+(?:[.,]\p{N}+)*")
VOWEL_GROUPS = regex.compile(r"[aeiouy]+")
HYPHEN_LEFT = HYPHEN_RIGHT = 2  # pyphen.Pyphen's defaults: no break within two letters of either end


def _read_cmu() -> dict[str, int]:
    return {w: int(c) for w, _, c in (line.partition("\t") for line in lex.data_lines("syllables.tsv.gz"))}


@lru_cache(maxsize=1)
def _cmu() -> dict[str, int]:
    from .. import cache

    return cache.derived("syllables", [lex.data_path("syllables.tsv.gz")], _read_cmu)


def hyphenation_path() -> str:
    """pyphen's en_US dictionary, found without importing pyphen (as Pyphen(lang="en_US") finds it)."""
    path = lex.package_file("pyphen", "dictionaries/hyph_en_US.dic")
    if path is None:
        raise lex.MissingData("the readability rules need pyphen (pip install pyphen)")
    return path


def _read_patterns() -> tuple[dict[str, bytes], int]:
    """pyphen's parsed patterns, each (start, levels...) as bytes (levels are digits), and the longest."""
    from pathlib import Path  # only when the table is rebuilt: pyphen reads a Path

    import pyphen

    hd = pyphen.HyphDict(Path(hyphenation_path()))
    return {key: bytes((start, *levels)) for key, (start, levels) in hd.patterns.items()}, hd.maxlen


@lru_cache(maxsize=1)
def _patterns() -> tuple[dict[str, bytes], int]:
    from .. import cache

    path = hyphenation_path()
    return cache.derived("hyphenation", [path], _read_patterns)


def hyphen_points(word: str) -> int:
    """len(pyphen.Pyphen(lang="en_US").positions(word)): Liang's algorithm as pyphen runs it (every
    substring of ".word." that is a pattern raises the levels between its letters; odd levels are
    break points), keeping the points at least HYPHEN_LEFT/HYPHEN_RIGHT letters from the ends."""
    patterns, maxlen = _patterns()
    pointed = f".{word.lower()}."
    n = len(pointed)
    levels = [0] * (n + 1)
    for i in range(n - 1):
        for j in range(i + 1, min(i + maxlen, n) + 1):
            pattern = patterns.get(pointed[i:j])
            if pattern:
                for k, level in enumerate(pattern[1:], i + pattern[0]):
                    if level > levels[k]:
                        levels[k] = level
    right = len(word) - HYPHEN_RIGHT
    return sum(1 for i, level in enumerate(levels) if level % 2 and HYPHEN_LEFT <= i - 1 <= right)


def _part(part: str) -> int:
    return _cmu().get(part) or hyphen_points(part) + 1


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


def fk_grade(words: int, sentences: int, syllables: int) -> float:
    if not words or not sentences:
        return 0.0
    return 0.39 * words / sentences + 11.8 * syllables / words - 15.59


class Stats(namedtuple("Stats", "words sentences syllables polysyllables")):
    """Counts (ints); polysyllables: words of 3+ syllables (after the medical cap). A tuple: made for
    every scored block, and cheaper to make than a dataclass."""
    __slots__ = ()

    @property
    def fk_grade(self) -> float:
        return fk_grade(self.words, self.sentences, self.syllables)

    @property
    def smog(self) -> float:
        if not self.sentences:
            return 0.0
        return 1.043 * math.sqrt(self.polysyllables * 30 / self.sentences) + 3.1291


def words(text: str) -> list[str]:
    return WORD_RE.findall(text)


# Counts packed in one int, polysyllables | syllables << SHIFT | words << 2 * SHIFT, so that one sum()
# adds all three, and the largest packed count of some sentences has the most words. Exact while a
# field stays under 2**SHIFT: a word has at least one character and at most three syllables per
# character (CMU: "w"), so for any text under a billion characters.
SHIFT = 32
MASK = (1 << SHIFT) - 1
WORDS = 2 * SHIFT  # packed >> WORDS: the word count
MAX_CHUNKS = 200_000  # memo entries kept before starting afresh (a bound on memory, not on speed)
_chunks: dict[str, int] = {}  # whitespace-separated chunk ("disease.", "follow-up") -> packed counts
# One int object per distinct packed count (a few dozen), shared by all chunks that have it: sum()
# then reads a few objects that stay in the CPU cache instead of one per chunk (~5% in a full lint).
_counts: dict[int, int] = {}


def _chunk_counts(chunk: str) -> int:
    counts = [syllables(w) for w in WORD_RE.findall(chunk)]
    return sum(c >= 3 for c in counts) | sum(counts) << SHIFT | len(counts) << WORDS


def _remember(texts) -> None:
    if len(_chunks) > MAX_CHUNKS:
        _chunks.clear()
        _counts.clear()
    for text in texts:
        for chunk in text.split():
            if chunk not in _chunks:
                packed = _chunk_counts(chunk)
                _chunks[chunk] = _counts.setdefault(packed, packed)


def counts(pieces: list[str]) -> list[int]:
    """The packed counts of each piece of text: a str.split() and a dict lookup per chunk, memoised
    per distinct chunk. Exact: a word (WORD_RE: letters, digits, ' ’ - . , between them) never
    contains whitespace, so a text's words are its chunks' words."""
    get = partial(map, _chunks.__getitem__)
    try:
        return list(map(sum, map(get, map(str.split, pieces))))
    except KeyError:
        _remember(pieces)
        return list(map(sum, map(get, map(str.split, pieces))))


def sentence_counts(text: str, spans: list[tuple[int, int]]) -> list[int]:
    """The packed counts of text[s:e] for each sentence span (s, e)."""
    return counts([text[s:e] for s, e in spans])


def stats_of(packed: list[int]) -> Stats:
    """Stats of sentences from their packed counts; sentences without words do not count."""
    return unpack(sum(packed), len(packed) - packed.count(0))


def stats_of_blocks(blocks: list[list[int]]) -> Stats:
    """stats_of all the sentences of several blocks (each a list of packed counts), in C-level map()s."""
    with_words = sum(map(len, blocks)) - sum(map(list.count, blocks, repeat(0)))
    return unpack(sum(map(sum, blocks)), with_words)


def packed_grade(total: int, sentences: int) -> float:
    """unpack(total, sentences).fk_grade without making the Stats."""
    return fk_grade(total >> WORDS, sentences, total >> SHIFT & MASK)


def unpack(total: int, sentences: int) -> Stats:
    """Stats from the sum of some sentences' packed counts and how many of them have words."""
    return Stats(total >> WORDS, sentences, total >> SHIFT & MASK, total & MASK)


def stats(sentences: list[str]) -> Stats:
    return stats_of(counts(sentences))
