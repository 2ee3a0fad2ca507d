"""HL410 against a small LanguageTool stand-in on loopback that speaks the /v2/check protocol:
a form-encoded POST (text, language, disabledRules) answered with {"matches": [...]}, offsets in
UTF-16 code units as the Java server counts them. Never the internet."""
import json
import socket
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from healthlint.api import Linter
from healthlint.checks._languagetool import parse_matches, utf16_to_index
from helpers import run, run_json, write

# (wrong phrase, LanguageTool rule id, message, replacements) that the stand-in reports.
PATTERNS = [
    ("He go ", "HE_VERB_AGR", "The pronoun 'He' must be used with a third-person verb.", ["He goes "]),
    ("every weeks", "EVERY_NNS", "Use a singular noun after 'every'.", ["every week"]),
    ("alot", "ALOT", "Did you mean 'a lot'?", ["a lot", "allot"]),
    ("symtoms", "MORFOLOGIK_RULE_EN_US", "Possible spelling mistake found.", ["symptoms"]),
    ("metformin", "MORFOLOGIK_RULE_EN_US", "Possible spelling mistake found.", ["met forming"]),
]


def utf16_offset(text, index):
    return len(text[:index].encode("utf-16-le")) // 2


class FakeLanguageTool(BaseHTTPRequestHandler):
    requests: list = []
    status = 200

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"])).decode("utf-8")
        form = {k: v[0] for k, v in urllib.parse.parse_qs(body).items()}
        type(self).requests.append((self.path, form))
        if type(self).status != 200:
            self.send_error(type(self).status, "overloaded")
            return
        text, matches = form["text"], []
        disabled = set(form.get("disabledRules", "").split(","))
        for phrase, rule_id, message, reps in PATTERNS:
            at = text.find(phrase)
            if at >= 0 and rule_id not in disabled:
                matches.append({
                    "message": message, "shortMessage": "", "offset": utf16_offset(text, at),
                    "length": utf16_offset(text, at + len(phrase.rstrip())) - utf16_offset(text, at),
                    "replacements": [{"value": r.rstrip()} for r in reps],
                    "rule": {"id": rule_id, "description": message,
                             "issueType": "misspelling" if rule_id.startswith("MORFOLOGIK") else "grammar",
                             "category": {"id": "TYPOS" if rule_id.startswith("MORFOLOGIK") else "GRAMMAR"}},
                })
        payload = json.dumps({"software": {"name": "LanguageTool", "version": "6.4", "apiVersion": 1},
                              "language": {"name": "English (US)", "code": form.get("language")},
                              "matches": matches}).encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    FakeLanguageTool.requests = []
    FakeLanguageTool.status = 200
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), FakeLanguageTool)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def closed_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def config(tmp_path, server_url, extra=""):
    return write(tmp_path, "pyproject.toml", f"""
[tool.healthlint]
select = ["HL410"]

[tool.healthlint.rules.HL410]
server = "{server_url}"
{extra}
""")


