"""Machine-garbled wording (HL4xx): spun text, misspellings, grammar slips, LanguageTool matches.

Word lists and the LanguageTool client load lazily inside check(), so a run that does not select
these rules never pays for them.
"""
from __future__ import annotations

import bisect
from collections.abc import Iterable
from functools import lru_cache

from ..document import Block, Document
from ..finding import RawFinding, Severity
from .base import Context, Rule, RuleDocs

SPINNER_GUIDANCE = (
    "Synonym-spun text is a known fingerprint of plagiarised or machine-rewritten content (Cabanac, Labbe & "
    "Magazinov, 'Tortured phrases: A dubious writing style emerging in science', 2021; COPE guidance on "
    "paper mills). Google's spam policies name automatically 'spun' content as scaled content abuse. For "
    "health readers a garbled term is worse than ugly: 'bosom peril' does not tell a patient it means "
    "breast cancer."
)


def _intended(intended: str) -> str:
    return f" (intended: '{intended}'?)" if intended else ""


def _signals(doc: Document, ctx: Context) -> list[tuple[Block, object]]:
    """Every tortured and synonym-swapped phrase in the document, with its block, in order
    (HL401-HL403 share one scan per document)."""
    return ctx.memo(_signals, lambda: _find_signals(doc, ctx))


def _find_signals(doc: Document, ctx: Context) -> list[tuple[Block, object]]:
    from . import _spun

    blocks = doc.blocks
    found = _spun.document_hits([b.text for b in blocks], ctx.document_words())
    return [(blocks[i], h) for i, hits in found for h in sorted(hits, key=lambda h: h.start)
            if not _quoted(blocks[i].text, h)]


class TorturedPhrase(Rule):
    def check(self, unit: Document, ctx: Context) -> Iterable[RawFinding]:
        for block, hit in _signals(unit, ctx):
            if hit.kind == "tortured":
                fix = hit.intended if hit.intended and ctx.options.get("fix", True) else None
                yield RawFinding(hit.start, hit.end, f"Tortured phrase '{hit.phrase}': a known spinner rewording"
                                 f"{_intended(hit.intended)}.", _match_case(hit.phrase, fix), block=block)


class SpunTerm(Rule):
    def check(self, unit: Document, ctx: Context) -> Iterable[RawFinding]:
        for block, hit in _signals(unit, ctx):
            if hit.kind == "synonym":
                yield RawFinding(hit.start, hit.end, f"'{hit.phrase}' reads like a synonym-swapped term"
                                 f"{_intended(hit.intended)}. Use the established term.", block=block)


class SpunArticle(Rule):
    def check(self, unit: Document, ctx: Context) -> Iterable[RawFinding]:
        signals = _signals(unit, ctx)
        if len(signals) < ctx.options["min_signals"]:
            return
        words = sum(len(b.text.split()) for b in unit.blocks)
        if len(signals) * 1000 < ctx.options["per_1000_words"] * words:
            return  # a few odd phrases in a long article are not a verdict on all of it
        block, first = signals[0]
        distinct = list(dict.fromkeys(h.phrase.lower() for _, h in signals))
        examples = ", ".join(f"'{p}'" for p in distinct[:3])
        yield RawFinding(first.start, first.end, f"This article is probably spun: {len(signals)} tortured or "
                         f"synonym-swapped phrases (e.g. {examples}). Rewrite it from the source rather than "
                         "fixing phrases one by one.", block=block)


QUOTES = "\"'\u201c\u201d\u2018\u2019`*_"


def _quoted(text: str, hit) -> bool:
    """A phrase in quotes or emphasis is mentioned, not used ("spinners write 'bosom peril'")."""
    return hit.start > 0 and hit.end < len(text) and text[hit.start - 1] in QUOTES and text[hit.end] in QUOTES


def _match_case(original: str, replacement: str | None) -> str | None:
    if replacement and original[:1].isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement


class Misspelling(Rule):
    def check(self, unit: Document, ctx: Context) -> Iterable[RawFinding]:
        from . import _spelling

        blocks, texts = unit.blocks, [b.text for b in unit.blocks]
        vocab = None  # the article's word counts, only once a block may hold a typo
        suspects = _spelling.suspects(ctx.document_words())
        if suspects:
            vocab = _spelling.ArticleCounts(texts, ctx.document_words())
            suspects = _spelling.reportable(suspects, vocab)
        for i in _spelling.typo_blocks(texts, suspects):
            block = blocks[i]
            if vocab is None:
                vocab = _spelling.ArticleCounts(texts, ctx.document_words())
            for typo in _spelling.find_typos(block.text, vocab):
                options = " or ".join(f"'{s}'" for s in typo.suggestions)
                fix = typo.suggestions[0] if len(typo.suggestions) == 1 else None
                yield RawFinding(typo.start, typo.end, f"Possible misspelling '{typo.word}': did you mean {options}?",
                                 fix, block=block)


