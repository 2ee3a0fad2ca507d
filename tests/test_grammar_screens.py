"""The grammar rules' document scan is exact: wherever a part of a finder fires in a block, the scan
names that block and part (or hands the block to parts_for), and the rules find exactly what every
finder finds on every sentence. Checked on the fixtures, benchmark articles, NIH texts, tricky
strings and generated ones."""
import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from healthlint.checks import _grammar
from healthlint.checks.base import Context
from healthlint.checks.registry import builtin_rules
from healthlint.parse import parse
from healthlint.segment import split_sentences
from screen_texts import article_texts

ROOT = Path(__file__).resolve().parent.parent
NIH = next((d / "shared" / "corpora" / "nih" / "medlineplus-topics.jsonl" for d in ROOT.parents
            if (d / "shared" / "corpora" / "nih" / "medlineplus-topics.jsonl").is_file()), ROOT / "missing")
FORMATS = {".md": "markdown", ".txt": "text", ".html": "html", ".htm": "html"}
TRICKY = [
    "Take the the tablet. Call us if if it spreads. The the\nthe end; the. The (the the) THE the_the the2 the.",
    "Each drug has it's own risks; its not fine, IT'S OWN risks. You should of asked; you COULDN'T of known; "
    "you mightn't of. It works better then placebo, more\tthen that, older  then. Its_not. its2 not.",
    "These treatment can help. Those drug, several test; many doctor! These side-effect. Few exercise.",
    "A medications review, an infections clinic, each patients, every doctors, another studies, this patients, "
    "this causes scarring. A patients' group. a patients2 case. A_patients.",
    "An patient, an Patient, AN patient, a apple, A apple, a e-mail, an x-ray, an MRI, an mri, a one, a once, "
    "an hour, a union, a euro, an nsaid, an fda, a o-ring, an s-curve, a and b, vitamin a or c, an 5, a  apple.",
    "Doctors recommends rest, patients doesn't, studies shows. The study show a benefit; the patient don't. "
    "If each patient have a driver, we ask that each patient have one. The drug have to be taken.",
    "A number patients stop. A large number people, a lot people, a lots people; most the time, many these "
    "people, some your friends, it gives some the chance, how many the. Most the\npills. a number\npatients.",
    "\u00b2its not fine. \u0130ts not fine. Most the  - time these treatment  - item. caf\u00e9 a apple.",
    "A\x00apple. An\x00patient. These\x00treatment. doctors\x00recommends. the\x00the. x\x00another adults, "
    "x\x00its not, x\x00a apple, x\x00the the, x\x00should of, A: A adults, a - a effects, an - an patients, "
    "an SSRI, AN ssri, an Ssri, a Apple, A apple.",
    "Only the\tthe; only so  so; only it\n it; only was \u00a0was; only (had)\n\nhad.",
]
WORDS = sorted(
    {word for parts in _grammar.PARTS.values() for part in parts for pair in part.pairs for word in pair}
    | {"a", "an", "the", "it", "s", "A", "An", "The", "It's", "Its", "apple", "hour", "one", "union", "x", "mri",
       "doesn't", "don't", "couldn't", "n't", "vitamin", "hepatitis", "course", "to", "not", "of", "large", "é"})
SEPARATORS = [" ", " ", " ", "  ", "\n", "\t", ", ", ". ", "; ", "-", "'", "\u2019", "_", "2", "(", ")", "\x00",
              ". A ", "\u00a0"]


def _fires(part, text):
    if part.whole_block:
        return any(True for _ in part.find(text))
    return any(True for s, e in split_sentences(text) for _ in part.find(text[s:e]))


def assert_scan_is_exact(texts):
    scan = _grammar.Scan(texts)
    for finder, parts in _grammar.PARTS.items():
        named = dict(scan.blocks(finder))
        for i, text in enumerate(texts):
            for part in parts:
                if _fires(part, text):
                    assert i in named and (named[i] is None or part in named[i]), (finder, part.find.__name__, text)


def _rules():
    return [rule for rule in builtin_rules() if getattr(rule, "finder", "")]


def assert_rules_find_what_the_finders_find(doc):
    ctx = Context(doc)
    index = {id(block): i for i, block in enumerate(doc.blocks)}
    for rule in _rules():
        found = {(index[id(f.block)], f.start, f.end, f.message, f.fix_replacement) for f in rule.check(doc, ctx)}
        expected = {(i, s.start + slip.start, s.start + slip.end, slip.message, slip.replacement)
                    for i, block in enumerate(doc.blocks) for s in ctx.sentences(block)
                    for slip in getattr(_grammar, rule.finder)(s.text)}
        assert found == expected, (rule.code, doc.path)


def _fixture_docs():
    for path in sorted((ROOT / "fixtures").rglob("*")):
        if path.is_file() and path.suffix in FORMATS:
            yield parse(path.read_bytes().decode("utf-8", "replace"), str(path), FORMATS[path.suffix])




def test_parts_of_a_finder_share_no_pair():
    for parts in _grammar.PARTS.values():
        assert sum(len(part.pairs) for part in parts) == len(frozenset().union(*(part.pairs for part in parts)))


def test_tricky_strings():
    assert_scan_is_exact(TRICKY)
    assert_scan_is_exact([clause for text in TRICKY for clause in re.split(r"(?<=[.,;]) ", text)])
    for text in TRICKY:
        assert_scan_is_exact([text])
        assert_rules_find_what_the_finders_find(parse(text, "a.txt", "text"))
    assert_rules_find_what_the_finders_find(parse("\n\n".join(TRICKY), "a.md", "markdown"))


