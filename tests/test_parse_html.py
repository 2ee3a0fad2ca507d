"""HTML reader: blocks, entities, non-prose elements, malformed input, exact offsets."""
from __future__ import annotations

import time

from hypothesis import given, settings
from hypothesis import strategies as st

from healthlint.document import PLACEHOLDER
from healthlint.parse import parse
from parse_invariants import assert_crlf_maps_like_lf, check_invariants, span_text, where


def page(text: str):
    doc = parse(text, "doc.html", "html")
    check_invariants(doc)
    return doc


def kinds(doc):
    return [(b.kind, b.text) for b in doc.blocks]




def test_paragraph_text_entities_and_whitespace():
    text = "<p>Salt &amp; pepper &copy; 2024 &#8212;\n   &#x27;quoted&#x27;  end</p>"
    doc = page(text)
    assert kinds(doc) == [("paragraph", "Salt & pepper \u00a9 2024 \u2014 'quoted' end")]
    assert span_text(doc, "&") == "&amp;"
    assert span_text(doc, "\u2014 'quoted") == "&#8212;\n   &#x27;quoted"
    assert where(doc, "pepper") == (1, 15)
    assert where(doc, "end") == (2, 24)


def test_entity_without_semicolon_and_non_entities():
    doc = page("<p>AT&T &amp sign &foo; &unknown.x fish&chips</p>")
    b = doc.blocks[0]
    assert b.text == "AT&T & sign &foo; &unknown.x fish&chips"
    assert span_text(doc, "& sign") == "&amp sign"


def test_block_kinds():
    text = (
        "<html><head><title>Page  Title</title></head><body>"
        "<h1>Main</h1><h3>Sub</h3><p>Para</p><ul><li>One</li><li><p>Two</p></li></ul>"
        "<blockquote><p>Quoted</p>Loose quote</blockquote>"
        "<table><caption>Cap</caption><tr><th>H</th><td>D</td></tr></table>"
        "<dl><dt>Term</dt><dd>Def</dd></dl><figure><img src=a alt='Alt'><figcaption>Fig</figcaption></figure>"
        "<details><summary>Sum</summary>Hidden</details></body></html>"
    )
    doc = page(text)
    assert kinds(doc) == [
        ("title", "Page Title"), ("heading", "Main"), ("heading", "Sub"), ("paragraph", "Para"),
        ("list_item", "One"), ("list_item", "Two"), ("blockquote", "Quoted"), ("blockquote", "Loose quote"),
        ("paragraph", "Cap"), ("table_cell", "H"), ("table_cell", "D"), ("paragraph", "Term"),
        ("paragraph", "Def"), ("image_alt", "Alt"), ("paragraph", "Fig"), ("paragraph", "Sum"),
        ("paragraph", "Hidden"),
    ]
    assert doc.title == "Page Title"
    assert [b.index for b in doc.blocks] == list(range(len(doc.blocks)))


def test_title_falls_back_to_h1():
    assert page("<h2>x</h2><h1>The <em>real</em> one</h1>").title == "The real one"


def test_text_directly_in_containers_and_double_br():
    doc = page("<div>Loose text<br>same para<br/><br>new para<section>Inner</section>tail</div>")
    assert kinds(doc) == [
        ("paragraph", "Loose text same para"), ("paragraph", "new para"), ("paragraph", "Inner"),
        ("paragraph", "tail"),
    ]
    assert span_text(doc, " same") == "<br>same"


def test_inline_tags_do_not_break_blocks():
    doc = page("<p>A <b>bold</b>, <i>it</i><span>al</span><sup>2</sup> <abbr>WHO</abbr> <mark>m</mark>.</p>")
    assert kinds(doc) == [("paragraph", "A bold, ital2 WHO m.")]


def test_links_and_bare_urls():
    text = '<p>Read <a href="https://nhs.uk/x">the <b>NHS</b> page</a> or https://cdc.gov/flu?a=1&amp;b=2.</p>'
    doc = page(text)
    b = doc.blocks[0]
    assert b.text == f"Read the NHS page or {PLACEHOLDER}."
    first, second = b.links
    assert b.text[first.start:first.end] == "the NHS page" and first.href == "https://nhs.uk/x"
    assert (second.start, second.end, second.href) == (21, 22, "https://cdc.gov/flu?a=1&b=2")
    assert span_text(doc, PLACEHOLDER) == "https://cdc.gov/flu?a=1&amp;b=2"
    assert where(doc, "NHS") == (1, 43)


def test_script_style_and_other_non_prose_ignored():
    text = (
        "<style>p { color: red }</style><p>Keep <script>var x = '<p>no</p>';</script>this</p>"
        "<noscript>no</noscript><svg><text>no</text></svg><template><p>no</p></template>"
        "<pre>no\n code</pre><p>Use <code>rm -rf</code> and <kbd>Ctrl</kbd>.</p>"
    )
    doc = page(text)
    assert kinds(doc) == [("paragraph", "Keep this"), ("paragraph", f"Use {PLACEHOLDER} and {PLACEHOLDER}.")]
    ignored = [text[a:b] for a, b in doc.ignored]
    assert ignored[:3] == ["<style>p { color: red }</style>", "<script>var x = '<p>no</p>';</script>", "<noscript>no</noscript>"]
    assert "<pre>no\n code</pre>" in ignored and "<code>rm -rf</code>" in ignored
    assert span_text(doc, PLACEHOLDER) == "<code>rm -rf</code>"


def test_comments_collected():
    text = "<p>Text <!-- inline --> more</p>\n<!-- healthlint-disable -->\n<p>x</p>"
    doc = page(text)
    assert [c.body for c in doc.comments] == [" inline ", " healthlint-disable "]
    for c in doc.comments:
        assert text[c.start:c.end] == f"<!--{c.body}-->"
    assert doc.blocks[0].text == "Text more"


