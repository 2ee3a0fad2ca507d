"""Pack screens leave out literal groups that nearly every text holds (packs._selective): the
index then looks up fewer of a document's words. Leaving groups out keeps a screen exact (it lets
more texts through); tests/test_pack_screens.py compares the findings with unscreened patterns."""
from healthlint.checks.packs import PatternRule, _selective, _weak
from healthlint.checks.registry import builtin_rules


def test_weak_literals_are_short_word_pieces():
    assert all(map(_weak, ["s>", "er", "ing", "ers", "es>"]))
    assert not any(map(_weak, ["<s", "<er>", "ion>", "cure", "<1", "e-mail", "100%", "oma>"]))


def test_an_alternative_keeps_its_only_groups():
    strong, weak = frozenset({"<cure"}), frozenset({"s>", "<and>"})
    assert _selective([(strong, weak)]) == [[strong]]
    assert _selective([(weak,)]) == [(weak,)]
    assert _selective(None) is None


def test_builtin_screens_hold_no_weak_group_beside_a_strong_one():
    for rule in builtin_rules():
        if isinstance(rule, PatternRule) and rule.screen is not None:
            for alternative in rule.screen:
                weak = [group for group in alternative if any(map(_weak, group))]
                assert not weak or len(weak) == len(alternative), (rule.code, alternative)
