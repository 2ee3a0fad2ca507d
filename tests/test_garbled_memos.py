"""The garbled family's per-word memos stay bounded in a long-running process (the API, an editor
server): each starts afresh beyond lex.MAX_MEMO words, and answers as before after that."""
from healthlint.checks import _lexicon, _spelling


def _words(n, prefix="zq"):
    return [f"{prefix}{i:06d}x" for i in range(n)]


def test_spelling_memos_start_afresh_beyond_the_cap(monkeypatch):
    monkeypatch.setattr(_lexicon, "MAX_MEMO", 50)
    monkeypatch.setattr(_spelling, "_KNOWN", {})
    monkeypatch.setattr(_spelling, "_NOT_TYPOS", set())
    monkeypatch.setattr(_spelling, "_MAYBE_TYPOS", set())
    for word in _words(300) + ["fever", "symtoms"]:
        _spelling._known(word)
        assert len(_spelling._KNOWN) <= 50
    assert _spelling._known("fever") and not _spelling._known("symtoms")
    for i in range(0, 300, 40):
        _spelling.suspects(frozenset(_words(300)[i:i + 40] + ["fever", "symtoms", "The", "a1"]))
        assert len(_spelling._NOT_TYPOS) + len(_spelling._MAYBE_TYPOS) <= 50 + 44
    assert _spelling.suspects(frozenset(["fever", "symtoms", "The", "a1"])) == {"symtoms"}


def test_frequency_table_memo_starts_afresh_beyond_the_cap(monkeypatch):
    monkeypatch.setattr(_lexicon, "MAX_MEMO", 50)
    table = _lexicon.english_table()
    monkeypatch.setattr(table, "_seen", {})
    for word in _words(300) + ["fever"]:
        table.get(word)
        assert len(table._seen) <= 50
    assert table.get("fever") == _lexicon.english_frequencies()["fever"] and "zq000001x" not in table
