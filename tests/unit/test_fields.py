"""The field catalogue: one entry for every field of every record, each typed field read
back from the text it is written as."""

from __future__ import annotations

from dataclasses import fields
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from kam_tui.domain.fields import (
    CATALOGUE,
    TYPED_KINDS,
    FieldDef,
    catalogue_field,
    custom_field,
    table_fields,
)
from kam_tui.domain.models import RECORD_TYPES, KeyResult, Record, TeamMember
from kam_tui.domain.parts import TeamMember as PartTeamMember
from kam_tui.domain.schema import CustomFieldDef, Schema

HOLDERS: dict[str, type[Any]] = {
    **{kind.TABLE: kind for kind in RECORD_TYPES},
    "team": TeamMember,
    "key_results": KeyResult,
}
"""The dataclass whose fields each part of the catalogue describes."""


def _dataclass_fields(holder: type[Any]) -> list[str]:
    """The fields a record stores in its document (its id is the document's id; its global
    id, kept only for a record from another laptop, is the sync's, not a field of the form)."""
    names = [item.name for item in fields(holder)]
    return [name for name in names if not (issubclass(holder, Record) and name in ("id", "gid"))]


def test_the_catalogue_describes_every_record_and_nothing_else() -> None:
    assert set(CATALOGUE) == set(HOLDERS)


@pytest.mark.parametrize("table", sorted(HOLDERS))
def test_every_field_has_one_entry_in_dataclass_order(table: str) -> None:
    """A field added to a dataclass without its entry (or an entry left behind by a
    removed field) fails here; the order is the order of the stored document."""
    assert [item.key for item in table_fields(table)] == _dataclass_fields(HOLDERS[table])


def _samples(item: FieldDef) -> list[Any]:
    """Values of the field worth writing out and reading back."""
    kind = item.kind
    if kind in ("text", "multiline"):
        return ["", "Northwind Traders", "Zoë Ångström"]
    if kind == "choice":
        return list(item.choices) or ["Won"]
    if kind == "money":
        return [0, 1, 99, 1_250_000, 10**17]
    if kind == "whole":
        low, high = item.whole_range
        return [None, low, high]
    if kind == "number":
        return [None, 7, -3, "2.5", "-0.25"]
    if kind == "quantity":
        return [Decimal(0), Decimal("12.5"), Decimal(1000), Decimal("0.001")]
    if kind == "date":
        return [None, "2026-11-20"] if item.as_text else [None, date(2026, 11, 20)]
    if kind == "yes-no":
        return [True, False]
    if kind == "tags":
        return [(), ("one",), ("one", "two words")]
    if kind == "team":
        return [
            (),
            (PartTeamMember("Ann Lee", "account support"),),
            (PartTeamMember("Ann", "account development"), PartTeamMember("Bo", "x")),
        ]
    raise AssertionError(f"no samples for {kind}")


TYPED = [
    pytest.param(item, id=f"{table}.{item.key}")
    for table, items in CATALOGUE.items()
    for item in items
    if item.kind in TYPED_KINDS
]
CUSTOM = [
    pytest.param(
        custom_field(CustomFieldDef(f"c{kind}", f"C {kind}", kind, ("a", "b"))),
        id=f"custom.{kind}",
    )
    for kind in ("text", "number", "date", "choice", "rating")
]


@pytest.mark.parametrize("item", [*TYPED, *CUSTOM])
def test_every_typed_field_reads_back_what_it_writes(item: FieldDef) -> None:
    for value in _samples(item):
        assert item.parse(item.format(value)) == value


def test_a_field_not_typed_as_text_refuses_to_be_parsed() -> None:
    with pytest.raises(TypeError):
        catalogue_field("accounts", "custom").parse("x")


def test_parse_says_why_text_is_refused() -> None:
    """The reasons a person reads under a field or a cell."""
    cases = {
        ("accounts", "annual_revenue"): (
            "lots",
            "'lots' is not an amount (try 12500, 12,500.00 or 12.5k)",
        ),
        ("accounts", "satisfaction"): ("11", "must be from 0 to 10, not 11"),
        ("accounts", "cadence_days"): ("7.5", "'7.5' is not a whole number"),
        ("accounts", "last_contact"): ("2026-02-30", "2026-02-30 is not a day of the calendar"),
        ("activities", "day"): ("tomorrow", "'tomorrow' is not a date (YYYY-MM-DD)"),
        ("accounts", "key_account"): ("maybe", "'maybe' is not yes or no"),
        ("key_results", "target"): ("-1", "cannot be negative"),
    }
    for (table, key), (text, reason) in cases.items():
        with pytest.raises(ValueError) as refused:
            catalogue_field(table, key).parse(text)
        assert str(refused.value) == reason


def test_choices_match_regardless_of_case_and_come_from_the_schema() -> None:
    schema = Schema()
    status = catalogue_field("accounts", "status")
    assert status.allowed(schema) == schema.status_names
    assert status.parse("won", status.allowed(schema)) == "Won"
    assert catalogue_field("accounts", "stage").parse("REVIEW") == "review"
    assert catalogue_field("accounts", "stage").parse("unknown") == "unknown"


def test_labels_of_the_table_and_the_overview() -> None:
    revenue = catalogue_field("accounts", "annual_revenue")
    assert (revenue.label, revenue.column, revenue.heading) == (
        "Annual revenue",
        "Revenue",
        "Annual revenue",
    )
    potential = catalogue_field("accounts", "potential_revenue")
    assert (potential.label, potential.column, potential.heading) == (
        "Potential revenue",
        "Potential",
        "Potential",
    )
