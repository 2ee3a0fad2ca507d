"""Literal screens for pattern rules: skip a unit when a rule's patterns cannot match it.

Every pack rule knows, from rxcache.literal_screen, which literals its matches must contain:
per alternative of its patterns, one literal from each of a few groups. A literal may be marked
as the start, end or whole of a word ("<cure", "itis>", "<heal>"; see rxcache). All rules'
literals go into one index. A unit's words (the shared ctx.words set) are looked up with set
operations: which literals a word holds is worked out once per distinct word and remembered.
The screen is exact: a rule skipped by it could not have matched, so findings are unchanged.
"""
from __future__ import annotations

import regex

from ..rxcache import END, START, is_word, split_key
from .base import WORD_RE

Screen = tuple  # ((frozenset of literals, ...) per alternative, ...)

# Characters that split a pattern's words but not ctx.words ("cures²": superscripts are \w for
# `re`, not for `regex`). A word holding one is also looked at piece by piece, so that a marked
# literal is found wherever a pattern's \b can see a word boundary.
NON_REGEX_WORD = regex.compile(r"\W+")


class LiteralIndex:
    """The literals of every registered screen, found in a unit from its set of words."""

    MAX_TOKENS = 200_000  # remembered words; the memo starts afresh beyond this

    def __init__(self):
        self.literals: set[str] = set()
        self.firsts: set[str] = set()  # literals of first groups: a unit without any passes no screen
        self._inside: tuple[str, ...] = ()  # unmarked word literals: anywhere inside a word
        self._starts: dict[int, frozenset[str]] = {}  # length -> literals that start a word
        self._ends: dict[int, frozenset[str]] = {}  # length -> literals that end a word
        self._whole: frozenset[str] = frozenset()  # literals that are a whole word
        # Other literals (spaces, punctuation), searched in the text, each after a cheaper test:
        # a marked key for one of its word pieces, which it cannot occur without.
        self._spanning: tuple[tuple[str, str | None], ...] = ()
        self._first_keys: frozenset[str] = frozenset()  # word keys of first groups (and their pieces)
        self._first_spanning: tuple[tuple[str, str | None], ...] = ()
        self._stale = False  # literals registered since the tables were built
        self._reset()

    def _reset(self) -> None:
        self._seen: set[str] = set()
        self._hits: dict[str, frozenset[str]] = {}  # word -> the literals it holds (non-empty only)
        self._hit_words: set[str] = set()
        self._first_hits: dict[str, frozenset[str]] = {}  # word -> the _first_keys it holds (non-empty only)
        self._first_words: set[str] = set()
        self._plan: tuple = (None, None, [])

    def register(self, screen: Screen) -> None:
        """Add a screen's literals. The lookup tables are rebuilt once, when next used: every
        pack rule registers at start-up, and rebuilding per rule cost ~50 ms."""
        literals = {lit for alternative in screen for group in alternative for lit in group}
        firsts = {lit for alternative in screen for lit in alternative[0]}
        if literals <= self.literals and firsts <= self.firsts:
            return
        self.literals |= literals
        self.firsts |= firsts
        self._stale = True

    def _build(self) -> None:
        self._stale = False
        spanning = tuple((lit, _piece_key(lit)) for lit in sorted(self.literals) if not is_word(split_key(lit)[0]))
        keys = (self.literals - {lit for lit, _ in spanning}) | {key for _, key in spanning if key}
        starts: dict[int, set[str]] = {}
        ends: dict[int, set[str]] = {}
        inside, whole = set(), set()
        for key in keys:
            core, start, end = split_key(key)
            if start and end:
                whole.add(core)
            elif start or end:
                (starts if start else ends).setdefault(len(core), set()).add(core)
            else:
                inside.add(core)
        self._inside, self._whole, self._spanning = tuple(sorted(inside)), frozenset(whole), spanning
        self._starts = {n: frozenset(s) for n, s in starts.items()}
        self._ends = {n: frozenset(s) for n, s in ends.items()}
        self._first_spanning = tuple((lit, key) for lit, key in spanning if lit in self.firsts)
        self._first_keys = frozenset((self.firsts & keys) | {key for _, key in self._first_spanning if key})
        self._reset()

    def _literals_of(self, word: str) -> frozenset[str]:
        found = [lit for lit in self._inside if lit in word]
        pieces = [word] if NON_REGEX_WORD.search(word) is None else [word, *NON_REGEX_WORD.split(word)]
        for piece in pieces:
            found += [START + piece[:n] for n, lits in self._starts.items() if piece[:n] in lits]
            found += [piece[-n:] + END for n, lits in self._ends.items() if piece[-n:] in lits]
            if piece in self._whole:
                found.append(START + piece + END)
        return frozenset(found)

    def _learn(self, words: frozenset[str]) -> None:
        if self._stale:
            self._build()
        new = words - self._seen
        if not new:
            return
        if len(self._seen) > self.MAX_TOKENS:
            self._reset()
            new = words
        for word in new:
            lits = self._literals_of(word)
            if lits:
                self._hits[word] = lits
                self._hit_words.add(word)
                firsts = lits & self._first_keys
                if firsts:
                    self._first_hits[word] = firsts
                    self._first_words.add(word)
        self._seen |= new

    def present(self, text: str, words: frozenset[str] | None = None, folded: str | None = None) -> frozenset[str]:
        """The registered literals that occur in text. words: its casefolded \\w+ tokens and
        folded: text.casefold(), when the caller has them already (ctx.words, ctx.folded)."""
        if folded is None:
            folded = text.casefold()
        if words is None:
            words = frozenset(WORD_RE.findall(folded))
        self._learn(words)
        found = set().union(*map(self._hits.__getitem__, words & self._hit_words))
        for lit, key in self._spanning:
            if (key is None or key in found) and lit in folded:
                found.add(lit)
        return frozenset(found)

    def plan(self, document, ctx) -> list[Planned]:
        """The blocks of the document that hold a literal of some first group (no other block
        can pass any screen). Worked out once per lint and shared by every pattern rule: a lint
        has its own ctx.document_words() object, which identifies it."""
        key = ctx.document_words()
        last_document, last_key, plan = self._plan
        if last_document is document and last_key is key and key:
            return plan
        plan = []
        for block in document.blocks:
            words, folded = ctx.words(block), ctx.folded(block.text)
            self._learn(words)
            firsts = set().union(*map(self._first_hits.__getitem__, words & self._first_words))
            for lit, piece in self._first_spanning:
                if (piece is None or piece in firsts) and lit in folded:
                    firsts.add(lit)
            if firsts:
                plan.append(Planned(self, block, frozenset(firsts), words, folded))
        self._plan = (document, key, plan)
        return plan