def test_images_alt_with_entities():
    text = '<p>Before <img src="a.png" alt="A &quot;chart&quot; &amp; more"> after</p>'
    doc = page(text)
    assert kinds(doc) == [("paragraph", "Before after"), ("image_alt", 'A "chart" & more')]
    assert span_text(doc, '"chart"') == "&quot;chart&quot;"
    assert where(doc, "more") == (1, 59)


def test_crlf_and_lone_cr_offsets():
    lf = "<html>\n<body>\n<p>First line\nsecond  line</p>\n<ul>\n<li>Item</li>\n</ul>\n</body>\n</html>\n"
    for variant in (lf, lf.replace("\n", "\r\n"), lf.replace("\n", "\r"), lf.replace("\n", "\r\n", 3)):
        doc = page(variant)
        assert kinds(doc) == [("paragraph", "First line second line"), ("list_item", "Item")]
        assert where(doc, "First") == (3, 4)
        assert where(doc, "second") == (4, 1)
        assert where(doc, "line") == (3, 10)
        assert where(doc, "Item") == (6, 5)


def test_non_ascii_and_tabs():
    doc = page("<p>Café\t中文 🙂\tdone</p>")
    assert doc.blocks[0].text == "Café 中文 🙂 done"
    assert where(doc, "done") == (1, 14)


def test_malformed_html():
    text = "<p>Unclosed <b>bold <i>both</p><p>Next</b> para</i></span></div><ul><li>Item<li>Two</ul>Tail <a href=x>open link"
    doc = page(text)
    assert kinds(doc) == [
        ("paragraph", "Unclosed bold both"), ("paragraph", "Next para"), ("list_item", "Item"),
        ("list_item", "Two"), ("paragraph", "Tail open link"),
    ]
    assert doc.blocks[-1].links[0].href == "x"


def test_broken_markup_fragments():
    for text in ("<p", "<p>x<", "</", "<!--", "<!-- unclosed", "&", "&#", "&#x;", "<a href='", "<![CDATA[x]]>", "<?php x ?>", "<!DOCTYPE html>"):
        page(text)


def test_declarations_that_htmlparser_rejects_do_not_crash():
    # HTMLParser raises AssertionError on these; they are skipped like bogus comments.
    text = "<![foo bar]><p>One</p><![ x\n<p>Two</p><!DOCTYPE x [ <!ENTITY a 'b'> %foo; ]>"
    doc = page(text)
    assert [b.text for b in doc.blocks][:1] == ["One"]
    assert where(doc, "One") == (1, 16)


def test_unclosed_script_ignores_the_rest():
    text = "<p>Before</p><script>var a = 1; <p>not prose"
    doc = page(text)
    assert kinds(doc) == [("paragraph", "Before")]
    assert doc.ignored == ((13, len(text)),)


def test_ten_thousand_nested_divs():
    n = 10_000
    text = "<div>" * n + "Deep text" + "</div>" * n + "<p>After</p>"
    doc = page(text)
    assert kinds(doc) == [("paragraph", "Deep text"), ("paragraph", "After")]
    assert doc.blocks[0].source_offset(0) == 5 * n


def test_ten_thousand_unclosed_and_stray_tags():
    text = "<span><b>" * 5000 + "text" + "</i></em>" * 5000
    doc = page(text)
    assert kinds(doc) == [("paragraph", "text")]


def test_unfinished_constructs_stay_linear():
    # Stock HTMLParser rescans to the end of input for every unfinished `<a ` (quadratic: about
    # 90 s for this input); the reader's guards make each one O(1).
    for junk in ("<a ", '<a href="', "<!--x", "<![CDATA[", "</", "<?"):
        started = time.perf_counter()
        doc = page(junk * 20000 + "<p>end</p>")
        assert time.perf_counter() - started < 2.0, junk
        assert doc.blocks[-1].text.endswith("end"), junk


def test_uppercase_tags_and_attributes():
    doc = page('<P>Para <A HREF="u">link</A></P><H2>Head</H2>')
    assert kinds(doc) == [("paragraph", "Para link"), ("heading", "Head")]
    assert doc.blocks[0].links[0].href == "u"


# --- property test -----------------------------------------------------------------------

PIECES = [
    "word", "Wörd", "中文", "🙂", " ", "  ", "\t", "\n", "\r\n", "\r", "<p>", "</p>", "<div>", "</div>",
    "<b>", "</b>", "<li>", "<ul>", "</ul>", "<h1>", "</h1>", "<br>", "<br/>", "<img alt='a &amp; b'>",
    "<a href='u'>", "</a>", "<code>", "</code>", "<pre>", "</pre>", "<script>", "</script>", "<style>",
    "<!-- c -->", "<!--", "-->", "&amp;", "&#169;", "&#x27;", "&bogus;", "&", "<", ">", "</", "<title>",
    "</title>", "<td>", "<table>", "http://x.org/a", "www.x.org", "<svg>", "</svg>", "\0", "&nbsp;", "&#10;",
    "<!", "<![", "<![CDATA[", "]]>", "<?", "<!DOCTYPE", "[", "]", "<a", "'", "/>", "</>", "&#", "&#99999999;",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40))
def test_random_html_never_raises_and_keeps_invariants(pieces):
    check_invariants(parse("".join(pieces), "r.html", "html"))


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from([p for p in PIECES if "\r" not in p]), max_size=30))
def test_random_crlf_html_maps_like_lf(pieces):
    assert_crlf_maps_like_lf("".join(pieces), "r.html", "html")
