"""A mapped file's cells as field values: each kind of field of the catalogue read from
the text a CSV file holds; ValueError says what was expected."""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from kam_tui.domain.exchange.mapping import FileMapping
from kam_tui.domain.exchange.values import parse_cents, parse_date, parse_flag
from kam_tui.domain.fields import FieldDef
from kam_tui.domain.money import MAX_CENTS
from kam_tui.domain.parsing import INTEGER, parse_custom_number, parse_team, parse_whole, split_tags
from kam_tui.domain.parts import KeyResult
from kam_tui.domain.schema import CustomFieldDef, Schema

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "'")
"""The first characters kam's CSV export puts a `'` in front of (cli/export_csv.py): a
cell starting with `'` and then one of these had it added, and loses it on the way back."""
LIST_SEPARATOR = "; "
"""Between the members of a team, the key results of an objective, the ids of a list."""
_EXACT_MONEY = re.compile(r"^-?\d+(\.\d{1,2})?$")
_NEUTRALISED_KINDS = frozenset({"text", "multiline", "choice", "tags", "team", "key-results"})


def restored(text: str) -> str:
    """A cell of kam's own export without the `'` the export put in front of it."""
    return text[1:] if len(text) > 1 and text[0] == "'" and text[1] in FORMULA_STARTS else text


def closest(value: str, choices: Sequence[str]) -> str | None:
    """`value` as one of `choices`, ignoring case; a close typo is taken too."""
    for choice in choices:
        if choice.casefold() == value.casefold():
            return choice
    folded = [choice.casefold() for choice in choices if choice]
    close = difflib.get_close_matches(value.casefold(), folded, 1, 0.8)
    if close:
        return next(choice for choice in choices if choice.casefold() == close[0])
    return None


def exact_cents(text: str) -> int:
    """A decimal amount as kam's export writes it (`1234.50`, `-720000.00`), in cents."""
    raw = text.strip()
    if not _EXACT_MONEY.match(raw):
        raise ValueError(f"an amount like 1234.50 or -720000.00, not {raw!r}")
    cents = int(Decimal(raw) * 100)
    if abs(cents) > MAX_CENTS:
        raise ValueError(f"an amount below {MAX_CENTS // 100:,}, not {raw!r}")
    return cents


def key_results(text: str) -> tuple[KeyResult, ...]:
    """`name: current of target; ...` (as the export writes an objective's key results)."""
    results: list[KeyResult] = []
    for part in text.split(LIST_SEPARATOR):
        if not part.strip():
            continue
        name, sep, numbers = part.rpartition(": ")
        current, of, target = numbers.partition(" of ")
        try:
            if not sep or not of:
                raise InvalidOperation
            results.append(KeyResult(name.strip(), Decimal(target), Decimal(current)))
        except InvalidOperation:
            raise ValueError(
                f"key results as `name: current of target; ...`, not {part.strip()!r}"
            ) from None
    return tuple(results)


def source_ids(text: str) -> tuple[str, ...]:
    """The source ids of a reference cell: one id, or several separated by `;` or `,`."""
    return tuple(part.strip() for part in re.split(r"[;,]", text) if part.strip())


def custom_value(definition: CustomFieldDef | None, text: str, own: bool) -> str | int | None:
    """A custom field's value: a number or rating as a whole number (a decimal number as
    its text), anything else as text; an undeclared field's value as text."""
    if own and (definition is None or definition.kind not in ("number", "rating")):
        text = restored(text)
    if not text.strip():
        return None
    if definition is None:
        return text
    if definition.kind == "rating":
        return parse_whole(text, 0, 10)
    if definition.kind == "number":
        return parse_custom_number(text)
    if definition.kind == "date":
        day = parse_date(text)
        return day.isoformat() if day else None
    if definition.kind == "choice":
        choice = closest(text.strip(), definition.choices)
        if choice is None:
            raise ValueError(f"one of {', '.join(definition.choices)}, not {text.strip()!r}")
        return choice
    return text.strip()


def convert(item: FieldDef, text: str, schema: Schema, mapping: FileMapping) -> Any:
    """The value of field `item` a cell holds (already through the mapping's value maps)."""
    kind = item.kind
    if mapping.own and kind in _NEUTRALISED_KINDS:
        text = restored(text)
    if kind in ("text", "multiline"):
        if mapping.own:
            return text  # exactly as kam wrote it
        return text.replace("\r\n", "\n").strip() if kind == "multiline" else text.strip()
    raw = text.strip()
    if kind == "reference":  # a position in a list
        if not INTEGER.match(raw):
            raise ValueError(f"a whole number, not {raw!r}")
        return int(raw)
    if kind == "money":
        return exact_cents(raw) if mapping.own else parse_cents(raw)
    if kind == "whole":
        return parse_whole(raw, *item.whole_range)
    if kind == "date":
        if mapping.date_format and raw:
            try:
                return datetime.strptime(raw, mapping.date_format).date()
            except ValueError:
                raise ValueError(f"a date as {mapping.date_format}, not {raw!r}") from None
        return parse_date(raw)
    if kind == "yes-no":
        return parse_flag(raw)
    if kind == "tags":
        return split_tags(raw)
    if kind == "team":
        return parse_team(raw.replace(LIST_SEPARATOR, "\n"))
    if kind == "key-results":
        return key_results(raw)
    if kind == "choice":
        allowed = item.allowed(schema)
        if not raw and (item.blank_choice or "" in allowed):
            return ""
        choice = closest(raw, allowed)
        if choice is None:
            shown = ", ".join(repr(value) for value in allowed if value)
            raise ValueError(f"one of {shown}, not {raw!r}")
        return choice
    if kind == "number" and INTEGER.match(raw):
        return int(raw)
    raise ValueError(f"a value kam can read for {item.key} ({kind})")
