"""Find the numbers in a sentence and say what kind of quantity each one is.

Only some kinds are statistics that need a source (a percentage of people, "one in four adults",
a price, how many people a disease affects, how long an effect lasts, a relative risk). Most
numbers in health text are not: step labels, dates, ages in eligibility rules, times, phone
numbers, doses, lab reference ranges and plain counts ("three stages"). The classifier defaults
to a quiet kind and names a statistic kind only on positive evidence from the words around it.
"""
from __future__ import annotations

import re
from collections import namedtuple
from collections.abc import Iterator
from functools import lru_cache

import regex

from .base import word_tokens

_F = regex.IGNORECASE | regex.V0

# Kinds that are statistics (a claim of fact about the world that needs a source).
STATISTIC_KINDS = (
    "percent", "success-rate", "risk", "proportion", "money", "count-of-people", "duration-of-effect",
    "relative-risk",
)
QUIET_KINDS = ("label", "date", "time", "phone", "age", "dose", "range-quiet", "instruction", "measure",
               "duration", "count", "model", "share", "discount")

_UNITS = "one|two|three|four|five|six|seven|eight|nine"
_TEENS = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
WORD_NUM = rf"(?:(?:{_TENS})(?:[-\s](?:{_UNITS}))?|{_TEENS}|{_UNITS}|a\s+hundred|one\s+hundred|hundreds|a\s+dozen|dozens)"
DIGITS = r"(?<![\w.,/:-])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\w/]|[.,:]\d)|(?<![\w.,/:-])\d+(?:\.\d+)?(?![\w/]|[.,:]\d)"
MULT = r"(?:\s+|-)(?:thousand|million|billion|trillion)\b"
NUM = rf"(?:(?:{DIGITS})|\b{WORD_NUM}\b)(?:{MULT})?"

PEOPLE = (
    r"people|persons|individuals|adults|children|kids|teens|teenagers|adolescents|youths?|women|men|girls|boys|"
    r"patients|Americans|Britons|Canadians|Australians|Europeans|users|participants|subjects|cases|deaths|"
    r"babies|infants|newborns|seniors|(?:older\s+)?adults|smokers|survivors|workers|students|residents|"
    r"veterans|mothers|pregnancies|births|visits|hospitali[sz]ations|Americans|Hispanics|adults|of\s+us|"
    r"customers|clients|buyers|members|respondents|readers|consumers|employees|volunteers|nurses|doctors|physicians|"
    r"of\s+(?:them|those|these|all|the\s+population|the\s+world|the\s+U\.?S\.?)|worldwide|each\s+year|a\s+year|every\s+year|annually"
)
MONTHS = r"Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?"
DOSE_UNITS = (
    r"mg|mcg|µg|μg|g|grams?|milligrams?|micrograms?|IU|international\s+units|units?|ml|mL|millilit(?:er|re)s?|cc|"
    r"tablets?|capsules?|pills?|drops?|puffs?|sprays?|tablespoons?|teaspoons?|tsp|tbsp|doses?|servings?|"
    r"cups?|glasses|ounces?|oz|shots?|injections?|sachets?|patch(?:es)?|gummies|scoops?|drinks"
)
MEASURE_UNITS = (
    r"kg|kilograms?|lbs?|kilos?|cm|mm|m|km|meters?|metres?|inch(?:es)?|in\.|feet|foot|ft|miles?|°\s*[CF]?|degrees?|"
    r"mmHg|mg/dL|mmol/L|mmol/mol|ng/mL|mIU/L|µIU/mL|beats|bpm|calories|kcal|steps|pounds\s+(?:of|overweight)|"
    r"percentile|points?|liters?|litres?|gallons?|hours?\s+of\s+sleep"
)
TIME_UNITS = r"seconds?|minutes?|mins?|hours?|hrs?|days?|nights?|weeks?|months?|years?"
LABEL_BEFORE = (
    r"(?:step|stage|phase|type|grade|level|class|chapter|part|section|figure|fig\.|table|version|model|no\.|#|"
    r"number|question|q|item|tip|rule|reason|day|week|lesson|page|room|floor|unit|route|schedule|category|"
    r"trimester|round|module|appendix|box|exhibit|line)\s*$"
)

