"""`healthlint report --html OUT.html`: one self-contained page an editor can open from disk.

Per article: the text with each finding highlighted and explained on hover (a tooltip, and the
title attribute without JavaScript), a summary by category and severity, and a bar chart of findings
per article. Everything is inline (CSS, JS, SVG); a Content-Security-Policy forbids any network
request. Article text is hostile input: every piece of it goes through html.escape, and the script
only ever copies strings into textContent.
"""
from __future__ import annotations

import html
from collections import Counter
from collections.abc import Sequence

from . import __version__
from .finding import CATEGORIES, FileResult, Finding, Severity

SEVERITIES = (Severity.ERROR, Severity.WARNING, Severity.INFO)
INSERT_MARK = "\u2380"  # shown where an empty span (e.g. "add a disclaimer here") points
BAR_HEIGHT, BAR_GAP, LABEL_WIDTH, CHART_WIDTH = 18, 6, 320, 760

CSS = """
:root { --error: #f8b4b4; --warning: #fde68a; --info: #bfdbfe; }
body { font: 15px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 70rem; padding: 1rem 2rem; color: #111; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.1rem; margin: 0; word-break: break-all; }
table { border-collapse: collapse; margin: .5rem 0 1rem; }
th, td { border: 1px solid #ccc; padding: .2rem .6rem; text-align: left; } td.n { text-align: right; }
.article { border: 1px solid #ddd; border-radius: 6px; margin: 1.2rem 0; padding: .8rem 1rem; }
.article.clean h2::after { content: " \\2713"; color: #15803d; }
.counts { color: #555; margin: .2rem 0 .6rem; }
pre.source { white-space: pre-wrap; word-wrap: break-word; background: #fafafa; padding: .6rem; border-radius: 4px;
             font: 13px/1.5 ui-monospace, monospace; max-height: 40rem; overflow: auto; }
mark.hl { border-radius: 2px; cursor: help; padding: 0 1px; }
mark.error { background: var(--error); } mark.warning { background: var(--warning); } mark.info { background: var(--info); }
mark.point { font-weight: bold; }
ol.findings { font-size: 13px; } ol.findings code { font-weight: bold; }
.sev-error { color: #b91c1c; } .sev-warning { color: #a16207; } .sev-info { color: #1d4ed8; }
#tip { position: absolute; z-index: 10; max-width: 36rem; background: #111; color: #fff; padding: .4rem .6rem;
       border-radius: 4px; font-size: 13px; white-space: pre-wrap; pointer-events: none; }
svg.chart text { font: 12px system-ui, sans-serif; } svg.chart rect { fill: #ef4444; }
.input-error { color: #b91c1c; }
"""

# Move each title into a tooltip that appears on hover or keyboard focus. textContent, never innerHTML.
JS = """
(function () {
  var tip = document.getElementById('tip');
  document.querySelectorAll('mark.hl').forEach(function (m) {
    m.setAttribute('data-tip', m.getAttribute('title'));
    m.removeAttribute('title');
    m.tabIndex = 0;
  });
  function show(e) {
    var m = e.target.closest && e.target.closest('mark.hl');
    if (!m) return;
    tip.textContent = m.getAttribute('data-tip');
    var r = m.getBoundingClientRect();
    tip.style.left = (r.left + window.scrollX) + 'px';
    tip.style.top = (r.bottom + window.scrollY + 4) + 'px';
    tip.hidden = false;
  }
  function hide(e) { if (e.target.closest && e.target.closest('mark.hl')) tip.hidden = true; }
  document.addEventListener('mouseover', show); document.addEventListener('focusin', show);
  document.addEventListener('mouseout', hide); document.addEventListener('focusout', hide);
})();
"""

CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'"


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def explanation(f: Finding) -> str:
    return f"{f.code} {f.name} ({f.severity.value}, line {f.line}): {f.message}"


def highlight(text: str, findings: Sequence[Finding], article: int) -> str:
    """The escaped text with a <mark> per run of characters covered by the same findings. Overlapping
    findings split into runs; data-ids names the findings (by index) each run belongs to."""
    spans = [(max(0, min(f.start, len(text))), max(0, min(f.end, len(text)))) for f in findings]
    cuts = sorted({0, len(text), *(s for s, _ in spans), *(e for _, e in spans)})
    points: dict[int, list[int]] = {}
    for i, (s, e) in enumerate(spans):
        if s >= e:
            points.setdefault(s, []).append(i)
    out: list[str] = []
    anchored: set[int] = set()
    for a, b in zip(cuts, cuts[1:] + [None]):
        if a in points:
            out.append(_mark(INSERT_MARK, points[a], findings, article, anchored, "point"))
        if b is None:
            break
        ids = [i for i, (s, e) in enumerate(spans) if s <= a < e]
        piece = text[a:b]
        out.append(_mark(piece, ids, findings, article, anchored) if ids else esc(piece))
    return "".join(out)


