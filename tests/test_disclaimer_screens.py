"""The HL70x literal screens (disclaimer.py) skip documents and blocks without the literals a
pattern needs: they must never change a finding."""
import sys

import regex

from healthlint.api import lint_text
from healthlint.checks import disclaimer
from healthlint.checks.base import WORD_RE


def codes(text, prefix="HL7"):
    return [(f.line, f.column, f.code) for f in lint_text(text, "a.md") if f.code.startswith(prefix)]


def test_only_dotted_capital_i_folds_away_from_the_letter_ignorecase_matches():
    # The screens look for casefolded literals of ASCII letters and digits; the one character
    # that IGNORECASE matches to such a letter but that casefold() does not turn into it is
    # U+0130, and documents holding it are not screened.
    every = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c < 0xE000)
    odd = {c for c in regex.findall(r"[a-z0-9]", every, flags=regex.IGNORECASE | regex.V0) if len(c.casefold()) != 1
           or not c.casefold().isascii()}
    assert odd == {"\u0130"}


def test_screen_literals_are_word_tokens_or_parts_of_them():
    screens = [disclaimer.DISCLAIMER_SCREEN, disclaimer.MENTION_SCREEN, disclaimer.UNSAFE_SCREEN, disclaimer.RISK_SCREEN,
               disclaimer.TREATMENT_SCREEN, disclaimer.BENEFIT_SCREEN, disclaimer.SELLING_SCREEN, disclaimer.RESOURCE_SCREEN,
               disclaimer.DIRECTIVE_SCREEN, *disclaimer.DOSE_SCREENS]
    assert all(screens)
    for screen in screens:
        for alternative in screen:
            assert alternative
            for group in alternative:
                assert group and all(WORD_RE.fullmatch(lit) for lit in group)


def test_documents_with_a_dotted_capital_i_are_not_screened():
    assert codes("# T\n\nThe singer comm\u0130tted suicide.\n", "HL703") == [(3, 12, "HL703")]
    assert codes("# T\n\nThe singer committed su\u0130cide.\n", "HL703") == [(3, 12, "HL703")]


def test_must_have_is_screened_by_its_word_parts():
    promo = ("# Gummies\n\nOur gummies are a must-have. These gummies are a must-have for sleep.\n\n"
             "Take two gummies every night.\n")
    assert codes(promo) == [(1, 3, "HL701"), (3, 5, "HL704")]