PROPORTION_IN = rf"\b(?:{NUM})\s+(?:in|out\s+of)\s+(?:every\s+)?(?:{NUM})\b"  # "1 in 4", "one out of every ten"

MENTION_RE = regex.compile(
    rf"""
    (?P<phone>(?<![\w-])(?:\+?\d{{1,3}}[-.\s])?\(?\d{{3}}\)?[-.\s]\d{{3}}[-.\s]\d{{4}}\b
             |\b1-800-[A-Z0-9-]{{7,}}\b|\b\d{{3}}[-\s]\d{{3}}\b(?=\s*\)|\s+\(|[.,;]|\s*$))
  | (?P<time>\b\d{{1,2}}(?::\d\d)?\s*(?:a\.?m\.?|p\.?m\.?)(?!\w)|\b\d{{1,2}}:\d\d\b|\b{WORD_NUM}\s+o['\u2019]clock\b)
  | (?P<date>\b(?:{MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,\s*\d{{4}})?\b|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{MONTHS})\b(?:\s+\d{{4}})?
             |\b(?:1[5-9]|20)\d\d(?:s|['\u2019]s)?(?:\s*[-\u2013]\s*(?:1[5-9]|20)?\d\d)?\b(?!\s*(?:{PEOPLE}|%|percent))
             |\b\d{{1,2}}/\d{{1,2}}/\d{{2,4}}\b)
  | (?P<proportion>{PROPORTION_IN}
             |\b(?:(?:nearly|almost|about|around|roughly|more\s+than|over|less\s+than|under)\s+)?
               (?:(?:a|one|two|three)[-\s](?:third|quarter|fifth|tenth)s?|half|three[-\s]quarters|two[-\s]thirds|the\s+majority|a\s+minority)
               (?=\s+of\s+(?:all\s+|the\s+|those\s+|these\s+|[\w-]+\s+){{0,3}}?(?:{PEOPLE}|population)\b))
  | (?P<money>[$€£¥]\s?\d[\d,]*(?:\.\d+)?(?:{MULT}|(?:k|m|bn)\b)?|\b(?:{NUM})\s*(?:dollars|euros|US\s+dollars|USD|EUR|GBP|bucks)\b)
  | (?P<relative>\b(?:twice|three\s+times|four\s+times|five\s+times|ten\s+times|\d+(?:\.\d+)?\s*(?:times|-fold|x)|(?:two|three|four|five|ten)[-\s]?fold)
               (?:\s+(?:as\s+(?:likely|common)|more\s+(?:likely|common)|less\s+(?:likely|common)|as\s+many(?=\s+(?:{PEOPLE})\b)
                   |the\s+(?:risk|chance|odds|rate)|(?:higher|lower|greater)\b|more\s+effective))
             |\b(?:doubles?|doubled|triples?|tripled|halves|halved|cuts?\s+(?:the|your)\s+risk\s+in\s+half)(?=\s+(?:the|your|their|a\s+person['\u2019]s)\s+(?:risk|chance|odds|rate)))
  | (?P<percent>(?:{NUM})\s*(?:%|percent\b|per\s+cent\b|pc\b)(?:\s*(?:to|-|\u2013)\s*(?:{NUM})\s*(?:%|percent\b))?)
  | (?P<number>(?:{NUM}))
    """,
    _F | regex.VERBOSE,
)

