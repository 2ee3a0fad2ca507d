"""Disclaimer and safety rules (HL7xx): the framing readers, editors and regulators expect around
health advice: a medical disclaimer, crisis resources, safe wording about suicide, the risks of what is
promoted, and who reviewed the article and when."""
from __future__ import annotations

from collections.abc import Iterable, Iterator

import regex

from .. import rxcache
from ..document import Document
from ..finding import Fix, RawFinding, Severity
from . import guards
from ._advice import (
    BENEFIT_RE, DISCLAIMER_RE, DIRECTIVE_START, DOSE_CONTEXT, DOSE_RE, GENERIC_TREATMENT, HEDGE_RE, DENIAL_WORDS,
    RISK_DENIAL_RE, RISK_RE, RISK_WORDS, SCHEDULE, SELLING_RE, TREATMENT_RE, advice_spans,
)
from ._crisis import (
    MENTION_RE, RESOURCE_HOSTS, UNSAFE_RE, resource_parts, resource_pattern, suggestion, unsafe_wording,
)
from ._review import CREDENTIAL_RE, as_text, is_blank, key_span, months_between, parse_date, top_span
from ..rxcache import is_word, split_key
from .base import Context, Rule, RuleDocs
from .screen import DocumentLiterals, Gate, LiteralIndex, as_screen, piece_key

PROSE_KINDS = ("paragraph", "list_item", "table_cell", "blockquote")
POLICIES = ("always", "when-advice", "never")
DEFAULT_DISCLAIMER = (
    "This article is for general information only and is not a substitute for professional medical advice. "
    "Talk to your doctor or pharmacist before you start, stop or change any treatment."
)


def _block_finding(block, start: int, end: int, message: str, **kw) -> RawFinding:
    return RawFinding(start, end, message, block=block, **kw)


def _top_finding(doc: Document, message: str, **kw) -> RawFinding:
    s, e = top_span(doc)
    return RawFinding(s, e, message, absolute=True, **kw)


# ---------------------------------------------------------------------------------------------
# Literal screens: most articles never mention suicide, and most blocks hold no disclaimer, risk
# or treatment word, so the rules look for the literals their patterns need (rxcache.literal_screen:
# exact by construction, with whole-word marks) before running the patterns: first in the
# document's word tokens (which the engine computes anyway), then in a block's. The tokens are
# casefolded regex \w runs, and "İ" also counts as "i": the only characters that IGNORECASE
# matches to an ASCII letter are "İ", "ſ" and the Kelvin sign, which casefold to it, so a token
# holds every literal that a match of the patterns holds, at the word edges \b sees.

# The HL70x literals, in an index of their own (the pack rules' index plans on all its literals).
_INDEX = LiteralIndex()


def _word_key(literal: str) -> str | None:
    """The literal, or for one with spaces or punctuation, a word key it holds (None: none)."""
    return literal if is_word(split_key(literal)[0]) else piece_key(literal)


def _screen(pattern: regex.Pattern) -> Gate:
    """The pattern's literal screen, with word keys only (a group left with none is dropped: a
    weaker screen, still exact)."""
    alternatives = []
    for alt in rxcache.literal_screen(pattern.pattern, pattern.flags) or [()]:
        groups = [{_word_key(lit) for lit in group} for group in alt]
        groups = [g for g in groups if None not in g]
        if not groups:
            raise ValueError(f"an alternative of {pattern.pattern[:60]!r} needs no word we can look up")
        alternatives.append(groups)
    return _INDEX.gate(as_screen(alternatives))


DISCLAIMER_SCREEN = _screen(DISCLAIMER_RE)
MENTION_SCREEN = _screen(MENTION_RE)
UNSAFE_SCREEN = _screen(UNSAFE_RE)
RISK_SCREEN = _screen(RISK_RE)
DENIAL_SCREEN = _screen(RISK_DENIAL_RE)
TREATMENT_SCREEN = _screen(TREATMENT_RE)
BENEFIT_SCREEN = _screen(BENEFIT_RE)
SELLING_SCREEN = _screen(SELLING_RE)
# Each built-in resource pattern on its own: a block holds a resource if one of them matches, and
# each is screened by its own (finer) literals.
RESOURCES = {part: (compiled, _screen(compiled)) for part in resource_parts("any")
             for compiled in [resource_pattern(part)]}
