"""Disclaimer and safety (HL7xx): disclaimer detection and its fix, crisis resources, suicide wording,
risks of promoted treatments, front-matter provenance; options through real config files."""
import datetime as dt

import pytest

from helpers import run, run_json, write
from healthlint.api import Linter, lint_text
from healthlint.checks.base import Context
from healthlint.checks.disclaimer import DEFAULT_DISCLAIMER, MISSING_CRISIS_RESOURCE
from healthlint.parse import parse

ADVICE = "# Sleep\n\nTake 400 mg of magnesium every night before bed.\n"


def codes(text, path="a.md", prefix="HL7"):
    return [(f.line, f.code) for f in lint_text(text, path) if f.code.startswith(prefix)]


@pytest.mark.parametrize("disclaimer", [
    "This article is for informational purposes only.",
    "For general information only.",
    "It is not a substitute for professional medical advice, diagnosis or treatment.",
    "Nothing here is intended to replace the advice of your doctor.",
    "This content does not constitute medical advice.",
    "This is not medical advice.",
    "Talk to your doctor or pharmacist before taking magnesium.",
    "Speak with your healthcare provider about whether it suits you.",
    "Consult a qualified health professional first.",
    "Ask your pharmacist if it interacts with your medicines.",
    "Seek the advice of your physician with any questions.",
    "These statements are not intended to diagnose, treat, cure or prevent any disease.",
    "This article is not an alternative for medical care.",  # once missed: a pre-filter lacked these words
    "It is not a replacement for professional care.",
])
def test_disclaimers_phrased_many_ways(disclaimer):
    assert codes(ADVICE + "\n" + disclaimer + "\n") == []


@pytest.mark.parametrize("caveat", [
    "This treatment should be supervised by a doctor.",
    "Only under medical supervision.",
    "Doctors use magnesium in hospitals.",
])
def test_safety_caveats_are_not_disclaimers(caveat):
    assert codes(ADVICE + "\n" + caveat + "\n") == [(1, "HL701")]


@pytest.mark.parametrize("text", [
    "# Kidneys\n\nThe kidneys filter the blood. Treatment may include medicines or dialysis.\n",
    "# Colds\n\nUsing antibiotics for a cold does not help. Taking rest helps most people.\n",
    "# Salt\n\nLimit salt. That equals less than 1 teaspoon of salt a day.\n",
])
def test_information_without_advice_needs_no_disclaimer_by_default(text):
    assert codes(text) == []


def fixed(text, path="a.md"):
    out, applied, left = Linter(use_config=False, select=["HL701"]).fix_text(text, path)
    assert applied == 1 and left == []
    return out


def test_fix_appends_a_markdown_paragraph_once():
    out = fixed(ADVICE)
    assert out == ADVICE + "\n" + DEFAULT_DISCLAIMER + "\n"
    assert Linter(use_config=False, select=["HL701"]).fix_text(out, "a.md")[1] == 0  # a fixpoint


@pytest.mark.parametrize("ending, sep", [("", "\n\n"), ("\n", "\n"), ("\n\n", "")])
def test_fix_leaves_exactly_one_blank_line(ending, sep):
    body = ADVICE.rstrip("\n") + ending
    assert fixed(body) == body + sep + DEFAULT_DISCLAIMER + "\n"


def test_fix_keeps_crlf_line_endings():
    out = fixed(ADVICE.replace("\n", "\r\n"))
    assert out.endswith("\r\n\r\n" + DEFAULT_DISCLAIMER + "\r\n") and "\r\r" not in out


def test_fix_in_html_goes_before_the_closing_body_tag():
    html = "<html><body>\n<h1>Iron</h1>\n<p>Take one iron tablet a day with juice & water.</p>\n</body></html>\n"
    out = fixed(html, "a.html")
    assert out.endswith(f"<p>{DEFAULT_DISCLAIMER}</p>\n</body></html>\n")
    fragment = "<p>Take one iron tablet a day.</p>"
    assert fixed(fragment, "b.html") == fragment + "\n<p>" + DEFAULT_DISCLAIMER + "</p>\n"


def test_reported_once_at_the_top_naming_the_advice():
    findings = [f for f in lint_text("---\ntitle: x\n---\n" + ADVICE + "\nTake zinc daily.\n", "a.md") if f.code == "HL701"]
    assert len(findings) == 1 and findings[0].line == 4 and "Take 400 mg of magnesium" in findings[0].message


# --- HL701 options through a config file ----------------------------------------------------------

