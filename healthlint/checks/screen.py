"""Literal screens for pattern rules: skip a unit when a rule's patterns cannot match it.

Every pack rule knows, from rxcache.literal_screen, which literals its matches must contain:
per alternative of its patterns, one literal from each of a few groups. All rules' literals go
into one index, and each unit is split once (casefolded) and its tokens looked up for all
of them; each rule then only asks whether its groups are present. The screen is exact: a rule
skipped by it could not have matched, so findings are unchanged.
"""
from __future__ import annotations

Screen = tuple  # ((frozenset of literals, ...) per alternative, ...)


class LiteralIndex:
    """The literals of every registered screen, found in a text with one split and dictionary
    lookups: a literal without whitespace lies inside one whitespace-separated token, and which
    literals a token contains is worked out once per distinct token and remembered."""

    MAX_TOKENS = 200_000  # remembered tokens; the memo starts afresh beyond this

    def __init__(self):
        self.literals: set[str] = set()
        self._in_token: tuple[str, ...] = ()  # literals without whitespace
        self._spanning: tuple[str, ...] = ()  # literals with whitespace: searched in the whole text
        self._by_token: dict[str, frozenset[str]] = {}
        self._last: tuple[str | None, frozenset[str]] = (None, frozenset())

    def register(self, screen: Screen) -> None:
        new = {lit for alternative in screen for group in alternative for lit in group} - self.literals
        if new:
            self.literals |= new
            self._in_token = tuple(sorted(lit for lit in self.literals if not _has_space(lit)))
            self._spanning = tuple(sorted(lit for lit in self.literals if _has_space(lit)))
            self._by_token = {}
            self._last = (None, frozenset())

    def present(self, text: str) -> frozenset[str]:
        """The registered literals that occur in text (casefolded). Rules run one after another on
        the same unit, so the last answer is kept."""
        if self._last[0] is text:
            return self._last[1]
        folded = text.casefold()
        memo = self._by_token
        if len(memo) > self.MAX_TOKENS:
            memo.clear()
        found: set[str] = set()
        for token in set(folded.split()):
            lits = memo.get(token)
            if lits is None:
                lits = memo[token] = frozenset(lit for lit in self._in_token if lit in token)
            if lits:
                found |= lits
        for lit in self._spanning:
            if lit in folded:
                found.add(lit)
        result = frozenset(found)
        self._last = (text, result)
        return result


def _has_space(literal: str) -> bool:
    return any(ch.isspace() for ch in literal) or literal != literal.strip() or not literal


INDEX = LiteralIndex()


def passes(screen: Screen, present: frozenset[str]) -> bool:
    """Could any alternative match? It needs one literal of each of its groups."""
    return any(all(not group.isdisjoint(present) for group in alternative) for alternative in screen)


def as_screen(alternatives) -> Screen:
    return tuple(dict.fromkeys(tuple(frozenset(group) for group in alt) for alt in alternatives))
