"""Page chrome detection, after jusText and trafilatura: classify short text lines by features
(length, sentence shape, stock chrome vocabulary, link density, separators) and then by their
neighbours, so that a run of chrome lines is found as a whole.

A "piece" is one source line of a block in text and Markdown (a scraped page's chrome lines often
end up glued into one paragraph), or in HTML, where source line breaks carry no meaning, a block or
a part of one between <br> tags.
"""
from __future__ import annotations

import bisect
import re
from functools import lru_cache
from itertools import accumulate

import regex
import regex._main as _main

from .. import cache, rxcache
from ..document import Block, Document

_F = regex.IGNORECASE | regex.V0

SOCIAL = (r"(?:facebook|twitter|x|pinterest|linkedin|whatsapp|reddit|e-?mail|print|tumblr|telegram|threads|"
          r"instagram|youtube|tiktok|copy\s+link|pocket|flipboard|messenger|sms|mastodon|bluesky)")
SOCIAL1 = r"(?:facebook|twitter|pinterest|linkedin|whatsapp|reddit|tumblr|telegram|instagram|youtube|tiktok|copy\s+link|flipboard|mastodon|bluesky)"
SEP_CHARS = "|\u00bb\u203a\u00b7\u2022/>"  # separators of menu items and metadata fields
SEP = f"[{SEP_CHARS}]"
NAME = r"(?-i:(?:(?:Dr\.?|Prof\.?)\s+)?\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*){0,3}(?:,?\s+(?:MD|M\.D\.|RN|PhD|DO|RD|MPH)\b)?)"
DATE = (r"(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}"
        r"|\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{4}"
        r"|\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4})")

# "Vitamin D and bones »": a title of any shape before an arrow. The one stock pattern that can start
# with any text, so the head screen (_may_start_chrome) looks for its arrow instead.
ARROWS = "\u00bb\u203a\u2192"
ARROW_END = rf".{{1,100}}\s*[{ARROWS}]"

