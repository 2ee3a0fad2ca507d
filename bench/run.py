"""The healthlint benchmark: speed against proselint, scaling, start-up, and recall on injected defects.

    python bench/run.py            # full run: 2,000 articles of ~800 words (about 7 minutes)
    python bench/run.py --quick    # 400 articles, fewer repetitions (about 3 minutes)

Creates bench/.venv with proselint from PyPI (the benchmark's own environment, not a healthlint
dependency) and installs this checkout into bench/.venv-healthlint (`pip install .` into a virtual
environment of its own, as pre-commit installs a hook; every healthlint measurement runs that
installed copy, its `healthlint` command or its Python), generates the corpus under bench/.data/
(bench/corpus.py, seeded), then measures:

  throughput      words per CPU-second of one process over the whole corpus (healthlint --jobs 1
                  with its compiled-pattern store warm but no cached results, as after any first
                  run; and proselint through its Python API in one process: its fastest way), and
                  the wall time of the whole corpus (healthlint on all cores; --no-cache; cached
                  re-run of the unchanged corpus)
  one file        a ~1 KB article through each CLI, process start included: median wall time,
                  CPU time and peak memory (ru_maxrss of the child); healthlint with a warm
                  compiled-pattern store (the file changes each time, so results are not cached)
                  and on a first run (an empty cache folder: patterns and tables built)
  scaling         CPU time for 1/16, 1/4 and all of the corpus; lint time in one process for a
                  single article of 1 KB to 1 MB
  recall          per injected defect category and kind, matched by finding category and line

Prints Markdown tables (the README's Performance section is this output) and writes
bench/results.json. Times are CPU times of the child where the machine is shared and wall time
is noisy; every timing is the median of several runs.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
DATA = BENCH / ".data"
VENV = BENCH / ".venv"
HL_VENV = BENCH / ".venv-healthlint"
HL_PYTHON = str(HL_VENV / "bin" / "python")
PROSELINT_VERSION = "0.16.0"
sys.path.insert(0, str(BENCH))

import corpus  # noqa: E402

HEALTHLINT = [str(HL_VENV / "bin" / "healthlint"), "check", "--no-config", "--exit-zero"]
PROSELINT_API = r"""
import sys
from pathlib import Path
from proselint.checks import __register__
from proselint.config import DEFAULT
from proselint.registry import CheckRegistry
from proselint.tools import LintFile
CheckRegistry().register_many(__register__)
print(sum(len(LintFile(p).lint(DEFAULT)) for p in sorted(Path(sys.argv[1]).glob("*.md"))))
"""
IN_PROCESS = r"""
import json, sys, time
from healthlint.api import Linter
linter = Linter(use_config=False)
out = {}
for path in sys.argv[1:]:
    text = open(path, encoding="utf-8").read()
    linter.lint_text(text, path)  # warm up
    runs = []
    for _ in range(max(1, min(20, 200_000 // max(1, len(text))))):
        t = time.process_time()
        linter.lint_text(text, path)
        runs.append(time.process_time() - t)
    runs.sort()
    out[path] = runs[len(runs) // 2]
print(json.dumps(out))
"""


# ------------------------------------------------------------------------------------------------
# Running children and timing them


def run_child(cmd, env=None, cwd=None, stdout=subprocess.DEVNULL) -> dict:
    """Wall time, CPU time (user+sys) and peak RSS of one child process."""
    full_env = {**{k: v for k, v in os.environ.items() if k != "PYTHONPATH"}, **(env or {})}
    with tempfile.TemporaryFile() as err:
        t = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=stdout, stderr=err, env=full_env, cwd=cwd)
        out = proc.stdout.read() if stdout == subprocess.PIPE else None
        _, status, ru = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t
        if os.waitstatus_to_exitcode(status) not in (0, 1):
            err.seek(0)
            raise SystemExit(f"benchmark child failed: {' '.join(map(str, cmd))}\n{err.read().decode()[-2000:]}")
    return {"wall": wall, "cpu": ru.ru_utime + ru.ru_stime, "rss_mb": ru.ru_maxrss / 1024, "stdout": out}


def median_of(runs: list[dict]) -> dict:
    return {k: statistics.median(r[k] for r in runs) for k in ("wall", "cpu", "rss_mb")} | {
        "runs": len(runs), "wall_min": min(r["wall"] for r in runs), "cpu_min": min(r["cpu"] for r in runs),
        "rss_max_mb": max(r["rss_mb"] for r in runs)}


def ensure_proselint() -> Path:
    python = VENV / "bin" / "python"
    if not python.exists():
        print(f"creating {VENV} with proselint {PROSELINT_VERSION} ...", flush=True)
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    check = subprocess.run([str(python), "-c", "import proselint.tools"], capture_output=True)
    if check.returncode != 0:
        subprocess.run([str(python), "-m", "pip", "install", "-q", f"proselint=={PROSELINT_VERSION}"], check=True)
    return python


def install_healthlint() -> None:
    """This checkout, installed as pre-commit installs a hook: `pip install .` into a virtual
    environment of its own (byte-compiled, no other packages, no PYTHONPATH)."""
    if not Path(HL_PYTHON).exists():
        print(f"creating {HL_VENV} ...", flush=True)
        subprocess.run([sys.executable, "-m", "venv", str(HL_VENV)], check=True)
    print(f"installing {ROOT} into {HL_VENV} ...", flush=True)
    # pip reinstalls a local folder every time: the copy is the checkout as it is now.
    subprocess.run([HL_PYTHON, "-m", "pip", "install", "-q", "--disable-pip-version-check", str(ROOT)], check=True)


def make_corpus(articles: int, words: int, seed: int) -> tuple[Path, dict]:
    folder = DATA / f"corpus-{articles}x{words}-s{seed}"
    manifest = folder / "manifest.json"
    if manifest.exists():
        return folder, json.loads(manifest.read_text())
    if folder.exists():
        shutil.rmtree(folder)
    print(f"generating {articles} articles in {folder} ...", flush=True)
    return folder, corpus.generate(str(folder), articles, words, seed=seed)


def subset(folder: Path, manifest: dict, count: int) -> tuple[Path, int]:
    """The first `count` articles of the corpus, as symlinks in a folder of their own."""
    sub = DATA / f"{folder.name}-first{count}"
    names = sorted(manifest["files"])[:count]
    if not sub.exists():
        sub.mkdir(parents=True)
        for name in names:
            (sub / name).symlink_to(folder / name)
    return sub, sum(len((folder / n).read_text(encoding="utf-8").split()) for n in names)


# ------------------------------------------------------------------------------------------------
# Measurements


def run_uncached(args: list[str], store: Path) -> dict:
    """A healthlint run with the compiled-pattern store in `store` but no cached results."""
    for old in store.glob("results-*"):
        old.unlink()
    return run_child(HEALTHLINT + args, env={"HEALTHLINT_CACHE_DIR": str(store)})


def throughput(folder: Path, words: int, proselint: Path, repeat: int, tmp: Path) -> dict:
    """Steady state: the compiled-pattern store is warm (as after any first run) but no file's
    result is cached, so every article is parsed and linted."""
    print("throughput ...", flush=True)
    store = tmp / "cache"
    env = {"HEALTHLINT_CACHE_DIR": str(store)}
    shutil.rmtree(store, ignore_errors=True)

    def uncached(args):
        return run_uncached(args, store)

    uncached(["--jobs", "1", "--format", "json", str(folder)])  # warms the pattern store
    hl_serial = median_of([uncached(["--jobs", "1", "--format", "json", str(folder)]) for _ in range(repeat)])
    hl_parallel = median_of([uncached(["--format", "json", str(folder)]) for _ in range(repeat)])
    # --no-cache: no result is read or written; the pattern store is the same warm one (a run of its
    # own would otherwise use the user's cache folder, which another install may have left cold).
    hl_no_cache = median_of([run_child(HEALTHLINT + ["--no-cache", "--jobs", "1", "--format", "json", str(folder)], env=env)
                             for _ in range(repeat)])
    run_child(HEALTHLINT + ["--format", "json", str(folder)], env=env)  # fills the result cache
    hl_cached = median_of([run_child(HEALTHLINT + ["--format", "json", str(folder)], env=env)
                           for _ in range(repeat)])
    pl = median_of([run_child([str(proselint), "-c", PROSELINT_API, str(folder)]) for _ in range(repeat)])
    return {
        "words": words,
        "healthlint_jobs1": hl_serial, "healthlint_all_cores": hl_parallel, "healthlint_cached": hl_cached,
        "healthlint_jobs1_no_cache": hl_no_cache,
        "proselint_api": pl,
        "healthlint_words_per_cpu_s": words / hl_serial["cpu"], "proselint_words_per_cpu_s": words / pl["cpu"],
        "ratio": pl["cpu"] / hl_serial["cpu"],
    }


def one_file(proselint: Path, repeat: int, tmp: Path) -> dict:
    print("one file ...", flush=True)
    text = corpus.one_article(150)
    path = tmp / "one.md"
    env = {"HEALTHLINT_CACHE_DIR": str(tmp / "one-cache")}
    shutil.rmtree(tmp / "one-cache", ignore_errors=True)
    path.write_text(text, encoding="utf-8")
    run_child(HEALTHLINT + [str(path)], env=env)  # compiles and stores the patterns once
    warm, cold, pl, baseline = [], [], [], []
    for i in range(repeat):
        # A changed file (no cached result) whose prose is still the sample article: an appended
        # "Edit number 3." was a stray fragment line that no real edit leaves (and that HL302
        # loads its language model for).
        path.write_text(text + f"\n<!-- edit {i} -->\n", encoding="utf-8")
        warm.append(run_child(HEALTHLINT + [str(path)], env=env))
        shutil.rmtree(tmp / "first-cache", ignore_errors=True)  # a first run: nothing compiled or derived yet
        cold.append(run_child(HEALTHLINT + [str(path)], env={"HEALTHLINT_CACHE_DIR": str(tmp / "first-cache")}))
        pl.append(run_child([str(proselint), "-m", "proselint", "check", str(path)]))
        baseline.append(run_child([HL_PYTHON, "-c", "pass"]))
    return {"bytes": len(text.encode()), "words": len(text.split()), "healthlint": median_of(warm),
            "healthlint_first_run": median_of(cold), "proselint_cli": median_of(pl),
            "python_startup": median_of(baseline)}


def corpus_scaling(folder: Path, manifest: dict, repeat: int, tmp: Path) -> list[dict]:
    """CPU time for growing parts of the corpus (pattern store warm, no cached results)."""
    print("corpus scaling ...", flush=True)
    total = manifest["articles"]
    rows = []
    for count in (total // 16, total // 4, total):
        sub, words = subset(folder, manifest, count)
        run_uncached(["--jobs", "1", "--format", "json", str(sub)], tmp / "cache")  # warm
        m = median_of([run_uncached(["--jobs", "1", "--format", "json", str(sub)], tmp / "cache")
                       for _ in range(repeat)])
        rows.append({"articles": count, "words": words, "cpu": m["cpu"], "wall": m["wall"],
                     "us_per_word": m["cpu"] / words * 1e6})
    return rows


def article_scaling(tmp: Path) -> list[dict]:
    print("article size scaling ...", flush=True)
    paths = []
    for size in (1_000, 10_000, 100_000, 1_000_000):
        text = corpus.one_article(max(20, size // 6))
        text = text[:size] if len(text) > size else text
        path = tmp / f"size-{size}.md"
        path.write_text(text, encoding="utf-8")
        paths.append((size, path))
    # Run in tmp: `-c` puts the working folder first on sys.path, and the checkout's must not shadow the installed copy.
    res = run_child([HL_PYTHON, "-c", IN_PROCESS] + [str(p) for _, p in paths], cwd=tmp, stdout=subprocess.PIPE)
    times = json.loads(res["stdout"])
    rows = []
    for size, path in paths:
        t = times[str(path)]
        rows.append({"bytes": path.stat().st_size, "seconds": t, "us_per_kb": t / (path.stat().st_size / 1000) * 1e6})
    base = rows[0]["seconds"]
    for row in rows:
        row["x_of_1kb"] = row["seconds"] / base if base else None
    return rows


def recall(folder: Path, manifest: dict) -> dict:
    """Match findings to injected defects: same category on the defect's line (file-level
    defects: anywhere in the file). Findings matching nothing are counted as unexpected."""
    print("recall ...", flush=True)
    res = run_child(HEALTHLINT + ["--no-cache", "--format", "json", str(folder)],
                    env={"HEALTHLINT_CACHE_DIR": str(DATA / "tmp" / "cache")}, stdout=subprocess.PIPE)
    findings: dict[str, list[dict]] = {}
    for f in json.loads(res["stdout"] or b"[]"):
        findings.setdefault(os.path.basename(f["path"]), []).append(f)
    by_kind: dict[str, list[int]] = {}
    by_cat: dict[str, list[int]] = {}
    unexpected = 0
    for name, defects in manifest["files"].items():
        found = findings.get(name, [])
        used = set()
        for d in defects:
            hits = [i for i, f in enumerate(found) if f["category"] == d["category"]
                    and (d["scope"] == "file" or f["line"] <= d["line"] <= f["end_line"])]
            used.update(hits)
            for table, key in ((by_kind, d["kind"]), (by_cat, d["category"])):
                row = table.setdefault(key, [0, 0])
                row[0] += bool(hits)
                row[1] += 1
        unexpected += sum(1 for i, f in enumerate(found) if i not in used and not _on_defect_line(f, defects))
    kinds = {k: {"category": corpus.DEFECTS[k][0], "found": v[0], "injected": v[1], "recall": v[0] / v[1]}
             for k, v in sorted(by_kind.items(), key=lambda kv: (corpus.DEFECTS[kv[0]][0], kv[0]))}
    cats = {k: {"found": v[0], "injected": v[1], "recall": v[0] / v[1]} for k, v in sorted(by_cat.items())}
    words = manifest["words"]
    return {"categories": cats, "kinds": kinds, "findings": sum(map(len, findings.values())),
            "unexpected": unexpected, "unexpected_per_10k_words": unexpected / words * 10_000}


def _on_defect_line(f: dict, defects: list[dict]) -> bool:
    """A finding of another category on an injected line (a spam line that is also a claim) is
    not a false alarm on clean text."""
    return any(d["line"] is not None and f["line"] <= d["line"] <= f["end_line"] for d in defects)


def machine() -> dict:
    cpu = "unknown"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {"cpu": cpu, "cores": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
            "python": platform.python_version(), "platform": platform.platform(),
            "load_average_at_start": os.getloadavg() if hasattr(os, "getloadavg") else None}


# ------------------------------------------------------------------------------------------------
# Report


def markdown(r: dict) -> str:
    t, o, m = r["throughput"], r["one_file"], r["machine"]
    lines = [
        f"Machine: {m['cpu']}, {m['cores']} cores, Python {m['python']}, load average at start "
        f"{', '.join(f'{x:.1f}' for x in m['load_average_at_start'] or [])}. Corpus: {r['corpus']['articles']} "
        f"articles, {t['words']:,} words (bench/corpus.py, seed {r['corpus']['seed']}). Medians of {r['repeat']} runs.",
        "",
        "| Measure | healthlint | proselint |",
        "|---|---|---|",
        f"| Words per CPU-second, one process | {t['healthlint_words_per_cpu_s']:,.0f} | {t['proselint_words_per_cpu_s']:,.0f} |",
        f"| **Speed ratio** (words/s per core) | **{t['ratio']:.1f}x** | 1x |",
        f"| Whole corpus, one process (wall / CPU) | {t['healthlint_jobs1']['wall']:.2f} s / {t['healthlint_jobs1']['cpu']:.2f} s "
        f"| {t['proselint_api']['wall']:.2f} s / {t['proselint_api']['cpu']:.2f} s |",
        f"| Whole corpus, one process, --no-cache (wall / CPU) | {t['healthlint_jobs1_no_cache']['wall']:.2f} s / "
        f"{t['healthlint_jobs1_no_cache']['cpu']:.2f} s | - |",
        f"| Whole corpus, all cores (wall) | {t['healthlint_all_cores']['wall']:.2f} s | - |",
        f"| Whole corpus again, unchanged (cache, wall) | {t['healthlint_cached']['wall']:.2f} s | - |",
        f"| One {o['bytes']:,}-byte file, process start included (wall / CPU) | {o['healthlint']['wall'] * 1000:.0f} ms / "
        f"{o['healthlint']['cpu'] * 1000:.0f} ms | {o['proselint_cli']['wall'] * 1000:.0f} ms / {o['proselint_cli']['cpu'] * 1000:.0f} ms |",
        f"| Same, first run after install or upgrade (empty cache folder) | {o['healthlint_first_run']['wall'] * 1000:.0f} ms / "
        f"{o['healthlint_first_run']['cpu'] * 1000:.0f} ms | - |",
        f"| One file, peak memory (max RSS) | {o['healthlint']['rss_max_mb']:.0f} MB | {o['proselint_cli']['rss_max_mb']:.0f} MB |",
        f"| `python -c pass` in that environment | {o['python_startup']['wall'] * 1000:.0f} ms / {o['python_startup']['cpu'] * 1000:.0f} ms | |",
        "",
        "| Corpus size | Articles | Words | CPU time | µs per word |",
        "|---|---|---|---|---|",
    ]
    for i, row in enumerate(r["corpus_scaling"]):
        lines.append(f"| {4 ** i}x | {row['articles']:,} | {row['words']:,} | {row['cpu']:.2f} s | {row['us_per_word']:.1f} |")
    lines += ["", "| Article size | Lint time (one process) | µs per KB | x of 1 KB |", "|---|---|---|---|"]
    for row in r["article_scaling"]:
        lines.append(f"| {row['bytes']:,} B | {row['seconds'] * 1000:.1f} ms | {row['us_per_kb']:,.0f} | {row['x_of_1kb']:,.0f} |")
    rc = r["recall"]
    lines += ["", "| Injected defect | Category | Found / injected | Recall |", "|---|---|---|---|"]
    for kind, row in rc["kinds"].items():
        lines.append(f"| {kind} | {row['category']} | {row['found']} / {row['injected']} | {row['recall']:.0%} |")
    lines += ["", "| Category | Found / injected | Recall |", "|---|---|---|"]
    for cat, row in rc["categories"].items():
        lines.append(f"| {cat} | {row['found']} / {row['injected']} | {row['recall']:.0%} |")
    lines.append(f"\nFindings on lines with no injected defect: {rc['unexpected']} "
                 f"({rc['unexpected_per_10k_words']:.2f} per 10,000 words).")
    return "\n".join(lines)


def update_readme(table: str) -> None:
    readme = ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    start, end = "<!-- bench:start -->", "<!-- bench:end -->"
    head, rest = text.split(start, 1)
    _, tail = rest.split(end, 1)
    readme.write_text(f"{head}{start}\n{table}\n{end}{tail}", encoding="utf-8")
    print("updated README.md")


def main() -> None:
    ap = argparse.ArgumentParser(description="healthlint benchmark (see the module docstring)")
    ap.add_argument("--quick", action="store_true", help="400 articles and 2 repetitions")
    ap.add_argument("--articles", type=int, help="corpus size (default 2000; --quick 400)")
    ap.add_argument("--words", type=int, default=800, help="words per article")
    ap.add_argument("--repeat", type=int, help="repetitions per measurement (default 3; --quick 2)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--output", default=str(BENCH / "results.json"))
    ap.add_argument("--readme", action="store_true", help="write the tables into README.md between the bench markers")
    args = ap.parse_args()
    articles = args.articles or (400 if args.quick else 2000)
    repeat = args.repeat or (2 if args.quick else 3)
    started = time.time()
    install_healthlint()
    proselint = ensure_proselint()
    folder, manifest = make_corpus(articles, args.words, args.seed)
    tmp = DATA / "tmp"
    tmp.mkdir(parents=True, exist_ok=True)
    results = {"machine": machine(), "repeat": repeat, "corpus": {k: manifest[k] for k in ("articles", "words", "rate", "seed")},
               "proselint_version": PROSELINT_VERSION}
    results["one_file"] = one_file(proselint, max(repeat, 10), tmp)
    results["throughput"] = throughput(folder, manifest["words"], proselint, repeat, tmp)
    results["corpus_scaling"] = corpus_scaling(folder, manifest, repeat, tmp)
    results["article_scaling"] = article_scaling(tmp)
    results["recall"] = recall(folder, manifest)
    results["seconds"] = time.time() - started
    Path(args.output).write_text(json.dumps(results, indent=1, default=lambda o: None) + "\n")
    table = markdown(results)
    print()
    print(table)
    if args.readme:
        update_readme(table)
    print(f"\nwrote {args.output} in {results['seconds']:.0f} s")


if __name__ == "__main__":
    main()
