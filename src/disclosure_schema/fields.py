"""The field wrapper: every fact about a field (label, unit, legal basis, value kind)
is declared once, on the field, and read from there by the layout, the schema
export, the docs and the messages."""

from __future__ import annotations

import enum
import math
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar, Final, TypeVar, dataclass_transform

import attrs

__all__ = [
    "MAX_COUNT",
    "FieldInfo",
    "Kind",
    "Model",
    "cell",
    "field_info",
    "meta",
    "model",
    "node",
    "predicate",
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
            return  # a datetime.date in the model; typed by its annotation
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


def node(
    label_zh: str,
    *,
    label_en: str,
    description_en: str,
    legal_basis: str | None = None,
    short_zh: str | None = None,
    optional: bool = False,
) -> Any:
    """A nested object (a table, a row group, a row). Optional ones may be absent (None)."""
    info = FieldInfo(
        label_zh=label_zh,
        label_en=label_en,
        description_en=description_en,
        short_zh=short_zh,
        legal_basis=legal_basis,
        optional=optional,
    )
    if optional:
        return attrs.field(default=None, metadata={_METADATA_KEY: info})
    return attrs.field(metadata={_METADATA_KEY: info})


def meta(
    label_zh: str,
    *,
    label_en: str,
    description_en: str,
    kind: Kind,
    unit: str | None = None,
    optional: bool = False,
    nullable: bool = False,
    default: Any = attrs.NOTHING,
) -> Any:
    """A scalar outside the tables (year, names, dates, fees). Optional ones may be
    absent; nullable ones are required but may be null when the report does not say."""
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
    if optional:
        return attrs.field(default=None, validator=validator, metadata={_METADATA_KEY: info})
    return attrs.field(default=default, validator=validator, metadata={_METADATA_KEY: info})


class Model:
    """The base of every report model; it lets type checkers see the attrs classes."""

    __slots__ = ()
    if TYPE_CHECKING:
        __attrs_attrs__: ClassVar[tuple[attrs.Attribute[Any], ...]]


_C = TypeVar("_C", bound=type[Model])


@dataclass_transform(frozen_default=True, kw_only_default=True, field_specifiers=(cell, node, meta))
def model(cls: _C) -> _C:
    """Class decorator for report models: frozen, slotted, keyword-only attrs classes."""
    return attrs.frozen(cls, kw_only=True)
