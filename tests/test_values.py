"""The value classes (healthlint.finding.value) behave exactly as the frozen dataclasses they
replace: same equality, hashing, ordering, repr, immutability, pickling, fields() and replace()."""
import copy
import dataclasses
import pickle

import pytest

from healthlint.api import FixOutcome
from healthlint.checks.base import RuleDocs
from healthlint.config import Config
from healthlint.document import Block, Comment, Document, Link
from healthlint.engine import ActiveRule
from healthlint import finding
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
    (Config, [(), ("x/pyproject.toml", ("HL1",), ("HL2",), ("drafts",), (("a", ("HL3",)),),
                   {"HL1": Severity.INFO}, {"HL101": {"k": 1}}, ("p.toml",), "info", ())]),
    (FixOutcome, [(FileResult("a"),), (FileResult("a"), "x", "y", 2)]),
    (Link, [(0, 4, "https://a.example"), (0, 4, "https://b.example"), (1, 4, "https://a.example")]),
    (Comment, [(0, 9, " healthlint-disable "), (0, 9, " x "), (3, 9, " x ")]),
    (RuleDocs, [("w", "y", "e", "i"), ("w", "y", "e", "j")]),
    (ActiveRule, [(None, Severity.INFO, {}), (None, Severity.ERROR, {"k": 1})]),
]


@pytest.mark.parametrize("cls, args_list", SAMPLES, ids=[c.__name__ for c, _ in SAMPLES])
def test_value_class_behaves_as_the_frozen_dataclass(cls, args_list):
    order = cls is Finding
    ref = reference(cls, order)
    pairs = [(cls(*args), ref(*args)) for args in args_list]
    assert [f.name for f in dataclasses.fields(cls)] == [f.name for f in dataclasses.fields(ref)]
    assert cls.__match_args__ == ref.__match_args__  # `case Finding(path, line):` works as on a dataclass
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
        assert repr(finding.replace(first, **{f.name: getattr(last, f.name)})) == repr(changed)  # healthlint's own replace
    with pytest.raises(TypeError):
        finding.replace(first, no_such_field=1)


IDENTITY = [
    (Block, [("paragraph", "Text.", ((0, 3, 5, 5),)), ("heading", "T", (), (Link(0, 1, "u"),), 2)]),
    (Document, [("a.md", "markdown", "x", ()), ("a.md", "markdown", "x", (), {"title": "T"}, (0, 9), (), ((0, 9),), "T")]),
]


@pytest.mark.parametrize("cls, args_list", IDENTITY, ids=[c.__name__ for c, _ in IDENTITY])
def test_frozen_class_behaves_as_the_frozen_dataclass_without_eq(cls, args_list):
    spec = [(f.name, f.type, dataclasses.field(default=f.default, default_factory=f.default_factory))
            for f in dataclasses.fields(cls)]
    ref = dataclasses.make_dataclass(cls.__name__, spec, frozen=True, eq=False)
    for args in args_list:
        a, ra = cls(*args), ref(*args)
        assert repr(a) == repr(ra) and dataclasses.asdict(a) == dataclasses.asdict(ra)
        assert a == a and a != cls(*args) and hash(a) == object.__hash__(a)  # by identity, as eq=False makes it
        with pytest.raises(dataclasses.FrozenInstanceError):
            a.text = "x"
        with pytest.raises(dataclasses.FrozenInstanceError):
            del a.text
        assert repr(pickle.loads(pickle.dumps(a))) == repr(a)
        changed = dataclasses.replace(a, text="other")
        assert type(changed) is cls and changed.text == "other" and repr(dataclasses.replace(changed, text=a.text)) == repr(a)


def test_finding_sorts_by_position_and_code():
    a = Finding("a.md", 2, 1, 2, 3, "HL101", "n", "claim", Severity.ERROR, "m")
    b = Finding("a.md", 1, 9, 1, 9, "HL201", "n", "spam", Severity.ERROR, "m")
    assert sorted([a, b]) == [b, a]
    with pytest.raises(TypeError):
        a < (1, 2)  # noqa: B015


def test_config_defaults_are_fresh_dicts():
    assert Config().severity == {} and Config().severity is not Config().severity
