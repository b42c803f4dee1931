"""The field wrapper: every fact about a field (label, unit, legal basis, value kind)
is declared once, on the field, and read from there by the layout, the schema
export, the docs and the messages."""

from __future__ import annotations

import datetime
import enum
import functools
import math
import typing
from collections.abc import Callable, Mapping
from types import UnionType
from typing import TYPE_CHECKING, Any, ClassVar, Final, Self, TypeVar, cast, dataclass_transform

import attrs

__all__ = [
    "MAX_COUNT",
    "FieldInfo",
    "Kind",
    "Model",
    "cell",
    "field_info",
    "field_types",
    "filled",
    "meta",
    "model",
    "node",
    "node_types",
    "object_class",
    "predicate",
    "substitute",
    "typevar_mapping",
]

#: The largest integer every JSON reader keeps exact (IEEE 754 double): 2**53 - 1.
MAX_COUNT: Final = 2**53 - 1

_METADATA_KEY: Final = "disclosure_schema"


class Kind(enum.Enum):
    """What a leaf value is, independent of where it sits."""

    COUNT = "count"  # JSON integer, 0 <= n <= MAX_COUNT
    SIGNED_COUNT = "signed_count"  # JSON integer, |n| <= MAX_COUNT (2019 本年增/减)
    AMOUNT = "amount"  # JSON number, 0 <= x <= MAX_COUNT, finite
    YEAR = "year"  # JSON integer, 2019 <= n <= 9999
    EDITION = "edition"  # "2019" | "2021"
    DATE = "date"  # "YYYY-MM-DD"
    TEXT = "text"  # non-empty string

    def accepts(self, value: object) -> bool:
        """True when ``value`` (a decoded JSON value) is a valid value of this kind."""
        return _ACCEPTS[self](value)


def _is_count(v: object) -> bool:
    # type() rather than isinstance(): bool is a subclass of int but is not a count.
    return type(v) is int and 0 <= v <= MAX_COUNT


def _is_signed(v: object) -> bool:
    return type(v) is int and -MAX_COUNT <= v <= MAX_COUNT


def _is_amount(v: object) -> bool:
    if type(v) is int:
        return 0 <= v <= MAX_COUNT
    return type(v) is float and math.isfinite(v) and 0 <= v <= MAX_COUNT


def _is_year(v: object) -> bool:
    return type(v) is int and 2019 <= v <= 9999


_ACCEPTS: Final[dict[Kind, Callable[[object], bool]]] = {
    Kind.COUNT: _is_count,
    Kind.SIGNED_COUNT: _is_signed,
    Kind.AMOUNT: _is_amount,
    Kind.YEAR: _is_year,
    Kind.EDITION: lambda v: v in ("2019", "2021") and type(v) is str,
    # DATE is checked for shape by the layout checker; here only the Python type.
    Kind.DATE: lambda v: type(v) is str,
    Kind.TEXT: lambda v: type(v) is str and v != "",
}


def predicate(kind: Kind) -> Callable[[object], bool]:
    """The plain function behind ``kind.accepts`` (no enum lookup per call: hot paths)."""
    return _ACCEPTS[kind]


@attrs.frozen(kw_only=True)
class FieldInfo:
    """Everything the library knows about one field of the report."""

    label_zh: str  # official Chinese label (the JSON Schema title)
    label_en: str  # short English label, used in messages
    description_en: str  # English description (the JSON Schema description)
    short_zh: str | None = None  # shorter Chinese label for messages, when the official one is long
    legal_basis: str | None = None  # article of the Regulations, e.g. "Art. 36(1)(2)"
    unit: str | None = None  # e.g. "件", "万元", "元"
    kind: Kind | None = None  # None: the field holds a nested object
    nullable: bool = False  # null allowed: the report did not give a number (blank, "/", "—")
    optional: bool = False  # the key may be absent

    @property
    def name_zh(self) -> str:
        """The label to use in messages."""
        return self.short_zh or self.label_zh


def field_info(attribute: attrs.Attribute[Any]) -> FieldInfo:
    """The :class:`FieldInfo` declared on an attrs attribute."""
    info = attribute.metadata.get(_METADATA_KEY)
    if not isinstance(info, FieldInfo):
        raise TypeError(f"field {attribute.name!r} was not declared with cell(), node() or meta()")
    return info


# -- validators (attrs guards invariants in __init__; the identities live elsewhere) --