DIRECTIVE_SCREEN = _screen(DIRECTIVE_START)
DOSE_SCREENS = (_screen(DOSE_RE), _screen(SCHEDULE), _screen(DOSE_CONTEXT))


def _literals(ctx: Context) -> DocumentLiterals:
    """The document's literals (dl.literals) and each block's (dl.present(block)), found once for
    all the HL70x rules; screen.blocks(dl) gives the blocks that pass a screen, in order."""
    return _INDEX.document(ctx.document, ctx)


def _first_blocks(screen: Gate, dl: DocumentLiterals, blocks) -> Iterator:
    """The blocks that pass a screen, found one by one: for a search that usually stops at the first
    (screen.blocks(dl) finds all of them at once, for a screen that few blocks pass)."""
    if screen.passes(dl.literals):
        for block in blocks:
            if screen.passes(dl.present(block)):
                yield block


def _may_advise(literals: frozenset[str]) -> bool:
    """advice_spans needs a directive (an act verb), or a dose with a schedule and a dose word."""
    dose, schedule, context = DOSE_SCREENS
    return DIRECTIVE_SCREEN.passes(literals) or (
        dose.passes(literals) and schedule.passes(literals) and context.passes(literals))


# ---------------------------------------------------------------------------------------------
# HL701 missing disclaimer

def _compile_house(pattern: str) -> regex.Pattern | None:
    if not pattern:
        return None
    try:
        return regex.compile(pattern, regex.IGNORECASE | regex.V0)
    except regex.error:
        return regex.compile(regex.escape(pattern), regex.IGNORECASE)  # a plain sentence, not a regex


def has_disclaimer(doc: Document, ctx: Context, house: regex.Pattern | None) -> bool:
    if house is None and doc.front_matter.get("disclaimer") not in (None, False, "", "false", "no"):
        return True  # the site template prints it
    if house is not None:
        return any(house.search(b.text) for b in doc.blocks)
    # Any block will do. The last one first, unscreened: that is where disclaimers usually are, so
    # one search settles most articles.
    blocks = doc.blocks
    return bool(blocks) and (DISCLAIMER_RE.search(blocks[-1].text) is not None or any(
        DISCLAIMER_RE.search(b.text) for b in _first_blocks(DISCLAIMER_SCREEN, _literals(ctx), reversed(blocks[:-1]))))


def first_advice(doc: Document, ctx: Context) -> tuple[object, int, int] | None:
    dl = _literals(ctx)
    if not _may_advise(dl.literals):
        return None  # no advice anywhere
    for block in doc.blocks:
        for s, e in _advice(dl, ctx, block):
            return block, s, e
    return None


def _advice(dl: DocumentLiterals, ctx: Context, block):
    """advice_spans of a prose block (none without the literals they need)."""
    if block.kind in PROSE_KINDS and _may_advise(dl.present(block)):
        yield from advice_spans(block.text, ctx.sentence_spans(block))


def disclaimer_fix(doc: Document, text: str) -> Fix:
    """Append the disclaimer as a paragraph of the document's own format."""
    src = doc.text
    if doc.format == "html":
        import html

        para = f"<p>{html.escape(text, quote=False)}</p>\n"
        at = src.lower().rfind("</body>")
        if at >= 0:
            return Fix(at, at, para)
        return Fix(len(src), len(src), ("" if src.endswith("\n") or not src else "\n") + para)
    # "\n" becomes the file's own line ending when the fix is applied; end with one blank line before.
    breaks = src[len(src.rstrip("\r\n")):].count("\n") or src[len(src.rstrip("\r\n")):].count("\r")
    sep = "\n" * max(0, 2 - breaks) if src.strip() else ""
    return Fix(len(src), len(src), sep + text + "\n")


