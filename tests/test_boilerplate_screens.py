"""The exact shortcuts of the boilerplate rules: HL301's head screen and HL302's top-language question
must never change what the full checks decide."""
import pytest

from healthlint.checks import _chrome, _langid
from healthlint.checks.boilerplate import LETTER_WORD, _foreign, _foreign_line

CHROME = [
    "Leave a Reply", "Your comment is awaiting moderation.", "Posted in Nutrition | Tags: fiber, diet",
    "Skip to content", "We use cookies to give you the best experience on our website.", "1,284 views",
    "By Jane Doe | March 3, 2024", "Advertisement - Continue Reading Below", "This site uses Akismet to reduce spam.",
    "Share on Facebook | Tweet | Pin it", "Vitamin D and bones \u00bb", "Leave a comment. Your email address will not be published.",
    "Posted by admin | March 3, 2021 | 4,512 views", "tagged with: zinc", "You may also like:", "Contact us",
]


def test_head_screen_is_derived_from_the_patterns():
    assert _chrome._heads() is not None  # a stock pattern that can start with anything would switch it off
    assert sorted(_chrome._pattern_heads([r"tagged(?:\s+with)?\s*:"])) == ["tagged :", "tagged with", "tagged:"]


@pytest.mark.parametrize("line", CHROME)
def test_head_screen_lets_chrome_through(line):
    assert _chrome._may_start_chrome(line)


def test_head_screen_stops_prose():
    assert not _chrome._may_start_chrome("Most adults need seven to nine hours of sleep each night.")
    assert not _chrome._may_start_chrome("Your doctor may suggest a sleep study.")


@pytest.mark.parametrize("line", [
    "Dejar un comentario sobre este artículo", "Cancelar respuesta", "Loose teeth", "Causes and risk factors",
    "Zurück zur Startseite und weitere Artikel lesen", "Bring a family member or friend to take notes.",
])
@pytest.mark.parametrize("confidence", [0.0, 0.1, 0.5, 0.9])
def test_top_language_first_decides_as_the_top_five(line, confidence):
    if not _langid.available():
        pytest.skip("no language model")
    words = len(LETTER_WORD.findall(line))
    assert _foreign_line(line, "en", words, confidence) == _foreign(_langid.languages(line), "en", words, confidence)
