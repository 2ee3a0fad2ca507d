"""HL401-HL404 find exactly what their plain scans find: the spelling rule's per-article screens and
lazy word counts (healthlint.checks._spelling) and the spun rules' per-article phrase screen
(healthlint.checks._spun) are compared with reference scans of every block, written as the rules
were before the screens, on fixtures, benchmark articles, NIH texts and generated text."""
import json
import re
from collections import Counter
from functools import lru_cache

import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from healthlint.checks import _lexicon, _spelling, _spun, garbled
from healthlint.checks.base import Context
from healthlint.parse import parse
from helpers import ROOT
from screen_texts import article_texts

NIH = next((d / "shared" / "corpora" / "nih" / "medlineplus-topics.jsonl" for d in ROOT.parents
            if (d / "shared" / "corpora" / "nih" / "medlineplus-topics.jsonl").is_file()), ROOT / "missing")
RULES = {r.code: r for r in garbled.RULES}

TRICKY = [
    "Common symtoms include high blood presure. Symtoms can recieve care; symtoms again.",
    "Don't recieve it, don’t recieve'd, y'all, recieve's and the recieve’s, x'-symtom, symtom'-x, a--symtom.",
    "Oximetry, oximetry and oximetry-based care; oximetrey once; flu-like symtom-free days, symtom-",
    "E. coli and Yersinia pestis; spina bifida; toxo (toxoplasmosis) and symtoms_x and symtom\u0345s.",
    "Caf\u00e9 symtoms, \u017fymtoms, \u212aidney care, \u0130ts fine, na\u00efve presure \u2014 \u201csymtoms\u201d\xa0ok.",
    "Early detection of bosom peril improves survival. Ask about prostate peril screening, heart  assault.",
    "foo_bosom peril and bosom peril_x, Bosom\u2019s peril, flu-like facet results, side results\nand 'bosom peril'.",
    "A panic assault can feel like a heart problem; kidney disappointment is serious. Kidney\ndisappointment.",
    "In this think about, be that as it may, as takes after: genetic confusion and medical trouble.",
    "type 2 diabetes, 2 symtoms, symtoms2, 10 presure, cholesterol's level, patients' records, teh the.",
    "Read foo_bosom peril today.",  # only "_" hides the phrase's first word from the block's \w+ tokens
    "A kidney disappointment_x, sadly.",
    "Its symtom\u0345s are mild.",  # U+0345 casefolds to a letter: "symtomιs" is the \w+ token
]


def _fixture_texts():
    for path in sorted((ROOT / "fixtures").rglob("*")):
        if path.is_file() and path.suffix in (".md", ".txt"):
            yield path.read_text(encoding="utf-8", errors="replace")




def _nih_texts(step: int):
    if not NIH.is_file():
        return []
    lines = NIH.read_text(encoding="utf-8").splitlines()[::step]
    texts = []
    for line in lines:
        d = json.loads(line)
        texts.append((d.get("title", "") + "\n\n" + (d.get("text") or "\n\n".join(d.get("answers", [])))).strip())
    return texts


@lru_cache(maxsize=1)
def _texts() -> tuple[str, ...]:
    return tuple(TRICKY + list(_fixture_texts()) + article_texts(60) + _nih_texts(7))


# --- the rules as they were: every block scanned --------------------------------------------------

def _reference_suggestions(word, vocab, freq):
    scored = []
    common = _spelling.common_words()
    for cand in _spelling.edits1(word):
        in_article = vocab.get(cand, 0)
        if cand in common or in_article >= 2 or (cand in _lexicon.medical_words() and in_article):
            scored.append((-in_article, -freq.get(cand, 0), cand))
    return tuple(c for _, _, c in sorted(scored)[:3])


def _reference_typos(text, vocab):
    freq = _lexicon.english_table()
    typos = []
    for m in _spelling.WORD_RE.finditer(text):
        word = m.group()
        if not _spelling.MIN_LENGTH <= len(word) <= _spelling.MAX_LENGTH or vocab.get(word, 0) > 1 \
                or _spelling.known(word, freq):
            continue
        if _spelling._latin_context(text, m.start(), m.end(), freq) or _spelling._short_form(text, word, m.end()):
            continue
        sugg = _reference_suggestions(word, vocab, freq)
        if sugg:
            typos.append((m.start(), m.end(), word, sugg))
    return typos


def _reference_misspellings(doc):
    vocab = _spelling.article_vocabulary([b.text for b in doc.blocks])
    out = []
    for block in doc.blocks:
        for start, end, word, sugg in _reference_typos(block.text, vocab):
            options = " or ".join(f"'{s}'" for s in sugg)
            out.append((start, end, f"Possible misspelling '{word}': did you mean {options}?",
                        sugg[0] if len(sugg) == 1 else None, block.index))
    return out


def _reference_runs(text):
    runs = []
    for tok in _spun.tokens(text):
        gap = text[runs[-1][-1].end:tok.start] if runs else None
        if runs and gap.strip() == "" and "\n\n" not in gap:
            runs[-1].append(tok)
        else:
            runs.append([tok])
    return runs


def _reference_tortured(text):
    table = _spun.tables().tortured
    hits = []
    for run in _reference_runs(text):
        words = [t.lower for t in run]
        i = 0
        while i < len(run):
            for n in range(len(run) - i, 1, -1):
                key = tuple(words[i:i + n])
                if key in table:
                    start, end = run[i].start, run[i + n - 1].end
                    hits.append(_spun.Hit(start, end, text[start:end], table[key], "tortured"))
                    i += n - 1
                    break
            i += 1
    return hits


