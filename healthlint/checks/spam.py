"""Spam rules (HL2xx): commercial content injected into editorial health text.

Each rule scores a combination of signals rather than matching a word: a drug name is ordinary
health prose, and only a commercial context (price, channel, imperative, "no prescription")
makes it pharmacy spam. Discussion of spam (quoted ad copy, "beware of sites that ...", negated
advice, questions) is excused by the shared context guards.

The call-to-action rule (HL204) is declarative data in rules/spam.toml.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

import regex

from ..finding import Fix, RawFinding, Severity, replace
from ..segment import ABBREVIATIONS
from . import guards
from ._chrome import line_delete_fix
from ._spamlex import (CYRILLIC, GOODS, INN_STEM, OBFUSCATED, SPAM_DRUGS, Vocabulary, block_texts, delete_span_fix,
                       deobfuscate, is_drug, letter_runs, obfuscated_drug, per_document, plain)
from .base import Rule, RuleDocs

_F = regex.IGNORECASE | regex.V0

# Guards that turn a commercial phrase into discussion of one.
DISCUSSION = (guards.negated, guards.quoted, guards.question)


def _discussed(block, text: str, start: int, end: int, ctx) -> bool:
    return any(g(text, start, end) for g in DISCUSSION) or guards.reported(text, start, end, unit=block, ctx=ctx)


def _sentence_fix(ctx, sentence) -> Fix | None:
    """Delete an injected sentence: the whole line(s) when it is the whole block, else the
    sentence and one space, when its source is a verbatim copy."""
    block = sentence.block
    if sentence.start == 0 and sentence.end >= len(block.text.rstrip()):
        span = line_delete_fix(ctx.document, [(block, 0, len(block.text))])
    else:
        span = delete_span_fix(block, ctx.document.text, sentence.start, sentence.end)
    return Fix.deletion(span)


# The rules are document rules: each settles most documents with one test of the document's words
# and text, screens the blocks of the rest and checks only the blocks that pass, exactly as a block
# or sentence rule would; the findings name their block, with spans in block text offsets.

def _screened_blocks(ctx, blocks, may_hold) -> Iterable[tuple]:
    """(block, what may_hold(block) answered) for each plain block that may hold a finding, and
    (block, True) for each block that is not plain, where no screen is exact (see _spamlex.plain)."""
    ascii = block_texts(ctx).isascii()  # every block is plain
    for block in blocks:
        if not ascii and not plain(ctx, block):
            yield block, True
        elif hold := may_hold(block):
            yield block, hold


def _in_block(findings: Iterable[RawFinding], block) -> Iterable[RawFinding]:
    for raw in findings:
        yield replace(raw, block=block)


def _moved(findings: Iterable[RawFinding], sentence) -> Iterable[RawFinding]:
    """Findings of a sentence check, with spans in block offsets."""
    for raw in findings:
        yield replace(raw, start=raw.start + sentence.start, end=raw.end + sentence.start, block=sentence.block)


def _in_sentences(check, block, ctx) -> Iterable[RawFinding]:
    """A sentence check on every sentence of a block."""
    for sentence in ctx.sentences(block):
        yield from _moved(check(sentence, ctx), sentence)


# ---------------------------------------------------------------------------------------------
# HL201 pharmacy spam

WORD = regex.compile(r"[\p{L}][\p{L}\p{N}'’-]*", regex.V0)
CLICK_TO_BUY = regex.compile(r"\b(?:click|tap)\s+(?:here|this\s+link|below|now)\s+to\s+(?:buy|order|purchase|get)\b", _F)
IMPERATIVE_BUY = regex.compile(
    r"(?:^|[:|\u2013\u2014>\u00bb\-]\s*|[.!]\s+)[\W_]*(?:please\s+)?(?:buy|order|purchase|shop|get)\b", _F)
BUY = regex.compile(r"\b(?:buy(?:ing)?|order(?:ing)?|purchas(?:e|ing)|shop(?:ping)?\s+for)\b", _F)
PRICE = regex.compile(
    r"\b(?:cheap(?:est|er)?|discount(?:ed)?|low(?:est)?\s+prices?|best\s+prices?|low[-\s]cost|bargain|"
    r"for\s+sale|on\s+sale|deals?|coupons?|promo|\d+\s?%\s+off|save\s+\d+|free\s+(?:pills|samples?|bonus))\b"
    r"|\$\s?\d", _F)
CHANNEL = regex.compile(
    r"\b(?:online|overnight|next[-\s]day|(?:fast|free|express|worldwide|discreet|quick)\s+(?:shipping|delivery)|"
    r"delivered\s+to\s+your\s+door|no\s+rx|rx[-\s]free)\b", _F)
NO_PRESCRIPTION = regex.compile(
    r"\bno\s+(?:doctor'?s?\s+)?(?:prescriptions?|rx|script)\b(?:\s+(?:needed|required|necessary))?"
    r"|\bprescriptions?\s+(?:is\s+|are\s+)?not\s+(?:needed|required|necessary)\b"
    r"|\bwithout\s+(?:a\s+|any\s+)?(?:doctor'?s?\s+)?prescriptions?(?P<strong>\s+(?:needed|required))?\b", _F)
PHARMACY = regex.compile(
    r"\b(?:online\s+(?:pharmacy|pharmacies|drugstores?|chemists?)|(?:canadian|mexican|indian)\s+"
    r"(?:pharmacy|pharmacies|meds|drugs)|pharmacy\s+online|internet\s+pharmacy|rx\s+store|meds\s+online)\b", _F)
# Weaker sales words: a price, "generic", a dose glued to a name ("cialis 20mg price").
PRICE_WEAK = regex.compile(r"\b(?:prices?|costs?|generic|\d+mg)\b(?!\s+(?:of\s+care|of\s+living))", _F)
KEYWORD_LINE = regex.compile(r"[\p{Ll}\p{N}][\p{Ll}\p{N}'’%$-]*(?:[\s,|]+[\p{L}\p{N}$][\p{L}\p{N}'’%$-]*){1,7}", regex.V0)
THRESHOLD = 3
EDGE_PUNCTUATION = regex.compile(r"^\W+|\W+$")


def _pharmacy_score(text: str) -> tuple[int, int, list[str]]:
    """(score, position of the first commercial signal, the signals) for one sentence."""
    score, first, signals = 0, len(text), []

    def hit(m, weight: int, at: int | None = None) -> None:
        nonlocal score, first
        score += weight
        first = min(first, m.start() if at is None else at)
        signals.append(EDGE_PUNCTUATION.sub("", " ".join(m.group().split())).lower())

    imperative = IMPERATIVE_BUY.search(text)
    if (m := CLICK_TO_BUY.search(text)):
        hit(m, 3)  # "click here to buy Xanax": a sales link whatever else the sentence says
    elif imperative:
        hit(imperative, 2, imperative.end() - 1)
    elif (m := BUY.search(text)):
        hit(m, 1)
    for pattern in (PRICE, PHARMACY):
        if (m := pattern.search(text)):
            hit(m, 2)
    if (m := PRICE_WEAK.search(text)):
        hit(m, 1)
    if KEYWORD_LINE.fullmatch(text):
        score += 1  # a bare string of keywords, no sentence: "generic viagra 100mg price online"
    for m in list(CHANNEL.finditer(text))[:2]:
        hit(m, 1)
    if (m := NO_PRESCRIPTION.search(text)):
        strong = not m.group().lower().startswith("without") or m.group("strong")
        hit(m, 2 if strong else 1)
    return score, first, signals


LATIN = regex.compile(r"\p{Latin}")
WORD_CHARS = regex.compile(r"\b\w+\b")


def _obfuscated(text: str) -> list[tuple[int, int, str]]:
    hits = []
    for m in OBFUSCATED.finditer(text):
        drug = obfuscated_drug(m.group())
        if drug:
            hits.append((m.start(), m.end(), drug))
    if CYRILLIC.search(text) and LATIN.search(text):
        for m in WORD_CHARS.finditer(text):
            w = m.group()
            if CYRILLIC.search(w) and LATIN.search(w) and deobfuscate(w) in SPAM_DRUGS:
                hits.append((m.start(), m.end(), deobfuscate(w)))
    return hits


# Injected text glued after a sentence: "... heart disease. buy viagra online" (the splitter keeps a
# lowercase continuation in the same sentence), so the injection starts after that full stop.
GLUED = regex.compile(r"[.!?][\"'”’)\]]*\s+(?=[\p{Ll}\p{N}])", regex.V0)


def _injection_start(text: str, first: int) -> int:
    start = 0
    for m in GLUED.finditer(text, 0, first + 1):
        start = m.end()
    return start


# Screen (plain blocks, see _spamlex.plain): a sentence can only be reported with a drug name, a
# pharmacy phrase or a disguised drug name in it.
# - A drug name (WORD token) is a run of letters of a word token (WORD starts after digits and
#   stops at "_"); PHARMACY needs a pharmacy word or one of GOODS (meds, drugs, rx) as a token.
#   INN stems are tested without the 7-letter minimum: a WORD token may be longer than the run.
#   Such a run is also in the text of its sentence (sentences end at spaces, tokens never do).
PHARMACY_WORDS = frozenset("pharmacy pharmacies drugstore drugstores chemist chemists".split())
NAMES = SPAM_DRUGS | GOODS | PHARMACY_WORDS


def _drug_runs(token: str) -> list[str]:
    return [run for run in letter_runs(token) if run in NAMES or INN_STEM.search(run)]


# - A look-alike spelling (OBFUSCATED's second branch) is a run of [\w@$!|]: one word token when
#   the block has none of @$!| (and a disguised name is a look-alike of the whole token).
DRUG_WORDS = Vocabulary(test=lambda token: obfuscated_drug(token) is not None or bool(_drug_runs(token)))
SYMBOL_RUN = re.compile(r"[\w@$!|]+")  # re: faster, and the same as regex on plain text
SYMBOLS = "@$!|"
LONGEST_DRUG = max(map(len, SPAM_DRUGS))


def _symbol_drug(text: str) -> bool:
    """Does a SYMBOL_RUN with a symbol in it spell a drug (plain text without "_")? Only the
    runs around each symbol are looked at: a run that reaches further back than a drug name is long
    cannot spell one, and a run cut short by that window may only pass in vain."""
    for symbol in SYMBOLS:
        at = text.find(symbol)
        while at >= 0:
            if any(map(obfuscated_drug, SYMBOL_RUN.findall(text, max(0, at - LONGEST_DRUG), at + LONGEST_DRUG))):
                return True
            at = text.find(symbol, at + 1)
    return False


# - Split letters ("v i a g r a", OBFUSCATED's first branch) are one-letter tokens, unless "_"
#   separates them: the drug's letters are all among the block's one-letter tokens.
LETTERS = frozenset("abcdefghijklmnopqrstuvwxyz")
SPLIT_DRUGS = tuple(frozenset(drug) for drug in SPAM_DRUGS if len(drug) >= 5)


def _split_drug(letters: frozenset[str]) -> bool:
    return any(drug <= letters for drug in SPLIT_DRUGS)


split_drug_in_document = per_document(lambda ctx: _split_drug(LETTERS.intersection(ctx.document_words())))


def _disguised_drug(text: str, found, block, ctx, split: bool) -> bool:
    """Could a plain block spell a drug name with look-alikes or split letters?"""
    if any(obfuscated_drug(token) for token in found):  # its drug words
        return True
    if "_" in text:  # letters split by "_" join into one token: look at the text itself
        return any(obfuscated_drug(m.group()) for m in OBFUSCATED.finditer(text))
    if _symbol_drug(text):
        return True
    return split and _split_drug(LETTERS.intersection(ctx.words(block)))


# - The score: a sentence scores at most 1 (KEYWORD_LINE) without one of the words the other
#   signals need (each pattern's words are whole words between \b's, or follow [\W_]* in
#   IMPERATIVE_BUY: a word token unless "_" precedes it) or "$", so below a threshold of 2 or more.
#   These words are ASCII and the tokens casefolded, which IGNORECASE agrees with on any text.
SELLING_WORDS = Vocabulary(
    """click tap buy buying order ordering purchase purchasing shop shopping get cheap cheapest cheaper discount
    discounted price prices cost costs bargain sale deal deals coupon coupons promo off save pills sample samples
    bonus online canadian mexican indian pharmacy rx generic overnight next shipping delivery delivered prescription
    prescriptions script""".split(),
    test=regex.compile(r"\d+mg").fullmatch)  # PRICE_WEAK's "20mg"


def _pharmacy_blocks(document, ctx):
    """(block, names): the blocks that may hold pharmacy spam, with the strings (drug names,
    pharmacy words) one of which a reported sentence contains, or True: look at every sentence."""
    drugs = DRUG_WORDS.in_document(ctx)
    split = split_drug_in_document(ctx)
    sales = None if ctx.options.get("threshold", THRESHOLD) <= 1 else SELLING_WORDS.in_document(ctx) if drugs else drugs
    text = block_texts(ctx)
    # Could a plain block disguise a drug name? (see _disguised_drug)
    disguise = split or "_" in text or any(map(obfuscated_drug, drugs)) or _symbol_drug(text)
    if text.isascii() and not disguise and not (drugs and (sales or sales is None)):
        return ()  # no disguised name, and no drug name with sales words

    def may_hold(block):
        text, words = block.text, ctx.words(block)
        found = drugs.intersection(words) if drugs else drugs
        if disguise and _disguised_drug(text, found, block, ctx, split):
            return True
        if found and (sales is None or "_" in text or "$" in text or not sales.isdisjoint(words)):
            return {run for token in found for run in _drug_runs(token)}
        return None

    return _screened_blocks(ctx, document.blocks, may_hold)


class PharmacySpam(Rule):
    def check(self, document, ctx) -> Iterable[RawFinding]:
        for block, names in _pharmacy_blocks(document, ctx):
            for sentence in ctx.sentences(block):
                if names is True:
                    yield from _moved(self._check_sentence(sentence, ctx), sentence)
                elif any(name in sentence.text.lower() for name in names):  # no disguised name either
                    yield from _moved(self._check_sentence(sentence, ctx, disguised=False), sentence)

    def _check_sentence(self, sentence, ctx, disguised: bool = True) -> Iterable[RawFinding]:
        text = sentence.text
        block = sentence.block
        hidden = _obfuscated(text) if disguised else []
        drugs = [m for m in WORD.finditer(text) if is_drug(m.group())]
        if not hidden and not drugs and not PHARMACY.search(text):
            return
        if hidden:
            s, e, drug = hidden[0]
            if guards.quoted(block.text, sentence.start + s, sentence.start + e) or guards.reported(
                    block.text, sentence.start + s, sentence.start + e, unit=block, ctx=ctx):
                return  # an article about spam quoting its spelling
            yield RawFinding(s, e, f'Obfuscated drug name "{text[s:e]}" ({drug}): look-alike characters or split '
                                   "letters are how pharmacy spam hides from filters; delete the injected text.",
                             fix=self._fix(ctx, sentence))
            return
        score, first, signals = _pharmacy_score(text)
        if score < ctx.options.get("threshold", THRESHOLD):
            return
        at = sentence.start + min(first, drugs[0].start() if drugs else first)
        if _discussed(block, block.text, at, at + 1, ctx):
            return
        name = drugs[0].group() if drugs else "drugs"
        words = ", ".join(f'"{w}"' for w in dict.fromkeys(signals))
        start = _injection_start(text, min(first, drugs[0].start() if drugs else first))
        yield RawFinding(start, len(text), f'Pharmacy spam: "{name}" with sales wording ({words}); delete this '
                                           "injected text. Drug information never tells readers where to buy cheap.",
                         fix=self._fix(ctx, sentence, start))


    @staticmethod
    def _fix(ctx, sentence, start: int = 0) -> Fix | None:
        # Deleting is safe only when the sentence is the injection, not prose around it.
        if len(sentence.text[start:].split()) > ctx.options.get("fix-max-words", 15):
            return None
        if start == 0:
            return _sentence_fix(ctx, sentence)
        return Fix.deletion(delete_span_fix(sentence.block, ctx.document.text, sentence.start + start, sentence.end))


PHARMACY_SPAM = PharmacySpam(
    code="HL201",
    name="pharmacy-spam",
    category="spam",
    severity=Severity.ERROR,
    summary="Drug names in a commercial context (buy cheap online, no prescription needed) or disguised drug names.",
    scope="document",
    options={"threshold": THRESHOLD, "fix-max-words": 15},
    fixable=True,
    docs=RuleDocs(
        what=(
            "Scores each sentence that names a drug (brand or generic name, or pills/meds) for commercial "
            "signals: an imperative to buy or order, price words (cheap, discount, % off), sales channels "
            "(online, overnight shipping), \"no prescription needed\" and online-pharmacy phrases. A "
            "sentence that reaches the threshold (default 3) is reported; so is any drug name disguised "
            "with look-alike characters (V1agra, Xan@x) or split letters (C-i-a-l-i-s). A drug name alone, "
            "a warning about such sites (\"beware of sites that sell cheap Viagra online\"), a negated or "
            "quoted phrase or a question is not reported. The fix deletes the sentence (the whole line when "
            "the sentence is the whole block), only for sentences of at most `fix-max-words` words: a long "
            "sentence may be real prose with spam pasted into it, which an editor must untangle."
        ),
        why=(
            "Pharmacy spam injected into health pages sends readers to rogue online pharmacies that sell "
            "counterfeit or unapproved medicines without a prescription (FDA BeSafeRx; WHO on substandard and "
            "falsified medical products). HONcode principle 8 requires advertising to be clearly separated "
            "from editorial content, and search engines treat such injections as a sign of a hacked site."
        ),
        example="Sildenafil relaxes blood vessels. Buy cheap Viagra online, no prescription needed!",
        instead="Sildenafil relaxes blood vessels. Ask your doctor whether it is right for you.",
    ),
)


# ---------------------------------------------------------------------------------------------
# HL202 injected shouting

STRONG_SALES = frozenset(
    """buy order purchase cheap cheapest discount discounts sale clearance click shop deal deals coupon
    promo shipping offer offers price prices save savings hurry call visit subscribe pharmacy online
    pills meds rx""".split()
) | SPAM_DRUGS
WEAK_SALES = frozenset(
    "free now today here best lowest limited off win bonus guaranteed new only time get your special "
    "exclusive instant fast".split()
)
CAPS_TOKEN = regex.compile(r"[\p{L}\p{N}$%][\p{L}\p{N}$%'’!-]*", regex.V0)
RUN_GAP = regex.compile(r"[\s!,.:-]{1,3}")
LOWER_WORD = regex.compile(r"(?<![\p{L}\p{N}])\p{Ll}[\p{L}'’-]*", regex.V0)


def _is_caps(token: str) -> bool:
    letters = [c for c in token if c.isalpha()]
    return (len(letters) >= 2 and all(c.isupper() for c in letters)) or (not letters and ("$" in token or "%" in token))


def _caps_runs(text: str) -> list[tuple[int, int, list[str]]]:
    runs, cur = [], []
    for m in CAPS_TOKEN.finditer(text):
        tok = m.group().strip("!'’-")
        if tok and _is_caps(tok):
            if cur and not RUN_GAP.fullmatch(text, cur[-1][1], m.start()):
                runs.append(cur)
                cur = []
            cur.append((m.start(), m.start() + len(m.group().rstrip("'’-")), tok))
        elif cur:
            runs.append(cur)
            cur = []
    if cur:
        runs.append(cur)
    return [(r[0][0], r[-1][1], [t for _, _, t in r]) for r in runs]


def _shouted_sale(words: list[str]) -> bool:
    lowered = [w.lower().rstrip("!") for w in words]
    strong = sum(w in STRONG_SALES for w in lowered)
    weak = sum(w in WEAK_SALES for w in lowered)
    return strong >= 2 or (strong >= 1 and weak >= 1)


TWO_CAPITALS = regex.compile(r"\p{Lu}{2}")
STRONG_WORDS = Vocabulary(STRONG_SALES)


def _shouting_blocks(document, ctx):
    """Screen: a reported run holds a strong sales word in capitals. On plain text that word is a
    word token (a caps token is letters between non-letters, and "_" is the only other word
    character), so it is one of the document's words, in upper case in the block."""
    text = block_texts(ctx)
    shouted = [word.upper() for word in STRONG_WORDS.in_document(ctx) if word.upper() in text]
    if text.isascii() and "_" not in text and not shouted:
        return ()
    return _screened_blocks(ctx, document.blocks, lambda block: "_" in block.text or any(
        word in block.text for word in shouted))