# A value defined by a comparison with a copula before it: "is below 5.7 percent", "are between 5 and 6 percent".
RANGE_BEFORE = regex.compile(
    r"\b(?:is|are|was|were|be|of|from)\s+(?:between|below|above|under|over|less\s+than|more\s+than|greater\s+than|"
    r"lower\s+than|higher\s+than|at\s+least|at\s+or\s+(?:above|below)|reaches|exceeds|from)?\s*"
    r"(?:{NUM}\s*(?:%|percent)?\s*(?:to|and|-|\u2013)\s*)?$"
    .replace("{NUM}", NUM),
    _F,
)
SHARE_OF = regex.compile(r"^\s+of\b", _F)
PEOPLE_OF = regex.compile(
    rf"^(?:\s*(?:and|to|or|-|\u2013)\s*(?:{NUM})\s*(?:%|percent))?"
    rf"\s+of\s+(?:all\s+|the\s+|those\s+|these\s+|[\w-]+\s+){{0,3}}?(?:{PEOPLE}|population|patients|cases|users|people)\b", _F
)
RANGE_WORDS = regex.compile(
    r"\b(?:below|above|under|over|between|less\s+than|more\s+than|greater\s+than|at\s+least|lower\s+than|higher\s+than|"
    r"up\s+to|or\s+(?:higher|lower|more|less|above|below|greater)|normal|range|target|goal|cutoff|cut-off|threshold)\b",
    _F,
)
MEASURED = regex.compile(
    r"\b(?:levels?|readings?|counts?|results?|values?|scores?|index|BMI|A1C|HbA1c|saturation|concentration|pressure|"
    r"hematocrit|haematocrit|cholesterol|glucose|sugar|oxygen|PSA|TSH|ejection\s+fraction|fat|body\s+fat|percentile)\b",
    _F,
)
INSTRUCTION = regex.compile(
    r"\b(?:should|aim|limit|no\s+more\s+than|keep|make\s+up|recommended|recommends?|goal|target|up\s+to|get|eat|"
    r"drink|consume|take|use|apply|choose|try|at\s+least)\b[^.;:]*?\b(?:of\s+your|daily|a\s+day|per\s+day|calories|"
    r"intake|diet|servings?|each\s+day|every\s+day)\b",
    _F,
)
PRODUCT_STRENGTH = regex.compile(
    r"^\s*(?:[\w-]+\s+){0,2}?(?:cream|solution|gel|lotion|ointment|milk|alcohol|strength|concentration|hydrocortisone|"
    r"benzoyl|salicylic|peroxide|lidocaine|DEET|juice|cocoa|dark\s+chocolate|whole\s+grain|ABV|proof|rubbing|bleach|saline|glucose)\b",
    _F,
)
OUTCOME = regex.compile(
    r"\b(?:success(?:ful)?|effective(?:ness)?|efficacy|works?|worked|cured?|improved?|improvements?|relief|relieved|"
    r"respond(?:ed)?|response|remission|recover(?:ed|y)|reduced?|reduces|reduction|lowers?|lowered|cuts?|risks?|chances?|"
    r"likely|odds|survival|survive|survived|fatal|die|died|mortality|rates?|fewer|more|less|prevented|prevents?|"
    r"lost|lose|gained|saw|reported|experienced|felt|noticed|satisfied|recommend)\b",
    _F,
)
SUCCESS_AFTER = regex.compile(
    r"^\s*(?:effective|successful|accurate|efficacy|success|cure|response|survival|chance|likely|of\s+the\s+time)\b", _F,
)
CHANGE_BEFORE = regex.compile(
    r"\bby\s+(?:up\s+to\s+|about\s+|around\s+|nearly\s+|almost\s+|as\s+much\s+as\s+|more\s+than\s+|over\s+|roughly\s+)?$", _F,
)
SUCCESS = regex.compile(r"\b(?:success(?:ful)?|effective(?:ness)?|efficacy|cure\s+rate|works?|worked|improved|relief|respond(?:ed)?|remission)\b", _F)
RISK = regex.compile(r"\b(?:risks?|chances?|likely|odds|likelihood|rates?|mortality|survival|die|died|fatal)\b", _F)
PEOPLE_AFTER = regex.compile(
    rf"^\s*(?:(?:more|of|the|U\.?S\.?|adult|older|young|younger|new|American|British|otherwise|healthy|[a-z]+-?aged)\s+){{0,3}}(?:{PEOPLE})\b",
    _F,
)
AFFECTS_BEFORE = regex.compile(
    r"\b(?:affects?|affecting|affected|afflicts?|kills?|killed|killing|sickens?|strikes?|struck|suffer|suffers|"
    r"diagnosed|living\s+with|die|dies|died|deaths?|cases?|sufferers)\s+(?:from\s+|with\s+|of\s+)?"
    r"(?:(?:an\s+estimated|about|around|approximately|roughly|nearly|almost|over|more\s+than|some|up\s+to|as\s+many\s+as)\s+)?$",
    _F,
)
AGE_AFTER = regex.compile(
    r"^(?:\s*(?:-|\s)?(?:years?|yrs?|months?|weeks?)[-\s]*(?:old|of\s+age)\b|-year-olds?\b|\s*\+|\s+and\s+(?:older|over|up|above|younger|under)\b"
    r"|\s+or\s+(?:older|younger|over|under|above)\b|\s*(?:to|-|\u2013|and)\s*\d+\s*(?:years?|yrs?)?(?:\s+old|\s+of\s+age)?\b(?=[^.]*\b(?:ages?|aged|old|children|kids|adults|teens)\b)|s\b)",
    _F,
)
AGE_BEFORE = regex.compile(
    r"\b(?:ages?|aged|age\s+of|over\s+the\s+age\s+of|under\s+the\s+age\s+of|older\s+than|younger\s+than|"
    r"(?:adults|people|men|women|children|anyone|those|patients|kids|teens)\s+(?:over|under|above|below|older\s+than|younger\s+than))\s*$",
    _F,
)
EFFECT_BEFORE = regex.compile(
    r"\b(?:relief|results?|effects?|benefits?|protection|improvements?|lasts?|lasting|works?|working|kicks?\s+in|"
    r"in\s+as\s+little\s+as|in\s+just|in\s+only|within\s+just|for\s+up\s+to|keeps?\s+working|wears?\s+off|"
    r"lose|lost|drop|dropped|heals?|healed|cleared?|clear\s+up|feel\s+better)\b[^.;:]{0,40}$",
    _F,
)
# A treatment's effect (not an illness running its course: "a cold usually lasts a week").
EFFECT_NOUN = regex.compile(
    r"\b(?:relief|see\s+results|results?\s+(?:last|lasts|lasted|lasting|appear|show)|effects?|benefits?|protection|"
    r"improvements?|immunity|lose|lost|heals?|healed|guaranteed|feel\s+better)\b"
    r"|\b(?:drug|medicine|medication|pill|tablet|capsule|cream|treatment|supplement|vaccine|shot|injection|product|"
    r"formula|patch|spray|dose|remedy|therapy)s?\b[^.;]{0,40}\b(?:works?|lasts?|protects?)\b",
    _F,
)
MODAL = regex.compile(r"\b(?:should|must|need\s+to|have\s+to|will\s+need|ask|tell)\b", _F)
# An instruction to the reader: "Wear sunglasses that block 100 percent of UV rays".
IMPERATIVE_START = regex.compile(
    r"^\W*(?:wear|choose|use|eat|drink|look\s+for|buy|pick|get|take|limit|keep|aim|avoid|make|apply|select|check|"
    r"add|replace|cut\s+back|try|give|store|mix|wash|rinse|set)\b",
    _F,
)
DIRECTIVE = regex.compile(
    r"\b(?:should|must|need\s+to|take|taking|use|using|apply|wait|see\s+a|call|contact|avoid|rest|for\s+at\s+least|"
    r"every|each|at\s+least|until|after|before|during)\b",
    _F,
)