# Stock chrome lines, matched against the whole (normalised) line. Each has a label for the message;
# the first entry that matches gives it, and "byline" must stay last (headings skip only that one).
_STOCK = [
    ("comment form", r"leave\s+a\s+(?:reply|comment)(?:\s+to\s+.{1,80})?(?:\s+cancel\s+reply)?|post\s+a\s+comment|no\s+comments:?"
                     r"|(?:newer|older)\s+posts?(?:\s+(?:newer|older)\s+posts?)?(?:\s+home)?"
                     r"|subscribe\s+to:\s+.{1,60}|(?:\d+\s+)?likes?|like\s+this:?|like\s+loading(?:\.{3}|\u2026)?|"
                     r"(?:report|manage|collapse|customi[sz]e)\s+(?:this\s+)?(?:content|subscriptions|bar|site)|reblog|(?:post|submit)\s+(?:a\s+|your\s+)?comment"
                     r"|cancel\s+reply|reply(?:\s+\u2193)?|log\s*in\s+to\s+reply|click\s+here\s+to\s+cancel\s+reply\.?"
                     r"|(?:\d+|no|one|two|three)\s+(?:comments?|responses?|replies|thoughts?)(?:\s+(?:on|to)\s+.{1,100})?"
                     r"|no\s+comments\s+yet\.?|be\s+the\s+first\s+to\s+comment\.?|comments\s+are\s+closed\.?"
                     r"|your\s+email\s+address\s+will\s+not\s+be\s+published\.?(?:\s+required\s+fields\s+are\s+marked\s*\*?\.?)?"
                     r"|required\s+fields\s+are\s+marked\s*\*?\.?|your\s+comment\s+is\s+awaiting\s+moderation\.?"
                     r"|you\s+must\s+be\s+logged\s+in\s+to\s+post\s+a\s+comment\.?"
                     r"|save\s+my\s+name,?\s+email,?\s+and\s+website\s+in\s+this\s+browser\s+for\s+the\s+next\s+time\s+i\s+comment\.?"
                     r"|this\s+site\s+uses\s+akismet\s+to\s+reduce\s+spam\..{0,80}"
                     r"|(?:name|e-?mail|website|comment)\s*\*"),
    ("newsletter or form message",
     r"(?:subscribe|sign\s+up)(?:\s+(?:to|for)\s+(?:our|the)\s+(?:free\s+)?(?:newsletter|mailing\s+list|updates|emails?)[^.]{0,60})?[.!]?"
     r"|(?:join|subscribe\s+to)\s+our\s+(?:newsletter|mailing\s+list|community)[^.]{0,60}[.!]?"
     r"|enter\s+your\s+e-?mail(?:\s+address)?[^.]{0,40}[.!]?"
     r"|thanks?\s+(?:you\s+)?for\s+(?:subscribing|signing\s+up|your\s+submission|contacting\s+us)[.!]?.{0,80}"
     r"|(?:this\s+field\s+is\s+required|please\s+fill\s+(?:in|out)\s+(?:this|all\s+required)\s+fields?)[.!]?"
     r"|your\s+message\s+(?:has\s+been|was)\s+sent[^.]{0,40}[.!]?"
     r"|(?:something\s+went\s+wrong|there\s+was\s+an\s+error)[^.]{0,40}try\s+again[^.]{0,20}[.!]?"
     r"|get\s+(?:our|the)\s+(?:latest|free|best)\s+.{0,40}(?:in|to|delivered\s+to)\s+your\s+inbox[.!]?"
     r"|we\s+respect\s+your\s+privacy[^.]{0,60}[.!]?|unsubscribe\s+at\s+any\s+time[.!]?"),
    ("share or follow widget",
     rf"share(?:\s+(?:this|the))?(?:\s+(?:post|article|page|story|recipe))?(?:\s+(?:on|via|with))?\s*:?(?:\s*{SEP}?\s*{SOCIAL})*"
     rf"|(?:follow|like|find|join)\s+us(?:\s+on\s+{SOCIAL}(?:\s*(?:,|and|&|or)\s*{SOCIAL})*)?[.!:]?"
     rf"|{SOCIAL}(?:\s*{SEP}?\s*{SOCIAL})+|{SOCIAL1}|(?:click\s+to\s+)?share\s+on\s+{SOCIAL}.{{0,30}}"
     r"|print(?:\s+this)?(?:\s+(?:article|page|post|recipe))?|print\s+friendly.{0,40}|e-?mail\s+this(?:\s+(?:article|page|post))?"
     r"|click\s+to\s+(?:e-?mail|print|share).{0,60}|related"
     r"|tweet(?:\s+this)?|pin\s+it|[\d,.]+k?\s+shares?|\(opens\s+in\s+(?:a\s+)?new\s+window\)"),
    ("tags and categories",
     r"(?:posted|filed)\s+(?:in|under)\s*:?\s+.{1,150}"
     r"|(?:tags?|tagged(?:\s+with)?|categories|category|topics|keywords)\s*:\s*.{1,160}"),
    ("previous/next links",
     r"(?:[\u00ab\u2039\u2190<]\s*)?(?:previous|prev|older|next|newer)\s+(?:post|article|entry|story|posts|entries|articles|stories)\b.{0,100}"
     r"|(?:previous|next)\s*[\u00bb\u203a\u2192>:].{0,100}|[\u00ab\u2039\u2190]\s*.{1,100}"),
    ("previous/next links", ARROW_END),
    ("navigation",
     r"skip\s+to\s+(?:the\s+)?(?:main\s+)?(?:content|navigation|main|footer)|(?:jump|go)\s+to\s+(?:content|navigation|top)"
     r"|back\s+to\s+top|jump\s+to\s+(?:recipe|comments?|section|navigation)|(?:main|primary|toggle|close|open)\s+(?:menu|navigation)|search(?:\s+for)?\s*(?::|\u2026|\.\.\.)?"
     rf"|home\s*{SEP}.{{1,150}}|you\s+are\s+here\s*:?.{{0,150}}"
     r"|read\s+more(?:\s*[\u00bb\u203a\u2192>])?|continue\s+reading.{0,80}|(?:click|tap)\s+here(?:\s+to\s+.{0,40})?"
     r"|learn\s+more\s*[\u00bb\u203a\u2192>]|see\s+more|view\s+all.{0,30}|load\s+more(?:\s+posts)?|show\s+more"
     r"|(?:log\s*in|login|sign\s+in|register|my\s+account)(?:\s*[|/]\s*(?:log\s*in|login|sign\s+in|register|my\s+account))*"),
    ("related posts",
     r"(?:related|recommended|popular|recent|latest|trending|similar|more)\s+(?:posts|articles|stories|reads|content|news)\s*:?.{0,100}"
     r"|you\s+(?:may|might)\s+also\s+(?:like|enjoy|be\s+interested\s+in)[.:]?|(?:read|see)\s+(?:also|next)\s*:.{0,120}"
     r"|recommended\s+for\s+you|don[’']?t\s+miss[.:]?|more\s+from\s+.{1,40}"),
    ("cookie banner",
     r"(?:this\s+(?:web)?site|we)\s+uses?\s+cookies.{0,240}|(?:accept|allow|reject|decline|manage)(?:\s+all)?\s+cookies.{0,40}"
     r"|cookie\s+(?:policy|settings|preferences|consent)|got\s+it!?|i\s+agree"
     r"|by\s+(?:continuing|using)\s+.{0,80}\bcookies\b.{0,80}"),
    ("feedback widget",
     r"was\s+this\s+(?:article|page|post|information|answer)\s+(?:helpful|useful)\??(?:\s+yes\s*/?\s*no)?"
     r"|rate\s+this\s+(?:article|post|page|recipe)|[\u2605\u2606]{3,}.{0,40}|\(?\d+\s+votes?\)?"
     r"|add\s+to\s+(?:cart|basket|wishlist|wish\s+list)|(?:yes|no)\s+thanks"),
    ("footer",
     r"(?:\u00a9|copyright|\(c\)).{0,100}|all\s+rights\s+reserved.{0,40}|powered\s+by\s+.{1,40}|(?:theme|designed)\s+by\s+.{1,40}"
     r"|(?:privacy\s+policy|terms\s+(?:of\s+(?:use|service)|and\s+conditions)|disclaimer|contact(?:\s+us)?|about(?:\s+us)?|sitemap|advertise)"
     r"(?:\s*[|\u00b7\u2022/,]?\s*(?:privacy\s+policy|terms\s+(?:of\s+(?:use|service)|and\s+conditions)|disclaimer|contact(?:\s+us)?|about(?:\s+us)?|sitemap|advertise))+"),
    ("view counter", r"[\d,.]+k?\s+(?:views?|reads?|likes?)|views?\s*:\s*[\d,.]+k?|\d+\s+min(?:ute)?s?\s+read"),
    ("widget placeholder",
     r"advertisement(?:\s*[-\u2013\u2014]\s*continue\s+reading\s+below)?|sponsored(?:\s+content)?|ads\s+by\s+.{1,30}|loading(?:\s+\w+)?(?:\.{3}|\u2026)?|please\s+wait(?:\.{3}|\u2026)?"
     r"|\[/?[a-z][\w-]*(?:\s+[^\]]*)?\]|\{\{.{1,80}\}\}|\{%.{1,80}%\}|(?:sidebar|footer|header)\s+widget(?:\s+area)?(?:\s+\d+)?"),
    ("byline",
     rf"(?-i:By)\s+{NAME}(?:\s*[|,\u00b7\u2022\u2013-]\s*(?:{DATE}|updated.{{0,40}}|\d+\s+min(?:ute)?s?\s+read|[\d,.]+k?\s+views))*"
     rf"|(?:posted|published|written)\s+(?:on\s+{DATE}\s*)?(?:by\s+{NAME})?(?:\s+on\s+{DATE})?"
     rf"|(?:posted|published)\s+on\s+{DATE}.{{0,40}}|{DATE}\s*(?:[|,\u00b7\u2022-]\s*)?by\s+{NAME}|posted\s+by\s+.{{1,40}}\s+at\s+\d{{1,2}}:\d{{2}}\s*(?:am|pm)?"),
]
@lru_cache(maxsize=1)
def _meta_field():
    return regex.compile(rf"(?:{META_FIELD_PATTERN})", _F)