def _reference_synonyms(text, skip):
    restorations = _spun.tables().restorations
    taken = [(h.start, h.end) for h in skip]
    hits = []
    for run in _reference_runs(text):
        words = [t.lower for t in run]
        i = 0
        while i < len(run):
            for n in (3, 2):
                restored = restorations.get(tuple(words[i:i + n])) if i + n <= len(run) else None
                if not restored:
                    continue
                start, end = run[i].start, run[i + n - 1].end
                if not any(s < end and start < e for s, e in taken):
                    hits.append(_spun.Hit(start, end, text[start:end], restored, "synonym"))
                    i += n - 1
                    break
            i += 1
    return hits


def _reference_signals(doc):
    out = []
    for block in doc.blocks:
        hits = _reference_tortured(block.text)
        hits = hits + _reference_synonyms(block.text, hits)
        out.extend((block.index, h) for h in sorted(hits, key=lambda h: h.start) if not garbled._quoted(block.text, h))
    return out


def _findings(code, doc):
    rule = RULES[code]
    return [(f.start, f.end, f.message, f.fix_replacement, f.block.index)
            for f in rule.check(doc, Context(doc, dict(rule.options)))]


def assert_same(text: str) -> None:
    for fmt in ("markdown", "text"):
        doc = parse(text, "a.md" if fmt == "markdown" else "a.txt", fmt)
        assert _findings("HL404", doc) == _reference_misspellings(doc), text
        signals = [(block.index, hit) for block, hit in garbled._signals(doc, Context(doc))]
        assert signals == _reference_signals(doc), text


def test_fixtures_corpus_and_nih_texts():
    texts = _texts()
    assert len(texts) > 150
    found = Counter()
    for text in texts:
        assert_same(text)
        doc = parse(text, "a.md", "markdown")
        found["typo"] += bool(_reference_misspellings(doc))
        found["spun"] += bool(_reference_signals(doc))
    assert found["typo"] > 10 and found["spun"] > 10, found  # the texts exercise both rules


PIECES = [
    "symtoms", "Symtoms", "presure", "recieve", "oximetry", "oximetrey", "ashwaganda", "the", "care", "of",
    "don't", "don\u2019t", "y'all", "recieve's", "symtoms'", "'symtoms", "flu-like", "symtom-free", "x-ray",
    "bosom peril", "Bosom Peril", "BOSOM\tPERIL", "kidney disappointment", "facet results", "side results", "heart assault",
    "be that as it may", "medical trouble", "prostate peril", "E. coli", "Yersinia pestis", "toxo (toxoplasmosis)",
    "_", "symtoms_x", "\u0345", "\u212a", "\u017f", "\u0130", "caf\u00e9", "\u00e9", "\u201c", "\u2014", "\xa0",
    "\u2019", "'", "-", "--", "2", "type 2", "10", "@", "/", ".", ".a", "#", "(", ")", "symtoms.com", "a/presure",
]
# Whitespace of every kind: the spun screen flattens it to single spaces in ASCII articles (_spun._flat).
SEPARATORS = [" ", " ", " ", "  ", "\n", "\n\n", ". ", ", ", "", "-", "'", "\u2019", "\t", " \r\n ", "\x0b", "\x1f",
              "\x00"]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(PIECES), st.sampled_from(SEPARATORS)), min_size=1, max_size=40))
def test_generated_texts(parts):
    assert_same("".join(p + s for p, s in parts))


# --- the pieces ----------------------------------------------------------------------------------

def test_inert_characters_leave_tokens_alone():
    """ArticleCounts' plain articles: an INERT character is no letter, digit or \\w (either engine),
    no apostrophe or hyphen, and its own lower case and casefold."""
    for c in _spelling.INERT:
        assert not regex.match(r"[\p{L}\p{N}\w]", c) and not re.match(r"\w", c), hex(ord(c))
        assert c not in "'-" and c.lower() == c == c.casefold(), hex(ord(c))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(PIECES), st.sampled_from(SEPARATORS)), min_size=1, max_size=30))
def test_article_counts_equal_the_full_count(parts):
    texts = "".join(p + s for p, s in parts).split("\n\n")
    full = _spelling.article_vocabulary(texts)
    lazy = _spelling.ArticleCounts(texts)
    queries = set(full) | {p.lower() for p in PIECES} | {"don'", "'t", "a--b", "symtom", "Symtoms", "caf"}
    for word in list(full):
        if word.isascii():
            queries |= set(list(_spelling.edits1(word))[::7])
    for word in queries:
        assert lazy.get(word, 0) == full.get(word, 0), (word, texts)
    for word in ("symtoms", "don't", "y'all"):
        edits = _spelling.edits1(word)
        assert lazy.present(edits, joiners="'" in word) >= {w for w in edits if full.get(w)}


def test_suggestions_equal_the_reference():
    freq = _lexicon.english_table()
    for text in _texts()[:60]:
        texts = text.split("\n\n")
        full, lazy = _spelling.article_vocabulary(texts), _spelling.ArticleCounts(texts)
        words = [w for w in _spelling.WORD_RE.findall(text) if len(w) >= 4 and not _spelling._known(w)][:5]
        for word in words + ["symtoms", "don't"]:
            expected = _reference_suggestions(word, full, freq)
            assert _spelling.suggestions(word, full, freq) == expected
            assert _spelling.suggestions(word, lazy, freq) == expected


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="abcXY'\u2019- .\n", max_size=60))
def test_apostrophe_words_include_the_old_screens(text):
    assert set(_spelling._apostrophe_words(text)) >= set(re.findall(r"[a-z]+['\u2019][a-z]+", text))