class GrammarRule(Rule):
    """A finder of _grammar, run only in the blocks where the document scan lets one of its parts
    fire: on the block text for parts whose findings do not depend on sentence bounds, on each
    sentence for the others."""
    finder: str = ""

    def check(self, unit: Document, ctx: Context) -> Iterable[RawFinding]:
        grammar = _grammar()
        scan = ctx.memo(grammar.Scan, lambda: grammar.Scan([block.text for block in unit.blocks]))
        for i, parts in scan.blocks(self.finder):
            block = unit.blocks[i]
            if parts is None:
                parts = grammar.parts_for(self.finder, block.text, ctx.folded(block.text), ctx.words(block))
            for part in parts:
                if part.whole_block:
                    yield from self._findings(part.find(block.text), block, 0)
            per_sentence = [part.find for part in parts if not part.whole_block]
            if per_sentence:
                for sentence in ctx.sentences(block):
                    for find in per_sentence:
                        yield from self._findings(find(sentence.text), block, sentence.start)

    @staticmethod
    def _findings(slips, block: Block, offset: int) -> Iterable[RawFinding]:
        for slip in slips:
            yield RawFinding(offset + slip.start, offset + slip.end, slip.message, slip.replacement, block=block)


@lru_cache(maxsize=1)
def _grammar():
    """The grammar module, imported on first use (once, not per block)."""
    from . import _grammar

    return _grammar


def _grammar_rule(code, name, finder, summary, docs, fixable=True, severity=Severity.WARNING) -> GrammarRule:
    rule = GrammarRule(code, name, "garbled", severity, summary, docs, scope="document", fixable=fixable)
    rule.finder = finder
    return rule


# Both LanguageTool rules read one request per document and client (a weakref.WeakKeyDictionary
# of Document -> dict, made by _lt_matches).
_LT_MATCHES = None


class LanguageToolRule(Rule):
    """HL410 reports LanguageTool's grammar and style matches, HL411 its spelling matches, minus
    words that healthlint knows to be medical vocabulary or the article's own."""

    spelling: bool = False

    def check(self, unit: Document, ctx: Context) -> Iterable[RawFinding]:
        from ..document import PLACEHOLDER
        from . import _languagetool

        client = _languagetool.client_for(ctx.options)
        if client is None or not unit.blocks:
            return
        vocab = _article_counts(unit) if self.spelling else None
        for block, start, end, match in _lt_matches(unit, client):
            if match.spelling != self.spelling or PLACEHOLDER in block.text[start:end]:
                continue
            if vocab is not None and _accepted_word(block.text[start:end], vocab):
                continue
            rule_id = f" [{match.rule_id}]" if match.rule_id else ""
            fix = match.replacements[0] if len(match.replacements) == 1 else None
            yield RawFinding(start, end, f"{match.message}{rule_id}", fix, block=block)


def _lt_matches(doc: Document, client) -> list:
    """The blocks joined by blank lines (LanguageTool sees paragraphs), matches mapped back to blocks."""
    global _LT_MATCHES
    if _LT_MATCHES is None:
        import weakref  # only when the optional LanguageTool rules run

        _LT_MATCHES = weakref.WeakKeyDictionary()
    per_doc = _LT_MATCHES.setdefault(doc, {})
    if id(client) not in per_doc:
        starts, pos = [], 0
        for block in doc.blocks:
            starts.append(pos)
            pos += len(block.text) + 2
        out = []
        for match in client.check("\n\n".join(b.text for b in doc.blocks)):
            i = bisect.bisect_right(starts, match.start) - 1
            block, start, end = doc.blocks[i], match.start - starts[i], match.end - starts[i]
            if end <= len(block.text):  # a match across two blocks has no single place
                out.append((block, start, end, match))
        per_doc[id(client)] = out
    return per_doc[id(client)]


def _article_counts(doc: Document):
    from . import _spelling

    return _spelling.article_vocabulary([b.text for b in doc.blocks])


def _accepted_word(word: str, vocab) -> bool:
    """Drug names, medical terms and words the article uses consistently are not typos."""
    from . import _lexicon

    return _lexicon.is_medical_word(word) or vocab.get(word.lower(), 0) > 1


