"""The spam rules screen blocks before checking them (healthlint.checks.spam): a screen must never
hide a finding. Each rule is compared with its own check run on every block or sentence."""
import pytest

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


@pytest.mark.parametrize("text", TRICKY)
@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_screens_never_hide_a_finding(text, fmt):
    doc = parse(text + "\n\nA second paragraph about sleep.\n", "a.md" if fmt == "markdown" else "a.txt", fmt)
    for rule in (spam.PHARMACY_SPAM, spam.INJECTED_SHOUTING, spam.SEO_ANCHOR, spam.BUSINESS_PLUG):
        ctx = Context(doc, dict(rule.options))
        assert list(rule.check(doc, ctx)) == _unscreened(rule, doc, ctx), rule.code


def test_the_tricky_texts_have_findings():
    found = set()
    for text in TRICKY:
        doc = parse(text, "a.md", "markdown")
        for rule in spam.RULES:
            if list(rule.check(doc, Context(doc, dict(rule.options)))):
                found.add(rule.code)
    assert found == {"HL201", "HL202", "HL203", "HL205"}
