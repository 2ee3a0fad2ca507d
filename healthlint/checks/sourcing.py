"""Sourcing rules (HL6xx): statistics, attributions and citations that readers cannot check."""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable

import regex

from ..finding import RawFinding, Severity
from . import guards
from ._citations import (
    NONE, STRONG, Screen, citation_strength, journal_tokens, screen, weak_citations, weak_possible, word_set,
)
from ._numbers import (
    STATISTIC_KINDS, finditer_at, mention_starts, mentions, plain, proportion_possible, statistic_marks,
    statistic_possible, word_starts,
)
from .base import Context, Rule, RuleDocs, word_tokens
from .screen import passes

SKIP_KINDS = ("heading", "title", "image_alt")
_F = regex.IGNORECASE | regex.V0


def _plain(ctx: Context, block) -> bool:
    """_numbers.plain for the block's text: may its word tokens (ctx.words) screen patterns? Worked
    out once per block for the three rules."""
    return block.text.isascii() or ctx.memo((_plain, block), lambda: plain(block.text, ctx.folded(block.text)))


def _citations(ctx: Context, block) -> Screen:
    """The citation forms that can occur in the block's sentences (see _citations.screen), worked out
    once per block for the three rules."""
    return ctx.memo((_citations, block), lambda: screen(block.text, ctx.folded(block.text), ctx.words(block)))


def _strength(ctx: Context, block, start: int, end: int) -> int:
    return citation_strength(block.text, start, end, block, _citations(ctx, block))


def _window(spans: list, index: int, reach: int) -> tuple[int, int]:
    """Block-text span of the sentence at `index` of `spans` and `reach` sentences on each side."""
    return spans[max(0, index - reach)][0], spans[min(len(spans) - 1, index + reach)][1]


def _reach(ctx: Context) -> int:
    return int(ctx.options.get("adjacent-sentences", 1))


def _sourced(ctx: Context, block, spans: list, index: int) -> bool:
    """Does the sentence at `index` of `spans` carry a source (a weak one is HL603's business), or a
    neighbour a strong one?"""
    if _strength(ctx, block, *spans[index]) != NONE:
        return True
    return _strength(ctx, block, *_window(spans, index, _reach(ctx))) == STRONG


def _blocks(doc):
    """The blocks the three rules check: not headings, titles or alt text."""
    return (block for block in doc.blocks if block.kind not in SKIP_KINDS)


# ---------------------------------------------------------------------------------------------
# HL601 unsourced statistic

ADVICE = {
    "percent": "cite the study, survey or dataset it comes from (a link, a numbered reference, or \"a 2022 "
               "CDC survey\")",
    "success-rate": "cite the trial that measured it (a link, a numbered reference, or \"a 2021 trial of 300 "
                    "adults\")",
    "risk": "cite the study that measured this risk (a link, a numbered reference, or author and year)",
    "relative-risk": "cite the study that measured this risk (a link, a numbered reference, or author and year)",
    "proportion": "name the survey or study it comes from (\"according to the CDC's 2023 survey\") or link to it",
    "count-of-people": "name the source of this prevalence figure and its year (\"the CDC estimates ...\") or "
                       "link to it",
    "money": "say where the price comes from and when (a price list, an insurer, a survey), or link to it",
    "duration-of-effect": "cite the trial that measured how long the effect lasts",
    "range": "cite the guideline that sets this reference range (lab ranges differ between laboratories)",
}
LABELS = {
    "percent": "percentage", "success-rate": "success rate", "risk": "risk figure", "relative-risk": "relative risk",
    "proportion": "proportion", "count-of-people": "prevalence figure", "money": "cost",
    "duration-of-effect": "duration of effect", "range": "reference range",
}


REPORTABLE = frozenset(LABELS)  # the kinds HL601 can report, whatever `kinds` asks for


