"""What counts as a source for a claim in a sentence: links, references, named studies, named bodies.

`citation_strength(text, start, end, block)` grades the evidence attached to text[start:end]:
STRONG (a link, a numbered reference, an author-year reference, a DOI or PMID, a study with its year,
a named authoritative body), WEAK (a journal named with nothing to find the paper by), or NONE.
"""
from __future__ import annotations

import regex

from ..document import PLACEHOLDER, Block

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

STRONG_RE = regex.compile(
    rf"""
      \[\s*\d{{1,3}}(?:\s*[,\u2013-]\s*\d{{1,3}})*\s*\]          # [3], [1, 4], [2-5]
    | \[\^[\w-]+\]                                             # Markdown footnote [^3]
    | (?<=\S)\^\d{{1,3}}\b | [\u00b9\u00b2\u00b3\u2070-\u2079]+   # ^3, superscript digits
    | \(\s*(?-i:[A-Z])[\w'\u2019-]+(?:\s+et\s+al\.?|\s+(?:and|&)\s+(?-i:[A-Z])[\w'\u2019-]+)?,?\s+(?:19|20)\d\d[a-z]?\s*\)
    | (?-i:[A-Z])[\w'\u2019-]+\s+et\s+al\.?(?:,?\s*\(?(?:19|20)\d\d)?
    | \bdoi\s*:?\s*10\.\d{{4,}}/ | \b10\.\d{{4,}}/\S+ | \bPMID\s*:?\s*\d+
    | \b(?:a|an|the|one|this|that|their)\s+(?:(?:19|20)\d\d)\s+(?:[\w-]+\s+){{0,3}}?
        (?:study|trial|review|meta-analysis|analysis|survey|report|census|audit|paper|guidelines?|data)\b
    | \b(?:study|trial|review|meta-analysis|analysis|survey|report|paper)\s+(?:published|released|conducted|carried\s+out)\s+in\s+(?:19|20)\d\d\b
    | \baccording\s+to\s+(?:the\s+)?(?:latest\s+|most\s+recent\s+)?(?:(?-i:{AUTHORITIES})|(?-i:[A-Z][A-Za-z]+))
    | \b(?:the\s+)?(?-i:{AUTHORITIES})(?:['\u2019]s)?\s+(?:(?:19|20)\d\d\s+)?(?:[\w-]+\s+){{0,2}}?
        (?:estimates?|estimated|reports?|reported|says|said|figures?|data|statistics|survey|study|surveillance|found|finds|recommends?)\b
    | \b(?:data|figures|statistics|estimates)\s+from\s+(?:the\s+)?(?-i:[A-Z])
    | \bsource\s*:\s*\S
    """,
    _F | regex.VERBOSE,
)

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
    regex.V0 | regex.VERBOSE,
)


def _has_link(block: Block, start: int, end: int, text: str) -> bool:
    if PLACEHOLDER in text[start:end]:
        return True  # a bare URL
    return any(link.start < end and link.end > start for link in block.links)


def citation_strength(text: str, start: int, end: int, block: Block | None = None) -> int:
    """How well text[start:end] (a sentence or a window of sentences) names its source."""
    if block is not None and _has_link(block, start, end, text):
        return STRONG
    if STRONG_RE.search(text, start, end):
        return STRONG
    if WEAK_RE.search(text, start, end):
        return WEAK
    return NONE


def weak_citations(text: str, start: int, end: int):
    """Matches of a journal named as a source within text[start:end]."""
    return WEAK_RE.finditer(text, start, end)
