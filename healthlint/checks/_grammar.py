"""High-precision grammar slips an editor catches on sight, offline and without a parser.

Each finder takes sentence text and yields Slip(start, end, message, replacement or None). They are
deliberately narrow: closed word lists and patterns whose every match is an error in edited prose.
A finder is a sequence of parts. One scan of a document (Scan) tells in which blocks each part can
fire, so that most blocks need no work at all; parts_for does the same for one block.
"""
from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict, namedtuple
from collections.abc import Iterator
from functools import cached_property, lru_cache
from itertools import accumulate, product

import re

import regex

from ..rxcache import word_alternation

_F = regex.IGNORECASE | regex.V1
APOS = "['\u2019]"


class Slip(namedtuple("Slip", "start end message replacement", defaults=(None,))):
    """A grammar slip: its span (start, end), message, and replacement (a str, or None)."""
    __slots__ = ()


# --- repeated words -------------------------------------------------------------------------------
REPEAT_RE = regex.compile(r"\b(\p{L}+)(\s+)(\1)\b", _F)
LEGIT_REPEATS = frozenset({"had", "that", "bye", "no", "very", "so", "really", "far", "yes", "ha", "knock", "tsk", "mm", "chop", "pom", "tut"})


def repeated_words(text: str) -> Iterator[Slip]:
    for m in REPEAT_RE.finditer(text):
        word = m.group(1)
        gap = m.group(2)
        if word.lower() in LEGIT_REPEATS or word.isupper() and len(word) > 1 or "  " in gap or "\n\n" in gap:
            continue
        if m.group(3)[0].isupper() and not word[0].isupper():
            continue  # "... leukemia Leukemia can ...": a new sentence or item, not a slip
        yield Slip(m.start(2), m.end(3), f"Repeated word: '{word} {m.group(3)}'; delete the second one.", "")



# --- confused words -------------------------------------------------------------------------------
# "it's" + a word that only makes sense after a possessive.
ITS_NOUNS = (
    "own|effects?|side\\s+effects|symptoms|causes?|benefits|risks|ability|function|purpose|role|shape|size|name|"
    "potency|effectiveness|efficacy|dosage|ingredients|users|patients|structure|impact|properties|mechanism|safety"
)
ITS_RE = regex.compile(rf"\b(it{APOS}s)\s+(?:{ITS_NOUNS})\b(?![\-\p{{L}}])", _F)
# "its" where "it's" (it is / it has) is meant: only words that cannot follow a possessive
# (adjectives can: "its common side effects").
ITS_FOLLOWERS = "not|a|an|been|going|never|always|also|still|just|too|really"
ITS_CONTRACTION_RE = regex.compile(rf"\b(its)\s+(?:{ITS_FOLLOWERS})\b", _F)
MODALS = "could|should|would|might|must|may"
MODAL_OF_RE = regex.compile(rf"\b(?:{MODALS})(?:n['\u2019]t)?\s+(of)\b(?!\s+course\b)", _F)
COMPARATIVES = "more|less|fewer|better|worse|rather|greater|higher|lower|larger|smaller|longer|shorter|older|younger"
COMPARATIVE_THEN_RE = regex.compile(rf"\b(?:{COMPARATIVES})\s+(then)\b", _F)


def _its_possessive(text: str) -> Iterator[Slip]:
    for m in ITS_RE.finditer(text):
        its = "Its" if m.group(1)[0] == "I" else "its"
        yield Slip(m.start(1), m.end(1), f"'{m.group(1)}' means 'it is'; the possessive is '{its}'.", its)


def _its_contraction(text: str) -> Iterator[Slip]:
    for m in ITS_CONTRACTION_RE.finditer(text):
        its = "It's" if m.group(1)[0] == "I" else "it's"
        yield Slip(m.start(1), m.end(1), f"'{m.group(1)}' is the possessive; '{its}' means 'it is' or 'it has'.", its)


