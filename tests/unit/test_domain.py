"""Domain rules: money, validation, document round trips, derived fields."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from kam_tui.domain.errors import RecordError
from kam_tui.domain.models import (
    RECORD_TYPES,
    Account,
    Action,
    Activity,
    Contact,
    Deal,
    ImportLink,
    KeyResult,
    Objective,
    ProcessStep,
    Record,
    StatusChange,
    SwotItem,
    TeamMember,
)
from kam_tui.domain.money import format_money, parse_money
from kam_tui.domain.rules import days_overdue, followed_activities, stamp_account
from kam_tui.domain.schema import CustomFieldDef, Schema
from kam_tui.domain.validation import MAX_SWOT_TEXT, record_errors

SCHEMA = Schema(
    custom_fields=(
        CustomFieldDef("tier", "Tier", "choice", ("Gold", "Silver")),
        CustomFieldDef("renewal", "Renewal", "date"),
        CustomFieldDef("fit", "Fit", "rating"),
        CustomFieldDef("employees", "Employees", "number"),
    )
)
GOOD = Account(name="Acme", status="Won", lifecycle="New")


@pytest.mark.parametrize(
    ("text", "cents"),
    [
        ("", 0),
        ("12500", 1_250_000),
        ("12,500.50", 1_250_050),
        ("€ 2.5m", 250_000_000),
        ("40k", 4_000_000),
        ("0.01", 1),
    ],
)
def test_parse_money(text: str, cents: int) -> None:
    assert parse_money(text) == cents


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("abc", "is not an amount"),
        ("-5", "cannot be negative"),
        ("1.234", "more than two"),
        ("1e30", "too large"),
        ("nan", "is not an amount"),
    ],
)
def test_parse_money_refuses(text: str, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        parse_money(text)


def test_format_money() -> None:
    assert format_money(1_250_050) == "€12,500.50"
    assert format_money(250_000_000, compact=True) == "€2.5M"
    assert format_money(4_000_000, "$", compact=True) == "$40k"
    assert format_money(99_00, compact=True) == "€99"


def test_a_valid_account_has_no_errors() -> None:
    assert record_errors(GOOD, SCHEMA) == {}


@pytest.mark.parametrize(
    ("change", "field", "reason"),
    [
        ({"name": ""}, "name", "cannot be empty"),
        ({"status": "Paid"}, "status", "'Paid' is not one of"),
        ({"lifecycle": "Old"}, "lifecycle", "'Old' is not one of"),
        ({"strategic_value": 6}, "strategic_value", "must be from 1 to 5"),
        ({"satisfaction": 11}, "satisfaction", "must be from 0 to 10"),
        ({"annual_revenue": -1}, "annual_revenue", "cannot be negative"),
        ({"stage": "closing"}, "stage", "not one of"),
        ({"custom": {"tier": "Bronze"}}, "custom.tier", "'Bronze' is not one of Gold, Silver"),
        ({"custom": {"renewal": "2026-02-30"}}, "custom.renewal", "is not a date"),
        ({"custom": {"fit": 9}}, "custom.fit", "rating from 1 to 5"),
        ({"custom": {"employees": "many"}}, "custom.employees", "is not a number"),
        ({"custom": {"nope": "x"}}, "custom.nope", "not a custom field"),
        ({"team": (TeamMember("Zoe", "boss"),)}, "team", "not one of"),
        ({"name": "x" * 121}, "name", "the limit is 120"),
    ],
)
def test_account_rules(change: dict[str, object], field: str, reason: str) -> None:
    from dataclasses import replace

    errors = record_errors(replace(GOOD, **change), SCHEMA)  # type: ignore[arg-type]
    assert reason in errors[field]


def test_other_record_rules() -> None:
    assert "not an e-mail" in record_errors(Contact(name="A", email="nope"), SCHEMA)["email"]
    assert record_errors(Activity(summary="x"), SCHEMA)["day"] == "an activity needs a date"
    long_item = SwotItem(text="x" * (MAX_SWOT_TEXT + 1))
    assert f"the limit is {MAX_SWOT_TEXT}" in record_errors(long_item, SCHEMA)["text"]
    assert "cannot be empty" in record_errors(SwotItem(text="  "), SCHEMA)["text"]
    assert (
        "not one of"
        in record_errors(ProcessStep(buying_step="x", selling_stage="Y"), SCHEMA)["selling_stage"]
    )
    assert record_errors(Action(title="Call", status="later"), SCHEMA)["status"].startswith(
        "'later'"
    )


def test_every_record_type_round_trips_through_its_document() -> None:
    samples = [
        Account(
            id=1,
            name="A",
            status="Won",
            lifecycle="New",
            team=(TeamMember("Bo"),),
            custom={"fit": 3},
            tags=("x",),
            last_contact=date(2026, 1, 2),
            created=datetime(2026, 1, 1, tzinfo=UTC),
        ),
        Contact(id=2, account_id=1, name="C", reports_to=5),
        Activity(id=3, account_id=1, day=date(2026, 1, 3), summary="s", contact_ids=(2,)),
        Objective(id=4, account_id=1, title="O", key_results=(KeyResult("k", Decimal("2.5")),)),
        Action(id=5, account_id=1, title="T", due=date(2026, 2, 1), objective_id=4),
        SwotItem(id=6, account_id=1, text="t", quadrant="W", perspective="view_of_us"),
        ProcessStep(id=7, account_id=1, buying_step="b", selling_stage="Proposal"),
        Deal(
            id=8,
            account_id=1,
            title="D",
            amount=12_345,
            stage="Won",
            probability=80,
            created=date(2026, 1, 4),
            close_date=date(2026, 3, 1),
            outcome="won",
            reason="price",
            owner="Bo",
        ),
        StatusChange(
            id=9, account_id=1, day=date(2026, 1, 5), from_value="Contacted", to_value="Won"
        ),
        ImportLink(
            id=10,
            account_id=1,
            system="Salesforce",
            object="Account",
            source_id="001bm00001ZL8U9AAL",
            kam_table="accounts",
            record_id=1,
            imported={"name": "0f1e2d3c4b5a6978"},
        ),
    ]
    assert {type(s) for s in samples} == set(RECORD_TYPES)
    for sample in samples:
        assert type(sample).from_doc(sample.id, sample.to_doc()) == sample


@pytest.mark.parametrize("kind", RECORD_TYPES, ids=lambda kind: kind.__name__)
def test_an_empty_document_reads_as_the_defaults(kind: type[Record]) -> None:
    # from_doc sets the slots itself, not through __init__: each field must be set (an
    # unset slot raises on reading, which the comparison does for every field).
    assert kind.from_doc(0, {}) == kind()
    assert kind.from_doc(3, {"gid": "abc:contacts:9"}).gid == "abc:contacts:9"


@pytest.mark.parametrize(
    ("doc", "field"),
    [
        ({"name": 5}, "name"),
        ({"key_account": "yes"}, "key_account"),
        ({"annual_revenue": 1.5}, "annual_revenue"),
        ({"status_since": "yesterday"}, "status_since"),
        ({"tags": "a,b"}, "tags"),
        ({"strategic_value": True}, "strategic_value"),
    ],
)
def test_a_malformed_document_names_its_field(doc: dict[str, object], field: str) -> None:
    with pytest.raises(RecordError) as refused:
        Account.from_doc(1, doc)
    assert refused.value.field == field


def test_stamping_and_activity_rules() -> None:
    now = datetime(2026, 11, 20, 9, tzinfo=UTC)
    new = stamp_account(None, GOOD, now)
    assert new.created == now and new.status_since == now.date()
    old = Account(name="A", status="Won", lifecycle="New", status_since=date(2026, 1, 1))
    assert stamp_account(old, old, now).status_since == date(2026, 1, 1)
    from dataclasses import replace

    assert stamp_account(old, replace(old, status="Lost"), now).status_since == now.date()
    first = Activity(id=1, day=date(2026, 11, 1), summary="x", satisfaction=4)
    touched = followed_activities(old, [], [first])
    assert touched.last_contact == date(2026, 11, 1) and touched.satisfaction == 4
    second = Activity(id=2, day=date(2026, 10, 1), summary="x", satisfaction=9)
    older = followed_activities(touched, [first], [first, second])
    assert older.last_contact == date(2026, 11, 1) and older.satisfaction == 4
    assert days_overdue(touched, date(2026, 12, 5), 30) == 4
    assert days_overdue(replace(touched, cadence_days=60), date(2026, 12, 5), 30) == 0
