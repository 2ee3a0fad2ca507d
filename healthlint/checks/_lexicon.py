"""Word data shared by the garbled and readability rules, all bundled and offline, loaded lazily.

- English word frequencies: pyspellchecker's `en.json.gz` (read as data; the package is not imported).
- Common English word pairs: rules/english-pairs.tsv.gz, the part of symspellpy's bigram list (Google
  Books counts) that the spun-term rule asks about (built by _build_data.py).
- rules/medical-words.txt, rules/medical-phrases.txt, rules/spinner-synonyms.tsv (hand-built) and
  rules/tortured-phrases.tsv.gz (Problematic Paper Screener, CC BY 4.0, see rules/ATTRIBUTION.md).
"""
from __future__ import annotations

import os
from array import array
from functools import lru_cache

import regex

from ..config import ConfigError
from .packs import builtin_pack_dir

# A word: letters with inner apostrophes or hyphens ("flu-like", "Crohn's"). Digits make a token a
# non-word for spelling (doses, codes); they stay tokens for phrases ("type 2 diabetes").
TOKEN_RE = regex.compile(r"[\p{L}\p{N}]+(?:['\u2019\-][\p{L}\p{N}]+)*")

# Medical morphology: words built like these are terms, not typos, even when no list has them.
MEDICAL_AFFIX_RE = regex.compile(
    r"(?:itis|itides|ectomy|ectomies|otomy|ostomy|plasty|scopy|scopic|graphy|gram|grams|mab|nib|tinib|pril|sartan"
    r"|olol|alol|statin|azole|prazole|cillin|mycin|micin|cycline|floxacin|vir|tidine|dipine|afil|triptan|azepam"
    r"|zolam|oxetine|setron|glutide|gliflozin|gliptin|parin|xaban|dronate|profen|caine|cort|sone|olone|lukast"
    r"|azine|idine|amine|emia|aemia|algia|pathy|pathic|plasia|trophy|oma|omas|osis|oses|otic|ology|ologist"
    r"|ologists|iatric|iatrist|uria|penia|cytes?|blast|genic|genesis|lysis|ectasis|megaly|rrhea|rrhoea)$"
)
# Medical prefixes: enough to accept a word as spelt on purpose, too loose to call a word a term.
MEDICAL_PREFIX_RE = regex.compile(
    r"^(?:neuro|cardio|gastro|hepat|nephr|derm|immuno|hyper|hypo|endo|osteo|myo|psych|pharmaco|onco|hemat"
    r"|haemat|cyto|patho|encephal|cerebro|broncho|pneumo|entero|colo|uro|gyn|ped|paed|ortho|electro|echo|micro"
    r"|antibio|anti|intra|inter|sub|trans|peri|poly|bio)",
)


def data_path(name: str) -> str:
    return os.path.join(builtin_pack_dir(), name)


def package_file(package: str, name: str) -> str | None:
    """A data file inside an installed package, found without importing the package."""
    import importlib.util  # only when a package's data file is looked for

    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return None
    for folder in spec.submodule_search_locations:
        path = os.path.join(folder, name)
        if os.path.isfile(path):
            return path
    return None