class MissingDisclaimer(Rule):
    def check(self, doc: Document, ctx: Context) -> Iterable[RawFinding]:
        policy = str(ctx.options.get("policy", "when-advice")).lower()
        if policy not in POLICIES:
            raise ValueError(f"HL701: option `policy` must be one of {', '.join(POLICIES)}, not {policy!r}")
        if policy == "never" or not doc.blocks:
            return
        house = _compile_house(str(ctx.options.get("pattern") or ""))
        if has_disclaimer(doc, ctx, house):
            return  # whatever the advice (most articles end with a disclaimer: this settles them first)
        advice = first_advice(doc, ctx)
        if policy == "when-advice" and advice is None:
            return
        text = str(ctx.options.get("text") or DEFAULT_DISCLAIMER)
        fix = disclaimer_fix(doc, text) if (house or DISCLAIMER_RE).search(text) else None
        what = "the house disclaimer" if house else "a medical disclaimer"
        if advice is not None:
            block, s, e = advice
            phrase = " ".join(block.text[s:e].split())[:60]
            reason = f"it tells readers what to take or do (\"{phrase}\")"
        else:
            reason = "the site's policy asks for one on every article"
        yield _top_finding(
            doc,
            f"No medical disclaimer: {reason}, but the article lacks {what} saying it does not replace "
            f"professional advice and readers should talk to their doctor or pharmacist.",
            fix=fix,
        )


MISSING_DISCLAIMER = MissingDisclaimer(
    code="HL701",
    name="missing-disclaimer",
    category="disclaimer",
    severity=Severity.WARNING,
    summary="An article that tells readers what to take or do has no medical disclaimer.",
    scope="document",
    fixable=True,
    options={"policy": "when-advice", "pattern": "", "text": DEFAULT_DISCLAIMER},
    docs=RuleDocs(
        what="""
Reports, once, at the top of the article, an article without a medical disclaimer: a statement that it is for
information only, does not replace professional medical advice, or that readers should talk to their doctor,
pharmacist or healthcare provider (phrased in any of the usual ways; "consult a healthcare provider", "ask your
pharmacist before ...", "not a substitute for professional medical advice"). A line saying a treatment "should
be supervised by a doctor" is a safety caveat, not a disclaimer. A front-matter key `disclaimer: true` says the
site template prints one. `policy` chooses when one is needed: `when-advice` (default) when the article tells
the reader to take, use, start or stop a treatment or gives a dose and schedule ("take 2 capsules a day");
`always`; or `never`. `pattern` (a regular expression) requires the house wording instead of any disclaimer.
The fix appends `text` (by default a standard disclaimer) at the end of the file as a paragraph, or before
`</body>` in HTML.
""",
        why="""
HONcode principle 2 (complementarity) requires that health information support, not replace, the relationship
between patients and their doctors, and say so. Readers act on health articles; the NIH and NHS ask patients
to talk to a professional before starting or stopping a treatment, and publishers that give advice without
this framing expose readers to harm and themselves to liability.
""",
        example="""
Take 500 mg of magnesium every night and stop your sleeping pills after a week.
""",
        instead="""
Some people take magnesium for sleep, but the evidence is weak. This article is for general information only and
is not a substitute for professional medical advice: talk to your doctor before you stop any prescribed medicine.
""",
    ),
)


# ---------------------------------------------------------------------------------------------
# HL702 missing crisis resource

