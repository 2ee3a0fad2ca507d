"""The fast Markdown reader (parse/fastmd.py) either declines or builds exactly the Document that
markdown-it gives: checked field by field on fixtures, benchmark articles, NIH texts and
generated documents in and around the subset it reads."""
from __future__ import annotations

import json
import os
import random
import subprocess
import sys

import pytest
import yaml
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from healthlint.parse import markdown as md_reader
from healthlint.parse.fastmd import _LINK, _PLAIN_COLONS, read_simple
from healthlint.parse.frontmatter import _simple_yaml, split_front_matter
from healthlint.source import SourceError
from helpers import ROOT
from screen_texts import article_texts

NIH = next((d / "shared" / "corpora" / "nih" / "medlineplus-topics.jsonl" for d in ROOT.parents
            if (d / "shared" / "corpora" / "nih" / "medlineplus-topics.jsonl").is_file()), ROOT / "missing")


def _fields(doc):
    blocks = [(b.kind, b.text, b.segments, b.links, b.index) for b in doc.blocks]
    return (doc.path, doc.format, doc.text, blocks, doc.front_matter, doc.front_matter_span,
            doc.comments, doc.ignored, doc.title)


def agrees(text: str) -> bool:
    """Assert the fast reader declines or matches markdown-it; True if it read the text."""
    try:
        front, span = split_front_matter(text)
    except SourceError:
        return False
    fast = read_simple(text, "doc.md", front, span)
    if fast is None:
        return False
    slow = md_reader._Reader(text, "doc.md", front, span).read()
    for name, a, b in zip(("path", "format", "text", "blocks", "front_matter", "front_matter_span",
                           "comments", "ignored", "title"), _fields(fast), _fields(slow)):
        assert a == b, f"{name} differs for {text!r}:\nfast {a!r}\nslow {b!r}"
    return True


def _taken(texts) -> float:
    texts = list(texts)
    return sum(agrees(t) for t in texts) / len(texts)


def test_fixtures():
    files = sorted((ROOT / "fixtures").rglob("*.md"))
    assert _taken(p.read_text(encoding="utf-8") for p in files) > 0.9




def test_benchmarkarticle_texts():
    assert _taken(article_texts(150)) == 1.0


@pytest.mark.slow
def test_all_benchmarkarticle_texts():
    assert _taken(article_texts(2000)) == 1.0


@pytest.mark.skipif(not NIH.is_file(), reason="NIH corpus not present")
def test_nih_texts_as_markdown():
    texts = []
    for line in NIH.read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        body = d.get("text") or "\n\n".join(d.get("answers", []))
        texts.append("# " + (d.get("title", "") + "\n\n" + body).strip() + "\n")
    assert _taken(texts) > 0.95


# --- generated documents ---------------------------------------------------------------------

WORDS = ["tea", "cures", "Diabetes", "the", "a", "x-ray", "don't", "2024", "5%", "(see", "this)",
         "ok.", "Yes!", "é", "naïve", "fields", "Q&A", "?", "'", '"', "...", "—", "“q”", "+1", "-5", ":"]
# Words with characters that are markup somewhere.
TRICKY = ["snake_case", "a*b", "https://x.org/a_b", "www.nhs.uk", "&", "#tag", "|", "C#", "~5", "< 5", "[1]",
          "[", "]", "*", "**", "_", "(", ")", "!", "$", "1.", "2)", "é*", "*é", "-->", "<!--", ">"]
# Near-misses: constructs the fast reader must decline (or handle exactly).
ODD = ["`code`", "\\*", "\t", "\xa0", "&amp;", "&#65;", "<b>", "<https://a.org>", "![alt](i.png)", "[r]: /x",
       "[a][b]", "[a]()", "[a](<x>)", '[a](u "t")', "[a](b c)", "[ ](u)", "[a](javascript:x)", "a\\", "<!---->",
       "<!-- a --->", "<!-->", "\r", "\u2003", "[x](%zz)", "[a [b](c) d](e)"]
