"""Output formats: each module turns the run's FileResults into one string for stdout.

Input errors go to stderr from the CLI; only SARIF also records them (as tool notifications),
because a SARIF file is often the only artifact a CI job keeps.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Mapping

from . import github, json, sarif, text

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
    (click.echo(out, nl=False)). show_source, color, statistics and quiet apply to "text" only.
    """
    if fmt == "text":
        return text.render(
            results, rules, show_source=show_source, color=color, statistics=statistics, quiet=quiet
        )
    if fmt == "json":
        return json.render(results)
    if fmt == "sarif":
        return sarif.render(results, rules)
    if fmt == "github":
        return github.render(results)
    raise ValueError(f"unknown output format {fmt!r} (expected one of {', '.join(FORMATS)})")
