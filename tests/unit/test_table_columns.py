"""The Table view's computed columns: values, text, looks and sort order, hand-computed."""

from __future__ import annotations

from datetime import date

from kam_tui.domain.models import Account
from kam_tui.domain.schema import Schema
from kam_tui.ui.table.columns import (
    HEALTH,
    MARGIN,
    PROFIT,
    SALES_VOLUME,
    TableColumn,
    derived_style,
    display_text,
    raw_value,
    sort_value,
    table_columns,
)
from kam_tui.ui.table.figures import NO_FIGURES, AccountFigures

SCHEMA = Schema()
TODAY = date(2026, 11, 20)
COLUMNS = {column.key: column for column in table_columns(SCHEMA)}


def shown(key: str, account: Account, figures: AccountFigures = NO_FIGURES) -> str:
    column = COLUMNS[key]
    return display_text(column, raw_value(column, account, TODAY, SCHEMA, figures), SCHEMA)


def test_profit_and_margin_follow_revenue_and_cost() -> None:
    gain = Account(annual_revenue=1_000_00, cost_to_serve=166_00)
    assert shown(PROFIT, gain) == "€834.00"
    assert shown(MARGIN, gain) == "83%"  # 834 / 1000 = 83.4%
    loss = Account(annual_revenue=200_00, cost_to_serve=250_00)
    assert shown(PROFIT, loss) == "-€50.00"
    assert shown(MARGIN, loss) == "-25%"
    no_revenue = Account(cost_to_serve=5_00)
    assert shown(PROFIT, no_revenue) == "-€5.00"
    assert shown(MARGIN, no_revenue) == ""
    assert shown(PROFIT, Account()) == "€0.00"


def test_sales_and_health_come_from_the_figures() -> None:
    figures = AccountFigures(sales_volume=310_000_00, health=56)
    assert shown(SALES_VOLUME, Account(), figures) == "€310,000.00"
    assert shown(SALES_VOLUME, Account()) == "", "no won deals this year: empty"
    assert shown(HEALTH, Account(), figures) == "56"
    assert shown(HEALTH, Account(), AccountFigures(health=0)) == "0"
    assert shown(HEALTH, Account()) == ""


def test_looks_and_sort_order() -> None:
    assert derived_style(PROFIT, -1) == derived_style(MARGIN, -0.5) == "red"
    assert derived_style(PROFIT, 0) == ""
    assert [derived_style(HEALTH, score) for score in (0, 39, 40, 69, 70, 100)] == [
        "red",
        "red",
        "yellow",
        "yellow",
        "green",
        "green",
    ]
    margin: TableColumn = COLUMNS[MARGIN]
    keys = [sort_value(margin, value) for value in (0.836, None, -0.25, 0.834)]
    assert sorted(keys) == [(0, -0.25), (0, 0.834), (0, 0.836), (1, 0)]
    assert COLUMNS[MARGIN].kind == "derived" and COLUMNS[MARGIN].explains
    assert COLUMNS["strategic_value"].field is not None, "strategic value is edited in place"
