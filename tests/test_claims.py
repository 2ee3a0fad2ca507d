"""The claims family (HL101-HL107): context guards in both directions, and each rule over tricky
sentences, including real NIH MedlinePlus sentences that must stay clean."""
import time
from pathlib import Path

import pytest

from healthlint.checks.base import Context
from healthlint.checks.guards import GUARDS
from healthlint.checks.packs import load_pack
from healthlint.document import Block, Document

ROOT = Path(__file__).resolve().parents[1]
RULES = {r.code: r for r in load_pack(ROOT / "rules" / "claims.toml")}


class Unit:
    """What a PatternRule needs from its unit: the text."""

    def __init__(self, text):
        self.text = text


def codes(text):
    return sorted({code for code, rule in RULES.items() for _ in rule.check(Unit(text), None)})


def spans(code, text):
    return [text[f.start:f.end] for f in RULES[code].check(Unit(text), None)]


def guard(name, text, phrase):
    """Run guard `name` on the first occurrence of `phrase` in `text`."""
    start = text.index(phrase)
    return GUARDS[name](text, start, start + len(phrase))


# ---------------------------------------------------------------------------------------------
# Guards, both directions

GUARD_CASES = [
    # (guard, text, phrase, expected)
    ("negated", "There is no cure for lupus.", "cure", True),
    ("negated", "Garlic does not cure high blood pressure.", "cure high", True),
    ("negated", "No supplement can cure diabetes.", "can cure diabetes", True),
    ("negated", "Antibiotics can't cure a cold.", "cure a cold", True),
    ("negated", "Nothing on the market cures arthritis.", "cures arthritis", True),
    ("negated", "It is false that vaccines are 100% effective.", "100% effective", True),
    ("negated", "Miracle cures do not exist.", "Miracle cures", True),
    ("negated", "Turmeric cures arthritis.", "cures arthritis", False),
    ("negated", "It not only cures acne, it also cures eczema.", "cures acne", False),
    ("negated", "There's no doubt it cures arthritis.", "cures arthritis", False),
    ("negated", "Don't wait: this tea cures diabetes.", "cures diabetes", False),
    ("negated", "Don't miss this tea that cures diabetes.", "cures diabetes", False),
    ("negated", "It works without any side effects.", "without any side effects", False),
    ("negated", "It is not expensive, and it cures arthritis.", "cures arthritis", False),
    ("negated", "There is no treatment that reverses Parkinson's disease.", "reverses Parkinson's disease", True),
    ("negated", "Nothing that you buy in a shop cures arthritis.", "cures arthritis", True),
    ("negated", "It's no secret that this tea cures arthritis.", "cures arthritis", False),
    ("without", "Sold without being proven to work, it was withdrawn.", "proven to work", True),
    ("without", "The lack of clinically proven benefits is striking.", "clinically proven", True),
    ("without", "It is clinically proven.", "clinically proven", False),
    ("question", "Does turmeric cure arthritis?", "cure arthritis", True),
    ("question", "Can apple cider vinegar cure diabetes", "cure diabetes", True),
    ("question", "Turmeric: can it cure arthritis", "cure arthritis", True),
    ("question", "Ask your pharmacist whether it is completely safe for you.", "completely safe", True),
    ("question", "Turmeric cures arthritis.", "cures arthritis", False),
    ("question", "Turmeric cures arthritis. Does it help gout?", "cures arthritis", False),
    ("quoted", "Labels that say \u201cclinically proven\u201d mean little.", "clinically proven", True),
    ("quoted", 'Labels that say "clinically proven" mean little.', "clinically proven", True),
    ("quoted", "Labels that say 'clinically proven' mean little.", "clinically proven", True),
    ("quoted", "The only way to \u2018cure\u2019 it is to deliver the baby.", "cure", True),
    ("quoted", "A documentary called Miracle Cure tells the story.", "Miracle Cure", True),
    ("quoted", "This formula is clinically proven.", "clinically proven", False),
    ("quoted", "It doesn't matter: it's clinically proven, isn't it.", "clinically proven", False),
    ("quoted", "\u201cThis tea cured my arthritis!\u201d \u2013 Linda, 58", "cured my arthritis", False),
    ("hedged", "Curcumin may ease arthritis and could cure it.", "cure it", True),
    ("hedged", "Some studies suggest it reverses prediabetes.", "reverses prediabetes", True),
    ("hedged", "Fish oil appears to protect against heart disease.", "protect against", True),
    ("hedged", "The goal of research is a cure for type 1.", "a cure", True),
    ("hedged", "Fish oil cures heart disease.", "cures heart disease", False),
    ("hedged", "It may help digestion, but it cures nothing.", "cures nothing", False),
    ("reported", "Be wary of products that claim to cure cancer.", "cure cancer", True),
    ("reported", "The so-called miracle cure turned out to be sugar.", "miracle cure", True),
    ("reported", "Beware of any product promising a miracle cure.", "miracle cure", True),
    ("reported", "There is no evidence that vitamin C cures colds.", "cures colds", True),
    ("reported", "Miracle cures and secret formulas are red flags.", "Miracle cures", True),
    ("reported", "It is a breakthrough, researchers said.", "breakthrough", True),
    ("reported", "Red flags such as:   - Miracle cure    - Quick fix", "Quick fix", True),
    ("reported", "Vitamin C cures colds.", "cures colds", False),
    ("reported", "Click below to claim your risk-free bottle.", "risk-free", False),
    ("reported", "Features:   - Clinically proven    - No side effects", "No side effects", False),
    ("conditional", "If it has not spread, surgery can cure the cancer.", "can cure the cancer", True),
    ("conditional", "Antibiotics often cure anthrax if diagnosed early.", "cure anthrax", True),
    ("conditional", "In most cases, Hodgkin disease can be cured.", "can be cured", True),
    ("conditional", "Medicine can cure some disorders.", "can cure some disorders", True),
    ("conditional", "If you suffer from arthritis, this tea cures it.", "cures it", False),
    ("conditional", "This tea cures diabetes in a few weeks.", "cures diabetes", False),
    ("quantified", "Most people have no side effects.", "no side effects", True),
    ("quantified", "It usually has no side effects.", "no side effects", True),
    ("quantified", "When used as directed, it is completely safe.", "completely safe", False),
    ("quantified", "It is the most effective natural remedy.", "natural remedy", False),
    ("medical", "Antibiotics will cure the infection.", "will cure the infection", True),
    ("medical", "Hepatitis C can be cured with antiviral medicines.", "can be cured", True),
    ("medical", "Washing your hands prevents colds.", "prevents colds", True),
    ("medical", "Our herbal medicine cures diabetes.", "cures diabetes", False),
    ("medical", "This drug is a miracle cure.", "miracle cure", False),
    ("medical", "Condoms give 100% protection.", "100% protection", False),
    ("medical", "Hormone therapy reverses vaginal atrophy.", "reverses vaginal atrophy", True),
    ("medical", "Treatment can cure most cases.", "can cure most cases", True),
    ("medical", "Statins prevent heart attacks.", "prevent heart attacks", True),
    ("medical", "Your immune system fights germs and prevents illness.", "prevents illness", True),
    ("medical", "Our clinic's stem cell therapy reverses Parkinson's disease.", "reverses Parkinson's disease", False),
    ("medical", "Ozone therapy heals Lyme disease.", "heals Lyme disease", False),
    ("medical", "Our formula strengthens your immune system and prevents cancer.", "prevents cancer", False),
    ("medical", "Antibiotics eliminate the infection for good.", "eliminate the infection for good", False),
    ("relative", "CBT is one of the most effective treatments for insomnia.", "the most effective treatments", True),
    ("relative", "The best supplement for you depends on your diet.", "The best supplement", True),
    ("relative", "This is the best natural remedy for anxiety.", "the best natural remedy", False),
    ("relative", "For many people, a combination is the best treatment for migraine.", "the best treatment", True),
    ("benign", "These spots are completely harmless.", "completely harmless", True),
    ("benign", "This herbal cleanse is completely harmless.", "completely harmless", False),
    ("cited", "It had no side effects in a 2019 trial of 400 adults.", "no side effects", True),
    ("cited", "It is clinically proven (Smith et al., 2020).", "clinically proven", True),
    ("cited", "It is clinically proven [3].", "clinically proven", True),
    ("cited", "Studies show it is clinically proven.", "clinically proven", False),
]