class MissingCrisisResource(Rule):
    def check(self, doc: Document, ctx: Context) -> Iterable[RawFinding]:
        dl = _literals(ctx)
        first = next(((block, m) for block, _ in MENTION_SCREEN.blocks(dl) if (m := MENTION_RE.search(block.text))), None)
        if first is None:
            return
        country = str(ctx.options.get("country") or "any")
        # A user's patterns are compiled on their own and searched unscreened: in one alternation
        # with the built-in ones, their inline flags or group numbers would change how those match.
        resources = [RESOURCES[p] for p in resource_parts(country)] + [
            (resource_pattern(p), None) for p in ctx.options.get("resources") or [] if p]
        if any(h in link.href.lower() for block in doc.blocks for link in block.links for h in RESOURCE_HOSTS) or any(
                pattern.search(block.text) for pattern, screen in resources
                for block in (doc.blocks if screen is None else [b for b, _ in screen.blocks(dl)])):
            return
        block, m = first
        yield _block_finding(
            block, m.start(), m.end(),
            f"Mentions \"{m.group()}\" but gives no crisis resource: {suggestion(country)}, or tell readers to "
            f"call their local emergency number (WHO; reportingonsuicide.org).",
        )


MISSING_CRISIS_RESOURCE = MissingCrisisResource(
    code="HL702",
    name="missing-crisis-resource",
    category="disclaimer",
    severity=Severity.WARNING,
    summary="Suicide or self-harm is mentioned with no crisis line or emergency number.",
    scope="document",
    options={"country": "any", "resources": []},
    regex_options=("resources",),
    docs=RuleDocs(
        what="""
Reports the first mention of suicide, suicidal thoughts or self-harm in an article that gives no crisis
resource anywhere: a crisis or suicide line, a helpline, an emergency number or service, or a link to one
(988lifeline.org, samaritans.org, findahelpline.com ...). `country` (`any` by default, or US, UK, IE, CA, AU, NZ)
chooses which national resources count and which one the message suggests (US: 988 Suicide & Crisis Lifeline,
Crisis Text Line, 911; UK: Samaritans 116 123, Shout, 999, NHS 111 ...). `resources` adds regular expressions for
your own resources.
""",
        why="""
The WHO's guide for media professionals on preventing suicide (2023) and the Recommendations for Reporting on
Suicide (reportingonsuicide.org) ask every piece that discusses suicide to tell readers where to get help:
information about crisis lines reduces risk among vulnerable readers (the "Papageno effect").
""",
        example="""
Some people with depression have thoughts of suicide.
""",
        instead="""
Some people with depression have thoughts of suicide. If you are thinking about suicide, call or text 988 (US)
or call Samaritans on 116 123 (UK and Ireland), or your local emergency number.
""",
    ),
)


# ---------------------------------------------------------------------------------------------
# HL703 unsafe suicide wording

def _match_case(original: str, replacement: str) -> str:
    return replacement[:1].upper() + replacement[1:] if original[:1].isupper() else replacement


class SuicideWording(Rule):
    # Document scope: one test of the document's literals skips the (nearly) all articles
    # without the wording, instead of a pattern search in every block.
    def check(self, doc: Document, ctx: Context) -> Iterable[RawFinding]:
        for block, _ in UNSAFE_SCREEN.blocks(_literals(ctx)):
            yield from self._block(block)

    def _block(self, block) -> Iterable[RawFinding]:
        for s, e, replacement, fixable in unsafe_wording(block.text):
            if guards.quoted(block.text, s, e):
                continue  # discussing the phrase itself, as style guides do
            phrase = block.text[s:e]
            fix = _match_case(phrase, replacement) if fixable else None
            yield RawFinding(
                s, e,
                f"\"{phrase}\": safe-messaging guidelines advise against this wording; say \"{replacement}\" "
                f"instead (WHO; reportingonsuicide.org).",
                fix_replacement=fix, block=block,
            )


