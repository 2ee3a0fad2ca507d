"""Same findings before and after a speed change? Lints a fixed set of texts with every rule
except LanguageTool's and writes (or compares against) one canonical line per finding.

    python bench/golden.py --write /tmp/before.txt     # on the old code
    python bench/golden.py --compare /tmp/before.txt   # on the new code: exit 1 and a diff if any differ
    python bench/golden.py --compare F --select HL4    # only some rules (both runs must use the same)

Texts: every file under fixtures/, the NIH corpus (../shared/corpora/nih, as the negatives tool
writes it: title, blank line, answers) as plain text and re-wrapped as Markdown, and the first
--articles benchmark corpus articles (bench/corpus.py, seed 7). A line holds path, position,
code, severity, message and fix, so any change in what a user sees shows up.
"""
from __future__ import annotations

import argparse
import difflib
import json
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(BENCH))

from healthlint.api import Linter  # noqa: E402
from healthlint.parallel import BATCH_FILES, batches  # noqa: E402

# ../shared next to the checkout (also found from a git worktree further down)
NIH = next((p / "shared" / "corpora" / "nih" / "medlineplus-topics.jsonl" for p in ROOT.parents
            if (p / "shared" / "corpora" / "nih").is_dir()), ROOT.parent / "shared" / "corpora" / "nih" / "medlineplus-topics.jsonl")
NOT_OFFLINE = ("HL410", "HL411")


def texts(articles: int):
    for path in sorted((ROOT / "fixtures").rglob("*")):
        if path.is_file() and path.suffix in (".md", ".txt", ".html", ".htm"):
            yield str(path.relative_to(ROOT)), path.read_bytes().decode("utf-8", "replace")
    if NIH.is_file():
        for i, line in enumerate(NIH.read_text(encoding="utf-8").splitlines()):
            d = json.loads(line)
            body = d.get("text") or "\n\n".join(d.get("answers", []))
            text = (d.get("title", "") + "\n\n" + body).strip() + "\n"
            yield f"nih/{i:05d}.txt", text
            yield f"nih/{i:05d}.md", "# " + text
    if articles:
        import run

        folder, manifest = run.make_corpus(2000, 800, 7)
        for name in sorted(manifest["files"])[:articles]:
            yield f"corpus/{name}", (folder / name).read_text(encoding="utf-8")


def lines(articles: int, select: list[str] | None) -> list[str]:
    linter = Linter(use_config=False, select=select or ["ALL"], ignore=list(NOT_OFFLINE))
    out = []
    results = [r for batch in batches(list(texts(articles)), BATCH_FILES) for r in linter.lint_texts(batch)]
    for result in results:  # batched as the command line lints
        assert result.error is None, result.error
        path = result.path
        for f in result.findings:
            fix = None if f.fix is None else (f.fix.start, f.fix.end, f.fix.replacement)
            out.append(f"{path}:{f.line}:{f.column}-{f.end_line}:{f.end_column} {f.code} "
                       f"{f.severity.value} {f.message!r} fix={fix!r}")
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    group = ap.add_mutually_exclusive_group(required=True)
    group.add_argument("--write", metavar="FILE")
    group.add_argument("--compare", metavar="FILE")
    ap.add_argument("--articles", type=int, default=300)
    ap.add_argument("--select", action="append", help="rule selectors (default: all offline rules)")
    args = ap.parse_args()
    got = lines(args.articles, args.select)
    if args.write:
        Path(args.write).write_text("\n".join(got) + "\n", encoding="utf-8")
        print(f"{len(got)} findings written to {args.write}")
        return 0
    want = Path(args.compare).read_text(encoding="utf-8").splitlines()
    if got == want:
        print(f"identical: {len(got)} findings")
        return 0
    sys.stdout.writelines(line + "\n" for line in difflib.unified_diff(want, got, "before", "after", lineterm="", n=0))
    print(f"DIFFERENT: {len(want)} findings before, {len(got)} after", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
