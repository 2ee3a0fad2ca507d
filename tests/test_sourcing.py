"""Sourcing (HL6xx): the number classifier, citation strength, and the rules' options end to end."""
import pytest

from helpers import run, run_json, write
from healthlint.api import lint_text
from healthlint.checks._citations import NONE, STRONG, WEAK, citation_strength
from healthlint.checks._numbers import STATISTIC_KINDS, number_mentions


def first_kind(sentence, **kw):
    mentions = number_mentions(sentence, **kw)
    assert mentions, f"no number found in {sentence!r}"
    return mentions[0].kind, sentence[mentions[0].start:mentions[0].end]


@pytest.mark.parametrize("sentence, kind, text", [
    ("70% of patients improved after surgery.", "success-rate", "70%"),
    ("Smoking raises your risk of a stroke by 50 percent.", "risk", "50 percent"),
    ("Between 5% and 20% of people get the flu each year.", "percent", "5%"),
    ("About one in four adults has high blood pressure.", "proportion", "one in four"),
    ("A third of patients stop the drug within a year.", "proportion", "A third"),
    ("Nearly half of all women will break a bone.", "proportion", "Nearly half"),
    ("The program costs $300 a month.", "money", "$300"),
    ("Acne affects 50 million Americans.", "count-of-people", "50 million Americans"),
    ("More than 3,000 people die of the disease.", "count-of-people", "3,000 people"),
    ("The injection gives relief that lasts 8 weeks.", "duration-of-effect", "8 weeks"),
    ("Men are three times more likely to get gout.", "relative-risk", "three times more likely"),
    ("Risk is twofold higher in smokers.", "relative-risk", "twofold higher"),  # once missed: no digit, no number word
    ("Step 2: rinse the area with water.", "label", "2"),
    ("Q3: can children take it?", "label", None),
    ("The vaccine was licensed in 1995.", "date", "1995"),
    ("Take it at 8 p.m. with food.", "time", "8 p.m."),
    ("Call 1-800-222-1222 for poison help.", "phone", "1-800-222-1222"),
    ("Adults 65 and older should get the vaccine.", "age", "65"),
    ("Children aged 6 need two doses.", "age", "6"),
    ("Take 200 mg every 6 hours.", "dose", "200"),
    ("A normal A1C level is below 5.7 percent.", "range-quiet", "5.7 percent"),
    ("Prediabetes is between 5.7 and 6.4 percent.", "count", "5.7"),
    ("Prediabetes is above 6.4 percent.", "range-quiet", "6.4 percent"),
    ("Fat should be no more than 30 percent of your daily calories.", "range-quiet", "30 percent"),
    ("Aim to get 30 percent protein in your daily diet.", "instruction", "30 percent"),
    ("Use a 1% hydrocortisone cream.", "dose", "1%"),
    ("Nearly 99 percent of the body's calcium is in the bones.", "share", "99 percent"),
    ("Book now and get 20% off.", "discount", "20%"),
    ("A cold usually lasts 10 days.", "duration", "10"),
    ("There are three stages of the disease.", "count", "three"),
    ("The X200 model is quieter.", "count", None),
    ("Weigh yourself at 70 kg or less.", "measure", "70"),
])
def test_number_kinds(sentence, kind, text):
    if text is None:  # no number at all: "X200", "Q3" are names, not quantities
        assert number_mentions(sentence) == ()
        return
    assert first_kind(sentence) == (kind, text)


def test_only_statistic_kinds_are_statistics():
    assert "range-quiet" not in STATISTIC_KINDS and "dose" not in STATISTIC_KINDS
    assert {"percent", "proportion", "money", "count-of-people", "duration-of-effect"} <= set(STATISTIC_KINDS)


def test_reference_ranges_are_a_kind_of_their_own_when_asked_for():
    assert first_kind("A normal A1C level is below 5.7 percent.", reference_ranges=True)[0] == "range"


@pytest.mark.parametrize("text, strength", [
    ("Half of adults have it [3].", STRONG),
    ("Half of adults have it (Smith et al., 2021).", STRONG),
    ("Half of adults have it (Nguyen, 2019).", STRONG),
    ("Half of adults have it, according to the CDC's 2023 survey.", STRONG),
    ("The CDC estimates that half of adults have it.", STRONG),
    ("A 2021 systematic review found a modest benefit.", STRONG),
    ("See doi:10.1000/182 for the data.", STRONG),
    ("Half of adults have it.[^1]", STRONG),
    ("A study published in the Journal of Nutrition found it.", WEAK),
    ("A Lancet study found it.", WEAK),
    ("Published in the Lancet, the study found it.", WEAK),  # a capital at the start of a sentence
    ("A study in JAMA found it.", WEAK),
    ("A study in jama found it.", NONE),  # the journal's name keeps its case
    ("Half of adults have it.", NONE),
    ("Studies show that half of adults have it.", NONE),
    ("The journal is on my desk.", NONE),
])
def test_citation_strength(text, strength):
    assert citation_strength(text, 0, len(text)) == strength


