"""The value classes (healthlint.finding.value) behave exactly as the frozen dataclasses they
replace: same equality, hashing, ordering, repr, immutability, pickling, fields() and replace()."""
import copy
import dataclasses
import pickle
from pathlib import Path

import pytest

from healthlint.api import FixOutcome
from healthlint.config import Config
from healthlint.finding import FileResult, Finding, Fix, RawFinding, Severity
from healthlint.source import SourceFile


def reference(cls, order=False):
    """The frozen dataclass these fields made before: the behaviour to match."""
    spec = [(f.name, f.type, dataclasses.field(default=f.default, default_factory=f.default_factory,
                                               compare=f.compare, repr=f.repr))
            for f in dataclasses.fields(cls)]
    return dataclasses.make_dataclass(cls.__name__, spec, frozen=True, order=order)


FIX = Fix(3, 9, "x")
SAMPLES = [
    (Fix, [(1, 2, "a"), (1, 2, ""), (0, 0, "a")]),
    (RawFinding, [(0, 4, "m"), (0, 4, "m", "r", None, True, Severity.INFO, FIX), (0, 4, "n")]),
    (Finding, [("a.md", 1, 2, 1, 5, "HL101", "n", "claim", Severity.ERROR, "msg", 0, 3, FIX),
               ("a.md", 1, 2, 1, 5, "HL101", "other", "spam", Severity.INFO, "other"),
               ("a.md", 1, 2, 1, 5, "HL102", "n", "claim", Severity.ERROR, "msg"),
               ("b.md", 0, 9, 1, 5, "HL101", "n", "claim", Severity.ERROR, "msg")]),
    (FileResult, [("a.md",), ("a.md", (), "boom"), ("a.md", (), None, "text")]),
    (SourceFile, [("a", "t"), ("a", "t", "utf-16-le", True)]),
    (Config, [(), (Path("x/pyproject.toml"), ("HL1",), ("HL2",), ("drafts",), (("a", ("HL3",)),),
                   {"HL1": Severity.INFO}, {"HL101": {"k": 1}}, (Path("p.toml"),), "info", ())]),
    (FixOutcome, [(FileResult("a"),), (FileResult("a"), "x", "y", 2)]),
]


@pytest.mark.parametrize("cls, args_list", SAMPLES, ids=[c.__name__ for c, _ in SAMPLES])
def test_value_class_behaves_as_the_frozen_dataclass(cls, args_list):
    order = cls is Finding
    ref = reference(cls, order)
    pairs = [(cls(*args), ref(*args)) for args in args_list]
    assert [f.name for f in dataclasses.fields(cls)] == [f.name for f in dataclasses.fields(ref)]
    for (a, ra) in pairs:
        assert repr(a) == repr(ra)
        assert dataclasses.asdict(a) == dataclasses.asdict(ra)
        assert pickle.loads(pickle.dumps(a)) == a and copy.deepcopy(a) == a
        with pytest.raises(dataclasses.FrozenInstanceError):
            a.path = "x"
        with pytest.raises(dataclasses.FrozenInstanceError):
            del a.path
        assert a != ra and a != object()  # another class: never equal, as a dataclass
        for (b, rb) in pairs:
            assert (a == b) == (ra == rb) and (a != b) == (ra != rb)
            if order:
                assert (a < b, a <= b, a > b, a >= b) == (ra < rb, ra <= rb, ra > rb, ra >= rb)
            try:
                expected = hash(ra) == hash(rb)
            except TypeError:  # a Config holds dicts: unhashable either way
                with pytest.raises(TypeError):
                    hash(a)
                continue
            assert (hash(a) == hash(b)) == expected and hash(a) == hash(ra)
    first, last = pairs[0][0], pairs[-1][0]
    for f in dataclasses.fields(cls):
        changed = dataclasses.replace(first, **{f.name: getattr(last, f.name)})
        assert type(changed) is cls and getattr(changed, f.name) == getattr(last, f.name)
        assert all(getattr(changed, g.name) == getattr(first, g.name) for g in dataclasses.fields(cls) if g != f)


def test_finding_sorts_by_position_and_code():
    a = Finding("a.md", 2, 1, 2, 3, "HL101", "n", "claim", Severity.ERROR, "m")
    b = Finding("a.md", 1, 9, 1, 9, "HL201", "n", "spam", Severity.ERROR, "m")
    assert sorted([a, b]) == [b, a]
    with pytest.raises(TypeError):
        a < (1, 2)  # noqa: B015


def test_config_defaults_are_fresh_dicts():
    assert Config().severity == {} and Config().severity is not Config().severity
