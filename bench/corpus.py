"""A synthetic corpus of health articles with defects injected at a known rate, for the benchmark.

Every article is Markdown with front matter, headings, paragraphs (one per line), bulleted lists,
links, numbers and medical terms, written from the templates below (no text copied from anywhere).
Each article gets each kind of defect with probability `rate`; the manifest records where (file,
line, category), so the benchmark can report recall per category. Deterministic for a given seed.

    python bench/corpus.py OUT_DIR [--articles 2000] [--words 800] [--rate 0.15] [--seed 7]
"""
from __future__ import annotations

import argparse
import json
import os
import random
from dataclasses import asdict, dataclass

# --------------------------------------------------------------------------------------------
# Vocabulary: conditions with the terms their articles talk about.

CONDITIONS = [
    dict(name="type 2 diabetes", short="diabetes", organ="pancreas", symptom=["increased thirst", "frequent urination", "blurred vision", "slow-healing sores", "tiredness"],
         test=["an A1C blood test", "a fasting plasma glucose test", "an oral glucose tolerance test"], treatment=["metformin", "insulin", "a GLP-1 receptor agonist", "an SGLT2 inhibitor"],
         specialist="endocrinologist", risk=["excess weight", "physical inactivity", "a family history of diabetes", "prediabetes"], agency="the National Institute of Diabetes and Digestive and Kidney Diseases"),
    dict(name="high blood pressure", short="hypertension", organ="heart", symptom=["headaches", "nosebleeds", "shortness of breath", "dizziness"],
         test=["a blood pressure reading", "ambulatory blood pressure monitoring", "a urine test"], treatment=["an ACE inhibitor", "a thiazide diuretic", "a calcium channel blocker", "a beta blocker"],
         specialist="cardiologist", risk=["a diet high in salt", "older age", "kidney disease", "smoking"], agency="the National Heart, Lung, and Blood Institute"),
    dict(name="asthma", short="asthma", organ="lungs", symptom=["wheezing", "coughing at night", "chest tightness", "shortness of breath"],
         test=["spirometry", "a peak flow measurement", "a methacholine challenge test"], treatment=["an inhaled corticosteroid", "a short-acting bronchodilator", "a leukotriene modifier"],
         specialist="pulmonologist", risk=["allergies", "exposure to tobacco smoke", "air pollution", "a family history of asthma"], agency="the National Heart, Lung, and Blood Institute"),
    dict(name="migraine", short="migraine", organ="brain", symptom=["throbbing headache", "sensitivity to light", "nausea", "visual aura"],
         test=["a neurological examination", "an MRI scan", "a headache diary"], treatment=["a triptan", "a CGRP antagonist", "an anti-inflammatory medicine"],
         specialist="neurologist", risk=["hormonal changes", "poor sleep", "stress", "skipped meals"], agency="the National Institute of Neurological Disorders and Stroke"),
    dict(name="osteoarthritis", short="arthritis", organ="joints", symptom=["joint stiffness", "swelling", "reduced range of motion", "a grating sensation"],
         test=["an X-ray", "a joint fluid analysis", "a physical examination"], treatment=["physical therapy", "acetaminophen", "a corticosteroid injection", "joint replacement surgery"],
         specialist="rheumatologist", risk=["older age", "joint injury", "excess weight", "repetitive stress on the joint"], agency="the National Institute of Arthritis and Musculoskeletal and Skin Diseases"),
    dict(name="iron-deficiency anemia", short="anemia", organ="blood", symptom=["fatigue", "pale skin", "cold hands and feet", "brittle nails"],
         test=["a complete blood count", "a serum ferritin test", "a reticulocyte count"], treatment=["oral iron supplements", "intravenous iron", "treatment of the underlying bleeding"],
         specialist="hematologist", risk=["heavy menstrual periods", "pregnancy", "a diet low in iron", "blood loss"], agency="the National Heart, Lung, and Blood Institute"),
    dict(name="kidney stones", short="kidney stones", organ="kidneys", symptom=["sharp pain in the side", "blood in the urine", "nausea", "painful urination"],
         test=["a CT scan", "a urinalysis", "a blood test for calcium and uric acid"], treatment=["pain relievers", "an alpha blocker", "shock wave lithotripsy", "ureteroscopy"],
         specialist="urologist", risk=["dehydration", "a diet high in sodium", "obesity", "certain medicines"], agency="the National Institute of Diabetes and Digestive and Kidney Diseases"),
    dict(name="atopic dermatitis", short="eczema", organ="skin", symptom=["dry skin", "itching", "red patches", "thickened skin"],
         test=["a skin examination", "a patch test", "a review of the medical history"], treatment=["moisturizers", "a topical corticosteroid", "a calcineurin inhibitor cream", "phototherapy"],
         specialist="dermatologist", risk=["a family history of allergies", "hay fever", "living in a dry climate"], agency="the National Institute of Arthritis and Musculoskeletal and Skin Diseases"),
    dict(name="obstructive sleep apnea", short="sleep apnea", organ="airway", symptom=["loud snoring", "daytime sleepiness", "morning headaches", "waking up gasping"],
         test=["a sleep study", "home sleep apnea testing", "an oximetry test"], treatment=["a CPAP machine", "an oral appliance", "positional therapy", "airway surgery"],
         specialist="sleep medicine specialist", risk=["excess weight", "a narrow airway", "alcohol use", "older age"], agency="the National Heart, Lung, and Blood Institute"),
    dict(name="depression", short="depression", organ="brain", symptom=["persistent sadness", "loss of interest", "changes in appetite", "trouble sleeping"],
         test=["a depression screening questionnaire", "a physical examination", "blood tests to rule out thyroid problems"], treatment=["psychotherapy", "an SSRI antidepressant", "cognitive behavioral therapy"],
         specialist="psychiatrist", risk=["a family history of depression", "major life changes", "chronic illness", "certain medicines"], agency="the National Institute of Mental Health"),
]

