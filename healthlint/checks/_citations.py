"""What counts as a source for a claim in a sentence: links, references, named studies, named bodies.

`citation_strength(text, start, end, block)` grades the evidence attached to text[start:end]:
STRONG (a link, a numbered reference, an author-year reference, a DOI or PMID, a study with its year,
a named authoritative body), WEAK (a journal named with nothing to find the paper by), or NONE.
"""
from __future__ import annotations

import re
from collections import namedtuple

import regex

from ..document import PLACEHOLDER, Block
from ._numbers import plain
from .base import word_tokens
from .screen import LiteralIndex, passes

NONE, WEAK, STRONG = 0, 1, 2
_F = regex.IGNORECASE | regex.V0

# Bodies whose figures readers can look up. A capitalised name after "according to" counts too.
AUTHORITIES = (
    r"CDC|FDA|NIH|NHS|NICE|WHO|USPSTF|AHRQ|EMA|MHRA|ONS|NCHS|NCI|NIMH|NIDDK|NHLBI|NIA|SAMHSA|CMS|UNICEF|OECD|"
    r"Cochrane|Mayo\s+Clinic|Cleveland\s+Clinic|Census\s+Bureau|Office\s+for\s+National\s+Statistics|"
    r"World\s+Health\s+Organi[sz]ation|Centers\s+for\s+Disease\s+Control(?:\s+and\s+Prevention)?|"
    r"National\s+(?:Institutes?|Cancer\s+Institute|Center|Academy|Health\s+Service)\b[\w\s]{0,40}?|"
    r"Food\s+and\s+Drug\s+Administration|Public\s+Health\s+\w+|"
    r"American\s+[A-Z]\w+(?:\s+[A-Z]\w+){0,2}\s+(?:Association|Society|College|Academy)|"
    r"(?:Royal|European|British|Canadian|Australian)\s+[A-Z]\w+(?:\s+[A-Z]\w+){0,3}\s+(?:Association|Society|College|Academy|Agency)"
)

# The forms of a strong citation, each with a test that a plain span (see _numbers.plain; with its
# casefolded text and word tokens) passes wherever the form matches: the patterns cost ~1 µs per
# character, so they only run on spans that pass, cheapest first. A span has a strong citation if
# any form matches in it.
_FORMS = (
    (r"\[\s*\d{1,3}(?:\s*[,\u2013-]\s*\d{1,3})*\s*\]", lambda span, folded, words: "[" in span),  # [3], [1, 4], [2-5]
    (r"\[\^[\w-]+\]", lambda span, folded, words: "[" in span),  # Markdown footnote [^3]
    (r"(?<=\S)\^\d{1,3}\b", lambda span, folded, words: "^" in span),  # ^3
    (r"[\u00b9\u00b2\u00b3\u2070-\u2079]+",
     lambda span, folded, words: not span.isascii() and SUPERSCRIPT.search(span) is not None),
    (r"\(\s*(?-i:[A-Z])[\w'\u2019-]+(?:\s+et\s+al\.?|\s+(?:and|&)\s+(?-i:[A-Z])[\w'\u2019-]+)?,?\s+(?:19|20)\d\d[a-z]?\s*\)",
     lambda span, folded, words: "(" in span),  # (Smith, 2021), (Smith and Lee, 2020)
    (r"(?-i:[A-Z])[\w'\u2019-]+\s+et\s+al\.?(?:,?\s*\(?(?:19|20)\d\d)?", lambda span, folded, words: "et" in words),
    (r"\bdoi\s*:?\s*10\.\d{4,}/ | \b10\.\d{4,}/\S+", lambda span, folded, words: "10." in span),
    (r"\bPMID\s*:?\s*\d+", lambda span, folded, words: "pmid" in folded),
    (r"\baccording\s+to\s+(?:the\s+)?(?:latest\s+|most\s+recent\s+)?(?:(?-i:{AUTHORITIES})|(?-i:[A-Z][A-Za-z]+))",
     lambda span, folded, words: "according" in words),
    (r"\b(?:data|figures|statistics|estimates)\s+from\s+(?:the\s+)?(?-i:[A-Z])",
     lambda span, folded, words: "from" in words and not words.isdisjoint(("data", "figures", "statistics", "estimates"))),
    (r"\bsource\s*:\s*\S", lambda span, folded, words: "source" in words),
    (r"""\b(?:study|trial|review|meta-analysis|analysis|survey|report|paper)\s+(?:published|released|conducted|carried\s+out)
         \s+in\s+(?:19|20)\d\d\b""",
     lambda span, folded, words: "in" in words and not words.isdisjoint(("published", "released", "conducted", "carried"))),
)
# Two forms are tried from the first place they can start: their search from the start of a span
# tried every word ("a", "the") and cost ~100 µs per sentence. Each holds a YEAR or an AUTHORITY after
# at most an article and spaces, where neither can start (no digits; no authority starts with "the").
# Their tests: a year and a study word ("meta-analysis" holds "analysis"), and an authority's first
# word, whole and in its case (each is followed by a space or "'s" in the form).
YEAR = regex.compile(r"(?:19|20)\d\d")
AUTHORITY = regex.compile(rf"(?-i:{AUTHORITIES})", _F | regex.VERBOSE)
STUDY_WORDS = frozenset("study trial review analysis survey report census audit paper guideline guidelines data".split())
AUTHORITY_FIRST = {w.casefold(): w for w in (
    "CDC FDA NIH NHS NICE WHO USPSTF AHRQ EMA MHRA ONS NCHS NCI NIMH NIDDK NHLBI NIA SAMHSA CMS UNICEF OECD "
    "Cochrane Mayo Cleveland Census Office World Centers National Food Public American Royal European British "
    "Canadian Australian").split()}
