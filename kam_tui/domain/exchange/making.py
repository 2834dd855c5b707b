"""Records made by the thousand (an import's): without the frozen dataclass's __init__."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import MISSING, fields
from typing import Any, TypeVar

from kam_tui.domain.models import Record

RecordT = TypeVar("RecordT", bound=Record)

_MAKERS: dict[type[Record], Callable[[dict[str, Any]], Any]] = {}


def record_maker(kind: type[RecordT]) -> Callable[[dict[str, Any]], RecordT]:
    """`kind(**values)` made without the frozen dataclass's __init__ (a third of the cost
    of building a mapped row): each slot set from `values` or the field's default, as
    __init__ sets it (the record kinds have no __post_init__), in straight-line code
    generated once per kind; values naming a field the kind lacks, or lacking one without
    a default, go through __init__, which refuses them."""
    found = _MAKERS.get(kind)
    if found is not None:
        return found
    names = frozenset(item.name for item in fields(kind))
    required = frozenset(
        item.name
        for item in fields(kind)
        if item.default is MISSING and item.default_factory is MISSING
    )
    scope: dict[str, Any] = {"new": object.__new__, "kind": kind, "names": names}
    scope["required"] = required
    lines = [
        "def make(values):",
        "    if not values.keys() <= names or not required <= values.keys():",
        "        return kind(**values)",
        "    made = new(kind)",
        "    get = values.get",
    ]
    for at, item in enumerate(fields(kind)):
        name = item.name
        scope[f"set{at}"] = getattr(kind, name).__set__
        if item.default_factory is not MISSING:
            scope[f"factory{at}"] = item.default_factory
            value = f"values[{name!r}] if {name!r} in values else factory{at}()"
        elif item.default is not MISSING:
            scope[f"default{at}"] = item.default
            value = f"get({name!r}, default{at})"
        else:
            value = f"values[{name!r}]"
        lines.append(f"    set{at}(made, {value})")
    lines.append("    return made")
    exec("\n".join(lines), scope)  # names are the dataclass's own fields
    made: Callable[[dict[str, Any]], RecordT] = scope["make"]
    _MAKERS[kind] = made
    return made


_BUILDERS: dict[tuple[type[Record], tuple[str, ...]], Callable[..., Any]] = {}


def record_builder(kind: type[RecordT], names: tuple[str, ...]) -> Callable[..., RecordT]:
    """A function taking the values of the fields `names`, in that order, and returning
    `kind(**dict(zip(names, values)))`, the other fields at their defaults: a record_maker
    for records of one shape (an import's links), without a dict per record."""
    found = _BUILDERS.get((kind, names))
    if found is not None:
        return found
    known = {item.name: item for item in fields(kind)}
    if not set(names) <= known.keys() or len(set(names)) != len(names):
        raise ValueError(f"{kind.__name__} has no fields {names!r}")
    scope: dict[str, Any] = {"new": object.__new__, "kind": kind}
    lines = [f"def build({', '.join(names)}):", "    made = new(kind)"]
    for at, item in enumerate(known.values()):
        name = item.name
        scope[f"set{at}"] = getattr(kind, name).__set__
        if name in names:
            value = name
        elif item.default_factory is not MISSING:
            scope[f"factory{at}"] = item.default_factory
            value = f"factory{at}()"
        elif item.default is not MISSING:
            scope[f"default{at}"] = item.default
            value = f"default{at}"
        else:
            raise ValueError(f"{kind.__name__}.{name} has no default")
        lines.append(f"    set{at}(made, {value})")
    lines.append("    return made")
    exec("\n".join(lines), scope)  # names are the dataclass's own fields
    built: Callable[..., RecordT] = scope["build"]
    _BUILDERS[kind, names] = built
    return built


def row_builder(
    kind: type[RecordT],
    keys: tuple[str, ...],
    skipped: object,
    defaults: Mapping[str, Any],
    extra: tuple[str, ...] = (),
) -> Callable[..., RecordT] | None:
    """A function `build(cells, *values)` returning the record whose field `keys[n]` is
    `cells[n]`, unless that is `skipped` (then `defaults[key]`, else the field's default),
    and whose fields `extra` are `values`: `record_maker` of a dict of the cells not
    skipped, without the dict (a mapped file's rows). None when a key is not a field of
    `kind` or is named twice (`record_maker` refuses such values)."""
    known = {item.name: item for item in fields(kind)}
    named = keys + extra
    if not set(named) <= known.keys() or len(set(named)) != len(named):
        return None
    scope: dict[str, Any] = {"new": object.__new__, "kind": kind, "skipped": skipped}
    parameters = "".join(f"{name}, " for name in extra)
    lines = [f"def build(cells, {parameters}/):", "    made = new(kind)"]
    for at, item in enumerate(known.values()):
        name = item.name
        scope[f"set{at}"] = getattr(kind, name).__set__
        if name in defaults:
            scope[f"default{at}"] = defaults[name]
            default = f"default{at}"
        elif item.default_factory is not MISSING:
            scope[f"factory{at}"] = item.default_factory
            default = f"factory{at}()"
        elif item.default is not MISSING:
            scope[f"default{at}"] = item.default
            default = f"default{at}"
        else:
            default = ""
        if name in extra:
            lines.append(f"    set{at}(made, {name})")
        elif name in keys:
            if not default:
                return None
            cell = keys.index(name)
            lines.append(f"    value = cells[{cell}]")
            lines.append(f"    set{at}(made, {default} if value is skipped else value)")
        elif default:
            lines.append(f"    set{at}(made, {default})")
        else:
            return None
    lines.append("    return made")
    exec("\n".join(lines), scope)  # names are the dataclass's own fields
    built: Callable[..., RecordT] = scope["build"]
    return built
