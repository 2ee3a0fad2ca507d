"""Batches are linted rule by rule (engine.lint_documents): each document's findings must be
exactly what linting it alone gives, and a rule that fails on one document fails only that one."""
import gc

import pytest

import screen_texts
from healthlint.api import Linter
from healthlint.checks.base import Rule, RuleDocs
from healthlint.config import DEFAULT
from healthlint.engine import ActiveRule, lint_document, lint_documents, select_rules
from healthlint.finding import RawFinding, Severity
from healthlint.parse import parse

SUPPRESSED = ("# Drops\n\n<!-- healthlint-disable-file -->\nThis miracle cure is guaranteed.\n", "markdown")
UNUSED = ("# Drops\n\n<!-- healthlint-disable-next-line HL101 -->\nTalk to your doctor.\n", "markdown")


def _documents():
    return screen_texts.documents(40, [SUPPRESSED, UNUSED])


def test_a_batch_gives_each_document_its_own_findings():
    linter = Linter(use_config=False)
    active = select_rules(linter.rules, DEFAULT, None, ["ALL"])
    docs = _documents()
    alone = [lint_document(doc, active, linter.rules) for doc in docs]
    assert sum(map(len, alone)) > 200
    for size in (1, 7, len(docs)):
        batched = [out for i in range(0, len(docs), size) for out in lint_documents(docs[i:i + size], active, linter.rules)]
        assert batched == alone


class _Fails(Rule):
    """Raises on documents whose text holds "boom", reports "x" elsewhere."""

    def check(self, doc, ctx):
        if "boom" in doc.text:
            yield RawFinding(0, 1, "before the failure", block=doc.blocks[0])
            raise RuntimeError("rule bug")
        for block in doc.blocks:
            start = block.text.find("x")
            if start >= 0:
                yield RawFinding(start, start + 1, "an x", block=block)


FAILS = _Fails(code="HL999", name="fails", category="spam", severity=Severity.WARNING, summary="test",
               docs=RuleDocs("w", "w", "e", "i"), scope="document")


def test_a_failing_rule_fails_only_its_document():
    docs = [parse(text, f"d{i}.md", "markdown") for i, text in enumerate(["An x here.\n", "A boom here.\n", "x again.\n"])]
    first, failed, last = lint_documents(docs, [ActiveRule(FAILS, Severity.WARNING, {})])
    assert isinstance(failed, RuntimeError)
    assert [f.message for f in first] == [f.message for f in last] == ["an x"]
    with pytest.raises(RuntimeError):
        lint_document(docs[1], [ActiveRule(FAILS, Severity.WARNING, {})])


def test_lint_texts_reports_a_failure_as_that_file_s_error(monkeypatch):
    linter = Linter(use_config=False)
    texts = [("a.md", "# A\n\nPlain text.\n"), ("b.md", "# B\n\nA boom.\n"), ("c.md", "# C\n\nThis miracle cure works.\n")]
    monkeypatch.setattr(linter, "rules", linter.rules + (FAILS,))
    results = linter.lint_texts(texts)
    assert [r.path for r in results] == ["a.md", "b.md", "c.md"]
    assert results[1].error == "internal error (RuntimeError: rule bug); please report it" and not results[1].findings
    assert results[0].error is None and results[2].error is None
    assert [f.code for f in results[2].findings] == [f.code for f in linter.lint_text(texts[2][1], "c.md")]


def test_a_batch_leaves_no_cyclic_garbage():
    linter = Linter(use_config=False)
    texts = [(f"a{i}.md", text) for i, text in enumerate(screen_texts.article_texts(12))]
    linter.lint_texts(texts)
    gc.collect()
    gc.disable()
    try:
        linter.lint_texts(texts)
        assert gc.collect() == 0
    finally:
        gc.enable()


def test_a_failure_after_the_rules_fails_only_its_document(monkeypatch):
    from healthlint import engine

    real = engine._unused_suppressions

    def failing(doc, *args):
        if "boom" in doc.text:
            raise RuntimeError("late bug")
        return real(doc, *args)

    monkeypatch.setattr(engine, "_unused_suppressions", failing)
    linter = Linter(use_config=False)
    results = linter.lint_texts([("a.md", "# A\n\nThis miracle cure works.\n"), ("b.md", "# B\n\nA boom.\n")])
    assert results[0].error is None and [f.code for f in results[0].findings]
    assert results[1].error == "internal error (RuntimeError: late bug); please report it"
