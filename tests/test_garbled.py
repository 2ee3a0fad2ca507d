"""The garbled family (HL401-HL408): spinner detection and restoration, spelling with an article's own
vocabulary, grammar slips and their fixes, lazy loading. Sentences are written for these tests."""
import gzip
import subprocess
import sys

import pytest

from healthlint.api import Linter
from healthlint.checks import _grammar, _lexicon, _spelling, _spun
from helpers import ROOT, run_json, write


def lint(text, *select, path="a.md"):
    return Linter(use_config=False, select=list(select) or None).lint_text(text, path)


def codes(text, *select):
    return [f.code for f in lint(text, *select)]


# --- tortured phrases and the restoration mechanism ---------------------------------------------

def test_tortured_list_ships_with_attribution_and_without_common_pairs():
    with gzip.open(_lexicon.data_path("tortured-phrases.tsv.gz"), "rt", encoding="utf-8") as f:
        header = [next(f) for _ in range(3)]
    assert "CC BY 4.0" in "".join(header) and "Cabanac" in "".join(header)
    table = _lexicon.tortured_phrases()
    assert table[("bosom", "peril")] == "breast cancer"
    assert ("search", "engine") not in table  # a common English pair in the list, dropped by the filter
    assert ("malignant", "growth") not in table  # ordinary health English
    assert ("benign", "tumor") not in table  # an annotation, not a substitution
    assert (ROOT / "rules" / "ATTRIBUTION.md").read_text(encoding="utf-8").count("CC BY 4.0") >= 1


def test_word_pair_subset_matches_the_spun_words():
    """english-pairs.tsv.gz is built for the current spun words; rebuild it when they change."""
    from healthlint.checks._build_data import spun_digest

    with gzip.open(_lexicon.data_path("english-pairs.tsv.gz"), "rt", encoding="utf-8") as f:
        digest = next(line.split()[-1] for line in f if line.startswith("# spun-words-digest"))
    assert digest == spun_digest(_spun.reverse_synonyms()), "run: python -m healthlint.checks._build_data pairs"
    pairs = _lexicon.english_bigrams()
    assert pairs["breast cancer"] is True and pairs["prostate cancer"] is True  # very common pairs
    assert "side effects" in _lexicon.medical_phrases()
    assert "bosom peril" not in pairs


def test_mining_aligns_words_and_skips_real_terms():
    from healthlint.checks._build_data import mine_substitutions

    mined = mine_substitutions([("kidney disappointment", "kidney failure"), ("lung infection", "lung disease"),
                                ("urinary tract infection", "urinary tract infection"), ("big data", "large data set")])
    assert mined == {"disappointment": {"failure"}}  # "infection" is a real term; lengths differ for the last


def test_reverse_synonyms_are_mined_from_aligned_pairs():
    rev = _spun.reverse_synonyms()
    assert "failure" in rev["disappointment"]  # kidney disappointment / kidney failure
    assert "attack" in rev["assault"]
    # A word that is part of real terms is never treated as spun, even though the list swaps it.
    for real in ("infection", "disorder", "treatment", "tumor", "the", "wellbeing"):
        assert real not in rev


@pytest.mark.parametrize("text, intended", [
    ("Ask about screening for prostate peril.", "prostate cancer"),
    ("A panic assault can feel like a heart problem.", "panic attack"),
    ("Flu-like facet results are common.", "side effects"),
    ("A randomized managed preliminary tested it.", "randomized controlled trial"),
    ("Water lowers the chance of kidney rocks.", "kidney stones"),
])
def test_spun_terms_are_restored(text, intended):
    hits = _spun.synonym_hits(text)
    assert [h.intended for h in hits] == [intended]
    (f,) = [f for f in lint(text) if f.code == "HL402"]
    assert f"intended: '{intended}'?" in f.message


@pytest.mark.parametrize("text", [
    "Common side effects include nausea.",
    "The test results came back normal.",
    "A skin infection may need antibiotics.",
    "Talk therapy supports mental wellbeing.",
    "Breathing difficulties at night can be a sign of heart failure.",
    "Chest pain that spreads to the arm needs urgent care.",
    "The study had a well managed design and a long follow-up.",
    "Lung infections and autoimmune disorders are treated differently.",
])
def test_established_wording_is_left_alone(text):
    assert _spun.synonym_hits(text, _spun.tortured_hits(text)) == []
    assert [c for c in codes(text) if c.startswith("HL40") and c in ("HL401", "HL402", "HL403")] == []


def test_a_phrase_never_spans_punctuation():
    assert _spun.synonym_hits("It felt like a panic. Assault charges followed.") == []