def _modal_of(text: str) -> Iterator[Slip]:
    for m in MODAL_OF_RE.finditer(text):
        have = "have" if m.group(1).islower() else "Have"
        yield Slip(m.start(1), m.end(1), f"'{m.group(0)}' should be '{m.group(0)[:m.start(1) - m.start()]}have'.", have)


def _comparative_then(text: str) -> Iterator[Slip]:
    for m in COMPARATIVE_THEN_RE.finditer(text):
        yield Slip(m.start(1), m.end(1), "Comparison needs 'than', not 'then'.", "than" if m.group(1).islower() else "Than")


def confused_words(text: str) -> Iterator[Slip]:
    for part in (_its_possessive, _its_contraction, _modal_of, _comparative_then):
        yield from part(text)


# --- number agreement -----------------------------------------------------------------------------
# Count nouns common in health writing with regular plurals, so singular and plural are both known.
COUNT_NOUNS = (
    "treatment medication medicine drug pill tablet capsule dose patient doctor nurse symptom sign test study trial "
    "disease condition infection vaccine injection side-effect effect risk factor option procedure surgery therapy "
    "supplement product ingredient problem complication cause benefit result finding researcher scientist expert "
    "physician specialist hospital clinic child adult woman man person year month week day hour minute cell gene "
    "food meal exercise method program type sample case visit change"
).split()
IRREGULAR = {"child": "children", "woman": "women", "man": "men", "person": "people", "therapy": "therapies",
             "surgery": "surgeries", "study": "studies", "injury": "injuries", "remedy": "remedies"}
SINGULAR = {n: (IRREGULAR.get(n) or n + "s") for n in COUNT_NOUNS}
PLURAL = {p: s for s, p in SINGULAR.items()}

# After the noun: words that end the noun phrase, so the noun is not a modifier ("these treatment options").
PHRASE_END = (
    r"(?:[.,;:!?)]|$|\s+(?:is|are|was|were|can|may|might|will|would|should|must|have|has|had|do|does|did|in|of|for|to|"
    r"with|and|or|that|which|who|on|at|from|by|as|than|because|help|helps|work|works|cause|causes|include|includes))"
)
PLURAL_DETS = "these|those|several|many|various|few|multiple"
SINGULAR_DETS = "a|an|each|every|this|another"
PLURAL_DET_RE = regex.compile(rf"\b({PLURAL_DETS})\s+(\p{{Ll}}+)(?={PHRASE_END})", _F)
SINGULAR_DET_RE = regex.compile(rf"\b({SINGULAR_DETS})\s+(\p{{Ll}}+)(?!{APOS}|[\p{{L}}\-])", _F)
# After "this" a plural form may be a verb ("This causes scarring"): only nouns that are never verbs.
NOT_VERBS = frozenset("patients doctors nurses symptoms medications medicines pills tablets capsules vaccines diseases "
                      "infections conditions children adults women men people researchers physicians hospitals".split())
# "a"/"an" before an obviously wrong sound. Only plain lowercase words; silent h and "you"-sounding u/eu/one skipped.
A_AN_RE = regex.compile(r"\b([Aa]|[Aa]n)\s+(\p{Ll}[\p{Ll}\-]*)\b", regex.V1)
A_BEFORE_VOWEL_OK = ("one", "once", "eu", "ewe", "uni", "use", "usu", "uti", "ure", "uro", "ufo", "ubiq", "u-", "o-")
AN_BEFORE_CONSONANT_OK = ("hour", "honest", "honor", "honour", "heir", "herb", "x-", "mri", "fda", "nsaid", "hmo", "s-", "f-", "l-", "m-", "n-", "r-", "x")

# "hepatitis a and b", "vitamin a or": the letter, not the article.
FUNCTION_WORDS = frozenset("and or is are was were of in on to at as if it its nor but so than that the".split())
LETTER_CONTEXT = regex.compile(r"\b(?:hepatitis|vitamin|type|group|grade|stage|class|plan|part|section|step|option|list|item|point|influenza|strep|blood)\s+$", _F)