LINK_SITES = ["https://www.nih.gov/health-information", "https://medlineplus.gov/encyclopedia.html",
              "https://www.cdc.gov/chronic-disease/index.html", "https://www.who.int/health-topics"]

# --------------------------------------------------------------------------------------------
# Clean prose: sentence templates per section. {x} slots are filled from the condition.

INTRO = [
    "{Name} is a common condition that affects the {organ} and can change how people feel from day to day.",
    "Many people live with {short} for years before it is diagnosed, because early signs can be mild.",
    "This article explains the usual signs of {short}, how doctors diagnose it, and which treatments are available.",
    "Knowing the warning signs helps people seek care sooner and talk with their health care team about their options.",
    "According to {agency}, about {pct} percent of adults in the United States have {short}.",
    "The risk is higher with {risk}, although the condition can develop in anyone.",
]
SYMPTOMS = [
    "Common symptoms include {symptom}, {symptom2} and {symptom3}.",
    "Symptoms may come and go, and some people notice them only during physical activity.",
    "A person with {short} may also report {symptom}, especially later in the day.",
    "Symptoms can look like those of other conditions, so a medical evaluation is important.",
    "Keeping a simple diary of symptoms, meals and sleep can help your clinician see patterns over {n} weeks.",
    "Children and older adults sometimes describe their symptoms differently, which can delay a diagnosis.",
]
CAUSES = [
    "Researchers think {short} results from a mix of genetic and environmental factors.",
    "Risk factors include {risk}, {risk2} and {risk3}.",
    "Having one risk factor does not mean a person will develop the condition.",
    "In a 2019 cohort study of {big} adults, {risk} was linked to a higher rate of {short} over {n} years.",
    "Some risk factors, such as age and family history, cannot be changed, while others can.",
]
DIAGNOSIS = [
    "To diagnose {short}, a clinician usually starts with a medical history and a physical examination.",
    "Tests may include {test}, {test2} or {test3}.",
    "Results are often checked a second time to confirm the diagnosis before treatment begins.",
    "A referral to a {specialist} may be useful when the diagnosis is uncertain.",
    "The test takes about {n} minutes and does not usually require any special preparation.",
]
TREATMENT = [
    "Treatment depends on how severe the symptoms are and on a person's other health conditions.",
    "Options include {treatment} and {treatment2}, often combined with changes in daily habits.",
    "Your doctor may suggest starting with a low dose and adjusting it after {n} weeks.",
    "Like all medicines, {treatment} can cause side effects, so ask your pharmacist what to watch for.",
    "A {specialist} can help adjust the plan if the first treatment does not control symptoms.",
    "In clinical trials, about {pct} percent of participants reported mild side effects that faded within a few days.",
]
LIVING = [
    "Regular follow-up visits let your health care team track how well the treatment plan is working.",
    "Many people find it helpful to learn about {short} together with family members.",
    "Physical activity, balanced meals and enough sleep support overall health.",
    "Support groups can offer practical tips and a chance to share experiences with others.",
    "Write down your questions before each appointment so that you do not forget them.",
]
WHEN = [
    "Contact a health professional if symptoms get worse or new symptoms appear.",
    "Seek emergency care right away for severe pain, trouble breathing or confusion.",
    "Call your doctor if a medicine causes side effects that bother you.",
]
LIST_INTROS = ["Questions to ask your doctor:", "Steps that many people find useful:", "Things to bring to your appointment:"]
LIST_ITEMS = [
    "Which tests do I need, and what do the results mean?", "How often should I have a check-up?",
    "What side effects should I report?", "a list of your current medicines and doses",
    "notes on when your symptoms started", "Keep a written record of your test results.",
    "Ask about {treatment} and how long it takes to work.", "Plan {n} minutes of walking on most days.",
    "Bring a family member or friend to take notes.", "your insurance card and a photo ID",
]
SECTIONS = [("Symptoms", SYMPTOMS), ("Causes and risk factors", CAUSES), ("Diagnosis", DIAGNOSIS),
            ("Treatment", TREATMENT), ("Living with {short}", LIVING)]
