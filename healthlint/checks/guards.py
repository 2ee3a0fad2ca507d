"""Context guards for declarative rules: named predicates a rule pack lists under `unless`.

A guard is called as guard(text, start, end) for one match of a rule, where text is the unit the
rule ran on (a sentence or a whole block) and text[start:end] is the span that would be reported.
It returns True when the match must NOT be reported because its context turns the phrase into
something other than a claim made by the article: it is negated, asked, quoted, hedged, reported
as someone else's claim, or qualified by a condition.

Guards find their own sentence and clause inside `text`, so they behave the same whether the rule
runs per sentence or per block. Every guard looks at a bounded window around the match (a few
hundred characters at most) with precompiled patterns, and only runs when a rule has matched, so
they cost nothing on text without candidate phrases. The guards a rule asks about one match share
its sentence and clauses (a Site, found once for the match).

Semantics, in brief (see each function for the details):

  negated      a negator governs the match: "no", "not", "never", "n't", "cannot", "nothing",
               "none", "neither/nor", "no one", "there is no", "no known", "isn't", "false", "myth",
               "unproven" before it in the same clause (at most 10 words back), or a negated verb
               right after a subject phrase ("miracle cures do not exist"). "not only", "no doubt",
               "no more", "never again" and imperatives like "don't wait" do not negate, and a
               relative clause starts afresh ("don't miss the tea that cures ..." is a claim), unless
               its antecedent is itself negated: "there is no treatment that reverses ...",
               "nothing that you buy cures ..." (but "it's no secret that ..." asserts).
               "without" is deliberately NOT a negator here: "without side effects" is a claim.
  without      the match follows "without", "lack of" or "absence of" in its clause
               ("sold without being proven to work"). For cure and certainty claims only.
  question     the sentence is a question: it ends with "?", or it (or the part after a colon or
               dash) opens with an auxiliary ("Does turmeric cure arthritis"), or "whether"
               precedes the match.
  quoted       the match is inside quotation marks (“ ” " " ‘ ’ and paired straight single quotes),
               or is a capitalised title right after "titled/entitled/called/named". A quotation
               followed by a dash and a name ("... - Linda, 58") is a testimonial, which the
               publisher adopts as its own claim (FTC Endorsement Guides): not excused.
  hedged       a hedge precedes the match in its clause: may, might, could, possibly, potentially,
               perhaps, probably, likely, help(s), some evidence, studies suggest, appears to,
               seems to, is thought/believed to, tends to, preliminary; or an aspiration ("the goal
               of research is a cure").
  reported     the sentence discusses a claim instead of making it: "claims (that)", "promises",
               "marketed/advertised/touted/billed/sold as", "so-called", "supposedly", "allegedly",
               "beware", "be wary/skeptical of", "watch out for", "red flags", "warning signs",
               "no evidence that", "there is no proof", "scam", "myth", "too good to be true",
               "phrases like", "anyone who tells you"; or, after the phrase, it is called a red
               flag/myth/scam, the reader is told to be wary, or the sentence ends with an
               attribution (", researchers said"); or it is an item of a list introduced by such a
               sentence ("red flags such as: - Miracle cure"). For lists whose items are separate
               blocks (Markdown, HTML), that last check needs the unit and context: see below.
  conditional  the sentence qualifies the claim by a condition, a frequency or a quantity:
               if/when/unless/once/as long as, early (stage), in some/most cases, often, usually,
               sometimes, generally, most/many/some. Addressing the reader ("If you suffer from
               ...") is not a condition.
  quantified   the frequency/quantity part of `conditional` only (often, usually, most, many,
               some, in most cases, for most people), for claims where "if used as directed" must
               not excuse the claim (safety, prevention).
  medical      the clause's subject is a specific conventional medical or public-health
               intervention: a drug class (antibiotics, antivirals, statins, SSRIs, "beta
               blockers"), a procedure (surgery, chemotherapy, radiation, a transplant, dialysis,
               stents), a vaccine, a screening test, a drug named by its international
               nonproprietary name stem (-cillin, -mycin, -vir, -mab, -statin ...), or a public-
               health measure (hand washing, condoms, sunscreen, exercise, losing weight); not
               "doctors say", an appeal to authority. A generic word (treatment, medicine, drug,
               therapy, shots, injections) counts only alone or after a conventional modifier
               ("Treatment often cures ...", "antiviral medicines", "hormone therapy", "cancer
               treatment"): "stem cell therapy", "ozone therapy", "our herbal medicine" are not
               excused. Also a passive that names one after the match ("can be cured with
               antiviral medicines"), or a sentence about the body's own defences ("Your immune
               system fights germs and prevents illness"). Never when the matched words carry a
               promotional or absolute modifier (miracle, natural, secret, guaranteed, 100%,
               completely, permanently, for good, always, #1 ...): "Antibiotics will cure the
               infection" is standard patient information; "this drug is a miracle cure" is still
               a claim.
  relative     a superlative that is relative or personal rather than absolute: "one of the best",
               "among the most effective", "the best treatment for you", "... depends on", or
               qualified earlier in the sentence ("For many people, ... is the best treatment").
  benign       the subject is a body finding (symptoms, a mole, cysts, floaters, a bite): "these
               spots are completely harmless" reassures about a condition; it sells nothing.
  cited        the sentence carries a specific source: a numbered reference [3], (Author, 2020),
               "et al.", "a 2019 study", "according to the CDC", "a systematic review", "in the
               trial". The claim rules ask for exactly this, so a cited claim is not reported.

Calling convention: every guard accepts (text, start, end), and keyword arguments `unit` and `ctx`
(the unit the rule ran on and its Context). A caller that
passes them lets `reported` look past the unit, e.g. at the paragraph that introduces a Markdown
list, and lets every guard reuse the engine's sentence split of a block. Without them a guard
still works on the text alone, with the same result.
"""
from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from functools import lru_cache
from operator import itemgetter

