"""Values of the wrong kind, from a store or a form, are refused with a reason, never a crash:
a null where a name, list or amount belongs, and numbers `Decimal` reads but nobody means
(NaN, Infinity, 9e999999999)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from unit.test_store_reading import read_all

from kam_tui.domain.clock import Clock
from kam_tui.domain.models import Account, Contact, Record
from kam_tui.domain.money import parse_money
from kam_tui.domain.numbers import parse_decimal
from kam_tui.domain.parsing import parse_quantity
from kam_tui.domain.schema import CustomFieldDef, Schema
from kam_tui.domain.validation import record_errors
from kam_tui.store import Repository, StoreCorruptError

NOT_NUMBERS = ["9e999999999", "9e999999999k", "1e-999999999", "NaN", "sNaN", "-Infinity", "1e30"]


@pytest.mark.parametrize("text", NOT_NUMBERS)
def test_an_amount_decimal_reads_but_nobody_means_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match=r"is not an amount|too large|decimals"):
        parse_money(text)


@pytest.mark.parametrize("text", NOT_NUMBERS)
def test_a_key_result_number_decimal_reads_but_nobody_means_is_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_quantity(text)


PAGE = "1" * 5_000
"""A pasted page of digits: a number too large, and a text too long for any field."""


@pytest.mark.parametrize("parse", [parse_money, parse_quantity, parse_decimal])
def test_a_pasted_page_is_not_repeated_in_the_number_message(
    parse: Callable[[str], object],
) -> None:
    with pytest.raises(ValueError, match="too large") as refused:
        parse(PAGE)
    assert len(str(refused.value)) < 100


@pytest.mark.parametrize(
    ("record", "field"),
    [
        (Contact(name="Ann", email=PAGE), "email"),
        (Account(name="A", status=PAGE, lifecycle="New"), "status"),
        (Account(name="A", status="Won", lifecycle="New", custom={"size": PAGE}), "custom.size"),
        (Account(name="A", status="Won", lifecycle="New", custom={PAGE: "x"}), f"custom.{PAGE}"),
        (Account(name="A", status="Won", lifecycle="New", tags=(PAGE + "\x1b",)), "tags"),
    ],
    ids=["email", "status", "custom-number", "custom-name", "tag"],
)
def test_a_pasted_page_is_not_repeated_in_a_validation_message(record: Record, field: str) -> None:
    schema = Schema(custom_fields=(CustomFieldDef("size", "Size", "number"),))
    message = record_errors(record, schema)[field]
    assert len(message) < 150, message


def _demo_data(demo_repo: Repository, store_path: Path) -> dict[str, Any]:
    demo_repo.close()
    data: dict[str, Any] = json.loads(store_path.read_bytes())
    return data


NULLS = [
    ("accounts", "name"),
    ("accounts", "team"),
    ("accounts", "custom"),
    ("accounts", "tags"),
    ("accounts", "annual_revenue"),
    ("accounts", "key_account"),
    ("contacts", "name"),
    ("activities", "contact_ids"),
    ("objectives", "key_results"),
    ("swot", "position"),
]


@pytest.mark.parametrize("progressive", [True, False])
@pytest.mark.parametrize(("table", "field"), NULLS)
def test_a_null_where_the_field_has_a_value_is_refused_naming_it(
    store_path: Path,
    demo_repo: Repository,
    schema: Schema,
    clock: Clock,
    table: str,
    field: str,
    progressive: bool,
) -> None:
    data = _demo_data(demo_repo, store_path)
    record = next(iter(data[table].values()))
    record[field] = None
    store_path.write_text(json.dumps(data))
    with pytest.raises(StoreCorruptError, match=f"{field}: expected .*, found null"):
        read_all(store_path, schema, clock, progressive=progressive)


@pytest.mark.parametrize("value", ["NaN", "sNaN", "Infinity", "1e999999999"])
def test_a_stored_key_result_number_decimal_reads_but_nobody_means_is_refused(
    store_path: Path, demo_repo: Repository, schema: Schema, clock: Clock, value: str
) -> None:
    data = _demo_data(demo_repo, store_path)
    objective = next(iter(data["objectives"].values()))
    objective["key_results"][0]["target"] = value
    store_path.write_text(json.dumps(data))
    with pytest.raises(StoreCorruptError, match="expected a decimal number"):
        read_all(store_path, schema, clock, progressive=False)
