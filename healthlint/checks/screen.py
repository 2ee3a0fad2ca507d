"""Literal screens for pattern rules: skip a unit when a rule's patterns cannot match it.

Every pack rule knows, from rxcache.literal_screen, which literals its matches must contain:
per alternative of its patterns, one literal from each of a few groups. A literal may be marked
as the start, end or whole of a word ("<cure", "itis>", "<heal>"; see rxcache). All rules'
literals go into one index. A unit's words (the shared ctx.words set) are looked up with set
operations: which literals a word holds is worked out once per distinct word and remembered.
The screen is exact: a rule skipped by it could not have matched, so findings are unchanged.
"""
from __future__ import annotations

from functools import reduce
from itertools import compress, repeat
from operator import contains, or_

import regex

from ..rxcache import END, MAX_GROUPS, SCREEN_KEY, START, is_word, memo, split_key
from .base import WORD_RE, word_tokens

Screen = tuple  # ((frozenset of literals, ...) per alternative, ...)
NO_LITERALS = frozenset()  # one object for the words that hold none: looked up again and again
TABLES_KEY = ("screen-tables1", SCREEN_KEY)

# Characters that split a pattern's words but not ctx.words ("cures²": superscripts are \w for
# `re`, not for `regex`). A word holding one is also looked at piece by piece, so that a marked
# literal is found wherever a pattern's \b can see a word boundary.
NON_REGEX_WORD = regex.compile(r"\W+")


class LiteralIndex:
    """The literals of every registered screen, found in a unit from its set of words."""

    MAX_TOKENS = 200_000  # remembered words; the memo starts afresh beyond this

    def __init__(self):
        self.literals: set[str] = set()
        self._inside: tuple[str, ...] = ()  # unmarked word literals: anywhere inside a word
        self._starts: dict[int, frozenset[str]] = {}  # length -> literals that start a word
        self._ends: dict[int, frozenset[str]] = {}  # length -> literals that end a word
        self._whole: frozenset[str] = frozenset()  # literals that are a whole word
        # Other literals (spaces, punctuation), searched in the text, each after a cheaper test:
        # a marked key for one of its word pieces, which it cannot occur without.
        self._spanning: tuple[tuple[str, str | None], ...] = ()
        self._keys: dict[str, str | None] = {}  # spanning literal -> that key (None: it has none)
        self.generation = 0  # counts the times the word memo started afresh
        self._stale = False  # literals registered since the tables were built
        self._gates: dict[Screen, Gate] = {}  # the gates tested in one go (see gate)
        self._joint = None  # (all of them as one Gate, id -> (shift, mask) of a gate's bits in it)
        self._reset()

    def _reset(self) -> None:
        self._hits: dict[str, frozenset[str]] = {}  # every word seen -> the literals it holds
        self._holders: dict[str, set[str]] = {}  # literal (or key) -> the remembered words that hold it
        self.generation += 1

    def register(self, screen: Screen) -> None:
        """Add a screen's literals. The lookup tables are rebuilt once, when next used: every
        pack rule registers at start-up, and rebuilding per rule cost ~50 ms."""
        literals = {lit for alternative in screen for group in alternative for lit in group}
        if literals <= self.literals:
            return
        self.literals |= literals
        self._stale = True

    def _build(self) -> None:
        self._stale = False
        # Kept in the compiled-pattern store with the screens: the built-in packs' ~1,200 literals take ~5 ms.
        tables = memo((TABLES_KEY, frozenset(self.literals)), lambda: _tables(self.literals))
        self._inside, self._whole, self._spanning, self._starts, self._ends = tables
        self._keys = dict(self._spanning)
        self._reset()

    def gate(self, screen: Screen) -> Gate:
        """The screen registered, as a Gate that a document tests together with the other gates
        made here (DocumentLiterals.passing): one set intersection and one reduce for all of them.
        One gate per distinct screen, so that rules built again do not grow the joint one."""
        gate = self._gates.get(screen)
        if gate is None:
            self.register(screen)
            gate = self._gates[screen] = Gate(screen, MAX_GROUPS)
            self._joint = None
        return gate

    def joint(self) -> tuple:
        if self._joint is None:  # gates wider than the common width are tested on their own
            self._joint = Gate.joined([gate for gate in self._gates.values() if gate._width == MAX_GROUPS])
        return self._joint

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
        """Note the literals of the words not seen yet."""
        if self._stale:
            self._build()
        new = words.difference(self._hits)
        if not new:
            return
        if len(self._hits) > self.MAX_TOKENS:
            self._reset()
            new = words
        for word in new:
            lits = self._hits[word] = self._literals_of(word) or NO_LITERALS
            for lit in lits:
                self._holders.setdefault(lit, set()).add(word)

    def present(self, text: str, words: frozenset[str] | None = None, folded: str | None = None) -> frozenset[str]:
        """The registered literals that occur in text. words: its casefolded \\w+ tokens and
        folded: text.casefold(), when the caller has them already (ctx.words, ctx.folded)."""
        if folded is None:
            folded = text.casefold()
        if words is None:
            words = word_tokens(folded)
        return self.found(words, lambda: folded)

    def found(self, words: frozenset[str], folded) -> frozenset[str]:
        """The literals of a text with these word tokens; folded() gives its casefolded text, asked
        for only when a literal with spaces or punctuation may be in it."""
        if self._stale:
            self._build()
        try:  # one lookup per word: most words of a document were seen before (and most hold nothing)
            found = set().union(*map(self._hits.get, words))
        except TypeError:  # None: a word not seen yet
            self._learn(words)
            found = set().union(*map(self._hits.get, words))
        text = None
        for lit, key in self._spanning:
            if key is None or key in found:
                if text is None:
                    text = _dotless(folded())
                if lit in text:
                    found.add(lit)
        return frozenset(found)

    def document(self, document, ctx) -> DocumentLiterals:
        """The registered literals of a document, found once for all pattern rules (ctx.memo)."""
        return ctx.memo((DocumentLiterals, self), lambda: DocumentLiterals(self, document, ctx))


