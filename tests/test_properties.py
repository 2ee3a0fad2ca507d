"""Property tests over generated documents in all three formats (plain text, Markdown, HTML).

The linter never raises; every finding lies inside the document, its line:col is its offset, and
its span names the text its message quotes; output is deterministic whatever the input order;
fixes are idempotent and leave everything outside the fixed spans byte-identical.

CI runs ~150 examples per property. A long campaign runs the same properties outside CI:
    HEALTHLINT_FUZZ_EXAMPLES=20000 HEALTHLINT_FUZZ_PIECES=120 python -m pytest tests/test_properties.py \
        -p no:cacheprovider --hypothesis-show-statistics
(see tests/FUZZING.md for the last campaign's numbers).
"""
import html
import os
import random
import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, find, given, settings
from hypothesis import strategies as st

from healthlint.api import Linter
from healthlint.checks.packs import PatternRule
from healthlint.fixes import apply_fixes
from healthlint.source import LineIndex, SourceError

COMMENT = re.compile(r"<!--.*?(?:-->|$)", re.S)
TAG = re.compile(r"</?[A-Za-z][^<>]*>")  # a tag inside a span (``cures</b> diabetes``) is not text
EXAMPLES = int(os.environ.get("HEALTHLINT_FUZZ_EXAMPLES", "150"))
PIECES = int(os.environ.get("HEALTHLINT_FUZZ_PIECES", "60"))  # pieces per generated document
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, derandomize=EXAMPLES <= 150,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.filter_too_much])

# A content repo's own rule pack with a fixable substitution, as a team would write it.
PACK = '''
[[rule]]
code = "HL990"
name = "plain-words"
category = "readability"
severity = "info"
summary = "Jargon with a plain equivalent."
type = "substitution"
scope = "sentence"
message = 'Plain words: "{match}" can be "{replacement}".'
swap = { "utilize" = "use", "commence" = "start", "in order to" = "to", "a majority of" = "most" }
fixable = true
docs = { what = "Swaps jargon.", why = "NIH plain language guidance.", example = "utilize", instead = "use" }
'''

# --- documents ----------------------------------------------------------------------------------

PHRASES = [
    "This tea cures diabetes", "is 100% safe", "doctors hate this", "guaranteed to work", "miracle",
    "the best treatment", "prevents cancer", "clinically proven", "amazing", "never fails",
    "utilize", "Utilize", "commence", "in order to", "a majority of", "in  order\nto",
    "Talk to your doctor", "may help", "studies suggest", "does not cure diabetes", "Does it cure flu?",
    "42%", "3 in 10 adults", "(Smith, 2020)", "e.g.", "Dr.", "U.S.", "...", "!", "?", ",", ";", ":",
    "café", "naïve", "e\u0301", "🍵", "\u200b", "\u00a0", "\u202e", "\ufffc", "\t", "’", "“quoted”",
]
SUPPRESSIONS = [
    "<!-- healthlint-disable-next-line HL101 -->", "<!-- healthlint-disable-next-line HL103, HL105 -->",
    "<!-- healthlint-disable HL1 -->", "<!-- healthlint-enable HL1 -->", "<!-- healthlint-disable -->",
    "<!-- healthlint-enable -->", "<!-- healthlint-disable-next-line HL999 -- reason -->",
    "<!-- healthlint-disable-next-line claim -->", "<!-- plain comment -->",
]
MD_MARKUP = [
    "# ", "## ", "- ", "* ", "1. ", "> ", "**", "*", "_", "`", "```\n", "    ", "[", "](https://x.example/a)",
    "![alt ", "<https://x.example>", "https://x.example/cures-diabetes", "|", "|---|---|\n", "---\n",
    "\\", "&amp;", "&#233;", "<b>", "</b>", "<div>", "</div>", "[^1]", "[ref]: https://x.example\n",
]
HTML_MARKUP = [
    "<p>", "</p>", "<div>", "</div>", "<h1>", "</h1>", "<ul><li>", "</li></ul>", "<b>", "</b>", "<i>",
    "<br>", "<br/>", "<a href='https://x.example'>", "</a>", "<img alt='A miracle cure' src=x>",
    "<script>var x = 'cures diabetes';</script>", "<style>p{}</style>", "<code>cures</code>",
    "&amp;", "&nbsp;", "&eacute;", "&#x1F375;", "&bogus", "<", ">", "<!--", "-->", "<td>", "<table><tr>",
    "<title>A miracle</title>", "<blockquote>", "<pre>x</pre>", "</span>", "<![CDATA[x]]>", "<!DOCTYPE html>",
]
SEPARATORS = [" ", " ", " ", "  ", "\n", "\n\n", "\r\n", "\r", ". ", ".\n\n"]
FRONT_MATTER = ["", "", "---\ntitle: Tea\ntags: [a, b]\n---\n", "+++\ntitle = \"Tea\"\n+++\n", "---\n---\n"]