def _is_meta_line(text: str) -> bool:
    fields = [f.strip() for f in FIELD_SPLIT.split(text) if f.strip()]
    return (len(fields) >= 2 and all(_meta_field().fullmatch(f, timeout=0.5) for f in fields)
            and not all(_date().fullmatch(f, timeout=0.5) for f in fields))  # a date range is content


@lru_cache(maxsize=1)
def _date():
    return regex.compile(DATE, _F)


def _compound_label(text: str) -> str | None:
    """A line made of several stock chrome pieces, run together by a scraper: "Leave a comment. Your
    email address will not be published." or "Share on Facebook | Tweet | Pin it". Every piece must
    be stock chrome on its own; one piece of prose keeps the line."""
    pieces = [p.strip().rstrip(".!:") for p in COMPOUND_SPLIT.split(text)]
    pieces = [p for p in pieces if p]
    if len(pieces) < 2:
        return None
    labels = []
    for piece in pieces:
        label = _stock_label(piece, byline=False)
        if label is None:
            return None
        labels.append(label)
    return labels[0]


@lru_cache(maxsize=1)
def _stock():
    """All stock patterns as one alternation, a group per entry, compiled on first use (importing the
    rule modules stays cheap). A fullmatch tries the entries in order, so the group that matched
    names the first entry that matches the whole line: one call instead of one per entry."""
    return regex.compile("|".join(rf"(?P<s{i}>{pattern})" for i, (_, pattern) in enumerate(_STOCK)), _F)


def _stock_label(text: str, byline: bool = True) -> str | None:
    m = _stock().fullmatch(text, timeout=0.5)
    if m is None:
        return None
    label = _STOCK[int(m.lastgroup[1:])][0]
    return None if label == "byline" and not byline else label  # byline is the last entry


def _chrome_label(text: str, heading: bool) -> str | None:
    """The label of a stock line, a metadata line or a compound of stock pieces, in that order."""
    if not _may_start_chrome(text):
        return None
    label = _stock_label(text, byline=not heading)  # ("By Age Group" is a heading, not a byline)
    if label:
        return label
    if _is_meta_line(text):  # separator-joined fields are metadata even where text parses them as a heading
        return "byline"
    return _compound_label(text)


# The head screen: a line that starts with an ASCII letter can only be (or begin with) a stock line or a
# metadata field if it begins with one of their literal heads ("leave", "share on", "posted", ...).
# Ordinary prose ("Most adults need ...") fails it after one startswith.
HEAD = 12  # characters compared


def _may_start_chrome(text: str) -> bool:
    """False only when no stock pattern (except ARROW_END) and no metadata field can match the line or
    any prefix of it: the first piece of a compound line and the first field of a metadata line start
    where the line starts, because a line that starts with a letter does not start with a separator.
    `text` is whitespace-normalised, as classify makes it (see _starts)."""
    head = text[:HEAD]
    heads = _heads()
    if heads is None or not (head[:1].isalpha() and head.isascii()):
        return True
    if ARROWS[0] in text or ARROWS[1] in text or ARROWS[2] in text:
        return True  # ARROW_END can end a line or a piece of it
    return _head_starts_chrome(head.lower(), heads)


def _head_starts_chrome(low: str, heads: dict[str, tuple[str, ...]]) -> bool:
    """low starts with a head: heads are filed by their first two characters (one, for a head of one)."""
    return low.startswith(heads.get(low[:2], ())) or low.startswith(heads.get(low[:1], ()))


@lru_cache(maxsize=1)
def _heads() -> dict[str, tuple[str, ...]] | None:
    """The heads by their first two characters (a short tuple to try each), or by their one."""
    table = _head_table()
    if table is None:
        return None
    heads, _ = table
    by_first: dict[str, list[str]] = {}
    for h in heads:
        by_first.setdefault(h[:2], []).append(h)
    return {c: tuple(hs) for c, hs in by_first.items()}