DESTS = ["https://www.cdc.gov/a/index.html", "/rel", "p.html", "#frag", "mailto:A@B.org", "http://x.org/a_b*c",
         "HTTP://Ex.COM/%20?q=1&r=2", "x:y", "//h/p", "a(b)c"]


class _Draw:
    """One interface over hypothesis' draw and random.Random for the document generator."""

    def __init__(self, pick, count):
        self.pick, self.count = pick, count


def _inline(d: _Draw, noisy: int, depth: int = 0) -> str:
    parts = []
    for _ in range(d.count(1, 7)):
        kind = d.pick(["word"] * 12 + ["emph", "emph", "link", "link", "comment"] + ["tricky", "tricky", "odd"] * noisy
                      if depth == 0 else ["word"] * 6 + ["emph"] + ["tricky"] * noisy)
        if kind == "word":
            part = d.pick(WORDS)
        elif kind == "tricky":
            part = d.pick(TRICKY)
        elif kind == "emph":
            m = d.pick(["*", "**", "_", "__", "***", "*", "_"])
            part = m + _inline(d, noisy, depth + 1) + d.pick([m] * 6 + ["*", "**", "_"])
        elif kind == "link":
            part = "[" + _inline(d, noisy, depth + 1) + "](" + d.pick(DESTS) + ")"
        elif kind == "comment":
            part = "<!-- " + d.pick(["expect: HL101", "x", "a - b", "healthlint-disable-line"]) + " -->"
        else:
            part = d.pick(ODD)
        parts.append(part + d.pick([" "] * 8 + ["", "  ", "\n", "  \n"]))
    return "".join(parts).strip(" ")


def _document(d: _Draw) -> str:
    noisy = d.count(0, 1)  # half the documents hold no tricky words and no near-misses
    lines = []
    if d.count(0, 3) == 0:
        lines += ["---", d.pick(['title: "T: x"', "title: Plain title", "reviewed: 2024-03-13", "n: 12", "k:"]), "---"]
    for _ in range(d.count(1, 8)):
        kind = d.pick(["para"] * 4 + ["head", "bullet", "bullet", "ordered", "blank", "blank", "blank", "cblock"]
                      + ["indent", "odd"] * noisy)
        text = _inline(d, noisy)
        if kind == "para":
            lines.append(text)
        elif kind == "head":
            lines.append(d.pick(["# ", "## ", "###### ", "#", "####### "]) + text)
        elif kind == "bullet":
            lines.append(d.pick(["- ", "* ", "+ ", "-  ", "-     "]) + text)
        elif kind == "ordered":
            lines.append(d.pick(["1. ", "2. ", "10) ", "1.", "2019. "]) + text)
        elif kind == "blank":
            lines.append(d.pick(["", " "]))
        elif kind == "cblock":
            lines.append(d.pick(["<!-- c -->", "<!-- a\nb -->", "<!-- x --> after", "<!--"]))
        elif kind == "indent":
            lines.append(d.pick([" ", "  ", "    "]) + text)
        else:
            lines.append(d.pick(["---", "***", "===", "> q", "~~~", "| a | b |\n|---|---|", "- ", "1.", "```", "    code"]))
    return "\n".join(lines) + d.pick(["\n", "", "\n\n"])


@st.composite
def documents(draw):
    return _document(_Draw(lambda xs: draw(st.sampled_from(xs)), lambda a, b: draw(st.integers(a, b))))


@settings(max_examples=1500, deadline=None)
@given(documents())
def test_generated_documents(text):
    agrees(text)


def test_generated_documents_are_often_read():
    """The generator is not vacuous: the fast reader takes a good share of its documents."""
    rng = random.Random(1)
    docs = [_document(_Draw(rng.choice, rng.randint)) for _ in range(1500)]
    assert _taken(docs) > 0.15


@given(st.text(alphabet="ab*_[]()<!->#:\n -1.`\\&;", max_size=40))
@settings(max_examples=1000, deadline=None)
def test_random_markup(text):
    agrees(text)