class InjectedShouting(Rule):
    def check(self, document, ctx) -> Iterable[RawFinding]:
        for block, _ in _shouting_blocks(document, ctx):
            yield from _in_sentences(self._check_sentence, block, ctx)

    def _check_sentence(self, sentence, ctx) -> Iterable[RawFinding]:
        text = sentence.text
        if not TWO_CAPITALS.search(text):
            return
        min_lower = ctx.options.get("min-lowercase-words", 4)
        block = sentence.block
        for start, end, words in _caps_runs(text):
            if len(words) < 2 or not _shouted_sale(words):
                continue
            outside = len(LOWER_WORD.findall(text[:start])) + len(LOWER_WORD.findall(text[end:]))
            if outside < min_lower:
                continue  # an all-caps headline or label, not an interruption of a sentence
            at = sentence.start + start
            if _discussed(block, block.text, at, sentence.start + end, ctx):
                continue
            span = delete_span_fix(block, ctx.document.text, at, sentence.start + end)
            yield RawFinding(start, end, f'Injected shouting "{text[start:end]}": an all-caps sales phrase '
                                         "interrupts the sentence; delete it.", fix=Fix.deletion(span))


INJECTED_SHOUTING = InjectedShouting(
    code="HL202",
    name="injected-shouting",
    category="spam",
    severity=Severity.WARNING,
    summary="A run of ALL-CAPS sales words (BUY NOW, CHEAP PILLS ONLINE) that interrupts a lowercase sentence.",
    scope="document",
    options={"min-lowercase-words": 4},
    fixable=True,
    docs=RuleDocs(
        what=(
            "Finds runs of two or more all-caps words that contain sales vocabulary (a strong word such as "
            "BUY, ORDER, CHEAP, DISCOUNT, SHIPPING, ONLINE, with another sales word such as NOW, FREE, "
            "TODAY) inside a sentence whose other words are ordinary lowercase prose. Acronyms (FDA, PTSD, "
            "NMDA, BDNF, COVID-19, HIV) are not sales words, so they never make a run; an all-caps "
            "headline has no lowercase sentence around it. Quoted ad copy that the article discusses "
            "(the ad said \"BUY NOW\") and warnings about scams are not reported. The fix deletes the run."
        ),
        why=(
            "Shouted sales phrases in the middle of a sentence are a hallmark of injected link spam or a "
            "paste from an advert. HONcode principle 8 and the FTC Endorsement Guides require advertising "
            "to be identified and kept apart from editorial content."
        ),
        example="Magnesium helps muscles relax BUY NOW FREE SHIPPING and may ease cramps.",
        instead="Magnesium helps muscles relax and may ease cramps.",
    ),
)


