"""Readability (HL501-HL503): the grade formulas, the medical-term cap, thresholds and options."""
import pytest

from healthlint.api import Linter
from healthlint.checks import _textstats as ts
from helpers import run_json, write

PLAIN = (
    "High blood pressure often has no symptoms. Many people do not know they have it. "
    "Your doctor can check it with a cuff on your arm. It takes a few minutes. "
)
DRUGS = (
    "Your doctor may give you lisinopril, amlodipine, hydrochlorothiazide or metoprolol. "
    "Some people take atorvastatin or rosuvastatin too. Take them every day. "
)
HARD = (
    "Pharmacological interventions demonstrating considerable efficacy necessitate individualized "
    "consideration of concomitant circumstances influencing therapeutic adherence. "
)


def findings(text, *select, path="a.md"):
    return Linter(use_config=False, select=list(select) or None).lint_text(text, path)


def test_flesch_kincaid_and_smog_formulas():
    st = ts.Stats(words=100, sentences=5, syllables=150, polysyllables=10)
    assert st.fk_grade == pytest.approx(0.39 * 20 + 11.8 * 1.5 - 15.59)
    assert st.smog == pytest.approx(1.043 * (10 * 30 / 5) ** 0.5 + 3.1291)
    assert ts.stats(["The cat sat on the mat."]) == ts.Stats(6, 1, 6, 0)


def test_medical_terms_count_as_two_syllables_but_plain_long_words_do_not():
    assert ts.syllables("atorvastatin") == 2
    assert ts.syllables("hydrochlorothiazide") == 2
    assert ts.syllables("considerable") >= 4
    assert ts.syllables("individualized") >= 5


def test_cmu_counts_correct_hyphenation_for_common_words():
    # pyphen alone reads "area" and "idea" as one syllable and "surgery" as one.
    assert [ts.syllables(w) for w in ("area", "idea", "every", "surgery", "available", "walked")] == [3, 3, 3, 3, 4, 1]
    assert ts.syllables("follow-up") == 3
    import gzip

    from healthlint.checks._lexicon import data_path

    with gzip.open(data_path("syllables.tsv.gz"), "rt", encoding="utf-8") as f:
        assert "Carnegie Mellon" in f.readline()


def test_drug_names_do_not_decide_the_grade():
    text = "# Blood pressure\n\n" + (PLAIN + DRUGS) * 3
    st = ts.stats([PLAIN, DRUGS])
    import pyphen

    raw = pyphen.Pyphen(lang="en_US")
    uncapped = sum(len(raw.positions(w.lower())) + 1 for w in ts.words(PLAIN + DRUGS))
    assert uncapped > st.syllables  # the cap is what keeps the score down
    assert [f.code for f in findings(text, "HL5")] == []


def test_article_grade_reported_once_on_its_hardest_paragraph():
    text = "# Care\n\n" + PLAIN + "\n\n" + HARD * 3 + "\n\n" + PLAIN + "\n"
    (f,) = [f for f in findings(text) if f.code == "HL501"]
    assert f.line == 5 and "Flesch-Kincaid grade" in f.message and "SMOG" in f.message


def test_short_articles_are_not_graded():
    assert [f for f in findings("# Note\n\n" + HARD) if f.code == "HL501"] == []


def test_thresholds_are_configurable(tmp_path):
    write(tmp_path, "a.md", "# Care\n\n" + PLAIN * 4 + "\n")
    _, before = run_json("a.md", cwd=tmp_path)
    assert "HL501" not in {f["code"] for f in before}
    write(tmp_path, "pyproject.toml", "[tool.healthlint.rules.HL501]\nmax_grade = -5.0\n")
    _, after = run_json("a.md", cwd=tmp_path)
    assert "HL501" in {f["code"] for f in after}


def test_long_sentence_counts_words_and_skips_headings_and_tables():
    long = " ".join(["word"] * 40) + "."
    assert [f.code for f in findings(long + "\n", "HL502")] == ["HL502"]
    assert findings(" ".join(["word"] * 30) + ".\n", "HL502") == []
    assert findings("# " + long + "\n", "HL502") == []
    assert findings("| a |\n|---|\n| " + long + " |\n", "HL502") == []
    (f,) = findings(long + "\n", "HL502")
    assert "40 words" in f.message


def test_hard_paragraph_needs_enough_words_and_a_high_grade():
    assert [f.code for f in findings(HARD * 3, "HL503")] == ["HL503"]
    assert findings(HARD, "HL503") == []  # too short to score
    assert findings(PLAIN * 3, "HL503") == []


def test_article_grade_with_zero_thresholds_and_no_prose_is_quiet():
    from healthlint.api import Linter
    from healthlint.config import DEFAULT
    from healthlint.engine import lint_document, select_rules
    from healthlint.parse import parse

    linter = Linter(use_config=False, select=["HL501"])
    [active] = select_rules(linter.rules, DEFAULT, None, ["HL501"])
    active.options.update(min_words=0, max_grade=-1.0)
    assert lint_document(parse("# Only a heading\n", "a.md", "markdown"), [active]) == []
