"""Records made by the thousand (an import's): without the frozen dataclass's __init__."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import MISSING, fields
from typing import Any, TypeVar

from kam_tui.domain.models import Record

RecordT = TypeVar("RecordT", bound=Record)

_MAKERS: dict[type[Record], Callable[[dict[str, Any]], Any]] = {}


def record_maker(kind: type[RecordT]) -> Callable[[dict[str, Any]], RecordT]:
    """`kind(**values)` made without the frozen dataclass's __init__ (a third of the cost
    of building a mapped row): each slot set from `values` or the field's default, as
    __init__ sets it (the record kinds have no __post_init__); values naming a field the
    kind lacks go through __init__, which refuses them."""
    found = _MAKERS.get(kind)
    if found is not None:
        return found
    slots: list[tuple[str, Callable[[Any, Any], None], Any, Callable[[], Any] | None]] = []
    for item in fields(kind):
        factory = None if item.default_factory is MISSING else item.default_factory
        slots.append((item.name, getattr(kind, item.name).__set__, item.default, factory))
    names = frozenset(name for name, *_ in slots)
    required = frozenset(
        name for name, _, default, factory in slots if default is MISSING and factory is None
    )
    new = object.__new__

    def make(values: dict[str, Any]) -> RecordT:
        if not values.keys() <= names or not required <= values.keys():
            return kind(**values)
        record: RecordT = new(kind)
        for name, set_slot, default, factory in slots:
            if name in values:
                set_slot(record, values[name])
            else:
                set_slot(record, default if factory is None else factory())
        return record

    found = _MAKERS[kind] = make
    return found
