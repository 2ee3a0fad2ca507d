"""The guards share one Site per match (its sentence and clauses, found once) and reuse the
engine's sentence split of a block. This compares every guard with the reference below, a copy of
the guards before that change (each finding its own sentence and clause; same patterns), on every
match of every pack rule's patterns: fixtures, benchmark articles, NIH texts, generated text."""
from __future__ import annotations

import random
from bisect import bisect_right
from functools import lru_cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import screen_texts
from healthlint.checks import guards as g
from healthlint.checks.base import Context
from healthlint.checks.packs import PatternRule
from healthlint.checks.registry import builtin_rules
from healthlint.parse import parse
from healthlint.segment import split_sentences

PACK_RULES = [r for r in builtin_rules() if isinstance(r, PatternRule)]

# --- reference: the guards as they were, each recomputing its sentence and clause ----------------


@lru_cache(maxsize=64)
def _sentence_index(text):
    spans = tuple(split_sentences(text))
    return tuple(s for s, _ in spans), spans


def sentence_bounds(text, start, end):
    starts, spans = _sentence_index(text)
    if not spans:
        return max(0, start - g.MAX_SENTENCE), min(len(text), end + g.MAX_SENTENCE)
    i = max(0, bisect_right(starts, start) - 1)
    j = max(i, bisect_right(starts, max(start, end - 1)) - 1)
    s0 = min(spans[i][0], start)
    e0 = max(spans[j][1], end)
    return max(s0, start - g.MAX_SENTENCE), min(e0, end + g.MAX_SENTENCE)


def _previous_sentences(text, start):
    starts, spans = _sentence_index(text)
    i = bisect_right(starts, start)
    return [text[s:e] for s, e in reversed(spans[max(0, i - 31):i]) if e <= start][:30]


def _clause_before(text, start, words):
    s, _ = sentence_bounds(text, start, start)
    window = text[max(s, start - g.CLAUSE_WINDOW):start]
    cut = 0
    for m in g.CLAUSE_BREAK.finditer(window):
        cut = m.end()
    for m in g.REL_BREAK.finditer(window, cut):
        cut = m.end()
    parts = window[cut:].split()
    return " ".join(parts[-words:]) + (" " if parts else "")


def _clause_after(text, end, words):
    _, e = sentence_bounds(text, end, end)
    window = text[end:min(e, end + g.CLAUSE_WINDOW)]
    m = g.CLAUSE_BREAK.search(window)
    if m:
        window = window[: m.start()]
    return " ".join(window.split()[:words])


def _sentence_before(text, start):
    return text[sentence_bounds(text, start, start)[0]:start]


def _sentence_after(text, end):
    return text[end:sentence_bounds(text, end, end)[1]]


def _negated_antecedent(text, start):
    s, _ = sentence_bounds(text, start, start)
    lo = max(s, start - g.CLAUSE_WINDOW)
    cut = lo
    for m in g.CLAUSE_BREAK.finditer(text, lo, start):
        cut = m.end()
    rel = None
    for rel in g.REL_BREAK.finditer(text, cut, start):
        pass
    return rel is not None and g.NEG_ANTECEDENT.search(text, cut, rel.start()) is not None


def negated(text, start, end):
    if g.NEGATOR.search(_clause_before(text, start, 10)):
        return True
    if _negated_antecedent(text, start):
        return True
    after = _clause_after(text, end, 6)
    m = g.POST_STOP.search(after)
    if m:
        after = after[: m.start()]
    return g.POST_NEGATOR.search(after) is not None


def without(text, start, end):
    return g.WITHOUT.search(_clause_before(text, start, 10)) is not None


def question(text, start, end):
    s, e = sentence_bounds(text, start, end)
    if g.QUESTION_END.search(text[s:e]):
        return True
    before = text[s:start]
    if g.AUX_START.search(before):
        return True
    lead = None
    for lead in g.LEAD_IN.finditer(before):
        pass
    if lead is not None and g.AUX_START.search(before[lead.end():]):
        return True
    return g.WHETHER.search(before) is not None