def _kind_validator(kind: Kind, nullable: bool) -> Callable[[Any, attrs.Attribute[Any], Any], None]:
    def check(_instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if value is None and nullable:
            return
        if kind is Kind.DATE:
            # a datetime.date in the model (a datetime is not a date of publication)
            if type(value) is not datetime.date:
                raise TypeError(f"{attribute.name}: {value!r} is not a datetime.date")
            return
        if not kind.accepts(value):
            raise TypeError(f"{attribute.name}: {value!r} is not a valid {kind.value}")

    return check


def cell(
    label_zh: str,
    *,
    label_en: str,
    description_en: str,
    kind: Kind = Kind.COUNT,
    unit: str | None = "件",
    legal_basis: str | None = None,
    short_zh: str | None = None,
) -> Any:
    """A table cell: a required key whose value is a number, or null when not reported."""
    info = FieldInfo(
        label_zh=label_zh,
        label_en=label_en,
        description_en=description_en,
        short_zh=short_zh,
        legal_basis=legal_basis,
        unit=unit,
        kind=kind,
        nullable=True,
    )
    return attrs.field(validator=_kind_validator(kind, True), metadata={_METADATA_KEY: info})


def _optional(default: object) -> bool:
    """``default=None`` declares an optional field: the key may be absent.

    The default is passed at the call site, not hidden in a flag, because that is
    what type checkers read (``typing.dataclass_transform``): a field whose
    specifier call has ``default=`` may be left out of the constructor call.
    """
    if default is None:
        return True
    if default is attrs.NOTHING or isinstance(default, attrs.Factory):  # type: ignore[arg-type]
        return False
    raise TypeError(f"default must be None (an optional field), not {default!r}")


def _node_validator(optional: bool) -> Callable[[Any, attrs.Attribute[Any], Any], None]:
    def check(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if value is None and optional:
            return
        expected = node_types(type(instance))[attribute.name]
        if not _conforms(value, expected):
            got = type(value).__name__
            if isinstance(value, typing.get_origin(expected) or ()):
                got += " holding parts of another edition"
            raise TypeError(
                f"{attribute.name}: expected {_type_name(expected)}, got {got} {_short(value)}"
            )

    return check


def node(
    label_zh: str,
    *,
    label_en: str,
    description_en: str,
    legal_basis: str | None = None,
    short_zh: str | None = None,
    default: Any = attrs.NOTHING,
) -> Any:
    """A nested object (a table, a row group, a row). ``default=None`` makes it optional:
    the key may be absent, and the value is None then. The value's class is checked
    at construction (a dict or a string where a table belongs is a TypeError)."""
    optional = _optional(default)
    info = FieldInfo(
        label_zh=label_zh,
        label_en=label_en,
        description_en=description_en,
        short_zh=short_zh,
        legal_basis=legal_basis,
        optional=optional,
    )
    return attrs.field(
        default=default, validator=_node_validator(optional), metadata={_METADATA_KEY: info}
    )


def meta(
    label_zh: str,
    *,
    label_en: str,
    description_en: str,
    kind: Kind,
    unit: str | None = None,
    nullable: bool = False,
    default: Any = attrs.NOTHING,
) -> Any:
    """A scalar outside the tables (year, names, dates, fees). ``default=None`` makes it
    optional (the key may be absent); nullable ones are required but may be null when
    the report does not say. A Factory default computes a required key's value."""
    optional = _optional(default)
    info = FieldInfo(
        label_zh=label_zh,
        label_en=label_en,
        description_en=description_en,
        unit=unit,
        kind=kind,
        optional=optional,
        nullable=nullable,
    )
    validator = _kind_validator(kind, optional or nullable)
    return attrs.field(default=default, validator=validator, metadata={_METADATA_KEY: info})


class Model:
    """The base of every report model; it lets type checkers see the attrs classes."""

    __slots__ = ()
    if TYPE_CHECKING:
        __attrs_attrs__: ClassVar[tuple[attrs.Attribute[Any], ...]]

    def evolve(self, **changes: Any) -> Self:
        """A copy with some fields changed, checked as the constructor checks them.

        ``attrs.evolve`` does the same, but mypy's attrs plugin does not see these
        classes (declared through ``dataclass_transform``) as attrs classes.
        """
        return cast(Self, attrs.evolve(cast(Any, self), **changes))

    @classmethod
    def from_mapping(cls, values: Mapping[str, object]) -> Self:
        """A row (or any object of cells) from a mapping of field names to numbers.

        Cells the mapping leaves out are null (not reported), never 0. An unknown
        name raises KeyError; a bad value raises TypeError, as the constructor does.
        """
        names = [a.name for a in attrs.fields(cast(Any, cls))]
        unknown = sorted(map(str, set(values) - set(names)))  # str(): keys of any type
        if unknown:
            raise KeyError(f"{cls.__name__} has no field {', '.join(unknown)}; it has: {names}")
        return cls(**{n: values.get(n) for n in names})


_C = TypeVar("_C", bound=type[Model])


@dataclass_transform(frozen_default=True, kw_only_default=True, field_specifiers=(cell, node, meta))
def model(cls: _C) -> _C:
    """Class decorator for report models: frozen, slotted, keyword-only attrs classes."""
    return attrs.frozen(cls, kw_only=True)


# -- what a field's type stands for at run time (generics resolved) ---------------------


def substitute(tp: Any, mapping: Mapping[Any, Any]) -> Any:
    """``tp`` with its type variables replaced as ``mapping`` says."""
    if isinstance(tp, TypeVar):
        return mapping.get(tp, tp)
    args = typing.get_args(tp)
    origin = typing.get_origin(tp)
    if not args or origin is None:
        return tp
    new = tuple(substitute(a, mapping) for a in args)
    if origin is UnionType or origin is typing.Union:
        return functools.reduce(lambda a, b: a | b, new)
    return origin[new]


def typevar_mapping(tp: Any) -> tuple[type, dict[Any, Any]]:
    """The class behind ``tp`` and what its type variables stand for."""
    origin = typing.get_origin(tp) or tp
    mapping: dict[Any, Any] = {}
    if origin is not tp:
        mapping.update(zip(getattr(origin, "__parameters__", ()), typing.get_args(tp), strict=True))
    # A subclass of a parameterised generic (Report2021(Report[Proactive2021, ...])).
    for klass in origin.__mro__:
        for base in getattr(klass, "__orig_bases__", ()):
            base_origin = typing.get_origin(base)
            if base_origin is not None and attrs.has(base_origin):
                args = (substitute(a, mapping) for a in typing.get_args(base))
                mapping.update(zip(cast(Any, base_origin).__parameters__, args, strict=True))
    return origin, mapping


def object_class(tp: Any) -> Any:
    """The attrs class (possibly parameterised) of a field type, dropping ``| None``."""
    if typing.get_origin(tp) in (UnionType, typing.Union):
        members = [a for a in typing.get_args(tp) if a is not type(None)]
        return members[0] if len(members) == 1 else None
    return tp


@functools.cache
def field_types(tp: Any) -> dict[str, Any]:
    """Every field's type of the class behind ``tp``, its type variables substituted."""
    cls, mapping = typevar_mapping(tp)
    hints = typing.get_type_hints(cls)
    return {a.name: substitute(hints[a.name], mapping) for a in attrs.fields(cls)}


_NODE_TYPES: dict[type, dict[str, Any]] = {}


def node_types(cls: type) -> dict[str, Any]:
    """The type each node field of ``cls`` must hold (generic arguments kept)."""
    found = _NODE_TYPES.get(cls)
    if found is None:
        found = _NODE_TYPES[cls] = {
            a.name: object_class(tp)
            for a, tp in zip(attrs.fields(cls), field_types(cls).values(), strict=True)
            if field_info(a).kind is None
        }
    return found


def _conforms(value: object, tp: Any) -> bool:
    """``value`` is an instance of ``tp``; for a parameterised model (Applications[
    OtherProcessing]) the fields that depend on the parameter are checked too."""
    if isinstance(tp, TypeVar):  # not bound by the class: any of its constraints
        return any(_conforms(value, c) for c in tp.__constraints__)
    origin = typing.get_origin(tp) or tp
    if not isinstance(value, origin):
        return False
    if origin is tp:
        return True
    generic = node_types(origin)
    for name, field_tp in field_types(tp).items():
        specific = object_class(field_tp)
        if name not in generic or specific == generic[name]:
            continue  # a leaf, or a field that does not depend on the parameters
        inner = getattr(value, name)
        if inner is not None and not _conforms(inner, specific):
            return False
    return True


def _type_name(tp: Any) -> str:
    if isinstance(tp, TypeVar):
        return " or ".join(c.__name__ for c in tp.__constraints__)
    args = typing.get_args(tp)
    origin = typing.get_origin(tp) or tp
    name = getattr(origin, "__name__", repr(tp))
    return f"{name}[{', '.join(map(_type_name, args))}]" if args else name


def _short(value: object) -> str:
    text = repr(value)
    return f"({text[:40]}…)" if len(text) > 40 else f"({text})"


def filled(tp: Any, value: int | None) -> Any:
    """An object of type ``tp`` whose every table cell is ``value`` (None: blank, 0:
    zero) and whose optional parts are absent. Meta fields without a default must
    be given separately; this is for tables, rows and row groups."""
    cls, _ = typevar_mapping(object_class(tp))
    kwargs: dict[str, Any] = {}
    types = field_types(object_class(tp))
    for attribute in attrs.fields(cls):
        info = field_info(attribute)
        if info.optional:
            continue
        if info.kind is None:
            kwargs[attribute.name] = filled(types[attribute.name], value)
        elif info.nullable and info.kind in (Kind.COUNT, Kind.SIGNED_COUNT, Kind.AMOUNT):
            kwargs[attribute.name] = value
    return cls(**kwargs)
