"""Word lists and small text helpers shared by the spam rules (healthlint.checks.spam).

The lists name the *kinds* of words that spam is made of (drugs that spammers sell, price and
channel words, commercial imperatives); the rules score combinations of them, so no single word
is ever enough to report a sentence.
"""
from __future__ import annotations

import re
from functools import lru_cache

import regex

from ..document import Block

_F = regex.IGNORECASE | regex.V0

# Drugs that pharmacy spam sells (brand and generic names). A name alone is ordinary health prose.
SPAM_DRUGS = frozenset(
    """
    viagra cialis levitra kamagra sildenafil tadalafil vardenafil avanafil priligy dapoxetine
    xanax alprazolam valium diazepam ativan lorazepam klonopin clonazepam tramadol ultram
    oxycodone oxycontin hydrocodone vicodin percocet codeine fentanyl morphine dilaudid
    adderall ritalin modafinil provigil armodafinil phentermine adipex soma carisoprodol
    ambien zolpidem lunesta propecia finasteride accutane isotretinoin clomid ivermectin
    hydroxychloroquine azithromycin zithromax amoxicillin ciprofloxacin cipro doxycycline
    ozempic semaglutide wegovy mounjaro tirzepatide saxenda liraglutide xenical orlistat
    gabapentin neurontin lyrica pregabalin suboxone methadone ketamine clenbuterol hgh
    steroids anabolics testosterone diflucan valtrex lasix synthroid lipitor prozac zoloft
    lexapro paxil wellbutrin antibiotics painkillers opioids benzos
    """.split()
)
# Generic words for what an online pharmacy ships.
GOODS = frozenset("pills pill meds medication medications tablets tablet capsules drugs rx".split())
# International nonproprietary name stems: any such drug can be sold by spam too.
INN_STEM = regex.compile(
    r"(?:afil|azepam|azolam|codone|statin|cillin|mycin|cycline|floxacin|prazole|sartan|pril|olol|"
    r"glutide|gliflozin|tropin|xetine|oxetine|triptan|dronate)$",
    _F,
)


def is_drug(word: str) -> bool:
    w = word.lower()
    return w in SPAM_DRUGS or w in GOODS or (len(w) >= 7 and INN_STEM.search(w) is not None)


# Look-alike characters spammers swap into drug names: 0 for o, 1 for i, @ for a ...
LOOKALIKE = str.maketrans({"0": "o", "1": "i", "!": "i", "|": "l", "3": "e", "4": "a", "@": "a",
                           "$": "s", "5": "s", "7": "t", "\u0430": "a", "\u0435": "e", "\u043e": "o",
                           "\u0440": "p", "\u0441": "c", "\u0456": "i", "\u0445": "x"})
# A token that may be an obfuscated word: letters mixed with look-alikes, or single letters split
# by dots, dashes, stars, underscores or spaces ("V-i-a-g-r-a", "v i a g r a", "C!alis").
OBFUSCATED = regex.compile(
    r"(?<![\w@$!|])(?:"
    r"(?:\p{L}[.\-*_ ]){4,}\p{L}"  # split letters
    r"|[\p{L}0-9@$!|]*(?:[\p{L}][0-9@$!|]|[0-9@$!|][\p{L}])[\p{L}0-9@$!|]*"  # look-alike characters
    r")(?![\w@$!|])",
    regex.V0,
)


SEPARATORS = regex.compile(r"[.\-*_ ]")


def deobfuscate(token: str) -> str:
    return SEPARATORS.sub("", token).translate(LOOKALIKE).lower()


@lru_cache(maxsize=65536)
def obfuscated_drug(token: str) -> str | None:
    """The drug an obfuscated token spells ("V1agra" -> "viagra"), or None."""
    plain = deobfuscate(token)
    if plain == token.lower() or plain not in SPAM_DRUGS:
        return None
    return plain


# ---------------------------------------------------------------------------------------------
# Screens: cheap tests that a block cannot hold a finding, so that a rule skips it. Each is exact
# (a necessary condition of the rule's patterns), worked out on Context.words: the block's
# casefolded \w+ tokens, shared by all rules.

NON_ASCII = re.compile(r"[^\x00-\x7f]")
CYRILLIC = regex.compile(r"\p{Cyrillic}")
_INERT: dict[str, bool] = {}