@lru_cache(maxsize=1)
def _head_table() -> tuple[tuple[str, ...], str] | None:
    """(the heads, an alternation of them for _head_pattern), derived once per install."""
    patterns = [pattern for _, pattern in _STOCK if pattern is not ARROW_END] + [META_FIELD_PATTERN]

    def build():
        heads = _pattern_heads(patterns)
        return None if heads is None else (heads, rxcache.word_alternation(set(heads)))

    return cache.derived("chromeheads2", [__file__], build)  # this file's code


def _pattern_heads(patterns: list[str]) -> tuple[str, ...] | None:
    """Lower-case literal heads such that a match of any of `patterns` on ASCII text starts with one
    of them, from the regex module's own parse of each pattern; None when some pattern can start
    with anything. Exact: IGNORECASE matching on ASCII text is ASCII case-insensitivity."""
    heads: set[str] = set()
    for pattern in patterns:
        try:
            source = _main._Source(pattern)
            tree = _main._parse_pattern(source, _main._Info(_F, source.char_type, {}))
            _STARTS_MEMO.clear()  # keyed by node identities: valid while this tree lives
            found = _starts([tree])
        except Exception:  # another regex version's internals: no screen, every line is matched
            return None
        if found is None or not source.at_end():
            return None
        heads |= found
    return tuple(sorted(heads))


ASCII_KIN = {0x212A: "k", 0x17F: "s", 0x130: "i"}  # non-ASCII letters that IGNORECASE matches to ASCII ones


_STARTS_MEMO: dict[tuple[int, ...], frozenset[str] | None] = {}


def _starts(items: list) -> frozenset[str] | None:
    """Heads (see _pattern_heads) of a match of the sequence of parse nodes `items`, at most HEAD
    characters long; an empty set when the match cannot start with an ASCII character. Lines are
    whitespace-normalised: the only whitespace is a single space, so \\s+ is one space. Memoised:
    each branch of an alternation asks again about the same rest of the pattern, which without
    the memo took seconds on a first run."""
    key = tuple(map(id, items))
    if key not in _STARTS_MEMO:
        _STARTS_MEMO[key] = _starts_of(items)
    return _STARTS_MEMO[key]


def _starts_of(items: list) -> frozenset[str] | None:
    core = _main._regex_core
    if not items:
        return None  # the match may be empty: anything can follow
    node, rest = items[0], items[1:]
    kind = type(node)
    if kind is core.Sequence:
        return _starts(list(node.items) + rest)
    if kind in (core.Group, core.Atomic):
        return _starts([node.subpattern] + rest)
    if kind is core.Branch:
        parts = [_starts([branch] + rest) for branch in node.branches]
        return None if None in parts else frozenset().union(*parts)
    if kind in (core.GreedyRepeat, core.LazyRepeat, core.PossessiveRepeat):
        first = _starts([node.subpattern])  # what follows one repetition is not known here...
        if first == {" "} and (node.max_count is None or node.max_count >= 1):
            first = _literal_heads(" ", rest)  # ...unless it is whitespace: one space, then the rest
        if node.min_count >= 1 or first is None:
            return first
        after = _starts(rest)
        return None if after is None else first | after
    if kind is core.LookAround or isinstance(node, core.ZeroWidthBase):
        return _starts(rest)  # zero width: the match starts with what follows
    if getattr(node, "zerowidth", False):
        return None
    if kind in (core.String, core.Literal) or (kind is core.Character and node.positive):
        chars = [node.value] if kind is core.Character else list(node.characters)
        return _literal_heads("".join(map(chr, chars)), rest)
    if hasattr(node, "matches"):  # a character class (case-blind: both cases are asked)
        chars = {ASCII_KIN[c] for c in ASCII_KIN if node.matches(c)} | {
            chr(c).lower() for c in range(128) if node.matches(c) or node.matches(ord(chr(c).swapcase()))}
        chars = {c for c in chars if c == " " or not c.isspace()}
        return _literal_heads(" ", rest) if chars == {" "} else frozenset(chars)
    return None


def _literal_heads(literal: str, rest: list) -> frozenset[str] | None:
    ascii_part = literal[:len(literal) - len(literal.lstrip("".join(map(chr, range(128)))))]
    if not ascii_part:  # a symbol ("©", "»") cannot start ASCII text; a letter might be a case variant
        return None if literal[0].isalpha() else frozenset()
    head = ascii_part.lower()[:HEAD]
    if ascii_part != literal or len(head) == HEAD:
        return frozenset([head])
    after = _starts(rest)
    if not after or len(after) > 40:  # a shorter head is still a head
        return frozenset([head])
    return frozenset((head + a)[:HEAD] for a in after)


WEAK_STOCK_PATTERN = (
    rf"(?-i:(?!(?:The|A|An|Your|Our|My|This|Experts?|Doctors?)\b)\p{{Lu}}[\p{{L}}'’.-]*(?:\s+\p{{Lu}}[\p{{L}}'’.-]*){{0,2}})\s+says:?"
    rf"|{DATE}(?:\s+(?:at\s+)?\d{{1,2}}:\d{{2}}\s*(?:am|pm)?)?")
