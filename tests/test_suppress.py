"""Inline suppressions and the unused-suppression finding (HL001)."""
from healthlint.api import lint_text
from healthlint.config import DEFAULT

CLAIM = "This herbal tea cures diabetes."


def codes(text, path="a.md", **kw):
    return [(f.line, f.code) for f in lint_text(text, path, config=DEFAULT, **kw)]


def test_disable_enable_range():
    text = f"{CLAIM}\n\n<!-- healthlint-disable HL101 -->\n\n{CLAIM}\n\n<!-- healthlint-enable HL101 -->\n\n{CLAIM}\n"
    assert codes(text) == [(1, "HL101"), (9, "HL101")]


def test_disable_without_codes_covers_all_rules():
    text = f"<!-- healthlint-disable -->\n{CLAIM} A miracle!\n"
    assert codes(text) == []


def test_disable_next_line():
    text = f"<!-- healthlint-disable-next-line HL101 -->\n{CLAIM}\n\n{CLAIM}\n"
    assert codes(text) == [(4, "HL101")]


def test_disable_by_prefix_and_category():
    assert codes(f"<!-- healthlint-disable-next-line HL1 -->\n{CLAIM}\n") == []
    assert codes(f"<!-- healthlint-disable-next-line claim -->\n{CLAIM}\n") == []


def test_disable_file():
    assert codes(f"{CLAIM}\n\n<!-- healthlint-disable-file -->\n") == []


def test_suppression_in_text_and_html():
    assert codes(f"<!-- healthlint-disable-next-line HL101 -->\n{CLAIM}\n", "a.txt") == []
    assert codes(f"<!-- healthlint-disable-next-line HL101 -->\n<p>{CLAIM}</p>\n", "a.html") == []


def test_unused_suppression_is_reported():
    text = "<!-- healthlint-disable-next-line HL101 -->\nTalk to your doctor.\n"
    found = lint_text(text, "a.md", config=DEFAULT)
    assert [(f.line, f.column, f.code) for f in found] == [(1, 1, "HL001")]
    assert found[0].fix is not None


def test_unknown_code_in_suppression_is_reported():
    found = lint_text(f"<!-- healthlint-disable-next-line HL999 -->\n{CLAIM}\n", "a.md", config=DEFAULT)
    assert {f.code for f in found} == {"HL001", "HL101"}
    assert "unknown rule HL999" in next(f.message for f in found if f.code == "HL001")


def test_suppression_of_unselected_rule_is_not_judged():
    text = "<!-- healthlint-disable-next-line HL101 -->\nTalk to your doctor.\n"
    assert codes(text, select=["HL001", "HL105"]) == []


def test_suppression_inside_code_block_is_ignored():
    text = f"```\n<!-- healthlint-disable-file -->\n```\n\n{CLAIM}\n"
    assert codes(text) == [(5, "HL101")]