def test_policy_option(tmp_path):
    write(tmp_path, "info.md", "# Kidneys\n\nThe kidneys filter the blood.\n")
    write(tmp_path, "advice.md", ADVICE)
    assert [d["path"] for d in run_json("--select", "HL701", ".", cwd=tmp_path)[1]] == ["advice.md"]
    write(tmp_path, ".healthlint.toml", '[rules.HL701]\npolicy = "always"\n')
    data = run_json("--select", "HL701", ".", cwd=tmp_path)[1]
    assert sorted(d["path"] for d in data) == ["advice.md", "info.md"]
    assert "policy" in next(d for d in data if d["path"] == "info.md")["message"]
    write(tmp_path, ".healthlint.toml", '[rules.missing-disclaimer]\npolicy = "never"\n')
    assert run_json("--select", "HL701", ".", cwd=tmp_path)[1] == []


def test_unknown_policy_is_an_input_error(tmp_path):
    write(tmp_path, "a.md", ADVICE)
    write(tmp_path, ".healthlint.toml", '[rules.HL701]\npolicy = "sometimes"\n')
    proc = run("check", "a.md", cwd=tmp_path)
    assert proc.returncode == 2 and "policy" in (proc.stderr + proc.stdout)


def test_house_pattern_and_text(tmp_path):
    house = "Reviewed by the Acme medical board. Not medical advice."
    write(tmp_path, ".healthlint.toml",
          f'[rules.HL701]\npattern = "Acme medical board"\ntext = "{house}"\n')
    path = write(tmp_path, "a.md", ADVICE + "\nTalk to your doctor before taking magnesium.\n")
    data = run_json("a.md", "--select", "HL701", cwd=tmp_path)[1]
    assert len(data) == 1 and "house disclaimer" in data[0]["message"] and data[0]["fixable"]
    outcome = Linter().fix_file(str(path))
    assert outcome.changed and path.read_text().endswith("\n\n" + house + "\n")
    assert run_json("a.md", "--select", "HL701", cwd=tmp_path)[1] == []


def test_no_fix_offered_when_the_text_would_not_satisfy_the_pattern(tmp_path):
    write(tmp_path, ".healthlint.toml", '[rules.HL701]\npattern = "Acme medical board"\n')
    write(tmp_path, "a.md", ADVICE)
    data = run_json("a.md", "--select", "HL701", cwd=tmp_path)[1]
    assert len(data) == 1 and not data[0]["fixable"]


# --- HL702 crisis resources -----------------------------------------------------------------------

MENTION = "# Depression\n\nSome people have thoughts of suicide.\n"


@pytest.mark.parametrize("resource", [
    "Call or text 988 any time.",
    "Text HOME to 741741 to reach the Crisis Text Line.",
    "Call Samaritans on 116 123.",
    "Call a crisis line or your local emergency number.",
    "[Find a helpline](https://findahelpline.com/) near you.",
])
def test_any_country_resource_counts_by_default(resource):
    assert codes(MENTION + "\n" + resource + "\n") == []


def test_missing_resource_reported_at_the_first_mention():
    findings = [f for f in lint_text(MENTION + "\nSuicide is preventable.\n", "a.md") if f.code == "HL702"]
    assert [(f.line, f.column) for f in findings] == [(3, 30)]


def test_country_option_and_extra_resources(tmp_path):
    write(tmp_path, "us.md", MENTION + "\nCall or text 988.\n")
    write(tmp_path, "uk.md", MENTION + "\nCall Samaritans on 116 123.\n")
    write(tmp_path, "own.md", MENTION + "\nCall the Acme Listening Service.\n")
    write(tmp_path, ".healthlint.toml", '[rules.HL702]\ncountry = "UK"\n')
    data = run_json("--select", "HL702", ".", cwd=tmp_path)[1]
    assert sorted(d["path"] for d in data) == ["own.md", "us.md"] and "Samaritans" in data[0]["message"]
    write(tmp_path, ".healthlint.toml", '[rules.HL702]\ncountry = "UK"\nresources = ["Acme Listening Service"]\n')
    assert [d["path"] for d in run_json("--select", "HL702", ".", cwd=tmp_path)[1]] == ["us.md"]


def test_extra_resources_are_patterns_of_their_own():
    # Each with its own group 1: in one alternation, the second's \1 would name the first's group.
    options = {"resources": [r"(a)cme line \1", r"(b)righter days \1"]}
    for resource, found in (("Call the acme line a.", []), ("Call the brighter days b.", []), ("Call the brighter days a.", [1])):
        doc = parse(MENTION + "\n" + resource + "\n", "a.md", "markdown")
        ctx = Context(doc, {**MISSING_CRISIS_RESOURCE.options, **options})
        assert [f.block.index for f in MISSING_CRISIS_RESOURCE.check(doc, ctx)] == found, resource