# One field of a post's metadata line ("Posted by admin | March 3, 2021 | 4,512 views"): a line made
# only of such fields, joined by separators, is a byline whatever order the theme prints them in.
META_FIELD_PATTERN = (
    rf"{DATE}(?:\s+(?:at\s+)?\d{{1,2}}:\d{{2}}\s*(?:am|pm)?)?|(?:posted|written|published|updated)\s+(?:by|in|on)\s+.{{1,40}}"
    rf"|(?-i:By)\s+{NAME}|[\d,.]+k?\s+(?:views?|reads?|shares?|comments?|likes?)|no\s+comments|\d+\s+min(?:ute)?s?\s+read"
    rf"|(?:updated|last\s+updated)\s*:?\s+{DATE}")

BREADCRUMB = regex.compile(r"\s[\u00bb\u203a>]\s")
NAV_WORD = regex.compile(
    r"home(?:\s*page)?|about(?:\s+us)?|contact(?:\s+us)?|blog|news|shop|store|log\s*in|login|sign\s+in|register|"
    r"privacy(?:\s+policy)?|terms(?:\s+of\s+(?:use|service))?|sitemap|faqs?|careers|advertise|subscribe|search|"
    r"menu|archives?|categories|resources|donate", _F)
WORDS = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}'’-]*", regex.V0)
FIELD_SPLIT = regex.compile(rf"\s*{SEP}\s*|\s[\u2013\u2014-]\s", regex.V0)  # menu items, metadata fields
COMPOUND_SPLIT = regex.compile(rf"\s*{SEP}\s*|(?<=[.!?*])\s+(?=\p{{Lu}})", regex.V0)


HEADINGS = ("heading", "title")


class Piece:
    """A line of a block: block, start, end (its span in the block's text), text (normalised), label
    (a stock chrome label: strong chrome, or None) and weak (short, no sentence shape: chrome if a
    neighbour is). Mutable: classification sets label and weak."""

    __slots__ = ("block", "start", "end", "text", "label", "weak")

    def __init__(self, block: Block, start: int, end: int, text: str, label: str | None = None,
                 weak: bool = False):
        self.block = block
        self.start = start
        self.end = end
        self.text = text
        self.label = label
        self.weak = weak


def block_pieces(doc: Document, block: Block) -> list[tuple[int, int]]:
    """Spans of block text that sit on separate source lines (in HTML, separated by <br>)."""
    breaks = []
    src = doc.text
    for t0, s0, tl, sl in block.segments:
        chunk = src[s0:s0 + sl]
        if doc.format == "html":
            if tl != sl and BR.fullmatch(chunk):
                breaks.append(t0)  # <br>: the one line break that HTML markup means
            continue
        if "\n" not in chunk and "\r" not in chunk:
            continue
        if tl == sl:
            breaks.extend(t0 + i for i, c in enumerate(chunk) if c in "\r\n")
        else:
            breaks.append(t0)
    spans, prev = [], 0
    for b in breaks:
        spans += _strip(block.text, prev, b)
        prev = b + 1
    spans += _strip(block.text, prev, len(block.text))
    return spans


BR = regex.compile(r"\s*<br\b[^>]*>\s*", _F)


def document_pieces(doc: Document) -> list[list[tuple[int, int]]]:
    """block_pieces of every block, in block order: the lines both boilerplate rules read (share it
    with ctx.memo). Outside HTML a block breaks only where a segment's source holds a line break;
    a block without one (most are) is its whole text, stripped, without the general walk."""
    if doc.format == "html":
        return [block_pieces(doc, b) for b in doc.blocks]
    src = doc.text
    cr = "\r" in src
    out = []
    for b in doc.blocks:
        text = b.text
        if not unbroken(src, b.segments, cr):
            out.append(block_pieces(doc, b))
        elif text and text.strip() is text:  # CPython gives the string itself when nothing is stripped
            out.append([(0, len(text))])
        else:
            out.append(_strip(text, 0, len(text)))
    return out


def unbroken(src: str, segments, cr: bool) -> bool:
    """No segment's source holds a line break (`cr`: src holds a carriage return)."""
    for _, s0, _, sl in segments:
        if src.find("\n", s0, s0 + sl) >= 0 or cr and src.find("\r", s0, s0 + sl) >= 0:
            return False
    return True


def _strip(text: str, a: int, b: int) -> list[tuple[int, int]]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return [(a, b)] if b > a else []


def _link_density(block: Block, start: int, end: int) -> float:
    if not block.links:
        return 0.0
    linked = sum(max(0, min(end, l.end) - max(start, l.start)) for l in block.links)
    letters = block.text[start:end].strip()  # anything but whitespace
    return linked / max(1, end - start) if letters else 0.0


def _links_in(block: Block, start: int, end: int) -> int:
    return sum(1 for l in block.links if l.start >= start and l.end <= end)


