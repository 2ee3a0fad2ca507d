"""Readability (HL5xx): reading grade per article, long sentences, dense paragraphs.

Scores are Flesch-Kincaid grade and SMOG with medical terms counted as two-syllable words (see
_textstats). The three rules share one count of words and syllables of the prose blocks (_prose),
cut at sure sentence ends (segment.sure_end_re) rather than split into sentences: a block's pieces
bound its sentences (no more pieces than sentences with words; no sentence longer than its longest
piece), which settles almost every block. Only blocks the bounds leave open are split (the shared
split) and counted per sentence. The syllable tables load lazily inside check().
"""
from __future__ import annotations

from collections import namedtuple
from collections.abc import Iterable
from itertools import chain, islice, repeat
from operator import attrgetter

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
TEXT = attrgetter("text")


class Prose(namedtuple("Prose", "blocks pieces counts totals")):
    """blocks: the prose blocks; pieces: each block's number of sure pieces (one for a block without
    words); counts: the packed counts (_textstats) of every piece, block after block; totals: each
    block's packed counts (all lists)."""
    __slots__ = ()


def _prose(doc: Document, ctx: Context) -> Prose:
    """The prose blocks and their counts, counted once per lint run and shared by the three rules."""
    return ctx.memo(_prose, lambda: _count_prose(doc, ctx))


def _count_prose(doc: Document, ctx: Context) -> Prose:
    from ..segment import ABBREVIATION_ENDS, sure_end_re
    from ._textstats import counts

    # Cut with the look-behinds for the abbreviations the document can hold (segment.sure_end_re);
    # C-level map()s over the blocks: a Python loop step per block costs as much as counting a few words.
    cut = sure_end_re(ABBREVIATION_ENDS & ctx.document_words()).split
    blocks = [block for block in doc.blocks if block.kind in PROSE_KINDS]
    pieces = list(map(cut, map(TEXT, blocks)))
    lengths = list(map(len, pieces))
    packed = counts(list(chain.from_iterable(pieces)))
    return Prose(blocks, lengths, packed, list(map(sum, _by_block(packed, lengths))))


def _by_block(values: list[int], pieces: list[int]) -> Iterable[Iterable[int]]:
    """values, one per piece, as one iterator per block."""
    return map(islice, repeat(iter(values)), pieces)


def _sentence_counts(block: Block, ctx: Context) -> list[int]:
    """The packed counts of each sentence of a block (the shared split), for blocks the pieces leave
    open; counted once for the three rules."""
    from ._textstats import sentence_counts

    return ctx.memo((_sentence_counts, block), lambda: sentence_counts(block.text, ctx.sentence_spans(block)))


def _grade_line(st) -> str:
    return f"Flesch-Kincaid grade {st.fk_grade:.1f}, SMOG {st.smog:.1f}"


# All three rules have document scope and walk the prose blocks themselves: one call per document
# instead of one per block (or per sentence), with each finding's span relative to its block, as
# the block- and sentence-scope versions reported it.
# The grade screens are exact: counted with fewer sentences (pieces), the grade can only be higher
# (0.39 * words / sentences falls as sentences grow; float division and addition round monotonically),
# so a grade within the limit with the pieces is within it with the sentences.

class ArticleGrade(Rule):
    def check(self, unit: Document, ctx: Context) -> Iterable[RawFinding]:
        from ._textstats import WORDS, packed_grade, stats_of, stats_of_blocks

        max_grade = ctx.options["max_grade"]
        prose = _prose(unit, ctx)
        total = sum(prose.totals)
        if not prose.blocks or total >> WORDS < ctx.options["min_words"]:
            return
        # Each block with words has at least as many sentences with words as pieces.
        if packed_grade(total, sum(prose.pieces) - prose.totals.count(0)) <= max_grade:
            return
        sentences = [_sentence_counts(block, ctx) for block in prose.blocks]
        st = stats_of_blocks(sentences)
        if st.fk_grade <= max_grade:
            return
        target = ctx.options["target"]
        hardest = max(zip(prose.blocks, sentences), key=lambda p: stats_of(p[1]).fk_grade)[0]
        yield RawFinding(0, len(hardest.text), f"The article reads above the target grade {target}: {_grade_line(st)} "
                         f"over {st.words} words (medical terms counted as two syllables). Shorten sentences and use "
                         "plainer words; this is its hardest paragraph.", block=hardest)


class LongSentence(Rule):
    def check(self, unit: Document, ctx: Context) -> Iterable[RawFinding]:
        from ._textstats import WORDS

        limit = ctx.options["max_words"]
        prose = _prose(unit, ctx)
        # The largest packed count has the most words (_textstats.WORDS), and a sentence's words are
        # words of one piece: most documents end here.
        if max(prose.counts, default=0) >> WORDS <= limit:
            return
        for block, longest in zip(prose.blocks, map(max, _by_block(prose.counts, prose.pieces))):
            if longest >> WORDS <= limit:
                continue
            for (start, end), packed in zip(ctx.sentence_spans(block), _sentence_counts(block, ctx)):
                n = packed >> WORDS
                if n > limit:
                    end = start + len(block.text[start:end].rstrip())
                    yield RawFinding(start, end, f"Long sentence: {n} words (aim for under 20, at most {limit}). "
                                     "Split it into shorter sentences, one idea each.", block=block)


class DenseParagraph(Rule):
    def check(self, unit: Document, ctx: Context) -> Iterable[RawFinding]:
        from ._textstats import WORDS, packed_grade, stats_of

        min_words, max_grade = ctx.options["min_words"], ctx.options["max_grade"]
        prose = _prose(unit, ctx)
        for block, total, pieces in zip(prose.blocks, prose.totals, prose.pieces):
            # A block without words has grade 0 whatever its sentences; with words, pieces <= sentences.
            if total >> WORDS < min_words or packed_grade(total, pieces) <= max_grade:
                continue
            st = stats_of(_sentence_counts(block, ctx))
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
