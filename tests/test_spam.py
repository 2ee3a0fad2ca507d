"""Spam rules (HL2xx): the scoring mechanisms, their guards, fixes and the CLI on a spammed article."""
import pytest

from helpers import ROOT, run_json
from healthlint.api import Linter, lint_text
from healthlint.checks._spamlex import delete_span_fix, is_drug, obfuscated_drug
from healthlint.checks.spam import _caps_runs, _pharmacy_score, _shouted_sale
from healthlint.config import DEFAULT
from healthlint.parse import parse


def codes(text, select, path="a.md"):
    return [f.code for f in lint_text(text, path, select=[select])]


# ---------------------------------------------------------------------------------------------
# HL201 pharmacy spam

@pytest.mark.parametrize("token, drug", [
    ("V1agra", "viagra"), ("C-i-a-l-i-s", "cialis"), ("Xan@x", "xanax"), ("v i a g r a", "viagra"),
    ("Vi\u0430gra", "viagra"),  # Cyrillic a
    ("tr@mad0l", "tramadol"),
])
def test_obfuscated_drug_names_are_decoded(token, drug):
    assert obfuscated_drug(token) == drug


@pytest.mark.parametrize("token", ["Viagra", "COVID19", "B12", "H1N1", "A1C", "Type-2"])
def test_plain_words_are_not_obfuscated_drugs(token):
    assert obfuscated_drug(token) is None


def test_drug_words_include_inn_stems_but_not_ordinary_words():
    assert is_drug("rosuvastatin") and is_drug("Xanax") and is_drug("pills")
    assert not is_drug("vitamin") and not is_drug("exercise")


def test_score_needs_several_commercial_signals():
    assert _pharmacy_score("Buy cheap Viagra online")[0] >= 3
    assert _pharmacy_score("You can buy naloxone without a prescription")[0] < 3
    assert _pharmacy_score("Some people order antibiotics online")[0] < 3
    score, _, signals = _pharmacy_score("Order Xanax online, no prescription needed")
    assert score >= 5 and "no prescription needed" in signals


@pytest.mark.parametrize("text", [
    "Sildenafil relaxes blood vessels. Buy cheap Viagra online, no prescription needed!",
    "cheapest tramadol from our canadian pharmacy, fast shipping",
    "Get V1agra here.",
])
def test_pharmacy_spam_fires(text):
    assert "HL201" in codes(text, "HL201")


@pytest.mark.parametrize("text", [
    "Your doctor may prescribe sildenafil (Viagra) for erectile dysfunction.",
    "Be careful with online pharmacies that sell cheap Viagra without a prescription.",
    "Never buy Xanax online from a site that does not ask for a prescription.",
    "Is it safe to buy Viagra online?",
    'The spam read "cheap Viagra online, no prescription needed".',
])
def test_pharmacy_spam_respects_context(text):
    assert codes(text, "HL201") == []


def test_pharmacy_threshold_is_configurable(tmp_path):
    (tmp_path / ".healthlint.toml").write_text('[rules.HL201]\nthreshold = 6\n')
    path = tmp_path / "a.md"
    path.write_text("Buy cheap Viagra online.\n")
    result = Linter(None).lint_file(str(path))
    assert [f.code for f in result.findings if f.code == "HL201"] == []
    assert codes("Buy cheap Viagra online.\n", "HL201") == ["HL201"]


def test_whole_line_spam_is_deleted_with_its_line_break():
    text = "Drink water.\n\nBuy cheap Viagra online, no prescription needed!\n\nSleep well.\n"
    fixed, applied, _ = Linter(DEFAULT, select=["HL201"]).fix_text(text, "a.md")
    assert applied == 1
    assert fixed == "Drink water.\n\n\nSleep well.\n"


def test_long_mixed_sentence_is_reported_without_a_fix():
    text = ("If you take nitrates for chest pain, order cheap pills online and the combination can lower "
            "your blood pressure dangerously when you stand up.\n")
    findings = lint_text(text, "a.md", select=["HL201"])
    assert [f.code for f in findings] == ["HL201"] and findings[0].fix is None


# ---------------------------------------------------------------------------------------------
# HL202 injected shouting

def test_caps_runs_and_sales_words():
    text = "Muscles relax BUY NOW FREE SHIPPING and the FDA agrees"
    runs = _caps_runs(text)
    assert [words for _, _, words in runs] == [["BUY", "NOW", "FREE", "SHIPPING"], ["FDA"]]
    assert _shouted_sale(["BUY", "NOW"]) and _shouted_sale(["CHEAP", "PILLS"])
    assert not _shouted_sale(["SUGAR", "FREE"]) and not _shouted_sale(["PTSD", "NMDA", "BDNF"])