EFFECT_WORDS = frozenset("relief result results effect effects benefit benefits protection improvement improvements "
                         "immunity lose lost heal heals healed guaranteed feel work works last lasts protect "
                         "protects".split())
# The words (\b-bounded in the pattern, so tokens of a plain text) of which a match of each sentence-wide
# pattern contains one: a sentence with none of them cannot match it.
PATTERN_WORDS = {
    SUCCESS: frozenset("success successful effective effectiveness efficacy cure work works worked improved relief "
                       "respond responded remission".split()),
    RISK: frozenset("risk risks chance chances likely odds likelihood rate rates mortality survival die died "
                    "fatal".split()),
    OUTCOME: frozenset("success successful effective effectiveness efficacy work works worked cure cured improve "
                       "improved improvement improvements relief relieved respond responded response remission "
                       "recovered recovery reduce reduced reduces reduction lower lowers lowered cut cuts risk risks "
                       "chance chances likely odds survival survive survived fatal die died mortality rate rates "
                       "fewer more less prevented prevent prevents lost lose gained saw reported experienced felt "
                       "noticed satisfied recommend".split()),
    MEASURED: frozenset("level levels reading readings count counts result results value values score scores index "
                        "bmi a1c hba1c saturation concentration pressure hematocrit haematocrit cholesterol glucose "
                        "sugar oxygen psa tsh ejection fat percentile".split()),
    INSTRUCTION: frozenset("your daily day calories intake diet serving servings".split()),  # its second group
    MODAL: frozenset("should must need have ask tell".split()),
    EFFECT_NOUN: EFFECT_WORDS,
}


