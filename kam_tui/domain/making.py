"""Records made by the hundred thousand (an import's plan and write): by straight-line code
generated once per kind of record and shape of input, each slot set directly, without the
frozen dataclass's __init__ (which costs as much as the rest of making a row). The record
kinds have no __post_init__ and every slot is set, so a record made here is the one
__init__ or `replace` would make (tests/unit/test_import_columns.py compares them)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import MISSING, Field, fields
from typing import Any, TypeVar

from kam_tui.domain.models import Record

RecordT = TypeVar("RecordT", bound=Record)

Copier = Callable[[Any, int, Mapping[str, Any]], Any]
"""(record, new id, values) -> the record with that id and those fields replaced."""
_MADE: dict[tuple[Any, ...], Callable[..., Any]] = {}


class _Unmade(Exception):
    """A shape of input the generated code cannot take (a field it cannot set)."""


def _default(item: Field[Any], at: int, scope: dict[str, Any]) -> str:
    """The expression of a field's default (a factory called afresh); _Unmade without one."""
    if item.default_factory is not MISSING:
        scope[f"factory{at}"] = item.default_factory
        return f"factory{at}()"
    if item.default is not MISSING:
        scope[f"default{at}"] = item.default
        return f"default{at}"
    raise _Unmade(item.name)


def _generated(
    kind: type[Record],
    parameters: str,
    value_of: Callable[[Field[Any], int, dict[str, Any]], str],
    prelude: tuple[str, ...] = (),
    scope: dict[str, Any] | None = None,
) -> Callable[..., Any]:
    """`def make(<parameters>)` returning a record of `kind` whose every field is set to
    the expression `value_of(field, position, scope)` writes (after the `prelude` lines)."""
    scope = {**(scope or {}), "new": object.__new__, "kind": kind}
    lines = [f"def make({parameters}):", *prelude, "    made = new(kind)"]
    for at, item in enumerate(fields(kind)):
        scope[f"set{at}"] = getattr(kind, item.name).__set__
        lines.append(f"    set{at}(made, {value_of(item, at, scope)})")
    lines.append("    return made")
    exec("\n".join(lines), scope)  # names are the dataclass's own fields
    made: Callable[..., Any] = scope["make"]
    return made


def record_maker(kind: type[RecordT]) -> Callable[[dict[str, Any]], RecordT]:
    """`kind(**values)`: each field from `values`, else its default; values naming a field
    the kind lacks, or lacking one without a default, go through __init__, which refuses
    them."""
    key = ("maker", kind)
    found = _MADE.get(key)
    if found is not None:
        return found

    def value_of(item: Field[Any], at: int, scope: dict[str, Any]) -> str:
        name = item.name
        try:
            default = _default(item, at, scope)
        except _Unmade:
            return f"values[{name!r}]"
        if item.default_factory is not MISSING:
            return f"values[{name!r}] if {name!r} in values else {default}"
        return f"get({name!r}, {default})"

    names = frozenset(item.name for item in fields(kind))
    required = frozenset(
        item.name
        for item in fields(kind)
        if item.default is MISSING and item.default_factory is MISSING
    )
    prelude = (
        "    if not values.keys() <= names or not required <= values.keys():",
        "        return kind(**values)",
        "    get = values.get",
    )
    scope = {"names": names, "required": required}
    found = _MADE[key] = _generated(kind, "values", value_of, prelude, scope)
    return found


def record_builder(kind: type[RecordT], names: tuple[str, ...]) -> Callable[..., RecordT]:
    """A function taking the values of the fields `names`, in that order, and returning
    `kind(**dict(zip(names, values)))`, the other fields at their defaults: a record_maker
    for records of one shape (an import's links), without a dict per record."""
    key = ("builder", kind, names)
    found = _MADE.get(key)
    if found is not None:
        return found
    if not set(names) <= {item.name for item in fields(kind)} or len(set(names)) != len(names):
        raise ValueError(f"{kind.__name__} has no fields {names!r}")

    def value_of(item: Field[Any], at: int, scope: dict[str, Any]) -> str:
        return item.name if item.name in names else _default(item, at, scope)

    try:
        found = _MADE[key] = _generated(kind, ", ".join(names), value_of)
    except _Unmade as unmade:
        raise ValueError(f"{kind.__name__}.{unmade} has no default") from None
    return found


def row_builder(
    kind: type[RecordT],
    keys: tuple[str, ...],
    skipped: object,
    defaults: Mapping[str, Any],
    extra: tuple[str, ...] = (),
) -> Callable[..., RecordT] | None:
    """A function `make(cells, *values)` returning the record whose field `keys[n]` is
    `cells[n]`, unless that is `skipped` (then `defaults[key]`, else the field's default),
    and whose fields `extra` are `values`: `record_maker` of a dict of the cells not
    skipped, without the dict (a mapped file's rows). None when a key is not a field of
    `kind` or is named twice (`record_maker` refuses such values)."""
    named = keys + extra
    if not set(named) <= {item.name for item in fields(kind)} or len(set(named)) != len(named):
        return None

    def value_of(item: Field[Any], at: int, scope: dict[str, Any]) -> str:
        name = item.name
        if name in extra:
            return name
        if name in defaults:
            scope[f"default{at}"] = defaults[name]
            default = f"default{at}"
        else:
            default = _default(item, at, scope)
        if name not in keys:
            return default
        return f"{default} if (cell := cells[{keys.index(name)}]) is skipped else cell"

    parameters = "".join(f", {name}" for name in extra)
    try:
        built: Callable[..., RecordT] = _generated(
            kind, f"cells{parameters}, /", value_of, scope={"skipped": skipped}
        )
    except _Unmade:
        return None
    return built


def record_copier(kind: type[Record], names: frozenset[str]) -> Copier:
    """A function copying a record of `kind` with a new id and the fields in `names` set
    from its third argument: the record `replace` would make (a store's bulk insert of an
    import's records with their ids)."""
    key = ("copier", kind, names)
    found = _MADE.get(key)
    if found is not None:
        return found

    def value_of(item: Field[Any], at: int, scope: dict[str, Any]) -> str:
        name = item.name
        if name == "id":
            return "record_id"
        return f"values[{name!r}]" if name in names else f"record.{name}"

    found = _MADE[key] = _generated(kind, "record, record_id, values", value_of)
    return found