def hedged(text, start, end):
    return g.HEDGE.search(_clause_before(text, start, 12)) is not None


def reported(text, start, end, unit=None, ctx=None):
    if g.REPORT_BEFORE.search(_sentence_before(text, start)):
        return True
    if g.REPORT_AFTER.search(_sentence_after(text, end)[:200]):
        return True
    s, _ = sentence_bounds(text, start, end)
    if g.BULLET.match(text[s:start] or text[s:s + 3]):
        for prev in _previous_sentences(text, s):
            if g.BULLET.match(prev):
                continue
            return g.REPORT_BEFORE.search(prev) is not None
    return unit is not None and g._list_intro_reports(unit, ctx)


def quantified(text, start, end):
    s, e = sentence_bounds(text, start, end)
    return g.QUANTITY.search(text, s, e) is not None


def conditional(text, start, end):
    s, e = sentence_bounds(text, start, end)
    if g.CONDITION.search(text, s, start) or g.CONDITION.search(text, end, e):
        return True
    return quantified(text, start, end)


def medical(text, start, end):
    if g.PROMO.search(text, start, end):
        return False
    if g.MEDICAL_SUBJECT.search(_clause_before(text, start, 10)):
        return True
    if g.BODY_SUBJECT.search(_sentence_before(text, start)):
        return True
    return g.MEDICAL_AFTER.search(_clause_after(text, end, 8)) is not None


def relative(text, start, end):
    if g.RELATIVE_BEFORE.search(text, max(0, start - 40), start):
        return True
    if g.RELATIVE_LEAD.search(_sentence_before(text, start)):
        return True
    return g.RELATIVE_AFTER.search(_clause_after(text, end, 10)) is not None


def benign(text, start, end):
    return g.BENIGN_SUBJECT.search(_clause_before(text, start, 10)) is not None


def cited(text, start, end):
    s, e = sentence_bounds(text, start, end)
    return g.CITATION.search(text, s, e) is not None


REFERENCE = {"negated": negated, "without": without, "question": question, "quoted": g.quoted, "hedged": hedged,
             "reported": reported, "conditional": conditional, "quantified": quantified, "medical": medical,
             "relative": relative, "cited": cited, "benign": benign}

# --- comparison ------------------------------------------------------------------------------


def _matches(rule, doc, ctx):
    """(text, start, end, unit) of every match of every pattern of the rule, screens and
    exceptions aside, on the units the rule runs on."""
    for block in doc.blocks:
        units = [block] if rule.unit_scope == "block" else ctx.sentences(block)
        for unit in units:
            text = unit.text
            for pattern in rule.patterns:
                for m in pattern.finditer(text):
                    start, end = m.span("match") if "match" in m.re.groupindex and m.group("match") else m.span()
                    if start != end:
                        yield text, start, end, unit


def assert_same(text: str, fmt: str = "markdown") -> int:
    """Every guard gives the reference's answer on every match of every pack rule; with and
    without the unit and context, and (with them) in the order a rule asks, as packs calls them."""
    doc = parse(text, "a.md" if fmt == "markdown" else ("a.html" if fmt == "html" else "a.txt"), fmt)
    ctx = Context(doc)
    count = 0
    for rule in PACK_RULES:
        for text, start, end, unit in _matches(rule, doc, ctx):
            want = {name: ref(text, start, end, unit=unit, ctx=ctx) if name == "reported" else ref(text, start, end)
                    for name, ref in REFERENCE.items()}
            got = {name: guard(text, start, end, unit=unit, ctx=ctx) for name, guard in g.GUARDS.items()}
            assert got == want, (rule.code, text[max(0, start - 200):end + 200])
            alone = {name: guard(text, start, end) for name, guard in reversed(g.GUARDS.items())}
            assert alone == {name: reported(text, start, end) if name == "reported" else want[name] for name in alone}
            count += 1
    return count


