"""Spun wording: known tortured phrases, and established terms whose words were swapped for synonyms.

The second part is the general mechanism. A reverse-synonym map (spun word -> words it usually
replaces) is mined from the tortured-phrase list by aligning each tortured phrase with its correct
form word by word ("kidney disappointment" / "kidney failure" gives disappointment -> failure; see
_build_data.mine_substitutions), plus a hand-curated list of spinner substitutions in health text.
In every run of 2-3 words, spun words are swapped back; a restoration is accepted only when the
restored phrase is an established term (the medical phrase list, or a very common English word pair
that contains a medical word) and the wording as written is not itself a known phrase.
"""
from __future__ import annotations

import itertools
import re
from bisect import bisect_right
from collections import namedtuple
from functools import lru_cache

from . import _lexicon as lex
from .base import WORD_RE  # Context.words' tokens

# Function words never count as spun: swapping them back restores nothing meaningful.
STOPWORDS = frozenset(
    "a an the and or but of in on at to for with by from as is are was were be been being it its this that these"
    " those he she they we you i his her their our your my not no can may might will would should could do does"
    " did have has had than then so if when which who what how also more most less very all any some each".split()
)


class Hit(namedtuple("Hit", "start end phrase intended kind")):
    """start, end: span in the text given; phrase: as written; intended: the restored term ("" when
    no confident suggestion); kind: "tortured" | "synonym"."""
    __slots__ = ()


class Token(namedtuple("Token", "start end text")):
    __slots__ = ()

    @property
    def lower(self) -> str:
        return self.text.lower().replace("\u2019", "'")


def tokens(text: str) -> list[Token]:
    return [Token(m.start(), m.end(), m.group()) for m in lex.TOKEN_RE.finditer(text)]


def _runs(text: str) -> list[list[tuple[int, int, str]]]:
    """The text's tokens as (start, end, Token.lower), split into runs separated only by spaces:
    a phrase never spans punctuation."""
    runs: list[list[tuple[int, int, str]]] = []
    end = 0
    for m in lex.TOKEN_RE.finditer(text):
        start, gap = m.start(), text[end:m.start()]
        token = (start, m.end(), m.group().lower().replace("\u2019", "'"))
        if runs and not gap.strip() and "\n\n" not in gap:
            runs[-1].append(token)
        else:
            runs.append([token])
        end = m.end()
    return runs


@lru_cache(maxsize=1)
def reverse_synonyms() -> dict[str, tuple[str, ...]]:
    """spun word -> the words it may stand for: the curated list plus the substitutions mined from
    the tortured-phrase list (built by _build_data). Medical words and function words are never spun."""
    pairs: dict[str, set[str]] = {}
    for name in ("spinner-synonyms.tsv", "spinner-mined.tsv.gz"):
        for line in lex.data_lines(name):
            spun, _, originals = line.partition("\t")
            pairs.setdefault(spun, set()).update(o.strip() for o in originals.split(",") if o.strip())
    medical = lex.medical_words()
    return {
        spun: tuple(sorted(originals))
        for spun, originals in pairs.items()
        if spun not in STOPWORDS and spun not in medical and len(spun) > 2
    }


# Heads of disease names: a very common pair ending in one ("lung cancer", "lyme disease") is a term.
DISEASE_HEADS = frozenset(
    "cancer cancers disease diseases disorder disorders syndrome failure attack attacks infection infections "
    "pain injury injuries tumor tumors tumour tumours deficiency".split()
)


@lru_cache(maxsize=1)
def _term_words() -> frozenset[str]:
    """Medical vocabulary plus the heads of disease names."""
    return lex.medical_words() | DISEASE_HEADS


def established(phrase: str) -> bool:
    """A well-known term: in the medical phrase list, or a very common English pair of two content
    words, one of them medical ("insulin resistance", "prostate cancer")."""
    if phrase in lex.medical_phrases():
        return True
    words = phrase.split()
    if len(words) != 2 or any(w in STOPWORDS for w in words) or not lex.english_bigrams().get(phrase, False):
        return False  # only very common pairs (10 million+ in Google Books) count as established
    terms = _term_words()
    return any(w in terms or w.rstrip("s") in terms for w in words)


def known_wording(phrase: str) -> bool:
    """The wording as written is itself an ordinary phrase, so it is not a garbled term."""
    return phrase in lex.medical_phrases() or phrase in lex.english_bigrams()