def classify(doc: Document, block: Block, start: int, end: int) -> Piece:
    text = " ".join(block.text[start:end].split())
    piece = Piece(block, start, end, text)
    if len(text) > 300 or block.kind == "image_alt":
        return piece
    heading = block.kind in HEADINGS
    piece.label = _chrome_label(text, heading)
    if piece.label or heading:
        return piece  # a heading is chrome only by its vocabulary
    if _weak_stock(text):
        piece.weak = True  # a comment's "Jane says:" or a lone date: chrome only next to chrome
        return piece
    density = _link_density(block, start, end)
    terminal = _terminal(text)
    separated = _separated(text)
    if terminal and density == 0.0 and not separated:
        return piece  # prose: every test below needs links, separators or no final punctuation
    words = WORDS.findall(text)
    sentence_like = terminal and len(words) >= 5
    items = [p for p in FIELD_SPLIT.split(text) if p.strip()] if separated else []  # only len >= 3 counts
    if not sentence_like and len(items) >= 3 and all(len(WORDS.findall(p)) <= 4 for p in items) and (
            BREADCRUMB.search(text) or density >= 0.5 or any(NAV_WORD.fullmatch(p.strip()) for p in items)):
        # "Health » Diabetes » Diet", a linked menu, "Home | About | Contact"; not "Breakfast | Lunch | Dinner"
        piece.label = "navigation"
    elif density >= 0.6 and NAV_WORD.fullmatch(text):
        piece.label = "navigation"  # a linked "Home" or "Contact us": a menu entry
    elif not sentence_like and _links_in(block, start, end) >= 3 and density >= 0.8:
        piece.label = "link list"
    elif not sentence_like and (density >= 0.6 or (len(words) <= 3 and not terminal)):
        piece.weak = True
    return piece


def _terminal(text: str) -> bool:
    """The line ends like a sentence: . ! ? or : perhaps followed by closing quotes or a bracket."""
    return text.rstrip("\"'”’)").endswith((".", "!", "?", ":"))


def _separated(text: str) -> bool:
    """FIELD_SPLIT.search(text) on a whitespace-normalised line, where \\s can only be a space."""
    return bool(_SEPARATOR.search(text)) or " - " in text or " \u2013 " in text or " \u2014 " in text


_SEPARATOR = re.compile(f"[{re.escape(SEP_CHARS)}]")


def _weak_stock(text: str) -> bool:
    last = text[-1:]  # every weak stock line ends in "says", "says:", a date's digit or "am"/"pm"
    return (last in ":sSm\u017fM" or last.isdigit()) and _weak().fullmatch(text, timeout=0.5) is not None


@lru_cache(maxsize=1)
def _weak():
    return regex.compile(WEAK_STOCK_PATTERN, _F)


def chrome_runs(doc: Document, pieces: list[list[tuple[int, int]]] | None = None,
                max_gap_weak: int = 6) -> list[list[Piece]]:
    """Runs of consecutive chrome pieces: strong pieces plus the weak pieces next to them.
    `pieces`: document_pieces(doc), when the caller has it. Lines are classified only where a run
    can start (_may_be_labelled) and where a run looks at them."""
    pieces = document_pieces(doc) if pieces is None else pieces
    # The <title> element is not visible prose; the <h1> under it repeats it by design.
    spans = [(b, s, e) for b, ps in zip(doc.blocks, pieces) if b.kind != "title" for s, e in ps]
    found: dict[int, Piece | None] = {}  # classify()'s piece, None for a plain one

    def chrome(k: int) -> Piece | None:
        if k not in found:
            found[k] = _classify_line(doc, *spans[k])
        return found[k]

    def piece(k: int) -> Piece:
        p = chrome(k)
        if p is None:
            p = found[k] = Piece(*spans[k], _line_text(spans[k]))
        return p

    labelled = [k for k in _may_be_labelled(spans) if _labelled(chrome(k))]
    # A repeated title needs a heading in the pair (or the first pair): those pairs only.
    pairs = {0} | {n for k, (b, _, _) in enumerate(spans) if b.kind == "heading" for n in (k - 1, k)}
    for n in sorted(pairs):
        if 0 <= n < len(spans) - 1 and not _ends_sentence(spans[n]) and not _ends_sentence(spans[n + 1]) \
                and _same_title(_line_text(spans[n]), _line_text(spans[n + 1])) and not _labelled(chrome(n + 1)):
            piece(n + 1).label = "repeated title"
            labelled.append(n + 1)
    runs, after = [], 0
    for i in sorted(set(labelled)):
        if i < after:
            continue  # inside the previous run
        lo = i
        kind = spans[i][0].kind
        # Weak lines before chrome join it only from the same kind of block: a chrome heading
        # starts a new section and never claims the list that ends the previous one.
        while (lo > 0 and _weak_piece(chrome(lo - 1)) and i - lo < max_gap_weak and kind not in HEADINGS
               and spans[lo - 1][0].kind == kind):
            lo -= 1
        hi = i
        listing = found[i].label in LISTS  # after "Related posts", short title-like lines are its entries
        while hi + 1 < len(spans):
            nxt = chrome(hi + 1)
            if nxt is not None and (nxt.label or nxt.weak):
                hi += 1
                listing = nxt.label in LISTS if nxt.label else listing
                continue
            # In text files a short line without punctuation parses as a heading; in Markdown and HTML
            # a heading is the author's structure and never an entry of a chrome list.
            if listing and _title_like(piece(hi + 1)) and (doc.format == "text" or not _is_heading(piece(hi + 1))):
                hi += 1
                continue
            break
        # A short unlinked line right before the prose may be that prose's title ("Skip to content"
        # then "Zinc and colds"): leave multi-word ones to the editor.
        while hi > i and hi + 1 < len(spans) and _title_of_next(piece(hi), piece(hi + 1)):
            hi -= 1
        runs.append([lo, hi])
        after = hi + 1
    # jusText's context rule: one short line between two chrome runs is chrome too ("Great post!").
    merged: list[list[int]] = []
    for lo, hi in runs:
        if merged and lo == merged[-1][1] + 2 and _short(piece(lo - 1)):
            merged[-1][1] = hi
        else:
            merged.append([lo, hi])
    return [[piece(k) for k in range(lo, hi + 1)] for lo, hi in merged]


