"""HL601 takes a block's sentences from its sure ends (segment.sure_sentences) rather than the split: the
findings of every sourcing rule stay the reference's on texts full of abbreviations, initials, decimals,
terminal punctuation and citations."""
from hypothesis import HealthCheck, given, settings, strategies as st

from healthlint.parse import parse
from test_sourcing_screens import assert_as_reference

PIECES = ["Dr. Lee", "Ms. Smith", "e.g.", "i.e.", "U.S.", "etc.", "J. Smith", "St. Louis", "No. 5", "vs.", "approx.",
          "Fig. 2", "a.m.", "5.7", "1.5 times", "30%", "one in four adults", "$300 a month", "2 million people",
          "(Smith et al., 2021)", "[1]", "according to the CDC", "a 2021 trial", "Studies show", "experts agree",
          "It works", "Women", "The risk", "Prices", "items", "symptoms", "test", "lasts 8 weeks", "relief", "!", "?",
          "\u201cQuoted 40%\u201d", "(see 5)", "Twice as likely", "Half of all adults", "  - item", "\u2022 x"]


def test_a_known_case():
    text = "Dr. Lee says 40% of adults snore. It costs $30. A 2021 trial found it. Prices rose 20%. Ms. Li agrees."
    assert assert_as_reference(parse(text, "a.txt", "text")) > 0


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(PIECES), st.sampled_from([" ", ". ", ".  ", "! ", "? ", ", ", ".\n", "."])),
                min_size=1, max_size=30))
def test_findings_around_abbreviations(parts):
    text = "".join(p + sep for p, sep in parts)
    assert_as_reference(parse(text, "a.txt", "text"))
    assert_as_reference(parse(text, "a.md", "markdown"))
