"""Meta-tests: the rule catalogue is well formed and documented."""
import re

import pytest

from healthlint.checks.base import RuleDocs
from healthlint.checks.packs import PackError, builtin_pack_files, load_pack
from healthlint.checks.registry import builtin_rules
from healthlint.finding import CATEGORIES

RULES = builtin_rules()


def test_codes_and_names_unique():
    codes = [r.code for r in RULES]
    names = [r.name for r in RULES]
    assert len(codes) == len(set(codes))
    assert len(names) == len(set(names))


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_rule_is_documented(rule):
    rule.validate()
    assert re.fullmatch(r"HL\d{3}", rule.code)
    assert rule.category in CATEGORIES
    assert rule.summary.strip() and len(rule.summary) <= 120, "summary is one short line"
    doc = rule.doc_text()
    for heading in ("## What it does", "## Why it matters", "## Example", "## Use instead"):
        assert heading in doc
    assert isinstance(rule.docs, RuleDocs)


def test_code_families_match_categories():
    """Codes are grouped by family: HL0 meta, HL1 claim, then one hundred per category."""
    family = {"1": "claim", "2": "spam", "3": "boilerplate", "4": "garbled", "5": "readability",
              "6": "sourcing", "7": "disclaimer"}
    for rule in RULES:
        digit = rule.code[2]
        if digit != "0":
            assert family[digit] == rule.category, f"{rule.code} is {rule.category}, expected {family[digit]}"


def test_builtin_packs_exist_and_load():
    files = builtin_pack_files()
    assert files, "no rule packs found in rules/"
    for path in files:
        assert load_pack(path)


@pytest.mark.parametrize("mutation, message", [
    ({"colour": "red"}, "unknown key 'colour'"),
    ({"severity": "fatal"}, "unknown severity"),
    ({"category": "style"}, "category must be one of"),
    ({"code": "X1"}, "code must be HL"),
    ({"name": "Not Kebab"}, "kebab-case"),
    ({"patterns": ["(unclosed"]}, "bad regular expression"),
    ({"unless": ["sometimes"]}, "unknown guard"),
    ({"type": "conditional"}, "type must be one of"),
    ({"tokens": "miracle"}, "must be a list"),
])
def test_pack_loading_is_strict(tmp_path, mutation, message):
    rule = {
        "code": "HL901", "name": "house-rule", "category": "claim", "severity": "warning",
        "summary": "s", "type": "existence", "message": "m", "tokens": ["miracle"],
        "docs": {"what": "w", "why": "y", "example": "e", "instead": "i"},
    }
    rule.update(mutation)
    path = tmp_path / "pack.yaml"
    import yaml

    path.write_text(yaml.safe_dump({"rule": [rule]}))
    with pytest.raises(PackError, match=re.escape(message)):
        load_pack(path)


def test_pack_missing_docs_is_an_error(tmp_path):
    path = tmp_path / "pack.toml"
    path.write_text('[[rule]]\ncode="HL901"\nname="x"\ncategory="claim"\nseverity="info"\nsummary="s"\n'
                    'type="existence"\nmessage="m"\ntokens=["a"]\n[rule.docs]\nwhat="w"\n')
    with pytest.raises(PackError, match="docs needs"):
        load_pack(path)


def test_pack_unknown_top_level_key(tmp_path):
    path = tmp_path / "pack.toml"
    path.write_text('[meta]\nname="x"\n')
    with pytest.raises(PackError, match="unknown key 'meta'"):
        load_pack(path)