DISCLAIMER = ("*This article is for general information only and is not a substitute for professional "
              "medical advice. Talk to your doctor or another qualified health professional about your own situation.*")

# --------------------------------------------------------------------------------------------
# Defects. Each kind: (category, how it is placed, text templates). "sentence" kinds are appended
# to a paragraph line, "line" kinds are a paragraph of their own, "file" kinds change the whole
# article and are matched anywhere in the file.

DEFECTS = {
    "cure-claim": ("claim", "sentence", ["This herbal tonic cures {short} in just two weeks.", "Our natural remedy completely cures {short} for good."]),
    "safety-claim": ("claim", "sentence", ["The supplement is 100% safe and has no side effects.", "This cleanse is completely safe for everyone."]),
    "prevention-claim": ("claim", "sentence", ["Drinking this tea every morning is guaranteed to prevent {short}.", "These capsules prevent {short} completely."]),
    "hype": ("claim", "sentence", ["This miracle berry is a true breakthrough for your {organ}.", "Doctors hate this one weird trick for {short}!"]),
    "pharmacy-ad": ("spam", "line", ["Buy cheap {drug} online without prescription at best-rx-pharmacy24.example, fast worldwide delivery and 80% off!",
                                     "Order generic {drug} now, no prescription needed, discreet overnight shipping from our online pharmacy."]),
    "caps-ad": ("spam", "line", ["LIMITED TIME OFFER!!! CLICK HERE TO ORDER NOW AND SAVE 70% ON YOUR FIRST BOTTLE!!!",
                                 "ACT NOW: FREE SHIPPING ON ALL ORDERS TODAY ONLY, DON'T MISS OUT!!!"]),
    "seo-anchor": ("spam", "line", ["[best cbd gummies for {short} near me](https://cbd-gummies-store.example/buy)",
                                    "[cheap {drug} online](https://pills-discount.example/{drug})"]),
    "clinic-plug": ("spam", "line", ["Call the Sunrise Wellness Clinic today at (555) 013-2288 to book your free consultation and start feeling better!",
                                     "Visit our partner clinic, Harmony Health Center, and mention this article for 20% off your first visit."]),
    "share-buttons": ("boilerplate", "line", ["Share on Facebook | Tweet | Pin it | Email this article", "Share this: Facebook Twitter LinkedIn WhatsApp Print"]),
    "comment-form": ("boilerplate", "line", ["Leave a comment. Your email address will not be published. Required fields are marked *",
                                             "Leave a Reply. Cancel reply. Save my name, email, and website in this browser for the next time I comment."]),
    "newsletter": ("boilerplate", "line", ["Subscribe to our newsletter for weekly health tips delivered straight to your inbox!",
                                           "Sign up for our free newsletter and never miss an update."]),
    "spun-phrase": ("garbled", "sentence", ["Women over 50 should ask about screening for bosom peril.", "Untreated {short} can raise the risk of kidney disappointment.",
                                            "Chest pain can be a sign of a heart assault."]),
    "grammar": ("garbled", "sentence", ["The results could of been different with earlier care.", "Ask about the the dose before you start.",
                                        "You should of seen a doctor sooner.", "Most people recieve the results within a week."]),
    "long-sentence": ("readability", "sentence", ["When people who have been living with {short} for a long time and who have also tried several different treatments over the years without much change in their symptoms finally decide to talk to a new doctor about their options, they often find that the many details of their medical history, the names and doses of all their past medicines, the results of earlier tests and the timing of their symptoms are hard to remember and even harder to explain clearly in a short appointment that may last only a few minutes."]),
    "unsourced-stat": ("sourcing", "sentence", ["Roughly 73% of patients see results within a month.", "Nearly 4 in 5 people with {short} never get the right diagnosis."]),
    "vague-attribution": ("sourcing", "sentence", ["Studies show that walking after meals reverses the damage.", "Experts say that most cases go unnoticed."]),
    "missing-disclaimer": ("disclaimer", "file", []),
    "suicide-no-resource": ("disclaimer", "file", ["Some people with {short} have thoughts of suicide or self-harm, especially in the first months after diagnosis."]),
}
DRUGS = ["viagra", "tramadol", "xanax", "oxycodone", "ozempic", "adderall"]


