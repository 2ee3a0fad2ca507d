"""The README keeps its promises: the two commands up front, and a rule table generated from the rules."""
import re

from conftest import ROOT
from helpers import run

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_starts_with_the_two_commands():
    block = re.search(r"```sh\n(.*?)```", README, re.S).group(1)
    lines = [line.split("#")[0].strip() for line in block.strip().splitlines()]
    assert lines[0] == "pip install . && healthlint check fixtures/articles/"
    assert lines[1] == 'pip install ".[test]" && python -m pytest'
    assert (ROOT / "fixtures" / "articles").is_dir()


def test_readme_rule_table_is_generated():
    table = run("rules", "--format", "markdown").stdout.strip()
    current = re.search(r"<!-- rules:start -->\n(.*?)\n?<!-- rules:end -->", README, re.S).group(1).strip()
    assert current == table, "README rule table is stale: paste `healthlint rules --format markdown` between the markers"


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert 'pip install --quiet ".[test]" && python -m pytest' in ci
