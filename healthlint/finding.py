"""Findings: the immutable values every rule produces and every formatter consumes."""
from __future__ import annotations

from enum import Enum
from operator import attrgetter

CATEGORIES = ("spam", "boilerplate", "garbled", "disclaimer", "claim", "sourcing", "readability")


class Frozen:
    """Base of the read-only classes made with value(): shown as Name(field=..., ...), compared
    by identity. Exactly what @dataclass(frozen=True, eq=False) makes."""

    __slots__ = ()
    _shown = None  # set by declared(): the shown fields' names

    def __repr__(self):
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._shown)
        return f"{self.__class__.__qualname__}({shown})"

    def __setattr__(self, name, value):
        from dataclasses import FrozenInstanceError  # imported on this error only (~15 ms)

        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name):
        from dataclasses import FrozenInstanceError

        raise FrozenInstanceError(f"cannot delete field {name!r}")


class Value(Frozen):
    """Base of the immutable value classes (see value()): compared and hashed by their fields'
    values. Exactly what @dataclass(frozen=True) makes."""

    __slots__ = ()
    _key = None  # set by value(): the compared fields' getter

    def __eq__(self, other):
        if other.__class__ is self.__class__:
            return self._key(self) == other._key(other)
        return NotImplemented

    def __hash__(self):
        return hash(self._key(self))


class OrderedValue(Value):
    """A Value that also orders by its compared fields, as @dataclass(order=True) does."""

    __slots__ = ()

    def __lt__(self, other):
        return self._key(self) < other._key(other) if other.__class__ is self.__class__ else NotImplemented

    def __le__(self, other):
        return self._key(self) <= other._key(other) if other.__class__ is self.__class__ else NotImplemented

    def __gt__(self, other):
        return self._key(self) > other._key(other) if other.__class__ is self.__class__ else NotImplemented

    def __ge__(self, other):
        return self._key(self) >= other._key(other) if other.__class__ is self.__class__ else NotImplemented


_MISSING = object()


class field:  # noqa: N801 - written where dataclasses.field would be
    """A field's default and whether it is compared, in a value class's body (as dataclasses.field)."""

    __slots__ = ("default", "default_factory", "compare", "type")

    def __init__(self, *, default=_MISSING, default_factory=_MISSING, compare: bool = True):
        self.default, self.default_factory, self.compare = default, default_factory, compare
        self.type = "object"  # the annotation, set by declared()


def declared(cls):
    """Note the fields a class body declares (its annotations, in order, with their defaults) in
    cls._declared, and make dataclasses.fields(), replace() and asdict() work on its instances.
    The class writes its own __init__ (and, if it has one, __repr__). Not @dataclass: importing
    dataclasses (with inspect, ast, dis) costs ~15 ms of every run, and generating its methods
    1-3 ms per class; its Field objects are made only when something asks for them."""
    fields = dict(getattr(cls, "_declared", {}))  # a subclass keeps its bases' fields
    for name, annotation in cls.__dict__.get("__annotations__", {}).items():
        spec = cls.__dict__.get(name, _MISSING)
        if not isinstance(spec, field):
            spec = field(default=spec)
        spec.type = annotation
        if spec.default is _MISSING:
            if name in cls.__dict__:
                delattr(cls, name)
        else:
            setattr(cls, name, spec.default)
        fields[name] = spec
    cls._declared = fields
    cls._shown = cls.__match_args__ = tuple(fields)  # repr's fields; positional patterns, as a dataclass has
    cls.__dataclass_fields__ = _DataclassFields()
    return cls


def value(cls):
    """A frozen value class whose methods are written rather than generated (see declared()). The
    class subclasses Value (or OrderedValue), writes its own __init__ (setting fields with
    setfield) and behaves as @dataclass(frozen=True) would make it (tests/test_values.py). A class
    that subclasses Frozen but not Value is compared by identity, as @dataclass(eq=False) makes it."""
    cls = declared(cls)
    if issubclass(cls, Value):
        compared = [name for name, spec in cls._declared.items() if spec.compare]
        get = attrgetter(*compared)
        cls._key = staticmethod(get if len(compared) > 1 else lambda v: (get(v),))
    return cls


class _DataclassFields:
    """A declared class's __dataclass_fields__, made on first use: what dataclasses.fields(),
    replace(), asdict() and is_dataclass() read. The public API promises dataclasses (README)."""

    def __get__(self, obj, cls):
        import dataclasses

        spec = [(name, f.type, _dataclass_field(dataclasses, f)) for name, f in cls._declared.items()]
        made = dataclasses.make_dataclass(cls.__name__, spec, init=False, repr=False, eq=False).__dataclass_fields__
        type.__setattr__(cls, "__dataclass_fields__", made)
        return made


