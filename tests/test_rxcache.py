"""The compiled-pattern store and the literal screens must not change a single match."""
import random
from pathlib import Path

import pytest
import regex

from healthlint import rxcache
from healthlint.checks.packs import PatternRule
from healthlint.checks.screen import INDEX, LiteralIndex, as_screen, passes
from healthlint.checks.registry import builtin_rules

ROOT = Path(__file__).resolve().parents[1]
F = regex.IGNORECASE | regex.V0


def _texts() -> list[str]:
    """Every fixture line, plus shuffled and re-cased mixtures of their words."""
    lines = [line for p in sorted((ROOT / "fixtures").rglob("*")) if p.is_file()
             for line in p.read_text(encoding="utf-8").splitlines() if line.strip()]
    rng = random.Random(3)
    words = " ".join(lines).split()
    mixed = []
    for _ in range(300):
        sample = rng.sample(words, min(len(words), rng.randint(3, 40)))
        mixed.append(" ".join(w.upper() if rng.random() < 0.1 else w for w in sample))
    return lines + mixed


TEXTS = _texts()
PACK_RULES = [r for r in builtin_rules() if isinstance(r, PatternRule)]


@pytest.mark.parametrize("rule", PACK_RULES, ids=lambda r: r.code)
def test_screen_never_hides_a_match(rule):
    assert rule.screen, f"{rule.code} has no literal screen: every unit pays for its patterns"
    rejected = 0
    for text in TEXTS:
        if not passes(rule.screen, INDEX.present(text)):
            rejected += 1
            assert not any(p.search(text) for p in rule.patterns), (rule.code, text)
    assert rejected > 0


@pytest.mark.parametrize("pattern, expected", [
    (r"\b(?:cure[-\s]alls?|panaceas?)\b", {"cure", "panacea", "panaceas"}),  # x? is two alternatives
    (r"(?x: \b(?P<match>miracle \s+ (?:cures?|pills?)) )", {"miracle"}),  # the longest run wins
    (r"\b(?=kill|destroy)(?!\s)\w+", {"kill", "destroy"}),  # a positive lookahead requires its text
    (r"(?:foo)?bar", {"bar", "foobar"}),
    (r"(?:foo)?\d+", None),  # nothing is required
    (r"(?!cure)\w+", None),  # a negative lookahead requires nothing
    (r"(?P<x>heal)|(?&x)", None),  # only calls into (?(DEFINE)...) groups are followed
    (r"[ab]cd|xyz", {"cd", "xyz"}),
    (r"(?:Ţara)", {"ţara"}),  # casefolded
])
def test_required_literals(pattern, expected):
    found = rxcache.required_literals(pattern, F)
    assert (set(found) if found is not None else None) == expected


def test_literal_screen_requires_every_part_of_an_alternative():
    screen = rxcache.literal_screen(r"(?x: \bmiracle\s+(?:pill|tea)\b | \bsecret\s+\w+\s+formula )", F)
    as_sets = {frozenset(frozenset(group) for group in alternative) for alternative in screen}
    # nested alternations become alternatives; "<x>" is a whole word, "<x" the start of one
    assert as_sets == {frozenset({frozenset({"<miracle>"}), frozenset({"<pill>"})}),
                       frozenset({frozenset({"<miracle>"}), frozenset({"<tea>"})}),
                       frozenset({frozenset({"<secret>"}), frozenset({"<formula"})})}
    index = LiteralIndex()
    index.register(as_screen(screen))
    assert passes(as_screen(screen), index.present("a miracle tea"))
    assert passes(as_screen(screen), index.present("a secret ancient formulas"))
    assert not passes(as_screen(screen), index.present("a miracle of modern medicine and a secret"))
    assert not passes(as_screen(screen), index.present("miracles of tea"))  # "<miracle>" is a whole word
    assert not passes(as_screen(screen), index.present("a miracle teapot"))
    assert rxcache.literal_screen(r"\bcure\b|\w+itis", F) is not None
    assert rxcache.literal_screen(r"\bcure\b|\d+", F) is None  # one alternative requires nothing