import regex

from ..document import Block
from ..segment import split_sentences

Guard = Callable[[str, int, int], bool]

MAX_SENTENCE = 600  # characters of context a guard looks at on either side of a match

_F = regex.IGNORECASE | regex.V0
APOS = "['\u2019]"

# ---------------------------------------------------------------------------------------------
# Sentence and clause windows


@lru_cache(maxsize=64)
def _sentence_spans(text: str) -> tuple[tuple[int, int], ...]:
    return tuple(split_sentences(text))


_SPAN_START = itemgetter(0)


def _bounds(spans, text: str, start: int, end: int) -> tuple[int, int]:
    """sentence_bounds with the unit's sentence spans given: a match is located by bisection, so
    guards on a long block with many candidate phrases stay linear."""
    if not spans:
        return max(0, start - MAX_SENTENCE), min(len(text), end + MAX_SENTENCE)
    i = max(0, bisect_right(spans, start, key=_SPAN_START) - 1)
    j = max(i, bisect_right(spans, max(start, end - 1), key=_SPAN_START) - 1)
    s0 = min(spans[i][0], start)
    e0 = max(spans[j][1], end)
    return max(s0, start - MAX_SENTENCE), min(e0, end + MAX_SENTENCE)


def _previous_sentences(text: str, spans, start: int) -> list[str]:
    """Earlier sentences of the same unit, nearest first (at most 30)."""
    i = bisect_right(spans, start, key=_SPAN_START)
    return [text[s:e] for s, e in reversed(spans[max(0, i - 31):i]) if e <= start][:30]


# Where a clause ends: punctuation, dashes, and the conjunctions that start a new claim.
CLAUSE_BREAK = regex.compile(
    r"[,;:()\[\]\u2014\u2013]|\s-\s|\b(?:but|however|although|though|whereas|yet|except|instead|"
    r"unlike|while)\b|\band\s+(?:it\s+|they\s+|this\s+|that\s+)?(?:has|have|is|are|was|were|will|can|"
    r"comes?|offers?|provides?|gives?|works?|cures?|prevents?|contains?)\b",
    _F,
)
# Relative clauses start a new claim too: "the herb that cures diabetes" (but "no evidence that
# it cures" keeps the negation: complement "that" after a claim or truth word is not a break).
REL_BREAK = regex.compile(
    r"\b(?:which|who)\b|\bthat\b(?<!\b(?:true|evidence|proof|mean|means|meant|say|says|said|claim|claims|"
    r"claimed|show|shows|shown|showed|prove|proves|proven|proved|sure|clear|likely|possible|know|known|"
    r"believe|think|suggest|suggests|idea|notion|belief|fact|way|so|false|untrue|myth|wrong|is|was)\s+that)",
    _F,
)
CLAUSE_WINDOW = 250  # characters: enough for the last dozen words, which is all a guard looks at


def _clause_words_before(text: str, start: int, s: int) -> list[str]:
    """The words of the clause that ends at start (s: the start of its sentence)."""
    window = text[max(s, start - CLAUSE_WINDOW):start]
    cut = 0
    for m in CLAUSE_BREAK.finditer(window):
        cut = m.end()
    for m in REL_BREAK.finditer(window, cut):
        cut = m.end()
    return window[cut:].split()


def _clause_words_after(text: str, end: int, e: int) -> list[str]:
    """The words of the clause that starts at end (e: the end of its sentence)."""
    window = text[end:min(e, end + CLAUSE_WINDOW)]
    m = CLAUSE_BREAK.search(window)
    if m:
        window = window[: m.start()]
    return window.split()


