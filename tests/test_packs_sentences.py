"""Pack rules with `scope = "sentence"` (none of the built-in ones): checked over a whole document,
each sentence is screened with the engine's sentences and their shared word sets (ctx.words), and
the findings are those of the rule's patterns run, unscreened, on every sentence."""
import copy

import pytest

from healthlint.checks.base import Context
from healthlint.checks.packs import build_rule, read_pack_data
from healthlint.document import Sentence
from healthlint.parse import parse
from helpers import ROOT
from screen_texts import article_texts
from test_pack_screens import _unscreened

TEXTS = ["This tea cures diabetes. Does it cure arthritis? It reverses aging forever!",
         "Please E-MAİL us today for a free consultation. Call now.\n\nNo supplement can cure cancer."]


def _sentence_rules():
    rules = []
    for name in ("claims.toml", "spam.toml"):
        for i, spec in enumerate(read_pack_data(ROOT / "rules" / name)["rule"]):
            spec = copy.deepcopy(spec)
            spec["scope"] = "sentence"
            rules.append(build_rule(spec, f"{name} rule #{i + 1}", "builtin"))
    return rules


RULES = _sentence_rules()


@pytest.mark.parametrize("text", TEXTS + article_texts(30))
def test_sentence_scope_finds_what_unscreened_patterns_find(text):
    doc = parse(text, "a.md", "markdown")
    for rule in RULES:
        assert list(rule.check(doc, Context(doc))) == _unscreened(rule, doc, Context(doc)), rule.code


def test_a_sentence_alone_without_context():
    doc = parse(TEXTS[0], "a.md", "markdown")
    ctx = Context(doc)
    sentences = [s for block in doc.blocks for s in ctx.sentences(block)]
    found = {rule.code for rule in RULES for s in sentences if list(rule.check(s, None))}
    assert "HL101" in found
    assert all(isinstance(s, Sentence) for s in sentences)
