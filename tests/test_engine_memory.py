"""A lint leaves no reference cycles behind: each document is freed as soon as its lint ends,
not at the next full garbage collection (which, with big word tables loaded, is slow)."""
import gc
from pathlib import Path

from healthlint.api import Linter

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def test_linting_creates_no_cyclic_garbage():
    linter = Linter(use_config=False)
    texts = [(str(p), p.read_text(encoding="utf-8")) for p in sorted(FIXTURES.rglob("*.md"))[:40]]
    for path, text in texts:  # first use loads tables and compiles patterns
        linter.lint_text(text, path)
    gc.collect()
    gc.disable()
    try:
        for path, text in texts:
            linter.lint_text(text, path)
        assert gc.collect() == 0
    finally:
        gc.enable()