class Site:
    """One match as its guards see it. A rule asks up to ten guards about each match, and most of
    them look at the same sentence and clauses: these are found once, on first use."""

    __slots__ = ("text", "start", "end", "spans", "sentence", "head", "tail", "_before", "_after", "_lower")

    def __init__(self, text: str, start: int, end: int, spans):
        self.text, self.start, self.end, self.spans = text, start, end, spans
        self.sentence = _bounds(spans, text, start, end)  # the sentence(s) of the whole match
        self.head = self.sentence[0]  # where the sentence of its start begins (found from start alone)
        self.tail = _bounds(spans, text, end, end)[1]  # where the sentence of its end ends
        self._before = self._after = self._lower = None

    def lacks(self, literals: tuple[str, ...]) -> bool:
        """Does the match's sentence hold none of these (lower-case ASCII) literals? Only said of
        ASCII text, where case-insensitive matching is plain lower-casing: a guard whose patterns
        need one of them then cannot fire. Every window a guard reads lies inside the sentence."""
        if self._lower is None:
            window = self.text[self.head:max(self.tail, self.sentence[1])]
            self._lower = window.lower() if window.isascii() else ""
        return bool(self._lower) and not any(lit in self._lower for lit in literals)

    def clause_before(self, words: int) -> str:
        """The last `words` words of the clause before the match (a space-terminated string)."""
        if self._before is None:
            self._before = _clause_words_before(self.text, self.start, self.head)
        parts = self._before
        return " ".join(parts[-words:]) + (" " if parts else "")

    def clause_after(self, words: int) -> str:
        if self._after is None:
            self._after = _clause_words_after(self.text, self.end, self.tail)
        return " ".join(self._after[:words])

    def sentence_before(self) -> str:
        return self.text[self.head:self.start]

    def sentence_after(self) -> str:
        return self.text[self.end:self.tail]


_last: list[Site | None] = [None]  # the match the guards were last asked about


def _site(text: str, start: int, end: int, unit=None, ctx=None) -> Site:
    """The Site of a match, shared by the guards a rule calls on it one after the other. Given the
    block the text is (and its Context), the engine's sentence split of that block is reused."""
    site = _last[0]
    if site is not None and site.text is text and site.start == start and site.end == end:
        return site
    if ctx is not None and isinstance(unit, Block) and unit.text is text:
        spans = ctx.sentence_spans(unit)  # split_sentences(text), shared with the other rules
    else:
        spans = _sentence_spans(text)
    site = _last[0] = Site(text, start, end, spans)
    return site


# ---------------------------------------------------------------------------------------------
# negated

NEGATOR = regex.compile(
    rf"""
    \bno\b(?!\s+(?:doubt|wonder|matter|more|longer|question|joke|exaggeration|kidding|surprise|need|
                   prescription|wonder)\b)
  | \bnot\b(?!\s+(?:only|just|merely|simply|to\s+mention|least|even\s+close)\b)
  | \bnever\b(?!\s+(?:again|before)\b)
  | \bcannot\b
  | \b(?!don{APOS}t\s+(?:miss|wait|suffer|forget|hesitate|delay|settle|worry|put\s+off|give\s+up|
                       struggle|let|spend|waste)\b)\w+n{APOS}t\b
  | \bnothing\b(?!\s+(?:like|short|compares|beats|else)\b)
  | \bnone\b(?!\s+other\b)
  | \b(?:neither|nor|nobody|nowhere|no[-\s]one)\b
  | \b(?:false(?:ly)?|untrue|myths?|unproven|disproven|debunked|hardly|barely|far\s+from)\b
  | \bfail(?:s|ed)?\s+to\b
    """,
    _F | regex.VERBOSE,
)
# A negated verb right after a subject phrase: "miracle cures do not exist", "... isn't safe".
POST_NEGATOR = regex.compile(
    rf"""^\W*+(?:[\w'’-]+\s+){{0,3}}?
    (?:(?:do|does|did|is|are|was|were|will|would|can|could|has|have|simply|just)(?:\s+not\b|n{APOS}t\b)
      |won{APOS}t\b|can{APOS}t\b|cannot\b|never\b|(?:is|are)\s+(?:a\s+)?(?:myths?|fiction|fantasy|false)\b)""",
    _F | regex.VERBOSE,
)
POST_STOP = regex.compile(r"\b(?:and|or|but|so|then|which|that|because)\b", _F)


# A relative clause whose antecedent is negated: "There is no treatment that reverses ...", "Nothing
# that you buy cures ...". (Not "no doubt that", "no secret that": those assert the claim.)
NEG_ANTECEDENT = regex.compile(
    r"""(?:\bno\s+(?!(?:doubt|wonder|question|surprise|secret|coincidence|denying)\b)|\bnot\s+(?:a|an|any|one|every)\s+
         |\bnever\s+(?:a|an|any)\s+)(?:[\w'’-]+\s+){0,3}$
      |\b(?:nothing|none|nobody|no[-\s]one)\s+$""",
    _F | regex.VERBOSE,
)


def _negated_antecedent(text: str, start: int, s: int) -> bool:
    lo = max(s, start - CLAUSE_WINDOW)
    window = text[lo:start].lower()
    if "wh" not in window and "that" not in window:  # REL_BREAK cannot match: no need to find the clause
        return False
    cut = lo
    for m in CLAUSE_BREAK.finditer(text, lo, start):
        cut = m.end()
    rel = None
    for rel in REL_BREAK.finditer(text, cut, start):
        pass
    return rel is not None and NEG_ANTECEDENT.search(text, cut, rel.start()) is not None