AUTHORITY_WORDS = frozenset(AUTHORITY_FIRST)
_ANCHORED_FORMS = (
    (r"""\b(?:a|an|the|one|this|that|their)\s+(?:(?:19|20)\d\d)\s+(?:[\w-]+\s+){0,3}?
         (?:study|trial|review|meta-analysis|analysis|survey|report|census|audit|paper|guidelines?|data)\b""",
     YEAR, len("their"),
     lambda span, folded, words: not words.isdisjoint(STUDY_WORDS) and YEAR.search(span) is not None),  # a 2021 trial
    (r"""\b(?:the\s+)?(?-i:{AUTHORITIES})(?:['\u2019]s)?\s+(?:(?:19|20)\d\d\s+)?(?:[\w-]+\s+){0,2}?
         (?:estimates?|estimated|reports?|reported|says|said|figures?|data|statistics|survey|study|surveillance|found|finds|recommends?)\b""",
     AUTHORITY, len("the"),
     lambda span, folded, words: any(AUTHORITY_FIRST[w] in span for w in words & AUTHORITY_WORDS)),  # the CDC's 2023 survey, NIH data
)
SUPERSCRIPT = regex.compile(r"[\u00b9\u00b2\u00b3\u2070-\u2079]")
FORMS = tuple((regex.compile(p.replace("{AUTHORITIES}", AUTHORITIES), _F | regex.VERBOSE), test) for p, test in _FORMS)
ANCHORED_FORMS = tuple((regex.compile(p.replace("{AUTHORITIES}", AUTHORITIES), _F | regex.VERBOSE), anchor, lead, test)
                       for p, anchor, lead, test in _ANCHORED_FORMS)


def _anchored(text: str, start: int, end: int, form) -> bool:
    """Does an anchored form (of ANCHORED_FORMS) match in text[start:end]? Searched from the first place
    it can start."""
    pattern, anchor, lead, _ = form
    first = anchor.search(text, start, end)
    if first is None:
        return False
    # A match starts at an article before this first anchor, or after it (the article and the
    # spaces holding no anchor). `regex` sees the text before `pos`, so \b there is unchanged.
    # (str.rstrip strips every \s of `regex`, and a few more: an earlier start, still exact.)
    pos = max(start, start + len(text[start:first.start()].rstrip()) - lead)
    return pattern.search(text, pos, end) is not None


# A journal named as the source, with nothing more to find the paper by.
JOURNAL = (
    r"(?-i:The\s+)?(?:Lancet|BMJ|JAMA(?:\s+[A-Z]\w+)?|NEJM|New\s+England\s+Journal\s+of\s+Medicine|Nature(?:\s+Medicine)?|Science|"
    r"Cell|PLOS\s+(?:ONE|Medicine)|Pediatrics|Circulation|Diabetes\s+Care|Annals\s+of\s+[A-Z]\w+(?:\s+[A-Z]\w+)?|"
    r"(?:American|British|European|International)?\s*Journal\s+of\s+(?:the\s+)?[A-Z]\w+(?:\s+(?:and\s+)?[A-Z]\w+){0,3}|"
    r"[A-Z]\w+(?:\s+[A-Z]\w+){0,3}\s+Journal)"
)
WEAK_RE = regex.compile(
    rf"""\b(?:published|appeared|reported|printed|featured)\s+in\s+(?-i:(?:the\s+)?(?:journal\s+)?{JOURNAL})
      | \b(?:a|one|the)\s+(?:recent\s+|new\s+|major\s+|large\s+)?(?:study|trial|review|paper|article)\s+in\s+(?-i:{JOURNAL})
      | \b(?-i:{JOURNAL})\s+(?:study|trial|paper|reports?|reported|published)\b""",
    _F | regex.VERBOSE,  # the journal's name in its case, the words around it in any ("Published in", "A study in")
)




