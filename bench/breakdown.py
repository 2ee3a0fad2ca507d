"""Where the time goes: CPU time per stage and per rule family on the benchmark corpus.

    python bench/breakdown.py [--articles 200] [--top 25]

Parses the first N corpus articles once, then times, in one process (CPU time, best of 3):
reading and parsing, each rule alone (summed per family = category), the engine with all rules,
and prints the functions with the most own time under cProfile for a full lint. Start-up cost is
measured separately by bench/run.py and `python -X importtime -m healthlint check FILE`.
"""
from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import sys
import time
from collections import defaultdict
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent))
sys.path.insert(0, str(BENCH))

from healthlint.api import Linter  # noqa: E402
from healthlint.config import DEFAULT  # noqa: E402
from healthlint.engine import lint_document, lint_documents, select_rules  # noqa: E402
from healthlint.parallel import BATCH_FILES, batches  # noqa: E402
from healthlint.parse import parse  # noqa: E402

import run  # noqa: E402


def best(fn, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        t = time.process_time()
        fn()
        times.append(time.process_time() - t)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=200)
    ap.add_argument("--top", type=int, default=25)
    ap.add_argument("--marginal", action="store_true",
                    help="only time each rule inside one full lint (quick; shared per-block work lands on the first rule that asks)")
    args = ap.parse_args()
    folder, manifest = run.make_corpus(2000, 800, 7)
    names = sorted(manifest["files"])[: args.articles]
    texts = [(str(folder / n), (folder / n).read_text(encoding="utf-8")) for n in names]
    words = sum(len(t.split()) for _, t in texts)
    linter = Linter(use_config=False)
    active = select_rules(linter.rules, DEFAULT, None)
    docs = [parse(t, p, "markdown") for p, t in texts]

    def us_per_word(seconds: float) -> float:
        return seconds / words * 1e6

    if args.marginal:
        untimed = best(lambda: [linter.lint_texts(b) for b in batches(texts, BATCH_FILES)])
        print(f"Full lint with parsing, untimed (as the command line runs it): {us_per_word(untimed):.2f} µs per word\n")
        return marginal(docs, active, linter.rules, us_per_word)

    full = best(lambda: [linter.lint_texts(b) for b in batches(texts, BATCH_FILES)])
    parsing = best(lambda: [parse(t, p, "markdown") for p, t in texts])
    engine_all = best(lambda: [lint_document(d, active, linter.rules) for d in docs])
    engine_none = best(lambda: [lint_document(d, [], linter.rules) for d in docs])
    per_rule = {}
    for ar in active:
        per_rule[ar.rule.code] = (ar.rule.category, best(lambda: [lint_document(d, [ar], linter.rules) for d in docs]) - engine_none)
    families = defaultdict(float)
    for category, seconds in per_rule.values():
        families[category] += seconds

    print(f"{len(texts)} articles, {words:,} words; CPU time in microseconds per word (best of 3)\n")
    print("| Stage | µs per word | Share of a full lint |\n|---|---|---|")
    rows = [("Full lint (parse + all rules + engine)", full), ("Reading and parsing (Markdown)", parsing),
            ("Engine alone (no rules: line index, suppressions, sorting)", engine_none)]
    rows += [(f"Rule family `{cat}` ({sum(1 for c, _ in per_rule.values() if c == cat)} rules)", s)
             for cat, s in sorted(families.items(), key=lambda kv: -kv[1])]
    for label, seconds in rows:
        print(f"| {label} | {us_per_word(seconds):.2f} | {seconds / full:.0%} |")
    print("\n| Rule | Family | µs per word |\n|---|---|---|")
    for code, (category, seconds) in sorted(per_rule.items(), key=lambda kv: -kv[1][1]):
        print(f"| {code} | {category} | {us_per_word(seconds):.2f} |")
    print(f"\nAll rules together in the engine: {us_per_word(engine_all - engine_none):.2f} µs per word.\n")

    prof = cProfile.Profile()
    prof.enable()
    for p, t in texts:
        linter.lint_text(t, p)
    prof.disable()
    out = io.StringIO()
    pstats.Stats(prof, stream=out).sort_stats("tottime").print_stats(args.top)
    print("```\n" + "\n".join(out.getvalue().strip().splitlines()[2:]) + "\n```")


def marginal(docs, active, rules, us_per_word) -> None:
    """CPU time inside each rule's check during full lints (best of 3 per rule). The per-block work
    rules share (word tokens, the document's word set, sentence split) is timed on its own, not charged to the rule that
    happened to ask first."""
    from healthlint import segment
    from healthlint.checks import base

    spent: dict[str, list[float]] = defaultdict(list)
    shared = [0.0]
    depth = [0]  # document_words calls word_tokens: count the outer call only

    def timed_shared(fn):
        def run(*args):
            depth[0] += 1
            t = time.process_time()
            try:
                return fn(*args)
            finally:
                depth[0] -= 1
                if not depth[0]:
                    shared[0] += time.process_time() - t
        return run

    def timed(rule, check):
        def run(unit, ctx):
            before, t = shared[0], time.process_time()
            out = list(check(unit, ctx))
            spent[rule.code][-1] += time.process_time() - t - (shared[0] - before)
            return out
        return run

    originals = {ar.rule: ar.rule.check for ar in active}
    patched = [(base, "word_tokens"), (segment, "split_sentences"), (base.Context, "document_words")]
    saved = [getattr(m, n) for m, n in patched]
    try:
        for rule, check in originals.items():
            object.__setattr__(rule, "check", timed(rule, check))
        for (module, name), fn in zip(patched, saved):
            setattr(module, name, timed_shared(fn))
        totals, shares = [], []
        for _ in range(3):
            for ar in active:
                spent[ar.rule.code].append(0.0)
            shared[0], t = 0.0, time.process_time()
            for i in range(0, len(docs), BATCH_FILES):  # as the command line lints: rule by rule per batch
                lint_documents(docs[i:i + BATCH_FILES], active, rules)
            totals.append(time.process_time() - t)
            shares.append(shared[0])
    finally:
        for rule, check in originals.items():
            object.__setattr__(rule, "check", check)
        for (module, name), fn in zip(patched, saved):
            setattr(module, name, fn)
    print(f"Full lint of parsed documents: {us_per_word(min(totals)):.2f} µs per word, of which word "
          f"tokens, document word sets and sentence split shared by the rules: {us_per_word(min(shares)):.2f}\n")
    rules_total = sum(min(times) for times in spent.values())
    print(f"Inside the rules (sum of their best runs): {us_per_word(rules_total):.2f}; the rest (engine, "
          f"findings, GC): {us_per_word(min(totals) - min(shares) - rules_total):.2f}\n")
    print("| Rule | µs per word inside a full lint |\n|---|---|")
    for code, times in sorted(spent.items(), key=lambda kv: -min(kv[1])):
        print(f"| {code} | {us_per_word(min(times)):.2f} |")


if __name__ == "__main__":
    main()