def _letter_name(text: str, start: int) -> bool:
    return bool(LETTER_CONTEXT.search(text[max(0, start - 20):start]))


# Subject-verb: a plural noun directly followed by a singular verb form, and the reverse.
PLURAL_SUBJECTS = "doctors|patients|people|children|studies|researchers|experts|scientists|women|men|adults|symptoms|treatments|medications|drugs"
SINGULAR_VERBS = "recommends|says|suggests|shows|finds|believes|needs|wants|causes|seems|appears|doesn't|does|has|is|was"
SINGULAR_SUBJECTS = "doctor|patient|study|researcher|person|child|woman|man|treatment|medication|drug"
PLURAL_VERBS = "recommend|suggest|show|find|believe|need|want|seem|appear|don't|do|have|are|were"
# Only a subject that opens a clause (sentence start, after a comma or a conjunction) is judged:
# "treatment for children is" and "help your child have" have other heads or verbs.
CLAUSE_START = r"(?:^|[,;:]\s+|\b(?:but|so|because|that|when|if|while|although)\s+)"
# Not after "that": "we ask that each patient have a driver" is a subjunctive, not a slip.
CLAUSE_START_NO_THAT = r"(?:^|[,;:]\s+|\b(?:but|so|because|when|if|while|although)\s+)"
SV_PLURAL_RE = regex.compile(
    rf"{CLAUSE_START}(?:(?:the|these|those|many|most|some|all|our|your|their|several|both|few)\s+)?"
    rf"\b({PLURAL_SUBJECTS})\s+({SINGULAR_VERBS})\b", _F)
SUBJECT_DETS = "the|your|a|this|each|every"
SV_SINGULAR_RE = regex.compile(
    rf"{CLAUSE_START_NO_THAT}(?:{SUBJECT_DETS})\s+({SINGULAR_SUBJECTS})\s+({PLURAL_VERBS})\b(?!\s+(?:to|not)\b)", _F)


NOT_PLURALISED = ("exercise", "food", "therapy", "surgery", "change")


def _plural_determiner(text: str) -> Iterator[Slip]:
    for m in PLURAL_DET_RE.finditer(text):
        noun = m.group(2)
        if noun in SINGULAR and noun not in NOT_PLURALISED:
            yield Slip(m.start(), m.end(), f"'{m.group(1)}' needs a plural noun: '{m.group(1)} {SINGULAR[noun]}'.", f"{m.group(1)} {SINGULAR[noun]}")



def _singular_determiner(text: str) -> Iterator[Slip]:
    for m in SINGULAR_DET_RE.finditer(text):
        noun = m.group(2)
        if noun not in PLURAL:  # tested first: the other tests are dearer and rarely needed
            continue
        if m.group(1).lower() == "this" and noun not in NOT_VERBS or _letter_name(text, m.start()):
            continue
        if not text[m.end():].lstrip().startswith(("'", "\u2019")):
            yield Slip(m.start(), m.end(), f"'{m.group(1)}' needs a singular noun: '{m.group(1)} {PLURAL[noun]}'.")


def _a_an(text: str) -> Iterator[Slip]:
    for m in A_AN_RE.finditer(text):
        det, word = m.group(1), m.group(2)
        lower = word.lower()
        if det.lower() == "a" and lower[0] in "aeiou" and not lower.startswith(A_BEFORE_VOWEL_OK) and lower[0] != "u":
            slip = Slip(m.start(1), m.end(1), f"Use 'an' before a vowel sound: 'an {word}'.", "an" if det.islower() else "An")
        elif det.lower() == "an" and lower[0] not in "aeiou" and not lower.startswith(AN_BEFORE_CONSONANT_OK) and lower[0] != "h":
            slip = Slip(m.start(1), m.end(1), f"Use 'a' before a consonant sound: 'a {word}'.", "a" if det.islower() else "A")
        else:
            continue
        if not (lower in FUNCTION_WORDS or _letter_name(text, m.start())):  # after the tests above: dearer
            yield slip


