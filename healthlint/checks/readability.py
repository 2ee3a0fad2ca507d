"""Readability (HL5xx): reading grade per article, long sentences, dense paragraphs.

Scores are Flesch-Kincaid grade and SMOG with medical terms counted as two-syllable words (see
_textstats). The hyphenation dictionary loads lazily inside check().
"""
from __future__ import annotations

from typing import Iterable

from ..document import Block, Document, Sentence
from ..finding import RawFinding, Severity
from .base import Context, Rule, RuleDocs

GUIDANCE = (
    "Patient materials should read at a 6th to 8th grade level: the AMA (Weiss, Health Literacy and Patient "
    "Safety, 2007) and NIH (Clear & Simple) recommend it, and CMS's Toolkit for Making Written Material Clear "
    "and Effective asks for short sentences and plain words. Over a third of US adults have basic or below-basic "
    "health literacy (NAAL 2003); text above their level is not read, or is misread."
)
PROSE_KINDS = ("paragraph", "list_item", "blockquote")


def _grade_line(st) -> str:
    return f"Flesch-Kincaid grade {st.fk_grade:.1f}, SMOG {st.smog:.1f}"


class ArticleGrade(Rule):
    def check(self, unit: Document, ctx: Context) -> Iterable[RawFinding]:
        from . import _textstats as ts

        blocks = [b for b in unit.blocks if b.kind in PROSE_KINDS]
        sentences = [s.text for b in blocks for s in ctx.sentences(b)]
        st = ts.stats(sentences)
        if st.words < ctx.options["min_words"] or st.fk_grade <= ctx.options["max_grade"]:
            return
        target = ctx.options["target"]
        hardest = max(blocks, key=lambda b: ts.stats([s.text for s in ctx.sentences(b)]).fk_grade)
        yield RawFinding(0, len(hardest.text), f"The article reads above the target grade {target}: {_grade_line(st)} "
                         f"over {st.words} words (medical terms counted as two syllables). Shorten sentences and use "
                         "plainer words; this is its hardest paragraph.", block=hardest)


class LongSentence(Rule):
    def check(self, unit: Sentence, ctx: Context) -> Iterable[RawFinding]:
        from . import _textstats as ts

        if unit.block.kind not in PROSE_KINDS:
            return
        n = len(ts.words(unit.text))
        if n > ctx.options["max_words"]:
            text = unit.text.rstrip()
            yield RawFinding(0, len(text), f"Long sentence: {n} words (aim for under 20, at most {ctx.options['max_words']}). "
                             "Split it into shorter sentences, one idea each.")


class DenseParagraph(Rule):
    def check(self, unit: Block, ctx: Context) -> Iterable[RawFinding]:
        from . import _textstats as ts

        if unit.kind not in PROSE_KINDS:
            return
        st = ts.stats([s.text for s in ctx.sentences(unit)])
        if st.words < ctx.options["min_words"] or st.fk_grade <= ctx.options["max_grade"]:
            return
        yield RawFinding(0, len(unit.text.rstrip()), f"Hard paragraph: {_grade_line(st)} (target {ctx.options['target']}). "
                         "Use shorter sentences and everyday words; explain terms the reader needs.")


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
        scope="sentence", options={"max_words": 35},
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
        scope="block", options={"target": 8, "max_grade": 12.0, "min_words": 40},
    ),
]