def word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


# What a WEAK_RE match contains (its journal name case-sensitive there, so a superset here): "published in <journal>", "a
# study in <journal>", "<journal> study", where every journal name contains one of JOURNAL_NAMES.
WEAK_NEEDS = (
    (word_set("published appeared reported printed featured"), word_set("in")),
    (word_set("study trial review paper article"), word_set("in")),
    (word_set("study trial paper report reports reported published"),),
)
JOURNAL_NAMES = ("Journal", "Lancet", "BMJ", "JAMA", "NEJM", "Nature", "Science", "Cell", "PLOS", "Pediatrics",
                 "Circulation", "Diabetes", "Annals")
JOURNAL_NAME = re.compile("|".join(JOURNAL_NAMES))  # one scan for them all: the stdlib's is the fastest here


# Each name is ASCII letters, so wherever a text holds one, its casefolded word tokens (Context.words)
# hold a token with the casefolded name inside: the test for a whole document or block, by set
# operations over the tokens, each token looked at once (remembered, up to MAX_TOKENS).
JOURNAL_TOKEN = re.compile("|".join(name.casefold() for name in JOURNAL_NAMES))
MAX_TOKENS = LiteralIndex.MAX_TOKENS  # the same bound as the pack screens' word memo
_seen: set[str] = set()
_named: set[str] = set()


def journal_tokens(words: frozenset[str]) -> set[str]:
    """The tokens among `words` that hold a casefolded journal name (of JOURNAL_NAMES)."""
    new = words - _seen
    if new:
        if len(_seen) > MAX_TOKENS:
            _seen.clear()
            _named.clear()
            new = words
        _named.update(word for word in new if JOURNAL_TOKEN.search(word))
        _seen.update(new)
    return _named & words


def weak_possible(text: str, words: frozenset[str]) -> bool:
    """False when WEAK_RE cannot match in plain text with these word tokens."""
    return passes(WEAK_NEEDS, words) and JOURNAL_NAME.search(text) is not None


class Screen(namedtuple("Screen", "forms anchored weak")):
    """What can match in a text: the strong forms (FORMS), the anchored ones (both tuples), and
    WEAK_RE (weak: a bool)."""
    __slots__ = ()


ALL = Screen(tuple(pattern for pattern, _ in FORMS), ANCHORED_FORMS, True)


def screen(text: str, folded: str, words: frozenset[str] | None = None) -> Screen:
    """The forms that can match in text (with its casefolded text and word tokens, worked out when
    None), or in any part of it between word boundaries (a sentence or a window of sentences of a
    block): the tests look for characters and whole words, which such a part only has if text has."""
    if not plain(text, folded):
        return ALL
    if words is None:
        words = word_tokens(folded)
    return Screen(tuple(pattern for pattern, test in FORMS if test(text, folded, words)),
                  tuple(form for form in ANCHORED_FORMS if form[-1](text, folded, words)),
                  weak_possible(text, words))


def _has_link(block: Block, start: int, end: int, text: str) -> bool:
    if PLACEHOLDER in text[start:end]:
        return True  # a bare URL
    return any(link.start < end and link.end > start for link in block.links)


def citation_strength(text: str, start: int, end: int, block: Block | None = None, screened: Screen | None = None) -> int:
    """How well text[start:end] (a sentence or a window of sentences) names its source. `screened`:
    the screen of a text holding the span (see `screen`); by default, the span's own."""
    if block is not None and _has_link(block, start, end, text):
        return STRONG
    if screened is None:
        span = text[start:end]
        screened = screen(span, span.casefold())
    if ((screened.forms and any(pattern.search(text, start, end) for pattern in screened.forms))
            or (screened.anchored and any(_anchored(text, start, end, form) for form in screened.anchored))):
        return STRONG
    return WEAK if screened.weak and WEAK_RE.search(text, start, end) else NONE


def weak_citations(text: str, start: int, end: int):
    """Matches of a journal named as a source within text[start:end]."""
    return WEAK_RE.finditer(text, start, end)