def _mark(piece: str, ids: list[int], findings: Sequence[Finding], article: int, anchored: set[int],
          extra: str = "") -> str:
    worst = max((findings[i].severity for i in ids), key=lambda s: s.rank)
    title = "\n".join(explanation(findings[i]) for i in ids)
    first = [i for i in ids if i not in anchored]
    anchored.update(first)
    anchor = f' id="f{article}-{first[0]}"' if first else ""
    classes = " ".join(c for c in ("hl", worst.value, extra) if c)
    return (f'<mark{anchor} class="{classes}" data-ids="{" ".join(map(str, ids))}" '
            f'title="{esc(title)}">{esc(piece)}</mark>')


def summary_table(results: Sequence[FileResult]) -> str:
    counts = Counter((f.category, f.severity) for r in results for f in r.findings)
    categories = [c for c in CATEGORIES if any(counts[(c, s)] for s in SEVERITIES)]
    categories += sorted({c for c, _ in counts} - set(categories))
    head = "".join(f"<th>{s.value}</th>" for s in SEVERITIES)
    rows = []
    for c in categories:
        cells = "".join(f'<td class="n">{counts[(c, s)]}</td>' for s in SEVERITIES)
        total = sum(counts[(c, s)] for s in SEVERITIES)
        rows.append(f'<tr data-category="{esc(c)}"><td>{esc(c)}</td>{cells}<td class="n total">{total}</td></tr>')
    totals = "".join(f'<td class="n">{sum(counts[(c, s)] for c in categories)}</td>' for s in SEVERITIES)
    rows.append(f'<tr class="all"><th>all</th>{totals}<td class="n total">{sum(counts.values())}</td></tr>')
    return f'<table id="by-category"><tr><th>category</th>{head}<th>total</th></tr>{"".join(rows)}</table>'


def chart(results: Sequence[FileResult]) -> str:
    """A horizontal bar per article, scaled to the article with the most findings."""
    linted = [r for r in results if r.error is None]
    most = max([len(r.findings) for r in linted] + [1])
    step = BAR_HEIGHT + BAR_GAP
    height = max(step, step * len(linted))
    room = CHART_WIDTH - LABEL_WIDTH - 40
    bars = []
    for i, r in enumerate(linted):
        y, n = i * step, len(r.findings)
        width = round(room * n / most)
        label = r.path if len(r.path) <= 48 else "\u2026" + r.path[-47:]
        bars.append(
            f'<g class="bar" data-path="{esc(r.path)}" data-count="{n}"><title>{esc(r.path)}: {n}</title>'
            f'<text x="{LABEL_WIDTH - 6}" y="{y + 13}" text-anchor="end">{esc(label)}</text>'
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{width}" height="{BAR_HEIGHT}"/>'
            f'<text x="{LABEL_WIDTH + width + 4}" y="{y + 13}">{n}</text></g>'
        )
    return (f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" role="img" aria-label="Findings per article" '
            f'width="{CHART_WIDTH}" height="{height}" viewBox="0 0 {CHART_WIDTH} {height}">{"".join(bars)}</svg>')


def article(r: FileResult, index: int) -> str:
    if r.error is not None:
        return (f'<section class="article failed" data-path="{esc(r.path)}"><h2>{esc(r.path)}</h2>'
                f'<p class="input-error">Could not be linted: {esc(r.error)}</p></section>')
    n = len(r.findings)
    by_sev = Counter(f.severity for f in r.findings)
    counts = ", ".join(f'<span class="sev-{s.value}">{by_sev[s]} {s.value}</span>' for s in SEVERITIES if by_sev[s])
    items = "".join(
        f'<li><a href="#f{index}-{i}">{f.line}:{f.column}</a> <code class="sev-{f.severity.value}">{f.code}</code> '
        f'{esc(f.name)}: {esc(f.message)}</li>' for i, f in enumerate(r.findings))
    body = highlight(r.text or "", r.findings, index)
    status = "clean" if n == 0 else "dirty"
    return (f'<section class="article {status}" id="a{index}" data-path="{esc(r.path)}" data-count="{n}">'
            f'<h2>{esc(r.path)}</h2><p class="counts">{n} finding{"s" if n != 1 else ""}'
            f'{": " + counts if counts else ""}</p>'
            f'<pre class="source">{body}</pre>{f"<ol class=findings>{items}</ol>" if items else ""}</section>')


def render(results: Sequence[FileResult]) -> str:
    total = sum(len(r.findings) for r in results)
    linted = sum(r.error is None for r in results)
    articles = "".join(article(r, i) for i, r in enumerate(results))
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>healthlint report</title><style>{CSS}</style></head>
<body>
<h1>healthlint report</h1>
<p id="totals"><span id="total-findings">{total}</span> findings in <span id="total-articles">{linted}</span> articles
(healthlint {esc(__version__)}). Hover a highlight for the explanation.</p>
<h2>Findings by category</h2>
{summary_table(results)}
<h2>Findings per article</h2>
{chart(results)}
{articles}
<div id="tip" role="tooltip" hidden></div>
<script>{JS}</script>
</body></html>
"""
