"""Readability (HL501-HL503) speed mechanisms: each one must leave the counts exactly as before."""
import os
import subprocess
import sys

import regex

from healthlint.api import Linter
from healthlint.checks import _textstats as ts
from healthlint.parse import parse
from helpers import ROOT

TEXT = (
    "Your doctor may prescribe lisinopril—or a follow-up test.  Crohn’s disease (IBD) affects 1,000,000 "
    "people; x-ray results take 2.5 days! Don't stop: call 911 . . . “Quoted” words, e.g. co-operate, naïve.\n"
)


def test_hyphenation_points_are_pyphens():
    import pyphen

    hyphenator = pyphen.Pyphen(lang="en_US")
    assert pyphen.LANGUAGES[pyphen.language_fallback("en_US")] == ts.hyphenation_path()
    words = list(ts._cmu()) + ts.words(TEXT) + ["İstanbul", "ÉCOLE", "straße", "a", "", "hydrochlorothiazide"]
    assert [ts.hyphen_points(w) for w in words] == [len(hyphenator.positions(w)) for w in words]


def test_no_word_contains_a_character_str_split_splits_on():
    # packed_counts counts the words of each whitespace-separated chunk: exact only if no word
    # (letters, digits and ' ’ - . , between them) can contain a character str.split() splits on.
    word_char = regex.compile(r"[\p{L}\p{N}'\u2019\-.,]")
    assert [c for c in map(chr, range(0x110000)) if c.isspace() and word_char.match(c)] == []


def test_packed_counts_are_the_word_and_syllable_counts():
    for text in (TEXT, "", " \n ", "a", "--- ... !!!", TEXT * 3):
        words = ts.words(text)
        counts = [ts.syllables(w) for w in words]
        (packed,) = ts.packed_counts([text])
        assert (packed & ts.MASK, packed >> ts.SHIFT & ts.MASK, packed >> 2 * ts.SHIFT) == (
            len(words), sum(counts), sum(c >= 3 for c in counts))
    assert ts.stats([TEXT, "...", TEXT]) == ts.Stats(2 * len(ts.words(TEXT)), 2, *ts.stats([TEXT * 2])[2:])


def test_packed_fields_cannot_overflow():
    # Each field stays under 2**SHIFT while a word has at most three syllables per character.
    assert max(count / len(word) for word, count in ts._cmu().items()) <= 3


def test_counts_are_not_carried_from_one_run_to_the_next():
    long_sentence = " ".join(["word"] * 40) + "."
    doc = parse(long_sentence + "\n", "a.md", "markdown")
    linter = Linter(use_config=False, select=["HL502"])
    first = linter.lint_text(long_sentence + "\n", "a.md")
    from healthlint.config import DEFAULT
    from healthlint.engine import lint_document, select_rules

    active = select_rules(linter.rules, DEFAULT, None, ["HL502"])
    assert lint_document(doc, active) == lint_document(doc, active) == first
    active[0].options["max_words"] = 50  # another run, other options: the shared counts still apply
    assert lint_document(doc, active) == []


def test_a_second_run_loads_digested_tables_without_pyphen(tmp_path):
    code = (
        "import sys; from healthlint.api import Linter;"
        "Linter(use_config=False, select=['HL5']).lint_text('Atorvastatin lowers cholesterol. ' * 40, 'a.md');"
        "print('pyphen' in sys.modules)"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT), "HEALTHLINT_CACHE_DIR": str(tmp_path)}
    runs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env) for _ in range(2)]
    assert [r.stdout.strip() for r in runs] == ["True", "False"], runs[-1].stderr
