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
from collections import Counter, namedtuple
from functools import lru_cache

import regex

from . import _lexicon as lex

LETTERS = "abcdefghijklmnopqrstuvwxyz"
WORD_RE = regex.compile(r"(?<![\p{L}\p{N}'\u2019\-@/.#_])[a-z]+(?:['\u2019][a-z]+)?(?![\p{L}\p{N}\-@/_]|\.[a-z])")
MIN_LENGTH = 4  # shorter words have too many one-edit neighbours to judge
MAX_LENGTH = 45  # longer runs of letters are not typos of a word, and edits1 grows with length squared
COMMON = 1000  # a suggested word must be at least this frequent in English (or frequent in the article)


class Typo(namedtuple("Typo", "start end word suggestions")):
    """A misspelt word: its span (start, end), the word, and suggestions (a tuple of str)."""
    __slots__ = ()


def article_vocabulary(texts: list[str]) -> Counter:
    counts: Counter = Counter()
    for text in texts:
        counts.update(map(str.lower, lex.TOKEN_RE.findall(text)))
    return counts


# Characters besides ASCII that leave the tokens of a text as its ASCII characters make them:
# neither letters, digits nor \w, and their own lower case and casefold (tests/test_spelling_screens.py).
INERT = ("\u2018\u2019\u201c\u201d\u2013\u2014\u2026\u2022\u00b7\u00b0\u00d7\u00b1\u00a7\u00a9\u00ae\u2122"
         "\u20ac\u00a3\u00a0\u2009\u202f")  # quotes, dashes, bullets, signs, spaces
NOT_PLAIN_RE = re.compile(f"[^\\x00-\\x7f{INERT}]|_")
CHAIN_RE = re.compile(r"[a-z0-9]+(?:['\u2019\-][a-z0-9]+)*")  # a lowercased TOKEN_RE token, in plain text
PIECE_RE = re.compile(r"[a-z0-9]+")
ALNUM = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")
JOINERS = "'\u2019-"


class ArticleCounts:
    """article_vocabulary(texts), counted only for the words asked about. In a plain article (ASCII
    and INERT characters, no "_") a TOKEN_RE token is a maximal chain of [a-z0-9] runs joined by
    single apostrophes or hyphens, and its runs are \\w+ tokens of the article (`words`): a word
    whose runs are not all among them occurs nowhere, and any other is counted by finding it in the
    lowercased text. Other articles are counted in full."""

    def __init__(self, texts: list[str], words: frozenset[str] | None = None):
        self._words = words
        self._plain: str | None = None  # the lowercased article, once known to be plain
        self._counts: dict[str, int] | None = None
        text = "\n".join(texts)
        if text.isascii() and "_" not in text or not NOT_PLAIN_RE.search(text):
            self._plain = text.lower()
            if words is None:
                from .base import word_tokens

                self._words = word_tokens(self._plain)
        else:
            self._counts = article_vocabulary(texts)
        self._seen: dict[str, int] = {}

    def get(self, word: str, default: int = 0) -> int:
        if self._counts is not None:
            return self._counts.get(word, default)
        count = self._seen.get(word)
        if count is None:
            count = self._seen[word] = self._count(word)
        return count or default

    def present(self, words: frozenset[str], joiners: bool) -> frozenset[str]:
        """The words that may occur in the article: all that do, and some that do not. Only with
        `joiners` may some of the words hold an apostrophe or hyphen."""
        if self._counts is not None:
            return words & self._counts.keys()
        found = words & self._words  # all words of letters and digits that occur
        if joiners:
            found |= {w for w in words if not w.isalnum() and self.get(w)}
        return found

    def _count(self, word: str) -> int:
        if word not in self._words:  # else a word of letters and digits, its own only piece
            if not CHAIN_RE.fullmatch(word) or not self._words.issuperset(PIECE_RE.findall(word)):
                return 0
        text, n, count = self._plain, len(word), 0
        i = text.find(word)
        while i >= 0:
            if not (_joined(text, i - 1, -1) or _joined(text, i + n, 1)):
                count += 1
            i = text.find(word, i + 1)
        return count


def _joined(text: str, i: int, step: int) -> bool:
    """Does the token go on at text[i] (step -1: before it, 1: after it)? A letter or digit
    continues it, and so does a joiner followed by one."""
    if not 0 <= i < len(text):
        return False
    if text[i] in ALNUM:
        return True
    j = i + step
    return text[i] in JOINERS and 0 <= j < len(text) and text[j] in ALNUM


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


_KNOWN: dict[str, bool] = {}  # known(word, english_table()), remembered per word (up to lex.MAX_MEMO)


def _known(word: str) -> bool:
    found = _KNOWN.get(word)
    if found is None:
        if len(_KNOWN) >= lex.MAX_MEMO:
            _KNOWN.clear()
        found = _KNOWN[word] = known(word, lex.english_table())
    return found


@lru_cache(maxsize=4096)
def edits1(word: str) -> frozenset[str]:
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = [a + b[1:] for a, b in splits if b]
    transposes = [a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1]
    replaces = [a + c + b[1:] for a, b in splits if b for c in LETTERS]
    inserts = [a + c + b for a, b in splits for c in LETTERS]
    return frozenset(deletes + transposes + replaces + inserts)


