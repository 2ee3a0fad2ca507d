"""HL301's plain-line screen (_chrome._classify_all) and lazy pieces must find exactly the runs the
reference, which classifies every line, finds (tests/chrome_reference.py)."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chrome_reference import reference_chrome_runs
from healthlint.checks import _chrome
from healthlint.parse import parse
from screen_texts import articles, fixtures, nih

import test_boilerplate_screens


def _runs(runs):
    return [[(p.block.index, p.start, p.end, p.text, p.label, p.weak) for p in run] for run in runs]


def _same(text: str, fmt: str) -> None:
    doc = parse(text, "a." + {"markdown": "md", "text": "txt", "html": "html"}[fmt], fmt)
    assert _runs(_chrome.chrome_runs(doc)) == _runs(reference_chrome_runs(doc)), text[:300]


def _plain_is_plain(text: str, fmt: str) -> None:
    """Every piece the screen leaves out is one classify() finds plain."""
    doc = parse(text, "a." + {"markdown": "md", "text": "txt", "html": "html"}[fmt], fmt)
    spans = [(b, s, e) for b in doc.blocks if b.kind != "title" for s, e in _chrome.block_pieces(doc, b)]
    for (b, s, e), p in zip(spans, _chrome._classify_all(doc, spans)):
        if p is None:
            full = _chrome.classify(doc, b, s, e)
            assert full.label is None and not full.weak, b.text[s:e]


def test_fixtures_corpus_and_nih():
    plain = 0
    for _, text, fmt in [*fixtures(), *articles(300), *nih(every=3)]:
        _same(text, fmt)
        _plain_is_plain(text, fmt)
        plain += 1
    assert plain > 300


CHROME_LINES = test_boilerplate_screens.CHROME + [
    "Home | About | Contact", "Health \u00bb Diabetes \u00bb Diet", "Related posts", "Jane says:", "March 3, 2024",
    "Facebook", "Twitter", "Great post!", "Zinc and colds", "Copyright 2024 Example Health", "Read more \u2192",
    "Next post: Vitamin C", "\u00ab Previous", "Privacy Policy | Terms of Use", "[Home](/) | [Blog](/blog) | [Shop](/shop)",
    "[Facebook](https://f.example) [Twitter](https://t.example) [Pinterest](https://p.example)",
]
PROSE = [
    "Most adults need seven to nine hours of sleep each night.", "Zinc may help.", "Zinc and colds",
    "Causes and risk factors", "Vitamin D and bones", "Talk to your doctor about the dose.",
    "A short line", "Why it matters!", "\u201cQuoted advice.\u201d", "See [the guide](https://x.example) for more.",
    "Breakfast | Lunch | Dinner", "Ages 2 - 5 years", "Ready?", "Posted", "By Age Group", "Symptoms:",
    # the plain-line screen's edges: word counts, weak endings, links in sentences and short lines
    "a list of your current medicines and doses", "your insurance card and a photo ID", "Three short words",
    "Steps that many people find useful:", "Bob Smith says:", "Priya says", "Bob R SAYS", "Abcdefghijk Lmnopq \u017fay\u017f", "March 3, 2024 at 10:30 am",
    "March 3, 2024 at 10:30 AM",
    "Seen on March 3, 2024", "Talk to your pharmacist about it:", "x-ray, MRI and CT scans",
    "Read [our guide](https://x.example) on sleep tonight.", "[Home](/) and [Blog](/b) and [Shop](/s) today.",
    "[One](/1) [Two](/2) [Three](/3).", "[Contact us](/c)", "[Contact us](/c).", "See [the guide](/g) now",
    "[A long linked sentence about sleep and health](/s).", "Why not [ask](/a)?",
]
LINE = st.sampled_from(CHROME_LINES + PROSE)
MARK = st.sampled_from(["", "", "## ", "# ", "- ", "* ", "1. ", "> ", "**"])
BREAK = st.sampled_from(["\n", "\n\n", "\n\n", "  \n", "\n\n\n", "\r\n"])


@st.composite
def documents(draw):
    lines = draw(st.lists(st.tuples(MARK, LINE, BREAK), min_size=1, max_size=14))
    if draw(st.booleans()):  # odd whitespace inside a line
        k = draw(st.integers(0, len(lines) - 1))
        mark, line, br = lines[k]
        lines[k] = (mark, line.replace(" ", draw(st.sampled_from(["  ", "\t", "\u00a0", " \u2003"])), 1), br)
    return "".join(m + line + br for m, line, br in lines)


@st.composite
def html_documents(draw):
    lines = draw(st.lists(st.tuples(st.sampled_from(["p", "h2", "li", "div"]), LINE, st.booleans()), min_size=1, max_size=10))
    body = "".join(f"<{t}>{line}</{t}>" if not br else f"<{t}>{line}<br>{line}</{t}>" for t, line, br in lines)
    return f"<html><head><title>{lines[0][1]}</title></head><body>{body}</body></html>"


@settings(max_examples=600, deadline=None, suppress_health_check=list(HealthCheck))
@given(documents(), st.sampled_from(["markdown", "text"]))
def test_generated_documents(text, fmt):
    _same(text, fmt)
    _plain_is_plain(text, fmt)


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(html_documents())
def test_generated_html(text):
    _same(text, "html")
    _plain_is_plain(text, "html")


@pytest.mark.parametrize("line", PROSE + CHROME_LINES)
def test_each_line_alone_and_doubled(line):
    for fmt in ("markdown", "text"):
        _same(line + "\n", fmt)
        _same(line + "\n" + line + "\n\n" + line + "\n", fmt)
        _same("## " + line + "\n\n" + line + "\n", fmt)
