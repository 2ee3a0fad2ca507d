"""Front matter: a YAML (--- ... --- or ...) or TOML (+++ ... +++) header at the very start of a file.

Front matter is metadata, never prose; readers put its span in Document.ignored.
"""
from __future__ import annotations

import re

import tomllib

from ..source import LINE_BREAK_RE, SourceError

_TOML_LINE = re.compile(r"at line (\d+)")


def split_front_matter(text: str) -> tuple[dict, tuple[int, int] | None]:
    """Return (metadata, (start, end) source span of the whole header) or ({}, None).

    The span ends after the closing delimiter, before its line break. A file that opens with
    `---` but never closes it has no front matter (it may be a thematic break).
    """
    if text.startswith("---"):
        closers, lang = ("---", "..."), "YAML"
    elif text.startswith("+++"):
        closers, lang = ("+++",), "TOML"
    else:
        return {}, None
    lines = _lines(text)
    first = next(lines)
    if text[first[0]:first[1]].rstrip(" \t") != text[:3]:
        return {}, None  # e.g. "--- not a delimiter" or "----"
    body_start = first[2]
    for start, end, _next in lines:
        if text[start:end].rstrip(" \t") in closers:
            body = text[body_start:start]
            return _load(body, lang), (0, end)
    return {}, None


def _lines(text: str):
    """Yield (start, end, next_start) per line; end excludes the line break."""
    pos = 0
    for m in LINE_BREAK_RE.finditer(text):
        yield pos, m.start(), m.end()
        pos = m.end()
    yield pos, len(text), len(text)


def _load(body: str, lang: str) -> dict:
    # Both loaders count lines the same way once breaks are plain \n (tomllib rejects a lone \r).
    body = body.replace("\r\n", "\n").replace("\r", "\n")
    if lang == "TOML":
        try:
            return tomllib.loads(body)
        except tomllib.TOMLDecodeError as exc:
            # The body starts on line 2 of the file: report file line numbers.
            msg = _TOML_LINE.sub(lambda m: f"at line {int(m.group(1)) + 1}", str(exc))
            raise SourceError(f"invalid TOML front matter: {_one_line(msg)}") from None
    import yaml  # only for files that have YAML front matter: keeps it off the start-up path

    try:
        data = yaml.safe_load(body)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        where = f" (line {mark.line + 2})" if mark is not None else ""
        raise SourceError(f"invalid YAML front matter: {_one_line(problem)}{where}") from None
    except Exception as exc:  # e.g. RecursionError on absurdly nested input: still one line
        raise SourceError(f"invalid YAML front matter: {_one_line(str(exc)) or type(exc).__name__}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise SourceError(
            f"invalid YAML front matter: expected key: value pairs, got a {type(data).__name__} (line 2)"
        )
    return data


def _one_line(msg: str) -> str:
    return " ".join(msg.split())
