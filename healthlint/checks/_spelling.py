"""Misspellings, judged against English word frequencies, a medical vocabulary and the article itself.

A word is reported only when all of these hold: it is lowercase (names, acronyms and sentence starts
are skipped), alphabetic, not in the English list (British spellings count), not medical (list or
morphology), used only once in the article (a rare word used consistently is the article's vocabulary,
not a typo), not part of a Latin or foreign term (after a genus initial, or next to a word that no list
knows), and one edit away from a word that is common in English or frequent in the article. Unknown words with no such
near neighbour (new drug names, foreign terms) are left alone.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

import regex

from . import _lexicon as lex

LETTERS = "abcdefghijklmnopqrstuvwxyz"
WORD_RE = regex.compile(r"(?<![\p{L}\p{N}'\u2019\-@/.#_])[a-z]+(?:['\u2019][a-z]+)?(?![\p{L}\p{N}\-@/_]|\.[a-z])")
MIN_LENGTH = 4  # shorter words have too many one-edit neighbours to judge
MAX_LENGTH = 45  # longer runs of letters are not typos of a word, and edits1 grows with length squared
COMMON = 1000  # a suggested word must be at least this frequent in English (or frequent in the article)


@dataclass(frozen=True)
class Typo:
    start: int
    end: int
    word: str
    suggestions: tuple[str, ...]


def article_vocabulary(texts: list[str]) -> Counter:
    counts: Counter = Counter()
    for text in texts:
        counts.update(map(str.lower, lex.TOKEN_RE.findall(text)))
    return counts


# British spellings, rewritten to the American forms the frequency list mostly holds.
BRITISH = [
    (regex.compile(r"our(s|ed|ing|ite|ites)?$"), r"or\1"),  # colour, behaviour, favourite
    (regex.compile(r"([^aeiou])re(s|d)?$"), r"\1er\2"),  # centre, fibre, litre, metres
    (regex.compile(r"is(e|es|ed|ing|ation|ations|er|ers)$"), r"iz\1"),  # organise, catheterised
    (regex.compile(r"ys(e|es|ed|ing)$"), r"yz\1"),  # analyse, paralysed
    (regex.compile(r"ae"), "e"),  # anaemia, haemoglobin, paediatric
    (regex.compile(r"oe"), "e"),  # oedema, oestrogen, foetus
    (regex.compile(r"(?<=[aeiou])ll(ed|ing|er|ers)$"), r"l\1"),  # travelled, labelled
    (regex.compile(r"ogue(s)?$"), r"og\1"),  # catalogue
    (regex.compile(r"ence$"), "ense"),  # licence, defence
    (regex.compile(r"mme(s)?$"), r"m\1"),  # programme
]


def _american(word: str) -> set[str]:
    out = set()
    for pattern, repl in BRITISH:
        changed = pattern.sub(repl, word)
        if changed != word:
            out.add(changed)
    if out:  # some words carry two British features (haemorrhage, anaesthetised)
        out |= {pattern.sub(repl, w) for w in list(out) for pattern, repl in BRITISH}
    return out


def _in_lists(w: str, freq) -> bool:
    if w in freq or lex.is_medical_word(w):
        return True
    return any(w.endswith(s) and w[: -len(s)] in freq for s in ("s", "es", "ly", "ed", "ing"))


def known(word: str, freq) -> bool:
    w = word.replace("\u2019", "'")
    base = w.removesuffix("'s").removesuffix("'")
    return _in_lists(w, freq) or _in_lists(base, freq) or any(_in_lists(a, freq) for a in _american(base))


def edits1(word: str) -> set[str]:
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = [a + b[1:] for a, b in splits if b]
    transposes = [a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1]
    replaces = [a + c + b[1:] for a, b in splits if b for c in LETTERS]
    inserts = [a + c + b for a, b in splits for c in LETTERS]
    return set(deletes + transposes + replaces + inserts)


def suggestions(word: str, vocab: Counter, freq) -> tuple[str, ...]:
    scored = []
    common = common_words()
    for cand in edits1(word):
        in_article = vocab.get(cand, 0)
        if cand in common or in_article >= 2 or (cand in lex.medical_words() and in_article):
            scored.append((-in_article, -freq.get(cand, 0), cand))
    return tuple(c for _, _, c in sorted(scored)[:3])


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """The words at least COMMON times in English: a set, as every edit of a word is looked up."""
    from .. import cache

    sources = [str(lex._pyspellchecker_path()), str(lex.data_path("english-extra.txt.gz")), __file__]
    return cache.derived("englishcommon", sources,
                         lambda: frozenset(w for w, n in lex.english_frequencies().items() if n >= COMMON))


RARE_NEIGHBOUR = 200  # a neighbour this rare in English (and not in the medical list) marks a technical term
NEIGHBOUR_RE = regex.compile(r"([\p{L}][\p{L}'\u2019\-]*\.?)\s+$|^\s+([\p{L}][\p{L}'\u2019\-]*)")


def _latin_context(text: str, start: int, end: int, freq) -> bool:
    """Part of a Latin or foreign term rather than a typo: after an abbreviated or unknown capitalised
    genus ("E. coli", "Yersinia pestis"), or next to another word that no list knows ("spina bifida",
    "myasthenia gravis"). Typos rarely come in adjacent pairs."""
    before = NEIGHBOUR_RE.search(text[max(0, start - 40):start])
    after = NEIGHBOUR_RE.search(text[end:end + 40])
    prev = before.group(1) if before and before.group(1) else ""
    nxt = after.group(2) if after and after.group(2) else ""
    if regex.fullmatch(r"\p{Lu}\.", prev):
        return True
    for w in (prev.rstrip("."), nxt):
        lower = w.lower()
        if len(lower) >= 4 and freq.get(lower, 0) < RARE_NEIGHBOUR and lower not in lex.medical_words():
            return True
    return False


SHORT_FORM_RE = regex.compile(r"\s*\((\p{L}+)")


def _short_form(text: str, word: str, end: int) -> bool:
    """A clipped name defined on the spot: "toxo (toxoplasmosis)"."""
    m = SHORT_FORM_RE.match(text, end)
    return bool(m) and m.group(1).lower().startswith(word) and len(m.group(1)) > len(word)


def find_typos(text: str, vocab: Counter) -> list[Typo]:
    freq = lex.english_table()
    typos = []
    for m in WORD_RE.finditer(text):
        word = m.group()
        if not MIN_LENGTH <= len(word) <= MAX_LENGTH or vocab.get(word, 0) > 1 or known(word, freq):
            continue
        if _latin_context(text, m.start(), m.end(), freq) or _short_form(text, word, m.end()):
            continue
        sugg = suggestions(word, vocab, freq)
        if sugg:
            typos.append(Typo(m.start(), m.end(), word, sugg))
    return typos


# --- which blocks can hold a typo ---------------------------------------------------------------------
# A word find_typos reports is lowercase ASCII letters, 4-45 long, and not known(). Without an
# apostrophe it is also one of the block's casefolded \w+ tokens (Context.words): WORD_RE's
# lookarounds exclude letters, digits and "_" on both sides, and of the other characters only U+0345
# casefolds to a \w character (tests/test_garbled_speed.py checks every code point). With an
# apostrophe, APOSTROPHE_WORD_RE finds exactly it (the character before it is no letter or apostrophe).
APOSTROPHE_WORD_RE = re.compile(r"[a-z]+['\u2019][a-z]+")
_NOT_TYPOS: set[str] = set()  # tokens that can never be a reported word, remembered per token
_MAYBE_TYPOS: set[str] = set()


def _may_be_typo(word: str) -> bool:
    return word.isascii() and word.isalpha() and word.islower() and MIN_LENGTH <= len(word) <= MAX_LENGTH \
        and not known(word, lex.english_table())


def may_have_typos(text: str, words: frozenset[str]) -> bool:
    """Can find_typos(text, ...) report anything in a block with these \\w+ tokens? (Exact: a
    necessary condition, see above.)"""
    if "\u0345" in text:
        return True
    for word in words - _NOT_TYPOS:
        if word not in _MAYBE_TYPOS:
            (_MAYBE_TYPOS if _may_be_typo(word) else _NOT_TYPOS).add(word)
        if word in _MAYBE_TYPOS and word in text:  # find_typos needs it in lowercase
            return True
    if "'" in text or "\u2019" in text:
        return any(not known(word, lex.english_table()) for word in APOSTROPHE_WORD_RE.findall(text))
    return False