@pytest.mark.parametrize("name,text,phrase,expected", GUARD_CASES, ids=lambda v: v if isinstance(v, str) and len(v) < 14 else None)
def test_guard(name, text, phrase, expected):
    assert guard(name, text, phrase) is expected, f"{name} on {phrase!r} in {text!r}"


def test_every_guard_is_tested_both_ways():
    for name in GUARDS:
        seen = {exp for g, _, _, exp in GUARD_CASES if g == name}
        assert seen == {True, False}, f"guard {name} lacks a {'positive' if True not in seen else 'negative'} test"


def test_reported_list_item_block_uses_the_introduction():
    """A Markdown list is one block per item: the guard looks back to the paragraph introducing it."""
    intro = "To protect yourself, learn the red flags of health fraud:"
    blocks = []
    for i, (kind, text) in enumerate([("paragraph", intro), ("list_item", "Miracle cure"),
                                      ("list_item", "Secret ingredient"), ("paragraph", "Why buy from us:"),
                                      ("list_item", "Clinically proven")]):
        blocks.append(Block(kind, text, (), (), i))
    doc = Document("x.md", "markdown", "", tuple(blocks))
    ctx = Context(doc)
    reported = GUARDS["reported"]
    assert reported("Secret ingredient", 0, 17, unit=blocks[2], ctx=ctx)
    assert not reported("Clinically proven", 0, 17, unit=blocks[4], ctx=ctx)  # a sales list, not a warning
    assert not reported("Miracle cure", 0, 12)  # without the context it cannot know