def _inert(char: str) -> bool:
    """Is char plain punctuation for every pattern here: not a word character (for re and for
    regex), no letter or digit, unchanged by casefold, not a Cyrillic look-alike?"""
    known = _INERT.get(char)
    if known is None:
        known = _INERT[char] = not (
            re.match(r"\w", char) or regex.match(r"[\w\p{L}\p{N}]", char) or char.casefold() != char
            or CYRILLIC.match(char))
    return known


def plain(ctx, block) -> bool:
    """Text whose letters and digits are all ASCII (other characters being inert punctuation such
    as curly quotes and dashes). There, \\w, \\p{L} and casefold agree with ASCII, so a block's
    word tokens say exactly which words its patterns can match; the screens below rely on this
    and let any other block through. Worked out once per block (ctx.memo) for the spam rules."""
    text = block.text
    return text.isascii() or ctx.memo((plain, block), lambda: all(map(_inert, set(NON_ASCII.findall(text)))))


def per_document(compute):
    """compute(ctx), worked out once per document (ctx.memo) for every rule that asks."""
    return lambda ctx: ctx.memo(compute, lambda: compute(ctx))


# The text of all the blocks of a document, for screens that a whole document can pass at once.
block_texts = per_document(lambda ctx: "\n".join([block.text for block in ctx.document.blocks]))


class _TokenTests:
    """The tests of every Vocabulary, run once per distinct token, all at once. A document's words
    are compared with the tokens seen once for all the vocabularies: that comparison is what costs."""

    LIMIT = 200_000  # tokens remembered; the memo starts afresh beyond this

    def __init__(self):
        self.tests: list = []
        self._reset()

    def _reset(self) -> None:
        self.seen: set[str] = set()
        self.passed: dict[str, int] = {}  # token -> the bits of the tests it passes (non-zero only)
        # passed's keys again, as a set: intersecting with a set walks the smaller side, with a dict the whole dict
        self.passed_tokens: set[str] = set()

    def add(self, test) -> int:
        """Register a test; its bit."""
        self.tests.append(test)
        self._reset()
        return 1 << (len(self.tests) - 1)

    def in_document(self, ctx) -> dict[str, int]:
        """The document's words that pass some test, with their bits (once per document)."""
        return ctx.memo(self, lambda: self._find(ctx.document_words()))

    def _find(self, words: frozenset[str]) -> dict[str, int]:
        new = words.difference(self.seen)
        if new:
            if len(self.seen) > self.LIMIT:
                self._reset()
                new = words
            tests = [(1 << i, test) for i, test in enumerate(self.tests)]
            for word in new:
                bits = sum(bit for bit, test in tests if test(word))
                if bits:
                    self.passed[word] = bits
                    self.passed_tokens.add(word)
            self.seen |= new
        return {word: self.passed[word] for word in words.intersection(self.passed_tokens)}


_TESTS = _TokenTests()


class Vocabulary:
    """The words a screen looks for: fixed ones, and/or the tokens that pass a test (the test runs
    once per distinct token). in_document(ctx): those of the document's words, worked out once
    per document, so that a block then costs a lookup of those few (usually none)."""

    def __init__(self, words=(), test=None):
        self.words = frozenset(words)
        self.bit = 0 if test is None else _TESTS.add(test)
        self.in_document = per_document(self._find)

    def _find(self, ctx) -> frozenset[str]:
        found = self.words & ctx.document_words()
        if self.bit:
            found |= {word for word, bits in _TESTS.in_document(ctx).items() if bits & self.bit}
        return found


LETTER_RUN = re.compile(r"[a-z]+")


def letter_runs(token: str) -> list[str]:
    """The runs of letters of a token of a plain text ("5mg" -> ["mg"]): a word pattern that needs
    no boundary against digits or "_" ("5Health offers") matches one of them."""
    return LETTER_RUN.findall(token)


def delete_span_fix(block: Block, source: str, start: int, end: int):
    """Absolute (start, end) that deletes block.text[start:end] with one neighbouring space, or
    None when the span is not a verbatim copy of the source (markup inside: deleting would break it)."""
    text = block.text
    if end < len(text) and text[end] == " " and (start == 0 or text[start - 1] in " \t"):
        end += 1
    elif start > 0 and text[start - 1] == " ":
        start -= 1
    s, e = block.source_span(start, end)
    if source[s:e].split() != text[start:end].split():  # markup inside (a line break is fine)
        return None
    return s, e