# One of these is in every match of NEGATOR, NEG_ANTECEDENT and POST_NEGATOR (lower case; "no"
# is in "not", "cannot", "nothing", "none", "nor", "nobody", "no one"; "n't" in "won't", "can't").
NEGATION_LITERALS = ("no", "n't", "never", "neither", "false", "untrue", "myth", "proven", "debunked",
                     "hardly", "barely", "far", "fail", "fiction", "fantasy")


def negated(text: str, start: int, end: int, unit=None, ctx=None) -> bool:
    site = _site(text, start, end, unit, ctx)
    if site.lacks(NEGATION_LITERALS):
        return False
    if NEGATOR.search(site.clause_before(10)):
        return True
    if _negated_antecedent(text, start, site.head):
        return True
    after = site.clause_after(6)
    m = POST_STOP.search(after)
    if m:
        after = after[: m.start()]
    return POST_NEGATOR.search(after) is not None


WITHOUT = regex.compile(r"\b(?:without|lack(?:s|ed|ing)?\s+of|absence\s+of|in\s+the\s+absence\s+of)\b", _F)


def without(text: str, start: int, end: int, unit=None, ctx=None) -> bool:
    return WITHOUT.search(_site(text, start, end, unit, ctx).clause_before(10)) is not None


# ---------------------------------------------------------------------------------------------
# question

QUESTION_END = regex.compile(r"\?[\"'”’)\]*_\s]*$")
AUX_START = regex.compile(
    r"^[\W_]*(?:does|did|can|could|is|are|was|were|should|will|would|has)\b(?!\s+not\b)", _F
)
WHETHER = regex.compile(r"\bwhether\b", _F)


LEAD_IN = regex.compile(r"[:\u2014\u2013]|\s-\s")


def question(text: str, start: int, end: int, unit=None, ctx=None) -> bool:
    s, e = _site(text, start, end, unit, ctx).sentence
    if QUESTION_END.search(text[s:e]):
        return True
    before = text[s:start]
    if AUX_START.search(before):
        return True
    lead = None
    for lead in LEAD_IN.finditer(before):
        pass
    if lead is not None and AUX_START.search(before[lead.end():]):  # "Turmeric: can it cure arthritis"
        return True
    return WHETHER.search(before) is not None


# ---------------------------------------------------------------------------------------------
# quoted

QUOTE_SPANS = regex.compile(
    r"“[^“”]{0,400}”|\"[^\"]{0,400}\"|(?<![\w'’])‘.{0,400}?’(?![\w])|(?<![\w'’])'[^'\n]{0,400}?'(?![\w])",
    regex.V0,
)
TITLE_BEFORE = regex.compile(
    r"\b(?:titled|entitled|called|named|headlined)\s+(?:[\"“‘]?[\p{Lu}\d][\w'’:-]*\s+){0,5}$", regex.V0
)


# A quotation followed by a dash and a name is a testimonial ("... - Linda, 58"): the publisher
# adopts it as its own claim (FTC Endorsement Guides), so it is not excused as quoted.
TESTIMONIAL_AFTER = regex.compile(r"[\s,.!]*[-\u2013\u2014]{1,2}\s*\p{Lu}", regex.V0)


def quoted(text: str, start: int, end: int, unit=None, ctx=None) -> bool:
    lo = max(0, start - 1500)
    hi = min(len(text), end + 1500)
    for m in QUOTE_SPANS.finditer(text, lo, hi):
        if m.start() < start and end <= m.end():
            return TESTIMONIAL_AFTER.match(text, m.end()) is None
        if m.start() > end:
            break
    if text[start:start + 1].isupper() and TITLE_BEFORE.search(text, max(0, start - 120), start):
        return True
    return False


# ---------------------------------------------------------------------------------------------
# hedged

HEDGE = regex.compile(
    r"""\b(?:may|might|could|possibly|potentially|perhaps|probably|likely|plausibly|conceivably
      |help(?:s|ed|ing)?|aids?\s+in
      |some\s+(?:evidence|studies|research|data|trials?)
      |(?:studies|research|evidence|data|trials?|findings)\s+(?:suggests?|indicates?|hints?)
      |suggests?|appears?\s+to|seems?\s+to|thought\s+to|believed\s+to|tends?\s+to
      |in\s+theory|preliminary|early\s+(?:research|studies|evidence|results|data)
      |goals?|aims?|hopes?|hoped|hoping|dreams?|grail|quest|ambition|target)\b""",
    _F | regex.VERBOSE,
)


def hedged(text: str, start: int, end: int, unit=None, ctx=None) -> bool:
    return HEDGE.search(_site(text, start, end, unit, ctx).clause_before(12)) is not None


# ---------------------------------------------------------------------------------------------
# reported