class Planned:
    """A block of a plan: the first-group literals it holds, and all its literals when a rule
    whose first group it holds asks for them."""

    __slots__ = ("block", "firsts", "_index", "_words", "_folded", "_present")

    def __init__(self, index: LiteralIndex, block, firsts: frozenset[str], words: frozenset[str], folded: str):
        self.block, self.firsts = block, firsts
        self._index, self._words, self._folded, self._present = index, words, folded, None

    @property
    def present(self) -> frozenset[str]:
        if self._present is None:
            self._present = self._index.present(self.block.text, self._words, self._folded)
        return self._present


def _piece_key(literal: str) -> str | None:
    """A marked word key that a text holding this literal (which has non-word characters) holds
    too: its longest run of word characters, marked where the literal's own characters end it."""
    runs = [(m.start(), m.end()) for m in WORD_RE.finditer(literal)]
    runs = [(s, e) for s, e in runs if is_word(literal[s:e])]
    if not runs:
        return None
    s, e = max(runs, key=lambda r: r[1] - r[0])
    start = s > 0 and _splits(literal[s - 1])
    end = e < len(literal) and _splits(literal[e])
    return (START if start else "") + literal[s:e] + (END if end else "")


def _splits(char: str) -> bool:
    """Does this character end a word for both `re` and `regex`?"""
    return not WORD_RE.match(char) and NON_REGEX_WORD.match(char) is not None


INDEX = LiteralIndex()


def passes(screen: Screen, present: frozenset[str]) -> bool:
    """Could any alternative match? It needs one literal of each of its groups."""
    return any(all(not group.isdisjoint(present) for group in alternative) for alternative in screen)


class Gate:
    """A screen arranged for speed: the alternatives by the literals of their first (most
    selective) group, so that most units are rejected by one set operation."""

    def __init__(self, screen: Screen):
        by_first: dict[str, list] = {}
        for alternative in screen:
            for lit in alternative[0]:
                by_first.setdefault(lit, []).append(alternative[1:])
        self._by_first = {lit: tuple(dict.fromkeys(rests)) for lit, rests in by_first.items()}
        self.first = frozenset(by_first)  # a unit without any of these cannot match

    def passes(self, present: frozenset[str]) -> bool:
        for lit in self.first.intersection(present):
            for rest in self._by_first[lit]:
                if all(not group.isdisjoint(present) for group in rest):
                    return True
        return False


def as_screen(alternatives) -> Screen:
    return tuple(dict.fromkeys(tuple(frozenset(group) for group in alt) for alt in alternatives))