def _pieces(markup):
    return st.one_of(
        *[st.sampled_from(PHRASES)] * 4, st.sampled_from(SUPPRESSIONS),
        st.sampled_from(markup), st.sampled_from(SEPARATORS), st.sampled_from(SEPARATORS),
        st.text(max_size=6),
    )


@st.composite
def documents(draw, fmt=None):
    """(text, path) for a generated article in one of the three formats."""
    fmt = fmt or draw(st.sampled_from(["text", "markdown", "html"]))
    markup = {"text": ["- ", "1) ", "# ", "\t"], "markdown": MD_MARKUP, "html": HTML_MARKUP}[fmt]
    body = "".join(draw(st.lists(_pieces(markup), max_size=PIECES)))
    head = draw(st.sampled_from(FRONT_MATTER)) if fmt == "markdown" else ""
    text = head + body
    newline = draw(st.sampled_from(["\n", "\n", "\r\n", "\r"]))
    if newline != "\n":
        text = text.replace("\r\n", "\n").replace("\n", newline)
    return text, {"text": "article.txt", "markdown": "article.md", "html": "article.html"}[fmt]


@pytest.fixture(scope="module")
def linter(tmp_path_factory):
    folder = tmp_path_factory.mktemp("content-repo")
    (folder / "plain.toml").write_text(PACK)
    (folder / ".healthlint.toml").write_text('rule-packs = ["plain.toml"]\n')
    return Linter(str(folder / ".healthlint.toml"))


# --- properties -----------------------------------------------------------------------------------

def lint(linter, text, path):
    """Findings, or None for text the API refuses with a SourceError (broken front matter)."""
    try:
        return linter.lint_text(text, path)
    except SourceError as exc:
        assert "\n" not in str(exc)
        return None


def _letters(s: str, markup: bool) -> str:
    """The letters and digits a reader sees: comments dropped, entities decoded (not in plain text)."""
    s = COMMENT.sub("", s)
    if markup:
        s = html.unescape(TAG.sub("", s))
    return "".join(ch for ch in s.casefold() if ch.isalnum())


def _is_subsequence(small: str, big: str) -> bool:
    it = iter(big)
    return all(ch in it for ch in small)


def _names_quote(quote: str, span: str, markup: bool) -> bool:
    """The span starts and ends on the quote's first and last letters and contains all of them in
    order (markup, link targets and comments may lie between)."""
    q, s = _letters(quote, markup), _letters(span, markup)
    return bool(q) and s[:1] == q[0] and s[-1:] == q[-1] and _is_subsequence(q, s)


@SETTINGS
@given(doc=documents())
def test_findings_are_inside_and_match_their_positions(linter, doc):
    text, path = doc
    findings = lint(linter, text, path) or []
    lines = LineIndex(text)
    quoting = {r.code: r for r in linter.rules + linter.config_for(path).extra_rules
               if isinstance(r, PatternRule) and '"{match}"' in r.message}
    for f in findings:
        assert 0 <= f.start <= f.end <= len(text), f
        assert lines.position(f.start) == (f.line, f.column), f
        assert lines.position(f.end) == (f.end_line, f.end_column), f
        assert "\n" not in f.message
        if f.code in quoting:  # the quoted words are the words of the span (markup and entities aside)
            quoted = re.search(r'"(.*?)"', f.message[f.message.index('"'):], re.S).group(1)
            assert _names_quote(quoted, text[f.start:f.end], not path.endswith(".txt")), (f, text[f.start:f.end])
        if f.fix is not None:
            assert 0 <= f.fix.start <= f.fix.end <= len(text)


@SETTINGS
@given(doc=documents())
def test_output_is_deterministic(linter, doc):
    text, path = doc
    first = lint(linter, text, path) or []
    assert [(f.line, f.column) for f in first] == sorted((f.line, f.column) for f in first)
    again = lint(Linter(linter.fixed_config), text, path) or []
    assert [f.to_dict() for f in first] == [f.to_dict() for f in again]