def test_matches_land_on_the_exact_source_position(tmp_path, server):
    # Markup before the error and an emoji (two UTF-16 units) before it in the same block.
    text = "# Visits\n\nOur nurse 🙂 says **He go** to the clinic every weeks.\n"
    config(tmp_path, server)
    write(tmp_path, "a.md", text)
    proc, findings = run_json("a.md", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    got = {(f["code"], f["line"], f["column"], f["end_column"]) for f in findings}
    line = text.splitlines()[2]
    he = line.index("He go") + 1
    every = line.index("every weeks") + 1
    assert got == {("HL410", 3, he, he + len("He go")), ("HL410", 3, every, every + len("every weeks"))}
    assert all("[HE_VERB_AGR]" in f["message"] or "[EVERY_NNS]" in f["message"] for f in findings)


def test_request_follows_the_v2_check_protocol(tmp_path, server):
    config(tmp_path, server, 'disabled_rules = ["ALOT", "WHITESPACE_RULE"]\nlanguage = "en-GB"')
    write(tmp_path, "a.md", "Intro paragraph.\n\nHe go alot.\n")
    proc, findings = run_json("a.md", cwd=tmp_path)
    assert [f["message"].split(" [")[-1] for f in findings] == ["HE_VERB_AGR]"]
    (path, form), = FakeLanguageTool.requests
    assert path == "/v2/check"
    assert form["language"] == "en-GB"
    assert form["disabledRules"] == "ALOT,WHITESPACE_RULE"
    assert form["text"] == "Intro paragraph.\n\nHe go alot."  # blocks joined by a blank line


def test_env_var_configures_the_server_and_fix_applies_single_replacement(tmp_path, server):
    path = write(tmp_path, "a.txt", "He checks it every weeks.\n")
    linter = Linter(use_config=False, select=["HL410"])
    import os

    old = os.environ.get("HEALTHLINT_LANGUAGETOOL_URL")
    os.environ["HEALTHLINT_LANGUAGETOOL_URL"] = server
    try:
        fixed, applied, left = linter.fix_text(path.read_text(), str(path))
    finally:
        if old is None:
            del os.environ["HEALTHLINT_LANGUAGETOOL_URL"]
        else:
            os.environ["HEALTHLINT_LANGUAGETOOL_URL"] = old
    assert fixed == "He checks it every week.\n"
    assert applied == 1 and left == []


def test_unreachable_server_is_one_error_line_and_exit_2(tmp_path):
    config(tmp_path, f"http://127.0.0.1:{closed_port()}")
    write(tmp_path, "a.md", "He go to the clinic.\n")
    proc = run("check", "a.md", cwd=tmp_path)
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert "cannot reach LanguageTool server" in lines[0] and "Traceback" not in proc.stderr
    assert "internal error" not in lines[0]


def test_every_input_reports_the_unreachable_server(tmp_path):
    config(tmp_path, f"http://127.0.0.1:{closed_port()}")
    write(tmp_path, "a.md", "He go to the clinic.\n")
    write(tmp_path, "b.md", "She go to the clinic.\n")
    proc = run("check", "a.md", "b.md", cwd=tmp_path)
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert [line.split(":")[0] for line in lines] == ["a.md", "b.md"]
    assert all("cannot reach LanguageTool server" in line for line in lines)


def test_server_error_status_is_an_input_error(tmp_path, server):
    FakeLanguageTool.status = 503
    config(tmp_path, server)
    write(tmp_path, "a.md", "He go to the clinic.\n")
    proc = run("check", "a.md", cwd=tmp_path)
    assert proc.returncode == 2
    assert "answered HTTP 503" in proc.stderr


def test_without_a_server_the_rule_stays_quiet(tmp_path):
    write(tmp_path, "a.md", "He go to the clinic every weeks.\n")
    proc, findings = run_json("--no-config", "--select", "HL410", "a.md", cwd=tmp_path,
                              env={"HEALTHLINT_LANGUAGETOOL_URL": ""})
    assert proc.returncode == 0, proc.stderr
    assert findings == []


def test_off_by_default_and_never_imported_unless_selected(tmp_path):
    write(tmp_path, "a.md", "He go to the clinic.\n")
    code = (
        "import sys; from healthlint.api import Linter; Linter(use_config=False).lint_text('He go.', 'a.md');"
        "print('healthlint.checks._languagetool' in sys.modules, 'language_tool_python' in sys.modules)"
    )
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path,
                         env={"PYTHONPATH": str(__import__("helpers").ROOT)})
    assert out.stdout.split() == ["False", "False"], out.stderr


def test_spelling_matches_are_hl411_without_medical_words_and_share_one_request(tmp_path, server):
    write(tmp_path, "pyproject.toml", f"""
[tool.healthlint]
select = ["HL410", "HL411"]

[tool.healthlint.rules.HL410]
server = "{server}"

[tool.healthlint.rules.HL411]
server = "{server}"
""")
    write(tmp_path, "a.md", "He go home. Common symtoms of metformin use are mild.\n")
    proc, findings = run_json("a.md", cwd=tmp_path)
    assert sorted((f["code"], f["message"].split("[")[-1]) for f in findings) == [
        ("HL410", "HE_VERB_AGR]"), ("HL411", "MORFOLOGIK_RULE_EN_US]")]
    assert len(FakeLanguageTool.requests) == 1  # one request serves both rules


def test_utf16_offsets_map_to_code_points():
    text = "a🙂b c"
    table = utf16_to_index(text)
    assert table[utf16_offset(text, text.index("b"))] == text.index("b")
    payload = {"matches": [{"message": "m", "offset": utf16_offset(text, 4), "length": 1, "rule": {"id": "X"}},
                           {"message": "outside", "offset": 40, "length": 2, "rule": {"id": "Y"}}]}
    (m,) = parse_matches(text, payload)
    assert (m.start, m.end, m.rule_id) == (4, 5, "X")
    assert text[m.start:m.end] == "c"