def _dataclass_field(dataclasses, spec: field):
    if spec.default_factory is not _MISSING:
        return dataclasses.field(default_factory=spec.default_factory, compare=spec.compare)
    if spec.default is not _MISSING:
        return dataclasses.field(default=spec.default, compare=spec.compare)
    return dataclasses.field(compare=spec.compare)


def replace(obj, **changes):
    """A copy of a declared class's instance with some fields changed (dataclasses.replace)."""
    unknown = changes.keys() - obj._declared.keys()
    if unknown:
        raise TypeError(f"{obj.__class__.__name__} has no field {sorted(unknown)[0]!r}")
    return obj.__class__(**{name: changes[name] if name in changes else getattr(obj, name) for name in obj._declared})


setfield = object.__setattr__  # how a Value's __init__ sets its read-only fields


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"info": 1, "warning": 2, "error": 3}[self.value]

    @classmethod
    def parse(cls, value: str) -> "Severity":
        try:
            return cls(str(value).lower())
        except ValueError:
            raise ValueError(f"unknown severity {value!r} (expected error, warning or info)") from None


@value
class Fix(Value):
    """Replace source[start:end] (offsets in the decoded file text) with `replacement`."""

    start: int
    end: int
    replacement: str

    def __init__(self, start: int, end: int, replacement: str):
        setfield(self, "start", start)
        setfield(self, "end", end)
        setfield(self, "replacement", replacement)

    @classmethod
    def deletion(cls, span: tuple[int, int] | None) -> "Fix | None":
        """Delete source[start:end]; None when a rule found no safe span to delete."""
        return cls(span[0], span[1], "") if span else None


@value
class RawFinding(Value):
    """What a rule returns: a span relative to the unit it was given, never a line number.

    For block and sentence rules, start/end index the unit's text. Document rules may instead
    name the block the span belongs to (`block`), or give source offsets with `absolute=True`.
    A fix's offsets are relative in the same way.
    """

    start: int
    end: int
    message: str
    fix_replacement: str | None = None
    block: object | None = None
    absolute: bool = False
    severity: Severity | None = None  # a rule may raise or lower one finding's severity
    # A fix whose span differs from the finding's (delete a whole chrome line, append a disclaimer
    # at the end): absolute offsets in the decoded file text. Wins over fix_replacement.
    fix: Fix | None = None

    def __init__(self, start: int, end: int, message: str, fix_replacement: str | None = None,
                 block: object | None = None, absolute: bool = False, severity: Severity | None = None,
                 fix: Fix | None = None):
        setfield(self, "start", start)
        setfield(self, "end", end)
        setfield(self, "message", message)
        setfield(self, "fix_replacement", fix_replacement)
        setfield(self, "block", block)
        setfield(self, "absolute", absolute)
        setfield(self, "severity", severity)
        setfield(self, "fix", fix)


@value
class Finding(OrderedValue):
    """One finding in one file: ordered by path, position and code."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    code: str
    name: str = field(compare=False)
    category: str = field(compare=False)
    severity: Severity = field(compare=False)
    message: str = field(compare=False)
    start: int = field(default=0, compare=False)  # offset in the decoded file text
    end: int = field(default=0, compare=False)
    fix: Fix | None = field(default=None, compare=False)

    def __init__(self, path: str, line: int, column: int, end_line: int, end_column: int, code: str,
                 name: str, category: str, severity: Severity, message: str, start: int = 0, end: int = 0,
                 fix: Fix | None = None):
        setfield(self, "path", path)
        setfield(self, "line", line)
        setfield(self, "column", column)
        setfield(self, "end_line", end_line)
        setfield(self, "end_column", end_column)
        setfield(self, "code", code)
        setfield(self, "name", name)
        setfield(self, "category", category)
        setfield(self, "severity", severity)
        setfield(self, "message", message)
        setfield(self, "start", start)
        setfield(self, "end", end)
        setfield(self, "fix", fix)

    def to_dict(self) -> dict:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "code": self.code,
            "name": self.name,
            "category": self.category,
            "severity": self.severity.value,
            "message": self.message,
            "fixable": self.fix is not None,
        }


@value
class FileResult(Value):
    """Everything the formatters need about one input: its findings, or why it was not linted."""

    path: str
    findings: tuple[Finding, ...] = ()
    error: str | None = None  # set when the input could not be linted (exit code 2)
    text: str | None = None  # decoded source, for code frames in the text format

    def __init__(self, path: str, findings: tuple[Finding, ...] = (), error: str | None = None,
                 text: str | None = None):
        setfield(self, "path", path)
        setfield(self, "findings", findings)
        setfield(self, "error", error)
        setfield(self, "text", text)