def _languagetool_rule(code, name, spelling, summary, docs) -> LanguageToolRule:
    rule = LanguageToolRule(
        code, name, "garbled", Severity.WARNING, summary, docs, scope="document", fixable=True, default_enabled=False,
        options={"server": "", "language": "en-US", "local": False, "disabled_rules": ["WHITESPACE_RULE"], "timeout": 20.0},
    )
    rule.spelling = spelling
    return rule


GRAMMAR_WHY = (
    "Careless grammar is one of the quality signals readers and reviewers use to judge health information "
    "(the JAMA benchmarks and HONcode ask for edited, attributable content; NIH's Clear & Simple guide asks for "
    "proofread patient text). Slips like these are also typical of machine-rewritten content."
)

RULES = [
    TorturedPhrase(
        "HL401", "tortured-phrase", "garbled", Severity.ERROR,
        "A known tortured phrase: an established term garbled by a synonym spinner.",
        RuleDocs(
            what="Finds phrases from the published list of spinner fingerprints ('bosom peril' for breast cancer, "
                 "'kidney disappointment' for kidney failure) and names the intended term. The list (7,800+ pairs "
                 "from the Problematic Paper Screener, CC BY 4.0) is filtered: pairs whose tortured side is a common "
                 "English word pair, or ordinary health English such as 'malignant growth', are left out. A phrase in "
                 "quotes is a mention, not a use, and is skipped. The fix writes the intended term (`fix = false` "
                 "reports without one).",
            why=SPINNER_GUIDANCE,
            example="Early detection of bosom peril improves survival.",
            instead="Early detection of breast cancer improves survival.",
        ),
        scope="document", fixable=True, options={"fix": True},
    ),
    SpunTerm(
        "HL402", "spun-term", "garbled", Severity.WARNING,
        "A term whose words look swapped for synonyms; the restored term is suggested.",
        RuleDocs(
            what="Reverses typical spinner substitutions (bosom -> breast, peril -> cancer, facet -> side, managed -> "
                 "controlled; mined from the tortured-phrase list by aligning each phrase with its correct form word "
                 "by word, plus a curated list) in runs of 2-3 words. It reports the wording only when the restored "
                 "phrase is an established medical term (a curated term list, or a very common English word pair "
                 "with a medical word) and the wording as written is not itself a known phrase. Medical words are "
                 "never treated as spun, and swapping two words at once needs hand-reviewed spinner words.",
            why=SPINNER_GUIDANCE,
            example="Common flu-like facet results include fever. A randomized managed preliminary found ...",
            instead="Common flu-like side effects include fever. A randomized controlled trial found ...",
        ),
        scope="document",
    ),
    SpunArticle(
        "HL403", "spun-article", "garbled", Severity.ERROR,
        "Many spun phrases in one article: the whole text is probably machine-rewritten.",
        RuleDocs(
            what="One finding per article when it holds at least `min_signals` tortured or synonym-swapped phrases "
                 "(HL401, HL402), and at least `per_1000_words` of them per 1,000 words, with the count and examples, "
                 "so an editor sees the verdict rather than fifty small findings. It is reported at the first spun "
                 "phrase.",
            why=SPINNER_GUIDANCE + " Fixing the phrases one by one leaves a plagiarised, unreviewed text behind.",
            example="An article with 'bosom peril', 'kidney disappointment', 'facet results' and 'heart assault'.",
            instead="Rewrite the article from its original sources, with a named, qualified reviewer.",
        ),
        scope="document", options={"min_signals": 3, "per_1000_words": 2.0},
    ),
    Misspelling(
        "HL404", "misspelling", "garbled", Severity.WARNING,
        "A word that is not English or medical vocabulary and is one edit away from a common word.",
        RuleDocs(
            what="Checks lowercase words against English word frequencies (pyspellchecker's list) and a medical "
                 "vocabulary (drug, anatomy and neuroscience words, plus medical suffixes such as -itis, -ectomy, "
                 "-mab, -pril, -olol, -statin). It learns the article: a rare word used more than once is the "
                 "article's vocabulary, while a one-off near miss of a frequent word is a typo. Capitalised words, "
                 "acronyms, words with digits, URLs and code are skipped. Fixable when there is one suggestion.",
            why="Misspellings cut credibility and can change meaning (a misspelt drug name can be another drug). "
                "NIH's Clear & Simple and CDC's Clear Communication Index ask for proofread patient materials; "
                "typos are also a marker of unreviewed, machine-made pages.",
            example="Common symtoms include high blood presure.",
            instead="Common symptoms include high blood pressure.",
        ),
        scope="document", fixable=True,
    ),
    _grammar_rule(
        "HL405", "repeated-word", "repeated_words", "The same word twice in a row ('the the').",
        RuleDocs(
            what="Finds a word repeated back to back, except repetitions that are grammatical ('had had', 'that "
                 "that') or emphatic ('very very'). The fix deletes the second word.",
            why=GRAMMAR_WHY,
            example="Take the the tablet with food.",
            instead="Take the tablet with food.",
        ),
    ),
    _grammar_rule(
        "HL406", "confused-word", "confused_words", "A word confused with a near homophone: it's/its, could of, more then.",
        RuleDocs(
            what="Finds \"it's\" used as a possessive (\"it's own\", \"it's side effects\"), \"its\" where \"it's\" is "
                 "meant (\"its not\", \"its been\"), \"could/should/would of\" for \"have\", and \"then\" after a "
                 "comparative (\"more then\"). Each has a fix.",
            why=GRAMMAR_WHY,
            example="The drug has it's own risks; you should of asked. It works better then placebo.",
            instead="The drug has its own risks; you should have asked. It works better than placebo.",
        ),
    ),
    _grammar_rule(
        "HL407", "agreement", "agreement",
        "Determiner/noun or subject/verb number disagreement ('these treatment', 'doctors recommends').",
        RuleDocs(
            what="Finds number slips with common health nouns: a plural determiner with a singular noun ('these "
                 "treatment'), a singular determiner with a plural noun ('a medications'), 'a'/'an' before the "
                 "wrong sound ('an patient'), and a subject and verb that disagree ('doctors recommends', 'the "
                 "study show'). Compound nouns ('these treatment options') and 'the number of patients has' are "
                 "left alone.",
            why=GRAMMAR_WHY,
            example="These treatment can help. Doctors recommends a medications review.",
            instead="These treatments can help. Doctors recommend a medication review.",
        ),
        fixable=True,
    ),
    _grammar_rule(
        "HL408", "missing-word", "missing_words", "A quantifier missing 'of' before its noun ('a number patients').",
        RuleDocs(
            what="Finds a quantifier that needs 'of' before its noun phrase: 'a number patients', 'a lot people', "
                 "'most the time'. The fix inserts 'of'.",
            why=GRAMMAR_WHY,
            example="A number patients stop taking the drug; most the side effects are mild.",
            instead="A number of patients stop taking the drug; most of the side effects are mild.",
        ),
    ),
    _languagetool_rule(
        "HL410", "languagetool", False,
        "A grammar or style match from a LanguageTool server (optional extra, off by default).",
        RuleDocs(
            what="Sends the article's prose (its blocks, joined by blank lines) to a LanguageTool server's /v2/check and reports "
                 "its grammar and style matches at their exact positions, with LanguageTool's rule id (spelling "
                 "matches are HL411). Off by default: enable it with `select = [\"HL410\"]` (or `--select HL410`) "
                 "and set the server with the `server` option or the HEALTHLINT_LANGUAGETOOL_URL environment "
                 "variable (until one is set the rule reports nothing, so that `select = [\"ALL\"]` works without a "
                 "server); `local = true` starts a local LanguageTool through language-tool-python (`pip install "
                 "healthlint[languagetool]`, needs Java). `disabled_rules` lists LanguageTool rule ids to ignore. "
                 "An unreachable server is an input error (exit 2).",
            why=GRAMMAR_WHY + " LanguageTool covers thousands of patterns this offline rule set does not.",
            example="He go to the clinic every weeks.",
            instead="He goes to the clinic every week.",
        ),
    ),
    _languagetool_rule(
        "HL411", "languagetool-spelling", True,
        "A spelling match from a LanguageTool server, minus medical vocabulary (optional extra, off by default).",
        RuleDocs(
            what="LanguageTool's spelling matches (its TYPOS category), configured like HL410 (its own `server` "
                 "option, or the shared HEALTHLINT_LANGUAGETOOL_URL). A general dictionary flags drug names and "
                 "anatomy, so words that healthlint knows as medical (HL404's vocabulary and suffixes) or that the "
                 "article uses more than once are dropped. Use it instead of HL404 when you run LanguageTool.",
            why="Misspellings cut credibility and can change meaning (a misspelt drug name can be another drug); "
                "NIH's Clear & Simple and CDC's Clear Communication Index ask for proofread patient materials.",
            example="Common symtoms include fever.",
            instead="Common symptoms include fever.",
        ),
    ),
]

