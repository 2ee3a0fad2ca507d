"""Vocabulary for the safety framing of health advice: does an article tell the reader to act on a
treatment, does it say it is not medical advice, does it mention risks, and does it promote something."""
from __future__ import annotations

import regex

_F = regex.IGNORECASE | regex.V0

PROFESSIONAL = (
    r"(?:doctor|physician|pharmacist|GP|nurse(?:\s+practitioner)?|midwife|clinician|dentist|dietitian|specialist|"
    r"health\s*care\s+(?:provider|professional|team|practitioner)|healthcare\s+(?:provider|professional|team)|"
    r"health\s+(?:professional|provider|care\s+provider)|medical\s+(?:professional|provider|team)|provider|care\s+team|"
    r"doctor\s+or\s+(?:pharmacist|nurse|another\s+health\s+professional))"
)

# Ways an article says that it does not replace a professional and that readers should ask one.
DISCLAIMER_RE = regex.compile(
    rf"""
      \bfor\s+(?:general\s+)?(?:informational|information|educational|education|reference)(?:al)?\s+purposes(?:\s+only)?\b
    | \b(?:general\s+)?information\s+only\b
    | \bnot\s+(?:(?:intended|meant|designed)\s+(?:to\s+be\s+|as\s+)?)?(?:a|an)?\s*(?:substitute|replacement|alternative)\s+for\s+
        (?:(?:professional|qualified|personal|individual|expert|your\s+own|your|a)\s+)*(?:medical\s+|health\s+)?
        (?:advice|care|diagnosis|treatment|consultation|judg(?:e)?ment|guidance)
    | \b(?:does\s+not|doesn['\u2019]t|do\s+not|is\s+not|isn['\u2019]t|are\s+not|aren['\u2019]t|should\s+not|not)\s+
        (?:(?:intended|meant|designed)\s+)?(?:to\s+)?(?:replace|substitute\s+for|constitute|provide|give|be\s+(?:taken|used|considered|construed)\s+as|
         offer|serve\s+as|act\s+as|take\s+the\s+place\s+of)\s+(?:[\w-]+\s+){{0,3}}?(?:medical|professional|health(?:\s*care)?|clinical)\s+
        (?:advice|care|consultation|diagnosis|treatment)
    | \b(?:not|nothing|never|no)\b[^.!?]{{0,40}}?\b(?:replace|substitute\s+for|take\s+the\s+place\s+of)\s+(?:the\s+)?
        (?:advice|care|judg(?:e)?ment|guidance|expertise)\s+of\s+(?:your|a|an)\s+(?:own\s+|qualified\s+)?{PROFESSIONAL}
    | \b(?:is|are)\s+not\s+(?:(?:intended|meant)\s+as\s+)?(?:medical|professional|clinical)\s+advice\b
    | \bnot\s+intended\s+to\s+diagnose,?\s+treat\b
    | \b(?:talk|speak|check|consult|discuss\s+(?:this|it|your\s+options))\s+(?:to|with)\s+(?:your|a|an)\s+(?:own\s+|qualified\s+|licensed\s+)?{PROFESSIONAL}
    | \bconsult\s+(?:with\s+)?(?:your|a|an)\s+(?:own\s+|qualified\s+|licensed\s+)?{PROFESSIONAL}
    | \bask\s+(?:your|a)\s+{PROFESSIONAL}\b
    | \bseek\s+(?:the\s+)?(?:advice|guidance|help)\s+of\s+(?:your|a|an)\s+(?:qualified\s+)?{PROFESSIONAL}
    | \bseek\s+(?:professional|medical|expert)\s+(?:medical\s+)?(?:advice|help|care|guidance)\b
    | \b(?:always\s+)?(?:see|visit)\s+(?:your|a)\s+{PROFESSIONAL}\s+(?:before|about|if|for\s+advice)
    """,
    _F | regex.VERBOSE,
)