REPORT_BEFORE = regex.compile(
    r"""\b(?:claim(?:s|ed|ing)?(?!\s+(?:your|yours|a\s+free|my|our|the\s+(?:offer|discount|deal))\b)|promis(?:e|es|ed|ing)
      |(?:marketed|advertised|sold|billed|touted|hailed|hyped|promoted|pitched|branded|labell?ed|dubbed|
         presented|described|framed)\s+as
      |so[-\s]called|supposed(?:ly)?|alleged(?:ly)?|purported(?:ly)?|reputed(?:ly)?
      |beware|be\s+(?:wary|skeptical|sceptical|suspicious|careful|cautious)\s+(?:of|about|with)
      |(?:watch|look)\s+out\s+for|watch\s+for|red[-\s]flags?|warning\s+signs?|telltale\s+signs?
      |no\s+(?:good\s+|scientific\s+|reliable\s+|strong\s+|real\s+|clinical\s+|solid\s+)?(?:evidence|proof|data|studies)
      |(?:little|insufficient|limited|not\s+enough|lack\s+of|weak)\s+(?:\w+\s+)?evidence
      |there\s+is\s+no\s+proof|unproven|scams?|scammers?|fraud\w*|quack\w*|myths?|hype[ds]?
      |too\s+good\s+to\s+be\s+true
      |(?:words?|phrases?|terms?|language|buzzwords?|claims?|promises?)\s+(?:like|such\s+as|including)
      |(?:avoid|distrust|ignore|question|report)\s+(?:any\s+)?(?:products?|ads?|adverts?|websites?|sites?|
         claims?|sellers?|promises?|offers?|treatments?)
      |(?:idea|notion|belief|suggestion)\s+that
      |(?:tells?|told|telling)\s+(?:you|people|readers|patients|customers))\b""",
    _F | regex.VERBOSE,
)
REPORT_AFTER = regex.compile(
    r"""\b(?:is|are|was|were)\s+(?:often\s+|usually\s+|always\s+|common\s+|classic\s+|typical\s+|a\s+|an\s+|
         just\s+|the\s+|all\s+)*(?:red[-\s]flags?|warning\s+signs?|signs?\s+of\s+(?:a\s+)?(?:scam|fraud|quackery)|
         hallmarks?\s+of|myths?|scams?|marketing|hype|buzzwords?|too\s+good\s+to\s+be\s+true|misleading|
         false|unproven|unsupported|not\s+(?:true|proven|supported|real))\b
      |\bbe\s+(?:wary|skeptical|sceptical|suspicious|careful|cautious)\b|\bbeware\b|\bred[-\s]flags?\b
      |,\s*(?:(?:the\s+)?[\w'’-]+\s+){0,3}(?:said|says|claimed|claims|told\s+\w+|wrote|added|argued|insisted)\W*$""",
    _F | regex.VERBOSE,
)
BULLET = regex.compile(r"^\s*(?:[-*•▪◦‣]|\d+[.)])\s")


def _list_intro_reports(unit, ctx) -> bool:
    """Is `unit` (a list item block, or a sentence in one) introduced by a block that reports claims?"""
    block = getattr(unit, "block", unit)
    document = getattr(ctx, "document", None)
    if getattr(block, "kind", None) != "list_item" or document is None:
        return False
    blocks = document.blocks
    i = getattr(block, "index", -1)
    if not (0 <= i < len(blocks)) or blocks[i] is not block:
        return False
    for back in range(i - 1, max(-1, i - 60), -1):
        prev = blocks[back]
        if prev.kind == "list_item":
            continue
        tail = prev.text.rstrip()
        tail = tail[-4000:]
        spans = _sentence_spans(tail)
        last = tail[spans[-1][0]:] if spans else tail
        return last.endswith(":") and REPORT_BEFORE.search(last) is not None
    return False


def reported(text: str, start: int, end: int, unit=None, ctx=None) -> bool:
    site = _site(text, start, end, unit, ctx)
    if REPORT_BEFORE.search(site.sentence_before()):
        return True
    if REPORT_AFTER.search(site.sentence_after()[:200]):
        return True
    # An item of a list whose introduction reports claims: "red flags such as: - Miracle cure".
    s, _ = site.sentence
    if BULLET.match(text[s:start] or text[s:s + 3]):
        for prev in _previous_sentences(text, site.spans, s):
            if BULLET.match(prev):
                continue
            return REPORT_BEFORE.search(prev) is not None
    # The same for a Markdown/HTML list, whose items are separate blocks (needs the document).
    return unit is not None and _list_intro_reports(unit, ctx)



# ---------------------------------------------------------------------------------------------
# conditional, quantified

