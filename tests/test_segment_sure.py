"""Sure sentence ends (segment.sure_pieces): split_sentences ends a sentence at every one of them."""
import json
import random
import sys

from hypothesis import given, settings, strategies as st

from healthlint.segment import ABBREVIATIONS, SURE_END_RE, split_sentences, sure_pieces
from helpers import ROOT


def assert_sure(text):
    ends = {e for _, e in split_sentences(text)}
    for m in SURE_END_RE.finditer(text):
        assert m.end() in ends, (text, m.start())  # the sentence ends after the full stop
    pieces = sure_pieces(text)
    assert len(pieces) == len(SURE_END_RE.findall(text)) + 1
    assert ".".join(pieces) == text  # only the sure full stops are cut out


def test_abbreviations_and_initials_are_not_sure_ends():
    for word in ABBREVIATIONS:
        for form in (word, word.upper(), word.title(), "x" + word, "(" + word, "1" + word):
            text = f"See {form}. Then more."
            assert_sure(text)
            if word.rpartition(".")[2] in form.lower() and len(word.rpartition(".")[2]) > 1:
                assert sure_pieces(text) == [text]
    assert sure_pieces("J. Smith and Dr. Lee wrote it. Then etc. Foo. mr. X went. Ok b.sc. Hi") == [
        "J. Smith and Dr. Lee wrote it", " Then etc. Foo. mr. X went", " Ok b.sc. Hi"]


WORDS = ["Dr", "dr", "DR", "No", "no", "J", "e.g", "U.S", "b.sc", "B.Sc", "vs", "approx", "Approx", "APPROX", "etc",
         "\u212aetc", "ſt", "St", "supercalifragilistic", "abcdefghijkl", "abcdefghijklm", "x1", "ab", "Ab", "ph.d",
         "a_b", "Ménière", "naïve", "5", "1,000", "x-ray", "Xetc", "İstanbul", "corp", "figs", "sept", "univ"]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(WORDS + [". ", ".", " ", " 5", "\n", "(", "A", "The", '"', "!", "?", ".  "]),
                max_size=14))
def test_generated(parts):
    assert_sure("".join(parts))


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet="abcdrstxADST .!?\"'(-\n\xa0\x1c\u212a5", max_size=40))
def test_generated_characters(text):
    assert_sure(text)


def test_fixtures_corpus_and_nih():
    for path in sorted((ROOT / "fixtures").rglob("*")):
        if path.suffix in (".md", ".txt", ".html"):
            for line in path.read_bytes().decode("utf-8", "replace").splitlines():
                assert_sure(line)
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import corpus
    finally:
        sys.path.pop(0)
    rng = random.Random(7)
    for n in range(50):
        for line in corpus.build_article(rng, 800, 0.15, n)[0].splitlines():
            assert_sure(line)
    nih = next((d / "shared" / "corpora" / "nih" / "medlineplus-topics.jsonl" for d in ROOT.parents
                if (d / "shared" / "corpora" / "nih" / "medlineplus-topics.jsonl").is_file()), None)
    if nih is not None:
        for line in nih.read_text(encoding="utf-8").splitlines()[:300]:
            d = json.loads(line)
            assert_sure(d.get("text") or "\n\n".join(d.get("answers", [])))