def test_guards_are_bounded_on_long_and_hostile_text():
    hostile = [
        "a " * 60000 + "cures arthritis",
        "\u201c" * 20000 + " miracle cure " + "'" * 20000,
        ("no, " * 5000) + "completely safe " + ("? " * 5000),
        " ".join(["This tea cures diabetes, it is completely safe and clinically proven."] * 3000),
    ]
    t = time.process_time()  # CPU time: a loaded machine does not make linear guards fail
    for text in hostile:
        for rule in RULES.values():
            list(rule.check(Unit(text), None))
    assert time.process_time() - t < 10


def test_every_pattern_starts_at_a_word_boundary():
    """The regex engine tries a rule only at word boundaries when every alternative begins with \\b;
    one pattern that starts otherwise (a lookbehind, a "#") makes it try the whole rule at every
    character, which doubled the cost of HL101 and HL102 on the NIH corpus."""
    import tomllib

    data = tomllib.loads((ROOT / "rules" / "claims.toml").read_text(encoding="utf-8"))
    for spec in data["rule"]:
        for pattern in spec["patterns"]:
            assert pattern.startswith("(?x: \\b"), f"{spec['code']}: {pattern[:60]!r}"


# ---------------------------------------------------------------------------------------------
# Rules over tricky sentences

NIH_CLEAN = [  # real MedlinePlus sentences (NIH), which must stay clean
    "There is no cure.",
    "Antibiotics often cure anthrax if it is diagnosed early.",
    "They can also cause infections that certain antibiotics cannot cure.",
    "But for some people, it is the best hope for a cure or a longer life.",
    "Childhood cancers can occur suddenly, without early symptoms, and have a high rate of cure.",
    "If they haven't spread to other parts of the body, surgery can cure the cancer.",
    "Treatment often cures childhood leukemia.",
    "Antibiotics will cure the infection.",
    "Antibiotics can cure most cases of Lyme disease.",
    "In most cases, Hodgkin disease can be cured.",
    "The only way to \"cure\" preeclampsia is to deliver the baby.",
    "Vaccines can protect against several types of HPV, including some that can cause cancer.",
    "Getting enough folic acid, a type of B vitamin, before and during pregnancy prevents most neural tube defects.",
    "Vitamin A prevents night blindness.",
    "Sterilization, which permanently prevents a woman from getting pregnant",
    "During chemotherapy you may have no side effects or just a few.",
    "Most spider bites are harmless.",
    "The only way to be completely safe is not to have sex.",
    "Statins are relatively safe for most people.",
    "If you have questions about whether caffeine is safe for you, talk with your health care provider.",
    "Summary : Health fraud involves selling drugs, devices, foods, or cosmetics that have not been proven effective.",
    "Although there are no guarantees of safety during a flood, you can take actions to protect yourself.",
    "Some are guaranteed by federal law, such as the right to get a copy of your medical records.",
    "No single treatment works for everyone.",
    "To protect yourself, recognize the red flags such as:       - Miracle cure    - Quick fix    - Ancient remedy"
    "    - Secret ingredient    - Scientific breakthrough       Before taking an unproven or little known treatment,"
    " talk to a doctor.",
    "The best way to prevent the flu is to get vaccinated every year.",
    "The best treatment for PKU is a diet of low-protein foods.",
    "The most powerful pain relievers are narcotics.",
    "Hand washing is one of the most effective and most overlooked ways to stop disease.",
    "In vitro fertilization (IVF) is the most common and effective type of ART.",
    "Vaccines work best when they are given at certain ages.",
    "Summary : Medicines cure infectious diseases, prevent problems from chronic diseases, and ease pain.",
    "Cosmetics that treat or prevent diseases are also drugs.",
    "Doctors use medicines, Botox injections, surgery, physical therapy, and other treatments to reduce or eliminate"
    " muscle spasms and pain.",
    "Losing weight - at least 5 to 10 percent of your starting weight - can prevent or delay diabetes or even reverse"
    " prediabetes.",
    "In the U.S., there are four combination vaccines:       - DTaP prevents all three diseases.",
    "Heat kills germs.",
    "Often, two or more medicines work better than one.",
    "If you have a cold or the flu, antihistamines may work better than non-prescription cough medicines.",
    "Platelets help wounds heal and prevent bleeding by forming blood clots.",
]