@dataclass
class Defect:
    kind: str
    category: str
    line: int | None  # 1-based line in the file; None for file-level defects
    scope: str  # "line" or "file"


class Article:
    """Builds an article line by line so every injected defect knows its line number."""

    def __init__(self, rng: random.Random, cond: dict):
        self.rng = rng
        self.cond = cond
        self.lines: list[str] = []
        self.paragraphs: list[int] = []  # indexes of paragraph lines (where sentences can be added)
        self.defects: list[Defect] = []
        self.word_count = 0

    def fill(self, template: str) -> str:
        c, r = self.cond, self.rng
        sym, risk, test, treat = (r.sample(c[k], min(3, len(c[k]))) for k in ("symptom", "risk", "test", "treatment"))
        values = {
            "name": c["name"], "Name": c["name"][0].upper() + c["name"][1:], "short": c["short"], "organ": c["organ"],
            "symptom": sym[0], "symptom2": sym[1 % len(sym)], "symptom3": sym[2 % len(sym)],
            "risk": risk[0], "risk2": risk[1 % len(risk)], "risk3": risk[2 % len(risk)],
            "test": test[0], "test2": test[1 % len(test)], "test3": test[2 % len(test)],
            "treatment": treat[0], "treatment2": treat[1 % len(treat)], "specialist": c["specialist"],
            "agency": c["agency"], "pct": r.randint(3, 40), "n": r.randint(2, 12), "big": r.choice(["12,400", "8,950", "31,000", "2,760"]),
            "drug": r.choice(DRUGS),
        }
        return template.format(**values)

    def add(self, line: str = "", paragraph: bool = False) -> None:
        if paragraph:
            self.paragraphs.append(len(self.lines))
        self.lines.append(line)
        self.word_count += len(line.split())

    def paragraph(self, pool: list[str], sentences: int) -> None:
        chosen = self.rng.sample(pool, min(sentences, len(pool)))
        link = self.rng.random() < 0.3
        text = " ".join(self.fill(s) for s in chosen)
        if link:
            text += f" You can read more on [{self.cond['short']} resources]({self.rng.choice(LINK_SITES)})."
        self.add(text, paragraph=True)
        self.add()

    def words(self) -> int:
        return self.word_count