# ---------------------------------------------------------------------------------------------
# HL203 leftover SEO anchors

FUNCTION_WORDS = frozenset(
    """the a an of to and or in on at for with by from is are was were be been it this that these those
    you your we our they their he she his her its as if than then so but not no do does did has have
    had can may will would should could i me my us them which who what when where how""".split()
)
SALES_WORDS = frozenset("pills supplements capsules gummies online cheap cheapest buy order best top discount deals price".split())
SEO_MODIFIER = frozenset("best top cheap cheapest buy order affordable discount online reviews review price prices sale coupon deals deal shop store near".split())
# A lowercase phrase of 1-5 words right after a sentence's final punctuation, followed by the end
# of the block or by a capitalised word that starts the next sentence.
DANGLING = regex.compile(
    r"(?<=(?P<word>[\p{L}\p{N}.]*)[.!?][)\"'”’]?[ \t]+)"
    r"(?P<kw>\p{Ll}[\p{Ll}\p{N}'’-]*(?:[ \t]+[\p{Ll}\p{N}][\p{Ll}\p{N}'’-]*){0,6})"
    r"(?=[ \t]*$|[ \t]+\p{Lu}\p{Ll}*[ \t]+\p{L})",
    regex.V1,
)
# The same in front of a paragraph: "best keto pills Drinking water helps ..."
LEADING = regex.compile(
    r"(?P<kw>\p{Ll}[\p{Ll}\p{N}'’-]*(?:[ \t]+[\p{Ll}\p{N}][\p{Ll}\p{N}'’-]*){0,6})"
    r"(?=[ \t]+\p{Lu}\p{Ll}+(?:[ \t]+\p{Ll}[\p{Ll}'’-]*){2})",
    regex.V1,
)
NEAR_ME_LEAD = regex.compile(r"(?:a|an|the|your|my|our|good|best|local)\s+")
WEDGED = regex.compile(
    r"(?<=\b\p{Ll}[\p{Ll}'’]*[ \t]+)(?<!\b(?:the|a|an|our|your|their|its|his|her|this|these|those|of|for|to|"
    r"and|or|are|is|be|which|what|with|about|on|in|at|by|from|find|choose|pick|buy|get|some|any|many|most|"
    r"compare|comparing|rank|ranked|list|than|as)[ \t]+)"
    r"(?P<kw>\b(?:best|top|cheap|cheapest|affordable|discount)[ \t]+(?:\p{Ll}+[ \t]+){0,3}"
    r"(?:pills|supplements|capsules|tablets|gummies|online|reviews|for[ \t]+sale|deals|prices|coupons)\b)"
    r"|(?P<kw>\b(?:\p{Ll}+[ \t]+){1,3}near[ \t]+me\b)",
    regex.V1,
)


