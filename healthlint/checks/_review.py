"""Front-matter provenance (JAMA benchmarks: authorship and currency): who wrote or reviewed an
article, with what credentials, and when it was last reviewed."""
from __future__ import annotations

import re

from ..document import Document

PLACEHOLDER_VALUES = {"", "tbd", "todo", "tba", "n/a", "na", "none", "null", "unknown", "xxx", "-", "?", "pending"}

# Credentials and professions that say why a reader should trust the author or reviewer.
CREDENTIAL_RE = re.compile(
    r"\b(?:M\.?D|D\.?O|Ph\.?D|PharmD|Pharm\.?D|R\.?N|BSN|MSN|N\.?P|APRN|P\.?A(?:-C)?|R\.?D\.?N?|M\.?P\.?H|MBBS|MB\s?ChB|"
    r"FRCP\w*|MRCP\w*|MRCGP|FACP|FAAP|DNP|DDS|DMD|LCSW|PsyD|MSc|BSc|IBCLC|CDCES|Dr)\b\.?"
    r"|\b(?:doctor|physician|surgeon|nurse|pharmacist|dietitian|nutritionist|psychologist|psychiatrist|therapist|"
    r"midwife|dentist|paediatrician|pediatrician|\w+ologist|\w+iatrist|GP|professor|clinician)\b",
    re.IGNORECASE,
)


def as_text(value) -> str:
    """A front-matter value as text: a list or a mapping (name, credentials) flattened."""
    if isinstance(value, dict):
        return " ".join(as_text(v) for v in value.values())
    if isinstance(value, (list, tuple)):
        return ", ".join(as_text(v) for v in value)
    return "" if value is None else str(value).strip()


def is_blank(value) -> bool:
    return as_text(value).lower() in PLACEHOLDER_VALUES


def parse_date(value):
    """A YAML/TOML date or datetime, or an ISO-like string (2024-01-15, 2024/01/15, 2024-01)."""
    import datetime as dt  # only when a date is read

    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    m = re.fullmatch(r"\s*(\d{4})[-/.](\d{1,2})(?:[-/.](\d{1,2}))?(?:[T ][\d:.+\-Z ]*)?\s*", as_text(value))
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3) or 1))
    except ValueError:
        return None


def months_between(earlier, later) -> int:
    return (later.year - earlier.year) * 12 + later.month - earlier.month - (later.day < earlier.day)


def key_span(doc: Document, key: str) -> tuple[int, int]:
    """Source span of `key: value` in the front matter, or of the front matter's first line."""
    if doc.front_matter_span:
        s, e = doc.front_matter_span
        m = re.compile(rf"^[ \t]*[\"']?{re.escape(key)}[\"']?[ \t]*[:=][^\r\n]*", re.MULTILINE).search(doc.text, s, e)
        if m:
            return m.start(), m.end()
        first = doc.text.find("\n", s, e)
        return s, first if first > 0 else s + 3
    return top_span(doc)


def top_span(doc: Document) -> tuple[int, int]:
    """Source span of the first prose block (the title, usually), or the file's start."""
    if doc.blocks:
        b = doc.blocks[0]
        return b.source_span(0, len(b.text))
    return 0, 0