READER_ADDRESS = (
    r"(?!\s+you(?:{a}ve|{a}re|\s+are|\s+have|\s+)?\s*(?:been\s+)?(?:suffer|struggl|want|need|wish|looking|tired|tried|"
    r"sick\s+of|fed\s+up|ever)\w*)"
).format(a=APOS)
CONDITION = regex.compile(
    rf"\b(?:if|when|whenever|unless|once|provided|as\s+long\s+as){READER_ADDRESS}\b"
    r"|\bearly\b|\b(?:in|at)\s+(?:its|their|an)\s+early\b",
    _F,
)
QUANTITY = regex.compile(
    r"""\b(?:often|usually|sometimes|generally|typically|frequently|rarely|occasionally|commonly|mostly|seldom)\b
      |\b(?:in|for)\s+(?:some|many|most|certain|rare|a\s+few|selected)\s+(?:cases|people|patients|instances|adults|children|women|men)\b
      |\bcertain\s+(?:types?|kinds?|forms?|cases?|people|patients|cancers?|infections?|conditions?|diseases?)\b
      |(?<!\bthe\s)(?<!\bat\s)\b(?:most|many|some)\b
         (?!\s+(?:of\s+all|days?|weeks?|months?|years?|hours?|minutes?|time|say|people\s+say)\b)""",
    _F | regex.VERBOSE,
)


def quantified(text: str, start: int, end: int, unit=None, ctx=None) -> bool:
    s, e = _site(text, start, end, unit, ctx).sentence
    return QUANTITY.search(text, s, e) is not None  # "can cure most cases" qualifies itself


def conditional(text: str, start: int, end: int, unit=None, ctx=None) -> bool:
    s, e = _site(text, start, end, unit, ctx).sentence
    if CONDITION.search(text, s, start) or CONDITION.search(text, end, e):
        return True
    return quantified(text, start, end, unit, ctx)


# ---------------------------------------------------------------------------------------------
# medical

# A specific conventional intervention: a drug class, a named procedure, a vaccine, a public-health
# measure, or a drug named by its international nonproprietary name (INN) stem.
SPECIFIC_MEDICAL = r"""
      antibiotics?|antivirals?|antifungals?|antibacterials?|antimicrobials?|antiretrovirals?|antimalarials?
      |antidepressants?|antihistamines?|antacids?|anticoagulants?|antiplatelets?|antipsychotics?|antiepileptics?
      |blood\s+thinners?|diuretics?|(?:cortico)?steroids?|bisphosphonates?|[\w-]+\s+(?:blockers?|inhibitors?)
      |(?-i:NSAIDs?|SSRIs?|SNRIs?|PPIs?|CBT|ART|HAART|PrEP|PEP|DTaP|Tdap|MMRV?|IPV|Hib|PCV\d*|BCG)|aspirin|acetaminophen|paracetamol|morphine|levothyroxine|lithium
      |surgery|surgeries|surgical\s+\w+|surgeons?|operations?|chemotherapy|chemo|radiation(?:\s+therapy)?|radiotherapy
      |(?:\w+\s+)?transplants?|transplantation|dialysis|vaccines?|vaccinations?|vaccinated|immuni[sz]ations?|immuni[sz]ed
      |(?:controlling|managing|lowering|keeping)\s+(?:your\s+)?(?:[\w-]+\s+){0,2}?(?:blood\s+pressure|blood\s+sugar|glucose|cholesterol|weight|diabetes)
      |insulin(?!\s+(?:resistance|resistant|sensitivity|levels?|spikes?|production))
      |(?:cardiac\s+|pulmonary\s+)?rehab(?:ilitation)?
      |immunotherapy|psychotherapy|counsel(?:l)?ing|antibody\s+\w+|oral\s+rehydration\s+\w+|iron\s+(?:supplements?|pills|tablets)|folic\s+acid|stents?|angioplasty|pacemakers?
      |defibrillators?|inhalers?|(?-i:CPAP)|epinephrine|adrenaline|warfarin|methotrexate|colchicine|allopurinol|nitroglycerin
      |naloxone|tamoxifen|levodopa|digoxin|furosemide|\w{3,}sone|\w{2,}thiazide
      |(?:losing|lose)\s+(?:[\w%'’-]+\s+){0,6}?weight|lifestyle\s+changes|healthy\s+(?:lifestyle|habits|eating)
      |weight\s+loss(?!\s+(?:teas?|pills?|supplements?|products?|shakes?|drinks?|powders?|gumm\w+|capsules?|patch\w*|formulas?|drops))
      |hand\s*washing|washing\s+(?:your\s+)?hands|condoms?|screenings?|sunscreens?|(?:insect\s+)?repellents?
      |(?:pap|screening|(?-i:HPV))\s+(?:tests?|smears?)|colonoscop(?:y|ies)|mammogra(?:ms?|phy)|sigmoidoscop(?:y|ies)
      |quitting\s+smoking|not\s+smoking|exercise|physical\s+activity|breastfeeding|safer\s+sex|hygiene|brushing|flossing
      |(?!april\b)\w{2,}(?:cillin|mycin|micin|cycline|floxacin|penem|vir|mab|tinib|platin|taxel|conazole|azole|statin|prazole
         |olol|pril|sartan|dipine|formin|gliptin|gliflozin|glutide|parin|xaban|gatran|oxetine|pramine|azepam|zolam|profen|coxib
         |olone|terol|lukast|tropium|dronate|setron|triptan)s?
      |statins?"""