def _keyword_like(phrase: str) -> bool:
    """1-5 content words, or up to 7 with a sales word ("weight loss pills that work fast")."""
    words = phrase.split()
    function = sum(w in FUNCTION_WORDS for w in words)
    limit = 7 if SALES_WORDS.intersection(words) else 5
    return 1 <= len(words) <= limit and function <= 1 and function < len(words) and not any(
        any(c.isupper() for c in w) for w in words)


def _link_before_ok(text: str, start: int) -> bool:
    """Is the link text grammatically attached (after a determiner, preposition or verb)?"""
    before = text[max(0, start - 40):start].split()
    return bool(before) and before[-1].lower().strip("(\"“'") in FUNCTION_WORDS | {
        "see", "read", "visit", "about", "called", "named", "try", "use", "compare"}


# Screens (plain blocks): which of the three patterns can match.
# - DANGLING: its kw starts in lower case after [.!?], maybe a closing bracket or quote, and spaces.
# (One pattern per end: re finds a pattern's literal first character fast, a character set slowly.)
DOT_SITE, BANG_SITE, QUERY_SITE = (re.compile(re.escape(end) + r"[)\"'”’]?[ \t]+[a-z]") for end in ".!?")
# - WEDGED: its words are case-sensitive and between spaces or word boundaries: word tokens.
WEDGE_HEAD = Vocabulary("best top cheap cheapest affordable discount".split())
WEDGE_TAIL = Vocabulary("pills supplements capsules tablets gummies online reviews sale deals prices coupons".split())
NEAR_ME = Vocabulary(["near", "me"])
WEDGE_KINDS = ("heading", "title", "table_cell")  # never anchors