def test_fixtures():
    assert sum(assert_same(text, fmt) for _, text, fmt in screen_texts.fixtures()) > 100


def test_benchmark_articles():
    assert sum(assert_same(text) for _, text, _ in screen_texts.articles(120)) > 100


@pytest.mark.skipif(not screen_texts.NIH.is_file(), reason="NIH corpus not present")
def test_nih_texts():
    assert sum(assert_same(text, fmt) for _, text, fmt in screen_texts.nih()) > 20


# Pack phrases next to the words the guards look for, in long and short sentences, lists and quotes.
WORDS = """cure cures cured heals reverses eliminates forever permanently completely 100% safe risk-free
no side effects miracle secret natural herbal proven guaranteed best the most effective treatment
medicine works better than chemotherapy drugs diabetes arthritis cancer harmless these spots moles
prevents never not no nothing none isn't don't can't cannot myth false unproven without lack of
there is that which who evidence proof claims beware marketed as so-called red flags scam said
if when unless early often usually most many some may might could help studies suggest seems to
does can is are whether antibiotics surgery vaccines exercise penicillin statins insulin your immune
system one of among for you depends on [3] et al. a 2019 study according to the CDC in the trial
titled called Miracle Cure Linda, 58 hurry buy now act today order call us and it has but however
? ! . , : ; — – - “ ” " ' ‘ ’ ( ) İ ſafe WHİCH WHO THAT Nothing NO""".split()
WORDS = WORDS + ["\n", "\n\n", "\n- ", "\n1. ", "\n# ", "x " * 130, "word, " * 70, "x x x", "y y y y"]


def _edge_texts():
    """Guard words 8 to 14 words before and after a claim, clauses and sentences longer than the
    windows (CLAUSE_WINDOW, MAX_SENTENCE), a claim across two sentences, no sentence at all."""
    for word in ("may", "not", "without", "antibiotics", "moles", "claims", "if", "most", "whether", "x"):
        for gap in range(8, 15):
            filler = " ".join(["w"] * gap)
            yield f"{word} {filler} this tea cures diabetes forever {filler} {word}."
            yield f"{word} {filler} {'long ' * 60}this miracle cure is completely safe and {filler} {word}."
            yield f"{'x ' * 400}{word} {filler} tea cures diabetes{' y' * 400}"
    yield "This tea cures\u00a0diabetes.This tea cures diabetes!It is 100%\nsafe"
    yield "   "
    yield "cures diabetes"


def test_edge_texts():
    assert sum(assert_same(text, fmt) for text in _edge_texts() for fmt in ("markdown", "text")) > 500


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=120), st.sampled_from(["markdown", "text"]),
       st.sampled_from([" ", "  ", "\n"]))
def test_generated_documents(words, fmt, sep):
    assert_same(sep.join(words), fmt)


@settings(max_examples=200, deadline=None)
@given(screen_texts.mangled(["This tea cures diabetes forever.", "It is not a miracle cure, doctors said.",
                             "Does turmeric cure arthritis?", "Antibiotics will cure the infection.",
                             "Red flags such as:\n\n- Miracle cure\n- 100% safe", "“It cured me” - Linda, 58"]),
       st.sampled_from(["markdown", "text", "html"]))
def test_mangled_documents(text, fmt):
    assert_same(text, fmt)


def test_the_generated_vocabulary_reaches_every_guard_both_ways():
    """The generated words make each guard say yes on some match and no on another."""
    rng = random.Random(3)
    seen = {name: set() for name in g.GUARDS}
    for _ in range(400):
        doc = parse(" ".join(rng.choice(WORDS) for _ in range(rng.randint(5, 60))), "a.md", "markdown")
        ctx = Context(doc)
        for rule in PACK_RULES:
            for text, start, end, unit in _matches(rule, doc, ctx):
                for name, guard in g.GUARDS.items():
                    seen[name].add(guard(text, start, end, unit=unit, ctx=ctx))
    assert all(answers == {True, False} for answers in seen.values()), seen