@pytest.mark.parametrize("text, expected", [
    ("Magnesium helps muscles relax BUY NOW FREE SHIPPING and may ease cramps.", ["HL202"]),
    ("The FDA, NIH and CDC study PTSD, NMDA and BDNF in people with COVID-19.", []),
    ('The ad said "BUY NOW" in big letters, a classic sign of a scam.', []),
    ("BUY NOW AND SAVE", []),  # a shouted line is not an interrupted sentence
])
def test_shouting(text, expected):
    assert codes(text, "HL202") == expected


def test_shouting_fix_deletes_the_run():
    text = "Magnesium helps muscles relax BUY NOW FREE SHIPPING and may ease cramps.\n"
    fixed, applied, _ = Linter(DEFAULT, select=["HL202"]).fix_text(text, "a.md")
    assert fixed == "Magnesium helps muscles relax and may ease cramps.\n" and applied == 1


# ---------------------------------------------------------------------------------------------
# HL203 SEO anchors

@pytest.mark.parametrize("text, expected", [
    ("Drink plenty of water. best detox tea online", ["HL203"]),
    ("Fiber keeps you regular. natural fiber supplements Eat beans every day.", ["HL203"]),
    ("Find a good dentist near me and book a cleaning.", ["HL203"]),
    ("Some foods, e.g. oats and beans, are rich in fiber.", []),
    ("Compare diet vs. exercise for weight loss.", []),
    ("Use MyFitnessPal. iPhone users can use the Health app.", []),
])
def test_seo_anchor_text(text, expected):
    assert codes(text, "HL203") == expected


def test_seo_anchor_link_needs_a_sales_keyword_outside_the_grammar():
    spam = "Walking keeps your knees [buy knee braces](https://x.example) flexible.\n"
    fine = "Read about the [best ways to lower cholesterol](https://x.example) here.\n"
    assert codes(spam, "HL203") == ["HL203"]
    assert codes(fine, "HL203") == []


def test_seo_anchor_fix_only_for_verbatim_text():
    fixed, applied, _ = Linter(DEFAULT, select=["HL203"]).fix_text("Drink water. best detox tea online\n", "a.md")
    assert fixed == "Drink water.\n" and applied == 1
    doc = parse("Eat [best fiber supplements online](https://x.example) daily.\n", "a.md", "markdown")
    block = doc.blocks[0]
    link = block.links[0]
    assert delete_span_fix(block, doc.text, link.start, link.end) is None  # would leave the markup


# ---------------------------------------------------------------------------------------------
# HL204 calls to action, HL205 business plugs

@pytest.mark.parametrize("text, expected", [
    ("Book your free consultation today.", ["HL204"]),
    ("Use code HEALTH20 at checkout.", ["HL204"]),
    ("Call your doctor today if the rash spreads.", []),
    ('The advert said "order now and save", a sales pitch.', []),
])
def test_call_to_action(text, expected):
    assert codes(text, "HL204") == expected


@pytest.mark.parametrize("text, expected", [
    ("Acme Wellness offers IV vitamin therapy to boost your immune system.", ["HL205"]),
    ("At Bright Smile Dental, we whiten teeth in one visit.", ["HL205"]),
    ("BrightLife Labs Inc. now offers our premium detox supplement at a special price.", ["HL205"]),
    ("Acme Nutrition Co. provides the leading weight loss shakes.", ["HL205"]),
    ("The Mayo Clinic offers a free online course on healthy habits.", []),
    ("The National Cancer Institute provides information about clinical trials.", []),
])
def test_business_plug(text, expected):
    assert codes(text, "HL205") == expected


# ---------------------------------------------------------------------------------------------
# End to end

def test_cli_reports_every_spam_family_on_the_example_article():
    proc, findings = run_json(ROOT / "fixtures" / "articles" / "pharmacy-spam.md", "--no-config")
    assert proc.returncode == 1
    found = {f["code"] for f in findings}
    assert {"HL201", "HL202", "HL203", "HL204", "HL205", "HL301", "HL302"} <= found


def test_clean_article_stays_clean():
    proc, findings = run_json(ROOT / "fixtures" / "articles" / "clean-explainer.md", "--no-config")
    assert findings == [] and proc.returncode == 0


def test_spam_glued_after_a_sentence_is_cut_from_its_full_stop():
    text = "Smoking raises the risk of heart disease. buy viagra cialis online levitra\n\nQuit today.\n"
    findings = lint_text(text, "a.md", select=["HL201"])
    assert [(f.line, f.column) for f in findings] == [(1, 43)]
    fixed, applied, _ = Linter(DEFAULT, select=["HL201"]).fix_text(text, "a.md")
    assert fixed == "Smoking raises the risk of heart disease.\n\nQuit today.\n" and applied == 1


@pytest.mark.parametrize("text, code", [
    ("Keep a food diary to spot triggers. Click here to buy Xanax.", "HL201"),
    ("Good sleep needs a dark room. weight loss pills that work fast", "HL203"),
    ("Dr. Patel of Sunrise Health Clinic has treated thousands and now offers affordable weight loss shots.", "HL205"),
])
def test_recall_probes(text, code):
    assert code in codes(text, code)
