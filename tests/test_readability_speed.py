"""Readability (HL501-HL503) speed mechanisms: each one must leave the counts exactly as before."""
import json
import os
import random
import subprocess
import sys

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from healthlint.api import Linter
from healthlint.checks import _textstats as ts
from healthlint.checks import readability
from healthlint.checks.base import Context
from healthlint.parse import detect_format, parse
from healthlint.segment import split_sentences
from helpers import ROOT

TEXT = (
    "Your doctor may prescribe lisinopril—or a follow-up test.  Crohn’s disease (IBD) affects 1,000,000 "
    "people; x-ray results take 2.5 days! Don't stop: call 911 . . . “Quoted” words, e.g. co-operate, naïve.\n"
)


def test_hyphenation_points_are_pyphens():
    import pyphen

    hyphenator = pyphen.Pyphen(lang="en_US")
    assert str(pyphen.LANGUAGES[pyphen.language_fallback("en_US")]) == ts.hyphenation_path()
    words = list(ts._cmu()) + ts.words(TEXT) + ["İstanbul", "ÉCOLE", "straße", "a", "", "hydrochlorothiazide"]
    assert [ts.hyphen_points(w) for w in words] == [len(hyphenator.positions(w)) for w in words]


def test_no_word_contains_a_character_str_split_splits_on():
    # sentence_counts counts the words of each whitespace-separated chunk: exact only if no word
    # (letters, digits and ' ’ - . , between them) can contain a character str.split() splits on.
    word_char = regex.compile(r"[\p{L}\p{N}'\u2019\-.,]")
    assert [c for c in map(chr, range(0x110000)) if c.isspace() and word_char.match(c)] == []


def _unpacked(packed):
    return packed >> ts.WORDS, packed >> ts.SHIFT & ts.MASK, packed & ts.MASK


def _reference_counts(text):
    """(words, syllables, polysyllables) of a text, word by word, without the chunk memo."""
    counts = [ts.syllables(w) for w in ts.words(text)]
    return len(counts), sum(counts), sum(c >= 3 for c in counts)


def test_sentence_counts_are_the_word_and_syllable_counts():
    for text in (TEXT, "", " \n ", "a", "--- ... !!!", TEXT * 3):
        (packed,) = ts.sentence_counts(text, [(0, len(text))])
        assert _unpacked(packed) == _reference_counts(text)
    assert ts.stats([TEXT, "...", TEXT]) == ts.Stats(2 * len(ts.words(TEXT)), 2, *ts.stats([TEXT * 2])[2:])


def test_the_largest_packed_count_has_the_most_words():
    # LongSentence reads the longest sentence of a block off max(counts): the word count is the
    # highest field, and the lower fields never reach it.
    texts = ["a b c d", "antidisestablishmentarianism hydrochlorothiazide", "w w w", "one two three four five"]
    counts = [ts.sentence_counts(t, [(0, len(t))])[0] for t in texts]
    assert max(counts) >> ts.WORDS == max(len(ts.words(t)) for t in texts) == 5


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


# --- differential: the shared counts against a word-by-word reference ---------------------------------

NIH = next((d / "shared" / "corpora" / "nih" / "medlineplus-topics.jsonl" for d in ROOT.parents
            if (d / "shared" / "corpora" / "nih" / "medlineplus-topics.jsonl").is_file()), ROOT / "missing")


def _reference_prose(doc):
    """Per prose block, each sentence's (words, syllables, polysyllables), counted word by word."""
    return [(block, [_reference_counts(block.text[s:e]) for s, e in split_sentences(block.text)])
            for block in doc.blocks if block.kind in readability.PROSE_KINDS]


def _reference_stats(sentences):
    """Stats as textstat's formulas take them: sentences without words do not count."""
    return ts.Stats(sum(c[0] for c in sentences), sum(1 for c in sentences if c[0]),
                    sum(c[1] for c in sentences), sum(c[2] for c in sentences))


def _reference_findings(doc, options):
    """HL501-HL503 as first written: every block split into sentences, each counted word by word."""
    prose = _reference_prose(doc)
    out = []
    o = options["HL501"]
    st = _reference_stats([c for _, sentences in prose for c in sentences])
    if prose and st.words >= o["min_words"] and st.fk_grade > o["max_grade"]:
        hardest = max(prose, key=lambda p: _reference_stats(p[1]).fk_grade)[0]
        out.append(("HL501", hardest, 0, len(hardest.text), (st.fk_grade, st.smog, st.words)))
    for block, sentences in prose:
        for (start, end), c in zip(split_sentences(block.text), sentences):
            if c[0] > options["HL502"]["max_words"]:
                out.append(("HL502", block, start, start + len(block.text[start:end].rstrip()), c[0]))
    o = options["HL503"]
    for block, sentences in prose:
        st = _reference_stats(sentences)
        if st.words >= o["min_words"] and st.fk_grade > o["max_grade"]:
            out.append(("HL503", block, 0, len(block.text.rstrip()), (st.fk_grade, st.smog)))
    return sorted(out, key=lambda f: (f[0], id(f[1]), f[2]))


