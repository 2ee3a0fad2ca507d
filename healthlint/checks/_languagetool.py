"""LanguageTool client for HL410: a server's HTTP API (/v2/check), or a local LanguageTool started
through language-tool-python (the `languagetool` extra). Imported only when HL410 runs.

Offsets: LanguageTool counts UTF-16 code units (it is Java); Python counts code points. Matches are
converted so that a span after an emoji still lands on the right word.
"""
from __future__ import annotations

import json
import os
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import Any

from ..config import ConfigError

ENV_URL = "HEALTHLINT_LANGUAGETOOL_URL"


class LanguageToolError(ConfigError):
    """LanguageTool is configured but unusable (no server set, unreachable, bad reply): exit 2."""


@dataclass(frozen=True)
class LTMatch:
    start: int  # code-point span in the checked text
    end: int
    message: str
    rule_id: str
    replacements: tuple[str, ...]
    spelling: bool = False  # LanguageTool's typo category (its spell checker), reported as HL411


def is_spelling(rule: dict) -> bool:
    category = (rule.get("category") or {}).get("id", "")
    return rule.get("issueType") == "misspelling" or category == "TYPOS" or rule.get("id", "").startswith("MORFOLOGIK")


def utf16_to_index(text: str) -> list[int]:
    """Map each UTF-16 offset (0..len) to a code-point index."""
    table = []
    for i, ch in enumerate(text):
        table.append(i)
        if ord(ch) > 0xFFFF:
            table.append(i)
    table.append(len(text))
    return table


def parse_matches(text: str, payload: dict) -> list[LTMatch]:
    table = utf16_to_index(text)
    out = []
    for m in payload.get("matches", []):
        off, length = int(m["offset"]), int(m["length"])
        if off < 0 or length < 0 or off + length > len(table) - 1:
            continue  # outside the text we sent: ignore rather than mis-place it
        start, end = table[off], table[off + length]
        rule = m.get("rule") or {}
        reps = tuple(r["value"] for r in m.get("replacements", [])[:5] if "value" in r)
        message = m.get("message") or m.get("shortMessage") or "LanguageTool match"
        out.append(LTMatch(start, end, message, rule.get("id", ""), reps, is_spelling(rule)))
    return out


class HTTPClient:
    def __init__(self, server: str, language: str, disabled: list[str], timeout: float):
        self.url = server.rstrip("/") + ("" if server.rstrip("/").endswith("/v2/check") else "/v2/check")
        self.language, self.disabled, self.timeout = language, disabled, timeout
        self.unreachable: str | None = None  # after one failed connection, fail fast for the other files

    def check(self, text: str) -> list[LTMatch]:
        if not text.strip():
            return []
        if self.unreachable:
            raise LanguageToolError(self.unreachable)
        form = {"text": text, "language": self.language}
        if self.disabled:
            form["disabledRules"] = ",".join(self.disabled)
        request = urllib.request.Request(self.url, data=urllib.parse.urlencode(form).encode("utf-8"),
                                         headers={"Accept": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                payload = json.loads(response.read().decode("utf-8"))
        except urllib.error.HTTPError as exc:
            raise LanguageToolError(f"LanguageTool server {self.url} answered HTTP {exc.code} ({exc.reason})") from None
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            self.unreachable = f"cannot reach LanguageTool server {self.url}: {reason}"
            raise LanguageToolError(self.unreachable) from None
        except ValueError:
            raise LanguageToolError(f"LanguageTool server {self.url} did not answer with JSON") from None
        try:
            return parse_matches(text, payload)
        except (KeyError, TypeError, ValueError):
            raise LanguageToolError(f"LanguageTool server {self.url} sent matches in an unknown format") from None


class LocalClient:
    """A LanguageTool started on this machine by language-tool-python (needs Java)."""

    def __init__(self, language: str, disabled: list[str]):
        try:
            import language_tool_python
        except ImportError:
            raise LanguageToolError("HL410 local=true needs the extra: pip install healthlint[languagetool]") from None
        try:
            self.tool = language_tool_python.LanguageTool(language)
        except Exception as exc:  # Java missing, download refused: one line, not a traceback
            raise LanguageToolError(f"cannot start a local LanguageTool: {exc}") from None
        self.tool.disabled_rules.update(disabled)

    def check(self, text: str) -> list[LTMatch]:
        out = []
        for m in self.tool.check(text):
            start = m.offset
            end = start + getattr(m, "error_length", getattr(m, "errorLength", 0))
            rule_id = getattr(m, "rule_id", getattr(m, "ruleId", ""))
            spelling = getattr(m, "rule_issue_type", getattr(m, "ruleIssueType", "")) == "misspelling"
            out.append(LTMatch(start, end, m.message, rule_id, tuple(m.replacements[:5]), spelling or rule_id.startswith("MORFOLOGIK")))
        return out


_clients: dict[tuple, Any] = {}


def client_for(options: dict) -> HTTPClient | LocalClient | None:
    """The configured client, or None when no server is set and local is off: `--select ALL` turns
    HL410 on too, and it stays quiet until a server is configured."""
    server = options.get("server") or os.environ.get(ENV_URL, "")
    disabled = list(options.get("disabled_rules", []))
    language = options.get("language", "en-US")
    key = (server, language, tuple(disabled), bool(options.get("local")))
    if key not in _clients:
        if server:
            _clients[key] = HTTPClient(server, language, disabled, float(options.get("timeout", 20.0)))
        elif options.get("local"):
            _clients[key] = LocalClient(language, disabled)
        else:
            return None
    return _clients[key]
