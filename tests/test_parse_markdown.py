"""Markdown reader: block kinds, exact offsets back to the source, robustness."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from healthlint.document import PLACEHOLDER
from healthlint.parse import detect_format, parse
from healthlint.parse import markdown as md_reader
from healthlint.source import SourceError
from parse_invariants import assert_crlf_maps_like_lf, check_invariants, span_text, where


def md(text: str):
    doc = parse(text, "doc.md", "markdown")
    check_invariants(doc)
    return doc


@pytest.fixture(autouse=True)
def no_fallbacks(request):
    """Ordinary documents align exactly; the aligner's give-up path must not run.

    (The property test feeds nonsense markup, where a fallback is allowed but must stay safe.)
    """
    before = md_reader.FALLBACKS
    yield
    if not request.function.__name__.startswith("test_random"):
        assert md_reader.FALLBACKS == before, "the Markdown aligner fell back"


def test_detect_format():
    assert detect_format("a/b.md") == "markdown"
    assert detect_format("x.MARKDOWN") == "markdown"
    assert detect_format("x.mdx") == "markdown"
    assert detect_format("x.htm") == "html"
    assert detect_format("x.XHTML") == "html"
    assert detect_format("notes.txt") == "text"
    assert detect_format("README") == "text"


def test_unknown_format_rejected():
    with pytest.raises(ValueError):
        parse("x", "x", "rtf")


def test_emphasis_and_strong():
    doc = md("Take **two** tablets _daily_ with *water*.\n")
    (b,) = doc.blocks
    assert b.kind == "paragraph"
    assert b.text == "Take two tablets daily with water."
    assert where(doc, "two") == (1, 8)
    assert where(doc, "daily") == (1, 23)
    assert where(doc, "water") == (1, 36)
    assert span_text(doc, "two tablets daily") == "two** tablets _daily"


def test_inline_link_text_is_prose_and_url_is_not():
    doc = md('See [the NHS page](https://nhs.uk/a "NHS title") for the page.\n')
    (b,) = doc.blocks
    assert b.text == "See the NHS page for the page."
    (link,) = b.links
    assert b.text[link.start:link.end] == "the NHS page"
    assert link.href == "https://nhs.uk/a"
    assert where(doc, "NHS") == (1, 10)
    assert where(doc, "for") == (1, 50)
    assert where(doc, "page", 1) == (1, 58)


def test_reference_links():
    doc = md("Read [the leaflet][leaf] and [NICE] or [more][].\n\n[leaf]: http://a.example\n[nice]: http://b\n[more]: http://c\n")
    b = doc.blocks[0]
    assert b.text == "Read the leaflet and NICE or more."
    assert [b.text[x.start:x.end] for x in b.links] == ["the leaflet", "NICE", "more"]
    assert [x.href for x in b.links] == ["http://a.example", "http://b", "http://c"]
    assert where(doc, "and") == (1, 26)
    assert where(doc, "NICE") == (1, 31)
    assert where(doc, "or") == (1, 37)
    assert where(doc, "more") == (1, 41)
    assert len(doc.blocks) == 1  # definitions are not prose


def test_link_destination_with_parentheses_and_brackets_in_text():
    doc = md("A [link [x] here](https://en.wikipedia.org/wiki/A_(b) 'q') then done\n")
    b = doc.blocks[0]
    assert b.text == "A link [x] here then done"
    assert where(doc, "then") == (1, 60)


def test_autolink_is_one_placeholder():
    doc = md("Visit <https://example.org/path?q=1> today.\n")
    b = doc.blocks[0]
    assert b.text == f"Visit {PLACEHOLDER} today."
    (link,) = b.links
    assert (link.start, link.end, link.href) == (6, 7, "https://example.org/path?q=1")
    assert span_text(doc, PLACEHOLDER) == "<https://example.org/path?q=1>"
    assert where(doc, "today") == (1, 38)


def test_bare_url_is_one_placeholder():
    doc = md("Source: https://www.nhs.uk/conditions/flu/. More at www.cdc.gov now.\n")
    b = doc.blocks[0]
    assert b.text == f"Source: {PLACEHOLDER}. More at {PLACEHOLDER} now."
    assert [x.href for x in b.links] == ["https://www.nhs.uk/conditions/flu/", "www.cdc.gov"]
    assert span_text(doc, PLACEHOLDER) == "https://www.nhs.uk/conditions/flu/"
    assert where(doc, "now") == (1, 65)


def test_bare_url_with_entity_stays_one_placeholder():
    doc = md("Go to http://x.org/?a=1&amp;b=2 now\n")
    b = doc.blocks[0]
    assert b.text == f"Go to {PLACEHOLDER} now"
    assert b.links[0].href == "http://x.org/?a=1&b=2"
    assert span_text(doc, PLACEHOLDER) == "http://x.org/?a=1&amp;b=2"


def test_entities_are_atomic():
    doc = md("Salt &amp; pepper &#169; 2024 &#x27;q&#x27; &nbsp;end\n")
    b = doc.blocks[0]
    assert b.text == "Salt & pepper \u00a9 2024 'q' \u00a0end"
    assert span_text(doc, "&") == "&amp;"
    assert span_text(doc, "\u00a9") == "&#169;"
    assert span_text(doc, "'q'") == "&#x27;q&#x27;"
    assert where(doc, "pepper") == (1, 12)
    assert where(doc, "2024") == (1, 26)
    assert where(doc, "end") == (1, 51)


def test_backslash_escapes_map_to_the_escaped_character():
    doc = md(r"Not \*emphasis\* and a \\ backslash and \a." + "\n")
    b = doc.blocks[0]
    assert b.text == "Not *emphasis* and a \\ backslash and \\a."
    assert where(doc, "*emphasis") == (1, 6)
    assert where(doc, "emphasis") == (1, 7)
    assert where(doc, "backslash") == (1, 27)
    assert span_text(doc, "\\a") == "\\a"


def test_crlf_file_maps_like_lf():
    lf = "# Title\n\nFirst line\nsecond *line*  \nthird\\\nfourth\n\n- item\n"
    crlf = lf.replace("\n", "\r\n")
    a, b = md(lf), md(crlf)
    assert [x.text for x in a.blocks] == [x.text for x in b.blocks]
    assert a.blocks[1].text == "First line second line third fourth"
    for needle in ("second", "line", "third", "fourth", "item"):
        assert where(a, needle) == where(b, needle)
    assert where(b, "fourth") == (6, 1)
    assert where(b, "third") == (5, 1)
    assert span_text(b, "line third") == "line*  \r\nthird"


def test_lone_cr_and_mixed_line_endings():
    text = "Para one\rcontinues\r\n\r\nPara two\nends here\r"
    doc = md(text)
    assert [x.text for x in doc.blocks] == ["Para one continues", "Para two ends here"]
    assert where(doc, "continues") == (2, 1)
    assert where(doc, "two") == (4, 6)
    assert where(doc, "ends") == (5, 1)


def test_backslash_hard_break_in_crlf():
    doc = md("one\\\r\ntwo\r\n")
    assert doc.blocks[0].text == "one two"
    assert span_text(doc, " ") == "\\\r\n"


def test_tabs_never_reach_block_text():
    doc = md("Word\tand\ttab\n\n-\tlist item\twith tab\n")
    assert doc.blocks[0].text == "Word and tab"
    assert doc.blocks[1].text == "list item with tab"
    assert where(doc, "tab", 0) == (1, 10)
    assert where(doc, "list") == (3, 3)


def test_non_ascii():
    doc = md("# Café 中文\n\nNaïve **résumé** 🙂 done 中文字\n")
    assert doc.blocks[0].text == "Café 中文"
    assert doc.blocks[1].text == "Naïve résumé 🙂 done 中文字"
    assert where(doc, "中文") == (1, 8)
    assert where(doc, "résumé") == (3, 9)
    assert where(doc, "done") == (3, 20)
    assert where(doc, "字") == (3, 27)


def test_nested_lists_and_task_items():
    text = "- top item\n  - nested *item*\n    1. deep one\n- [ ] open task\n- [x] done task\n"
    doc = md(text)
    assert [(b.kind, b.text) for b in doc.blocks] == [
        ("list_item", "top item"),
        ("list_item", "nested item"),
        ("list_item", "deep one"),
        ("list_item", "open task"),
        ("list_item", "done task"),
    ]
    assert where(doc, "nested") == (2, 5)
    assert where(doc, "deep") == (3, 8)
    assert where(doc, "open") == (4, 7)


def test_list_item_with_two_paragraphs():
    doc = md("1. First para\n   wraps here.\n\n   Second para.\n")
    assert [b.text for b in doc.blocks] == ["First para wraps here.", "Second para."]
    assert all(b.kind == "list_item" for b in doc.blocks)
    assert where(doc, "wraps") == (2, 4)
    assert where(doc, "Second") == (4, 4)


def test_blockquote_over_several_lines():
    text = "> Quoted **text** starts\n> and continues\nlazily here\n>\n> > nested quote\n"
    doc = md(text)
    assert [(b.kind, b.text) for b in doc.blocks] == [
        ("blockquote", "Quoted text starts and continues lazily here"),
        ("blockquote", "nested quote"),
    ]
    assert where(doc, "continues") == (2, 7)
    assert where(doc, "lazily") == (3, 1)
    assert where(doc, "nested") == (5, 5)


def test_list_inside_blockquote_is_list_item():
    doc = md("> - quoted item\n>   continues\n")
    (b,) = doc.blocks
    assert (b.kind, b.text) == ("list_item", "quoted item continues")
    assert where(doc, "continues") == (2, 5)


def test_tables():
    text = "| Drug | Dose \\| max |\n|------|-----:|\n| Paracetamol | 500 mg |\n|  `x`  | 1 &amp; 2 |\n"
    doc = md(text)
    assert [(b.kind, b.text) for b in doc.blocks] == [
        ("table_cell", "Drug"),
        ("table_cell", "Dose | max"),
        ("table_cell", "Paracetamol"),
        ("table_cell", "500 mg"),
        ("table_cell", PLACEHOLDER),
        ("table_cell", "1 & 2"),
    ]
    assert where(doc, "Dose") == (1, 10)
    assert where(doc, "max") == (1, 18)
    assert span_text(doc, "Dose | max") == "Dose \\| max"
    assert where(doc, "500") == (3, 17)
    assert where(doc, "1 & 2") == (4, 11)


def test_images_become_alt_blocks():
    doc = md("Before ![A *chart* of doses](img/c.png \"T\") after.\n\n![Only image](x.png)\n")
    assert [(b.kind, b.text) for b in doc.blocks] == [
        ("paragraph", "Before after."),
        ("image_alt", "A chart of doses"),
        ("image_alt", "Only image"),
    ]
    assert where(doc, "chart") == (1, 13)
    assert where(doc, "after") == (1, 45)
    assert where(doc, "Only") == (3, 3)
    assert [b.index for b in doc.blocks] == [0, 1, 2]


def test_image_inside_link():
    doc = md("[![Logo text](logo.png)](https://x.org) tail\n")
    assert [(b.kind, b.text) for b in doc.blocks] == [("paragraph", "tail"), ("image_alt", "Logo text")]
    assert where(doc, "tail") == (1, 41)


def test_inline_code_is_a_placeholder():
    doc = md("Run ``code with ` tick`` or `x` now\n")
    b = doc.blocks[0]
    assert b.text == f"Run {PLACEHOLDER} or {PLACEHOLDER} now"
    assert span_text(doc, f"{PLACEHOLDER} or") == "``code with ` tick`` or"
    assert where(doc, "now") == (1, 33)


def test_code_blocks_are_not_prose_but_ignored():
    text = "Intro text.\n\n```python\nprint('not prose')\n```\n\n    indented code\n    more\n\nOutro.\n"
    doc = md(text)
    assert [b.text for b in doc.blocks] == ["Intro text.", "Outro."]
    spans = [text[a:b] for a, b in doc.ignored]
    assert spans == ["```python\nprint('not prose')\n```", "    indented code\n    more"]


def test_setext_and_atx_headings_and_title():
    text = "Main Title\n==========\n\nSub *heading*\n---\n\n## Closed heading ##\n\nBody.\n"
    doc = md(text)
    assert [(b.kind, b.text) for b in doc.blocks] == [
        ("heading", "Main Title"),
        ("heading", "Sub heading"),
        ("heading", "Closed heading"),
        ("paragraph", "Body."),
    ]
    assert doc.title == "Main Title"
    assert where(doc, "heading", 0) == (4, 6)
    assert where(doc, "Closed") == (7, 4)


def test_title_is_first_h1_not_h2():
    doc = md("## Not title\n\n# Real title\n\n# Second h1\n")
    assert doc.title == "Real title"


def test_yaml_front_matter():
    text = "---\ntitle: Flu vaccine\ntags: [a, b]\n---\n# Heading\n\nBody text.\n"
    doc = md(text)
    assert doc.front_matter == {"title": "Flu vaccine", "tags": ["a", "b"]}
    assert doc.title == "Flu vaccine"
    assert doc.front_matter_span == (0, text.index("# Heading") - 1)
    assert doc.front_matter_span in doc.ignored
    assert [b.text for b in doc.blocks] == ["Heading", "Body text."]
    assert where(doc, "Body") == (7, 1)


def test_yaml_front_matter_crlf_and_dots_closer():
    text = "---\r\ntitle: X\r\n...\r\nBody text.\r\n"
    doc = md(text)
    assert doc.front_matter == {"title": "X"}
    assert [b.text for b in doc.blocks] == ["Body text."]
    assert where(doc, "Body") == (4, 1)


def test_toml_front_matter():
    text = '+++\ntitle = "Sleep"\ndate = 2024-01-02\n+++\n\nBody text.\n'
    doc = md(text)
    assert doc.front_matter["title"] == "Sleep"
    assert str(doc.front_matter["date"]) == "2024-01-02"
    assert [b.text for b in doc.blocks] == ["Body text."]


@pytest.mark.parametrize(
    "text, message",
    [
        ("---\ntitle: [unclosed\n---\nBody\n", "invalid YAML front matter"),
        ("---\n- a\n- b\n---\nBody\n", "invalid YAML front matter"),
        ("+++\ntitle = \n+++\nBody\n", "invalid TOML front matter"),
    ],
)
def test_broken_front_matter_is_a_source_error(text, message):
    with pytest.raises(SourceError) as info:
        parse(text, "x.md", "markdown")
    assert str(info.value).startswith(message)
    assert "\n" not in str(info.value)
    assert "line" in str(info.value)


def test_yaml_error_reports_file_line():
    with pytest.raises(SourceError, match=r"line 3\)$"):
        parse("---\ntitle: ok\nbad: x: y\n---\n", "x.md", "markdown")


def test_thematic_break_at_start_is_not_front_matter():
    doc = md("---\n\nJust text.\n")
    assert doc.front_matter == {} and doc.front_matter_span is None
    assert [b.text for b in doc.blocks] == ["Just text."]


def test_html_comments_are_collected_with_exact_offsets():
    text = "Intro.\n\n<!-- healthlint-disable -->\n\nText <!-- inline note --> more.\n\n```\n<!-- not a comment -->\n```\n"
    doc = md(text)
    assert [c.body for c in doc.comments] == [" healthlint-disable ", " inline note "]
    for c in doc.comments:
        assert text[c.start:c.end] == f"<!--{c.body}-->"
    assert doc.blocks[1].text == "Text more."
    assert where(doc, "more") == (5, 27)


def test_html_block_is_not_prose():
    doc = md("<div>\n<p>html block text</p>\n</div>\n\nReal text.\n")
    assert [b.text for b in doc.blocks] == ["Real text."]


def test_inline_html_is_not_prose():
    doc = md("Text with <span class=\"x\">inline</span> html<br>break\n")
    assert doc.blocks[0].text == "Text with inline html break"
    assert where(doc, "inline") == (1, 27)
    assert where(doc, "break") == (1, 49)


def test_nul_character_maps_exactly():
    doc = md("Bad\0char and more\n")
    assert doc.blocks[0].text == "Bad\0char and more"  # the source character, kept
    assert where(doc, "char") == (1, 5)


def test_blocks_have_index_and_no_empty_blocks():
    doc = md("# \n\n-\n\n   \n\nText\n\n> \n")
    assert [b.text for b in doc.blocks] == ["Text"]
    assert doc.blocks[0].index == 0


def test_empty_document():
    doc = md("")
    assert doc.blocks == () and doc.title is None


def test_large_document_aligns_without_fallbacks():
    unit = (
        "## Dosage *guide*\n\nTake **one** [tablet](http://x.org \"t\") &amp; `water` daily.\r\n"
        "Second line\\* with https://nhs.uk/x. ![alt](a.png)\n\n| a | b |\n|---|---|\n| c | d |\n\n"
        "> quote\n> more\n\n- item\n  - nested\n\n```\ncode\n```\n\n"
    )
    doc = md(unit * 200)
    assert len(doc.blocks) == 200 * 10


# --- property test -----------------------------------------------------------------------

PIECES = [
    "word", "Wörd", "中文", "🙂", " ", "  ", "\n", "\r\n", "\r", "\n\n", "\t", "*", "**", "_", "`", "``",
    "[", "]", "(", ")", "![", "](u)", "](http://x.y \"t\")", "[r]", "\n[r]: /u\n", "<", ">", "<b>", "</b>",
    "<!-- c -->", "<!--", "-->", "&amp;", "&#169;", "&#x27;", "&bogus;", "&", "\\", "\\*", "\\|", "#", "# ",
    "\n# ", "> ", "\n> ", "- ", "\n- ", "1. ", "\n  - ", "    ", "|", "\n|---|---|\n", "```", "\n```\n",
    "~~~", "---", "\n---\n", "===", "http://x.org/a_b", "www.x.org", "<https://a.b>", "[ ] ", "\0", ".",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40))
def test_random_markdown_never_raises_and_keeps_invariants(pieces):
    text = "".join(pieces)
    try:
        doc = parse(text, "r.md", "markdown")
    except SourceError:
        assert text.startswith(("---", "+++"))  # broken front matter is the only refusal
        return
    check_invariants(doc)



@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from([p for p in PIECES if "\r" not in p]), max_size=30))
def test_random_crlf_markdown_maps_like_lf(pieces):
    assert_crlf_maps_like_lf("".join(pieces), "r.md", "markdown")