def _plural_subject(text: str) -> Iterator[Slip]:
    for m in SV_PLURAL_RE.finditer(text):
        yield Slip(m.start(1), m.end(), f"Subject and verb disagree: '{m.group(1)}' is plural but '{m.group(2)}' is singular.")


def _singular_subject(text: str) -> Iterator[Slip]:
    for m in SV_SINGULAR_RE.finditer(text):
        yield Slip(m.start(1), m.end(), f"Subject and verb disagree: '{m.group(1)}' is singular but '{m.group(2)}' is plural.")


def agreement(text: str) -> Iterator[Slip]:
    for part in (_plural_determiner, _singular_determiner, _a_an, _plural_subject, _singular_subject):
        yield from part(text)


# --- missing words --------------------------------------------------------------------------------
# "a number patients", "most the time": a quantifier that needs "of" before its noun phrase.
# Not "a third/half/quarter": "a third the size of" is idiomatic.
OF_NOUNS = "number|lot|lots|couple|majority|variety|range|handful|series|percentage|proportion|minority"
PLURAL_HEADS = (
    "people|patients|children|adults|women|men|studies|doctors|cases|years|things|ways|drugs|medicines|"
    "treatments|symptoms|foods|options|types|kinds|reasons|factors|benefits|risks"
)
MISSING_OF_RE = regex.compile(rf"\b(a\s+(?:large\s+|small\s+|growing\s+)?(?:{OF_NOUNS}))(\s+)(?=(?:{PLURAL_HEADS})\b)", _F)
# Not "none": "none the wiser" is idiomatic.
QUANTIFIERS = "most|many|some|several|each"
QUANTIFIED = "the|these|those|their|your|our"
QUANT_THE_RE = regex.compile(rf"\b({QUANTIFIERS})(\s+)(?=(?:{QUANTIFIED})\s+\p{{L}})", _F)


def _missing_of(text: str) -> Iterator[Slip]:
    for m in MISSING_OF_RE.finditer(text):
        yield Slip(m.start(1), m.end(1), f"Missing 'of': '{m.group(1)} of ...'.", f"{m.group(1)} of")


def _quantifier_the(text: str) -> Iterator[Slip]:
    for m in QUANT_THE_RE.finditer(text):
        if _quantifier_is_object(text, m.start()):
            continue
        yield Slip(m.start(1), m.end(1), f"Missing 'of': '{m.group(1)} of {text[m.end():].split(' ', 1)[0]} ...'.", f"{m.group(1)} of")


def missing_words(text: str) -> Iterator[Slip]:
    for part in (_missing_of, _quantifier_the):
        yield from part(text)


def _quantifier_is_object(text: str, start: int) -> bool:
    """'gives some the chance', 'the most the body' and 'how many the' are not missing 'of'."""
    before = text[max(0, start - 30):start].lower().split()
    return bool(before) and before[-1] in ("the", "at", "give", "gives", "gave", "giving", "offer", "offers", "tell", "tells", "show", "shows", "how", "too", "so")


# --- gates: which parts can fire anywhere in a block -----------------------------------------------
# A part fires only where its block holds a word of each of its word groups, as casefolded \w+
# tokens (Context.words): the first word of its alternatives ("doesn't" is the token "doesn"). Some
# parts also need a match of a looser pattern (`screen`, stdlib re) in the casefolded block. Both are
# exact unless the block holds a character that regex's \b or IGNORECASE treats unlike Python's \w
# and str.casefold(): No-category numbers ("²", "½") are \w to Python but not to regex, and regex
# matches "İ" as "i" while it casefolds to "i̇" (tests/test_garbled_speed.py checks every code
# point). Such a block runs every part. Sentences are block text between whitespace (segment.py),
# so a match in a sentence is a match in its block.
#
# A `whole_block` part runs once on the block text instead of on each sentence, with the same
# findings: its matches cannot cross a sentence boundary (punctuation, or 2+ spaces before a bullet),
# and nothing it looks at changes there. Parts with "^"/"$" (clause starts, phrase ends) or that read
# on to the sentence's end (the word quoted by _quantifier_the) stay per sentence.
#
# Most blocks never get that far: one scan of the whole document (Scan, below) tells which parts may
# fire in which of its ASCII blocks, from each part's `pairs` (a word and the word right after it)
# or its own `plain` pattern. parts_for gates the other blocks.
WORD_GATE_UNSAFE_RE = regex.compile(r"[\p{No}\u0130]")


