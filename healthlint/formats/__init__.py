"""Output formats: each module turns the run's FileResults into one string for stdout.

Input errors go to stderr from the CLI; only SARIF also records them (as tool notifications),
because a SARIF file is often the only artifact a CI job keeps.
"""
from __future__ import annotations

import importlib
from collections.abc import Mapping

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (~10 ms)
if TYPE_CHECKING:  # formats only read rule attributes; avoid importing the rule machinery
    from ..checks.base import Rule
    from ..finding import FileResult

FORMATS = ("text", "json", "sarif", "github")


def render(
    fmt: str,
    results: list[FileResult],
    rules: Mapping[str, Rule],
    *,
    show_source: bool = False,
    color: bool = False,
    statistics: bool = False,
    quiet: bool = False,
) -> str:
    """Render `results` (already in output order) as `fmt`.

    Returns the complete stdout text, ending in a newline unless it is empty; write it as is
    (healthlint.cli writes it with nl=False). show_source, color, statistics and quiet apply to "text" only.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown output format {fmt!r} (expected one of {', '.join(FORMATS)})")
    module = importlib.import_module(f"{__name__}.{fmt}")  # only the format in use is imported
    if fmt == "text":
        return module.render(
            results, rules, show_source=show_source, color=color, statistics=statistics, quiet=quiet
        )
    if fmt == "sarif":
        return module.render(results, rules)
    return module.render(results)