SUICIDE_WORDING = SuicideWording(
    code="HL703",
    name="suicide-wording",
    category="disclaimer",
    severity=Severity.WARNING,
    summary="Wording that safe-messaging guidelines warn against, such as \"committed suicide\".",
    scope="document",
    fixable=True,
    docs=RuleDocs(
        what="""
Reports "committed suicide" (and commit, commits, committing), "successful" or "completed suicide", "failed
suicide attempt", "suicide epidemic" and "suicide victim", and suggests the wording the guidelines recommend
("died by suicide", "suicide attempt", "rising suicide rates"). The fix replaces the forms whose replacement is
grammatical in any sentence ("committed suicide" -> "died by suicide", "failed suicide attempt" -> "suicide
attempt"); the others are left to the writer. Quoted phrases (a style guide discussing them) are left alone.
""",
        why="""
"Commit" frames suicide as a crime or sin, "successful" frames death as an achievement, and "epidemic"
sensationalises. The WHO guide for media professionals (2023) and reportingonsuicide.org ask writers to avoid
them because such framing is linked to stigma, which stops people seeking help, and to contagion.
""",
        example="""
The singer committed suicide last year, part of what some call a suicide epidemic.
""",
        instead="""
The singer died by suicide last year, as suicide rates rose in the region.
""",
    ),
)


# ---------------------------------------------------------------------------------------------
# HL704 risks not mentioned

def _promotion_evidence(doc: Document, ctx: Context) -> tuple[object, int, int, str] | None:
    """The first promotional sentence, if the article promotes a treatment: at least two sentences pair
    a treatment with an unhedged benefit, and it sells or tells the reader to use it."""
    dl = _literals(ctx)
    literals = dl.literals
    if not (TREATMENT_SCREEN.passes(literals) and BENEFIT_SCREEN.passes(literals)
            and (SELLING_SCREEN.passes(literals) or _may_advise(literals))):
        return None  # no claim, or nothing sold or advised, anywhere in the article
    first, claims, selling = None, 0, False
    for block in doc.blocks:
        if block.kind not in PROSE_KINDS and block.kind != "heading":
            continue
        present = dl.present(block)
        sells = SELLING_SCREEN.passes(present)
        if not (TREATMENT_SCREEN.passes(present) and TREATMENT_RE.search(block.text)):
            if not selling and block.kind in PROSE_KINDS:
                selling = (sells and SELLING_RE.search(block.text) is not None
                           or any(True for _ in _advice(dl, ctx, block)))
            continue
        claimed = BENEFIT_SCREEN.passes(present)
        for s, e in ctx.sentence_spans(block):
            sentence = block.text[s:e]
            if claimed and BENEFIT_RE.search(sentence) and TREATMENT_RE.search(sentence) and not HEDGE_RE.search(sentence):
                claims += 1
                if first is None:  # point at a named product ("gummies") rather than "treatment" if there is one
                    found = list(TREATMENT_RE.finditer(sentence))
                    t = next((m for m in found if not GENERIC_TREATMENT.match(m.group())), found[0])
                    first = (block, s + t.start(), s + t.end(), sentence)
            selling = selling or sells and SELLING_RE.search(sentence) is not None
        if not selling:
            selling = any(True for _ in _advice(dl, ctx, block))
        if claims >= 2 and selling:
            break  # nothing later changes the answer
    return first if claims >= 2 and selling else None


def mentions_risks(doc: Document, ctx: Context) -> bool:
    # Most articles name a risk early, in an ASCII block without a word a denial needs: there the
    # risk word is a match, so that settles it with no screen or search.
    if not RISK_WORDS.isdisjoint(ctx.document_words()) and any(
            block.text.isascii() and not RISK_WORDS.isdisjoint(words := ctx.words(block)) and DENIAL_WORDS.isdisjoint(words)
            for block in doc.blocks):
        return True
    # A block without the risk words cannot match, with or without denials blanked out.
    dl = _literals(ctx)
    for block in _first_blocks(RISK_SCREEN, dl, doc.blocks):
        text = block.text
        if DENIAL_SCREEN.passes(dl.present(block)):
            text = RISK_DENIAL_RE.sub(lambda m: " " * len(m.group()), text)
        if RISK_RE.search(text):
            return True
    return False


