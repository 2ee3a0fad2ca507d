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
from dataclasses import dataclass
from functools import lru_cache

from . import _lexicon as lex

MAX_TORTURED = 6  # longest tortured phrase matched, in words

# Function words never count as spun: swapping them back restores nothing meaningful.
STOPWORDS = frozenset(
    "a an the and or but of in on at to for with by from as is are was were be been being it its this that these"
    " those he she they we you i his her their our your my not no can may might will would should could do does"
    " did have has had than then so if when which who what how also more most less very all any some each".split()
)


@dataclass(frozen=True)
class Hit:
    start: int  # span in the text given
    end: int
    phrase: str  # as written
    intended: str  # restored term ("" when no confident suggestion)
    kind: str  # "tortured" | "synonym"


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    text: str

    @property
    def lower(self) -> str:
        return self.text.lower().replace("\u2019", "'")


def tokens(text: str) -> list[Token]:
    return [Token(m.start(), m.end(), m.group()) for m in lex.TOKEN_RE.finditer(text)]


def _runs(text: str, toks: list[Token]) -> list[list[Token]]:
    """Split tokens into runs separated only by spaces: a phrase never spans punctuation."""
    runs: list[list[Token]] = []
    for tok in toks:
        if runs and text[runs[-1][-1].end:tok.start].strip() == "" and "\n\n" not in text[runs[-1][-1].end:tok.start]:
            runs[-1].append(tok)
        else:
            runs.append([tok])
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


def tortured_hits(text: str) -> list[Hit]:
    table = lex.tortured_phrases()
    hits: list[Hit] = []
    for run in _runs(text, tokens(text)):
        words = [t.lower for t in run]
        i = 0
        while i < len(run):
            for n in range(min(MAX_TORTURED, len(run) - i), 1, -1):
                key = tuple(words[i:i + n])
                if key in table:
                    hits.append(Hit(run[i].start, run[i + n - 1].end, text[run[i].start:run[i + n - 1].end], table[key], "tortured"))
                    i += n - 1
                    break
            i += 1
    return hits


def synonym_hits(text: str, skip: list[Hit] = ()) -> list[Hit]:
    """Runs of 2-3 words that become an established term once spun words are swapped back."""
    rev = reverse_synonyms()
    taken = [(h.start, h.end) for h in skip]
    hits: list[Hit] = []
    for run in _runs(text, tokens(text)):
        words = [t.lower for t in run]
        i = 0
        while i < len(run):
            found = None
            for n in (3, 2):
                if i + n > len(run):
                    continue
                window = words[i:i + n]
                if not any(w in rev for w in window):
                    continue
                start, end = run[i].start, run[i + n - 1].end
                if any(s < end and start < e for s, e in taken):
                    continue
                restored = _restore(window, rev)
                if restored:
                    found = Hit(start, end, text[start:end], restored, "synonym")
                    i += n - 1
                    break
            if found:
                hits.append(found)
            i += 1
    return hits


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