def _wanted(ctx: Context) -> tuple[frozenset[str], bool]:
    """HL601's kinds to report and its reference-ranges option, worked out once per lint."""
    def build():
        ranges = bool(ctx.options.get("reference-ranges", False))
        return frozenset(set(ctx.options.get("kinds") or STATISTIC_KINDS) | ({"range"} if ranges else set())), ranges

    return ctx.memo(_wanted, build)


def _numbered_sentences(ctx: Context, block, screened: bool):
    """(spans, index, start, end, offsets in the sentence where a number may start, its word tokens) for
    the sentences of the block that may hold a number (screened: a statistic): spans are the block's
    sentences, spans[index] this one. Offsets and tokens are None when the block is not plain (every
    sentence is then tried in full)."""
    if not _plain(ctx, block):
        spans = ctx.sentence_spans(block)
        for i, (s, e) in enumerate(spans):
            yield spans, i, s, e, None, None
        return
    text, words = block.text, ctx.words(block)
    marks = not screened or statistic_marks(text, words)
    if not marks and not proportion_possible(text, words):
        return  # neither a statistic's marks nor a "1 in 4"
    folded = ctx.folded(text)
    starts = mention_starts(text, folded, words)
    if not starts or not (marks or proportion_possible(text, words, starts)):
        return
    spans = ctx.sentence_spans(block)
    if len(spans) == 1:  # the block's tokens and screen are the sentence's
        s, e = spans[0]
        yield spans, 0, s, e, [p - s for p in starts], words
        return
    hi = 0
    for i, (s, e) in enumerate(spans):
        if hi == len(starts):
            return
        lo = bisect_left(starts, s, hi)
        hi = bisect_left(starts, e, lo)
        if lo == hi:
            continue  # no number in this sentence
        sub = [p - s for p in starts[lo:hi]]
        words = word_tokens(folded[s:e])  # sentences start and end beside spaces: no token is cut
        if not screened or statistic_possible(text[s:e], words, sub):
            yield spans, i, s, e, sub, words


class UnsourcedStatistic(Rule):
    def check(self, doc, ctx: Context) -> Iterable[RawFinding]:
        wanted, ranges = _wanted(ctx)
        # Only statistics wanted (as always, unless `kinds` names a quiet kind): skip the text and
        # the numbers that cannot be one.
        screened = wanted <= REPORTABLE
        for block in _blocks(doc):
            for spans, i, s, e, starts, words in _numbered_sentences(ctx, block, screened):
                if _sourced(ctx, block, spans, i):
                    continue  # nothing to report, whatever its numbers: cheaper than classifying them
                text = block.text[s:e]
                stat = next((m for m in mentions(text, starts, words, ranges, statistics_only=screened)
                             if m.kind in wanted and not guards.quoted(text, m.start, m.end)), None)
                if stat is None:
                    continue
                start, end = s + stat.start, s + stat.end
                yield RawFinding(
                    start, end,
                    f"Unsourced {LABELS[stat.kind]} \"{block.text[start:end]}\": {ADVICE[stat.kind]}.",
                    block=block,
                )


