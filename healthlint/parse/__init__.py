"""Readers: turn a decoded file into a Document whose blocks map back to exact source offsets."""
from __future__ import annotations

import os

from ..document import Document

_FORMATS = {
    ".md": "markdown", ".markdown": "markdown", ".mdx": "markdown",
    ".html": "html", ".htm": "html", ".xhtml": "html",
}


def detect_format(path: str) -> str:
    """"markdown", "html" or "text", from the file extension."""
    return _FORMATS.get(os.path.splitext(path)[1].lower(), "text")


def parse(text: str, path: str, fmt: str) -> Document:
    """Parse decoded text (BOM removed, line endings untouched) in the given format.

    Readers are imported on first use: a pre-commit run over plain text never pays for
    markdown-it.
    """
    if fmt == "markdown":
        from .markdown import parse_markdown

        return parse_markdown(text, path)
    if fmt == "html":
        from .html import parse_html

        return parse_html(text, path)
    if fmt == "text":
        from .text import parse_text

        return parse_text(text, path)
    raise ValueError(f"unknown format {fmt!r} (expected markdown, html or text)")
