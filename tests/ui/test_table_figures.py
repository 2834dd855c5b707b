"""The Table view's computed columns (profit, margin, sales volume, health) follow the data."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from deal_records import TAILSPIN, TAILSPIN_DEALS, without_deals
from kam_testing import make_app, synchronous
from textual.pilot import Pilot

from kam_tui.config.settings import Settings
from kam_tui.domain.clock import Clock
from kam_tui.domain.models import Action, Contact, Deal, Objective
from kam_tui.domain.portfolio.health import account_health
from kam_tui.store import Repository
from kam_tui.ui.app import KamApp
from kam_tui.ui.table.account_table import AccountTable
from kam_tui.ui.table.cell_editor import CellEditor
from kam_tui.ui.table.screen import TableScreen

COLUMNS = {
    "Revenue": 8,
    "Cost to serve": 10,
    "Profit": 11,
    "Margin": 12,
    "Sales": 13,
    "Strategic value": 14,
    "Satisfaction": 15,
    "Health": 16,
    "Last contact": 17,
}
"""Where the columns stand, from the left."""
ADVENTURE = 6
"""Adventure Works, first by name: revenue 4,800,000.00, cost to serve 1,200,000.00."""


async def open_table(app: KamApp, pilot: Pilot[None]) -> AccountTable:
    """Press 3 and return the Table view's grid."""
    await pilot.press("3")
    await pilot.pause()
    assert isinstance(app.screen, TableScreen)
    return app.screen.query_one(AccountTable)


def cell(table: AccountTable, account_id: int, column: str) -> str:
    """What a cell of an account's row reads."""
    return str(table.get_row(f"account-{account_id}")[COLUMNS[column]])


async def edit_cell(pilot: Pilot[None], column: str, text: str) -> None:
    """Edit the cursor row's cell of `column` with real keys."""
    await pilot.press("home", *["l"] * COLUMNS[column], "e")
    await pilot.pause()
    assert isinstance(pilot.app.screen, CellEditor)
    await pilot.press("end", "ctrl+u", *text, "enter")
    await pilot.pause()


@synchronous
async def test_the_columns_stand_where_the_tests_look(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    app = make_app(demo_repo, settings, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        table = await open_table(app, pilot)
        labels = [str(column.label).rstrip(" ▲▼") for column in table.ordered_columns]
        assert {label: labels.index(label) for label in COLUMNS} == COLUMNS


@synchronous
async def test_editing_revenue_and_cost_changes_profit_and_margin(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    app = make_app(demo_repo, settings, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        table = await open_table(app, pilot)
        assert table.cursor_account_id == ADVENTURE
        assert cell(table, ADVENTURE, "Profit") == "€3,600,000.00"
        assert cell(table, ADVENTURE, "Margin") == "75%"  # 3.6M / 4.8M
        await edit_cell(pilot, "Cost to serve", "6000000")
        account = demo_repo.account(ADVENTURE)
        assert account is not None and account.cost_to_serve == 6_000_000_00
        assert cell(table, ADVENTURE, "Profit") == "-€1,200,000.00"  # 4.8M - 6M
        assert cell(table, ADVENTURE, "Margin") == "-25%"  # -1.2M / 4.8M
        await edit_cell(pilot, "Revenue", "0")
        assert cell(table, ADVENTURE, "Profit") == "-€6,000,000.00"
        assert cell(table, ADVENTURE, "Margin") == "", "no margin without revenue"
        await pilot.press("u")
        await pilot.pause()
        assert cell(table, ADVENTURE, "Margin") == "-25%"
        # A computed cell is not edited: it says what to edit instead.
        await pilot.press("home", *["l"] * COLUMNS["Margin"], "e")
        await pilot.pause()
        assert isinstance(app.screen, TableScreen)


@synchronous
async def test_sorting_by_margin_orders_by_the_exact_ratio_with_no_revenue_last(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    with demo_repo.change("Margins to sort") as change:
        accounts = demo_repo.accounts()
        change.save(replace(accounts[0], annual_revenue=0, cost_to_serve=5_00))
        change.save(replace(accounts[1], annual_revenue=1_000_00, cost_to_serve=1_500_00))
        # 83.4% and 83.6% both read 83%: the exact ratio still orders them.
        change.save(replace(accounts[2], annual_revenue=1_000_00, cost_to_serve=16_60))
        change.save(replace(accounts[3], annual_revenue=1_000_00, cost_to_serve=16_40))
    demo_repo.wait_saved(10)
    margins = {
        account.name: (account.annual_revenue - account.cost_to_serve) / account.annual_revenue
        for account in demo_repo.accounts()
        if account.annual_revenue
    }
    app = make_app(demo_repo, settings, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        table = await open_table(app, pilot)
        await pilot.press(*["l"] * COLUMNS["Margin"], "s")
        names = [str(table.get_row_at(index)[0]) for index in range(table.row_count)]
        assert names[-1] == accounts[0].name, "no revenue, no margin: last"
        assert names[0] == accounts[1].name, "-50%, the only loss, first"
        shown = [margins[name] for name in names[:-1]]
        assert shown == sorted(shown)
        assert names.index(accounts[2].name) + 1 == names.index(accounts[3].name)
        assert str(table.ordered_columns[COLUMNS["Margin"]].label) == "Margin ▲"
        await pilot.press("s")
        names = [str(table.get_row_at(index)[0]) for index in range(table.row_count)]
        shown = [margins[name] for name in names if name in margins]
        assert shown == sorted(shown, reverse=True)


@synchronous
async def test_sales_volume_and_health_follow_deals_and_contacts(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    without_deals(demo_repo)
    app = make_app(demo_repo, settings, clock)

    def expected_health() -> str:
        account = demo_repo.account(TAILSPIN)
        assert account is not None
        health = account_health(
            account,
            date(2026, 11, 20),
            settings.schema.default_cadence_days,
            settings.numbers,
            demo_repo.children(Objective, TAILSPIN),
            demo_repo.children(Action, TAILSPIN),
            demo_repo.children(Contact, TAILSPIN),
        )
        return str(health.score)

    async with app.run_test(size=(120, 40)) as pilot:
        table = await open_table(app, pilot)
        assert cell(table, TAILSPIN, "Sales") == ""
        before = cell(table, TAILSPIN, "Health")
        assert before == expected_health()
        # Won this year: 310,000; won last year, lost, and open deals do not count.
        for deal in TAILSPIN_DEALS:
            app.workspace.save(deal)
        await pilot.pause()
        assert cell(table, TAILSPIN, "Sales") == "€310,000.00"
        second_win = replace(TAILSPIN_DEALS[0], outcome="won", close_date=date(2026, 11, 19))
        app.workspace.save(second_win)
        await pilot.pause()
        assert cell(table, TAILSPIN, "Sales") == "€430,000.00"
        await pilot.press("u")
        await pilot.pause()
        assert cell(table, TAILSPIN, "Sales") == "€310,000.00"
        # Without its stakeholders the account's coverage, and so its health, falls.
        for contact in demo_repo.children(Contact, TAILSPIN):
            app.workspace.delete(contact)
        await pilot.pause()
        after = cell(table, TAILSPIN, "Health")
        assert after == expected_health()
        assert int(after) < int(before)
        # Deleting the account's deals on another screen shows when the table shows again.
        await pilot.press("1")
        await pilot.pause()
        for deal in demo_repo.children(Deal, TAILSPIN):
            app.workspace.delete(deal)
        await pilot.press("3")
        await pilot.pause()
        assert cell(table, TAILSPIN, "Sales") == ""