UNSOURCED_STATISTIC = UnsourcedStatistic(
    code="HL601",
    name="unsourced-statistic",
    category="sourcing",
    severity=Severity.WARNING,
    summary="A statistic (percentage, proportion, cost, prevalence, success rate, duration of effect) with no source nearby.",
    scope="document",
    options={
        "kinds": list(STATISTIC_KINDS),
        "reference-ranges": False,
        "adjacent-sentences": 1,
    },
    choices={"kinds": STATISTIC_KINDS},
    docs=RuleDocs(
        what="""
Reports a statistic that has no source in the same sentence or the sentences next to it (`adjacent-sentences`,
default 1): percentages ("70% of users"), proportions ("one in four adults", "a third of patients"), costs ("$300
a month"), success rates, relative risks ("twice as likely"), how many people a condition affects ("affects 40
million people") and how long an effect lasts ("relief that lasts 8 weeks"). Numbers written as words count.
Each number is classified first, and only statistic kinds are reported: list numbering and step labels, dates,
ages ("adults 65 and older"), times of day, phone numbers, doses ("take 200 mg"), durations of instructions, plain
counts ("three stages") and model numbers are left alone. A lab reference range ("a normal A1C is below 5.7
percent") is quiet unless `reference-ranges = true`. `kinds` chooses which statistic kinds to report (percent,
success-rate, risk, proportion, money, count-of-people, duration-of-effect, relative-risk). A source is a link, a
bare URL, a numbered or footnote reference (`[3]`, `^3`, `[^3]`), an author-year reference ("(Smith et al.,
2021)"), a DOI or PMID, a study named with its year ("a 2021 trial"), or a named authoritative body ("according
to the CDC's 2023 survey"). Headings and image alt text are not checked.
""",
        why="""
The JAMA benchmarks for health information (Silberg et al., JAMA 1997) require attribution: references and
sources for all content. HONcode principle 4 (attribution) asks that information be referenced to its source,
and principle 5 (justifiability) that claims about benefits be backed by balanced evidence. The FTC's Health
Products Compliance Guidance (2022) requires "competent and reliable scientific evidence" for objective claims,
and a number is the most objective-sounding claim an article can make. Readers and editors cannot check a
figure that has no source, and made-up or outdated numbers spread from page to page.
""",
        example="""
Nine out of ten users saw clearer skin in two weeks, and the treatment costs just $30 a month.
""",
        instead="""
In a 2021 trial of 120 adults, 62% saw clearer skin after 12 weeks [1]. A month's supply costs about $30
(manufacturer's list price, January 2024).
""",
    ),
)


# ---------------------------------------------------------------------------------------------
# HL602 vague attribution

VAGUE_RE = regex.compile(
    r"""
    \b(?P<match>
      (?<!\b(?:these|those|such|both|two|three|their|its|our|his|her)\s+)  # "these studies": named just before
      (?:(?:many|some|several|numerous|multiple|recent|new|countless|most|other|the|leading|top)\s+)?
      (?:
        (?:studies|research|science|scientists|researchers|clinical\s+trials|trials|data)\s+
        (?:(?:have|has|had|now|all|widely|consistently|repeatedly|clearly|overwhelmingly)\s+){0,2}
        (?:show|shows|showed|shown|prove|proves|proved|proven|confirm|confirms|confirmed|found|finds|indicate|indicates|
           demonstrate|demonstrates|demonstrated|support|supports|reveal|reveals|revealed|agree|agrees|say|says)
      | (?:experts|doctors|physicians|dermatologists|nutritionists|dietitians|specialists|health\s+experts|
           medical\s+experts|the\s+experts|scientists|researchers)\s+
        (?:(?:have|has|now|all|widely|consistently|unanimously)\s+){0,2}
        (?:agree|agrees|recommend|recommends|say|says|confirm|confirms|swear\s+by|love|approve|endorse|prove|proved|proven|
           warn|warns|discovered|have\s+discovered)
      )
    | (?:a|one)\s+(?:recent\s+|new\s+|major\s+|large\s+|landmark\s+|groundbreaking\s+)?(?:study|trial|survey)\s+
      (?:shows?|showed|found|finds|proved|proves|revealed|reveals|confirmed|confirms)
    | it\s+(?:is|has\s+been)\s+(?:scientifically\s+|clinically\s+|medically\s+)?(?:proven|shown|well[-\s]known|widely\s+accepted)\s+that
    | according\s+to\s+(?:many\s+|some\s+|leading\s+|top\s+)?(?:experts|doctors|research|studies|science|scientists|researchers)
    | science\s+(?:says|tells\s+us)
    | (?:backed|supported)\s+by\s+(?:science|research|studies|clinical\s+studies|doctors)
    )\b
    """,
    _F | regex.VERBOSE,
)