def _dangling_site(text: str) -> bool:
    return bool(DOT_SITE.search(text) or "!" in text and BANG_SITE.search(text) or "?" in text and QUERY_SITE.search(text))


def _may_lead(block) -> bool:
    """LEADING is for paragraphs only, and starts with a lowercase letter (plain text)."""
    return block.kind == "paragraph" and "a" <= block.text[:1] <= "z"


def _keyword_links(block) -> bool:
    """Could a link be a keyword anchor? Its words hold an SEO modifier (see _check_block)."""
    return any(not SEO_MODIFIER.isdisjoint(block.text[link.start:link.end].lower().split()) for link in block.links)


class SeoAnchor(Rule):
    def check(self, document, ctx) -> Iterable[RawFinding]:
        head, tail = WEDGE_HEAD.in_document(ctx), WEDGE_TAIL.in_document(ctx)
        best = head and tail  # "best ... pills" can occur in the document
        near = len(NEAR_ME.in_document(ctx)) == 2  # "... near me" can
        text = block_texts(ctx)
        dangles = _dangling_site(text)  # DOT_SITE and co. match within a line: in some block if in these lines
        blocks = [block for block in document.blocks if block.kind not in WEDGE_KINDS]
        if text.isascii() and not (dangles or best or near):  # only a leading phrase or a link can be an anchor
            blocks = [block for block in blocks if block.links or _may_lead(block)]

        def may_hold(block):
            words = ctx.words(block) if best or near else None
            dangling = dangles and _dangling_site(block.text)
            leading = _may_lead(block)
            wedged = best and not head.isdisjoint(words) and not tail.isdisjoint(words) or near and NEAR_ME.words <= words
            if dangling or leading or wedged or _keyword_links(block):
                return dangling, leading, wedged
            return None

        for block, hold in _screened_blocks(ctx, blocks, may_hold):
            dangling, leading, wedged = (True, block.kind == "paragraph", True) if hold is True else hold
            yield from _in_block(self._check_block(block, ctx, dangling, leading, wedged), block)

    def _check_block(self, block, ctx, dangling: bool, leading: bool, wedged: bool) -> Iterable[RawFinding]:
        text = block.text
        seen: set[tuple[int, int]] = set()
        for m in DANGLING.finditer(text) if dangling else ():
            s, e = m.span("kw")
            word = m.group("word").lower()
            if word in ABBREVIATIONS or (len(word) == 1 and word.isalpha()) or not _keyword_like(m.group("kw")):
                continue
            if _discussed(block, text, s, e, ctx):
                continue
            seen.add((s, e))
            yield self._finding(block, ctx, s, e, "dangles after the end of a sentence")
        lead = LEADING.match(text) if leading else None
        if lead and _keyword_like(lead.group("kw")) and not _discussed(block, text, 0, lead.end("kw"), ctx):
            seen.add(lead.span("kw"))
            yield self._finding(block, ctx, *lead.span("kw"), "dangles before the first sentence")
        for m in WEDGED.finditer(text) if wedged else ():
            s, e = m.span("kw")
            while text[s:e].endswith("me") and (lead := NEAR_ME_LEAD.match(text[s:e])):
                s += lead.end()
            if (s, e) in seen or guards.quoted(text, s, e) or guards.reported(text, s, e, unit=block, ctx=ctx):
                continue
            seen.add((s, e))
            yield self._finding(block, ctx, s, e, "is wedged into the sentence")
        for link in block.links:
            s, e = link.start, link.end
            phrase = text[s:e]
            words = phrase.lower().split()
            if (not SEO_MODIFIER.intersection(words) or not (2 <= len(words) <= 5) or any(a < e and s < b for a, b in seen)
                    or not _keyword_like(phrase) or _link_before_ok(text, s) or guards.quoted(text, s, e)):
                continue
            yield RawFinding(s, e, f'Link with a bare keyword anchor "{phrase}" that is not part of the sentence: '
                                   "a planted SEO link; delete the link.")

    def _finding(self, block, ctx, s, e, where) -> RawFinding:
        span = delete_span_fix(block, ctx.document.text, s, e)
        return RawFinding(s, e, f'Leftover SEO keyword anchor "{block.text[s:e]}" {where}: text left behind by a '
                                "stripped spam link; delete it.",
                          fix=Fix.deletion(span))