# A generic treatment word ("treatment", "medicines", "therapy") is conventional only when it stands
# alone or after a word from this list: "Treatment often cures ...", "antiviral medicines", "hormone
# therapy", "cancer treatment". Any other modifier leaves it unexplained ("stem cell therapy",
# "ozone therapy", "our herbal medicine", "IV therapy"), so it no longer excuses a claim.
CONVENTIONAL_MODIFIER = r"""
      the|a|an|with|and|or|of|by|for|any|such|these|those|other|your|their|his|her|its
      |medical|prescription|standard|conventional|mainstream|approved|licensed|evidence-based|usual|recommended
      |early|prompt|proper|appropriate|timely|correct|effective|current|available|specific|first-line|second-line
      |long-term|short-term|daily|regular|combination|oral|topical|inhaled|injected|injectable|intravenous
      |antiviral|antibiotic|antifungal|antibacterial|antimicrobial|antiretroviral|antimalarial|antiseizure|anticancer
      |anti-inflammatory|over-the-counter|(?-i:OTC)|steroid|hormone|hormonal|radiation|surgical|physical|occupational
      |speech|talk|behavioral|behavioural|cognitive|cognitive[-\s]behavio(?:u)?ral|family|group|light|gene|targeted
      |exposure|interpersonal|dialectical|psychodynamic|play|b12|iron|cortisone|steroid|epidural|nerve|joint
      |anti(?!oxidant|-?ag(?:e)?ing|-?wrinkle)[\w-]{3,}|[\w]+-(?:lowering|reducing|thinning|modifying|suppressing|blocking)
      |immunosuppressive|stimulant|sedative|sleep|cough|cold|(?-i:ADHD|MS|RA)|osteoporosis|generic|brand-name|psychiatric|anxiety|depression
      |biologic|biological|replacement|enzyme|drug|medication|nicotine|opioid|cancer|(?-i:HIV|TB)|tuberculosis
      |seizure|allergy|asthma|thyroid|diabetes|cholesterol|pressure|heart|fertility|pain|migraine|arthritis
      |flu|booster|tetanus|rabies|cortisone|hepatitis|measles|covid|(?-i:HPV|MMR)"""
GENERIC_MEDICAL = rf"""(?:(?<![\w'’-]\s)|(?<=\b(?:{CONVENTIONAL_MODIFIER})\s))
      (?:treatments?|treating|medicines?|medications?|drugs?|therapy|therapies|shots?|injections?|infusions?)"""
MEDICAL_SUBJECT = regex.compile(
    rf"""\b(?:{SPECIFIC_MEDICAL}|{GENERIC_MEDICAL})\b""",
    _F | regex.VERBOSE,
)
PROMO = regex.compile(
    r"\b(?:miracle|miraculous|magic|magical|secret|natural(?:ly)?|all[-\s]natural|herbal|holistic|guaranteed|"
    r"proven|instant(?:ly)?|permanent(?:ly)?|complete(?:ly)?|total(?:ly)?|full(?:y)?|entirely|forever|"
    r"wonder|ultimate|always|absolute(?:ly)?|100)\b|\bfor\s+good\b|\bonce\s+and\s+for\s+all\b|100\s*%|100\s+percent|\#\s?1\b|\bnumber[-\s]one\b|\bno\.\s?1\b",
    _F,
)


# Words are \w+ with inner apostrophes/hyphens only, so a run of "-" or "'" has one way to split into
# words and separators: with [\w'’-]+\W+ forty dashes took seconds (exponential backtracking).
MEDICAL_AFTER = regex.compile(
    rf"^\W*+(?:\w+(?:['’-]\w+)*+\W++){{0,3}}?(?:with|by|using|through|after)\s+(?:[\w'’-]+\s+){{0,2}}?{MEDICAL_SUBJECT.pattern}",
    _F | regex.VERBOSE,
)


# The body's own defences as the subject of the sentence: "Your immune system fights germs and
# prevents illness" explains physiology. Only at the start of the sentence: "Our formula strengthens
# your immune system and prevents cancer" is still a claim about the formula.
BODY_SUBJECT = regex.compile(
    r"""^[\W_]*(?:(?:the|your|a\s+healthy|our)\s+)?(?:body['’]s\s+)?
      (?:immune\s+system|white\s+blood\s+cells|antibodies|(?-i:[TB])[-\s]cells|platelets|lymphocytes|macrophages|stomach\s+acid
        |skin|liver|kidneys)\b""",
    _F | regex.VERBOSE,
)


def medical(text: str, start: int, end: int, unit=None, ctx=None) -> bool:
    if PROMO.search(text, start, end):
        return False
    site = _site(text, start, end, unit, ctx)
    if MEDICAL_SUBJECT.search(site.clause_before(10)):
        return True
    if BODY_SUBJECT.search(site.sentence_before()):
        return True
    # A passive with the treatment after it: "Hepatitis C can be cured with antiviral medicines."
    return MEDICAL_AFTER.search(site.clause_after(8)) is not None


