"""Per-file results are pickled one by one: a hit gives back the same findings, a damaged entry
is a miss (the file is linted again), and the other files' entries are kept as they were."""
from healthlint import cache
from healthlint.finding import Finding, Fix, Severity

FINDINGS = (Finding("a.md", 1, 2, 1, 9, "HL101", "cure-claim", "claim", Severity.ERROR, "msg", 1, 8, Fix(1, 8, "")),)


def test_entries_round_trip_and_damage_is_a_miss(tmp_path, monkeypatch):
    monkeypatch.setattr(cache, "code_digest", lambda: "c" * 64)
    store = cache.ResultCache(str(tmp_path), "settings")
    store.put("a.md", "k1", FINDINGS)
    store.put("b.md", "k2", ())
    store.save()
    again = cache.ResultCache(str(tmp_path), "settings")
    assert again.get("a.md", "k1") == FINDINGS and again.get("b.md", "k2") == ()
    assert again.get("a.md", "other key") is None and again.get("c.md", "k1") is None
    assert again.get("a.md", "k1")[0].fix == Fix(1, 8, "")
    again.entries["a.md"] = ("k1", b"damaged")
    assert again.get("a.md", "k1") is None
