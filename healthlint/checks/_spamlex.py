"""Word lists and small text helpers shared by the spam rules (healthlint.checks.spam).

The lists name the *kinds* of words that spam is made of (drugs that spammers sell, price and
channel words, commercial imperatives); the rules score combinations of them, so no single word
is ever enough to report a sentence.
"""
from __future__ import annotations

import regex

from ..document import Block

_F = regex.IGNORECASE | regex.V0

# Drugs that pharmacy spam sells (brand and generic names). A name alone is ordinary health prose.
SPAM_DRUGS = frozenset(
    """
    viagra cialis levitra kamagra sildenafil tadalafil vardenafil avanafil priligy dapoxetine
    xanax alprazolam valium diazepam ativan lorazepam klonopin clonazepam tramadol ultram
    oxycodone oxycontin hydrocodone vicodin percocet codeine fentanyl morphine dilaudid
    adderall ritalin modafinil provigil armodafinil phentermine adipex soma carisoprodol
    ambien zolpidem lunesta propecia finasteride accutane isotretinoin clomid ivermectin
    hydroxychloroquine azithromycin zithromax amoxicillin ciprofloxacin cipro doxycycline
    ozempic semaglutide wegovy mounjaro tirzepatide saxenda liraglutide xenical orlistat
    gabapentin neurontin lyrica pregabalin suboxone methadone ketamine clenbuterol hgh
    steroids anabolics testosterone diflucan valtrex lasix synthroid lipitor prozac zoloft
    lexapro paxil wellbutrin antibiotics painkillers opioids benzos
    """.split()
)
# Generic words for what an online pharmacy ships.
GOODS = frozenset("pills pill meds medication medications tablets tablet capsules drugs rx".split())
# International nonproprietary name stems: any such drug can be sold by spam too.
INN_STEM = regex.compile(
    r"(?:afil|azepam|azolam|codone|statin|cillin|mycin|cycline|floxacin|prazole|sartan|pril|olol|"
    r"glutide|gliflozin|tropin|xetine|oxetine|triptan|dronate)$",
    _F,
)


def is_drug(word: str) -> bool:
    w = word.lower()
    return w in SPAM_DRUGS or w in GOODS or (len(w) >= 7 and INN_STEM.search(w) is not None)


# Look-alike characters spammers swap into drug names: 0 for o, 1 for i, @ for a ...
LOOKALIKE = str.maketrans({"0": "o", "1": "i", "!": "i", "|": "l", "3": "e", "4": "a", "@": "a",
                           "$": "s", "5": "s", "7": "t", "\u0430": "a", "\u0435": "e", "\u043e": "o",
                           "\u0440": "p", "\u0441": "c", "\u0456": "i", "\u0445": "x"})
# A token that may be an obfuscated word: letters mixed with look-alikes, or single letters split
# by dots, dashes, stars, underscores or spaces ("V-i-a-g-r-a", "v i a g r a", "C!alis").
OBFUSCATED = regex.compile(
    r"(?<![\w@$!|])(?:"
    r"(?:\p{L}[.\-*_ ]){4,}\p{L}"  # split letters
    r"|[\p{L}0-9@$!|]*(?:[\p{L}][0-9@$!|]|[0-9@$!|][\p{L}])[\p{L}0-9@$!|]*"  # look-alike characters
    r")(?![\w@$!|])",
    regex.V0,
)


def deobfuscate(token: str) -> str:
    return regex.sub(r"[.\-*_ ]", "", token).translate(LOOKALIKE).lower()


def obfuscated_drug(token: str) -> str | None:
    """The drug an obfuscated token spells ("V1agra" -> "viagra"), or None."""
    plain = deobfuscate(token)
    if plain == token.lower() or plain not in SPAM_DRUGS:
        return None
    return plain


def delete_span_fix(block: Block, source: str, start: int, end: int):
    """Absolute (start, end) that deletes block.text[start:end] with one neighbouring space, or
    None when the span is not a verbatim copy of the source (markup inside: deleting would break it)."""
    text = block.text
    if end < len(text) and text[end] == " " and (start == 0 or text[start - 1] in " \t"):
        end += 1
    elif start > 0 and text[start - 1] == " ":
        start -= 1
    s, e = block.source_span(start, end)
    if source[s:e].split() != text[start:end].split():  # markup inside (a line break is fine)
        return None
    return s, e