def tortured_hits(text: str, runs: list | None = None) -> list[Hit]:
    """The known tortured phrases in text (runs: _runs(text), when already made)."""
    table, lengths = tables().tortured, _first_words()[0]
    hits: list[Hit] = []
    for run in _runs(text) if runs is None else runs:
        words = [word for _, _, word in run]
        i = 0
        while i < len(run):
            for n in lengths.get(words[i], ()):  # longest first
                key = tuple(words[i:i + n])
                if len(key) == n and key in table:
                    start, end = run[i][0], run[i + n - 1][1]
                    hits.append(Hit(start, end, text[start:end], table[key], "tortured"))
                    i += n - 1
                    break
            i += 1
    return hits


def synonym_hits(text: str, skip: list[Hit] = (), runs: list | None = None) -> list[Hit]:
    """Runs of 2-3 words that become an established term once spun words are swapped back."""
    restorations, firsts = tables().restorations, _first_words()[1]
    taken = [(h.start, h.end) for h in skip]
    hits: list[Hit] = []
    for run in _runs(text) if runs is None else runs:
        words = [word for _, _, word in run]
        i = 0
        while i < len(run):
            for n in (3, 2) if words[i] in firsts else ():
                restored = restorations.get(tuple(words[i:i + n])) if i + n <= len(run) else None
                if not restored:
                    continue
                start, end = run[i][0], run[i + n - 1][1]
                if not any(s < end and start < e for s, e in taken):
                    hits.append(Hit(start, end, text[start:end], restored, "synonym"))
                    i += n - 1
                    break
            i += 1
    return hits


# Characters beside which a Context.words token (\w+ of the casefolded text) is longer than the
# TOKEN_RE token it contains: "_" is \w but no letter, U+0345 casefolds to a letter. Without them,
# every word of a TOKEN_RE token splits into \w+ pieces that are all among the block's words.
# tests/test_garbled_speed.py checks this for every code point.
UNSAFE_CHARS = ("_", "\u0345")


def block_hits(text: str, words: frozenset[str]) -> list[Hit]:
    """tortured_hits(text) followed by synonym_hits(text, tortured): the spun wording of one block,
    given its casefolded \\w+ tokens (Context.words)."""
    return dict(document_hits([text], words)).get(0, [])


def document_hits(texts: list[str], doc_words: frozenset[str]) -> list[tuple[int, list[Hit]]]:
    """block_hits of each text that has any, by index, given the \\w+ tokens of all texts. A text is
    scanned for tortured phrases (or for restorable windows) only where one of them may occur: all
    its \\w+ pieces are among the document's tokens (but see UNSAFE_CHARS), and its words stand in the
    text, casefolded, with only whitespace between them. Exact as a necessary condition. Of the ~14
    phrases per article with all their pieces, most are ruled out by one substring test (_flat)."""
    joined = "\x00".join(texts)
    unsafe = set()  # texts scanned whole: see UNSAFE_CHARS
    if any(c in joined for c in UNSAFE_CHARS):
        unsafe = {i for i, text in enumerate(texts) if any(c in text for c in UNSAFE_CHARS)}
    tortured, restorable = set(unsafe), set(unsafe)
    tests = index().candidates(doc_words)
    flat, folded = (_flat(joined) if tests else None), None
    for phrase, label in tests:
        if flat is not None and phrase not in flat:
            continue
        if folded is None:
            folded, starts = _folded(texts, joined)
        found = {bisect_right(starts, m.start()) - 1 for m in _pattern(phrase).finditer(folded)}
        if TORTURED in label:
            tortured |= found
        if RESTORABLE in label:
            restorable |= found
    out = []
    for i in sorted(tortured | restorable):
        runs = _runs(texts[i])
        hits = tortured_hits(texts[i], runs) if i in tortured else []
        if i in restorable:
            hits = hits + synonym_hits(texts[i], hits, runs)
        if hits:
            out.append((i, hits))
    return out


def _folded(texts: list[str], joined: str) -> tuple[str, list[int]]:
    """The texts casefolded and joined by NULs (texts joined by NULs), and where each text begins
    there. A phrase pattern holds no NUL, so its matches stay inside one text."""
    if joined.isascii():
        folded, lengths = joined.casefold(), map(len, texts)
    else:  # casefolding may change lengths
        parts = [text.casefold() for text in texts]
        folded, lengths = "\x00".join(parts), map(len, parts)
    return folded, list(itertools.accumulate((n + 1 for n in lengths), initial=0))


# ASCII text casefolded (lowercased), every whitespace character (re's \s) made a space: a byte table.
FLAT_ASCII = bytes(ord(chr(c).lower()) if chr(c).isupper() else 32 if chr(c).isspace() else c for c in range(256))
SPACES_RE = re.compile("  +")


