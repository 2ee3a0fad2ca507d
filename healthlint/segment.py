"""Sentence splitting for block text: abbreviation- and decimal-safe, span-preserving."""
from __future__ import annotations

import re
from functools import lru_cache

import regex

# Words that end with a full stop but rarely end a sentence.
ABBREVIATIONS = frozenset(
    """
    dr mr mrs ms prof sr jr st mt vs etc e.g i.e cf al approx fig figs vol eds inc ltd corp
    dept univ jan feb mar apr jun jul aug sep sept oct nov dec
    u.s u.k u.n ph.d m.d d.o r.n b.sc m.sc a.m p.m resp rev
    """.split()
)

# A candidate end: terminal punctuation, optional closing quotes/brackets, then whitespace.
# Runs of punctuation and of whitespace are matched only from their first character: tried from
# every position inside a long run, they made splitting quadratic (200,000 spaces took minutes).
# Each alternative starts by consuming a character and looks behind afterwards, and the pattern
# runs on the stdlib engine: three times faster than a leading look-behind tried at every
# position. _WS is the regex module's \s (stdlib \s also takes \x1c-\x1f). After punctuation,
# the look-ahead also asks for what NEXT_START_RE needs: exactly for an ASCII character, and for
# any other as a superset (group "u") that NEXT_START_RE checks again; most rejected candidates
# then never reach Python.
_WS = r"[^\S\x1c-\x1f]"
END_RE = re.compile(
    r"[.!?](?<![.!?][.!?])[.!?]*+[\"'”’)\]]*+(?=_WS++[\"'“‘(\[]?(?:[A-Z0-9*\-]|(?P<u>[^\x00-\x7f])))"
    r"|_WS_WS(?<!_WS_WS_WS)_WS*+(?=[-•*]_WS)".replace("_WS", _WS)
)
WORD_BEFORE_RE = regex.compile(r"([\w.]+)\.$")
NUMBER_NEXT_RE = regex.compile(r"\s*\d")
NEXT_START_RE = regex.compile(r"\s*[\"'“‘(\[]?[\p{Lu}\p{N}•\-*]")
DOTTED_RE = regex.compile(r"(?:\p{L}\.)+\p{L}")  # "u.s", "e.g": dotted letters


# The letters after an abbreviation's last dot, two or more ("etc", "sc" of "b.sc"); one-letter ends
# ("e.g") follow a dot, not two letters. In a text, such letters before a full stop are one of its
# (casefolded) word tokens: a character that is no word character and no dot casefolds to none.
ABBREVIATION_ENDS = frozenset(end for word in ABBREVIATIONS if len(end := word.rpartition(".")[2]) > 1)


@lru_cache(maxsize=64)
def sure_end_re(ends: frozenset[str] = ABBREVIATION_ENDS) -> re.Pattern:
    """A pattern for sure sentence ends, for rules that need a cheap bound on sentences rather than the
    split: a full stop after two ASCII letters, before a space and an ASCII capital, and not after
    letters in `ends` (ignoring case). END_RE matches every such full stop (it is the first of its
    punctuation run and the look-ahead holds), and split_sentences ends a sentence there unless the
    word _is_abbreviation reads is an abbreviation (no initial: two letters; no dotted letters; "no"
    needs a digit after it), whose ends are ABBREVIATION_ENDS. A text whose word tokens hold none of
    the other ends can leave them out: fewer look-behinds to try at each full stop.

    Cut with its split(), a text's pieces lose only sure full stops (in no word) and each sentence's
    words are the words of one piece; when there are several pieces, each holds a word (a letter
    before or after a cut), so each holds a sentence with words."""
    by_length: dict[int, list[str]] = {}
    for end in sorted(ends):
        by_length.setdefault(len(end), []).append(end)
    # One look-behind per length (re's look-behinds have one width), ignoring case more widely than
    # _is_abbreviation does ("ſt" too). The pattern starts with its full stop: re scans for that character.
    not_after = "".join(rf"(?<!(?i:{'|'.join(group)})\.)" for _, group in sorted(by_length.items()))
    return re.compile(r"\.(?= [A-Z])(?<=[A-Za-z][A-Za-z]\.)" + not_after)


