"""Plain-text reader: blocks, headings, lists, comments, URLs, exact offsets."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from healthlint.document import PLACEHOLDER
from healthlint.parse import parse
from healthlint.source import SourceError
from parse_invariants import assert_crlf_maps_like_lf, check_invariants, where


def txt(text: str):
    doc = parse(text, "doc.txt", "text")
    check_invariants(doc)
    return doc


def test_paragraphs_and_wrapped_lines():
    doc = txt("First paragraph that is long enough to be a paragraph.\nIt wraps here.\n\nSecond one.\n")
    assert [(b.kind, b.text) for b in doc.blocks] == [
        ("paragraph", "First paragraph that is long enough to be a paragraph. It wraps here."),
        ("paragraph", "Second one."),
    ]
    b = doc.blocks[0]
    i = b.text.index(" It")
    # The line break became one space mapped over exactly the "\n".
    assert b.source_span(i, i + 1) == (54, 55)
    assert where(doc, "wraps") == (2, 4)
    assert where(doc, "Second") == (4, 1)


def test_continuation_indentation_skipped_and_trailing_spaces_dropped():
    doc = txt("Some text here,   \n      continued after indent.\n")
    (b,) = doc.blocks
    assert b.text == "Some text here, continued after indent."
    assert where(doc, "continued") == (2, 7)


def test_title_and_headings():
    text = "Flu Vaccine Guide\n\nWho should get it\n\nMost adults should get the vaccine every year.\n\nSide effects:\n"
    doc = txt(text)
    assert [(b.kind, b.text) for b in doc.blocks] == [
        ("title", "Flu Vaccine Guide"),
        ("heading", "Who should get it"),
        ("paragraph", "Most adults should get the vaccine every year."),
        ("paragraph", "Side effects:"),  # terminal ":" - not a heading
    ]
    assert doc.title == "Flu Vaccine Guide"


def test_first_block_that_is_a_sentence_is_not_a_title():
    doc = txt("This is a sentence.\n\nHeading later\n")
    assert doc.title is None
    assert [b.kind for b in doc.blocks] == ["paragraph", "heading"]


def test_long_single_line_is_not_a_heading():
    doc = txt("one two three four five six seven eight nine ten eleven twelve thirteen\n")
    assert doc.blocks[0].kind == "paragraph"


def test_underlined_title_decoration_is_not_prose():
    doc = txt("My Title\n========\n\nBody text.\n")
    assert [(b.kind, b.text) for b in doc.blocks] == [("title", "My Title"), ("paragraph", "Body text.")]


def test_list_items():
    text = "Steps:\n- wash hands\n* dry them\n\u2022 bullet dot\n+ plus item\n1. first\n2) second\n   wrapped more\nAfter list.\n"
    doc = txt(text)
    assert [(b.kind, b.text) for b in doc.blocks] == [
        ("paragraph", "Steps:"),
        ("list_item", "wash hands"),
        ("list_item", "dry them"),
        ("list_item", "bullet dot"),
        ("list_item", "plus item"),
        ("list_item", "first"),
        ("list_item", "second wrapped more"),
        ("paragraph", "After list."),
    ]
    assert where(doc, "wash") == (2, 3)
    assert where(doc, "bullet") == (4, 3)
    assert where(doc, "second") == (7, 4)
    assert where(doc, "wrapped") == (8, 4)


def test_not_a_list_marker():
    doc = txt("-not a bullet\n\n2020 was a year.\n\n1.5 mg is the dose.\n")
    assert [b.kind for b in doc.blocks] == ["title", "paragraph", "paragraph"]
    assert doc.blocks[0].text == "-not a bullet"


def test_comments_collected_and_not_prose():
    text = "Intro line.\n<!-- healthlint-disable -->\nText with <!-- inline --> comment.\n<!-- multi\nline -->\nEnd.\n"
    doc = txt(text)
    assert [c.body for c in doc.comments] == [" healthlint-disable ", " inline ", " multi\nline "]
    for c in doc.comments:
        assert text[c.start:c.end] == f"<!--{c.body}-->"
    assert [b.text for b in doc.blocks] == ["Intro line.", "Text with comment.", "End."]
    assert where(doc, "comment") == (3, 27)


def test_bare_urls():
    doc = txt("See https://nhs.uk/flu (official) and www.cdc.gov/flu.\n")
    (b,) = doc.blocks
    assert b.text == f"See {PLACEHOLDER} (official) and {PLACEHOLDER}."
    assert [(link.start, link.end, link.href) for link in b.links] == [
        (4, 5, "https://nhs.uk/flu"), (21, 22, "www.cdc.gov/flu"),
    ]
    s, e = b.source_span(4, 5)
    assert doc.text[s:e] == "https://nhs.uk/flu"
    assert where(doc, "official") == (1, 25)


def test_url_in_parentheses_keeps_balanced_brackets():
    doc = txt("(see https://en.wikipedia.org/wiki/Flu_(disease)) ok\n")
    b = doc.blocks[0]
    assert b.links[0].href == "https://en.wikipedia.org/wiki/Flu_(disease)"
    assert b.text == f"(see {PLACEHOLDER}) ok"


def test_crlf_lone_cr_and_mixed():
    lf = "Title here\n\nA paragraph line\nthat wraps.\n\n- item\n"
    for variant in (lf.replace("\n", "\r\n"), lf.replace("\n", "\r"), lf.replace("\n", "\r\n", 2)):
        doc = txt(variant)
        assert [b.text for b in doc.blocks] == ["Title here", "A paragraph line that wraps.", "item"]
        assert where(doc, "that") == (4, 1)
        assert where(doc, "item") == (6, 3)


def test_tabs_become_spaces():
    doc = txt("Word\tword \t word\n")
    assert doc.blocks[0].text == "Word word word"
    assert where(doc, "word") == (1, 6)


def test_non_ascii_columns():
    doc = txt("Café résumé 中文 🙂 and more words here.\n")
    assert where(doc, "中文") == (1, 13)
    assert where(doc, "and") == (1, 18)


def test_front_matter_in_text():
    text = "---\ntitle: Notes\n---\nBody sentence here.\n"
    doc = txt(text)
    assert doc.front_matter == {"title": "Notes"}
    assert doc.title == "Notes"
    assert doc.ignored == ((0, 20),)
    assert [b.text for b in doc.blocks] == ["Body sentence here."]
    assert where(doc, "Body") == (4, 1)


def test_broken_front_matter():
    with pytest.raises(SourceError, match="^invalid YAML front matter: .*line"):
        parse("---\nkey: [\n---\ntext\n", "a.txt", "text")


def test_empty_and_blank():
    assert txt("").blocks == ()
    assert txt("\n \n\t\n").blocks == ()


# --- property test -----------------------------------------------------------------------

PIECES = [
    "word", "Wörd", "中文", "🙂", " ", "  ", "\t", "\n", "\r\n", "\r", "\n\n", "- ", "\n- ", "* ", "1. ",
    "2) ", "\u2022 ", ".", ":", "<!--", "-->", "<!-- c -->", "http://x.org/a", "www.x.org", "(", ")",
    "---", "+++", "=====", "\n    ", "title: x", "&amp;",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40))
def test_random_text_never_raises_and_keeps_invariants(pieces):
    text = "".join(pieces)
    try:
        doc = parse(text, "r.txt", "text")
    except SourceError:
        assert text.startswith(("---", "+++"))
        return
    check_invariants(doc)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from([p for p in PIECES if "\r" not in p]), max_size=30))
def test_random_crlf_text_maps_like_lf(pieces):
    assert_crlf_maps_like_lf("".join(pieces), "r.txt", "text")