def _flat(joined: str) -> str | None:
    """ASCII text casefolded, with every run of whitespace one space: where a phrase's pattern
    matches in the casefolded text, the phrase (its casefolded words joined by spaces) stands here.
    None for other text (casefolding and whitespace there are dearer to flatten than to search)."""
    if not joined.isascii():
        return None
    flat = joined.encode().translate(FLAT_ASCII).decode()
    return SPACES_RE.sub(" ", flat) if "  " in flat else flat


class PhraseIndex:
    """Phrases (words joined by spaces), each with a label, by the rarest in English of their \\w+
    pieces, then by the next rarest (its partner). The phrases of a piece are kept as one string of
    "label<TAB>partner<TAB>phrase" lines: a pickle of ~100,000 small strings took ~40 ms to load on
    every run, one string per piece a few ms; only pieces a document holds are split."""

    def __init__(self, by_piece: dict[str, str]):
        self.by_piece = by_piece
        self.keys = frozenset(by_piece)
        self._tests: dict[str, tuple] = {}  # by piece, when first needed: see _piece_tests

    def __reduce__(self):
        return PhraseIndex, (self.by_piece,)

    @classmethod
    def of(cls, labels: dict[str, str]) -> "PhraseIndex":
        """The index of phrase -> label."""
        try:
            freq = lex.english_table()
        except lex.MissingData:  # only the choice of pieces, not the result, depends on it
            freq = {}
        by_piece: dict[str, list[str]] = {}
        for phrase, label in labels.items():
            ranked = sorted(_pieces(phrase), key=lambda p: (_very_common(p), freq.get(p, 0), p))
            partner = ranked[1] if len(ranked) > 1 else ""
            by_piece.setdefault(ranked[0], []).append(f"{label}\t{partner}\t{phrase}")
        return cls({p: "\n".join(r) for p, r in by_piece.items()})

    def candidates(self, words: frozenset[str]) -> list[tuple[str, str]]:
        """(casefolded phrase, label) of each phrase whose \\w+ pieces are all among words. The
        tests of a piece are flat tuples of strings: in a full lint the index is out of the CPU
        caches at every document, and each object a lookup reads costs a cache miss."""
        tests, out = self._tests, []
        for piece in self.keys & words:
            found = tests.get(piece)
            if found is None:
                found = tests[piece] = _piece_tests(self.by_piece[piece])
            for partner, pieces, phrase, label in found:
                if partner in words and pieces <= words:
                    out.append((phrase, label))
        return out


def _very_common(piece: str) -> bool:
    """Numbers, letters and two-letter pieces ("2", "s", "ll") are common in any text, whatever
    the word list says of them: a poor piece to index a phrase by."""
    return len(piece) < 3 or not piece.isalpha()


def _piece_tests(lines: str) -> tuple[tuple[str, frozenset[str], str, str], ...]:
    """A piece's phrases as (partner, pieces, casefolded phrase, label); a phrase of one piece is
    its own partner."""
    tests = []
    for line in lines.split("\n"):
        label, partner, phrase = line.split("\t")
        pieces = _pieces(phrase)
        tests.append((partner or next(iter(pieces)), pieces, phrase.casefold(), label))
    return tuple(tests)


def _pieces(phrase: str) -> frozenset[str]:
    """The \\w+ pieces of a phrase's casefolded words (its words' Context.words tokens)."""
    pieces = frozenset(WORD_RE.findall(phrase.casefold()))
    if not pieces:  # a TOKEN_RE word always has a letter or digit
        raise ValueError(f"a phrase without word characters: {phrase!r}")
    return pieces


@lru_cache(maxsize=1024)
def _pattern(folded_phrase: str) -> re.Pattern:
    """The phrase (casefolded) in casefolded text: where a TOKEN_RE token t with
    t.lower().replace("’", "'") == word stands, the casefolded text has casefold(t), which is
    casefold(word) with any apostrophe possibly curly (casefold(c.lower()) == casefold(c) for every
    character, checked in tests/test_garbled_speed.py), and only whitespace between words."""
    return re.compile(r"\s+".join(re.escape(word).replace("'", "['’]") for word in folded_phrase.split(" ")))


class Tables(namedtuple("Tables", "tortured restorations")):
    """tortured: lex.tortured_phrases(); restorations: every 2-3 word window that _restore() restores,
    and to what (both dicts of tuple[str, ...] -> str)."""
    __slots__ = ()


