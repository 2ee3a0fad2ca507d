"""Readability (HL5xx): reading grade per article, long sentences, dense paragraphs.

Scores are Flesch-Kincaid grade and SMOG with medical terms counted as two-syllable words (see
_textstats). The three rules share one count of words and syllables per sentence of each prose
block (_prose); the syllable tables load lazily inside check().
"""
from __future__ import annotations

from operator import itemgetter
from typing import Iterable

from ..document import Block, Document
from ..finding import RawFinding, Severity
from .base import Context, Rule, RuleDocs

GUIDANCE = (
    "Patient materials should read at a 6th to 8th grade level: the AMA (Weiss, Health Literacy and Patient "
    "Safety, 2007) and NIH (Clear & Simple) recommend it, and CMS's Toolkit for Making Written Material Clear "
    "and Effective asks for short sentences and plain words. Over a third of US adults have basic or below-basic "
    "health literacy (NAAL 2003); text above their level is not read, or is misread."
)
PROSE_KINDS = ("paragraph", "list_item", "blockquote")
Prose = list[tuple[Block, list[tuple[int, int]], list[int]]]
COUNTS = itemgetter(2)


def _prose(doc: Document, ctx: Context) -> Prose:
    """Each prose block with its sentence spans and their packed word and syllable counts
    (_textstats.sentence_counts), counted once per lint run and shared by the three rules."""
    return ctx.memo(_prose, lambda: _count_prose(doc, ctx))


def _count_prose(doc: Document, ctx: Context) -> Prose:
    from ._textstats import sentence_counts

    prose = []
    for block in doc.blocks:
        if block.kind in PROSE_KINDS:
            spans = ctx.sentence_spans(block)
            prose.append((block, spans, sentence_counts(block.text, spans)))
    return prose


def _grade_line(st) -> str:
    return f"Flesch-Kincaid grade {st.fk_grade:.1f}, SMOG {st.smog:.1f}"


# All three rules have document scope and walk the prose blocks themselves: one call per document
# instead of one per block (or per sentence), with each finding's span relative to its block, as
# the block- and sentence-scope versions reported it. Per-block work is kept to C-level map()s
# where it can be (a Python loop step per block costs as much as counting a few words).

class ArticleGrade(Rule):
    def check(self, unit: Document, ctx: Context) -> Iterable[RawFinding]:
        from ._textstats import stats_of, stats_of_blocks

        prose = _prose(unit, ctx)
        st = stats_of_blocks(list(map(COUNTS, prose)))
        if not prose or st.words < ctx.options["min_words"] or st.fk_grade <= ctx.options["max_grade"]:
            return
        target = ctx.options["target"]
        hardest = max(prose, key=lambda p: stats_of(p[2]).fk_grade)[0]
        yield RawFinding(0, len(hardest.text), f"The article reads above the target grade {target}: {_grade_line(st)} "
                         f"over {st.words} words (medical terms counted as two syllables). Shorten sentences and use "
                         "plainer words; this is its hardest paragraph.", block=hardest)


class LongSentence(Rule):
    def check(self, unit: Document, ctx: Context) -> Iterable[RawFinding]:
        from ._textstats import WORDS

        limit = ctx.options["max_words"]
        prose = _prose(unit, ctx)
        # The largest packed count has the most words (_textstats.WORDS): most documents end here.
        if max(map(max, filter(None, map(COUNTS, prose))), default=0) >> WORDS <= limit:
            return
        for block, spans, counts in prose:
            for (start, end), packed in zip(spans, counts):
                n = packed >> WORDS
                if n > limit:
                    end = start + len(block.text[start:end].rstrip())
                    yield RawFinding(start, end, f"Long sentence: {n} words (aim for under 20, at most {limit}). "
                                     "Split it into shorter sentences, one idea each.", block=block)


class DenseParagraph(Rule):
    def check(self, unit: Document, ctx: Context) -> Iterable[RawFinding]:
        from ._textstats import WORDS, unpack

        min_words, max_grade = ctx.options["min_words"], ctx.options["max_grade"]
        prose = _prose(unit, ctx)
        for (block, _, counts), total in zip(prose, map(sum, map(COUNTS, prose))):
            if total >> WORDS < min_words:
                continue
            st = unpack(total, len(counts) - counts.count(0))
            if st.fk_grade <= max_grade:
                continue
            yield RawFinding(0, len(block.text.rstrip()), f"Hard paragraph: {_grade_line(st)} "
                             f"(target {ctx.options['target']}). Use shorter sentences and everyday words; explain "
                             "terms the reader needs.", block=block)


RULES = [
    ArticleGrade(
        "HL501", "reading-grade", "readability", Severity.WARNING,
        "The article's reading grade (Flesch-Kincaid, SMOG) is above what patient materials should be.",
        RuleDocs(
            what="Scores the article's prose with the Flesch-Kincaid grade and SMOG, counting medical terms (a drug "
                 "or condition name with no plain alternative) as two-syllable words so that the topic's vocabulary "
                 "does not dominate. Reports once per article, on its hardest paragraph, when the grade is above "
                 "`max_grade` (default 10: the target is grade 8, and grade formulas differ by a grade or two "
                 "between tools) and the article has at least `min_words` words (default 100). Syllables are "
                 "counted as textstat counts them (CMU Pronouncing Dictionary, then pyphen).",
            why=GUIDANCE,
            example="Pharmacological interventions demonstrating efficacy in ameliorating symptomatology include ...",
            instead="Medicines that can ease the symptoms include ...",
        ),
        scope="document", options={"target": 8, "max_grade": 10.0, "min_words": 100},
    ),
    LongSentence(
        "HL502", "long-sentence", "readability", Severity.INFO,
        "A sentence too long to read in one go.",
        RuleDocs(
            what="Reports a sentence in a paragraph, list item or quote with more than `max_words` words (default 35).",
            why=GUIDANCE + " Plain-language guidance (CDC Clear Communication Index, plainlanguage.gov) puts the "
                "average sentence at 15-20 words.",
            example="Because the medicine can interact with other drugs you take, including over-the-counter pain "
                    "relievers and herbal supplements, you should always tell your doctor and pharmacist about "
                    "everything you take before starting it, and again whenever something changes.",
            instead="The medicine can interact with other drugs, including pain relievers and herbal supplements. "
                    "Tell your doctor and pharmacist about everything you take.",
        ),
        scope="document", options={"max_words": 35},
    ),
    DenseParagraph(
        "HL503", "hard-paragraph", "readability", Severity.INFO,
        "A paragraph whose reading grade is far above the target.",
        RuleDocs(
            what="Scores each paragraph of at least `min_words` words (default 40) and reports it when its "
                 "Flesch-Kincaid grade is above `max_grade` (default 12), with its SMOG score.",
            why=GUIDANCE,
            example="A paragraph of long sentences full of Latinate words: 'Individuals experiencing persistent "
                    "manifestations should consult ...'.",
            instead="Short sentences with everyday words: 'If your symptoms do not go away, see your doctor.'",
        ),
        scope="document", options={"target": 8, "max_grade": 12.0, "min_words": 40},
    ),
]