# The patterns classify() tries on every number, compiled once (regex.match(str, ...) looks them up
# in regex's cache on every call).
BULLET_HEAD = regex.compile(r"[-*•]|[A-Za-z]")
LABEL_END = regex.compile(r"\s*[.):]")
BARE_COMPARATIVE = regex.compile(r"(?:higher|lower|greater)$", _F)
DISCOUNT_AFTER = regex.compile(r"^\s*(?:off|discount|cash\s*back|savings?)\b", _F)
LABEL_BEFORE_RE = regex.compile(LABEL_BEFORE, _F)
GLUED = regex.compile(r"^[-\w]")
MULT_AFTER = regex.compile(rf"^(?:{MULT})", _F)
MULT_END = regex.compile(rf"(?:{MULT})$", _F)
DOSE_AFTER = regex.compile(rf"^\s*(?:{DOSE_UNITS})\b", _F)
MEASURE_AFTER = regex.compile(rf"^\s*(?:{MEASURE_UNITS})(?!\w)", _F)
TIME_AFTER = regex.compile(rf"^\s*(?:-|\s)?(?:{TIME_UNITS})\b", _F)
NOT_DIGIT = regex.compile(r"[^\d.]")
UNIT_AFTER = regex.compile(rf"(?:\s*(?:-|\s)?(?:{TIME_UNITS})\b|\s+(?:adult\s+|older\s+)?(?:{PEOPLE})\b)", _F)


class NumberMention(namedtuple("NumberMention", "start end kind")):
    """A number-like mention in a sentence: its span (start, end) and kind (a str, see classify)."""
    __slots__ = ()

    @property
    def is_statistic(self) -> bool:
        return self.kind in STATISTIC_KINDS


def _sentence_head_label(text: str, start: int, end: int) -> bool:
    """'1.', '2)', 'Q3:' at the very start of a sentence or line: list numbering, not a quantity."""
    before = text[:start]
    line_start = before.rfind("\n") + 1
    head = before[line_start:].strip()
    return (head == "" or BULLET_HEAD.fullmatch(head) is not None) and LABEL_END.match(text, end) is not None


@lru_cache(maxsize=64)
def _in_text(pattern: regex.Pattern, text: str) -> bool:
    """Whether the whole sentence mentions something: asked once per sentence, not once per number in
    it (a sentence of thousands of numbers was quadratic)."""
    return pattern.search(text) is not None


def _has(pattern: regex.Pattern, text: str, words: frozenset[str] | None) -> bool:
    """_in_text, answered from the sentence's word tokens when they hold none of the pattern's words."""
    needs = PATTERN_WORDS.get(pattern)
    if words is not None and needs is not None and needs.isdisjoint(words):
        return False
    return _in_text(pattern, text)


def classify(text: str, m: regex.Match, reference_ranges: bool = False, words: frozenset[str] | None = None) -> str:
    """The kind of the mention m in text (one sentence). words: the sentence's word tokens when it is plain
    (see `plain`), to skip the sentence-wide patterns that cannot match."""
    kind = m.lastgroup
    start, end = m.span()
    if kind in ("phone", "time", "date"):
        return kind
    if kind == "proportion":
        return "proportion"
    if kind == "money":
        return "money"
    if kind == "relative":  # "3 times higher" is a relative risk only in a sentence about risk
        bare = BARE_COMPARATIVE.search(m.group()) is not None
        return "relative-risk" if not bare or _has(RISK, text, words) else "count"
    before, after = _before(text, start), _after(text, end)
    if kind == "percent":
        return _classify_percent(text, start, end, before, after, reference_ranges, words)
    return _classify_number(text, m, start, end, before, after, words)


WINDOW = 80  # characters of context on each side of a number that classify() reads
WORD_END = regex.compile(r"\w*")
WORD_START = regex.compile(r"(?r)\w*")