# --- HL703 wording --------------------------------------------------------------------------------

@pytest.mark.parametrize("before, after", [
    ("He committed suicide in 2019.", "He died by suicide in 2019."),
    ("Committed suicide is a phrase to avoid.", "Died by suicide is a phrase to avoid."),
    ("Men are more likely to commit suicide.", "Men are more likely to die by suicide."),
    ("She attempted to commit suicide twice.", "She attempted suicide twice."),
    ("After a failed suicide attempt he got help.", "After a suicide attempt he got help."),
])
def test_wording_fix(before, after):
    text = before + "\n\nCall or text 988.\n"
    out, applied, left = Linter(use_config=False, select=["HL703"]).fix_text(text, "a.md")
    assert out == after + "\n\nCall or text 988.\n" and applied == 1 and left == []


def test_wording_without_a_safe_fix_is_reported_but_not_fixed():
    findings = [f for f in lint_text("Some call it a suicide epidemic.\n\nCall 988.\n", "a.md") if f.code == "HL703"]
    assert len(findings) == 1 and findings[0].fix is None and "rising suicide rates" in findings[0].message


# --- HL704 risks ----------------------------------------------------------------------------------

PROMO = "# Calm gummies\n\nOur gummies melt stress away. These gummies work in minutes. Order today.\n"


def test_promotion_without_risks():
    assert codes(PROMO) == [(3, "HL704")]
    assert codes(PROMO + "\nThere are no side effects.\n") == [(3, "HL704")]  # a denial is not a risk
    assert codes(PROMO + "\nThey can cause stomach upset and interact with sedatives.\n") == []


# --- HL705/HL706 front matter, through config -----------------------------------------------------

def test_authorship_options(tmp_path):
    write(tmp_path, "none.md", "---\ntitle: Gout\n---\n\n# Gout\n")
    write(tmp_path, "plain.md", "---\ntitle: Gout\nauthor: Sam Lee\n---\n\n# Gout\n")
    write(tmp_path, "md.md", "---\ntitle: Gout\nreviewed_by: Maria Lopez, MD\n---\n\n# Gout\n")
    assert run_json("--select", "HL705", ".", cwd=tmp_path)[1] == []
    write(tmp_path, ".healthlint.toml", '[rules.HL705]\nrequire-author = true\n')
    assert [(d["path"], d["line"]) for d in run_json("--select", "HL705", ".", cwd=tmp_path)[1]] == [("none.md", 1)]
    write(tmp_path, ".healthlint.toml", '[rules.HL705]\nrequire-author = true\nrequire-credentials = true\n')
    data = run_json("--select", "HL705", ".", cwd=tmp_path)[1]
    assert sorted((d["path"], d["line"]) for d in data) == [("none.md", 1), ("plain.md", 3)]


def test_review_date_options(tmp_path):
    recent = (dt.date.today() - dt.timedelta(days=60)).isoformat()
    write(tmp_path, "old.md", "---\nlast_reviewed: 2015-03-01\n---\n\n# Old\n")
    write(tmp_path, "new.md", f"---\nlast_reviewed: {recent}\n---\n\n# New\n")
    write(tmp_path, "none.md", "# No date\n")
    assert run_json("--select", "HL706", ".", cwd=tmp_path)[1] == []
    write(tmp_path, ".healthlint.toml", '[rules.review-date]\nmax-age-months = 24\n')
    data = run_json("--select", "HL706", ".", cwd=tmp_path)[1]
    assert [(d["path"], d["line"]) for d in data] == [("old.md", 2)] and "months ago" in data[0]["message"]
    write(tmp_path, ".healthlint.toml", '[rules.HL706]\nmax-age-months = 24\nrequire-review-date = true\n')
    data = run_json("--select", "HL706", ".", cwd=tmp_path)[1]
    assert sorted(d["path"] for d in data) == ["none.md", "old.md"]


@pytest.mark.parametrize("text, advice", [
    ("Stop taking your blood pressure medicine when you feel better.", True),
    ("You should take a vitamin D supplement in winter.", True),
    ("Drink ginger tea every morning.", True),
    ("- Take your medicine twice a day with food.", True),
    ("Risk factors include: - Take certain medicines - Smoke.", False),
    ("Your doctor may give medicine or suggest surgery.", False),
    ("Using antibiotics when you do not need them can cause resistance.", False),
])
def test_advice_to_act_on(text, advice):
    assert codes("# Topic\n\n" + text + "\n") == ([(1, "HL701")] if advice else [])