def _line_text(span: tuple[Block, int, int]) -> str:
    """A line's whitespace-normalised text, as classify() and Piece hold it."""
    b, s, e = span
    return " ".join(b.text[s:e].split())


def _labelled(p: Piece | None) -> bool:
    return p is not None and p.label is not None


def _ends_sentence(span: tuple[Block, int, int]) -> bool:
    """The line ends in . or !, so _same_title cannot hold: a piece's normalised text ends where its
    raw text does, and casefolding and the strip(" #*") keep that last character."""
    b, _, e = span
    return b.text[e - 1] in ".!"


def _weak_piece(p: Piece | None) -> bool:
    return p is not None and p.weak


def _may_be_labelled(spans: list[tuple[Block, int, int]]) -> list[int]:
    """The lines (indices into spans) whose classify() may give a label, from a few scans of the
    document's lines joined. Every other line is ASCII, starts with a letter and with no head of a
    stock pattern or metadata field (so _chrome_label gives None; no arrow either: it is ASCII),
    holds no separator, no whitespace but spaces and no double space in its head (its normalised
    text has the same head), and under 60% link text: `items` is empty and the density under 0.6,
    so navigation and link list cannot hold either."""
    lines = [b.text[s:e] for b, s, e in spans]
    # NUL joins the lines: not whitespace, so a NUL inside a line changes nothing of the above,
    # and only makes the head scan look at one more place.
    joined = "\0".join(lines)
    low = joined.lower()
    if _heads() is None or len(low) != len(joined):
        return list(range(len(lines)))  # no screen, or a letter whose lower case is longer
    hits = [m.start() for m in _head_pattern().finditer("\0" + low)]  # at the NUL before the line
    hits += [m.start() for c in _ODD_CHARS if c in joined for m in re.finditer(re.escape(c), joined)]
    found = {k for k, (b, s, e) in enumerate(spans) if b.links and _link_chars(b) >= 0.6 * (e - s)}
    if not joined.isascii():
        found.update(k for k, line in enumerate(lines) if not line.isascii())
    if hits:
        starts = list(accumulate((len(line) + 1 for line in lines), initial=0))
        found.update(bisect.bisect_right(starts, h) - 1 for h in hits)
    return sorted(found)


def _link_chars(b: Block) -> int:
    """The block's link text, an upper bound of the linked characters of any of its lines."""
    return sum(link.end - link.start for link in b.links)


# What makes an ASCII line other than plain prose: whitespace other than a space, an ASCII separator, a
# spaced hyphen. Each is looked for on its own: a search for one character is a memchr.
_ASCII_SPACE = b"\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f"  # the ASCII whitespace other than " "
_ASCII_ODD = _ASCII_SPACE + b"|/>"  # ... and the ASCII separators
_ODD_CHARS = (*map(chr, _ASCII_ODD), " - ")


@lru_cache(maxsize=1)
def _head_pattern():
    """The NUL before a lower-case line that does not start with a letter, starts with a head
    (_heads), or has a double space within the head's length."""
    _, heads = _head_table()
    return re.compile(rf"\0(?=[^a-z]|{heads}|[^\0]{{0,{HEAD - 1}}}  )")  # a look-ahead: the
    # match is the NUL alone, and the next line's NUL is looked at even after a NUL that ends a line


def _classify_line(doc: Document, b: Block, s: int, e: int) -> Piece | None:
    """classify() of a line, or None where it would give a plain piece (no label, not weak): an
    image's alt text or a line over 300 characters; else a normalised line (see _normal) that fails
    the head screen, holds no separator or arrow, and is a heading or a plain line (_plain_line).
    Each test is one of classify's own exits (see there), read off the raw line, which is the
    normalised one."""
    raw = b.text[s:e]
    if b.kind == "image_alt" or len(raw) > 300 and _normal(raw):
        return None
    if not _may_start_chrome(raw) and _plain_shape(raw) and (b.kind in HEADINGS or _plain_line(b, s, e, raw)):
        return None
    return classify(doc, b, s, e)


def _plain_line(b: Block, s: int, e: int, raw: str) -> bool:
    """classify() finds no label and no weakness in a line that is not a heading, carries no stock
    label and holds no separator (so `items` is empty there): it is not a weak stock line, and
    - unlinked: it ends like a sentence, or it has more than three words (the one test left);
    - linked: it ends like a sentence with five words or more (sentence_like); NAV_WORD, the one
      test left for it, matches no line that ends in punctuation or a closing quote."""
    if _weak_stock(raw):
        return False
    if not b.links or _link_density(b, s, e) == 0.0:
        return _terminal(raw) or _has_words(raw, 4)
    return _terminal(raw) and _has_words(raw, 5)


def _has_words(text: str, n: int) -> bool:
    """len(WORDS.findall(text)) >= n, reading only as far as the n-th word."""
    return _n_words(n).match(text) is not None


