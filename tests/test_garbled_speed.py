"""The garbled family's screens (which blocks need no scan) are exact: the Unicode facts they rest
on hold for every code point with the installed Python and regex, and screened results equal the
unscreened ones."""
import re
import sys

import regex

from healthlint.checks import _grammar, _lexicon, _spelling, _spun
from healthlint.checks.base import WORD_RE
from healthlint.segment import split_sentences

TEXTS = [
    "Early detection of bosom peril improves survival. Ask about prostate peril screening.",
    "A panic assault can feel like a heart problem; kidney disappointment is serious.",
    "foo_bosom peril and bosom peril_x, Bosom\u2019s peril, flu-like facet results.",
    "Take the the tablet. Call us if if it spreads. These treatment can help.\nDoctors recommends a medications review.",
    "Each drug has it's own risks; you should of asked. Its not contagious. It works better then placebo.",
    "An patient should rest. Eat a apple a day. A number patients stop. Most the side effects fade.",
    "\u00b2its not fine. \u0130ts not fine. Most the\npills. Most the  - time these treatment  - item",
    "Common symtoms include high blood presure. Ashwaganda and ashwagandha; ashwagandha. Y'all don'tt know.",
    "Tinea pedis is athlete's foot. The pedis is sore. cafe\u0301 symtom\u0345s and symtoms_x.",
]


def test_unicode_facts_behind_the_screens():
    letter_or_number, regex_word = regex.compile(r"[\p{L}\p{N}]"), regex.compile(r"\w")
    no_category, regex_space = regex.compile(r"\p{No}"), regex.compile(r"\s")
    lowercase = regex.compile(r"\p{Ll}")
    python_word = re.compile(r"\w")
    token_neighbours, boundary_differs = set(), set()
    for cp in range(sys.maxunicode + 1):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        c = chr(cp)
        folded = c.casefold()
        folds_to_word = any(python_word.match(ch) for ch in folded)
        if folds_to_word and not letter_or_number.match(c):
            token_neighbours.add(c)  # _spun.UNSAFE_CHARS, _spelling.may_have_typos
        if folds_to_word and not regex_word.match(c) and not no_category.match(c):
            boundary_differs.add(c)  # _grammar.WORD_GATE_UNSAFE_RE
        assert c.lower().casefold() == folded, hex(cp)  # _spun._pattern
        assert not regex_space.match(c) or (c.isspace() and folded == c), hex(cp)
        assert not lowercase.match(c) or c.lower() == c, hex(cp)  # _grammar.A_AN_SCREEN
    assert token_neighbours == set(_spun.UNSAFE_CHARS)
    assert boundary_differs == set()
    # regex's IGNORECASE matches an ASCII letter only where casefold() gives that letter, but for "İ".
    any_letter = regex.compile(r"[a-z]", regex.IGNORECASE | regex.V1)
    for c in map(chr, range(128, sys.maxunicode + 1)):
        if any_letter.fullmatch(c):
            for letter in "abcdefghijklmnopqrstuvwxyz":
                if regex.fullmatch(letter, c, regex.IGNORECASE | regex.V1):
                    assert c.casefold() == letter or c == "\u0130", hex(ord(c))


def words(text):
    return frozenset(WORD_RE.findall(text.casefold()))


def test_spun_screen_equals_a_full_scan():
    for text in TEXTS:
        tortured = _spun.tortured_hits(text)
        assert _spun.block_hits(text, words(text)) == tortured + _spun.synonym_hits(text, tortured)


def test_restoration_table_equals_restore():
    rev = _spun.reverse_synonyms()
    table = _spun.tables().restorations
    for window, restored in list(table.items())[:300]:
        assert _spun._restore(list(window), rev) == restored
    for text in TEXTS:
        toks = [t.lower for t in _spun.tokens(text)]
        for n in (2, 3):
            for i in range(len(toks) - n + 1):
                assert table.get(tuple(toks[i:i + n])) == _spun._restore(toks[i:i + n], rev)


def test_grammar_gates_equal_running_every_part_on_every_sentence():
    for text in TEXTS:
        for finder, parts in _grammar.PARTS.items():
            expected = {(s + slip.start, s + slip.end, slip.message, slip.replacement)
                        for s, e in split_sentences(text) for slip in getattr(_grammar, finder)(text[s:e])}
            found = set()
            for part in _grammar.parts_for(finder, text, text.casefold(), words(text)):
                units = [(0, text)] if part.whole_block else [(s, text[s:e]) for s, e in split_sentences(text)]
                found |= {(s + slip.start, s + slip.end, slip.message, slip.replacement)
                          for s, unit in units for slip in part.find(unit)}
            assert found == expected, (finder, text)


def test_spelling_screen_passes_every_block_with_a_typo():
    vocab = _spelling.article_vocabulary(TEXTS)
    for text in TEXTS:
        if _spelling.find_typos(text, vocab):
            assert _spelling.may_have_typos(text, words(text)), text
    assert not _spelling.may_have_typos("Common symptoms include fever.", words("Common symptoms include fever."))


def test_frequency_table_answers_like_the_dict():
    freq, table = _lexicon.english_frequencies(), _lexicon.english_table()
    for word in list(freq)[::997] + ["zzzqx", "", "symtoms", "a"]:
        assert table.get(word, 0) == freq.get(word, 0) and (word in table) == (word in freq)
