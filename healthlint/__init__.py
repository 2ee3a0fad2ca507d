"""healthlint: a content-quality linter for health articles.

    import healthlint
    findings = healthlint.lint_text("This tea cures diabetes.", path="post.md")
    outcome = healthlint.fix_text(text, path="post.md")   # outcome.fixed, .applied, .result.findings
"""
__version__ = "0.1.0"

__all__ = ["__version__", "lint_text", "lint_paths", "fix_text", "Linter"]


def __getattr__(name):  # import the engine only when the API is used: keeps `--version` instant
    if name in ("lint_text", "lint_paths", "fix_text", "Linter"):
        from . import api

        return getattr(api, name)
    raise AttributeError(name)
