"""The Table view's figures from other records: sales volume by year and incremental upkeep."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any, TypeVar

from kam_tui.domain.models import Account, Contact, Deal, Record
from kam_tui.domain.portfolio.health import account_health
from kam_tui.domain.portfolio.tuning import PortfolioSettings
from kam_tui.ui.table.figures import TableFigures

R = TypeVar("R", bound=Record)
TODAY = date(2026, 11, 20)
SETTINGS = PortfolioSettings()


class Source:
    """Records held in lists, read as the workspace reads them."""

    def __init__(self, *records: Record) -> None:
        self.records: list[Record] = list(records)

    def all(self, kind: type[R]) -> list[R]:
        return [record for record in self.records if isinstance(record, kind)]

    def children(self, kind: type[R], account_id: int) -> list[R]:
        return [
            record for record in self.all(kind) if getattr(record, "account_id", None) == account_id
        ]


def won(account_id: int, cents: int, closed: date, outcome: str = "won", **more: Any) -> Deal:
    return Deal(account_id=account_id, amount=cents, close_date=closed, outcome=outcome, **more)


ALPHA = Account(id=1, name="Alpha", annual_revenue=1_000_00, cost_to_serve=400_00)
BETA = Account(id=2, name="Beta")


def test_sales_volume_is_this_calendar_years_won_deals_by_close_date() -> None:
    source = Source(
        won(1, 100_00, date(2026, 3, 1)),
        won(1, 50_00, date(2025, 12, 31)),  # last year
        won(1, 70_00, date(2026, 5, 1), "lost"),
        won(1, 90_00, date(2026, 6, 1), "open"),
        Deal(account_id=1, amount=30_00, outcome="won"),  # no close date: not counted
        won(2, 1_00, TODAY),
        won(3, 5_00, TODAY),  # an account not shown
    )
    figures = TableFigures().update([ALPHA, BETA], source, TODAY, 30, SETTINGS)
    assert {key: value.sales_volume for key, value in figures.items()} == {1: 100_00, 2: 1_00}


def test_health_is_the_portfolio_score() -> None:
    source = Source(Contact(account_id=1, name="Ann", buying_role="decision maker"))
    figures = TableFigures().update([ALPHA, BETA], source, TODAY, 30, SETTINGS)
    contacts = source.children(Contact, 1)
    expected = account_health(ALPHA, TODAY, 30, SETTINGS, contacts=contacts).score
    assert figures[1].health == expected
    assert figures[1].health != figures[2].health


def test_only_noted_or_changed_accounts_are_computed_again() -> None:
    source = Source(won(1, 100_00, date(2026, 3, 1)))
    kept = TableFigures()
    first = dict(kept.update([ALPHA, BETA], source, TODAY, 30, SETTINGS))
    late = won(2, 7_00, date(2026, 1, 2))
    source.records.append(late)
    # Not noted: the figures are the ones already computed, the same objects.
    again = kept.update([ALPHA, BETA], source, TODAY, 30, SETTINGS)
    assert again[1] is first[1] and again[2] is first[2]
    assert again[2].sales_volume == 0
    kept.note([None, late])
    again = dict(kept.update([ALPHA, BETA], source, TODAY, 30, SETTINGS))
    assert again[2].sales_volume == 7_00
    assert again[1] is first[1], "an account nothing touched keeps its figures"
    # A new account record (an edit) is computed again; a gone account is dropped.
    poorer = replace(ALPHA, cost_to_serve=2_000_00)
    after = kept.update([poorer], source, TODAY, 30, SETTINGS)
    assert set(after) == {1}
    assert after[1] is not first[1]
    assert after[1].health != first[1].health
    # A new day computes everything again.
    tomorrow = kept.update([poorer], source, date(2026, 11, 21), 30, SETTINGS)
    assert tomorrow[1] is not after[1]