@settings(SETTINGS, max_examples=max(20, EXAMPLES // 5))
@given(docs=st.lists(documents(), min_size=2, max_size=5), seed=st.integers(0, 2**32 - 1))
def test_input_order_does_not_change_per_file_findings(linter, docs, seed):
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for i, (text, name) in enumerate(docs):
            path = Path(folder) / f"{i}-{name}"
            path.write_bytes(text.encode())
            paths.append(str(path))
        shuffled = paths[:]
        random.Random(seed).shuffle(shuffled)
        by_path = lambda results: {r.path: (r.error, [f.to_dict() for f in r.findings]) for r in results}
        forward = linter.lint_paths(paths)
        assert [r.path for r in forward] == paths
        assert by_path(forward) == by_path(linter.lint_paths(shuffled))


@SETTINGS
@given(doc=documents())
def test_one_fix_pass_touches_only_the_fixed_spans(linter, doc):
    text, path = doc
    fixes = sorted({f.fix for f in lint(linter, text, path) or [] if f.fix is not None}, key=lambda x: (x.start, x.end))
    fixed, applied = apply_fixes(text, fixes)
    # Every stretch of the original outside all fix spans survives, byte for byte, in order.
    keep, pos = [], 0
    for fx in fixes:
        keep.append(text[pos:max(pos, fx.start)])
        pos = max(pos, fx.end)
    keep.append(text[pos:])
    assert fixed.startswith(keep[0]) and fixed.endswith(keep[-1])
    at = 0
    for piece in keep:
        found = fixed.find(piece, at)
        assert found >= 0, (piece, fixed)
        at = found + len(piece)
    assert (applied == 0) == (fixed == text)


@SETTINGS
@given(doc=documents())
def test_fix_is_idempotent(linter, doc):
    text, path = doc
    if lint(linter, text, path) is None:
        return
    fixed, applied, left = linter.fix_text(text, path)
    again, applied_again, left_again = linter.fix_text(fixed, path)
    assert (again, applied_again) == (fixed, 0)
    assert left_again == left
    if applied:
        assert fixed != text


@SETTINGS
@given(data=st.binary(max_size=400) | st.text(max_size=200).map(lambda s: s.encode("utf-16"))
       | documents().map(lambda d: d[0].encode()),
       name=st.sampled_from(["a.md", "a.html", "a.txt"]))
def test_any_bytes_give_findings_or_one_line_error(linter, data, name):
    result = linter.lint_bytes(data, name)
    assert (result.error is None) or ("\n" not in result.error and "internal error" not in result.error), result.error


@pytest.mark.parametrize("code", ["HL001", "HL990", "HL101"])
def test_the_generator_reaches_fixes_and_quoted_spans(linter, code):
    """Guard against a vacuous generator: it does produce unused suppressions (HL001 fix), the
    content pack's substitution (HL990 fix) and quoted claims (HL101)."""
    def has(doc):
        return any(f.code == code and (f.fix is not None or code == "HL101") for f in lint(linter, *doc) or [])

    find(documents(), has, settings=settings(max_examples=2000, database=None, derandomize=True))


def test_a_fix_that_would_break_the_file_is_not_applied(linter):
    """Found by the long campaign: deleting an unused suppression at the top of a Markdown file turned
    the thematic break after it into (invalid) front matter; the fix pass is dropped instead."""
    text = "<!-- healthlint-disable-next-line HL101 -->---\n.\n\n---\n"
    fixed, applied, left = linter.fix_text(text, "article.md")
    assert (fixed, applied) == (text, 0) and [f.code for f in left] == ["HL001"]
    assert linter.fix_text(fixed, "article.md")[:2] == (fixed, 0)


@pytest.mark.parametrize("text", ["\xa0\nThis tea cures diabetes.\n", "> \u2003\n> This tea cures diabetes.\n"])
def test_paragraph_opening_with_a_unicode_blank_line_keeps_its_positions(linter, text):
    """Found by the long campaign: markdown-it strips NBSP lines off a paragraph, and the reader then
    mapped the whole paragraph to an empty span at 1:1."""
    (f,) = [f for f in linter.lint_text(text, "article.md") if f.code == "HL101"]
    assert text[f.start:f.end] == "cures diabetes" and (f.line, f.column) == (2, text.splitlines()[1].index("cures") + 1)