def _findings(doc, options):
    ctx = Context(doc)
    out = []
    for rule in readability.RULES:
        for f in rule.check(doc, ctx.with_options(options[rule.code])):
            out.append((rule.code, f.block, f.start, f.end, f.message))
    return sorted(out, key=lambda f: (f[0], id(f[1]), f[2]))


DEFAULTS = {rule.code: rule.options for rule in readability.RULES}
# Low limits, so that the screens leave many blocks open and the exact paths run too.
STRICT = {"HL501": {"target": 8, "max_grade": 3.0, "min_words": 5}, "HL502": {"max_words": 8},
          "HL503": {"target": 8, "max_grade": 4.0, "min_words": 5}}


def agrees(text: str, path: str = "doc.md") -> None:
    doc = parse(text, path, detect_format(path))
    prose = readability._prose(doc, Context(doc))
    reference = _reference_prose(doc)
    assert prose.blocks == [block for block, _ in reference]
    pieces = iter(prose.counts)
    for (_, sentences), total, n in zip(reference, prose.totals, prose.pieces):
        block_pieces = [next(pieces) for _ in range(n)]
        assert total == sum(block_pieces)
        want = _reference_stats(sentences)
        assert _unpacked(total) == (want.words, want.syllables, want.polysyllables), text
        # The bounds the screens rely on: no more pieces than sentences with words (when there are
        # words), no sentence longer than the longest piece.
        assert n <= want.sentences if want.words else n == 1, text
        assert max((c[0] for c in sentences), default=0) <= max(block_pieces) >> ts.WORDS, text
    assert next(pieces, None) is None
    exact = [ts.sentence_counts(block.text, split_sentences(block.text)) for block, _ in reference]
    for counts, (_, sentences) in zip(exact, reference):
        assert list(map(_unpacked, counts)) == sentences, text
        got, want = ts.stats_of(counts), _reference_stats(sentences)
        assert got == want and (got.fk_grade, got.smog) == (want.fk_grade, want.smog), text  # identical floats
    got = ts.stats_of_blocks(exact)
    want = _reference_stats([c for _, sentences in reference for c in sentences])
    assert got == want and (got.fk_grade, got.smog) == (want.fk_grade, want.smog), text
    for options in (DEFAULTS, STRICT):
        got = _findings(doc, options)
        want = _reference_findings(doc, options)
        assert [f[:4] for f in got] == [f[:4] for f in want], text
        for f, w in zip(got, want):  # the numbers in the messages
            if f[0] == "HL502":
                assert f"{w[4]} words" in f[4]
            else:
                assert f"grade {w[4][0]:.1f}, SMOG {w[4][1]:.1f}" in f[4], (f, w)


def test_fixtures():
    files = [p for p in sorted((ROOT / "fixtures").rglob("*")) if p.suffix in (".md", ".txt", ".html")]
    assert len(files) > 20
    for path in files:
        agrees(path.read_bytes().decode("utf-8", "replace"), path.name)


def test_benchmark_articles():
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import corpus
    finally:
        sys.path.pop(0)
    rng = random.Random(7)  # corpus.generate's sequence: the benchmark's first articles
    for n in range(100):
        agrees(corpus.build_article(rng, 800, 0.15, n)[0])


@pytest.mark.skipif(not NIH.is_file(), reason="NIH corpus not present")
def test_nih_texts():
    for line in NIH.read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        text = (d.get("title", "") + "\n\n" + (d.get("text") or "\n\n".join(d.get("answers", [])))).strip() + "\n"
        agrees(text, "a.txt")
        agrees("# " + text, "a.md")


# Words, chunks without words, abbreviations, numbers and every kind of whitespace str.split() and
# the sentence splitter treat differently.
PIECES = ["the", "Tea", "cures", "hypertension", "atorvastatin", "x-ray", "follow-up", "don't", "Crohn’s",
          "naïve", "nai\u0308ve", "İstanbul", "straße", "1,000", "2.5", "911", "5%", "a/b", "and/or", "w",
          "e.g.", "Dr.", "U.S.", "No. 5", "J.", "|", "*", "-", "—", "...", "!!!", "?", "“q”", "(see", "this)",
          ".", "word.", "end!", "why?", "ok.\"", "done.)", "a_b", "²", "½"]
SPACES = [" ", " ", " ", "  ", "\n", "\t", "\xa0", "\u2003", "\x1c", "\x85", "   - ", " * ", "\u2028"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(PIECES), st.sampled_from(SPACES)), max_size=120),
       st.sampled_from(["a.txt", "a.md"]))
def test_generated_text(parts, path):
    agrees("".join(w + s for w, s in parts), path)