def _after(text: str, end: int) -> str:
    """The WINDOW characters after a number, and the rest of the word they end inside: a cut word
    reads as another one ("weekends" cut to "week", a time unit)."""
    return text[end:WORD_END.match(text, min(end + WINDOW, len(text))).end()]


def _before(text: str, start: int) -> str:
    """The WINDOW characters before a number, and the rest of the word they start inside."""
    return text[WORD_START.match(text, 0, max(0, start - WINDOW)).start():start]


def _classify_percent(text, start, end, before, after, reference_ranges, words) -> str:
    if PRODUCT_STRENGTH.match(after):
        return "dose"
    if SUCCESS_AFTER.match(after) or CHANGE_BEFORE.search(before):  # "90% effective", "lowers it by 50%"
        return "risk" if _has(RISK, text, words) and not _has(SUCCESS, text, words) else "success-rate"
    if DISCOUNT_AFTER.match(after):
        return "discount"
    near = before[-40:]
    if PEOPLE_OF.match(after):
        pass  # "over 80% of customers": a statistic about people, whatever the comparison
    elif _has(MEASURED, text, words) and (RANGE_WORDS.search(near) or RANGE_WORDS.search(after[:20])):
        return "range" if reference_ranges else "range-quiet"
    elif RANGE_BEFORE.search(near):
        return "range" if reference_ranges else "range-quiet"
    if SHARE_OF.match(after) and not PEOPLE_OF.match(after):
        return "share"  # "99 percent of the body's calcium": a fact about a thing, not a statistic about people
    if _has(INSTRUCTION, text, words) or IMPERATIVE_START.match(text):
        return "instruction"
    if _has(SUCCESS, text, words):
        return "success-rate"
    if _has(RISK, text, words):
        return "risk"
    if _has(OUTCOME, text, words):
        return "success-rate"
    return "percent"


def _classify_number(text, m, start, end, before, after, words) -> str:
    if LABEL_BEFORE_RE.search(before) or _sentence_head_label(text, start, end):
        return "label"
    if GLUED.match(text[end:end + 1]) and not MULT_AFTER.match(after):
        return "model"
    if AGE_AFTER.match(after) or AGE_BEFORE.search(before):
        return "age"
    if DOSE_AFTER.match(after):
        return "dose"
    if MEASURE_AFTER.match(after):
        return "measure"
    if TIME_AFTER.match(after):
        if (EFFECT_BEFORE.search(before) and _has(EFFECT_NOUN, text, words) and not DIRECTIVE.search(before[-30:])
                and not _has(MODAL, text, words) and not IMPERATIVE_START.match(text)):
            return "duration-of-effect"
        return "duration"
    large = MULT_END.search(m.group()) is not None or _value(m.group()) >= 1000
    if large and (PEOPLE_AFTER.match(after) or AFFECTS_BEFORE.search(before)):
        return "count-of-people"
    return "count"


def _value(token: str) -> float:
    digits = NOT_DIGIT.sub("", token.split()[0] if token.split() else token)
    try:
        return float(digits) if digits and digits[0].isdigit() else 0.0
    except ValueError:
        return 0.0


# Every mention starts with a digit, a currency sign or one of these words (each \b-bounded in the
# pattern, so a word token): most sentences have none, and one cheap search spares them the full pattern.
NUMBER_WORDS = frozenset(f"{_UNITS}|{_TEENS}|{_TENS}".split("|"))
FRACTIONS = frozenset("third thirds quarter quarters fifth fifths tenth tenths".split())
MAYBE_WORDS = NUMBER_WORDS | FRACTIONS | frozenset(
    "hundred hundreds dozen dozens half twice double doubles doubled triple triples tripled halves halved majority "
    "minority cut cuts twofold threefold fourfold fivefold tenfold".split())
MAYBE_NUMBER = regex.compile(rf"[\d$€£¥]|\b(?:{'|'.join(sorted(MAYBE_WORDS))})\b", _F)

