"""`records_errors` checks a whole list of records column by column and must give, for
every record, exactly what `record_errors` gives it: compared here on hostile and random
records of every kind."""

from __future__ import annotations

import random
import typing
from dataclasses import fields, replace
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import pytest

from kam_tui.domain.fields import table_fields
from kam_tui.domain.models import RECORD_TYPES, Account, Contact, Deal, Record, TeamMember
from kam_tui.domain.parts import KeyResult
from kam_tui.domain.schema import Schema
from kam_tui.domain.validation import record_errors, records_errors

TEXTS = (
    "",
    "   ",
    "Acme",
    "[bold red]Acme[/",
    "a\x1b[31mb",
    "line\nbreak",
    "tab\there",
    "bell\x07",
    "x" * 81,
    "y" * 2001,
    "z" * 30_000,
    "ann@example.com",
    "not an address",
    "a@b",
    "bogus choice",
)
NUMBERS = (-5, 0, 1, 3, 5, 11, 101, 10**15)
DAYS = (None, date(2023, 1, 1), date(2024, 6, 30))


_NESTED: dict[str, tuple[Any, ...]] = {
    "tags": ((), ("ok",), ("",), ("t" * 50,), ("a\x1bb",)),
    "team": (
        (),
        (TeamMember("Ann", "Sales"),),
        (TeamMember("", "Sales"),),
        (TeamMember("Bob", "Nobody"),),
        (TeamMember("n" * 200, "Sales"),),
        (TeamMember("a\x07b", "Sales"),),
    ),
    "key_results": (
        (),
        (KeyResult("Revenue", Decimal(10), Decimal(2)),),
        (KeyResult("", Decimal(10), Decimal(2)),),
        (KeyResult("Bad", Decimal(-1), Decimal(2)),),
        (KeyResult("k" * 200, Decimal(1), Decimal(0)),),
    ),
    "contact_ids": ((), (1, 2), (3,)),
    "custom": (
        {},
        {"unknown": "x"},
        {"k": "a\x1bb"},
        {"k": "v" * 3000},
        {"k" * 100: "v"},
        {"n": 3},
    ),
    "imported": ({}, {"a": "b"}, {"k": "a\x1bb"}, {"n": 3}),
}
"""Values of the fields that hold further texts or ids."""


def _pool(kind: type[Record], schema: Schema) -> dict[str, tuple[Any, ...]]:
    """Values each field of `kind` may take: its choices, hostile texts, numbers out of
    range, dates in either order, nested texts (tags, team, custom fields, key results)."""
    choices = {
        item.key: item.allowed(schema) for item in table_fields(kind.TABLE) if item.kind == "choice"
    }
    hints = typing.get_type_hints(kind)
    pools: dict[str, tuple[Any, ...]] = {}
    for item in fields(kind):
        if item.name == "id":
            continue
        hint = str(hints[item.name])
        if item.name in _NESTED:
            pools[item.name] = _NESTED[item.name]
        elif hint == "<class 'str'>":
            pools[item.name] = choices.get(item.name, ()) * 3 + TEXTS
        elif hint == "<class 'bool'>":
            pools[item.name] = (False, True)
        elif hint == "<class 'int'>":
            pools[item.name] = NUMBERS
        elif "int" in hint and "None" in hint and "tuple" not in hint:
            pools[item.name] = (None, *NUMBERS)
        elif "datetime" in hint:
            pools[item.name] = (None, datetime(2024, 1, 1, 9, 30))
        elif "date" in hint:
            pools[item.name] = DAYS
    return pools


def _records(kind: type[Record], schema: Schema, seed: int, changes: int) -> list[Record]:
    """Records of `kind` from one that keeps every rule (when the kind has one), each
    with up to `changes` fields set at random from the pools."""
    rng = random.Random(seed)
    pools = _pool(kind, schema)
    base = kind()
    valid = [r for r in (base, *_samples(kind, schema)) if not record_errors(r, schema)]
    start = valid[0] if valid else base
    made: list[Record] = []
    for _ in range(400):
        names = rng.sample(sorted(pools), rng.randint(0, min(changes, len(pools))))
        values = {name: rng.choice(pools[name]) for name in names}
        made.append(replace(start, **values))
    return made


def _samples(kind: type[Record], schema: Schema) -> list[Record]:
    """Records of `kind` keeping every rule, for the kinds whose defaults do not."""
    if kind is Account:
        return [Account(name="Acme", status=schema.status_names[0], lifecycle=schema.lists[0])]
    if kind is Contact:
        return [Contact(name="Ann")]
    if kind is Deal:
        return [Deal(title="Renewal", stage=schema.status_names[0])]
    named: dict[str, Any] = {
        item.key: "Named" for item in table_fields(kind.TABLE) if item.required
    }
    try:
        return [replace(kind(), **named)]
    except TypeError:
        return []


@pytest.mark.parametrize("kind", RECORD_TYPES, ids=lambda kind: kind.TABLE)
@pytest.mark.parametrize("changes", [0, 1, 3, 12])
def test_records_errors_are_record_errors_of_each(
    kind: type[Record], changes: int, schema: Schema
) -> None:
    for seed in range(3):
        records = _records(kind, schema, seed * 100 + changes, changes)
        checked = [record_errors(record, schema) for record in records]
        expected = {n: errors for n, errors in enumerate(checked) if errors}
        assert records_errors(kind, records, schema) == expected
        if changes == 0:
            assert len(expected) in (0, len(records))


def test_a_clean_column_flags_no_one_and_a_bad_cell_flags_its_row(schema: Schema) -> None:
    good = Contact(name="Ann", email="ann@example.com")
    records: list[Record] = [good] * 50
    assert records_errors(Contact, records, schema) == {}
    records[17] = replace(good, email="ann at example")
    records[30] = replace(good, name="[b]A\x1b")
    found = records_errors(Contact, records, schema)
    assert sorted(found) == [17, 30]
    assert set(found[17]) == {"email"}
    assert set(found[30]) == {"name"}


def test_no_records_no_errors(schema: Schema) -> None:
    assert records_errors(Deal, [], schema) == {}