OTHER_CLEAN = [
    "Does turmeric cure arthritis? The evidence is weak.",
    "No supplement can cure diabetes.",
    "Hepatitis C can now be cured with eight to twelve weeks of antiviral tablets.",
    "Be wary of websites that claim a herb cures cancer.",
    "Vaccines can prevent measles.",
    "To prevent the flu, wash your hands often.",
    "A diet rich in vegetables may help prevent heart disease.",
    "The implant is designed to prevent pregnancy for up to three years.",
    "Use long-term control medicines to prevent symptoms.",
    "The HPV vaccine prevents cervical cancer.",
    "St John's wort is not safe if you take the pill.",
    "Natural does not mean safe.",
    "Try it risk-free for 30 days.",
    "These symptoms are completely harmless and go away on their own.",
    "There is no proven way to prevent it.",
    "Be skeptical of supplements labelled \"clinically proven\".",
    "Smoking is undoubtedly harmful.",
    "There is no magic bullet for weight loss.",
    "Breakthrough bleeding is common in the first months on the pill.",
    "The drug received Breakthrough Therapy designation from the FDA.",
    "The discovery of insulin was a major breakthrough.",
    "A diagnosis of diabetes can be life-changing.",
    "Your doctor will help you find the treatment that's best for you.",
    "The most common type is squamous cell carcinoma.",
    "CBT is one of the most effective treatments for insomnia.",
    "Prevention is the best cure.",
    "The nurses on the ward were amazing.",
    "She made an amazing recovery after surgery.",
    # the recall round's boundaries: conventional subjects, purposes, physiology, relative forms
    "Antibiotics will cure the infection.",
    "If they haven't spread, surgery can cure the cancer.",
    "Treatment can cure most cases.",
    "Hepatitis C can be cured with antiviral medicines.",
    "Hormone therapy reverses vaginal atrophy.",
    "There is no treatment that reverses Parkinson's disease.",
    "Quit smoking for good.",
    "Eat well for good health.",
    "Iron supplements reverse iron deficiency anemia.",
    "Not smoking can prevent lung symptoms.",
    "Eat more fibre to stay regular and prevent constipation.",
    "Tips to stay active and prevent falls.",
    "Anticoagulants prevent strokes in people with atrial fibrillation.",
    "Tamoxifen prevents breast cancer from coming back.",
    "Your immune system fights germs and prevents illness.",
    "Colonoscopies find polyps and prevent colorectal cancer.",
    "The best treatment for you depends on your symptoms.",
    "It is one of the best treatments for depression.",
    "Rest is the best treatment for a mild sprain.",
    "For many people, a combination of medicines is the best treatment for migraine.",
    "Stents work better than medicines alone during a heart attack.",
    "Immunotherapy works better than chemotherapy for some lung cancers.",
    "Acetaminophen is safer than aspirin for children.",
    "Cooking chicken thoroughly kills all harmful bacteria.",
    "Bleach kills 99.9% of germs on hard surfaces.",
    "Hand sanitizers do not kill all germs.",
    "Doctors hate to see patients skip their vaccines.",
    "Your doctor will tell you what to expect.",
    "Let the ice chip melt away slowly on your tongue.",
    "The liver detoxifies your blood.",
    "Your kidneys filter and cleanse your blood.",
    "Dialysis cleanses your blood when the kidneys fail.",
]

