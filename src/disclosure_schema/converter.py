"""cattrs converters between reports and JSON-ready data.

Converters come from :func:`make_converter`, never from cattrs' global one. Its
hooks are strict: cattrs on its own structures ``int`` by calling ``int(x)``,
which would turn ``"12"``, ``12.9`` and ``True`` into counts.
"""

from __future__ import annotations

import datetime
import functools
from typing import Any

import cattrs
from cattrs.gen import make_dict_unstructure_fn, override

from .checking import is_date
from .fields import Kind
from .limits import is_utf8
from .model import Report, Report2019, Report2021

__all__ = ["make_converter"]


def _strict(kind: Kind, nullable: bool = False) -> Any:
    def structure(value: Any, _type: Any) -> Any:
        if value is None and nullable:
            return None
        if not kind.accepts(value):
            raise TypeError(f"{value!r} is not a valid {kind.value}")
        if isinstance(value, str) and not is_utf8(value):
            # a dict can hold what no JSON text may: as strict as loads() on every path
            raise TypeError(f"{value!r} holds a lone surrogate")
        return value

    return structure


def _date(value: Any, _type: Any) -> datetime.date:
    if not is_date(value):
        raise ValueError(f"{value!r} is not a date as YYYY-MM-DD")
    return datetime.date.fromisoformat(value)


def make_converter() -> cattrs.Converter:
    """A new converter for reports: strict on structuring, key order kept on unstructuring.

    Optional keys that are None are left out; cells that are None stay as null.
    """
    converter = cattrs.Converter(forbid_extra_keys=True, omit_if_default=True)
    # Value kinds by annotation. Ranges are also guarded by the models' validators.
    converter.register_structure_hook(int, _strict(Kind.SIGNED_COUNT))
    converter.register_structure_hook(int | None, _strict(Kind.SIGNED_COUNT, nullable=True))
    converter.register_structure_hook(int | float | None, _strict(Kind.AMOUNT, nullable=True))
    converter.register_structure_hook(str, _strict(Kind.TEXT))
    converter.register_structure_hook(str | None, _strict(Kind.TEXT, nullable=True))
    converter.register_structure_hook(datetime.date, _date)
    converter.register_unstructure_hook(datetime.date, datetime.date.isoformat)
    for cls in (Report2021, Report2019):
        # omit_if_default would drop the edition, whose default is derived from the class.
        converter.register_unstructure_hook(
            cls,
            make_dict_unstructure_fn(
                cls,
                converter,
                _cattrs_omit_if_default=True,
                edition=override(omit_if_default=False),
            ),
        )
    return converter


@functools.cache
def default_converter() -> cattrs.Converter:
    """The converter the library's own functions use."""
    return make_converter()


def unstructure(report: Report[Any, Any]) -> dict[str, Any]:
    data: dict[str, Any] = default_converter().unstructure(report)
    return data


def structure(data: dict[str, Any], cls: type[Report2021] | type[Report2019]) -> Any:
    return default_converter().structure(data, cls)