class Part(namedtuple("Part", "find groups screen whole_block pairs plain plain_group plain_lower",
                      defaults=((), None, False, frozenset(), None, 0, False))):
    """A part of a finder. Fields (types):
      find         Callable[[str], Iterator[Slip]]
      groups       tuple[frozenset[str], ...]
      screen       re.Pattern | None
      whole_block  bool
      pairs        frozenset[tuple[str, str]]
      plain        re.Pattern | None
      plain_group  int: the group of `plain` that takes part in a match where this part may fire
      plain_lower  bool: ... and ends in a letter that is lowercase in the block"""
    __slots__ = ()


@lru_cache(maxsize=None)
def _first_words(*alternations: str) -> frozenset[str]:
    """The first \\w+ token of each alternative ("effects?|side\\s+effects" -> effect, effects, side)."""
    out = set()
    for alternative in "|".join(alternations).split("|"):
        word = alternative.split("\\s+")[0]
        for form in (word[:-2], word[:-1]) if word.endswith("s?") else (word,):
            out.add(re.match(r"\w+", form).group())
    return frozenset(out)


def _pairs(words, next_words) -> frozenset[tuple[str, str]]:
    return frozenset(product(words, next_words))


def _compiled(name: str, pattern) -> re.Pattern:
    """re.compile(pattern()) for a large pattern whose text is kept in the cache folder: building
    PAIR_RE's ~12,000 characters took 15-25 ms in every process. (The command line's pattern store,
    healthlint.recache, then hands re.compile its opcodes.)"""
    from .. import cache

    return re.compile(cache.derived(name, [__file__], pattern))


# Nouns that \p{Ll}+ can match whole ("side-effect" cannot be).
PLAIN_SINGULAR = frozenset(n for n in SINGULAR if n.isalpha())
PLAIN_PLURAL = frozenset(p for p in PLURAL if p.isalpha())
MODAL_WORDS = _first_words(MODALS)
# On the plain text (Scan): REPEAT_RE's two words; "a"/"an" before a plural noun (group 1: singular
# determiner) or before a word whose first letters _a_an does not accept after it (group 2). Both
# look ahead, so that a match of one cannot hide a match of the other from finditer; both need "a"
# or "an" as a word, tested first ("and", "are" fail at once).
REPEAT_PLAIN = re.compile(r" ([a-z]++) ++\1\b")
A_PLAIN = _compiled("grammar-a", lambda: rf" a(?=n? )(?=(n? +{word_alternation(PLAIN_PLURAL)}(?![a-z]))|)"
                     r"(?=( +(?:[aei]|o(?!ne|nce))|n +(?!mri|fda|nsaid)[b-df-gj-np-tv-wyz])|)(?(1)|(?(2)|(?!)))")