def codes(text, path="a.md", **kw):
    return [(f.line, f.code) for f in lint_text(text, path, **kw) if f.code.startswith("HL6")]


def test_one_finding_per_sentence_pointing_at_the_first_statistic():
    findings = [f for f in lint_text("Nine out of ten users saw results, and 70% would buy it again.\n", "a.md")
                if f.code == "HL601"]
    assert len(findings) == 1 and findings[0].column == 1 and "Nine out of ten" in findings[0].message


def test_a_link_in_the_sentence_or_next_to_it_is_a_source():
    assert codes("About 38 million Americans have diabetes ([CDC](https://www.cdc.gov)).\n") == []
    assert codes("See https://www.cdc.gov/diabetes for data. About 38 million Americans have diabetes.\n") == []
    assert codes("About 38 million Americans have diabetes.\n\nSee [the CDC](https://www.cdc.gov).\n") == [(1, "HL601")]


def test_a_weak_citation_excuses_only_its_own_sentence():
    text = "A study published in the Journal of Nutrition found it works. It costs $40 a month.\n"
    assert sorted(codes(text)) == [(1, "HL601"), (1, "HL603")]


def test_html_and_text_formats():
    html = "<html><body><h1>70% of diets fail</h1><p>Nine out of ten users saw results.</p></body></html>\n"
    assert codes(html, "a.html") == [(1, "HL601")]
    assert codes("Title\n\nStudies show that fasting works.\n", "a.txt") == [(3, "HL602")]


def test_vague_attribution_guards():
    assert codes("No studies show that vaccines cause autism.\n") == []
    assert codes("Do studies show that fish oil helps?\n") == []
    assert codes("Studies show that exercise lowers blood pressure [2].\n") == []
    assert codes("Experts agree that everyone should stretch.\n") == [(1, "HL602")]


WELL_EDITED = """# Type 2 diabetes

Type 2 diabetes is a disease in which blood sugar stays too high. A normal fasting blood sugar is below
100 mg/dL. Adults 45 and older should get tested every 3 years.

1. Check your blood sugar before breakfast.
2. Take metformin with your evening meal.

Call 911 if you feel confused or faint. Most people take 2 or 3 medicines. The disease was first
described in 1936. Symptoms can develop over several years.
"""


def test_well_edited_text_with_many_numbers_is_quiet():
    assert codes(WELL_EDITED) == []


# --- options, through a real config file ---------------------------------------------------------

RANGE_TEXT = "A normal A1C level is below 5.7 percent.\n\nThe kit costs $30. About one in four adults has it.\n"


def test_reference_ranges_option(tmp_path):
    write(tmp_path, "a.md", RANGE_TEXT)
    _, quiet = run_json("a.md", "--select", "HL601", cwd=tmp_path)
    assert [d["line"] for d in quiet] == [3, 3]
    write(tmp_path, ".healthlint.toml", '[rules.HL601]\nreference-ranges = true\n')
    _, loud = run_json("a.md", "--select", "HL601", cwd=tmp_path)
    assert [d["line"] for d in loud] == [1, 3, 3] and "reference range" in loud[0]["message"]


def test_kinds_option_chooses_what_is_reported(tmp_path):
    write(tmp_path, "a.md", RANGE_TEXT)
    write(tmp_path, "pyproject.toml", '[tool.healthlint.rules.unsourced-statistic]\nkinds = ["money"]\n')
    _, data = run_json("a.md", "--select", "HL601", cwd=tmp_path)
    assert [(d["line"], d["column"]) for d in data] == [(3, 15)] and "cost" in data[0]["message"]


def test_adjacent_sentences_option(tmp_path):
    write(tmp_path, "a.md", "The CDC estimates this every year. About 38 million Americans have diabetes.\n")
    assert run_json("a.md", "--select", "HL601", cwd=tmp_path)[1] == []
    write(tmp_path, ".healthlint.toml", '[rules.HL601]\nadjacent-sentences = 0\n')
    assert len(run_json("a.md", "--select", "HL601", cwd=tmp_path)[1]) == 1


def test_bad_option_type_is_a_config_error(tmp_path):
    write(tmp_path, "a.md", "Hello.\n")
    write(tmp_path, ".healthlint.toml", '[rules.HL601]\nreference-ranges = "yes"\n')
    proc = run("check", "a.md", cwd=tmp_path)
    assert proc.returncode == 2 and "reference-ranges" in proc.stderr


def test_context_window_does_not_cut_a_word():
    # 80 characters after "8" end inside "weekends": read as "week", a time unit, it made a duration of effect.
    assert first_kind("Relief lasts 8" + " " * 76 + "weekends with friends.")[0] == "count"
    assert first_kind("Relief lasts 8" + " " * 75 + "weeks.")[0] == "duration-of-effect"  # a whole word still counts
    # 80 characters before "3,000" start inside "Stages": read as "ages", an age.
    assert first_kind("Stages" + " " * 76 + "3,000 people died.")[0] == "count-of-people"


def test_a_weak_citation_can_open_a_sentence():
    assert codes("A study in JAMA found that green tea burns fat.\n") == [(1, "HL603")]
