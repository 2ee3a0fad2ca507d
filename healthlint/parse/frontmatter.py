"""Front matter: a YAML (--- ... --- or ...) or TOML (+++ ... +++) header at the very start of a file.

Front matter is metadata, never prose; readers put its span in Document.ignored.
"""
from __future__ import annotations

import datetime
import re


from ..source import LINE_BREAK_RE, SourceError

_TOML_LINE = re.compile(r"at line (\d+)")

# The simple YAML most front matter is: `key: value` lines, each value a quoted string without
# escapes, a plain string starting with a letter, a positive integer, a date or nothing. Read
# here without importing PyYAML; anything else goes to yaml.safe_load (see _simple_yaml).
_YAML_LINE = re.compile(
    r"([A-Za-z_][A-Za-z0-9_-]*):(?: +(?:\"([^\"\\]*)\"|'([^']*)'|([^\W\d_][\w .,()/'?!+&-]*)|([0-9][0-9-]*)))? *"
)
# Characters YAML rejects (non-printable) or reads as line breaks, plus tab and BOM.
_YAML_ODD = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029\ufeff\ufffe\uffff]")
_YAML_INT = re.compile(r"[1-9][0-9]{0,17}")
_YAML_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
# Plain scalars that YAML 1.1 (PyYAML's resolver) reads as booleans or null, not strings.
_YAML_WORDS = frozenset("yes Yes YES no No NO true True TRUE false False FALSE on On ON off Off OFF null Null NULL".split())


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
        import tomllib  # only for TOML front matter: not on a plain run's start-up

        try:
            return tomllib.loads(body)
        except tomllib.TOMLDecodeError as exc:
            # The body starts on line 2 of the file: report file line numbers.
            msg = _TOML_LINE.sub(lambda m: f"at line {int(m.group(1)) + 1}", str(exc))
            raise SourceError(f"invalid TOML front matter: {_one_line(msg)}") from None
    data = _simple_yaml(body)
    if data is not None:
        return data
    import yaml  # only for front matter outside the simple subset: keeps it off the start-up path

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


def _simple_yaml(body: str) -> dict | None:
    """What yaml.safe_load gives for simple `key: value` lines (as a dict), else None.

    Exact because every accepted form has one reading in YAML 1.1: quoted strings without
    escapes or line folding; plain values that start with a letter and are not a boolean or null
    word (every other resolver needs a digit or sign first) and hold no ": ", " #" or flow
    indicator that matters in block context; integers without sign, leading zero or underscore;
    valid YYYY-MM-DD dates; and empty values (null). Keys obey the same plain-word rule.
    """
    if _YAML_ODD.search(body.replace("\n", " ")):
        return None
    data = {}
    for line in body.split("\n"):
        if not line.strip(" ") or line.startswith("#"):
            continue
        m = _YAML_LINE.fullmatch(line)
        if m is None:
            return None
        key, dq, sq, plain, number = m.groups()
        if key in _YAML_WORDS:
            return None
        value = dq if dq is not None else sq
        if plain is not None:
            plain = plain.rstrip(" ")
            if plain in _YAML_WORDS:
                return None
            value = plain
        elif number is not None:
            value = _yaml_number_or_date(number)
            if value is None:
                return None
        data[key] = value
    return data


def _yaml_number_or_date(text: str):
    if _YAML_INT.fullmatch(text):
        return int(text)
    m = _YAML_DATE.fullmatch(text)
    if m:
        try:
            return datetime.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return None  # yaml reports the error
    return None


def _one_line(msg: str) -> str:
    return " ".join(msg.split())
