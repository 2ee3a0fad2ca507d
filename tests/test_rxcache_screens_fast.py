"""The literal-screen analysis's shortcuts (rxcache._weak's one substring test, DEFINE bodies
walked once per pattern) give what the plain loops gave."""
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from healthlint import rxcache
from healthlint.checks.packs import builtin_pack_files, read_pack_data

F = regex.IGNORECASE | regex.VERSION0


def weak_reference(literal: str) -> bool:
    key = rxcache.split_key(literal)
    return any(rxcache._holds(key, word) for word in rxcache.COMMON_WORDS)


def definitions_reference(patterns, flags) -> dict:
    core = regex._main._regex_core
    found: dict = {}

    def walk(node, names, in_define):
        if type(node) is core.Group and in_define and node.group in names:
            name = names[node.group]
            found[name] = node.subpattern if name not in found else None
        define = in_define or (type(node) is core.Conditional and node.group == "DEFINE")
        for child in rxcache._children(node):
            walk(child, names, define)

    for pattern in patterns:
        walk(*rxcache._parse(pattern, flags), False)
    return found


LITERALS = st.builds(lambda a, core, b: a + core + b, st.sampled_from(["", "<"]),
                     st.text(alphabet="aeioustrnhl'’ -\0é", max_size=6), st.sampled_from(["", ">"]))


@settings(max_examples=2000, deadline=None)
@given(LITERALS)
def test_weak_is_the_loop_over_common_words(literal):
    assert rxcache._weak.__wrapped__(literal) == weak_reference(literal)


def test_weak_on_common_words_and_their_pieces():
    for word in rxcache.COMMON_WORDS:
        for literal in (word, "<" + word, word + ">", "<" + word + ">", word[1:], word[:-1], "<" + word[:2], word[-2:] + ">"):
            assert rxcache._weak.__wrapped__(literal) == weak_reference(literal), literal


def test_definitions_of_the_built_in_packs():
    for path in builtin_pack_files():
        patterns = [p for rule in read_pack_data(path).get("rule", []) for p in rule.get("patterns", [])]
        defines = [p for p in patterns if "(?(DEFINE)" in p]
        for pattern in patterns[:12] + defines:
            rxcache._parse.cache_clear()  # both read the same parse: bodies are the same nodes
            rxcache._defined_in.cache_clear()
            sources = [pattern] + [d for d in defines if d != pattern]
            assert rxcache._definitions(sources, int(F)) == definitions_reference(sources, int(F))