def test_long_tortured_phrases_match():
    text = "We fit a counterfeit neural system nonlinear autoregressive moving normal to the data."
    [found] = lint(text, "HL401")
    assert "'counterfeit neural system nonlinear autoregressive moving normal'" in found.message
    assert max(map(len, _lexicon.tortured_phrases())) > 6  # the list holds phrases of up to ten words


@pytest.mark.parametrize("text", ["The detainee\u2019s difficulty is a game.", "The detainee's difficulty is a game."])
def test_tortured_phrases_match_either_apostrophe(text):
    [found] = lint(text, "HL401")
    assert "intended: 'prisoner's dilemma'" in found.message


def test_quoted_mentions_are_not_uses():
    assert "HL401" not in codes('Spinners write "bosom peril" for breast cancer.')
    assert "HL401" in codes("Spinners write bosom peril for breast cancer.")


def test_tortured_fix_keeps_capitals_and_restores_the_term():
    fixed, applied, _ = Linter(use_config=False, select=["HL401"]).fix_text("Kidney disappointment is serious.\n", "a.md")
    assert fixed == "Kidney failure is serious.\n" and applied == 1


def test_spun_article_verdict_once_with_count_and_configurable_threshold(tmp_path):
    text = ("# Notes\n\nBosom peril is common. Facet results vary.\n\n"
            "A heart assault needs care. Kidney disappointment is rare.\n")
    found = [f for f in lint(text) if f.code == "HL403"]
    assert len(found) == 1 and "4 tortured or synonym-swapped phrases" in found[0].message
    assert found[0].line == 3
    write(tmp_path, "pyproject.toml", "[tool.healthlint.rules.HL403]\nmin_signals = 5\n")
    write(tmp_path, "a.md", text)
    proc, findings = run_json("a.md", cwd=tmp_path)
    assert "HL403" not in {f["code"] for f in findings}
    assert "HL401" in {f["code"] for f in findings}


def test_a_few_signals_in_a_long_article_are_not_a_verdict():
    filler = "Walking every day keeps the heart strong and the mind clear. " * 200
    text = f"Bosom peril is common. Facet results vary. A heart assault needs care.\n\n{filler}\n"
    assert "HL401" in codes(text) and "HL403" not in codes(text)


def test_one_or_two_signals_are_not_an_article_verdict():
    assert "HL403" not in codes("Bosom peril is common. Facet results vary. Everything else is fine.")


# --- spelling -------------------------------------------------------------------------------------

def typos(text):
    return [(t.word, t.suggestions) for t in _spelling.find_typos(text, _spelling.article_vocabulary([text]))]


def test_typos_get_suggestions():
    assert typos("Common symtoms include fever.") == [("symtoms", ("symptoms",))]
    assert typos("Check your blood presure.")[0][1][0] == "pressure"


def test_article_vocabulary_learns_consistent_rare_words_and_flags_one_off_near_misses():
    text = ("Ashwagandha is an herb. Some people take ashwagandha for sleep. "
            "Ask before you take ashwaganda with thyroid medicine.")
    assert typos(text) == [("ashwaganda", ("ashwagandha",))]
    assert typos("Some people take ashwagandha for sleep.") == []  # unknown, but no near neighbour: left alone


@pytest.mark.parametrize("text", [
    "Metformin, lisinopril, metoprolol and atorvastatin are common.",
    "Nephrectomy, appendicitis and gastroparesis are medical words.",
    "Adalimumab and zilebesiran are injected.",  # -mab suffix; an unknown new drug with no near neighbour
    "Dr. Okonkwo treats IBS and GERD with FODMAP advice.",
    "See example.com/symtoms or run `symtoms` for details.",
    "Take 20mg twice daily; the 2nd dose is at 8pm.",
    "The hippocampus, amygdala and hypothalamus work together.",
])
def test_medical_names_acronyms_and_non_words_are_not_typos(text):
    assert "HL404" not in codes(text)


def test_latin_and_foreign_terms_are_not_typos():
    # Context, not a list: a genus initial, or a neighbour that English and the medical list do not know.
    assert "pedis" not in _lexicon.medical_words()
    assert typos("The pedis is sore.")[0][0] == "pedis"  # alone it looks like a typo
    assert typos("Tinea pedis is athlete's foot.") == []  # after a word no list knows: a Latin term
    assert typos("Infection with S. pedis is rare.") == []  # after a genus initial
    assert typos("Parasites cause toxo (toxoplasmosis) in some people.") == []  # a short form defined on the spot
    assert typos("Please recieve metformin daily.")[0][0] == "recieve"  # a listed drug is a known neighbour


def test_british_spellings_are_not_typos():
    text = ("The paediatric centre measured haemoglobin and oestrogen; colour and behaviour changed after "
            "the programme, so they organised a randomised trial of fibre.")
    assert typos(text) == []
    assert typos("Common symtoms of anaemia include fatige.") == [("symtoms", ("symptoms",)), ("fatige", ("fatigue",))]