SEO_ANCHOR = SeoAnchor(
    code="HL203",
    name="seo-anchor",
    category="spam",
    severity=Severity.WARNING,
    summary="A dangling or wedged keyword phrase (the anchor text of a stripped spam link), or a keyword-stuffed link.",
    scope="document",
    fixable=True,
    docs=RuleDocs(
        what=(
            "Finds short lowercase keyword phrases (1 to 5 words, at most one function word) that dangle "
            "after a sentence's final punctuation (\"... every day. best keto pills\"), sales keyword "
            "phrases wedged into a sentence where they break the grammar (\"fiber best fiber supplements "
            "online keeps you regular\", \"dentist near me\"), and, in Markdown and HTML, links whose text is "
            "a bare sales keyword phrase that is not attached to the sentence (not after a determiner, "
            "preposition or verb). Abbreviations (e.g., i.e., vs.), headings and list markers are not "
            "sentence ends. The fix deletes the phrase (plain text only; a link is left to the editor)."
        ),
        why=(
            "Link spam planted in health articles uses the target site's keywords as anchor text; when the "
            "markup is stripped, the keywords stay behind as ungrammatical fragments. Such text misleads "
            "readers and search engines, and hidden advertising breaks HONcode principle 8 (advertising "
            "separated from editorial content)."
        ),
        example="Drink plenty of water during the day. best detox tea online",
        instead="Drink plenty of water during the day.",
    ),
)