PARTS: dict[str, tuple[Part, ...]] = {
    "repeated_words": (Part(repeated_words, whole_block=True, plain=REPEAT_PLAIN),),
    "confused_words": (
        Part(_its_possessive, (_first_words("it"), _first_words("s"), _first_words(ITS_NOUNS)), whole_block=True,
             pairs=_pairs({"s"}, _first_words(ITS_NOUNS))),  # "it's own": it s own
        Part(_its_contraction, (_first_words("its"), _first_words(ITS_FOLLOWERS)), whole_block=True,
             pairs=_pairs({"its"}, _first_words(ITS_FOLLOWERS))),
        Part(_modal_of, (_first_words(MODALS, "|".join(m + "n" for m in MODALS.split("|"))), _first_words("of")),
             whole_block=True,  # "couldn't of": couldn t of
             pairs=_pairs(MODAL_WORDS, {"of"}) | _pairs({m + "n" for m in MODAL_WORDS}, {"t"})),
        Part(_comparative_then, (_first_words(COMPARATIVES), _first_words("then")), whole_block=True,
             pairs=_pairs(_first_words(COMPARATIVES), {"then"})),
    ),
    "agreement": (
        Part(_plural_determiner, (_first_words(PLURAL_DETS), _first_words("|".join(SINGULAR))),
             _compiled("grammar-plural-determiner", lambda: rf"(?:{PLURAL_DETS})\s+(?:{'|'.join(SINGULAR)})"),
             pairs=_pairs(_first_words(PLURAL_DETS), PLAIN_SINGULAR.difference(NOT_PLURALISED))),
        Part(_singular_determiner, (_first_words(SINGULAR_DETS), _first_words("|".join(PLURAL))), whole_block=True,
             pairs=_pairs(_first_words(SINGULAR_DETS) - {"a", "an", "this"}, PLAIN_PLURAL) | _pairs({"this"}, NOT_VERBS),
             plain=A_PLAIN, plain_group=1),
        Part(_a_an, whole_block=True, plain=A_PLAIN, plain_group=2, plain_lower=True),  # "an SSRI": \p{Ll}
        Part(_plural_subject, (_first_words(PLURAL_SUBJECTS), _first_words(SINGULAR_VERBS)),
             re.compile(rf"(?:{PLURAL_SUBJECTS})\s+(?:{SINGULAR_VERBS})"),
             pairs=_pairs(_first_words(PLURAL_SUBJECTS), _first_words(SINGULAR_VERBS))),
        Part(_singular_subject, (_first_words(SUBJECT_DETS), _first_words(SINGULAR_SUBJECTS), _first_words(PLURAL_VERBS)),
             re.compile(rf"(?:{SINGULAR_SUBJECTS})\s+(?:{PLURAL_VERBS})"),
             pairs=_pairs(_first_words(SINGULAR_SUBJECTS), _first_words(PLURAL_VERBS))),
    ),
    "missing_words": (
        Part(_missing_of, (_first_words("a"), _first_words(OF_NOUNS), _first_words(PLURAL_HEADS)), whole_block=True,
             pairs=_pairs(_first_words(OF_NOUNS), _first_words(PLURAL_HEADS))),
        Part(_quantifier_the, (_first_words(QUANTIFIERS), _first_words(QUANTIFIED)),
             re.compile(rf"(?:{QUANTIFIERS})\s+(?:{QUANTIFIED})\s"),
             pairs=_pairs(_first_words(QUANTIFIERS), _first_words(QUANTIFIED))),
    ),
}


def parts_for(finder: str, text: str, folded: str, words: frozenset[str]) -> list[Part]:
    """The parts of a finder that may fire in a block (its text, casefolded text and \\w+ tokens)."""
    if not text.isascii() and WORD_GATE_UNSAFE_RE.search(text):
        return list(PARTS[finder])
    return [part for part in PARTS[finder] if not any(map(words.isdisjoint, part.groups))
            and (part.screen is None or part.screen.search(folded))]