def data_lines(name: str):
    if name.endswith(".gz"):
        import gzip  # only for the lists that tables in the cache folder are built from

        opener = gzip.open
    else:
        opener = open
    with opener(data_path(name), "rt", encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line and not line.startswith("#"):
                yield line


class MissingData(ConfigError):
    """A bundled word list cannot be found (a dependency is not installed): one line, exit 2."""


def _pyspellchecker_path() -> str:
    path = package_file("spellchecker", "resources/en.json.gz")
    if path is None:
        raise MissingData("the spelling rule needs pyspellchecker (pip install pyspellchecker)")
    return path


def pyspellchecker_frequencies() -> dict[str, int]:
    import gzip  # only when the frequency tables are rebuilt
    import json

    with gzip.open(_pyspellchecker_path(), "rt", encoding="utf-8") as f:
        return json.load(f)


@lru_cache(maxsize=1)
def english_frequencies() -> dict[str, int]:
    """pyspellchecker's frequencies plus the words only symspellpy's list has ("intro", "centre")."""
    freq = pyspellchecker_frequencies()
    for word in data_lines("english-extra.txt.gz"):
        freq.setdefault(word, 1)  # known, but too rare to be offered as a suggestion
    return freq


MAX_MEMO = 200_000  # words a per-word memo remembers; it starts afresh beyond this (long-running processes)


class FrequencyTable:
    """english_frequencies() without an object per word, so that it loads in a few ms rather than
    ~100: the sorted words in one string, their offsets and counts in arrays. A lookup is a binary
    search, remembered per word."""

    def __init__(self, words: str, offsets: bytes, counts: bytes):
        self._words = words  # each word followed by "\n"
        self._offsets, self._counts = array("I"), array("I")
        self._offsets.frombytes(offsets)  # where each word starts, and where the string ends
        self._counts.frombytes(counts)
        self._seen: dict[str, int] = {}

    @classmethod
    def build(cls) -> tuple[str, bytes, bytes]:
        freq = english_frequencies()
        words = sorted(freq)
        offsets, pos = array("I"), 0
        for word in words:
            offsets.append(pos)
            pos += len(word) + 1
        offsets.append(pos)
        return "".join(w + "\n" for w in words), offsets.tobytes(), array("I", (freq[w] for w in words)).tobytes()

    def get(self, word: str, default: int = 0) -> int:
        count = self._seen.get(word)
        if count is None:
            if len(self._seen) >= MAX_MEMO:
                self._seen.clear()
            count = self._seen[word] = self._search(word)
        return default if count < 0 else count

    def __contains__(self, word: str) -> bool:
        return self.get(word, -1) >= 0

    def _search(self, word: str) -> int:
        words, offsets = self._words, self._offsets
        lo, hi = 0, len(self._counts)
        while lo < hi:
            mid = (lo + hi) // 2
            if words[offsets[mid]:offsets[mid + 1] - 1] < word:
                lo = mid + 1
            else:
                hi = mid
        if lo < len(self._counts) and words[offsets[lo]:offsets[lo + 1] - 1] == word:
            return self._counts[lo]
        return -1


@lru_cache(maxsize=1)
def english_table() -> FrequencyTable:
    """english_frequencies() as a FrequencyTable, kept in the cache folder between runs."""
    from .. import cache

    return FrequencyTable(*cache.derived("englishfreq", english_sources() + [__file__], FrequencyTable.build))


def english_sources() -> list[str]:
    """The files english_frequencies() reads, for tables derived from it."""
    return [_pyspellchecker_path(), data_path("english-extra.txt.gz")]


@lru_cache(maxsize=1)
def english_bigrams() -> dict[str, bool]:
    """Common English word pairs that HL402 asks about (a subset of symspellpy's bigram list),
    each with whether it is very common (seen 10 million times or more)."""
    pairs = {}
    for line in data_lines("english-pairs.tsv.gz"):
        pair, _, mark = line.partition("\t")
        pairs[pair] = mark == "+"
    return pairs


@lru_cache(maxsize=1)
def medical_words() -> frozenset[str]:
    return frozenset(data_lines("medical-words.txt"))


@lru_cache(maxsize=1)
def medical_phrases() -> frozenset[str]:
    return frozenset(data_lines("medical-phrases.txt"))


@lru_cache(maxsize=1)
def tortured_phrases() -> dict[tuple[str, ...], str]:
    """The published list plus healthlint's own health-content fingerprints, keyed by their words as
    text tokens are compared (_spun.Token.lower): a curly apostrophe in the list ("detainee’s
    difficulty") is the straight one, and the phrase matches with either in the text."""
    out = {}
    for name in ("tortured-phrases.tsv.gz", "health-tortured.tsv"):
        for line in data_lines(name):
            tortured, _, correct = line.partition("\t")
            out[tuple(tortured.replace("\u2019", "'").split())] = correct
    return out


def is_medical_word(word: str, prefixes: bool = True) -> bool:
    """A known medical word, a plural or possessive of one, or a word with medical morphology
    (suffixes such as -itis, -ectomy, -statin; with `prefixes`, also neuro-, cardio-, hyper-...)."""
    w = word.lower().replace("\u2019", "'")
    words = medical_words()
    if w in words or w.removesuffix("'s") in words:
        return True
    if w.endswith("s") and (w[:-1] in words or (w.endswith("es") and w[:-2] in words)):
        return True
    if len(w) < 6:
        return False
    return bool(MEDICAL_AFFIX_RE.search(w)) or prefixes and bool(MEDICAL_PREFIX_RE.match(w))
