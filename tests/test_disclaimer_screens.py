"""The HL70x literal screens (disclaimer.py) skip documents and blocks without the literals a
pattern needs: they must never change a finding."""
import sys

import pytest
import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import screen_texts

from healthlint.api import lint_text
from healthlint.checks import disclaimer
from healthlint.checks.base import WORD_RE, Context, word_tokens
from healthlint.checks.screen import Gate
from healthlint.parse import parse
from healthlint.rxcache import is_word, split_key


def codes(text, prefix="HL7"):
    return [(f.line, f.column, f.code) for f in lint_text(text, "a.md") if f.code.startswith(prefix)]


def test_only_dotted_capital_i_folds_away_from_the_letter_ignorecase_matches():
    # The one character that IGNORECASE matches to an ASCII letter or digit but that casefold()
    # does not turn into it is U+0130: ctx.words also holds its tokens without the U+0307.
    every = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c < 0xE000)
    odd = {c for c in regex.findall(r"[a-z0-9]", every, flags=regex.IGNORECASE | regex.V0) if len(c.casefold()) != 1
           or not c.casefold().isascii()}
    assert odd == {"\u0130"}


def test_what_ignorecase_matches_to_an_ascii_letter_is_that_letter_in_word_tokens():
    # The screens look for casefolded literals of ASCII letters and digits in ctx.words: each
    # character that IGNORECASE matches to one ("İ", "ſ", the Kelvin sign) gives that letter there.
    every = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c < 0xE000)
    for letter in "abcdefghijklmnopqrstuvwxyz0123456789":
        for c in set(regex.findall(letter, every, flags=regex.IGNORECASE | regex.V0)):
            assert letter in word_tokens(("x" + c + "x").casefold()) or ("x" + letter + "x") in word_tokens(
                ("x" + c + "x").casefold()), (letter, c)


def test_casefold_keeps_word_characters_word_characters():
    # A token holds the casefolded match of a literal, and no more or fewer word edges.
    for c in map(chr, range(sys.maxunicode + 1)):
        if c.casefold() != c:
            assert all(bool(WORD_RE.fullmatch(f)) == bool(WORD_RE.fullmatch(c)) for f in c.casefold()), c


SCREENS = [disclaimer.DISCLAIMER_SCREEN, disclaimer.MENTION_SCREEN, disclaimer.UNSAFE_SCREEN, disclaimer.RISK_SCREEN,
           disclaimer.TREATMENT_SCREEN, disclaimer.BENEFIT_SCREEN, disclaimer.SELLING_SCREEN,
           *(screen for _, screen in disclaimer.RESOURCES.values()),
           disclaimer.DIRECTIVE_SCREEN, *disclaimer.DOSE_SCREENS]


def test_screen_literals_are_word_keys():
    assert all(SCREENS)
    for screen in SCREENS:
        for literal in screen.literals:
            assert is_word(split_key(literal)[0]), literal


def test_dotted_capital_i_is_still_found():
    assert codes("# T\n\nThe singer comm\u0130tted suicide.\n", "HL703") == [(3, 12, "HL703")]
    assert codes("# T\n\nThe singer committed su\u0130cide.\n", "HL703") == [(3, 12, "HL703")]
    assert codes("# T\n\nThe singer committed \u017fuicide. Call 988.\n", "HL70") == [(3, 12, "HL703")]


def test_must_have_is_screened_by_its_word_parts():
    promo = ("# Gummies\n\nOur gummies are a must-have. These gummies are a must-have for sleep.\n\n"
             "Take two gummies every night.\n")
    assert codes(promo) == [(1, 3, "HL701"), (3, 5, "HL704")]


# --- differential: every HL70x rule with its screens == the same rule with every screen open ---

RULES = [r for r in disclaimer.RULES if r.code in ("HL701", "HL702", "HL703", "HL704")]
OPTIONS = [{}, {"policy": "always"}, {"country": "UK"}, {"country": "AU"}, {"pattern": "consult"},
           {"resources": [r"my\s+line"]}]


def _findings(text: str, fmt: str, options: dict) -> list:
    doc = parse(text, "a.md" if fmt == "markdown" else "a.txt", fmt)
    base = Context(doc)
    out = []
    for rule in RULES:
        ctx = base.with_options({**rule.options, **options})
        out += [(rule.code, f.start, f.end, f.message, f.block and f.block.text, f.fix) for f in rule.check(doc, ctx)]
    return out


