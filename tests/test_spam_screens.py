"""The spam rules screen blocks before checking them (healthlint.checks.spam): a screen must never
hide a finding. Each rule is compared with its own check run on every block or sentence."""
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import screen_texts

from healthlint.checks import spam
from healthlint.checks.base import Context
from healthlint.parse import parse

TRICKY = [
    "Buy cheap Viagra online, no prescription needed!",
    "5viagra online cheap, order now",  # a drug name after digits: WORD starts at the letter
    "viagra_x online, buy cheap now",  # "_" joins word tokens, not WORD tokens
    "atorvastatin_x online, buy cheap now",  # an INN stem before "_"
    "Order atorvastatin-like rosu5vastatin cheap online today",  # an INN stem after a digit
    "x-statin 20mg price, buy cheap online overnight",  # a WORD token longer than the letter run
    "Get V1agra here. Get Xan@x here! C!alis c|alis $oma cheap.",  # look-alikes with symbols
    "Get v_i_a_g_r_a and v-i_a-g_r-a and c i a l i s here, cheap, online.",  # split letters
    "Get Vi\u0430gra here, cheap online.",  # a Cyrillic look-alike
    "Caf\u00e9 owners buy cheap Valium online without prescription.",  # a non-ASCII letter in the block
    "Sleep helps, she said \u201cbuy cheap Xanax online\u201d \u2014 a quote.",  # inert punctuation only
    "Drink water every day _BUY NOW_ and stay healthy with friends and family.",
    "Magnesium helps muscles relax BUY NOW FREE SHIPPING and may ease cramps.",
    "Magnesium helps muscles relax \u212aBUY NOW FREE SHIPPING and may ease cramps.",  # Kelvin sign
    "Drink plenty of water during the day. best detox tea online",
    "Drink plenty of water. \u201cbest detox tea online",
    "best keto pills Drinking water helps you keep going every day.",
    "Fiber best fiber supplements online keeps you regular, and a dentist near me helps too.",
    "Acme Wellness offers IV vitamin therapy to boost your immune system in just 30 minutes.",
    "5Health offers free consultations, call us today at our clinic.",
    "Green_Wellness is the leading provider of spinal care in Austin and surrounding areas.",
    "At Bright Smile Dental, we use the latest whitening technology for a brighter smile.",
    "Stress can cause back pain. Our clinic offers same-day massage appointments.",
    "We offer free consultations and same-day appointments for new patients.",
    "\u00c0 Acme Wellness offers affordable packages near you.",
    "See [best keto pills online](http://x.example) for more.",
]


def _unscreened(rule, doc, ctx):
    """What the rule would report with no screen: its check on every block or sentence."""
    out = []
    for block in doc.blocks:
        if rule is spam.SEO_ANCHOR:
            if block.kind not in spam.WEDGE_KINDS:
                out.extend(spam._in_block(rule._check_block(block, ctx, True, block.kind == "paragraph", True), block))
        else:
            out.extend(spam._in_sentences(rule._check_sentence, block, ctx))
    return out


def _same(text: str, fmt: str, options: dict | None = None) -> int:
    """Assert that each rule reports what its unscreened check does; the number of findings."""
    doc = parse(text, "a.md" if fmt == "markdown" else "a.txt", fmt)
    found = 0
    for rule in (spam.PHARMACY_SPAM, spam.INJECTED_SHOUTING, spam.SEO_ANCHOR, spam.BUSINESS_PLUG):
        ctx = Context(doc, {**rule.options, **(options or {})})
        screened = list(rule.check(doc, ctx))
        assert screened == _unscreened(rule, doc, Context(doc, {**rule.options, **(options or {})})), rule.code
        found += len(screened)
    return found


@pytest.mark.parametrize("text", TRICKY)
@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_screens_never_hide_a_finding(text, fmt):
    _same(text + "\n\nA second paragraph about sleep.\n", fmt)
    _same(text + "\n\nA second paragraph about sleep.\n", fmt, {"threshold": 2})


def test_screens_change_nothing_on_fixtures():
    assert sum(_same(text, fmt) for _, text, fmt in screen_texts.fixtures()) > 20


def test_screens_change_nothing_on_benchmark_articles():
    assert sum(_same(text, fmt) for _, text, fmt in screen_texts.articles(120)) > 30


@pytest.mark.skipif(not screen_texts.NIH.is_file(), reason="NIH corpus not present")
def test_screens_change_nothing_on_nih_texts():
    assert sum(_same(text, fmt) for _, text, fmt in screen_texts.nih(every=2)) >= 0


PHRASES = TRICKY + [
    "Sildenafil relaxes blood vessels", "generic viagra 100mg price online", "order tramadol overnight delivery",
    "get cheap pills here", "get viagra now", "buy xanax", "no prescription needed", "prescription not required", "$5 off atorvastatin",
    "click here to buy Xanax", "canadian pharmacy meds", "rx-free next-day shipping", "save 20 on lipitor",
    "Drink water daily", "Talk to your doctor", "V-i-a-g-r-a", "c i a l i s", "BUY NOW", "CHEAP PILLS ONLINE",
    "best keto pills", "dentist near me", "Acme Labs provides", "Our clinic offers", "we offer", "At Acme Spa, we",
]


@given(text=screen_texts.mangled(PHRASES), fmt=st.sampled_from(["markdown", "text"]))
@settings(max_examples=1000, deadline=None)
def test_screens_change_nothing_on_mangled_text(text, fmt):
    _same(text, fmt)


def test_the_tricky_texts_have_findings():
    found = set()
    for text in TRICKY:
        doc = parse(text, "a.md", "markdown")
        for rule in spam.RULES:
            if list(rule.check(doc, Context(doc, dict(rule.options)))):
                found.add(rule.code)
    assert found == {"HL201", "HL202", "HL203", "HL205"}