# Where a MENTION_RE match can start (read off its alternatives): a digit, a currency sign, "+" or "("
# (phone numbers), or one of these words, \b-bounded, which only starts a match when one of the words
# paired with it (None: no condition) is in the text too: "a" only in "a hundred", "a third", "a
# minority"; "the" only in "the majority"; "nearly", "about", "more (than)" only before a fraction.
START_CHARS = regex.compile(r"[$€£¥+(]|\d+")
# The same starts in ASCII text, on the stdlib engine (four times faster here): the first digit of a run.
START_ASCII = re.compile(r"[0-9$+(](?<![0-9][0-9])")
STARTERS = (
    (NUMBER_WORDS | frozenset("hundreds dozens half twice twofold threefold fourfold fivefold tenfold double doubles "
                              "doubled triple triples tripled halves halved".split()), None),
    (frozenset({"a"}), FRACTIONS | {"hundred", "dozen", "minority"}),
    (frozenset({"the"}), frozenset({"majority"})),
    (frozenset("nearly almost about around roughly more over less under".split()),
     FRACTIONS | {"half", "majority", "minority"}),
    (frozenset({"cut", "cuts"}), frozenset({"half"})),  # "cuts the risk in half"
)
MONTH_WORDS = frozenset("jan january feb february mar march apr april may jun june jul july aug august sep sept "
                         "september oct october nov november dec december".split())  # MONTHS
MONTH_NEXT = regex.compile(r"\.?\s+\d")  # a month starts a mention only before a day ("May 5")

# Words (tokens) and characters of which a text must contain one for any of its numbers to be a
# statistic (for classify() to name a STATISTIC_KINDS kind or "range"): percent (%, "percent", "per
# cent", "pc"), money, proportions ("a third of", "half of", "the majority of"; "1 in 4" is
# PROPORTION_IN), relative risk ("twice", "3 times", "three-fold", "3x"), a large count of people
# ("3,000", "5 million") and the duration of an effect (a time unit and an effect word).
STAT_WORDS = FRACTIONS | frozenset(
    "percent cent pc dollars euros usd eur gbp bucks half majority minority twice times fold twofold threefold "
    "fourfold fivefold tenfold double doubles doubled triple triples tripled halves halved thousand million billion "
    "trillion".split())
STAT_CHARS = "%$€£¥"
STAT_DIGITS = regex.compile(r"\d(?:,?\d\d\d|\s*[xX])")  # "3,000", "3000", "3x", "3 x"
TIME_WORDS = frozenset("second seconds minute minutes min mins hour hours hr hrs day days night nights week weeks "
                       "month months year years".split())
PROPORTION_AT = regex.compile(PROPORTION_IN, _F)
NUM_WORDS = NUMBER_WORDS | frozenset("hundred hundreds dozen dozens".split())  # WORD_NUM's words
DIGIT = regex.compile(r"\d")
# Characters that are \w for `re` (Context.words) but not for `regex` (the patterns): beside one, a
# word's token is not the word ("²studies"), so token screens do not apply.
NUMERIC_OTHER = regex.compile(r"\p{No}")


def plain(text: str, folded: str) -> bool:
    r"""Do text's casefolded \w tokens (Context.words) hold every word the IGNORECASE patterns can
    match, at the same offsets in `folded`? Not when casefolding changes a length ("İ", "ß") or a
    character is \w only for `re` (superscript digits)."""
    return text.isascii() or (len(folded) == len(text) and NUMERIC_OTHER.search(text) is None)


def statistic_marks(text: str, words: frozenset[str]) -> bool:
    """Has text (plain, with tokens `words`) a word or character that a statistic other than "1 in 4"
    needs? See STAT_WORDS."""
    if not words.isdisjoint(STAT_WORDS) or "%" in text or "$" in text:
        return True
    if not text.isascii() and any(c in text for c in STAT_CHARS):
        return True
    if not words.isdisjoint(TIME_WORDS) and not words.isdisjoint(EFFECT_WORDS):
        return True
    return STAT_DIGITS.search(text) is not None


def proportion_possible(text: str, words: frozenset[str], starts: list[int] | None = None) -> bool:
    """Can a "1 in 4" (one of MENTION_RE's forms) start at one of `starts` in text (tokens `words`)?
    With no starts (not known yet): has text "in" or "out" and a number (a digit or a word of WORD_NUM)?"""
    if "in" not in words and "out" not in words:
        return False
    if starts is None:
        return not words.isdisjoint(NUM_WORDS) or DIGIT.search(text) is not None
    return any(PROPORTION_AT.match(text, i) for i in starts)