# --- the document scan: which parts may fire in which blocks ---------------------------------------
# One scan per document instead of a gate per block and part. It reads the "plain" text: each block
# lowercased with every non-word character made a space, the blocks joined by " \x00 " after a leading
# space, so that every word follows a space and no match reaches into the next block. On ASCII, both
# regex engines' \w is [A-Za-z0-9_] and IGNORECASE is lowercasing, so a block has the same words (and
# \b) in the plain text, and whitespace between two words is spaces there. As the plain text also has
# spaces where punctuation was, a scan may find two words next to each other that are not, never miss
# any. Blocks with other characters, or a NUL (the plain text keeps it), take parts_for.
#
# Most parts need a word of one list right before a word of another: their `pairs` hold each (word,
# next word) as plain words ("doesn't" is "doesn t"). One findall over the document finds every pair
# (one pattern for all pairs: a pattern for their first words matched ~9% of all words); only a
# document with a pair is scanned again to find its blocks. The repeated word and a/an have their
# own patterns on the plain text (`plain`).
PLAIN = bytes(c + 32 if 65 <= c <= 90 else c if c == 0 or chr(c).isalnum() or c == 95 else 32 for c in range(128)) \
    + bytes(range(128, 256))  # a byte table for the ASCII text (2x a str table)
# Group 1: a pair, its words apart by spaces. Only a space is consumed, as the second word of a pair
# may begin another.
PAIR_RE = _compiled("grammar-pairs", lambda: " (?=(%s)(?![a-z]))" % word_alternation(
    {f"{first}\x01{second}" for parts in PARTS.values() for part in parts for first, second in part.pairs}
).replace("\x01", " +"))
# Per finder: each plain pattern with the parts that use it, and the part of each pair (the parts of a
# finder have no pair in common).
PLAIN_PARTS = {finder: [(plain, [part for part in parts if part.plain is plain])
                        for plain in dict.fromkeys(part.plain for part in parts if part.plain)]
               for finder, parts in PARTS.items()}
PAIR_PARTS = {finder: {pair: part for part in parts for pair in part.pairs} for finder, parts in PARTS.items()}


class Scan:
    """The plain text of a document's blocks, and which parts of a finder may fire in which block."""

    def __init__(self, texts: list[str]):
        joined = " \x00 ".join(texts)
        self.others: list[int] = []  # blocks left out of the plain text
        if not joined.isascii() or joined.count("\x00") >= len(texts):
            self.others = [i for i, text in enumerate(texts) if not text.isascii() or "\x00" in text]
            others = set(self.others)
            texts = ["" if i in others else text for i, text in enumerate(texts)]
            joined = " \x00 ".join(texts)
        self.joined = joined
        self.text = (" " + joined).encode().translate(PLAIN).decode()
        self.lengths = list(map(len, texts))

    def blocks(self, finder: str) -> list[tuple[int, list[Part] | None]]:
        """(block index, the parts that may fire there), in block order; None: ask parts_for."""
        hits: dict[int, set[Part]] = defaultdict(set)
        for plain, parts in PLAIN_PARTS[finder]:
            for m in plain.finditer(self.text):
                hits[self._block(m)].update(part for part in parts if self._takes_part(m, part))
        pair_parts = PAIR_PARTS[finder]
        if pair_parts and not pair_parts.keys().isdisjoint(self.wanted_pairs):
            for m in PAIR_RE.finditer(self.text):
                part = pair_parts.get(tuple(m.group(1).split()))
                if part:
                    hits[self._block(m)].add(part)
        if not hits:
            return [(i, None) for i in self.others]
        found = [(i, [part for part in PARTS[finder] if part in parts]) for i, parts in hits.items()]
        return sorted(found + [(i, None) for i in self.others])

    @cached_property
    def wanted_pairs(self) -> set[tuple[str, str]]:
        """The pairs of any part in the plain text (usually none)."""
        return {tuple(pair.split()) for pair in PAIR_RE.findall(self.text)}

    @cached_property
    def starts(self) -> list[int]:
        """Where each block begins in the plain text."""
        return list(accumulate((n + 3 for n in self.lengths[:-1]), initial=1))

    def _takes_part(self, m: re.Match, part: Part) -> bool:
        end = m.end(part.plain_group)
        return end >= 0 and (not part.plain_lower or self.joined[end - 2].islower())  # text[i] is joined[i - 1]

    def _block(self, m: re.Match) -> int:
        return bisect_right(self.starts, m.start() + 1) - 1  # every match starts with a space, then a word