class RisksNotMentioned(Rule):
    def check(self, doc: Document, ctx: Context) -> Iterable[RawFinding]:
        # Most articles mention some risk early on: that settles it before the costlier search
        # for promotion (the finding needs both, so the order changes nothing).
        if mentions_risks(doc, ctx):
            return
        evidence = _promotion_evidence(doc, ctx)
        if evidence is None:
            return
        block, s, e, sentence = evidence
        quote = sentence if len(sentence) <= 70 else sentence[:70].rsplit(" ", 1)[0] + " ..."
        yield _block_finding(
            block, s, e,
            f"The article promotes {block.text[s:e]} (\"{quote}\") but says nothing about risks, side effects "
            f"or who should not use it (DISCERN question 11); add them, even if they are rare.",
        )


RISKS_NOT_MENTIONED = RisksNotMentioned(
    code="HL704",
    name="risks-not-mentioned",
    category="disclaimer",
    severity=Severity.INFO,
    summary="A treatment is promoted with no word on risks, side effects or who should not use it.",
    scope="document",
    docs=RuleDocs(
        what="""
Reports, once, an article that promotes a treatment, product or procedure (at least two unhedged benefit claims
about it, plus a recommendation, a dose to take or a sales pitch) and never mentions risks, side effects,
interactions, warnings or who should not use it. Denials ("no side effects", "risk-free") do not count as
describing risks. The finding points at the first promoted treatment.
""",
        why="""
DISCERN (Charnock et al., 1999), the standard instrument for judging written information about treatment
choices, asks "Does it describe the risks of each treatment?" (question 11). HONcode principle 5 asks for
balanced evidence, and the FTC requires that advertising disclose material safety information. Benefits without
risks are the signature of promotion.
""",
        example="""
Our ashwagandha gummies melt stress away and boost energy. The gummies work in days: take two every morning
for best results.
""",
        instead="""
Ashwagandha may ease stress a little in some people. It can upset your stomach, interacts with thyroid and
sedative medicines, and is not recommended during pregnancy.
""",
    ),
)


# ---------------------------------------------------------------------------------------------
# HL705 authorship, HL706 review date (front matter)

AUTHOR_KEYS = ["author", "authors", "reviewed_by", "reviewer", "medically_reviewed_by", "medical_reviewer"]
DATE_KEYS = ["last_reviewed", "reviewed", "review_date", "last_reviewed_date", "reviewed_on", "medically_reviewed"]


class Authorship(Rule):
    def check(self, doc: Document, ctx: Context) -> Iterable[RawFinding]:
        keys = [k for k in ctx.options.get("keys") or AUTHOR_KEYS]
        present = [(k, doc.front_matter[k]) for k in keys if k in doc.front_matter]
        for key, value in present:
            if is_blank(value):
                s, e = key_span(doc, key)
                shown = as_text(value)
                what = f"a placeholder ({shown!r})" if shown else "empty"
                yield RawFinding(s, e, f"Front matter `{key}` is {what}: name the author or medical reviewer.",
                                 absolute=True)
        named = [(k, v) for k, v in present if not is_blank(v)]
        if not named:
            if ctx.options.get("require-author") and not present:
                s, e = key_span(doc, keys[0]) if doc.front_matter_span else top_span(doc)
                yield RawFinding(s, e, f"No author or medical reviewer named (front matter: {', '.join(keys)}).",
                                 absolute=True)
            return
        if ctx.options.get("require-credentials") and not any(CREDENTIAL_RE.search(as_text(v)) for _, v in named):
            key = named[0][0]
            s, e = key_span(doc, key)
            yield RawFinding(
                s, e, f"`{key}` names no credentials: add the author's or reviewer's qualification "
                      f"(\"MD\", \"RN\", \"PharmD\", \"registered dietitian\").", absolute=True)


