"""Texts for the differential tests of the speed work (test_*_screens.py and friends): fixtures, benchmark articles, NIH texts and generated adversarial
documents, each as (name, text, format)."""
from __future__ import annotations

import json
import random
import sys
from pathlib import Path

from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
NIH = next((d / "shared" / "corpora" / "nih" / "medlineplus-topics.jsonl" for d in ROOT.parents
            if (d / "shared" / "corpora" / "nih" / "medlineplus-topics.jsonl").is_file()), ROOT / "missing")
FORMATS = {".md": "markdown", ".txt": "text", ".html": "html", ".htm": "html"}


def fixtures():
    for path in sorted(FIXTURES.rglob("*")):
        if path.is_file() and path.suffix in FORMATS:
            yield path.name, path.read_text(encoding="utf-8", errors="replace"), FORMATS[path.suffix]


def articles(count: int):
    """The benchmark corpus' first articles (corpus.generate's sequence)."""
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import corpus
    finally:
        sys.path.pop(0)
    rng = random.Random(7)
    for n in range(count):
        yield f"article{n}", corpus.build_article(rng, 800, 0.15, n)[0], "markdown"


def article_texts(count: int) -> list[str]:
    return [text for _, text, _ in articles(count)]


def documents(article_count: int, extra: list[tuple[str, str]] = ()) -> list:
    """The fixtures, the first benchmark articles and `extra` (text, format) pairs, parsed."""
    from healthlint.parse import parse

    texts = [(t, f) for _, t, f in fixtures()] + [(t, "markdown") for t in article_texts(article_count)] + list(extra)
    return [parse(text, f"doc{i}.{'md' if fmt == 'markdown' else fmt}", fmt) for i, (text, fmt) in enumerate(texts)]


def nih(every: int = 1):
    """NIH topics as golden.py reads them, as plain text and as Markdown."""
    if not NIH.is_file():
        return
    for i, line in enumerate(NIH.read_text(encoding="utf-8").splitlines()):
        if i % every:
            continue
        d = json.loads(line)
        text = (d.get("title", "") + "\n\n" + (d.get("text") or "\n\n".join(d.get("answers", [])))).strip() + "\n"
        yield f"nih{i}.txt", text, "text"
        yield f"nih{i}.md", "# " + text, "markdown"


# Characters where a token screen could go wrong: letters IGNORECASE matches to ASCII ("İ", "ſ",
# the Kelvin sign), look-alikes (Cyrillic, digits, symbols), combining marks, "_", non-ASCII
# letters and digits glued to words, superscripts, quotes and dashes.
ODD = ["\u0130", "\u0131", "\u017f", "\u212a", "\u0307", "\u0430", "\u0435", "\u043e", "\u0456", "_", "@", "$", "!",
       "|", "\u00e9", "\u00df", "\ufb01", "\u00b2", "\u0663", "\u2019", "\u201c", "\u2014", "-", ".", "5", " "]


@st.composite
def mangled(draw, phrases: list[str]) -> str:
    """A few phrases with odd characters inserted, replaced or case-changed here and there."""
    parts = []
    for phrase in draw(st.lists(st.sampled_from(phrases), min_size=1, max_size=4)):
        chars = list(phrase)
        for _ in range(draw(st.integers(0, 3))):
            at = draw(st.integers(0, len(chars)))
            how = draw(st.integers(0, 3))
            if how == 0:
                chars.insert(at, draw(st.sampled_from(ODD)))
            elif how == 1 and at < len(chars):
                chars[at] = draw(st.sampled_from(ODD))
            elif how == 2 and at < len(chars):
                chars[at] = chars[at].upper() if chars[at].islower() else chars[at].lower()
            elif at < len(chars) and chars[at] in "iksIKS":
                chars[at] = {"i": "\u0130", "I": "\u0130", "k": "\u212a", "K": "\u212a", "s": "\u017f", "S": "\u017f"}[chars[at]]
        parts.append("".join(chars))
    sep = draw(st.sampled_from([" ", "\n\n", ". ", "! ", "\n\n- ", "\n\n## "]))
    return sep.join(parts) + "\n"
