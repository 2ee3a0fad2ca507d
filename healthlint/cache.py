"""The on-disk cache: per-file results, so an unchanged repo re-lints in a fraction of a second,
and compiled patterns (healthlint.rxcache, healthlint.recache), so a one-file run starts fast.

Where: the user's own cache folder, `$XDG_CACHE_HOME/healthlint` (default `~/.cache/healthlint`),
or the folder named by $HEALTHLINT_CACHE_DIR. Never inside the linted repository: the cache holds
pickles and compiled regex opcodes, which are only safe to load from a place the user alone
writes; a content repo must not be able to plant one (nothing from the linted repo is executed).
The folder carries a CACHEDIR.TAG (and a .gitignore with `*`, should it be pointed into a repo).
It holds:

  results-<code>-<settings>.pickle   path -> (entry key, pickled findings) for one project and one way of running
  patterns-<format>-<regex>.pickle   compiled rule patterns (healthlint.rxcache)
  re-<python>.pickle                 compiled stdlib patterns (healthlint.recache)
  data-<name>.<digest>.pickle        word lists and tables derived from data files (derived())

An entry is reused only when its key matches: a digest of the file's decoded text and of the
effective config for that file (including the contents of its rule packs). The file name carries
a digest of healthlint's own code (every module and built-in rule pack), its version, Python's
and the dependencies' installed files, so editing a rule or upgrading anything starts afresh;
<settings> includes the working directory, so each project has its own results file.

Results are never written when stdin is linted, nor read or written with --no-cache (patterns
and derived tables never change findings and are still kept; $HEALTHLINT_CACHE_DIR="" turns off
all of it), and every read or write failure is silent: a read-only home still lints.
"""
from __future__ import annotations

import os
import pickle
import sys
from functools import lru_cache

from . import __version__

try:  # hashlib's own built-in SHA-256: the same digests, without loading OpenSSL (~3-5 ms a run)
    from _sha256 import sha256
except ImportError:  # Python 3.12 renamed it (_sha2); any other build
    from hashlib import sha256

CACHE_DIR_NAME = "healthlint"
ENV_VAR = "HEALTHLINT_CACHE_DIR"
DEPENDENCIES = ("regex", "markdown_it", "mdurl", "yaml")


def cache_dir() -> str | None:
    env = os.environ.get(ENV_VAR)
    if env is not None:
        return os.path.abspath(env) if env.strip() else None
    base = os.environ.get("XDG_CACHE_HOME", "").strip() or os.path.join(os.path.expanduser("~"), ".cache")
    if not os.path.isabs(base):  # XDG: a relative path is invalid and must be ignored
        return None
    return os.path.join(base, CACHE_DIR_NAME)


def _prepare(folder: str) -> None:
    if os.path.isdir(folder):
        return
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, ".gitignore"), "w") as fh:
        fh.write("# Created by healthlint automatically.\n*\n")
    with open(os.path.join(folder, "CACHEDIR.TAG"), "w") as fh:
        fh.write("Signature: 8a477f597d28d172789f06886806bc55\n# This is a healthlint cache folder.\n")


def write_atomic_quiet(path: str, data: bytes) -> bool:
    """Write via a temporary file and a rename, so readers never see half a file. Never raises."""
    tmp = None
    try:
        folder = os.path.dirname(path)
        _prepare(folder)
        # A new private file (what tempfile.mkstemp makes, without importing tempfile: ~6 ms).
        tmp = os.path.join(folder, f".tmp-{os.getpid()}-{os.urandom(6).hex()}")
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOFOLLOW", 0)
        fd = os.open(tmp, flags, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
        return True
    except Exception:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
        return False


def read_pickle(path: str | None) -> dict:
    """A store written by write_pickle, or {} when it is missing, truncated or not ours."""
    if not path:
        return {}
    try:
        with open(path, "rb") as fh:
            data = pickle.load(fh)
    except Exception:
        return {}
    return data if isinstance(data, dict) else {}


def write_pickle(path: str | None, data: dict) -> bool:
    return bool(path) and write_atomic_quiet(path, pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL))


def derived(name: str, sources, build):
    """build(), a table derived from the data files `sources`, kept in the cache folder so that
    later runs unpickle it (a few ms) instead of parsing the data again (tens of ms). The entry
    is keyed by healthlint's version, Python's and every source's path, size and mtime."""
    h = sha256(f"{__version__}\0{sys.version}\0{name}\0".encode())
    for source in sources:
        try:
            st = os.stat(source)
            h.update(f"{source}:{st.st_mtime_ns}:{st.st_size}\0".encode())
        except OSError:
            return build()
    folder = cache_dir()
    path = os.path.join(folder, f"data-{name}.{h.hexdigest()[:16]}.pickle") if folder else None
    stored = read_pickle(path)
    if "value" in stored:
        _touch(path)  # in use: prune_prefix keeps the most recently used versions
        return stored["value"]
    value = build()
    if path and write_pickle(path, {"value": value}):
        prune_prefix(folder, f"data-{name}.", os.path.basename(path), recent=KEEP_TABLES)
    return value


