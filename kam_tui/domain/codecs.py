"""How each kind of field is read from a stored JSON document and written into one.

A document comes from a file that may be damaged or edited by hand, so every read checks
the JSON type and names the field when it is wrong.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from kam_tui.domain.errors import RecordError
from kam_tui.domain.fields import FieldKind
from kam_tui.domain.numbers import parse_decimal
from kam_tui.domain.parts import CustomValue, KeyResult, TeamMember
from kam_tui.domain.text import quoted


def read_json(doc: dict[str, Any], key: str, kind: type | tuple[type, ...], default: Any) -> Any:
    """Read `key` from a stored document, checking its JSON type."""
    value = doc.get(key, default)
    if type(value) is kind or value is default:
        return value  # the common case, kept cheap: stores hold hundreds of thousands
    if isinstance(value, bool) and kind is int:
        raise RecordError(key, f"expected a whole number, found {quoted(value)}")
    if value is None or not isinstance(value, kind):
        # null only where the field's own default is null: a null name or list would
        # reach the code that measures, sorts or walks it
        expected = kind.__name__ if isinstance(kind, type) else "/".join(k.__name__ for k in kind)
        found = "null" if value is None else f"{type(value).__name__} {quoted(value)}"
        raise RecordError(key, f"expected {expected}, found {found}")
    return value


def _get_date(doc: dict[str, Any], key: str) -> date | None:
    """Read an ISO date (or None) from a stored document."""
    value = read_json(doc, key, str, None)
    if value is None or value == "":
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise RecordError(key, f"expected an ISO date, found {quoted(value)}") from None


def _get_datetime(doc: dict[str, Any], key: str) -> datetime | None:
    """Read an ISO timestamp (or None) from a stored document."""
    value = read_json(doc, key, str, None)
    if value is None or value == "":
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        raise RecordError(key, f"expected an ISO timestamp, found {quoted(value)}") from None


def iso(value: date | datetime | None) -> str | None:
    """A day or a moment in ISO 8601, or None."""
    return None if value is None else value.isoformat()


def _strings(doc: dict[str, Any], key: str) -> tuple[str, ...]:
    value = read_json(doc, key, list, [])
    if not all(isinstance(item, str) for item in value):
        raise RecordError(key, "expected a list of strings")
    return tuple(value)


def _ints(doc: dict[str, Any], key: str) -> tuple[int, ...]:
    value = read_json(doc, key, list, [])
    if not all(isinstance(item, int) and not isinstance(item, bool) for item in value):
        raise RecordError(key, "expected a list of whole numbers")
    return tuple(value)


_DECIMAL_CHARACTERS = 40
"""The longest decimal number read from a store (far more digits than any amount)."""


def _decimal(doc: dict[str, Any], key: str) -> Decimal:
    value = read_json(doc, key, str, "0")
    if len(value) > _DECIMAL_CHARACTERS:
        raise RecordError(key, f"expected a decimal number, found text {quoted(value)}")
    try:
        return parse_decimal(value)
    except ValueError:
        raise RecordError(
            key, f"expected a decimal number as text, found {quoted(value)}"
        ) from None


def _team(doc: dict[str, Any], key: str) -> tuple[TeamMember, ...]:
    team: list[TeamMember] = []
    for member in read_json(doc, key, list, []):
        if not isinstance(member, dict) or not isinstance(member.get("name"), str):
            raise RecordError(key, "expected a list of {name, role}")
        team.append(TeamMember(member["name"], str(member.get("role", "account support"))))
    return tuple(team)


def _custom(doc: dict[str, Any], key: str) -> dict[str, CustomValue]:
    custom = read_json(doc, key, dict, {})
    for name, value in custom.items():
        if value is not None and (isinstance(value, bool) or not isinstance(value, str | int)):
            raise RecordError(f"{key}.{name}", f"expected text or a number, found {quoted(value)}")
    return dict(custom)


def _key_results(doc: dict[str, Any], key: str) -> tuple[KeyResult, ...]:
    results: list[KeyResult] = []
    for result in read_json(doc, key, list, []):
        if not isinstance(result, dict):
            raise RecordError(key, "expected a list of {name, target, current}")
        results.append(
            KeyResult(
                name=read_json(result, "name", str, ""),
                target=_decimal(result, "target"),
                current=_decimal(result, "current"),
            )
        )
    return tuple(results)


Reader = Callable[[dict[str, Any], str], Any]
"""Reads the field named by its key from a stored document, raising RecordError when it
is malformed."""
Writer = Callable[[Any], Any]
"""Turns one field's value into its JSON form."""

JSON_TYPES: dict[FieldKind, type] = {
    "text": str,
    "multiline": str,
    "choice": str,
    "money": int,
    "whole": int,
    "reference": int,
    "yes-no": bool,
}
"""The kinds stored as they are held, with their JSON type."""
READ_CONVERTED: dict[FieldKind, Reader] = {
    "date": _get_date,
    "timestamp": _get_datetime,
    "tags": _strings,
    "references": _ints,
    "team": _team,
    "custom": _custom,
    "key-results": _key_results,
}
"""How the kinds converted on the way in are read."""
WRITE_CONVERTED: dict[FieldKind, Writer] = {
    "date": iso,
    "timestamp": iso,
    "tags": list,
    "references": list,
    "team": lambda team: [{"name": member.name, "role": member.role} for member in team],
    "custom": dict,
    "key-results": lambda results: [
        {"name": kr.name, "target": str(kr.target), "current": str(kr.current)} for kr in results
    ],
}
"""How the kinds converted on the way out are written."""


def field_default(kind: type[Any], key: str) -> Any:
    """The default of field `key` of the dataclass `kind`."""
    for item in fields(kind):
        if item.name == key:
            return item.default
    raise KeyError(key)
