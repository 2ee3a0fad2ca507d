"""HL301's document scan (_chrome._may_be_labelled), plain-line screen (_chrome._classify_line) and
lazy pieces must find exactly the runs the reference, which classifies every line, finds
(tests/chrome_reference.py)."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chrome_reference import reference_chrome_runs
from healthlint.checks import _chrome
from healthlint.document import Block, Link
from healthlint.parse import parse
from screen_texts import articles, fixtures, nih

import test_boilerplate_screens


def _runs(runs):
    return [[(p.block.index, p.start, p.end, p.text, p.label, p.weak) for p in run] for run in runs]


def _same(text: str, fmt: str) -> None:
    doc = parse(text, "a." + {"markdown": "md", "text": "txt", "html": "html"}[fmt], fmt)
    assert _runs(_chrome.chrome_runs(doc)) == _runs(reference_chrome_runs(doc)), text[:300]


def _plain_is_plain(text: str, fmt: str) -> None:
    """Every piece the line screen leaves out is one classify() finds plain, and every line that
    classify() labels is one the document scan names."""
    doc = parse(text, "a." + {"markdown": "md", "text": "txt", "html": "html"}[fmt], fmt)
    spans = [(b, s, e) for b in doc.blocks if b.kind != "title" for s, e in _chrome.block_pieces(doc, b)]
    named = set(_chrome._may_be_labelled(spans))
    for k, (b, s, e) in enumerate(spans):
        full = _chrome.classify(doc, b, s, e)
        if _chrome._classify_line(doc, b, s, e) is None:
            assert full.label is None and not full.weak, b.text[s:e]
        if full.label is not None:
            assert k in named, b.text[s:e]


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
    # characters the document scan must not miss: whitespace made by entities, a NUL, long lower cases
    "Leave&#10;a Reply", "Leave&#32; a Reply", "Share&#9;this:", "Leave\u00a0a Reply", "Skip&#0;to content",
    "Skip\x00to content", "\u0130stanbul clinic", "Leave a Reply \u0130", "Home / About / Contact",
    "Blog - News - Shop", "Blog | News | Shop", "Diet / Sleep / Exercise > Tips", "Careers", "[Careers](/c)",
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


# The document scan on hand-made lines: any character, links over any part, any kind of block.
ODD = st.sampled_from(["\t", "\n", "\r", "\x0b", "\x1f", "\x00", "|", "/", ">", " - ", "  ", "\u00a0", "\u00bb",
                       "\u2192", "\u2013", "\u0130", "\u212a", "A", "7", "*", "\u00e9"])
LINKS = st.lists(st.tuples(st.integers(0, 60), st.integers(1, 60)), max_size=3)


@st.composite
def hand_lines(draw):
    line = draw(LINE)
    for _ in range(draw(st.integers(0, 2))):
        k = draw(st.integers(0, len(line)))
        line = line[:k] + draw(ODD) + line[k:]
    line = line.strip() or "x"
    links = tuple(Link(a, min(a + n, len(line)), "/") for a, n in draw(LINKS) if a < len(line))
    return draw(st.sampled_from(["paragraph", "heading", "list_item"])), line, links


@settings(max_examples=1500, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(hand_lines(), min_size=1, max_size=8))
def test_document_scan_names_every_labelled_line(lines):
    blocks = [Block(kind, text, ((0, 0, len(text), len(text)),), links, i) for i, (kind, text, links) in enumerate(lines)]
    spans = [(b, 0, len(b.text)) for b in blocks]
    named = set(_chrome._may_be_labelled(spans))
    for k, (b, s, e) in enumerate(spans):
        if _chrome.classify(None, b, s, e).label is not None:
            assert k in named, b.text


@pytest.mark.parametrize("space", list("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f\u00a0\u2003\u2028\u3000") + ["  ", " \t"])
@pytest.mark.parametrize("line", ["Leave a Reply", "Share this:", "Skip to content", "Blog - News - Shop"])
def test_document_scan_names_lines_with_other_whitespace(line, space):
    text = line.replace(" ", space, 1)
    blocks = [Block("paragraph", t, ((0, 0, len(t), len(t)),), (), i) for i, t in enumerate(["Zinc may help.", text])]
    spans = [(b, 0, len(b.text)) for b in blocks]
    assert _chrome.classify(None, *spans[1]).label is not None
    assert 1 in _chrome._may_be_labelled(spans)


@pytest.mark.parametrize("before", [["Zinc may help.\x00"], ["Zinc\x00\x00"], ["\u0130" * 20, "Zinc"], ["\u212a" * 3],
                                    ["Zinc", "\x00"], ["Zinc | diet"], ["[Zinc](/z)"]])
def test_document_scan_after_odd_lines(before):
    texts = before + ["Leave a Reply", "Zinc may help.", "Share this:"]
    blocks = [Block("paragraph", t, ((0, 0, len(t), len(t)),), (), i) for i, t in enumerate(texts)]
    spans = [(b, 0, len(b.text)) for b in blocks]
    named = set(_chrome._may_be_labelled(spans))
    assert {len(before), len(before) + 2} <= named