TREATMENT = (
    r"(?:supplements?|capsules?|pills?|tablets?|tea|teas|oils?|creams?|serums?|ointments?|lotions?|gels?|sprays?|"
    r"drops|formula|blend|remed(?:y|ies)|medications?|medicines?|drugs?|injections?|shots?|procedures?|surgery|"
    r"treatments?|therap(?:y|ies)|infusions?|detox|cleanse|patch(?:es)?|gummies|powders?|extracts?|tinctures?|"
    r"vitamins?|minerals?|herbs?|herbal\s+\w+|antibiotics?|painkillers?|pain\s+relievers?|ibuprofen|acetaminophen|"
    r"paracetamol|aspirin|naproxen|antihistamines?|steroids?|probiotics?|melatonin|doses?|dosage|product|products|"
    r"vinegar|juice|smoothie|protocol|regimen|program(?:me)?|device|laser|Botox|fillers?|peel)"
)
DOSE_RE = regex.compile(
    r"\b\d+(?:\.\d+)?\s*(?:mg|mcg|µg|g|grams?|milligrams?|IU|ml|mL|drops?|capsules?|tablets?|pills?|teaspoons?|"
    r"tablespoons?|tsp|tbsp|scoops?|puffs?|gummies)\b"
    r"|\b(?:one|two|three|four|five|a\s+few)\s+(?:capsules?|tablets?|pills?|drops|teaspoons?|tablespoons?|scoops?|gummies)\b",
    _F,
)
SCHEDULE = regex.compile(
    r"\b(?:a\s+day|daily|per\s+day|each\s+day|every\s+(?:day|morning|night|\d+\s+hours|four\s+hours|six\s+hours)|"
    r"twice|three\s+times|at\s+bedtime|before\s+(?:bed|meals|breakfast)|with\s+(?:food|meals|water)|on\s+an\s+empty\s+stomach)\b",
    _F,
)
ACT_VERB = r"(?:take|try(?!\s+to\b)|use|apply|start|stop|switch\s+to|drink|add|give|rub|gargle|swallow|chew|inject|double|increase|decrease|skip|replace)"
# A directive to the reader to act on a treatment: an imperative, "you should ...", "we recommend ...".
DIRECTIVE_START = regex.compile(
    rf"\s*(?:[-*\u2022]\s*)?(?:(?:simply|just|then|also|now|always)\s+)?{ACT_VERB}\b(?P<obj>[^.!?\n]{{0,80}})", _F,
)
DIRECTIVE_INSIDE = regex.compile(
    rf"""\b(?:you\s+should|we\s+(?:recommend|suggest)|i\s+recommend|it['\u2019]s\s+best\s+to|be\s+sure\s+to|
         make\s+sure\s+(?:to|you))\s+(?:also\s+)?{ACT_VERB}\b(?P<obj>[^.!?\n]{{0,80}})""",
    _F | regex.VERBOSE,
)
INSIDE_HINT = regex.compile(r"should|recommend|suggest|best\s+to|sure", _F)
ACT_WORD = regex.compile(rf"\b{ACT_VERB}\b|\d", _F)  # cheap test: nothing to look at without one
TREATMENT_RE = regex.compile(rf"\b{TREATMENT}\b", _F)
COUNT_START = regex.compile(r"^\s+(?:one|two|three|four|\d+)\b", _F)  # "Take two every morning"
DOSE_CONTEXT = regex.compile(rf"\b(?:{ACT_VERB}|taking|dos(?:e|es|age|ing)|recommended|mix|dissolve)\b", _F)
# "less than 2.4 grams a day" is a limit on what you eat, not a dose to take.
LIMIT_BEFORE = regex.compile(r"\b(?:less\s+than|no\s+more\s+than|under|up\s+to|at\s+most|fewer\s+than|limit\s+\w+\s+to)\s+$", _F)


# Words that name no particular treatment: "take medicine" in a list of risk factors or of what a
# doctor may do is not a dose to act on, so these count only with a dose or a schedule.
GENERIC_TREATMENT = regex.compile(
    r"^(?:medicines?|medications?|drugs?|treatments?|therap(?:y|ies)|products?|doses?|dosage|procedures?|surgery)$", _F,
)


# Changing a treatment is advice whatever the treatment is called: "stop taking your medicine".
CHANGE_VERB = regex.compile(r"\b(?:stop|skip|double|increase|decrease|switch\s+to)\b", _F)


def _acts_on_treatment(obj: str, verb: str = "") -> bool:
    if CHANGE_VERB.search(verb) and TREATMENT_RE.search(obj):
        return True
    if DOSE_RE.search(obj) or SCHEDULE.search(obj) and (COUNT_START.match(obj) or TREATMENT_RE.search(obj)):
        return True
    return any(not GENERIC_TREATMENT.match(m.group()) for m in TREATMENT_RE.finditer(obj))


