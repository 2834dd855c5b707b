"""Board figures and the per-column grouping, without any UI."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta

import pytest

from kam_tui.domain.grouping import SORT_ORDERS, AccountFilter, Grouping, next_sort
from kam_tui.domain.metrics import (
    NO_FIGURES,
    UNASSIGNED,
    ColumnFigures,
    account_figures,
    column_totals,
    days_in_status,
    manager_load,
    manager_names,
    open_actions_by_account,
)
from kam_tui.domain.models import Account, Action
from kam_tui.domain.portfolio.concentration import concentration_index, top_share

TODAY = date(2026, 11, 20)


def account(account_id: int, **fields: object) -> Account:
    """An account with sensible defaults for these tests."""
    base = Account(
        id=account_id,
        name=f"Account {account_id:03d}",
        status="Contacted",
        lifecycle="New",
        last_contact=TODAY - timedelta(days=5),
    )
    return replace(base, **fields)  # type: ignore[arg-type]


def test_column_totals_counts_and_adds_revenue() -> None:
    accounts = [account(1, annual_revenue=100), account(2, annual_revenue=250)]
    assert column_totals(accounts) == ColumnFigures(accounts=2, key_accounts=0, revenue=350)
    assert column_totals([]) == NO_FIGURES == ColumnFigures(0, 0, 0, 0, 0)


def test_manager_load_counts_keys_revenue_open_actions_and_overdue() -> None:
    accounts = [
        account(1, key_account=True, annual_revenue=1_000),
        account(2, annual_revenue=500, last_contact=TODAY - timedelta(days=31)),
        account(3, key_account=True, cadence_days=14, last_contact=TODAY - timedelta(days=15)),
    ]
    actions = [
        Action(id=1, account_id=1, title="a", status="open"),
        Action(id=2, account_id=1, title="b", status="done"),
        Action(id=3, account_id=3, title="c", status="blocked"),
        Action(id=4, account_id=9, title="d", status="in progress"),
    ]
    open_actions = open_actions_by_account(actions)
    assert open_actions == {1: 1, 3: 1, 9: 1}
    load = manager_load(accounts, open_actions, TODAY, 30)
    assert load == ColumnFigures(
        accounts=3, key_accounts=2, revenue=1_500, open_actions=2, overdue=2
    )


def test_days_in_status_counts_from_status_since() -> None:
    assert days_in_status(account(1, status_since=TODAY - timedelta(days=12)), TODAY) == 12
    assert days_in_status(account(1, status_since=TODAY), TODAY) == 0
    assert days_in_status(account(1, status_since=None), TODAY) is None


def test_manager_names_are_the_team_then_others_found_then_unassigned() -> None:
    accounts = [account(1, assignee="zoe"), account(2, assignee="Bob"), account(3, assignee="")]
    assert manager_names(("Carl", "Bob"), accounts) == ("Carl", "Bob", "zoe", UNASSIGNED)
    assert manager_names((), []) == (UNASSIGNED,)


def test_revenue_concentration() -> None:
    assert top_share([50, 30, 20], 1) == pytest.approx(0.5)
    assert top_share([50, 30, 20], 2) == pytest.approx(0.8)
    assert top_share([], 3) == 0.0
    assert concentration_index([100]) == pytest.approx(1.0)
    assert concentration_index([25, 25, 25, 25]) == pytest.approx(0.25)
    assert concentration_index([0, 0]) == 0.0


def test_sort_orders_and_their_cycle() -> None:
    accounts = [
        account(1, name="beta", annual_revenue=5, last_contact=TODAY),
        account(2, name="Alpha", annual_revenue=9, last_contact=None),
        account(3, name="gamma", annual_revenue=9, last_contact=TODAY - timedelta(days=3)),
    ]
    by = {name: [a.id for a in sorted(accounts, key=key)] for name, key in SORT_ORDERS.items()}
    assert by == {"name": [2, 1, 3], "revenue": [2, 3, 1], "last contact": [2, 3, 1]}
    assert [next_sort(name) for name in SORT_ORDERS] == ["revenue", "last contact", "name"]
    assert next_sort("unknown") == "name"


def test_filter_matches_text_statuses_lists_and_overdue() -> None:
    northwind = account(
        1,
        name="Northwind",
        industry="Wholesale",
        assignee="Alice Martin",
        tags=("priority",),
        status="Won",
        lifecycle="Existing",
        last_contact=TODAY - timedelta(days=40),
    )

    def matches(account_filter: AccountFilter) -> bool:
        return account_filter.matches(northwind, TODAY, 30)

    assert not AccountFilter().active
    assert matches(AccountFilter())
    for text in ("north", "WHOLE", "alice", "prio", "  wind "):
        assert matches(AccountFilter(text=text)), text
    assert not matches(AccountFilter(text="contoso"))
    assert matches(AccountFilter(statuses=frozenset({"Won", "Lost"})))
    assert not matches(AccountFilter(statuses=frozenset({"Lost"})))
    assert matches(AccountFilter(lists=frozenset({"Existing"})))
    assert not matches(AccountFilter(lists=frozenset({"New"})))
    assert matches(AccountFilter(overdue_only=True))
    fresh = replace(northwind, last_contact=TODAY)
    assert not AccountFilter(overdue_only=True).matches(fresh, TODAY, 30)
    described = AccountFilter("x", True, frozenset({"Won"}), frozenset({"New"})).describe()
    assert described == "“x” · Won · New · overdue only"


def test_grouping_moves_one_account_between_two_columns_in_order() -> None:
    accounts = [account(i, status=("A", "B")[i % 2], name=f"n{i:02d}") for i in range(10)]
    grouping = Grouping(lambda a: a.status, SORT_ORDERS["name"])
    grouping.load(accounts)
    assert [a.id for a in grouping.column("A")] == [0, 2, 4, 6, 8]
    assert grouping.column_of(3) == "B"

    touched = grouping.put(replace(accounts[3], status="A"))
    assert touched == {"A", "B"}
    assert [a.id for a in grouping.column("A")] == [0, 2, 3, 4, 6, 8]
    assert [a.id for a in grouping.column("B")] == [1, 5, 7, 9]
    assert grouping.position(3) == ("A", 2)
    assert grouping.position(9) == ("B", 3)
    assert grouping.position(77) is None

    assert grouping.put(replace(accounts[5], name="n99")) == {"B"}
    assert [a.id for a in grouping.column("B")] == [1, 7, 9, 5]
    assert grouping.remove(0) == {"A"}
    assert grouping.remove(0) == set()
    assert grouping.put(account(42, status="C")) == {"C"}
    assert grouping.column_keys == ["A", "B", "C"]


def test_grouping_figures_follow_the_figures_of_each_account_when_put_again() -> None:
    open_actions = {1: 2, 2: 1}
    grouping = Grouping(
        lambda a: a.status,
        SORT_ORDERS["name"],
        lambda a: account_figures(a, open_actions.get(a.id, 0)),
    )
    accounts = [account(i, annual_revenue=10 * i) for i in (1, 2, 3)]
    grouping.load(accounts)
    assert grouping.figures("Contacted") == ColumnFigures(3, 0, 60, 3, 0)
    assert grouping.figures("Won") == NO_FIGURES
    open_actions[3] = 4  # an action was added: the account is put again, unchanged
    assert grouping.put(accounts[2]) == {"Contacted"}
    assert grouping.figures("Contacted") == ColumnFigures(3, 0, 60, 7, 0)
    grouping.put(replace(accounts[0], status="Won", key_account=True))
    assert grouping.figures("Contacted") == ColumnFigures(2, 0, 50, 5, 0)
    assert grouping.figures("Won") == ColumnFigures(1, 1, 10, 2, 0)
    grouping.remove(1)
    assert grouping.figures("Won") == NO_FIGURES


def test_grouping_stays_equal_to_a_fresh_sort_after_random_changes() -> None:
    rng = random.Random(3)
    statuses = ("A", "B", "C")
    current = {
        i: account(
            i,
            status=rng.choice(statuses),
            annual_revenue=rng.randint(0, 50),
            key_account=rng.random() < 0.3,
        )
        for i in range(200)
    }
    grouping = Grouping(lambda a: a.status, SORT_ORDERS["revenue"])
    grouping.load(current.values())
    for _ in range(500):
        account_id = rng.randrange(220)
        if rng.random() < 0.1:
            grouping.remove(account_id)
            current.pop(account_id, None)
        else:
            changed = account(
                account_id,
                status=rng.choice(statuses),
                annual_revenue=rng.randint(0, 50),
                key_account=rng.random() < 0.3,
            )
            grouping.put(changed)
            current[account_id] = changed
    for status in statuses:
        expected = sorted(
            (a for a in current.values() if a.status == status), key=SORT_ORDERS["revenue"]
        )
        assert grouping.column(status) == expected
        # The running sums match a fresh count over the column.
        assert grouping.figures(status) == column_totals(expected)
        assert grouping.figures_of(expected[::2]) == column_totals(expected[::2])
    grouping.resort(SORT_ORDERS["name"])
    assert grouping.column("A") == sorted(
        (a for a in current.values() if a.status == "A"), key=SORT_ORDERS["name"]
    )
