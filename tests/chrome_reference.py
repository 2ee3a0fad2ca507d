"""HL301's chrome_runs as it was before the plain-line screen: every line classified, every pair of
lines compared. tests/test_chrome_runs.py checks that the screened version finds the same runs."""
from healthlint.checks._chrome import (  # noqa: F401
    LISTS, Document, Piece, _is_heading, _same_title, _short, _title_like, _title_of_next, block_pieces, classify,
)


def reference_chrome_runs(doc: Document, max_gap_weak: int = 6) -> list[list[Piece]]:
    """Runs of consecutive chrome pieces: strong pieces plus the weak pieces next to them."""
    # The <title> element is not visible prose; the <h1> under it repeats it by design.
    pieces = [classify(doc, b, s, e) for b in doc.blocks if b.kind != "title" for s, e in block_pieces(doc, b)]
    for n, (prev, cur) in enumerate(zip(pieces, pieces[1:])):
        titled = n == 0 or _is_heading(prev) or _is_heading(cur)
        if cur.label is None and titled and _same_title(prev.text, cur.text):
            cur.label = "repeated title"
    spans, i = [], 0
    while i < len(pieces):
        if pieces[i].label is None:
            i += 1
            continue
        lo = i
        # Weak lines before chrome join it only from the same kind of block: a chrome heading
        # starts a new section and never claims the list that ends the previous one.
        while (lo > 0 and pieces[lo - 1].weak and i - lo < max_gap_weak and not _is_heading(pieces[i])
               and pieces[lo - 1].block.kind == pieces[i].block.kind):
            lo -= 1
        hi = i
        listing = pieces[i].label in LISTS  # after "Related posts", short title-like lines are its entries
        while hi + 1 < len(pieces):
            nxt = pieces[hi + 1]
            # In text files a short line without punctuation parses as a heading; in Markdown and HTML
            # a heading is the author's structure and never an entry of a chrome list.
            entry = listing and _title_like(nxt) and (doc.format == "text" or not _is_heading(nxt))
            if nxt.label or nxt.weak or entry:
                hi += 1
                listing = nxt.label in LISTS if nxt.label else listing
                continue
            break
        # A short unlinked line right before the prose may be that prose's title ("Skip to content"
        # then "Zinc and colds"): leave multi-word ones to the editor.
        while hi > i and hi + 1 < len(pieces) and _title_of_next(pieces[hi], pieces[hi + 1]):
            hi -= 1
        spans.append([lo, hi])
        i = hi + 1
    # jusText's context rule: one short line between two chrome runs is chrome too ("Great post!").
    merged: list[list[int]] = []
    for lo, hi in spans:
        if merged and lo == merged[-1][1] + 2 and _short(pieces[lo - 1]):
            merged[-1][1] = hi
        else:
            merged.append([lo, hi])
    return [pieces[lo:hi + 1] for lo, hi in merged]


