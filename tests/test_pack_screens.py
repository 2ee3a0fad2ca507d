"""The pack rules (rules/*.toml) screen documents and blocks before running their patterns
(healthlint.checks.screen): a screen must never hide a finding. Each rule is compared with its
patterns run, unscreened and unnarrowed, on every block (or sentence) of the document."""
import json
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from healthlint.checks import screen
from healthlint.checks.base import Context
from healthlint.checks.packs import PatternRule
from healthlint.checks.registry import builtin_rules
from healthlint.parse import parse
from helpers import ROOT
from screen_texts import article_texts

PACK_RULES = [r for r in builtin_rules() if isinstance(r, PatternRule)]
NIH = next((d / "shared" / "corpora" / "nih" / "medlineplus-topics.jsonl" for d in ROOT.parents
            if (d / "shared" / "corpora" / "nih" / "medlineplus-topics.jsonl").is_file()), ROOT / "missing")


def _unscreened(rule, doc, ctx):
    """What the rule would report with no screen: all its patterns on every unit."""
    out = []
    for block in doc.blocks:
        units = [(block, 0)] if rule.unit_scope == "block" else [(s, s.start) for s in ctx.sentences(block)]
        for unit, offset in units:
            text = unit.text
            if rule.exceptions is not None and rule.exceptions.search(text):
                continue
            matches = [m for pattern in rule.patterns for m in pattern.finditer(text)]
            out.extend(f for m in matches if (f := rule._finding(m, text, unit, ctx, block, offset)) is not None)
    return out


def assert_same(text: str, fmt: str = "markdown") -> int:
    """Every pack rule finds on the document what its unscreened patterns find; returns the count."""
    doc = parse(text, "a.md" if fmt == "markdown" else "a.txt", fmt)
    found = 0
    ctx = Context(doc)
    for rule in PACK_RULES:
        fast = list(rule.check(doc, ctx))
        assert fast == _unscreened(rule, doc, Context(doc)), (rule.code, text[:300])
        found += len(fast)
    return found




def test_fixtures():
    files = [p for p in sorted((ROOT / "fixtures").rglob("*")) if p.suffix in (".md", ".txt")]
    assert sum(assert_same(p.read_text(encoding="utf-8"), "text" if p.suffix == ".txt" else "markdown")
               for p in files) > 50


def test_benchmarkarticle_texts():
    assert sum(assert_same(text) for text in article_texts(120)) > 50


@pytest.mark.skipif(not NIH.is_file(), reason="NIH corpus not present")
def test_nih_texts():
    for line in NIH.read_text(encoding="utf-8").splitlines()[:400]:
        d = json.loads(line)
        body = (d.get("title", "") + "\n\n" + (d.get("text") or "\n\n".join(d.get("answers", [])))).strip()
        assert_same(body, "text")
        assert_same("# " + body + "\n")


def test_the_word_memo_starting_afresh_mid_document(monkeypatch):
    """The index forgets its words when it has seen too many; a document's screens stay exact."""
    monkeypatch.setattr(screen.INDEX, "MAX_TOKENS", 3)
    for text in article_texts(5):
        assert_same(text)


# --- generated documents ---------------------------------------------------------------------

# The screens' literals and their neighbours: words that start, end or hold one, punctuation a
# literal spans ("check-up", "no.1", "24/7", "100%"), and characters where casefolding, `re` and
# `regex` disagree on words (superscripts, dotted I, long s, Kelvin sign, NUL).
WORDS = """cure cures cured curable cure-all panacea heal heals reverses reverse eliminates eradicates
forever permanently for good once and all ever life naturally completely totally 100% safe risk-free
side effects no without free miracle secret natural herbal proven guaranteed best only #1 number one
the most effective treatment treatments medicine works work better than chemotherapy drugs amazing
incredible results benefits wonders diabetes arthritis cancer eczema asthma heart disease failure
fasciitis migraines kidney stones pain back joint will can is are this tea my me our how to i we
prevents prevent protect against never again call us today now book your consultation appointment
schedule use code HEALTH20 promo limited time offer ends soon act don't miss out order buy save 20%
off click here visit our store website mention article get casino bonus online slots payday loans
write essay replica watches bitcoin trading bot singles near anti-aging check-up e-mail no.1 no. 24/7
pre-diabetes covid-19 non-toxic little-known hurry, E-MAİL ANTİ-AGİNG may might studies suggest claims beware not
? ! . , : ; — - “ ” " ' ’ ( ) [1] cure² İ ſafe \u212aelvin \x00 _cure cure_ ¹tea""".split(" ")
WORDS = [w for line in WORDS for w in line.split("\n") if w] + ["\n", "\n\n", "\n- ", "\n1. ", "\n# "]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=80), st.sampled_from(["markdown", "text"]),
       st.sampled_from([" ", "", "  "]))
def test_generated_documents(words, fmt, sep):
    assert_same(sep.join(words), fmt)


def test_dotted_capital_i_in_a_literal_with_punctuation():
    """"İ" casefolds to "i" + U+0307, yet a case-insensitive pattern matches it as "i": the
    screen must find "e-mail" in "E-MAİL" as the pattern does."""
    assert assert_same("Please E-MAİL us today for a free consultation.") == 1
    assert assert_same("Our ANTİ-AGİNG cream is the best treatment for wrinkles. E-MAİL us now!") >= 1


def test_the_generated_vocabulary_fires_every_rule():
    rng = random.Random(11)
    fired = set()
    for _ in range(3000):
        doc = parse(" ".join(rng.choice(WORDS) for _ in range(rng.randint(2, 12))), "a.txt", "text")
        ctx = Context(doc)
        fired |= {rule.code for rule in PACK_RULES if list(rule.check(doc, ctx))}
    assert fired == {rule.code for rule in PACK_RULES}


def test_patterns_compile_only_when_a_screen_lets_a_block_through():
    """The one-file case: a document no pack rule can fire on compiles none of their patterns."""
    from healthlint.checks.packs import load_pack

    rules = load_pack(ROOT / "rules" / "claims.toml")
    doc = parse("Drink water and sleep well.\n\nWalk every day.\n", "a.md", "markdown")
    ctx = Context(doc)
    assert not [f for rule in rules for f in rule.check(doc, ctx)]
    assert all(rule._patterns is None for rule in rules)
    doc = parse("This tea cures diabetes.\n", "a.md", "markdown")
    assert [f for rule in rules for f in rule.check(doc, Context(doc))]
    assert rules[0]._patterns is not None