def build_article(rng: random.Random, target_words: int, rate: float, title_no: int) -> tuple[str, list[Defect]]:
    cond = rng.choice(CONDITIONS)
    a = Article(rng, cond)
    a.add("---")
    a.add(f'title: "{cond["name"].capitalize()}: what to know ({title_no})"')
    a.add(f"reviewed: 2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}")
    a.add("---")
    a.add(f"# {cond['name'].capitalize()}: symptoms, diagnosis and treatment")
    a.add()
    a.paragraph(INTRO, 4)
    while a.words() < target_words - 110:
        for title, pool in SECTIONS:
            if a.words() >= target_words - 110:
                break
            a.add(f"## {a.fill(title)}")
            a.add()
            for _ in range(rng.randint(1, 3)):
                a.paragraph(pool, rng.randint(3, 5))
            if rng.random() < 0.35:
                a.add(rng.choice(LIST_INTROS))
                a.add()
                for item in rng.sample(LIST_ITEMS, 4):
                    a.add("- " + a.fill(item))
                a.add()
    a.add("## When to see a doctor")
    a.add()
    a.paragraph(WHEN, 3)
    inject(a, rate)
    return "\n".join(a.lines) + "\n", a.defects


def inject(a: Article, rate: float) -> None:
    rng = a.rng
    chosen = [kind for kind in DEFECTS if rng.random() < rate]
    if "missing-disclaimer" in chosen and "suicide-no-resource" in chosen:
        chosen.remove("suicide-no-resource")  # judged only where a disclaimer exists
    marks = []
    for kind in chosen:
        category, how, templates = DEFECTS[kind]
        if kind == "missing-disclaimer":
            a.defects.append(Defect(kind, category, None, "file"))
            continue
        snippet = a.fill(rng.choice(templates))
        i = rng.choice(a.paragraphs)
        a.lines[i] += (" " if how == "sentence" else "\n\n") + snippet
        marks.append((kind, category, "file" if how == "file" else "line", snippet))
    if "missing-disclaimer" not in chosen:
        a.lines.append(DISCLAIMER)
    text = "\n".join(a.lines)
    for kind, category, scope, snippet in marks:  # the 1-based line where each snippet now sits
        a.defects.append(Defect(kind, category, text.count("\n", 0, text.find(snippet)) + 1, scope))
    a.lines = text.split("\n")


def generate(out: str, articles: int = 2000, words: int = 800, rate: float = 0.15, seed: int = 7) -> dict:
    """Write the articles and manifest.json into `out`; returns the manifest."""
    rng = random.Random(seed)
    os.makedirs(out, exist_ok=True)
    manifest = {"articles": articles, "words_target": words, "rate": rate, "seed": seed, "files": {}}
    total_words = 0
    for n in range(articles):
        text, defects = build_article(rng, words, rate, n)
        name = f"article-{n:05d}.md"
        with open(os.path.join(out, name), "w", encoding="utf-8") as fh:
            fh.write(text)
        total_words += len(text.split())
        manifest["files"][name] = [asdict(d) for d in defects]
    manifest["words"] = total_words
    with open(os.path.join(out, "manifest.json"), "w") as fh:
        json.dump(manifest, fh, indent=1)
    return manifest


def one_article(words: int, seed: int = 11) -> str:
    """A single clean article of about `words` words (for the article-size scaling runs)."""
    text, _ = build_article(random.Random(seed), words, 0.0, 0)
    return text


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out")
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--words", type=int, default=800)
    ap.add_argument("--rate", type=float, default=0.15)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    m = generate(args.out, args.articles, args.words, args.rate, args.seed)
    print(f"{args.articles} articles, {m['words']} words in {args.out}")


if __name__ == "__main__":
    main()
