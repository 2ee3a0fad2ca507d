import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run(*args, cwd=None, input=None, env=None):
    """Run the real CLI in a subprocess, as a user or CI would."""
    full_env = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "healthlint", *map(str, args)],
        cwd=cwd, input=input, capture_output=True, text=True, env=full_env, timeout=60,
    )


def run_json(*args, **kw):
    proc = run("check", "--format", "json", *args, **kw)
    return proc, json.loads(proc.stdout or "[]")


def write(folder: Path, name: str, text: str, newline="\n", encoding="utf-8") -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.replace("\n", newline).encode(encoding))
    return path