class DocumentLiterals:
    """The literals a document holds, and for a screen's group, the blocks that may hold one.

    A block holds a word literal exactly when one of its words does, so the blocks that may hold
    a group's literals are those holding one of the document's words that hold one (the index
    remembers, per word, the literals it holds), kept as a bit mask over the blocks. A literal
    with spaces or punctuation is looked for through a word piece it cannot occur without (in
    every block when it has none), so a block found that way may still lack it: `present` gives
    a block's exact literals. Masks are found on first use and shared by all rules."""

    def __init__(self, index: LiteralIndex, document, ctx):
        self.index, self.ctx = index, ctx
        self.blocks = document.blocks
        self._block_words = None  # each block's words, listed when a literal's blocks are first looked for
        self._bits = [1 << i for i in range(len(self.blocks))]
        self.everywhere = (1 << len(self.blocks)) - 1  # the mask of all blocks
        self.words = ctx.document_words()
        # The literals of its blocks (no block holds any other); one found across two blocks only
        # lets more blocks through to `present`.
        self.literals = index.found(self.words, lambda: "\n".join([ctx.folded(block.text) for block in self.blocks]))
        self._generation = index.generation
        self.groups: dict[frozenset[str], int] = {}  # group -> the mask of blocks that may hold it
        self._literal_blocks: dict[str, int] = {}  # literal -> the mask of blocks that may hold it
        self._word_blocks: dict[str, int] = {}  # word -> the mask of blocks that hold it
        self._present: dict[int, frozenset[str]] = {}
        self._passing = None, 0  # (the joint Gate, its bits for the document's literals)

    def passing(self, gate: Gate) -> list[int]:
        """The alternatives of the gate that the whole document passes (their indexes). A joined
        gate's are read from one test of all joined gates, made on the first call."""
        joint, fields = self.index.joint()
        field = fields.get(id(gate))
        if field is None:
            bits, width = gate._passing(self.literals), gate._width
        else:
            if self._passing[0] is not joint:
                self._passing = joint, joint._passing(self.literals)
            shift, mask = field
            bits, width = (self._passing[1] >> shift) & mask, joint._width
        return _indexes(bits, width)

    def group_blocks(self, group: frozenset[str]) -> int:
        """The mask of blocks that may hold one of the group's literals (kept in self.groups)."""
        mask = 0
        literal_blocks = self._literal_blocks
        for lit in self.literals.intersection(group):
            found = literal_blocks.get(lit)
            mask |= self._blocks_of(lit) if found is None else found
        self.groups[group] = mask
        return mask

    def _blocks_of(self, literal: str) -> int:
        """The mask of blocks holding a document word that holds this literal, or its word piece
        (all blocks when it has none)."""
        if self.index.generation != self._generation:  # the index forgot this document's words
            self.index._learn(self.words)
            self._generation = self.index.generation
        key = self.index._keys.get(literal, literal)
        mask = self.everywhere
        if key is not None:
            mask = 0
            for word in self.words.intersection(self.index._holders[key]):
                found = self._word_blocks.get(word)
                if found is None:  # the blocks holding the word, in one pass of C set lookups
                    if self._block_words is None:
                        self._block_words = [self.ctx.words(block) for block in self.blocks]
                    held = map(contains, self._block_words, repeat(word))
                    found = self._word_blocks[word] = sum(compress(self._bits, held))
                mask |= found
        self._literal_blocks[literal] = mask
        return mask

    def present(self, block) -> frozenset[str]:
        """The block's registered literals (exact)."""
        found = self._present.get(id(block))
        if found is None:
            text = block.text
            found = self._present[id(block)] = self.index.present(text, self.ctx.words(block), self.ctx.folded(text))
        return found


