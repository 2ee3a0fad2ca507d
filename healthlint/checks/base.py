"""The rule protocol. A rule is a pure function of one unit (document, block or sentence)
that yields RawFindings with spans relative to that unit; it never computes line numbers."""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable

import regex

from ..document import Block, Document, Sentence
from ..finding import CATEGORIES, Frozen, RawFinding, Severity, Value, declared, field, setfield, value

SCOPES = ("document", "block", "sentence")
# The word tokens of Context.words: the regex module's \w, so that a token ends exactly where a
# rule pattern's \b does (the stdlib's \w also takes "²" and "½"): screens on them are exact.
WORD_RE = regex.compile(r"\w+")
CODE_RE = re.compile(r"^HL\d{3}$")
NAME_RE = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")


@value
class RuleDocs(Value):
    what: str  # What it does
    why: str  # Why it matters (cites the guideline)
    example: str  # Example
    instead: str  # Use instead

    def __init__(self, what: str, why: str, example: str, instead: str):
        setfield(self, "what", what)
        setfield(self, "why", why)
        setfield(self, "example", example)
        setfield(self, "instead", instead)


class Context:
    """What a rule may look at besides its unit: the document, its own options, sentences."""

    def __init__(self, document: Document, options: dict[str, object] | None = None):
        self.document = document
        self.options = options or {}
        self._spans: dict[int, list[tuple[int, int]]] = {}
        self._sentences: dict[int, list[Sentence]] = {}
        self._folded: dict[int, tuple[str, str]] = {}
        self._words: dict[int, frozenset[str]] = {}
        self._memo: dict[object, object] = {}

    def with_options(self, options: dict[str, object]) -> "Context":
        # Shares the per-unit caches across rules: each unit is split and folded once.
        ctx = object.__new__(Context)
        ctx.__dict__.update(self.__dict__)
        ctx.options = options or {}
        return ctx

    def release(self) -> None:
        """Drop the per-document caches (shared by every with_options copy) once the lint is over."""
        for cache in (self._spans, self._sentences, self._folded, self._words, self._memo):
            cache.clear()

    def memo(self, key: object, build: Callable[[], object]) -> object:
        """build(), computed once per document for every rule that asks with the same key (a
        module-level object such as a function makes a good key): work shared between rules."""
        try:
            return self._memo[key]
        except KeyError:
            value = self._memo[key] = build()
            return value

    def folded(self, text: str) -> str:
        """text.casefold(), computed once per text object for all rules."""
        memo = self._folded.get(id(text))
        if memo is None or memo[0] is not text:
            memo = self._folded[id(text)] = (text, text.casefold())
        return memo[1]

    def words(self, block: Block) -> frozenset[str]:
        """The casefolded word tokens (maximal runs of \\w characters) of a block's text."""
        words = self._words.get(id(block))
        if words is None:
            words = self._words[id(block)] = word_tokens(self.folded(block.text))
        return words

    def document_words(self) -> frozenset[str]:
        """The word tokens of every block of the document (not front matter, not the title)."""
        words = self._words.get(id(self.document))
        if words is None:
            words = frozenset().union(*(self.words(b) for b in self.document.blocks))
            self._words[id(self.document)] = words
        return words

    def sentence_spans(self, block: Block) -> list[tuple[int, int]]:
        """(start, end) of the block's sentences in its text: the shared split, without building
        Sentence objects where a rule only counts. Most blocks' sentences are the pieces between
        sure sentence ends (segment.sure_sentences, given the abbreviation ends among the block's
        word tokens), found without reading the word before every full stop; else the full split."""
        spans = self._spans.get(id(block))
        if spans is None:
            from ..segment import ABBREVIATION_ENDS, split_sentences, sure_sentences

            text = block.text
            spans = sure_sentences(text, ABBREVIATION_ENDS & self.words(block)) or split_sentences(text)
            self._spans[id(block)] = spans
        return spans

    def sentences(self, block: Block) -> list[Sentence]:
        cached = self._sentences.get(id(block))
        if cached is None:
            cached = self._sentences[id(block)] = [Sentence(block, s, e) for s, e in self.sentence_spans(block)]
        return cached


