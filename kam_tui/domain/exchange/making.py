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