# ---------------------------------------------------------------------------------------------
# relative (for superlatives)

RELATIVE_BEFORE = regex.compile(
    r"\b(?:(?:one|some|several|a\s+few|two|three|four|five|many)\s+of\s+(?:the\s+|our\s+)?|among\s+(?:the\s+)?)$", _F
)
RELATIVE_AFTER = regex.compile(
    r"""\bfor\s+(?:you|your\b|yourself|him|her|them|each|some|many|most|certain|people\s+(?:who|with)
         |those\s+(?:who|with)|patients\s+with|a\s+given|a\s+particular|this\s+patient|an\s+individual)
      |\bin\s+(?:some|many|most|certain)\s+cases\b|\bdepend(?:s|ing)?\s+on\b|\bvar(?:y|ies)\b""",
    _F | regex.VERBOSE,
)


# The same qualification placed before the superlative: "For many people, X is the best treatment".
RELATIVE_LEAD = regex.compile(
    r"""\b(?:for|in)\s+(?:some|many|most|certain|a\s+few)\s+(?:people|patients|adults|children|women|men|cases|situations)\b
      |\bfor\s+(?:people|those|patients|anyone|adults|children)\s+(?:who|with)\b|\bdepending\s+on\b""",
    _F | regex.VERBOSE,
)


def relative(text: str, start: int, end: int, unit=None, ctx=None) -> bool:
    if RELATIVE_BEFORE.search(text, max(0, start - 40), start):
        return True
    site = _site(text, start, end, unit, ctx)
    if RELATIVE_LEAD.search(site.sentence_before()):
        return True
    return RELATIVE_AFTER.search(site.clause_after(10)) is not None


# ---------------------------------------------------------------------------------------------
# benign

BENIGN_SUBJECT = regex.compile(
    r"""\b(?:symptoms?|lumps?|bumps?|moles?|cysts?|spots?|floaters?|skin\s+tags?|tags?|bites?|stings?|rash(?:es)?|murmurs?
      |marks?|freckles?|birthmarks?|veins?|changes?|sounds?|noises?|clicks?|twitch(?:es|ing)?|tremors?|growths?|polyps?
      |nodules?|fibroids?|bacteria|germs|microbes|viruses|blisters?|pimples?|warts?|hiccups?|cramps?|aches?|lipomas?
      |hemangiomas?|angiomas?|discharge|bleeding|lines?|ridges?|white\s+spots?)\b""",
    _F | regex.VERBOSE,
)


def benign(text: str, start: int, end: int, unit=None, ctx=None) -> bool:
    """The subject is a body finding (a symptom, mole, cyst, bite ...): "harmless" is reassurance
    about a condition, not a claim about a product."""
    return BENIGN_SUBJECT.search(_site(text, start, end, unit, ctx).clause_before(10)) is not None


# ---------------------------------------------------------------------------------------------
# cited

CITATION = regex.compile(
    r"""\[\d{1,3}(?:\s*[,–-]\s*\d{1,3})*\]
      |\(\s*(?-i:[A-Z])[\w'’-]+(?:\s+(?:et\s+al\.?|and|&)(?:\s+[\w'’-]+)?)?,?\s+(?:19|20)\d\d[a-z]?\s*[;)]
      |\bet\s+al\b
      |\baccording\s+to\s+(?:a|an|the)\s+(?:(?:19|20)\d\d\s+)?(?:[\w-]+\s+){0,3}(?:study|trial|review|meta-analysis|analysis|report|guidelines?)\b
      |\baccording\s+to\s+(?:the\s+)?(?-i:CDC|FDA|NIH|NHS|NICE|WHO|USPSTF|Cochrane|EMA|Mayo\s+Clinic|American\s+[A-Z]\w+(?:\s+[A-Z]\w+)?\s+(?:Association|Society|College|Academy))\b
      |\b(?:a|the|one|this)\s+(?:19|20)\d\d\s+(?:[\w-]+\s+){0,2}(?:study|trial|review|meta-analysis|analysis)\b
      |\bpublished\s+in\s+(?:the\s+)?(?-i:[A-Z])
      |\b(?:Cochrane|meta-analys[ie]s|systematic\s+review)\b
      |\bin\s+(?:the|this|that|each)\s+(?:[\w-]+\s+)?(?:trial|study)\b""",
    _F | regex.VERBOSE,
)


def cited(text: str, start: int, end: int, unit=None, ctx=None) -> bool:
    s, e = _site(text, start, end, unit, ctx).sentence
    return CITATION.search(text, s, e) is not None


GUARDS: dict[str, Guard] = {
    "negated": negated,
    "without": without,
    "question": question,
    "quoted": quoted,
    "hedged": hedged,
    "reported": reported,
    "conditional": conditional,
    "quantified": quantified,
    "medical": medical,
    "relative": relative,
    "cited": cited,
    "benign": benign,
}