def suggestions(word: str, vocab: "Counter | ArticleCounts", freq) -> tuple[str, ...]:
    """The edits of word that are common in English, or frequent (or medical) in the article."""
    scored = []
    common, medical = common_words(), lex.medical_words()
    cands = edits1(word)
    if isinstance(vocab, ArticleCounts):
        in_article = vocab.present(cands, joiners=not word.isalpha())
    else:
        in_article = cands & vocab.keys()
    for cand in (cands & common) | in_article:  # an edit in neither scores nothing
        count = vocab.get(cand, 0) if cand in in_article else 0
        if cand in common or _article_suggestion(cand, count, medical):
            scored.append((-count, -freq.get(cand, 0), cand))
    return tuple(c for _, _, c in sorted(scored)[:3])


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """The words at least COMMON times in English: a set, as every edit of a word is looked up."""
    from .. import cache

    return cache.derived("englishcommon", lex.english_sources() + [__file__],
                         lambda: frozenset(w for w, n in lex.english_frequencies().items() if n >= COMMON))


GENUS_RE = regex.compile(r"\p{Lu}\.")
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
    if GENUS_RE.fullmatch(prev):
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


def find_typos(text: str, vocab: "Counter | ArticleCounts") -> list[Typo]:
    freq = lex.english_table()
    typos = []
    for m in WORD_RE.finditer(text):
        word = m.group()
        if not MIN_LENGTH <= len(word) <= MAX_LENGTH or _known(word) or vocab.get(word, 0) > 1:
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
# apostrophe, it is a whole run of lowercase letters, the apostrophe, and the whole run after it:
# _apostrophe_words finds every such word (and a few more, such as "cd'ef" in "ab'cd'ef").
_NOT_TYPOS: set[str] = set()  # tokens that can never be a reported word, remembered per token
_MAYBE_TYPOS: set[str] = set()  # ... and the others (together up to lex.MAX_MEMO)


def _may_be_typo(word: str) -> bool:
    return word.isascii() and word.isalpha() and word.islower() and MIN_LENGTH <= len(word) <= MAX_LENGTH \
        and not _known(word)


def suspects(words: frozenset[str]) -> frozenset[str]:
    """The \\w+ tokens among words that find_typos may report (one set difference for a whole
    article: most of its tokens are remembered as never reported)."""
    if len(_NOT_TYPOS) + len(_MAYBE_TYPOS) >= lex.MAX_MEMO:
        _NOT_TYPOS.clear()
        _MAYBE_TYPOS.clear()
    rest = words - _NOT_TYPOS
    for word in rest - _MAYBE_TYPOS:
        (_MAYBE_TYPOS if _may_be_typo(word) else _NOT_TYPOS).add(word)
    return rest - _NOT_TYPOS


def reportable(words: frozenset[str], vocab: ArticleCounts) -> frozenset[str]:
    """The words that find_typos may report in the article with these counts: a word used more
    than once, or with no suggestion, is reported nowhere in it."""
    return frozenset(w for w in words if vocab.get(w, 0) <= 1 and _has_suggestion(w, vocab))


def _has_suggestion(word: str, vocab: ArticleCounts) -> bool:
    """Is suggestions(word, vocab, ...) not empty? An edit common in English always is one."""
    if _common_edit(word):
        return True
    medical = lex.medical_words()
    return any(_article_suggestion(cand, vocab.get(cand, 0), medical)
               for cand in vocab.present(edits1(word), joiners=not word.isalpha()))


def _article_suggestion(cand: str, count: int, medical) -> bool:
    """An edit that is not common English is suggested when the article uses it twice, or once
    and it is a medical word."""
    return count >= 2 or (cand in medical and count > 0)


@lru_cache(maxsize=4096)
def _common_edit(word: str) -> bool:
    return not edits1(word).isdisjoint(common_words())


def typo_blocks(texts: list[str], suspected: frozenset[str]) -> list[int]:
    """The indexes of the texts where find_typos may report something, given suspects() of their
    words or a superset of it (exact: a necessary condition, see above)."""
    found = {i for word in suspected for i, text in enumerate(texts) if word in text}  # in lowercase
    joined = "\n".join(texts)  # an apostrophe word never spans the line break
    if "\u0345" in joined or _odd_apostrophe_word(joined):
        found.update(i for i, text in enumerate(texts) if i not in found and (
            "\u0345" in text or ("'" in text or "\u2019" in text) and _odd_apostrophe_word(text)))
    return sorted(found)


def _odd_apostrophe_word(text: str) -> bool:
    return any(not _known(word) for word in _apostrophe_words(text))


def _apostrophe_words(text: str):
    """Each run of lowercase letters, an apostrophe and the run after it (str methods, no regex:
    a scan of every position cost more than the rest of the screen)."""
    for mark in ("'", "\u2019"):
        if mark in text:
            parts = text.split(mark)
            for before, after in zip(parts, parts[1:]):
                left, right = before[len(before.rstrip(LETTERS)):], after[:len(after) - len(after.lstrip(LETTERS))]
                if left and right:
                    yield left + mark + right


def may_have_typos(text: str, words: frozenset[str]) -> bool:
    """Can find_typos(text, ...) report anything in a block with these \\w+ tokens?"""
    return bool(typo_blocks([text], suspects(words)))