def advice_spans(text: str, sentences):
    """Spans in text where the reader is told to act on a treatment or given a dose to take.
    `sentences` are the (start, end) spans of text's sentences."""
    if not ACT_WORD.search(text):
        return
    inside = INSIDE_HINT.search(text) is not None
    for s, e in sentences:
        m = DIRECTIVE_START.match(text, s, e)
        if m and _acts_on_treatment(m.group("obj"), text[m.start():m.start("obj")]):
            yield m.start() + len(m.group()) - len(m.group().lstrip("-*\u2022 \t\n")), m.end()
            continue
        m = DIRECTIVE_INSIDE.search(text, s, e) if inside else None
        if m and _acts_on_treatment(m.group("obj"), text[m.start():m.start("obj")]):
            yield m.span()
            continue
        for d in DOSE_RE.finditer(text, s, e):
            tail = text[d.end():min(e, d.end() + 40)]
            if (SCHEDULE.search(tail) and DOSE_CONTEXT.search(text, s, d.start())
                    and not LIMIT_BEFORE.search(text, max(s, d.start() - 25), d.start())):
                yield s, min(e, d.end() + len(tail))
                break


# Risk vocabulary (DISCERN Q11: does it describe the risks of each treatment?).
RISK_RE = regex.compile(
    r"\b(?:side[-\s]effects?|risks?|risky|adverse|complications?|interactions?|interacts?|interfere|contraindicat\w*|"
    r"warnings?|cautions?|caution|allerg\w*|overdose|harmful|harm|dangerous|toxic\w*|unsafe|not\s+safe|"
    r"(?:should|must)\s+not\s+(?:take|use|try)|(?:do\s+not|don['\u2019]t)\s+(?:take|use|try)|not\s+(?:suitable|recommended)\s+for|"
    r"avoid\s+(?:it|this|them)?\s*(?:if|during|when)|pregnan\w*|breastfeeding|bleeding|liver\s+(?:damage|injury)|"
    r"upset\s+(?:your\s+)?stomach|nausea|drowsiness|dizziness|downsides?|drawbacks?|dependence|addiction|withdrawal)\b",
    _F,
)
# Words that RISK_RE matches on their own: in ASCII text, the token is a match (there \w, \b and
# IGNORECASE agree with the tokens; elsewhere "drowsineß" is a token "drowsiness" and no match).
RISK_WORDS = frozenset("""risk risks risky adverse complication complications interaction interactions interact
    interacts interfere warning warnings caution cautions overdose harmful harm dangerous unsafe breastfeeding bleeding
    nausea drowsiness dizziness downside downsides drawback drawbacks dependence addiction withdrawal""".split())
# Every denial holds one of these words, as a word token (test_disclaimer_screens checks it).
DENIAL_WORDS = frozenset("no zero without free never".split())
# A denial is not a description of risks: "no side effects", "risk-free", "completely safe".
RISK_DENIAL_RE = regex.compile(
    r"\b(?:no|zero|without|free\s+of|free\s+from|never\s+any)\s+(?:known\s+|harmful\s+|nasty\s+|negative\s+|serious\s+)?"
    r"(?:side[-\s]effects?|risks?|adverse\s+\w+|complications?|harm|dangers?|interactions?)\b|\b(?:risk|side[-\s]effect)[-\s]free\b",
    _F,
)

BENEFIT_RE = regex.compile(
    r"\b(?:works?|worked|effective|relief|relieves?|boosts?|improves?|heals?|cures?|fix(?:es)?|eliminates?|reverses?|"
    r"best|recommend(?:ed)?|must-have|life[-\s]changing|game[-\s]changer|burns?|melts?|restores?|transforms?|"
    r"results|benefits|amazing|powerful|miracle|breakthrough|banish(?:es)?|gets?\s+rid\s+of|ends?|stops?)\b",
    _F,
)
HEDGE_RE = regex.compile(r"\b(?:may|might|could|can\s+help|some\s+people|in\s+some\s+cases|not\s+proven|no\s+evidence)\b", _F)
SELLING_RE = regex.compile(
    rf"\b(?:buy|order|shop|get\s+yours|try\s+(?:it|our|this)|our\s+(?:[\w-]+\s+){{0,2}}(?:{TREATMENT}|clinic)|"
    r"(?:we|i)\s+recommend|you\s+should\s+(?:take|try|use|start)|money[-\s]back|discount|limited\s+time|sign\s+up|book\s+(?:now|your))\b",
    _F,
)