# On ASCII text \w is [A-Za-z0-9_] in every engine: blanking everything else with a byte table
# and splitting is exact there, and twice as fast as findall.
_NOT_WORD = bytes(c for c in range(128) if not (chr(c).isalnum() or c == ord("_")))
_BLANK_NOT_WORD = bytes.maketrans(_NOT_WORD, b" " * len(_NOT_WORD))


def word_tokens(folded: str) -> frozenset[str]:
    """The \\w+ tokens of casefolded text. "İ" casefolds to "i" + U+0307 yet a case-insensitive
    pattern matches it as "i": such tokens also count without the combining dot."""
    if folded.isascii():
        return frozenset(folded.encode().translate(_BLANK_NOT_WORD).decode().split())
    if "\u0307" in folded:
        folded += " " + folded.replace("\u0307", "")
    return frozenset(WORD_RE.findall(folded))


@declared  # dataclasses.fields() works for plugins; __init__ and __repr__ are written out
class Rule:
    code: str
    name: str
    category: str
    severity: Severity
    summary: str
    docs: RuleDocs
    scope: str = "sentence"
    options: dict[str, object] = field(default_factory=dict)  # defaults; config may override
    choices: dict[str, tuple[str, ...]] = field(default_factory=dict)  # option -> the values it may hold
    regex_options: tuple[str, ...] = ()  # options whose values are regular expressions (checked with the config)
    fixable: bool = False
    default_enabled: bool = True
    origin: str = "builtin"

    def __init__(self, code: str, name: str, category: str, severity: Severity, summary: str, docs: RuleDocs,
                 scope: str = "sentence", options: dict[str, object] | None = None,
                 choices: dict[str, tuple[str, ...]] | None = None, regex_options: tuple[str, ...] = (),
                 fixable: bool = False, default_enabled: bool = True, origin: str = "builtin"):
        self.code, self.name, self.category, self.severity = code, name, category, severity
        self.summary, self.docs, self.scope = summary, docs, scope
        self.options = {} if options is None else options
        self.choices = {} if choices is None else choices
        self.regex_options, self.fixable, self.default_enabled, self.origin = regex_options, fixable, default_enabled, origin

    __repr__ = Frozen.__repr__  # Name(field=..., ...) over _shown, set by @declared

    def check(self, unit: Document | Block | Sentence, ctx: Context) -> Iterable[RawFinding]:
        raise NotImplementedError

    def validate(self) -> None:
        problems = []
        if not CODE_RE.match(self.code):
            problems.append(f"code {self.code!r} is not HL + 3 digits")
        if not NAME_RE.match(self.name):
            problems.append(f"name {self.name!r} is not kebab-case")
        if self.category not in CATEGORIES:
            problems.append(f"category {self.category!r} is not one of {', '.join(CATEGORIES)}")
        if self.scope not in SCOPES:
            problems.append(f"scope {self.scope!r} is not one of {', '.join(SCOPES)}")
        for part in ("what", "why", "example", "instead"):
            if not getattr(self.docs, part, "").strip():
                problems.append(f"docs.{part} is empty")
        if problems:
            raise ValueError(f"rule {self.code}: " + "; ".join(problems))

    def doc_text(self) -> str:
        """Full documentation with ruff's headings, as `healthlint rule CODE` prints it."""
        d = self.docs
        head = f"# {self.code} {self.name}\n\nCategory: {self.category}. Default severity: {self.severity.value}."
        if self.fixable:
            head += " Fixable with --fix."
        if self.options:
            opts = ", ".join(f"`{k}` (default: {v!r})" for k, v in self.options.items())
            head += f"\nOptions: {opts}."
        return (
            f"{head}\n\n## What it does\n{d.what.strip()}\n\n## Why it matters\n{d.why.strip()}\n\n"
            f"## Example\n{d.example.strip()}\n\n## Use instead\n{d.instead.strip()}\n"
        )