# Versions of a derived table kept: two installs sharing the cache folder (pre-commit's own
# environment and an editor's virtualenv) each have their own, and deleting the other's made
# both rebuild theirs (1-2 s) on every alternate run.
KEEP_TABLES = 4


def _touch(path: str) -> None:
    try:
        os.utime(path)
    except OSError:
        pass


def prune_prefix(folder: str, prefix: str, keep: str, recent: int = 1) -> None:
    """Delete the versions of a stored file other than `keep` and the `recent` - 1 most recently
    used (modified or touched) others: older versions are not read again."""
    try:
        others = [os.path.join(folder, e) for e in os.listdir(folder) if e.startswith(prefix) and e != keep]
        others.sort(key=os.path.getmtime, reverse=True)
        for path in others[recent - 1:]:
            os.unlink(path)
    except OSError:
        pass


def _package_files() -> list[str]:
    from .checks.packs import builtin_pack_files

    modules = sorted(_python_files(os.path.dirname(os.path.abspath(__file__))))
    return modules + builtin_pack_files()


def _python_files(folder: str) -> list[str]:
    """Every .py file below folder (os.scandir: a fifth of what Path.rglob costs)."""
    found = []
    for entry in os.scandir(folder):
        if entry.is_dir():
            if entry.name != "__pycache__":
                found += _python_files(entry.path)
        elif entry.name.endswith(".py"):
            found.append(entry.path)
    return found


@lru_cache(maxsize=1)
def code_digest() -> str:
    """Changes whenever healthlint's code or rule packs, Python or a dependency changes."""
    import importlib.util

    h = sha256(f"{__version__}\0{sys.version}\0".encode())
    for path in _package_files():  # size and mtime, like the dependencies: no file is read
        try:
            st = os.stat(path)
            h.update(f"{path}:{st.st_mtime_ns}:{st.st_size}\0".encode())
        except OSError:
            h.update(b"unreadable\0")
    for name in DEPENDENCIES:
        spec = importlib.util.find_spec(name)
        origin = getattr(spec, "origin", None) if spec else None
        try:
            st = os.stat(origin) if origin else None
            h.update(f"{name}:{origin}:{st.st_mtime_ns}:{st.st_size}\0".encode() if st else f"{name}:-\0".encode())
        except OSError:
            h.update(f"{name}:?\0".encode())
    return h.hexdigest()


def config_digest(config) -> str:
    """Everything in a Config that can change findings, including its rule packs' contents."""
    if config is None:
        return "none"
    fields = (
        str(config.path), config.select, config.ignore, config.exclude, config.per_file_ignores,
        sorted((k, v.value) for k, v in config.severity.items()),
        sorted((k, repr(v)) for k, v in config.rule_options.items()),
        tuple(str(p) for p in config.rule_packs), config.fail_on,
    )
    h = sha256(repr(fields).encode())
    for pack in config.rule_packs:
        try:
            with open(pack, "rb") as fh:
                h.update(fh.read())
        except OSError:
            h.update(b"unreadable")
    return h.hexdigest()


class ResultCache:
    """path -> findings for one way of running (rule selection, explicit config).

    Each file's findings are pickled on their own and unpickled only on a hit: after a run over a
    whole repository the store holds thousands of files, and a one-file run (a pre-commit hook)
    should neither rebuild nor re-pickle all their findings."""

    def __init__(self, folder: str, settings: str):
        self.folder = folder
        self.prefix = f"results-{code_digest()[:16]}-"
        self.path = os.path.join(folder, self.prefix + sha256(settings.encode()).hexdigest()[:16] + ".pickle")
        self.entries: dict[str, tuple[str, bytes]] = read_pickle(self.path)  # path -> (key, pickled findings)
        self._config_digests: dict[int, tuple[object, str]] = {}
        self.dirty = False

    def key(self, text: str, config) -> str:
        memo = self._config_digests.get(id(config))
        if memo is None or memo[0] is not config:
            memo = (config, config_digest(config))
            self._config_digests[id(config)] = memo
        h = sha256(memo[1].encode())
        h.update(text.encode("utf-8", "surrogatepass"))
        return h.hexdigest()

    def get(self, path: str, key: str):
        entry = self.entries.get(path)
        if entry is None or entry[0] != key:
            return None
        try:
            return pickle.loads(entry[1])
        except Exception:  # a damaged entry: lint the file again
            return None

    def put(self, path: str, key: str, findings: tuple) -> None:
        self.entries[path] = (key, pickle.dumps(findings, protocol=pickle.HIGHEST_PROTOCOL))
        self.dirty = True

    def save(self) -> None:
        if not self.dirty:
            return
        self.dirty = False
        if write_pickle(self.path, self.entries):
            self._prune()

    def _prune(self) -> None:
        """Results written by another version of the code can never be read again."""
        try:
            for name in os.listdir(self.folder):
                if name.startswith("results-") and not name.startswith(self.prefix):
                    os.unlink(os.path.join(self.folder, name))
        except OSError:
            pass