# ---------------------------------------------------------------------------------------------
# HL205 promotional plugs by a named business

BUSINESS = regex.compile(
    r"(?<![\p{L}])(?P<name>(?:(?:[\p{Lu}][\p{L}&'’.-]*|&)\s+){0,3}"
    r"(?:Wellness|Clinic|Clinics|Spa|MedSpa|Pharmacy|Chiropractic|Dental|Dentistry|Labs?|Nutrition|Aesthetics|"
    r"Health|Healthcare|Medical|Therapy|Therapeutics|Supplements|Naturals|Organics|Vitality|Rejuvenation|"
    r"Longevity|Fitness|Physio|Physiotherapy|Hydration|Lounge|Studio|Co\.|Inc\.?|LLC|Ltd\.?|Group|Solutions|"
    r"(?<=(?:Wellness|Health|Medical|Therapy|Fitness|Vitality|Rejuvenation|Longevity|Aesthetics)\s+)(?:Center|Centre)))"
    r"(?:\b|(?<=\.))"  # "Acme Co." ends in a full stop, where \b cannot hold
    r"(?P<verb>,?\s+(?:[\p{L}'’-]+\s+){0,8}?(?:now\s+)?(?:offers?|provides?|specializ(?:es|ing)\s+in|specialis(?:es|ing)\s+in|delivers?|"
    r"is\s+proud\s+to|is\s+(?:the|a|your)\s+(?:leading|premier|top|trusted|best|go-to|number\s+one|#1)|"
    r"has\s+helped|can\s+help|is\s+here\s+to|now\s+offers|brings?|features?)\b)",
    regex.V0,
)
AT_BUSINESS = regex.compile(
    r"\bAt\s+(?P<name>(?:[\p{Lu}][\p{L}&'’.-]*\s+){0,3}[\p{Lu}][\p{L}&'’.-]*),\s+(?:we|our)\b", regex.V0)
OUR_BUSINESS = regex.compile(
    r"\b(?P<name>(?:our|my)\s+(?:clinic|practice|team|spa|pharmacy|center|centre|store|shop|products?|formula|"
    r"supplements?|program|programme|experts|specialists|therapists|doctors))"
    r"(?:,\s+[^,]{1,60},)?\s+(?:offers?|provides?|"
    r"specializ(?:es|e)\s+in|can\s+help\s+you|will\s+help\s+you|is\s+here\s+to)\b", _F)
WE_OFFER = regex.compile(r"\b(?P<name>we)\s+(?:now\s+)?(?:offer|provide|specialize\s+in|specialise\s+in)\b", _F)
PUBLIC = regex.compile(
    r"\b(?:National|American|British|Canadian|Association|Society|Foundation|College|University|Department|"
    r"Agency|Administration|Organi[sz]ation|Council|Federal|State|Public|World|Government|Veterans|Ministry|"
    r"Office|Hospital|Institutes?|NIH|CDC|FDA|NHS|WHO|Academy|Board|Commission|Centers\s+for)\b", regex.V0)
PROMO_STRONG = regex.compile(
    r"\b(?:we|our|us|call|book|visit|contact|schedule|sign\s+up|today|affordable|discount|special\s+offers?|"
    r"top-rated|award-winning|state-of-the-art|premier|leading|boost|near\s+you|serving|convenient|"
    r"locations?|packages?|memberships?|same-day|walk-ins?|surrounding\s+areas?)\b|#1|\d+\s?%\s+off", _F)
BOAST = regex.compile(r",?\s+is\s")
PROMO_WEAK = regex.compile(r"\b(?:you|your|free|experienced|expert|personali[sz]ed|professional|trusted|"
                           r"customized|tailored|best|range\s+of)\b", _F)


# Screens (plain blocks): the words that each pattern needs, all between spaces or word boundaries,
# so word tokens (BUSINESS and AT_BUSINESS are case-sensitive: the tokens are a superset).
OUR_OWNER = Vocabulary(["our", "my"])
OUR_NOUN = Vocabulary("""clinic practice team spa pharmacy center centre store shop product products formula
    supplement supplements program programme experts specialists therapists doctors""".split())
OUR_VERB = Vocabulary("offer offers provide provides specialize specializes help here".split())  # can help you, is here to
WE = Vocabulary(["we"])
WE_VERB = Vocabulary("offer provide specialize specialise".split())
TRADE_NAMES = {name.casefold(): name for name in """Wellness Clinic Clinics Spa MedSpa Pharmacy Chiropractic Dental
    Dentistry Lab Labs Nutrition Aesthetics Health Healthcare Medical Therapy Therapeutics Supplements Naturals Organics
    Vitality Rejuvenation Longevity Fitness Physio Physiotherapy Hydration Lounge Studio Co Inc LLC Ltd Group Solutions
    Center Centre""".split()}
