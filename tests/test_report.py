"""`healthlint report --html`: rendered in a real headless browser (Debian's Chromium driven by Playwright).

Chromium comes from the Debian registry (.ci/run installs it); Playwright only drives it, we never
download Playwright's own browser builds. Without either, the browser tests skip and say why.
"""
import html
import http.server
import re
import shutil
import threading
from pathlib import Path

import pytest

from helpers import run, run_json, write
from healthlint.finding import Finding, Severity
from healthlint.report import highlight

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
HOSTILE = ("# Tea <script>window.__pwned = 1</script>\n\n"
           "This miracle tea cures diabetes. <img src=x onerror=\"window.__pwned = 2\">\n\n"
           "It is 100% safe & natural, \"quoted\" and 'single' </pre></mark><b>bold</b>.\n")
CLEAN = "# Sleep\n\nMost adults need seven or more hours of sleep a night.\n"


def finding(start, end, code="HL101", severity=Severity.ERROR):
    return Finding("a.md", 1, start + 1, 1, end + 1, code, "cure-claim", "claim", severity, f"{code} message <b>", start, end)


def strip_tags(markup: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", markup))


def test_highlight_overlaps_keep_the_text_and_escape_it():
    text = "<b>cures & heals</b> all"
    spans = [finding(3, 8), finding(6, 15, "HL105", Severity.WARNING), finding(24, 24, "HL701", Severity.INFO)]
    markup = highlight(text, spans, 0)
    assert "<b>" not in markup.replace('<b>"', "")  # the article's tag is escaped, never markup
    assert strip_tags(markup).replace("\u2380", "") == text  # every character once, in order
    ids = re.findall(r'data-ids="([^"]*)"', markup)
    assert "0 1" in ids and {i for group in ids for i in group.split()} == {"0", "1", "2"}
    assert markup.count('class="hl info point"') == 1  # the empty span is an insertion marker


@pytest.fixture(scope="module")
def browser():
    if CHROMIUM is None:
        pytest.skip("Chromium is not installed (apt-get install chromium; .ci/run does this)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install '.[test]')")
    with sync_api.sync_playwright() as p:
        # --no-sandbox: Chromium refuses to start its sandbox as root, which CI and this machine are.
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield b
        b.close()


@pytest.fixture
def report(tmp_path):
    write(tmp_path, "hostile.md", HOSTILE)
    write(tmp_path, "clean.md", CLEAN)
    write(tmp_path, "page.html", "<html><body><p>Our detox kit cures arthritis. A true miracle cure.</p></body></html>\n")
    proc = run("report", "--no-config", "--html", "out.html", "hostile.md", "clean.md", "page.html", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    _, expected = run_json("--no-config", "hostile.md", "clean.md", "page.html", cwd=tmp_path)
    return tmp_path / "out.html", expected


def open_page(browser, path: Path):
    page = browser.new_page()
    requests, dialogs = [], []
    page.on("requestfinished", lambda r: requests.append(r.url))  # loaded; a blocked one never finishes
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(path.as_uri())
    return page, requests, dialogs


def test_report_renders_findings_summary_and_chart(browser, report):
    out, expected = report
    page, requests, dialogs = open_page(browser, out)
    # Self-contained: the page itself is the only request; hostile text ran nothing.
    assert requests == [out.as_uri()] and dialogs == []
    assert page.evaluate("window.__pwned") is None and page.evaluate("document.scripts.length") == 1
    hostile = page.locator('section.article[data-path="hostile.md"]')
    assert "<script>window.__pwned = 1</script>" in hostile.locator("pre.source").inner_text()
    assert "</pre></mark><b>bold</b>" in hostile.locator("pre.source").inner_text()

    by_path = {}
    for d in expected:
        by_path.setdefault(d["path"], []).append(d)
    for path in ("hostile.md", "clean.md", "page.html"):
        section = page.locator(f'section.article[data-path="{path}"]')
        ids = {i for g in section.locator("mark.hl").evaluate_all("ms => ms.map(m => m.dataset.ids)") for i in g.split()}
        assert len(ids) == len(by_path.get(path, [])), path  # one highlight per finding the CLI reports
        assert section.locator("ol.findings li").count() == len(by_path.get(path, []))
    assert page.locator('section.article[data-path="clean.md"] mark').count() == 0

    # The flagged span is what is highlighted, and hovering explains it.
    cure = hostile.locator("mark.hl.error", has_text="cures diabetes")
    assert cure.inner_text() == "cures diabetes"
    assert page.locator("#tip").is_hidden()
    cure.hover()
    tip = page.locator("#tip")
    assert tip.is_visible()
    message = next(d["message"] for d in by_path["hostile.md"] if d["code"] == "HL101")
    assert tip.inner_text().startswith("HL101 cure-claim (error, line 3): ") and message in tip.inner_text()

    # Summary by category: the numbers the CLI reports.
    claim_total = sum(d["category"] == "claim" for d in expected)
    assert page.locator('#by-category tr[data-category="claim"] td.total').inner_text() == str(claim_total)
    assert page.locator("#by-category tr.all td.total").inner_text() == str(len(expected))
    assert page.locator("#total-findings").inner_text() == str(len(expected))

    # Chart: one bar per article, drawn in proportion to its count.
    bars = page.locator("svg.chart g.bar")
    assert bars.count() == 3
    widths = {bars.nth(i).get_attribute("data-path"): (int(bars.nth(i).get_attribute("data-count")),
              bars.nth(i).locator("rect").bounding_box()["width"]) for i in range(3)}
    assert {p: n for p, (n, _) in widths.items()} == {p: len(by_path.get(p, [])) for p in widths}
    for n, width in widths.values():
        assert (width == 0) == (n == 0)
        assert all(width > w for m, w in widths.values() if m < n)  # more findings, longer bar
    page.close()


def test_report_makes_no_request_even_when_asked(browser, report):
    """The page's Content-Security-Policy forbids any fetch: even a script that tries (as injected
    markup might, if escaping ever failed) reaches no server."""
    out, _ = report
    hits = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        page, requests, _ = open_page(browser, out)
        url = f"http://127.0.0.1:{server.server_port}/beacon"
        page.evaluate("""url => new Promise(r => { const i = new Image(); i.onerror = i.onload = r; i.src = url;
                                                    fetch(url).catch(() => null).then(r); })""", url)
        page.close()
    finally:
        server.shutdown()
    assert hits == [] and requests == [out.as_uri()]


def test_report_cli_errors(tmp_path):
    write(tmp_path, "a.md", CLEAN)
    (tmp_path / "bin.md").write_bytes(b"\x00\x01\x02")
    proc = run("report", "--no-config", "--html", "out.html", "a.md", "bin.md", cwd=tmp_path)
    assert proc.returncode == 2 and "bin.md: error:" in proc.stderr
    assert "Could not be linted" in (tmp_path / "out.html").read_text()  # the page is still written
    assert run("report", "--html", "out.html", cwd=tmp_path).returncode == 2
