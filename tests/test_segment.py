"""Sentence splitting: abbreviations, decimals, initials, quotes, inline lists."""
import pytest
import regex
from hypothesis import given, settings, strategies as st

from healthlint.segment import (ABBREVIATIONS, DOTTED_RE, NEXT_START_RE, NUMBER_NEXT_RE, WORD_BEFORE_RE, _append,
                                split_sentences)


def sentences(text):
    return [text[a:b] for a, b in split_sentences(text)]


@pytest.mark.parametrize("text, expected", [
    ("Take it daily. Then rest.", ["Take it daily.", "Then rest."]),
    ("Dr. Lee works at the U.S. Food and Drug Administration. She agrees.",
     ["Dr. Lee works at the U.S. Food and Drug Administration.", "She agrees."]),
    ("A normal A1C is below 5.7 percent. Ask your doctor.", ["A normal A1C is below 5.7 percent.", "Ask your doctor."]),
    ("Some foods, e.g. beans, help. Others, i.e. sweets, do not.", ["Some foods, e.g. beans, help.", "Others, i.e. sweets, do not."]),
    ("Aspirin vs. ibuprofen: which one? It depends.", ["Aspirin vs. ibuprofen: which one?", "It depends."]),
    ("J. Smith et al. reported it. Good!", ["J. Smith et al. reported it.", "Good!"]),
    ('He said "stop." Then he left.', ['He said "stop."', "Then he left."]),
    ("She said no. The next day she agreed.", ["She said no.", "The next day she agreed."]),
    ("See table No. 5 for doses.", ["See table No. 5 for doses."]),
    ("Take 5 mg. Then wait an hour.", ["Take 5 mg.", "Then wait an hour."]),
    ("Symptoms include:   - fever    - cough", ["Symptoms include:", "- fever", "- cough"]),
    ("Heading without punctuation", ["Heading without punctuation"]),
    ("Is it safe? Yes!", ["Is it safe?", "Yes!"]),
    ("Wait... really? yes.", ["Wait... really? yes."]),
    ("  padded.  ", ["padded."]),
    ("", []),
])
def test_split(text, expected):
    assert sentences(text) == expected


@given(st.text(alphabet="ab .?!\"'-:5U.S\n", max_size=80))
def test_spans_are_ordered_trimmed_and_inside(text):
    last = 0
    for a, b in split_sentences(text):
        assert last <= a < b <= len(text)
        assert not text[a].isspace() and not text[b - 1].isspace()
        last = b


# The straightforward form of the splitter (look-behind first, regex module's \s, every candidate
# end checked in Python): the faster END_RE in healthlint.segment must split exactly the same.
REFERENCE_END_RE = regex.compile(r"(?<![.!?])[.!?]++[\"'”’)\]]*+(?=\s)|(?<!\s)\s{2,}+(?=[-•*]\s)")


def reference_is_abbreviation(text, dot):
    m = WORD_BEFORE_RE.search(text, max(0, dot - 12), dot + 1)
    if not m:
        return False
    word = m.group(1).lower()
    if word in ABBREVIATIONS or word == "no" and NUMBER_NEXT_RE.match(text, dot + 1):
        return True
    if len(word) == 1:
        return text[m.start(1)].isupper()
    return "." in word and DOTTED_RE.fullmatch(word) is not None


def reference_split(text):
    spans, start = [], 0
    for m in REFERENCE_END_RE.finditer(text):
        end = m.end()
        if m.group().isspace():
            end = m.start()
        else:
            if not NEXT_START_RE.match(text, end):
                continue
            dot = m.start()
            if text[dot] == "." and m.end() - dot == 1 and reference_is_abbreviation(text, dot):
                continue
        _append(spans, text, start, end)
        start = end
    _append(spans, text, start, len(text))
    return spans


@settings(max_examples=3000)
@given(st.text(alphabet=" .!?\"'“‘([)]-•*aAéÉ5٣Ⅷ\n\t\u00a0\u2003”’\x1c\x1f\u2028\x85", max_size=40))
def test_split_equals_the_reference(text):
    assert split_sentences(text) == reference_split(text)


WORDS = ["Dr", "dr", "No", "no", "J", "j", "e.g", "U.S", "vs", "approx", "supercalifragilistic", "abcdefghijkl",
         "abcdefghijklm", "x1", "ph.d", "a_b", "Ménière", "5", " "]


@settings(max_examples=3000)
@given(st.lists(st.sampled_from(WORDS + [". ", ".", " 5", "\n", "(", "A"]), max_size=12))
def test_split_equals_the_reference_around_abbreviations(parts):
    text = "".join(parts)
    assert split_sentences(text) == reference_split(text)


def test_split_equals_the_reference_on_fixtures():
    from pathlib import Path
    for path in sorted(Path(__file__).parent.parent.joinpath("fixtures").rglob("*.md")):
        for line in path.read_text(encoding="utf-8").splitlines():
            assert split_sentences(line) == reference_split(line)
