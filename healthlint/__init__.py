"""healthlint: a content-quality linter for health articles.

    import healthlint
    findings = healthlint.lint_text("This tea cures diabetes.", path="post.md")
"""
__version__ = "0.1.0"

__all__ = ["__version__", "lint_text", "lint_paths"]


def __getattr__(name):  # import the engine only when the API is used: keeps `--version` instant
    if name in ("lint_text", "lint_paths", "Linter"):
        from . import api

        return getattr(api, name)
    raise AttributeError(name)