# A trade word follows any non-letter ("5Health offers ..."): a run of letters of a token.
TRADE = Vocabulary(test=lambda token: any(run in TRADE_NAMES for run in letter_runs(token)))
# The word of each service verb that stands alone: offers, "is proud to", "is the leading", "go-to", "#1" ...
SERVICE_VERB = Vocabulary("""offer offers provide provides specializes specializing specialises specialising deliver
    delivers proud leading premier top trusted best go number 1 helped help here bring brings feature features""".split())


def _trade_names(tokens) -> list[str]:
    """The trade words in these tokens as BUSINESS spells them (it is case-sensitive)."""
    return list({TRADE_NAMES[run] for token in tokens for run in letter_runs(token) if run in TRADE_NAMES})


AT_WORDS = Vocabulary(["at", "we", "our"])  # AT_BUSINESS: "At" between \b's, then "we" or "our" (any text)


def _plug_blocks(document, ctx):
    owner, noun, verb = OUR_OWNER.in_document(ctx), OUR_NOUN.in_document(ctx), OUR_VERB.in_document(ctx)
    we, we_verb = WE.in_document(ctx), WE_VERB.in_document(ctx)
    service = SERVICE_VERB.in_document(ctx)
    trade = TRADE.in_document(ctx) if service else service
    text = block_texts(ctx)
    # BUSINESS is case-sensitive: a trade word as spelt and a service verb in lower case, in some block
    names = [name for name in _trade_names(trade) if name in text]
    if not (names and any(word in text for word in service)):
        trade = frozenset()
    ours, we_offer = owner and noun and verb, we and we_verb
    at = AT_WORDS.in_document(ctx)
    at = "at" in at and len(at) > 1 and "At" in text
    if text.isascii() and not (at or trade or ours or we_offer):
        return ()

    def may_hold(block) -> bool:
        text, words = block.text, ctx.words(block)
        return bool(at and "At" in text and "at" in words and ("we" in words or "our" in words)
                    or trade and not trade.isdisjoint(words) and not service.isdisjoint(words)
                    # BUSINESS is case-sensitive: a trade word as spelt, a service verb in lower case
                    and any(name in text for name in names) and any(word in text for word in service)
                    or ours and not owner.isdisjoint(words) and not noun.isdisjoint(words) and not verb.isdisjoint(words)
                    or we_offer and "we" in words and not we_verb.isdisjoint(words))

    return _screened_blocks(ctx, document.blocks, may_hold)


class BusinessPlug(Rule):
    def check(self, document, ctx) -> Iterable[RawFinding]:
        for block, _ in _plug_blocks(document, ctx):
            yield from _in_sentences(self._check_sentence, block, ctx)

    def _check_sentence(self, sentence, ctx) -> Iterable[RawFinding]:
        text = sentence.text
        block = sentence.block
        hit = None
        m = AT_BUSINESS.search(text) or OUR_BUSINESS.search(text)
        we = WE_OFFER.search(text)
        if m:
            hit = m
        elif we and PROMO_STRONG.search(text[:we.start()] + " " + text[we.end():]):
            hit = we  # "We offer free consultations and same-day appointments"
        else:
            for m in BUSINESS.finditer(text):
                if PUBLIC.search(m.group("name")):
                    continue
                rest = text[:m.start()] + " " + text[m.end():]
                boast = BOAST.match(m.group("verb")) is not None  # "is the leading ..."
                if boast or PROMO_STRONG.search(rest) or len(PROMO_WEAK.findall(rest)) >= 2:
                    hit = m
                    break
        if hit is None:
            return
        at = sentence.start + hit.start()
        if _discussed(block, block.text, at, sentence.start + hit.end(), ctx):
            return
        name = hit.group("name")
        s, e = hit.span() if name.lower() == "we" else hit.span("name")
        who = f'for "{name}"' if name[:1].isupper() and name.lower() != "we" else f'("{" ".join(hit.group().split())}")'
        yield RawFinding(s, e, f"Promotional plug {who} inside editorial text: a business promoting its own "
                               "services is advertising; label it as such or remove it.")


BUSINESS_PLUG = BusinessPlug(
    code="HL205",
    name="business-plug",
    category="spam",
    severity=Severity.WARNING,
    summary="A named business (or \"our clinic\") promoting its own services inside editorial text.",
    scope="document",
    docs=RuleDocs(
        what=(
            "Finds a business name (capitalised words ending in a trade word such as Wellness, Clinic, Spa, "
            "Pharmacy, Labs, Nutrition, Inc.) followed by a service verb (offers, provides, specializes in, "
            "is the leading ...) in a sentence that also carries promotional wording (we/our, call, book, "
            "visit, free, affordable, boost, serving ...), plus first-person plugs (\"At Acme Wellness, we "
            "...\", \"our clinic offers ...\", \"we offer free consultations\" with promotional wording). Public bodies (National, Institute, Hospital, University, "
            "CDC, NHS ...) and plain mentions without promotional wording are not reported."
        ),
        why=(
            "HONcode principle 8 and the FTC Endorsement Guides (16 CFR Part 255) require advertising and "
            "paid placement to be identified as such and kept apart from editorial content; a sponsor's pitch "
            "presented as health information deceives readers about who is speaking."
        ),
        example="Acme Wellness offers IV vitamin therapy to boost your immune system in just 30 minutes.",
        instead="IV vitamin therapy has not been shown to boost immunity in healthy people (or: a labelled advert).",
    ),
)

RULES = [PHARMACY_SPAM, INJECTED_SHOUTING, SEO_ANCHOR, BUSINESS_PLUG]
