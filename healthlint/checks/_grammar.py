"""High-precision grammar slips an editor catches on sight, offline and without a parser.

Each finder takes sentence text and yields Slip(start, end, message, replacement or None). They are
deliberately narrow: closed word lists and patterns whose every match is an error in edited prose.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

import regex

_F = regex.IGNORECASE | regex.V1
APOS = "['\u2019]"


@dataclass(frozen=True)
class Slip:
    start: int
    end: int
    message: str
    replacement: str | None = None


# --- repeated words -------------------------------------------------------------------------------
REPEAT_RE = regex.compile(r"\b(\p{L}+)(\s+)(\1)\b", _F)
LEGIT_REPEATS = frozenset({"had", "that", "bye", "no", "very", "so", "really", "far", "yes", "ha", "knock", "tsk", "mm", "chop", "pom", "tut"})


def repeated_words(text: str) -> Iterator[Slip]:
    for m in REPEAT_RE.finditer(text):
        word = m.group(1)
        gap = m.group(2)
        if word.lower() in LEGIT_REPEATS or word.isupper() and len(word) > 1 or "  " in gap or "\n\n" in gap:
            continue
        if m.group(3)[0].isupper() and not word[0].isupper():
            continue  # "... leukemia Leukemia can ...": a new sentence or item, not a slip
        yield Slip(m.start(2), m.end(3), f"Repeated word: '{word} {m.group(3)}'; delete the second one.", "")


# --- confused words -------------------------------------------------------------------------------
# "it's" + a word that only makes sense after a possessive.
ITS_NOUNS = (
    "own|effects?|side\\s+effects|symptoms|causes?|benefits|risks|ability|function|purpose|role|shape|size|name|"
    "potency|effectiveness|efficacy|dosage|ingredients|users|patients|structure|impact|properties|mechanism|safety"
)
ITS_RE = regex.compile(rf"\b(it{APOS}s)\s+(?:{ITS_NOUNS})\b(?![\-\p{{L}}])", _F)
# "its" where "it's" (it is / it has) is meant: only words that cannot follow a possessive
# (adjectives can: "its common side effects").
ITS_CONTRACTION_RE = regex.compile(
    r"\b(its)\s+(?:not|a|an|been|going|never|always|also|still|just|too|really)\b", _F)
MODAL_OF_RE = regex.compile(r"\b(?:could|should|would|might|must|may)(?:n['\u2019]t)?\s+(of)\b(?!\s+course\b)", _F)
COMPARATIVE_THEN_RE = regex.compile(
    r"\b(?:more|less|fewer|better|worse|rather|greater|higher|lower|larger|smaller|longer|shorter|older|younger)\s+(then)\b", _F
)


def confused_words(text: str) -> Iterator[Slip]:
    for m in ITS_RE.finditer(text):
        its = "Its" if m.group(1)[0] == "I" else "its"
        yield Slip(m.start(1), m.end(1), f"'{m.group(1)}' means 'it is'; the possessive is '{its}'.", its)
    for m in ITS_CONTRACTION_RE.finditer(text):
        its = "It's" if m.group(1)[0] == "I" else "it's"
        yield Slip(m.start(1), m.end(1), f"'{m.group(1)}' is the possessive; '{its}' means 'it is' or 'it has'.", its)
    for m in MODAL_OF_RE.finditer(text):
        have = "have" if m.group(1).islower() else "Have"
        yield Slip(m.start(1), m.end(1), f"'{m.group(0)}' should be '{m.group(0)[:m.start(1) - m.start()]}have'.", have)
    for m in COMPARATIVE_THEN_RE.finditer(text):
        yield Slip(m.start(1), m.end(1), "Comparison needs 'than', not 'then'.", "than" if m.group(1).islower() else "Than")


# --- number agreement -----------------------------------------------------------------------------
# Count nouns common in health writing with regular plurals, so singular and plural are both known.
COUNT_NOUNS = (
    "treatment medication medicine drug pill tablet capsule dose patient doctor nurse symptom sign test study trial "
    "disease condition infection vaccine injection side-effect effect risk factor option procedure surgery therapy "
    "supplement product ingredient problem complication cause benefit result finding researcher scientist expert "
    "physician specialist hospital clinic child adult woman man person year month week day hour minute cell gene "
    "food meal exercise method program type sample case visit change"
).split()
IRREGULAR = {"child": "children", "woman": "women", "man": "men", "person": "people", "therapy": "therapies",
             "surgery": "surgeries", "study": "studies", "injury": "injuries", "remedy": "remedies"}
SINGULAR = {n: (IRREGULAR.get(n) or n + "s") for n in COUNT_NOUNS}
PLURAL = {p: s for s, p in SINGULAR.items()}

# After the noun: words that end the noun phrase, so the noun is not a modifier ("these treatment options").
PHRASE_END = (
    r"(?:[.,;:!?)]|$|\s+(?:is|are|was|were|can|may|might|will|would|should|must|have|has|had|do|does|did|in|of|for|to|"
    r"with|and|or|that|which|who|on|at|from|by|as|than|because|help|helps|work|works|cause|causes|include|includes))"
)
PLURAL_DET_RE = regex.compile(rf"\b(these|those|several|many|various|few|multiple)\s+(\p{{Ll}}+)(?={PHRASE_END})", _F)
SINGULAR_DET_RE = regex.compile(rf"\b(a|an|each|every|this|another)\s+(\p{{Ll}}+)(?!{APOS}|[\p{{L}}\-])", _F)
# After "this" a plural form may be a verb ("This causes scarring"): only nouns that are never verbs.
NOT_VERBS = frozenset("patients doctors nurses symptoms medications medicines pills tablets capsules vaccines diseases "
                      "infections conditions children adults women men people researchers physicians hospitals".split())
# "a"/"an" before an obviously wrong sound. Only plain lowercase words; silent h and "you"-sounding u/eu/one skipped.
A_AN_RE = regex.compile(r"\b([Aa]|[Aa]n)\s+(\p{Ll}[\p{Ll}\-]*)\b", regex.V1)
A_BEFORE_VOWEL_OK = ("one", "once", "eu", "ewe", "uni", "use", "usu", "uti", "ure", "uro", "ufo", "ubiq", "u-", "o-")
AN_BEFORE_CONSONANT_OK = ("hour", "honest", "honor", "honour", "heir", "herb", "x-", "mri", "fda", "nsaid", "hmo", "s-", "f-", "l-", "m-", "n-", "r-", "x")

# "hepatitis a and b", "vitamin a or": the letter, not the article.
FUNCTION_WORDS = frozenset("and or is are was were of in on to at as if it its nor but so than that the".split())
LETTER_CONTEXT = regex.compile(r"\b(?:hepatitis|vitamin|type|group|grade|stage|class|plan|part|section|step|option|list|item|point|influenza|strep|blood)\s+$", _F)


def _letter_name(text: str, start: int) -> bool:
    return bool(LETTER_CONTEXT.search(text[max(0, start - 20):start]))


# Subject-verb: a plural noun directly followed by a singular verb form, and the reverse.
PLURAL_SUBJECTS = "doctors|patients|people|children|studies|researchers|experts|scientists|women|men|adults|symptoms|treatments|medications|drugs"
SINGULAR_VERBS = "recommends|says|suggests|shows|finds|believes|needs|wants|causes|seems|appears|doesn't|does|has|is|was"
SINGULAR_SUBJECTS = "doctor|patient|study|researcher|person|child|woman|man|treatment|medication|drug"
PLURAL_VERBS = "recommend|suggest|show|find|believe|need|want|seem|appear|don't|do|have|are|were"
# Only a subject that opens a clause (sentence start, after a comma or a conjunction) is judged:
# "treatment for children is" and "help your child have" have other heads or verbs.
CLAUSE_START = r"(?:^|[,;:]\s+|\b(?:but|so|because|that|when|if|while|although)\s+)"
# Not after "that": "we ask that each patient have a driver" is a subjunctive, not a slip.
CLAUSE_START_NO_THAT = r"(?:^|[,;:]\s+|\b(?:but|so|because|when|if|while|although)\s+)"
SV_PLURAL_RE = regex.compile(
    rf"{CLAUSE_START}(?:(?:the|these|those|many|most|some|all|our|your|their|several|both|few)\s+)?"
    rf"\b({PLURAL_SUBJECTS})\s+({SINGULAR_VERBS})\b", _F)
SV_SINGULAR_RE = regex.compile(
    rf"{CLAUSE_START_NO_THAT}(?:the|your|a|this|each|every)\s+({SINGULAR_SUBJECTS})\s+({PLURAL_VERBS})\b(?!\s+(?:to|not)\b)", _F)


def agreement(text: str) -> Iterator[Slip]:
    for m in PLURAL_DET_RE.finditer(text):
        noun = m.group(2)
        if noun in SINGULAR and noun not in ("exercise", "food", "therapy", "surgery", "change"):
            yield Slip(m.start(), m.end(), f"'{m.group(1)}' needs a plural noun: '{m.group(1)} {SINGULAR[noun]}'.", f"{m.group(1)} {SINGULAR[noun]}")
    for m in SINGULAR_DET_RE.finditer(text):
        noun = m.group(2)
        if m.group(1).lower() == "this" and noun not in NOT_VERBS or _letter_name(text, m.start()):
            continue
        if noun in PLURAL and not text[m.end():].lstrip().startswith(("'", "\u2019")):
            yield Slip(m.start(), m.end(), f"'{m.group(1)}' needs a singular noun: '{m.group(1)} {PLURAL[noun]}'.")
    for m in A_AN_RE.finditer(text):
        det, word = m.group(1), m.group(2)
        lower = word.lower()
        if lower in FUNCTION_WORDS or _letter_name(text, m.start()):
            continue
        if det.lower() == "a" and lower[0] in "aeiou" and not lower.startswith(A_BEFORE_VOWEL_OK) and lower[0] != "u":
            yield Slip(m.start(1), m.end(1), f"Use 'an' before a vowel sound: 'an {word}'.", "an" if det.islower() else "An")
        elif det.lower() == "an" and lower[0] not in "aeiou" and not lower.startswith(AN_BEFORE_CONSONANT_OK) and lower[0] != "h":
            yield Slip(m.start(1), m.end(1), f"Use 'a' before a consonant sound: 'a {word}'.", "a" if det.islower() else "A")
    for m in SV_PLURAL_RE.finditer(text):
        yield Slip(m.start(1), m.end(), f"Subject and verb disagree: '{m.group(1)}' is plural but '{m.group(2)}' is singular.")
    for m in SV_SINGULAR_RE.finditer(text):
        yield Slip(m.start(1), m.end(), f"Subject and verb disagree: '{m.group(1)}' is singular but '{m.group(2)}' is plural.")


# --- missing words --------------------------------------------------------------------------------
# "a number patients", "most the time": a quantifier that needs "of" before its noun phrase.
# Not "a third/half/quarter": "a third the size of" is idiomatic.
OF_NOUNS = "number|lot|lots|couple|majority|variety|range|handful|series|percentage|proportion|minority"
PLURAL_HEADS = (
    "people|patients|children|adults|women|men|studies|doctors|cases|years|things|ways|drugs|medicines|"
    "treatments|symptoms|foods|options|types|kinds|reasons|factors|benefits|risks"
)
MISSING_OF_RE = regex.compile(rf"\b(a\s+(?:large\s+|small\s+|growing\s+)?(?:{OF_NOUNS}))(\s+)(?=(?:{PLURAL_HEADS})\b)", _F)
# Not "none": "none the wiser" is idiomatic.
QUANT_THE_RE = regex.compile(r"\b(most|many|some|several|each)(\s+)(?=(?:the|these|those|their|your|our)\s+\p{L})", _F)


def missing_words(text: str) -> Iterator[Slip]:
    for m in MISSING_OF_RE.finditer(text):
        yield Slip(m.start(1), m.end(1), f"Missing 'of': '{m.group(1)} of ...'.", f"{m.group(1)} of")
    for m in QUANT_THE_RE.finditer(text):
        if _quantifier_is_object(text, m.start()):
            continue
        yield Slip(m.start(1), m.end(1), f"Missing 'of': '{m.group(1)} of {text[m.end():].split(' ', 1)[0]} ...'.", f"{m.group(1)} of")


def _quantifier_is_object(text: str, start: int) -> bool:
    """'gives some the chance', 'the most the body' and 'how many the' are not missing 'of'."""
    before = text[max(0, start - 30):start].lower().split()
    return bool(before) and before[-1] in ("the", "at", "give", "gives", "gave", "giving", "offer", "offers", "tell", "tells", "show", "shows", "how", "too", "so")