def test_spelling_fix_only_with_one_suggestion():
    fixed, applied, _ = Linter(use_config=False, select=["HL404"]).fix_text("Common symtoms include fever.\n", "a.md")
    assert fixed == "Common symptoms include fever.\n"
    (f,) = lint("Check your blood presure daily.", "HL404")
    assert f.fix is None and "'pressure' or 'presume'" in f.message


# --- grammar --------------------------------------------------------------------------------------

@pytest.mark.parametrize("code, text, fixed", [
    ("HL405", "Take the the tablet.", "Take the tablet."),
    ("HL405", "Call us if if it spreads.", "Call us if it spreads."),
    ("HL406", "Each drug has it's own risks.", "Each drug has its own risks."),
    ("HL406", "You should of asked.", "You should have asked."),
    ("HL406", "Its not contagious.", "It's not contagious."),
    ("HL406", "It works better then placebo.", "It works better than placebo."),
    ("HL407", "These treatment can help.", "These treatments can help."),
    ("HL407", "An patient should rest.", "A patient should rest."),
    ("HL407", "Eat a apple a day.", "Eat an apple a day."),
    ("HL408", "A number patients stop.", "A number of patients stop."),
    ("HL408", "Most the side effects fade.", "Most of the side effects fade."),
])
def test_grammar_slips_are_found_and_fixed(code, text, fixed):
    assert code in codes(text, code)
    result, applied, left = Linter(use_config=False, select=[code]).fix_text(text + "\n", "a.txt")
    assert result == fixed + "\n" and applied >= 1 and left == []


@pytest.mark.parametrize("code, text", [
    ("HL407", "Doctors recommends rest."),
    ("HL407", "The study show a benefit."),
    ("HL407", "Ask for a medications review."),
    ("HL407", "Each patients gets a plan."),
])
def test_agreement_without_a_confident_fix(code, text):
    (f,) = lint(text, code)
    assert f.fix is None


@pytest.mark.parametrize("text", [
    "She had had the cough for weeks.",
    "He said that that was hard.",
    "It's important to rest. It's own-brand ibuprofen. The drug and its common side effects.",
    "You could, of course, ask again. You could of course ask again.",
    "Rest first, then walk more each day.",
    "These treatment options help. The number of patients has grown.",
    "This causes scarring. This results in pain.",
    "Treatment for children is different. Help your child have healthy teeth.",
    "Hepatitis a and b differ. Take vitamin A supplements. An hour of walking helps. A union formed.",
    "Some of the tablets are large. All the tablets are large. It gives some the chance to rest.",
    "Lymphoma. Lymphoma is a cancer.",
    "The cause of heart disease in both men and women is narrowing of the arteries.",
    "Both parent and child must agree. A results-based plan helps.",
    "We ask that each patient have a driver. It is a third the size of a grape. I was none the wiser.",
    "Write down a number the doctor gave you.",
])
def test_grammatical_sentences_stay_clean(text):
    assert [c for c in codes(text) if c in ("HL405", "HL406", "HL407", "HL408")] == []


def test_grammar_finders_return_spans_inside_the_sentence():
    text = "Doctors recommends a medications review."
    for slip in _grammar.agreement(text):
        assert 0 <= slip.start < slip.end <= len(text)


# --- laziness and precision guard -----------------------------------------------------------------

def test_word_lists_load_only_when_their_rules_run(tmp_path):
    code = (
        "import sys; from healthlint.api import Linter;"
        "Linter(use_config=False, select=['HL1']).lint_text('Bosom peril. Symtoms.', 'a.md');"
        "print(any(m in sys.modules for m in ('healthlint.checks._spun', 'healthlint.checks._spelling',"
        " 'healthlint.checks._textstats', 'pyphen')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path,
                         env={"PYTHONPATH": str(ROOT)})
    assert out.stdout.strip() == "False", out.stderr


def test_clean_explainer_article_has_no_garbled_findings():
    result = Linter(use_config=False).lint_file(str(ROOT / "fixtures" / "articles" / "clean-explainer.md"))
    assert result.error is None
    assert [f for f in result.findings if f.category in ("garbled", "readability")] == []


def test_spun_example_article_gets_the_verdict_and_restorations():
    result = Linter(use_config=False).lint_file(str(ROOT / "fixtures" / "articles" / "spun-diabetes.md"))
    found = {f.code for f in result.findings}
    assert {"HL401", "HL402", "HL403"} <= found
    verdicts = [f for f in result.findings if f.code == "HL403"]
    assert len(verdicts) == 1
    intended = {f.message.split("intended: '")[1].split("'")[0] for f in result.findings if "intended: '" in f.message}
    assert {"type 2 diabetes", "side effects", "risk factors", "family history", "randomized controlled trial"} <= intended