# VAGUE_RE's forms, each with the word sets a match contains a word of each of (the rarest first: a
# block holds a word of the first set of a form it may match), and the words a match can start with:
# "(many) studies/research/data ... show", "(the) experts/doctors ... recommend", "a study found", "it
# is proven/shown/well known/widely accepted that", "according to experts", "science says/tells us",
# "backed by science".
_QUANTIFIERS = "many some several numerous multiple recent new countless most other the leading top"
_NOUNS = "studies research science scientists researchers trials data"
_EXPERTS = "experts doctors physicians dermatologists nutritionists dietitians specialists scientists researchers"
VAGUE_FORMS = (
    ((word_set("show shows showed shown prove proves proved proven confirm confirms confirmed found finds indicate "
               "indicates demonstrate demonstrates demonstrated support supports reveal reveals revealed agree agrees "
               "say says"),
      word_set(_NOUNS)),
     word_set(f"{_QUANTIFIERS} {_NOUNS} clinical")),
    ((word_set("agree agrees recommend recommends say says confirm confirms swear love approve endorse prove proved "
               "proven warn warns discovered"),
      word_set(_EXPERTS)),
     word_set(f"{_QUANTIFIERS} {_EXPERTS} health medical the")),
    ((word_set("shows show showed found finds proved proves revealed reveals confirmed confirms"), word_set("study trial survey")),
     word_set("a one")),
    ((word_set("proven shown known accepted"), word_set("it"), word_set("that")), word_set("it")),
    ((word_set("according"), word_set("experts doctors research studies science scientists researchers")), word_set("according")),
    ((word_set("science"), word_set("says tells")), word_set("science")),
    ((word_set("backed supported"), word_set("science research studies doctors")), word_set("backed supported")),
)


def vague_starts(text: str, folded: str, words: frozenset[str], forms=VAGUE_FORMS) -> list[int]:
    """Sorted offsets where a VAGUE_RE match can start in plain text with these word tokens: the first
    words of the forms (of `forms`, those not ruled out already) whose words the text has."""
    firsts = [first for needs, first in forms if passes((needs,), words)]
    if not firsts:
        return []
    return sorted(i for word in frozenset().union(*firsts) & words for i in word_starts(text, folded, word))


WH_BEFORE = regex.compile(r"\b(?:what|whether|how|if)\s+$", _F)


class VagueAttribution(Rule):
    def check(self, doc, ctx: Context) -> Iterable[RawFinding]:
        # The forms whose words the whole document has: a plain block can only hold those.
        document_words = ctx.document_words()
        forms = [form for form in VAGUE_FORMS if passes((form[0],), document_words)]
        firsts = frozenset().union(*(form[0][0] for form in forms))
        for block in _blocks(doc):
            text = block.text
            matches = None
            if _plain(ctx, block):
                if firsts.isdisjoint(ctx.words(block)):
                    continue
                offsets = vague_starts(text, ctx.folded(text), ctx.words(block), forms)
                if not offsets:
                    continue
                matches = finditer_at(VAGUE_RE, text, offsets)
            yield from self._block(block, ctx, matches or VAGUE_RE.finditer(text))

    @staticmethod
    def _block(block, ctx: Context, matches) -> Iterable[RawFinding]:
        spans = ctx.sentence_spans(block)
        starts = [x[0] for x in spans]
        reported = set()
        for m in matches:
            i = max(0, bisect_right(starts, m.start()) - 1)
            if i in reported or m.end() > spans[i][1]:
                continue
            reported.add(i)  # one finding per sentence
            s, e = m.span("match")
            if WH_BEFORE.search(block.text, max(spans[i][0], s - 12), s):
                continue  # "find out what the research says": a pointer to evidence, not a claim
            if guards.negated(block.text, s, e) or guards.question(block.text, s, e) or guards.quoted(block.text, s, e):
                continue
            if _sourced(ctx, block, spans, i):
                continue
            yield RawFinding(
                s, e,
                f"Vague attribution \"{m.group('match')}\": name the study (authors, year, journal) or the body "
                f"that says so, or link to it.",
                block=block,
            )