def _alternatives(alternation):
    """The texts an alternation of words matches ("effects?|side\\s+effects": effect, effects, side effects)."""
    for alternative in alternation.split("|"):
        alternative = alternative.replace("\\s+", " ")
        yield from (alternative[:-2], alternative[:-1]) if alternative.endswith("s?") else (alternative,)


def _listed_slips():
    """A short text for every combination of words in the finders' lists, written from the lists."""
    g = _grammar
    yield from (f"It's {noun}." for noun in _alternatives(g.ITS_NOUNS))
    yield from (f"its {word} x" for word in _alternatives(g.ITS_FOLLOWERS))
    yield from (f"You {modal}{nt} of it" for modal in _alternatives(g.MODALS) for nt in ("", "n't", "n\u2019t"))
    yield from (f"{word} then x" for word in _alternatives(g.COMPARATIVES))
    yield from (f"{det} {noun}." for det in _alternatives(g.PLURAL_DETS) for noun in g.SINGULAR)
    yield from (f"{det} {noun}." for det in _alternatives(g.SINGULAR_DETS) for noun in g.PLURAL)
    yield from (f"{det} {c}xy" for det in ("a", "an", "A", "An") for c in "abcdefghijklmnopqrstuvwxyz")
    yield from (f"{det} {word}" for det in ("a", "an") for word in g.A_BEFORE_VOWEL_OK + g.AN_BEFORE_CONSONANT_OK)
    yield from (f"{subject} {verb} x" for subject in _alternatives(g.PLURAL_SUBJECTS)
                for verb in _alternatives(g.SINGULAR_VERBS))
    yield from (f"The {subject} {verb} x" for subject in _alternatives(g.SINGULAR_SUBJECTS)
                for verb in _alternatives(g.PLURAL_VERBS))
    yield from (f"a {size}{noun} {head} x" for size in ("", "large ") for noun in _alternatives(g.OF_NOUNS)
                for head in _alternatives(g.PLURAL_HEADS))
    yield from (f"{word} {the} x" for word in _alternatives(g.QUANTIFIERS) for the in _alternatives(g.QUANTIFIED))


def test_every_listed_slip():
    texts = list(_listed_slips())
    assert_scan_is_exact(texts)
    fired = {part for text in texts for parts in _grammar.PARTS.values() for part in parts if _fires(part, text)}
    assert fired == {part for parts in _grammar.PARTS.values() for part in parts} - {_grammar.PARTS["repeated_words"][0]}


def test_the_tricky_strings_fire_every_part():
    fired = {part for text in TRICKY for parts in _grammar.PARTS.values() for part in parts if _fires(part, text)}
    assert fired == {part for parts in _grammar.PARTS.values() for part in parts}


def test_fixtures():
    for doc in _fixture_docs():
        assert_scan_is_exact([block.text for block in doc.blocks])
        assert_rules_find_what_the_finders_find(doc)


def test_benchmarkarticle_texts():
    for n, text in enumerate(article_texts(150)):
        doc = parse(text, f"{n}.md", "markdown")
        assert_scan_is_exact([block.text for block in doc.blocks])
        assert_rules_find_what_the_finders_find(doc)


@pytest.mark.skipif(not NIH.is_file(), reason="NIH corpus not present")
def test_nih_texts():
    for line in NIH.read_text(encoding="utf-8").splitlines()[:600]:
        d = json.loads(line)
        text = (d.get("title", "") + "\n\n" + (d.get("text") or "\n\n".join(d.get("answers", [])))).strip()
        doc = parse(text, "a.txt", "text")
        assert_scan_is_exact([block.text for block in doc.blocks])
        assert_rules_find_what_the_finders_find(doc)


# A word of the lists, a pair of the scan with its words in any case and anything between them.
PIECES = st.one_of(st.sampled_from(WORDS), st.builds(
    lambda pair, sep, upper: (pair[0].upper() if upper else pair[0]) + sep + pair[1],
    st.sampled_from(sorted(set().union(*(part.pairs for parts in _grammar.PARTS.values() for part in parts)))), st.sampled_from(SEPARATORS), st.booleans()))


@settings(max_examples=500, deadline=None)
@given(st.lists(st.lists(st.tuples(PIECES, st.sampled_from(SEPARATORS)), max_size=8)
                .map(lambda pieces: "".join(w + s for w, s in pieces)), min_size=1, max_size=3))
def test_generated_blocks(texts):
    assert_scan_is_exact(texts)


def test_stored_patterns_are_what_re_compiles():
    """_grammar._compiled keeps big patterns' text in the cache folder: they match as freshly compiled ones."""
    text = _grammar.Scan(["Take the the tablet; a apple, an patient, these treatment. You should of asked."]).text
    for pattern in (_grammar.PAIR_RE, _grammar.A_PLAIN, _grammar.PARTS["agreement"][0].screen):
        fresh = re.compile(pattern.pattern)
        assert (pattern.flags, pattern.groups, pattern.groupindex) == (fresh.flags, fresh.groups, fresh.groupindex)
        assert [m.span() for m in pattern.finditer(text)] == [m.span() for m in fresh.finditer(text)]
    assert _grammar.PAIR_RE.findall(text) and _grammar.A_PLAIN.search(text)