SOURCES = ("tortured-phrases.tsv.gz", "health-tortured.tsv", "spinner-synonyms.tsv", "spinner-mined.tsv.gz",
           "medical-words.txt", "medical-phrases.txt", "english-pairs.tsv.gz")


def _derived(name: str, build):
    """A table derived from the word lists and this code, kept in the cache folder between runs."""
    from .. import cache

    return cache.derived(name, [lex.data_path(n) for n in SOURCES] + [__file__, lex.__file__], build)


@lru_cache(maxsize=1)
def tables() -> Tables:
    """The phrase tables (building them takes ~0.5 s; only blocks that pass the index need them)."""
    return _derived("spuntables", lambda: Tables(lex.tortured_phrases(), {
        w: r for w in _spun_windows() if (r := _restore(list(w), reverse_synonyms()))}))


TORTURED, RESTORABLE = "t", "r"  # labels in index(): a tortured phrase, a restorable window, or both


@lru_cache(maxsize=1)
def _first_words() -> tuple[dict[str, tuple[int, ...]], frozenset[str]]:
    """The lengths of the tortured phrases each word starts, longest first (a run is tried only for
    lengths that occur), and the words a restorable window can start with."""
    def build():
        lengths: dict[str, set[int]] = {}
        for words in tables().tortured:
            if len(words) > 1:
                lengths.setdefault(words[0], set()).add(len(words))
        return ({word: tuple(sorted(ns, reverse=True)) for word, ns in lengths.items()},
                frozenset(k[0] for k in tables().restorations))

    return _derived("spunfirsts", build)  # a walk over ~7,800 phrases: kept, not redone per process


@lru_cache(maxsize=1)
def index() -> PhraseIndex:
    """The tortured phrases and the restorable windows, small enough to load in a few ms on every run."""
    def build() -> PhraseIndex:
        labels: dict[str, str] = {}
        for words in tables().tortured:
            labels[" ".join(words)] = TORTURED
        for words in tables().restorations:
            phrase = " ".join(words)
            labels[phrase] = labels.get(phrase, "") + RESTORABLE
        return PhraseIndex.of(labels)

    return _derived("spunindex", build)


def _spun_windows() -> set[tuple[str, ...]]:
    """Every window of 2-3 words for which _restore() can return a phrase: it returns an established
    term of as many words (originals are single words) that differs from the window in one spun
    word, or in two or more hand-reviewed spun words. So: each established term of 2-3 words with
    one word swapped for any spun word that may stand for it, or several for hand-reviewed ones."""
    rev, hand = reverse_synonyms(), curated()
    spun_for: dict[str, set[str]] = {}
    for spun, originals in rev.items():
        for original in originals:
            if original.split() != [original]:
                raise ValueError(f"spinner original is not one word: {original!r}")
            spun_for.setdefault(original, set()).add(spun)
    terms = [p for p in lex.medical_phrases() if 2 <= len(p.split()) <= 3]
    terms += [p for p, very_common in lex.english_bigrams().items() if very_common and len(p.split()) == 2]
    windows = set()
    for term in terms:
        words = term.split()
        for i, word in enumerate(words):
            windows.update(tuple(words[:i] + [s] + words[i + 1:]) for s in spun_for.get(word, ()))
        for k in range(2, len(words) + 1):
            for where in itertools.combinations(range(len(words)), k):
                options = [sorted(spun_for.get(w, set()) & hand) if i in where else [w] for i, w in enumerate(words)]
                windows.update(itertools.product(*options))
    return windows


@lru_cache(maxsize=1)
def curated() -> frozenset[str]:
    """Spun words from the hand-reviewed list (not only mined from the tortured pairs)."""
    return frozenset(line.partition("\t")[0] for line in lex.data_lines("spinner-synonyms.tsv"))


def _restore(window: list[str], rev: dict[str, tuple[str, ...]]) -> str | None:
    if known_wording(" ".join(window)):
        return None
    for i, word in enumerate(window):  # one swap: "kidney disappointment" -> "kidney failure"
        for original in rev.get(word, ()):
            phrase = " ".join(window[:i] + [original] + window[i + 1:])
            if established(phrase):
                return phrase
    # Swapping two ordinary words at once ("greater hazard" -> "higher risk") rewrites prose rather
    # than restoring a term: several swaps need hand-reviewed spinner words ("facet results").
    hand = curated()
    spun = [i for i, w in enumerate(window) if w in hand and w in rev]
    if len(spun) < 2:
        return None
    options = [rev[w] if i in spun else (w,) for i, w in enumerate(window)]
    for combo in itertools.product(*options):
        phrase = " ".join(combo)
        if established(phrase):
            return phrase
    return None