POSITIVE = [
    ("Turmeric cures arthritis.", "HL101"),
    ("This herbal tea will cure your type 2 diabetes.", "HL101"),
    ("A natural cure for anxiety.", "HL101"),
    ("It's a miracle cure.", "HL101"),
    ("Guaranteed to cure your arthritis in 30 days.", "HL101"),
    ("This cream heals eczema and reverses aging.", "HL101"),
    ("This tea cured my eczema.", "HL101"),
    ("Apple cider vinegar can cure diabetes.", "HL101"),
    ("Cure your anxiety in 7 days!", "HL101"),
    ("If you suffer from diabetes, this tea cures it.", "HL101"),
    ("Don't miss this miracle cure that heals diabetes.", "HL101"),
    ("Eating broccoli prevents cancer.", "HL102"),
    ("This supplement is guaranteed to prevent colds.", "HL102"),
    ("Take it daily and you will never get sick again.", "HL102"),
    ("Our formula gives 100% protection against viruses.", "HL102"),
    ("Condoms give 100% protection against STDs.", "HL102"),
    ("This detox tea is completely safe.", "HL103"),
    ("It has no side effects.", "HL103"),
    ("You can lose weight without any side effects.", "HL103"),
    ("Risk-free and safe for everyone.", "HL103"),
    ("Because it's natural, it's completely safe.", "HL103"),
    ("When used as directed, it is completely safe.", "HL103"),
    ("This formula is clinically proven.", "HL104"),
    ("It undeniably works.", "HL104"),
    ("It always works.", "HL104"),
    ("Studies have proven that it boosts immunity.", "HL104"),
    ("It's 100% effective.", "HL104"),
    ("Without a doubt, this is the answer.", "HL104"),
    ("This is a game-changer.", "HL105"),
    ("It's a revolutionary superfood.", "HL105"),
    ("Moringa is the miracle plant everyone is talking about.", "HL105"),
    ("Kale is the most effective treatment for fatigue.", "HL106"),
    ("This is the best natural remedy for anxiety.", "HL106"),
    ("It is the #1 supplement for sleep.", "HL106"),
    ("Collagen is the only product that actually works.", "HL106"),
    ("Amazing results in just 7 days.", "HL107"),
    ("The benefits of this berry are truly incredible.", "HL107"),
    ("This berry works wonders.", "HL107"),
    # the recall round
    ("Our clinic's stem cell therapy reverses Parkinson's disease.", "HL101"),
    ("Apple cider vinegar eliminates kidney stones for good.", "HL101"),
    ("These drops reverse macular degeneration.", "HL101"),
    ("Our mushroom capsules boost energy and reverse chronic fatigue syndrome.", "HL101"),
    ("Get rid of psoriasis for good with this salve.", "HL101"),
    ("The copper insoles permanently eliminate plantar fasciitis.", "HL101"),
    ("Juicing reverses osteoarthritis.", "HL101"),
    ("Our vitamin IV drips boost immunity and prevent cancer.", "HL102"),
    ("These gummies prevent colds and flu all winter.", "HL102"),
    ("Beet juice lowers blood pressure and prevents strokes.", "HL102"),
    ("Colloidal silver kills all viruses.", "HL104"),
    ("This serum kills 99.9% of cancer cells.", "HL104"),
    ("Doctors hate this one trick.", "HL105"),
    ("What Big Pharma doesn't want you to know about insulin.", "HL105"),
    ("This green coffee melts away belly fat.", "HL105"),
    ("This tea detoxes your liver.", "HL105"),
    ("Hydrogen water is the best treatment for chronic fatigue.", "HL106"),
    ("Castor oil packs are the safest remedy for fibroids.", "HL106"),
    ("Our herbal blend works better than chemotherapy.", "HL106"),
    ("Magnesium oil is safer than prescription drugs.", "HL106"),
]