def _unscreened(text: str, fmt: str, options: dict, monkeypatch) -> list:
    with monkeypatch.context() as m:
        m.setattr(Gate, "passes", lambda self, literals: True)
        m.setattr(Gate, "blocks", lambda self, dl: [(block, frozenset()) for block in dl.blocks])
        return _findings(text, fmt, options)


def _same(texts, monkeypatch, options=({},)) -> int:
    found = 0
    for name, text, fmt in texts:
        for opts in options:
            screened = _findings(text, fmt, opts)
            assert screened == _unscreened(text, fmt, opts, monkeypatch), (name, opts)
            found += len(screened)
    return found


def test_screens_change_nothing_on_fixtures(monkeypatch):
    assert _same(screen_texts.fixtures(), monkeypatch, OPTIONS) > 50


def test_screens_change_nothing_on_benchmark_articles(monkeypatch):
    assert _same(screen_texts.articles(120), monkeypatch) > 5


@pytest.mark.skipif(not screen_texts.NIH.is_file(), reason="NIH corpus not present")
def test_screens_change_nothing_on_nih_texts(monkeypatch):
    assert _same(screen_texts.nih(every=2), monkeypatch) > 0


PHRASES = [
    "Take 500 mg of magnesium every night", "stop your sleeping pills after a week", "Take two gummies every morning",
    "This article is for general information only", "not a substitute for professional medical advice",
    "talk to your doctor", "Consult a healthcare provider", "ask your pharmacist before you start",
    "Some people have thoughts of suicide", "self-harm", "he wanted to die", "took his own life",
    "call or text 988", "Samaritans on 116 123", "the crisis line", "1-800-273-TALK", "NHS 111",
    "committed suicide", "a failed suicide attempt", "suicide epidemic", "successful suicide",
    "Our ashwagandha gummies melt stress away", "These gummies work in days", "boost energy", "a must-have supplement",
    "There are no side effects", "It can cause nausea", "Do not take it if you are pregnant", "risk-free",
    "Order today with a money-back guarantee", "we recommend this cream", "you should take this tea daily",
]


@given(text=screen_texts.mangled(PHRASES), fmt=st.sampled_from(["markdown", "text"]), options=st.sampled_from(OPTIONS))
@settings(max_examples=800, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_screens_change_nothing_on_mangled_text(text, fmt, options, monkeypatch):
    assert _findings(text, fmt, options) == _unscreened(text, fmt, options, monkeypatch)


def test_risk_words_are_risk_matches_on_their_own():
    from healthlint.checks._advice import RISK_RE, RISK_WORDS
    for word in RISK_WORDS:
        assert RISK_RE.fullmatch(word) and RISK_RE.fullmatch(word.upper()), word


def test_every_denial_needs_a_denial_word():
    from healthlint.checks._advice import DENIAL_WORDS, RISK_DENIAL_RE
    from healthlint.rxcache import START, END, literal_screen
    whole = {START + word + END for word in DENIAL_WORDS}
    for alternative in literal_screen(RISK_DENIAL_RE.pattern, RISK_DENIAL_RE.flags):
        assert any(set(group) <= whole for group in alternative), alternative


def _risks_reference(doc) -> bool:
    """mentions_risks as it reads: some block matches RISK_RE with its denials blanked out."""
    from healthlint.checks._advice import RISK_DENIAL_RE, RISK_RE
    return any(RISK_RE.search(RISK_DENIAL_RE.sub(lambda m: " " * len(m.group()), b.text)) for b in doc.blocks)


def _same_risks(texts) -> int:
    mentioned = 0
    for name, text, fmt in texts:
        doc = parse(text, "a.md" if fmt == "markdown" else "a.txt", fmt)
        found = disclaimer.mentions_risks(doc, Context(doc))
        assert found == _risks_reference(doc), name
        mentioned += found
    return mentioned


def test_mentions_risks_as_the_reference_on_fixtures_articles_and_nih():
    assert _same_risks(screen_texts.fixtures()) > 5
    assert _same_risks(screen_texts.articles(60)) > 50
    _same_risks(screen_texts.nih(every=4))


@given(text=screen_texts.mangled(PHRASES + ["no side effects, just risk", "avoid no dangers if", "Risk-free drowsine\u00df",
                                            "NEVER ANY RISK", "free of harm", "zero risks"]),
       fmt=st.sampled_from(["markdown", "text"]))
@settings(max_examples=600, deadline=None)
def test_mentions_risks_as_the_reference_on_mangled_text(text, fmt):
    _same_risks([("mangled", text, fmt)])
