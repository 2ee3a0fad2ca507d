"""The compiled-pattern store unpickles an entry only when a run asks for it, keeps the entries a
run did not use, and treats a damaged entry as missing."""
import regex

from healthlint import rxcache

F = regex.IGNORECASE | regex.VERSION0
SOURCES = [r"\bcures?\b", r"(?x: \b(?P<match>miracle\s+(?:pill|tea)) )", r"\b\d+\s*%\s+(?:cure|success)\b"]


def _new_process(monkeypatch):
    """As a new process finds it: the store not yet read (and this process's own state restored
    when the test ends)."""
    monkeypatch.setattr(rxcache, "_store", None)
    monkeypatch.setattr(rxcache, "_entries", {})


def test_entries_are_unpickled_only_when_used(tmp_path, monkeypatch):
    monkeypatch.setenv("HEALTHLINT_CACHE_DIR", str(tmp_path))
    _new_process(monkeypatch)
    for source in SOURCES:
        rxcache.compile(source, F)
    assert rxcache.literal_screen(r"\d+", F) is None  # a stored None is an answer, not a miss
    assert rxcache.memo(("test", 1), lambda: {"parsed": [1, 2]}) == {"parsed": [1, 2]}
    rxcache.save()
    _new_process(monkeypatch)
    used = rxcache.compile(SOURCES[1], F)
    keys = [(s, int(F), int(regex.DEFAULT_VERSION)) for s in SOURCES]
    assert set(rxcache._entries) == {keys[1]} and all(k in rxcache._store for k in keys)
    assert used.search("a Miracle  Tea").group("match") == "Miracle  Tea"
    assert rxcache.literal_screen(r"\d+", F) is None and rxcache.memo(("test", 1), list) == {"parsed": [1, 2]}
    rxcache.compile(r"\bnew\b", F)
    rxcache.save()  # the entries this run never unpickled are written back as they were
    _new_process(monkeypatch)
    for source in SOURCES:
        stored, fresh = rxcache.compile(source, F), regex.compile(source, F)
        text = "It cures 90 % success, a miracle pill."
        assert [m.span() for m in stored.finditer(text)] == [m.span() for m in fresh.finditer(text)]
        assert stored.flags == fresh.flags and stored.groupindex == fresh.groupindex


def test_a_damaged_entry_is_compiled_again(tmp_path, monkeypatch):
    monkeypatch.setenv("HEALTHLINT_CACHE_DIR", str(tmp_path))
    _new_process(monkeypatch)
    rxcache.compile(SOURCES[0], F)
    rxcache.save()
    _new_process(monkeypatch)
    key = (SOURCES[0], int(F), int(regex.DEFAULT_VERSION))
    rxcache._load()[key] = b"not a pickle"
    assert rxcache.compile(SOURCES[0], F).search("it CURES")
    assert rxcache._entries[key][0] == SOURCES[0]  # compiled afresh and stored again