@pytest.mark.parametrize("text", NIH_CLEAN + OTHER_CLEAN)
def test_clean_sentences(text):
    assert codes(text) == [], text


@pytest.mark.parametrize("text,code", POSITIVE)
def test_positive_sentences(text, code):
    assert code in codes(text), text


def test_spans_are_the_claim_not_the_sentence():
    assert spans("HL101", "Ginger is the cure for type 2 diabetes.") == ["the cure for type 2 diabetes"]
    assert spans("HL101", "How I reversed my type 2 diabetes in 30 days") == ["How I reversed my type 2 diabetes"]
    assert spans("HL101", "This tea cured my rheumatoid arthritis.") == ["cured my rheumatoid arthritis"]
    assert spans("HL104", "Magnesium is scientifically proven to improve sleep.") == ["scientifically proven"]
    assert spans("HL101", "Oregano oil eradicates candida for good.") == ["eradicates candida for good"]
    assert spans("HL101", "This tincture reverses type 2 diabetes.") == ["reverses type 2 diabetes"]
    assert spans("HL102", "Our drips boost immunity and prevent cancer.") == ["prevent cancer"]
    assert spans("HL106", "Hydrogen water is the best treatment for chronic fatigue.") == ["the best treatment for chronic fatigue"]
    assert spans("HL106", "It is the #1 supplement for sleep.") == ["the #1 supplement"]


def test_one_phrase_one_rule():
    """The specific rule owns the phrase: no double report by the generic ones."""
    assert codes("It is guaranteed to cure arthritis.") == ["HL101"]
    assert codes("It is guaranteed to prevent colds.") == ["HL102"]
    assert codes("It is a miracle cure.") == ["HL101"]
    assert codes("It is 100% safe.") == ["HL103"]


@pytest.mark.parametrize("code", sorted(RULES))
def test_doc_examples_are_flagged_and_alternatives_are_clean(code):
    rule = RULES[code]
    assert list(rule.check(Unit(" ".join(rule.docs.example.split())), None)), f"{code}: its example is not flagged"
    assert codes(" ".join(rule.docs.instead.split())) == [], f"{code}: its 'use instead' text is flagged"


def test_rules_are_documented():
    assert sorted(RULES) == [f"HL10{i}" for i in range(1, 8)]
    for rule in RULES.values():
        rule.validate()
        assert rule.category == "claim"
        assert "{match}" in rule.message, rule.code
        assert any(g in rule.docs.why for g in ("FTC", "CAP Code", "HONcode")), rule.code
    severities = {code: rule.severity.value for code, rule in RULES.items()}
    assert severities == {"HL101": "error", "HL102": "error", "HL103": "error", "HL104": "warning",
                          "HL105": "warning", "HL106": "warning", "HL107": "info"}