def _dotless(folded: str) -> str:
    """Casefolded text in which a spanning literal is looked for. "İ" casefolds to "i" + U+0307,
    yet a case-insensitive pattern matches it as "i" ("E-MAİL" holds "e-mail"): such text is
    also searched without the combining dots (as word_tokens does for words)."""
    return folded + "\n" + folded.replace("\u0307", "") if "\u0307" in folded else folded


def _tables(literals: set[str]) -> tuple:
    """The literals arranged for lookup (LiteralIndex): the unmarked word literals, the whole
    words, the spanning literals with their keys, and the word starts and ends by length."""
    spanning = tuple((lit, piece_key(lit)) for lit in sorted(literals) if not is_word(split_key(lit)[0]))
    keys = (literals - {lit for lit, _ in spanning}) | {key for _, key in spanning if key}
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
    return (tuple(sorted(inside)), frozenset(whole), spanning,
            {n: frozenset(s) for n, s in starts.items()}, {n: frozenset(s) for n, s in ends.items()})


def piece_key(literal: str) -> str | None:
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
    """A screen as bit fields, one per alternative with a bit per group: the present literals set
    the bits of the groups they are in, and an alternative passes when its field is all ones. So
    every alternative is tested at once, by a few operations on integers."""

    def __init__(self, screen: Screen, width: int = 1):
        """width: at least this many bits per alternative (LiteralIndex.joint needs a common one)."""
        self._alternatives = screen
        self._width = width = max(width, max(len(alternative) for alternative in screen))
        bits: dict[frozenset[str], int] = {}  # group -> its bits (alternatives share groups)
        full = 0  # the bits of groups an alternative does not have: always set
        for i, alternative in enumerate(screen):
            for j, group in enumerate(alternative):
                bits[group] = bits.get(group, 0) | 1 << (i * width + j)
            for j in range(len(alternative), width):
                full |= 1 << (i * width + j)
        masks: dict[str, int] = {}
        for group, group_bits in bits.items():
            for lit in group:
                masks[lit] = masks.get(lit, 0) | group_bits
        self._masks, self._full, self.literals = masks, full, frozenset(masks)
        self._lowest = sum(1 << (i * width) for i in range(len(screen)))

    def _passing(self, present: frozenset[str]) -> int:
        """A bit (the lowest of its field) for each alternative whose groups all have a literal present."""
        bits = reduce(or_, map(self._masks.__getitem__, self.literals.intersection(present)), self._full)
        passing = bits & self._lowest
        for shift in range(1, self._width):
            passing &= bits >> shift
        return passing

    def passes(self, present: frozenset[str]) -> bool:
        return self._passing(present) != 0

    def which(self, present: frozenset[str]) -> list[int]:
        """The indexes of the alternatives whose groups all have a literal present."""
        return _indexes(self._passing(present), self._width)

    @classmethod
    def joined(cls, gates: list[Gate]) -> tuple[Gate, dict[int, tuple[int, int]]]:
        """One gate whose fields are those of the gates (of one width) side by side, and for each
        gate (by id) the (shift, mask) of its bits in the joint's."""
        joint = cls.__new__(cls)  # only tested (_passing): the gates keep their alternatives
        joint._width = MAX_GROUPS
        masks: dict[str, int] = {}
        joint._full = joint._lowest = shift = 0
        fields = {}
        for gate in gates:
            for lit, mask in gate._masks.items():
                masks[lit] = masks.get(lit, 0) | mask << shift
            joint._full |= gate._full << shift
            joint._lowest |= gate._lowest << shift
            size = len(gate._alternatives) * MAX_GROUPS
            fields[id(gate)] = (shift, (1 << size) - 1)
            shift += size
        joint._masks, joint.literals = masks, frozenset(masks)
        return joint, fields

    def blocks(self, document: DocumentLiterals) -> list[tuple]:
        """(block, its literals) for each block of the document that passes the screen. Only the
        alternatives the whole document passes can pass in a block: the blocks that may hold all
        of one's groups (a few operations on bit masks) are checked exactly."""
        may_pass = 0  # a mask of blocks
        groups = document.groups
        for i in document.passing(self):
            blocks = document.everywhere
            for group in self._alternatives[i]:
                mask = groups.get(group)
                blocks &= document.group_blocks(group) if mask is None else mask
                if not blocks:
                    break
            may_pass |= blocks
        passing_blocks = []
        while may_pass:
            bit = may_pass & -may_pass
            may_pass ^= bit
            block = document.blocks[bit.bit_length() - 1]
            literals = document.present(block)
            if self.passes(literals):
                passing_blocks.append((block, literals))
        return passing_blocks


def _indexes(bits: int, width: int) -> list[int]:
    """The alternatives whose lowest bit is set in these passing bits (fields of `width` bits)."""
    alternatives = []
    while bits:
        bit = bits & -bits
        bits ^= bit
        alternatives.append((bit.bit_length() - 1) // width)
    return alternatives


def as_screen(alternatives) -> Screen:
    return tuple(dict.fromkeys(tuple(frozenset(group) for group in alt) for alt in alternatives))