def statistic_possible(text: str, words: frozenset[str], starts: list[int]) -> bool:
    """False when no number in text (plain, with tokens `words` and mention_starts `starts`) can be a
    statistic."""
    return statistic_marks(text, words) or proportion_possible(text, words, starts)


def _word_char(c: str) -> bool:
    return c.isalnum() or c == "_"  # \w for `re`, hence for `regex` too in plain text


def word_starts(text: str, folded: str, word: str) -> Iterator[int]:
    """Offsets of `word` as a whole token of folded."""
    i = folded.find(word)
    while i >= 0:
        j = i + len(word)
        if not (i and _word_char(text[i - 1])) and not (j < len(text) and _word_char(text[j])):
            yield i
        i = folded.find(word, j)


def mention_starts(text: str, folded: str, words: frozenset[str]) -> list[int]:
    """Sorted offsets in plain text (tokens `words`) where a mention may start: all the true ones."""
    starts = [m.start() for m in (START_ASCII if text.isascii() else START_CHARS).finditer(text)]
    for group, needs in STARTERS:
        if needs is None or not words.isdisjoint(needs):
            for word in group & words:
                starts.extend(word_starts(text, folded, word))
    for word in MONTH_WORDS & words:
        starts.extend(i for i in word_starts(text, folded, word) if MONTH_NEXT.match(text, i + len(word)))
    starts.sort()
    return starts


def finditer_at(pattern: regex.Pattern, text: str, starts: list[int] | None) -> Iterator[regex.Match]:
    """pattern.finditer(text), trying the pattern only at `starts` (sorted, a superset of the offsets where
    a match can start; None: everywhere). The same matches: finditer takes, from where the last match
    ended, the first offset at which the pattern matches, and match() sees the text around it too. For
    patterns that match no empty string."""
    if starts is None:
        yield from pattern.finditer(text)
        return
    pos = 0
    for start in starts:
        if start >= pos:
            m = pattern.match(text, start)
            if m:
                yield m
                pos = m.end()


def _maybe_statistic(text: str, m: regex.Match) -> bool:
    """False when classify() is sure to name a quiet kind: phones, times, dates, and plain numbers that are
    neither followed by a time unit (a duration of an effect) nor large (a count of people)."""
    kind = m.lastgroup
    if kind != "number":
        return kind not in ("phone", "time", "date")
    return (TIME_AFTER.match(_after(text, m.end())) is not None or MULT_END.search(m.group()) is not None
            or _value(m.group()) >= 1000)


def mentions(text: str, starts: list[int] | None, words: frozenset[str] | None, reference_ranges: bool,
             statistics_only: bool = False) -> Iterator[NumberMention]:
    """The mentions in text (one sentence), classified, lazily. With starts (see mention_starts, offsets
    in text) text is plain with tokens `words`; with statistics_only, mentions sure to be of a quiet
    kind are skipped unclassified."""
    if starts is None:
        if not MAYBE_NUMBER.search(text):
            return
    elif words.isdisjoint(MAYBE_WORDS) and all(text[i].isalpha() or text[i] in "+(" for i in starts):
        return  # MAYBE_NUMBER finds nothing: no digit or currency sign (starts has them all) and none of its words
    for m in finditer_at(MENTION_RE, text, starts):
        if statistics_only and not _maybe_statistic(text, m):
            continue
        kind = classify(text, m, reference_ranges, words)
        end = m.end()
        if kind in ("duration-of-effect", "count-of-people"):  # report "8 weeks", "40 million people"
            unit = UNIT_AFTER.match(text, end)
            end = unit.end() if unit else end
        yield NumberMention(m.start(), end, kind)


@lru_cache(maxsize=256)
def _mentions(text: str, reference_ranges: bool) -> tuple[NumberMention, ...]:
    folded = text.casefold()
    if not plain(text, folded):
        return tuple(mentions(text, None, None, reference_ranges))
    words = word_tokens(folded)
    return tuple(mentions(text, mention_starts(text, folded, words), words, reference_ranges))


def number_mentions(text: str, reference_ranges: bool = False) -> tuple[NumberMention, ...]:
    """Every number-like mention in text (one sentence), classified."""
    return _mentions(text, reference_ranges)