AUTHORSHIP = Authorship(
    code="HL705",
    name="missing-authorship",
    category="disclaimer",
    severity=Severity.WARNING,
    summary="Front matter leaves the author or medical reviewer blank, or (if required) unnamed or without credentials.",
    scope="document",
    options={"keys": AUTHOR_KEYS, "require-author": False, "require-credentials": False},
    docs=RuleDocs(
        what="""
Checks the author and reviewer fields of the front matter (`keys`: author, authors, reviewed_by, reviewer,
medically_reviewed_by, medical_reviewer). By default it only reports a field that is present but blank or a
placeholder ("TBD", "TODO", "N/A"). Sites that require authorship turn on `require-author` (some field must name
someone) and `require-credentials` (the name must carry a qualification such as MD, RN, PharmD, PhD, "registered
dietitian" or a profession).
""",
        why="""
The JAMA benchmarks for health information (Silberg et al., JAMA 1997) put authorship first: authors and
contributors, their affiliations and relevant credentials. HONcode principle 1 (authority) asks that medical
advice be given by qualified professionals, or say when it is not.
""",
        example="""
---
title: Managing migraines
reviewed_by: TBD
---
""",
        instead="""
---
title: Managing migraines
reviewed_by: Dr. Maria Lopez, MD, neurologist
---
""",
    ),
)


class ReviewDate(Rule):
    def check(self, doc: Document, ctx: Context) -> Iterable[RawFinding]:
        keys = list(ctx.options.get("keys") or DATE_KEYS)
        key = next((k for k in keys if k in doc.front_matter), None)
        if key is None:
            if ctx.options.get("require-review-date"):
                s, e = key_span(doc, keys[0]) if doc.front_matter_span else top_span(doc)
                yield RawFinding(s, e, f"No review date: add `{keys[0]}` to the front matter.", absolute=True)
            return
        import datetime as dt  # only when a review date is read

        value = doc.front_matter[key]
        date = parse_date(value)
        today = dt.date.today()
        if date is None:
            yield RawFinding(*key_span(doc, key), f"`{key}` is not a date ({as_text(value)!r}): use YYYY-MM-DD.",
                             absolute=True)
        elif date > today + dt.timedelta(days=1):
            yield RawFinding(*key_span(doc, key), f"`{key}` ({date.isoformat()}) is in the future.", absolute=True)
        else:
            max_age = int(ctx.options.get("max-age-months") or 0)
            age = months_between(date, today) if max_age else 0
            if max_age and age > max_age:
                yield RawFinding(
                    *key_span(doc, key), f"Last reviewed {date.isoformat()}, {age} months ago (more than {max_age}): "
                                         f"review the article and update `{key}`.", absolute=True)


REVIEW_DATE = ReviewDate(
    code="HL706",
    name="review-date",
    category="disclaimer",
    severity=Severity.WARNING,
    summary="The front matter's review date is invalid or in the future, or (if required) missing or stale.",
    scope="document",
    options={"keys": DATE_KEYS, "require-review-date": False, "max-age-months": 0},
    docs=RuleDocs(
        what="""
Checks the review date in the front matter (`keys`: last_reviewed, reviewed, review_date, last_reviewed_date,
reviewed_on, medically_reviewed). By default it reports only a date that is not a date ("TBD", "spring") or lies
in the future. Sites that require a review date turn on `require-review-date`; `max-age-months` (0 = off)
reports an article whose last review is older than that.
""",
        why="""
Currency is one of the four JAMA benchmarks (Silberg et al., JAMA 1997): dates when content was posted and
updated. HONcode principle 4 asks that pages show when they were last modified. Medical guidance changes (doses,
screening ages, drug warnings), and readers cannot tell stale advice from current advice without a date.
""",
        example="""
---
last_reviewed: 2015-03-01   # with max-age-months = 24
---
""",
        instead="""
---
last_reviewed: 2024-11-02
---
""",
    ),
)


RULES = [MISSING_DISCLAIMER, MISSING_CRISIS_RESOURCE, SUICIDE_WORDING, RISKS_NOT_MENTIONED, AUTHORSHIP, REVIEW_DATE]