def test_literal_screen_follows_calls_into_define_groups():
    define = r"(?x: \b\x00(?<!\x00) (?(DEFINE)(?P<illness>asthma|\w+itis\b)) )"
    screen = rxcache.literal_screen(r"(?x: \bcures\s+(?&illness) )", F, (define,))
    assert {frozenset(frozenset(g) for g in alt) for alt in screen} == {
        frozenset({frozenset({"<cures>"}), frozenset({"<asthma", "itis>"})})}
    assert rxcache.literal_screen(r"(?x: \bcures\s+(?&illness) )", F) == ((("<cures>",),),)  # nothing to follow


def test_marked_literals_where_regex_and_words_disagree():
    """Superscripts are word characters for ctx.words ("cure²" is one word) but not for a
    pattern's \b: the index still finds the marked literals, so the screen never hides a match."""
    patterns = [r"\bcure\b", r"\bheals\s", r"\w+itis\b", r"(?<![\w-])tea(?![\w-])", r"\bno\.\s?1\b", r"e-mail\b"]
    alphabet = ["cure", "heals", "itis", "tea", "no.", "e-mail", "²", "1", "x", "-", "'", " ", "İ", "ß", "\u0301", "\u00a0", "."]
    rng = random.Random(5)
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 8))) for _ in range(3000)]
    for source in patterns:
        pattern = regex.compile(source, F)
        screen = as_screen(rxcache.literal_screen(source, F))
        index = LiteralIndex()
        index.register(screen)
        for text in texts + ["cure²", "²cure", "x²heals ", "arthritis¹", "¹tea", "no.1"]:
            if pattern.search(text):
                assert passes(screen, index.present(text)), (source, text)


def test_index_finds_overlapping_and_nested_literals():
    index = LiteralIndex()
    index.register(as_screen([[{"ever"}], [{"reverse"}], [{"cure", "cures"}], [{"s"}]]))
    assert index.present("It reverses. CURES!") == {"ever", "reverse", "cure", "cures", "s"}
    assert index.present("Cure") == {"cure"}
    assert index.present("nothing here") == frozenset()
    assert index.present("this") == {"s"}
    assert index.present("") == frozenset()


def test_screen_on_case_variants():
    """Case-insensitive matches of non-ASCII case pairs still pass the casefolded screen."""
    pattern = regex.compile(r"\bstress\b|\bkelvin\b", F)
    lits = rxcache.required_literals(pattern.pattern, F)
    for text in ["STRESS", "ſtress", "\u212aelvin"]:  # long s, Kelvin sign
        if pattern.search(text):
            assert any(lit in text.casefold() for lit in lits)


def test_stored_pattern_behaves_like_a_fresh_compile(tmp_path, monkeypatch):
    monkeypatch.setenv("HEALTHLINT_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(rxcache, "_store", None)
    source = r"(?x: \b(?P<match>(?:will|can)\s+cure\s+\w+) (?(DEFINE)(?P<d>x)) )|\bpanaceas?\b"
    first = rxcache.compile(source, F)
    rxcache.save()
    assert list(tmp_path.glob("patterns-*.pickle"))
    monkeypatch.setattr(rxcache, "_store", None)  # a new process: loads the store from disk
    second = rxcache.compile(source, F)
    assert (source, int(F), int(regex.DEFAULT_VERSION)) in rxcache._store
    fresh = regex.compile(source, F)
    for text in TEXTS[:200] + ["This will cure arthritis, a panacea."]:
        expect = [(m.span(), m.groupdict()) for m in fresh.finditer(text)]
        assert [(m.span(), m.groupdict()) for m in first.finditer(text)] == expect
        assert [(m.span(), m.groupdict()) for m in second.finditer(text)] == expect
    assert second.groupindex == fresh.groupindex and second.flags == fresh.flags


def test_corrupt_store_is_ignored(tmp_path, monkeypatch):
    monkeypatch.setenv("HEALTHLINT_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(rxcache, "_store", None)
    path = rxcache._store_path()
    Path(path).write_bytes(b"not a pickle")
    assert rxcache.compile(r"\bcures?\b", F).search("it cures")