def _is_abbreviation(text: str, dot: int) -> bool:
    """Is the full stop at text[dot] part of an abbreviation or an initial ("J. Smith")?"""
    # Most full stops follow a plain word after a space: WORD_BEFORE_RE would find that word (cut
    # to the window of 12 characters, which no abbreviation is near), so take it directly.
    space = text.rfind(" ", max(0, dot - 13), dot)
    word = text[space + 1:dot] if space >= 0 or dot <= 13 else ""
    if word.isalpha() and word.isascii():
        first = space + 1
    else:
        m = WORD_BEFORE_RE.search(text, max(0, dot - 12), dot + 1)
        if not m:
            return False
        word, first = m.group(1), m.start(1)
    word = word.lower()
    if word in ABBREVIATIONS:
        return True
    if word == "no" and NUMBER_NEXT_RE.match(text, dot + 1):  # "No. 5"
        return True
    # A single capital letter is an initial; "U.S"-style dotted capitals are abbreviations.
    if len(word) == 1:
        return text[first].isupper()
    return "." in word and DOTTED_RE.fullmatch(word) is not None


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Spans (start, end) of the sentences in text, without surrounding whitespace."""
    spans = []
    start = 0
    for m in END_RE.finditer(text):
        first, end = m.start(), m.end()
        if text[first] == ".":
            if end - first == 1 and _is_abbreviation(text, first):
                continue
        elif text[first] not in "!?":  # an inline list bullet after a run of spaces ("...   - item")
            end = first
        if m.group("u") is not None and not NEXT_START_RE.match(text, end):
            continue
        _append(spans, text, start, end)
        start = end
    _append(spans, text, start, len(text))
    return spans


def _append(spans: list, text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


# Where END_RE may match: its first alternative up to the whitespace, which it only looks ahead for
# (\s is wider than _WS: a superset), or two whitespace characters. Like END_RE, it starts at the
# first of a punctuation run and its runs do not give back: linear time on long runs.
PUNCTUATION_END_RE = re.compile(r"[.!?](?<![.!?][.!?])[.!?]*+[\"'”’)\]]*+\s")
SPACES_RE = re.compile(r"\s\s")


def sure_pieces(text: str, ends: frozenset[str] = ABBREVIATION_ENDS) -> list[tuple[int, int]]:
    """Spans of text cut after its sure ends (sure_end_re(ends); `ends` must hold the abbreviation
    ends among text's word tokens), without surrounding whitespace: each piece is a run of whole
    sentences of split_sentences(text), the first starting where it starts and the last ending where
    it ends. A sure end is a full stop alone before a space and a capital: split_sentences ends a
    sentence after it and starts the next one after the space."""
    stops = [m.end() for m in sure_end_re(ends).finditer(text)]
    first, last = len(text) - len(text.lstrip()), len(text.rstrip())
    if not stops:
        return [(first, last)] if first < last else []
    return list(zip([first] + [stop + 1 for stop in stops], stops + [last]))


def sure_sentences(text: str, ends: frozenset[str] = ABBREVIATION_ENDS) -> list[tuple[int, int]] | None:
    """split_sentences(text) when its sentences are the pieces between sure ends (see sure_pieces),
    found without reading the words before full stops; None when they may not be. They are when END_RE
    matches nowhere else: PUNCTUATION_END_RE matches at every sure end (no match before one runs into
    it: letters come before it), so this holds when it matches nowhere else and no two whitespace
    characters follow each other."""
    pieces = sure_pieces(text, ends)
    if len(PUNCTUATION_END_RE.findall(text)) != len(pieces) - 1 or SPACES_RE.search(text):
        return None
    return pieces
