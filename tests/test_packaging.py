"""The built-in rule packs ship inside the wheel (a non-editable install must find them)."""
import subprocess
import sys
import zipfile

from conftest import ROOT


def test_wheel_contains_rule_packs(tmp_path):
    # Build isolation fetches the build backend from the package registry, as `pip install .` does.
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
        capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    wheel = next(tmp_path.glob("healthlint-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    packs = sorted(p.name for p in (ROOT / "rules").iterdir() if p.suffix in (".toml", ".yaml"))
    for name in packs:
        assert f"healthlint/_rules/{name}" in names
    assert "healthlint/cli.py" in names and "healthlint/parse/markdown.py" in names
