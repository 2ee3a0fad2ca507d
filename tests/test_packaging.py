"""The wheel works on its own: the built-in rule packs ship inside it and are found when installed."""
import os
import subprocess
import sys
import zipfile

from conftest import ROOT


def test_installed_wheel_finds_its_rule_packs(tmp_path):
    # Build isolation fetches the build backend from the package registry, as `pip install .` does.
    wheels, target = tmp_path / "wheels", tmp_path / "site"
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check"]
    proc = subprocess.run(pip + ["wheel", "--no-deps", "-q", "-w", str(wheels), str(ROOT)],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    wheel = next(wheels.glob("healthlint-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    for pack in sorted(p.name for p in (ROOT / "rules").iterdir() if p.suffix in (".toml", ".yaml")):
        assert f"healthlint/_rules/{pack}" in names
    # Install it apart from the checkout (dependencies come from this environment) and lint from there.
    proc = subprocess.run(pip + ["install", "--no-deps", "-q", "--target", str(target), str(wheel)],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    article = tmp_path / "a.md"
    article.write_text("This tea cures diabetes.\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(target)}
    proc = subprocess.run([sys.executable, "-m", "healthlint", "check", "--no-config", str(article)],
                          capture_output=True, text=True, cwd=tmp_path, env=env, timeout=60)
    assert proc.returncode == 1, proc.stderr
    assert ": HL101 " in proc.stdout
    assert str(target) in subprocess.run(
        [sys.executable, "-c", "import healthlint.checks.packs as p; print(p.builtin_pack_dir())"],
        capture_output=True, text=True, cwd=tmp_path, env=env).stdout