@lru_cache(maxsize=None)
def _n_words(n: int):
    # Possessive repeats: each round takes what findall skips, then one whole word, never part of one.
    return regex.compile(rf"(?:[^\p{{L}}\p{{N}}]*+[\p{{L}}\p{{N}}][\p{{L}}\p{{N}}'’-]*+){{{n}}}", regex.V0)


def _normal(raw: str) -> bool:
    """raw == " ".join(raw.split()) for a line that _strip left without whitespace at either end:
    every whitespace character but " " is unprintable (categories Zs, Zl, Zp, Cc). On ASCII text
    bytes.translate finds them in one C pass, faster than isprintable or a regex."""
    if raw.isascii():
        data = raw.encode()
        return "  " not in raw and len(data.translate(None, _ASCII_SPACE)) == len(data)
    return "  " not in raw and raw.isprintable()


def _plain_shape(raw: str) -> bool:
    """_normal(raw) and not _separated(raw) and no arrow in it. ASCII text holds no arrow, en or em
    dash and no separator but | / >."""
    if raw.isascii():
        data = raw.encode()
        return len(data.translate(None, _ASCII_ODD)) == len(data) and "  " not in raw and " - " not in raw
    return _normal(raw) and not _separated(raw) and ARROWS[2] not in raw  # » and › are separators


LISTS = ("related posts", "link list")


def _short(p: Piece) -> bool:
    """A short remark ("Great post!"), not a title: titles carry no final punctuation."""
    return (not _is_heading(p) and len(p.text) <= 60 and len(WORDS.findall(p.text)) <= 6
            and p.text.endswith((".", "!", "?")))


def _title_of_next(p: Piece, nxt: Piece) -> bool:
    return (p.label is None and len(WORDS.findall(p.text)) >= 2 and _link_density(p.block, p.start, p.end) < 0.5
            and nxt.label is None and not nxt.weak and len(WORDS.findall(nxt.text)) >= 8)


def _title_like(p: Piece) -> bool:
    return len(p.text) <= 80 and len(WORDS.findall(p.text)) <= 10 and not p.text.endswith((".", "!", ":"))


def _same_title(prev: str, cur: str) -> bool:
    """A heading repeated verbatim on the next line (normalised texts): a scraped page title printed twice."""
    a, b = prev.casefold().strip(" #*"), cur.casefold().strip(" #*")
    return a == b and 0 < len(WORDS.findall(a)) <= 20 and not a.endswith((".", "!"))


def _is_heading(p: Piece) -> bool:
    return p.block.kind in HEADINGS


# ---------------------------------------------------------------------------------------------
# Safe deletion of whole lines

SETEXT = regex.compile(r"[ ]{0,3}(?:=+|-+)[ \t]*(?:\r\n|\r|\n|$)")
VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
TAG = regex.compile(r"<!--.*?-->|<(/?)([a-zA-Z][\w:-]*)\b[^<>]*?(/?)>", regex.S)


def _balanced_html(chunk: str) -> bool:
    if regex.search(r"<(?![a-zA-Z/!])|<[^>]*$|^[^<]*>", chunk):
        return False
    stack = []
    for m in TAG.finditer(chunk):
        if m.group(2) is None or m.group(3) or m.group(2).lower() in VOID:
            continue
        name = m.group(2).lower()
        if not m.group(1):
            stack.append(name)
        elif not stack or stack.pop() != name:
            return False
    return not stack


def line_delete_fix(doc: Document, spans: list[tuple[Block, int, int]]) -> tuple[int, int] | None:
    """Absolute (start, end) covering the whole source lines of `spans` (block, start, end) with their
    line break, or None when those lines hold other prose, a table, or (HTML) unbalanced markup."""
    if not spans or any(b.kind == "table_cell" for b, _, _ in spans):
        return None
    src = doc.text
    first_b, first_s, _ = spans[0]
    last_b, _, last_e = spans[-1]
    a = first_b.source_offset(first_s)
    z = last_b.source_end(last_e)
    ls = max(src.rfind("\n", 0, a), src.rfind("\r", 0, a)) + 1
    m = regex.compile(r"\r\n|\r|\n").search(src, z)
    le = m.end() if m else len(src)
    if doc.format == "markdown" and last_b.kind == "heading":
        underline = SETEXT.match(src, le)  # "Related posts\n-------": the underline goes too
        le = underline.end() if underline else le
    if not src[ls:a].strip(" \t>#*+-0123456789.)[_") == "" and doc.format != "html":
        return None
    covered = {}
    for b, s, e in spans:
        covered.setdefault(id(b), []).append((s, e))
    lo = min(b.index for b, _, _ in spans)
    hi = max(b.index for b, _, _ in spans)
    for b in doc.blocks[max(0, lo - 2):hi + 3]:
        bs, be = b.source_span(0, len(b.text))
        if be <= ls or bs >= le:
            continue
        mine = bytearray(len(b.text))  # a mask, not a scan of the spans per character: linear
        for s, e in covered.get(id(b), []):
            mine[s:e] = b"\x01" * (e - s)
        for i, c in enumerate(b.text):
            if c.isspace() or mine[i]:
                continue
            if ls <= b.source_offset(i) < le:
                return None
    if any(s < le and e > ls for s, e in doc.ignored):
        return None
    if doc.format == "html" and not _balanced_html(src[ls:le]):
        return None
    return ls, le
