"""Suicide and self-harm: where an article mentions them, which crisis resources it offers, and the
wording that safe-messaging guidelines (WHO 2023; reportingonsuicide.org) ask writers to avoid."""
from __future__ import annotations

import regex

_F = regex.IGNORECASE | regex.V0

MENTIONS = (
    r"suicid\w*", r"self[-\s]harm\w*", r"self[-\s]injur\w*", r"harm(?:ing)?\s+(?:yourself|themselves|himself|herself|myself|oneself)",
    r"hurt(?:ing)?\s+(?:yourself|themselves|himself|herself|myself)\s+on\s+purpose",
    r"kill(?:ing)?\s+(?:yourself|themselves|himself|herself|myself|oneself)",
    r"(?:take|taking|took|taken|end|ending|ended)\s+(?:your|their|his|her|my|one['\u2019]s)\s+own\s+life",
    r"(?:want(?:ing)?|wish(?:ing)?)\s+to\s+die", r"better\s+off\s+dead",
)
# \b(?:a|b)\b written as \ba\b|\bb\b: the same matches, and each alternative's literals screen it
# on its own (disclaimer.py).
MENTION_RE = regex.compile("|".join(rf"\b{m}\b" for m in MENTIONS), _F)

# Resources any reader can use, whatever the country.
GENERIC = (
    r"crisis\s+(?:line|hotline|helpline|text\s+line|cent(?:er|re)|service|team)|"
    r"suicide\s+(?:prevention\s+)?(?:hotline|helpline|lifeline|line)|helpline|hotline|"
    r"(?:local\s+)?emergency\s+(?:number|services|room|department)|call\s+(?:an\s+)?ambulance|"
    r"findahelpline|befrienders"
)
COUNTRY = {
    "US": r"\b988\b|Suicide\s+(?:&|and)\s+Crisis\s+Lifeline|Suicide\s+Prevention\s+Lifeline|Crisis\s+Text\s+Line|"
          r"\b741741\b|\b911\b|1-800-273-(?:TALK|8255)|Veterans\s+Crisis\s+Line|Trevor\s+Project",
    "UK": r"Samaritans|116\s?123|\b999\b|\bNHS\s+111\b|\b111\b|\bShout\b|\b85258\b|Papyrus|HOPELINE",
    "IE": r"Samaritans|116\s?123|\b112\b|\b999\b|Pieta|\b50808\b",
    "CA": r"\b988\b|Talk\s+Suicide\s+Canada|\b911\b|Kids\s+Help\s+Phone",
    "AU": r"Lifeline|13\s?11\s?14|Beyond\s+Blue|Suicide\s+Call\s+Back\s+Service|\b000\b",
    "NZ": r"\b1737\b|Lifeline|\b111\b|Need\s+to\s+Talk",
}
SUGGESTION = {
    "US": "call or text 988 (Suicide & Crisis Lifeline) or text HOME to 741741 (Crisis Text Line)",
    "UK": "call Samaritans on 116 123 or text SHOUT to 85258",
    "IE": "call Samaritans on 116 123 or text 50808",
    "CA": "call or text 988 (Suicide Crisis Helpline)",
    "AU": "call Lifeline on 13 11 14",
    "NZ": "call or text 1737",
    "any": "give a crisis line for your readers' country (in the US, call or text 988; in the UK and Ireland, "
           "Samaritans on 116 123) or findahelpline.com",
}
RESOURCE_HOSTS = ("988lifeline.org", "crisistextline.org", "samaritans.org", "findahelpline.com",
                  "befrienders.org", "lifeline.org.au", "talksuicide.ca", "iasp.info", "suicidepreventionlifeline.org")


def resource_parts(country: str) -> list[str]:
    """The built-in resources for a country: generic ones and the country's (all countries for "any")."""
    key = country.upper()
    return [p for p in [GENERIC] + (list(COUNTRY.values()) if key == "ANY" else [COUNTRY.get(key, "")]) if p]


def resource_pattern(pattern: str) -> regex.Pattern:
    return regex.compile(pattern, _F)


def suggestion(country: str) -> str:
    return SUGGESTION.get(country.upper(), SUGGESTION["any"])


# Wording to avoid, with what to say instead; a replacement is a fix only where it is grammatical
# whatever the words around it.
UNSAFE_WORDING = (
    (r"(?:attempted|tried)\s+to\s+commit\s+suicide", "attempted suicide", True),
    (r"committed\s+suicide", "died by suicide", True),
    (r"commits\s+suicide", "dies by suicide", True),
    (r"committing\s+suicide", "dying by suicide", True),
    (r"commit\s+suicide", "die by suicide", True),
    (r"(?:failed|unsuccessful)\s+suicide\s+attempt", "suicide attempt", True),
    (r"(?:successful|completed)\s+suicide(?:\s+attempt)?", "death by suicide / died by suicide", False),
    (r"(?:failed|unsuccessful)\s+suicide", "suicide attempt / survived a suicide attempt", False),
    (r"suicide\s+epidemic", "rising suicide rates", False),
    (r"suicide\s+victims?", "person who died by suicide", False),
)
UNSAFE_RE = regex.compile(
    "|".join(f"(?P<w{i}>\\b{p}\\b)" for i, (p, _, _) in enumerate(UNSAFE_WORDING)), _F,
)


def unsafe_wording(text: str):
    """Yield (start, end, replacement, fixable) for each phrase to avoid."""
    for m in UNSAFE_RE.finditer(text):
        i = int(m.lastgroup[1:])
        _, replacement, fixable = UNSAFE_WORDING[i]
        yield m.start(), m.end(), replacement, fixable