@given(st.from_regex(_LINK.pattern.split(r"\(", 1)[1][:-2] + "$", fullmatch=True)
       | st.text(alphabet="0a:/.h@m", max_size=8))
@settings(max_examples=1500, deadline=None)
def test_plain_destinations_are_not_normalized(dest):
    from markdown_it.common.normalize_url import normalizeLink

    assume(_LINK.fullmatch(f"[x]({dest})") and _PLAIN_COLONS.fullmatch(dest))  # what the fast reader keeps
    assert normalizeLink(dest) == dest


def test_a_destination_markdown_it_would_reformat_is_declined():
    assert read_simple("[x](0:::)\n", "a.md", {}, None) is None


# --- front matter ----------------------------------------------------------------------------

KEYS = ["title", "reviewed", "author", "yes", "On", "a-b", "_x", "null", "y"]
VALUES = ['"T: x (0)"', "'it s'", "'it''s'", '"a\\"b"', "Plain words, (with) punct.", "N/A", "TBD", "yes", "No",
          "null", "~", "12", "012", "-3", "1.5", "1e3", "2024-03-13", "2024-02-30", "2024-3-1", "x # c", "a: b",
          "[1, 2]", "{a: 1}", "&a x", "*a", "!x y", "|", ">", "é ü", "x'y", "", " ", "@x", "%x", "`x`", "a\tb"]


@given(st.lists(st.tuples(st.sampled_from(KEYS), st.sampled_from(VALUES), st.sampled_from([":", ": ", ":  ", " :"]),
                          st.sampled_from(["", " ", "  # c"])), max_size=5),
       st.sampled_from(["", "# comment\n", "\n", "  nested: 1\n"]))
@settings(max_examples=1000, deadline=None)
def test_simple_yaml_matches_pyyaml(pairs, extra):
    body = extra + "".join(f"{k}{sep}{v}{tail}\n" for k, v, sep, tail in pairs)
    got = _simple_yaml(body)
    if got is not None:
        assert got == (yaml.safe_load(body) or {}), body


def test_simple_yaml_reads_common_front_matter():
    assert _simple_yaml('title: "Anemia: what to know (0)"\nreviewed: 2024-03-13\nauthor: Jo Smith\n') is not None


def test_fast_path_imports_neither_markdown_it_nor_yaml():
    code = ("import sys\nfrom healthlint.parse import parse\n"
            "doc = parse('---\\ntitle: \"T\"\\n---\\n# Tea\\n\\nIt *may* help. See [NHS](https://nhs.uk).\\n', 'a.md', 'markdown')\n"
            "assert doc.blocks and doc.title == 'T'\n"
            "print('markdown_it' in sys.modules, 'yaml' in sys.modules)")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert out.stdout.split() == ["False", "False"], out.stderr


# The shapes built without ProseWriter (_one_line, _links_only, _DirectWriter) and their edges.
DIRECT_CASES = [
    "*a*", "_a_", "*a b*", "* a*", "*a *", "*a*b*", "_a_b", "*a_b*", "*a*  \n", "# *T*\n", "- *item*\n",
    "*a [b](c)*", "*a*b", "**a**", "*a**", "_a_b_", "*https://x.org*", "*www.x.org*", "*a*\n*b*\n",
    "[a](b) c [d](e)", "[ a](b)", "[a ](b)", "a [b](c)d", "a  [b](c)", "[a](b)  c", "[a](b)[c](d)",
    "a [b](c) www.x.org", "[https://x.org](https://x.org)", "a [b](c) [", "[b](c) ]", "a [b] c",
    "a\nb", "a  \nb", "a\n  b", "- a\n  b\n", "a\n[b](c)\nd", "[a](b)\n[c](d)", "a *b*\nc", "a\n*b*\n",
    "a\nwww.x.org", "a  b\nc", "1. [a](b) c\n", "## [a](b)\n",
]


@pytest.mark.parametrize("text", DIRECT_CASES)
def test_direct_shapes(text):
    agrees(text)
    agrees("Intro.\n\n" + text)