VAGUE_ATTRIBUTION = VagueAttribution(
    code="HL602",
    name="vague-attribution",
    category="sourcing",
    severity=Severity.WARNING,
    summary="\"Studies show\", \"experts agree\", \"doctors recommend\" with no study or body named.",
    scope="document",
    options={"adjacent-sentences": 1},
    docs=RuleDocs(
        what="""
Reports appeals to unnamed authority: "studies show", "research has proven", "experts agree", "doctors
recommend", "a recent study found", "it is well known that", "backed by science", "according to experts", when
neither the sentence nor the sentences next to it name a source (a link, a reference, a study with its year, a
named body). Negated and quoted uses ("no studies show ...") and questions are left alone.
""",
        why="""
The JAMA benchmarks (Silberg et al., 1997) ask for attribution of every claim; HONcode principle 4 asks that
sources be referenced and principle 5 that claims be supported by evidence. The FTC treats "studies show" as an
establishment claim: the advertiser must have the studies it implies (FTC Health Products Compliance Guidance,
2022). An anonymous appeal to research gives the reader no way to check it, and is a classic marker of health
misinformation.
""",
        example="""
Studies show that collagen reverses wrinkles, and dermatologists recommend it daily.
""",
        instead="""
In a 2019 trial of 72 women, collagen supplements modestly improved skin elasticity after 12 weeks (Bolke et al.,
2019). The American Academy of Dermatology does not recommend them for wrinkles.
""",
    ),
)


# ---------------------------------------------------------------------------------------------
# HL603 weak citation

class WeakCitation(Rule):
    def check(self, doc, ctx: Context) -> Iterable[RawFinding]:
        # A match holds a journal name, hence a word token holding it: most documents have none.
        named = journal_tokens(ctx.document_words())
        if not named:
            return
        for block in _blocks(doc):
            words = ctx.words(block)
            if named.isdisjoint(words) or _plain(ctx, block) and not weak_possible(block.text, words):
                continue
            spans = ctx.sentence_spans(block)
            for i, (s, e) in enumerate(spans):
                m = next(iter(weak_citations(block.text, s, e)), None)
                if m is None or _strength(ctx, block, *_window(spans, i, _reach(ctx))) == STRONG:
                    continue
                yield RawFinding(
                    m.start(), m.end(),
                    f"Weak citation \"{m.group()}\": a journal name alone cannot be checked; add the authors, year and "
                    f"title, a DOI or a link.",
                    block=block,
                )


WEAK_CITATION = WeakCitation(
    code="HL603",
    name="weak-citation",
    category="sourcing",
    severity=Severity.INFO,
    summary="A journal named as a source with no author, year, title, DOI or link.",
    scope="document",
    options={"adjacent-sentences": 1},
    docs=RuleDocs(
        what="""
Reports a source named only by its journal ("a study published in the Journal of Nutrition", "a Lancet study
found") when neither the sentence nor the sentences next to it give an author, a year, a title, a DOI or a link.
""",
        why="""
A journal publishes thousands of papers a year: its name alone does not let a reader find the study or judge it.
The JAMA benchmarks (Silberg et al., 1997) ask for references that identify the source; HONcode principle 4
(attribution) asks for references, ideally with links. Half-citations also borrow a journal's prestige for a
claim the paper may not make.
""",
        example="""
A study published in the Journal of Nutrition found that green tea burns belly fat.
""",
        instead="""
A 2020 trial in the Journal of Nutrition (Lee et al., doi:10.1093/jn/nxaa000) found a small effect of green tea
extract on waist size.
""",
    ),
)


RULES = [UNSOURCED_STATISTIC, VAGUE_ATTRIBUTION, WEAK_CITATION]
