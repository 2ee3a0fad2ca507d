"""The pack rules' gates are tested together, once per document (screen.LiteralIndex.gate): each
gate's alternatives that the joint test passes are exactly those its own test passes."""
from healthlint.checks.base import Context
from healthlint.checks.packs import PatternRule, load_pack
from healthlint.checks.registry import builtin_rules
from healthlint.checks import screen
from healthlint.checks.screen import INDEX
from healthlint.parse import parse
from helpers import ROOT
from screen_texts import article_texts


def _own(gate, literals) -> list[int]:
    bits, out = gate._passing(literals), []
    for i in range(len(gate._alternatives)):
        if bits >> (i * gate._width) & 1:
            out.append(i)
    return out


def test_joint_test_equals_each_gates_own():
    gates = [rule.gate for rule in builtin_rules() if isinstance(rule, PatternRule) and rule.gate is not None]
    checked = 0
    for text in article_texts(40) + ["This tea cures diabetes. Call now! Use code SAVE20.", "Nothing here."]:
        doc = parse(text, "a.md", "markdown")
        literals = INDEX.document(doc, Context(doc))
        for gate in gates:
            assert literals.passing(gate) == _own(gate, literals.literals)
            checked += bool(literals.passing(gate))
    assert checked > 20


def test_rules_built_again_share_their_gates():
    """A process that builds its rules many times (a Linter per file) keeps one gate per screen."""
    first = load_pack(ROOT / "rules" / "claims.toml")
    count = len(INDEX._gates)
    again = load_pack(ROOT / "rules" / "claims.toml")
    assert len(INDEX._gates) == count
    assert all(a.gate is b.gate for a, b in zip(first, again))


def test_patterns_kept_for_a_block_are_those_whose_screens_pass():
    """PatternRule._kept tests all of a rule's pattern screens at once: the same as one by one."""
    rules = [rule for rule in builtin_rules() if isinstance(rule, PatternRule) and rule.parts]
    blocks = [block for text in article_texts(20) + ["This tea cures diabetes forever. Call now! Use code SAVE20."]
              for block in parse(text, "a.md", "markdown").blocks]
    kept_some = 0
    for block in blocks:
        present = INDEX.present(block.text)
        for rule in rules:
            expected = tuple(i for i, (part, _, define) in enumerate(rule.parts)
                             if not define and screen.passes(part, present))
            assert rule._kept(present)[0] == expected
            kept_some += bool(expected)
    assert kept_some > 10
