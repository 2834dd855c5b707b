"""The Table view driven with real keys, checked against the store."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import replace

import pytest
from textual.pilot import Pilot

from kam_tui.config.settings import Settings
from kam_tui.domain.clock import Clock
from kam_tui.domain.models import Account
from kam_tui.domain.schema import CustomFieldDef, Schema
from kam_tui.store import Repository
from kam_tui.ui.app import KamApp
from kam_tui.ui.shell.header import KamHeader
from kam_tui.ui.table.account_table import AccountTable
from kam_tui.ui.table.cell_editor import CellEditor
from kam_tui.ui.table.screen import TableScreen

Scenario = Callable[[KamApp, Pilot[None]], Awaitable[None]]
REVENUE_COLUMN = 8
"""Name, Status, List, Assignee, Key, Industry, Offer type, Rating, then Revenue."""


def run_app(
    repo: Repository,
    settings: Settings,
    clock: Clock,
    scenario: Scenario,
    size: tuple[int, int] = (80, 24),
) -> KamApp:
    """Run `scenario` against a KamApp on `repo` and return the app."""
    app = KamApp(repo, settings, clock)
    app.animation_level = "none"

    async def main() -> None:
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            await scenario(app, pilot)

    asyncio.run(main())
    return app


async def open_table(pilot: Pilot[None]) -> TableScreen:
    """Press 3 and return the Table view."""
    await pilot.press("3")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, TableScreen)
    return screen


def table_of(app: KamApp) -> AccountTable:
    """The account grid of the active screen."""
    return app.screen.query_one(AccountTable)


def row_names(table: AccountTable) -> list[str]:
    """The names in the table, top to bottom."""
    return [str(table.get_row_at(index)[0]) for index in range(table.row_count)]


def cursor_account(app: KamApp) -> Account:
    """The account under the table's cursor, read from the store."""
    account_id = table_of(app).cursor_account_id
    assert account_id is not None
    account = app.repository.account(account_id)
    assert account is not None
    return account


async def edit(pilot: Pilot[None], text: str) -> None:
    """In the open cell editor: clear the input with real keys, type `text`, press enter."""
    await pilot.press("end", "ctrl+u", *text, "enter")
    await pilot.pause()


def editor_error(app: KamApp) -> str:
    """The reason the open cell editor shows."""
    screen = app.screen
    assert isinstance(screen, CellEditor)
    return screen.error


def test_lists_every_account_with_core_and_custom_columns(
    demo_repo: Repository, clock: Clock
) -> None:
    schema = Schema(custom_fields=(CustomFieldDef("tier", "Support tier", "choice", ("Gold",)),))
    settings = Settings(schema=schema)

    async def scenario(app: KamApp, pilot: Pilot[None]) -> None:
        await open_table(pilot)
        table = table_of(app)
        labels = [str(column.label).rstrip(" ▲▼") for column in table.ordered_columns]
        assert labels[:9] == [
            "Name",
            "Status",
            "List",
            "Assignee",
            "Key",
            "Industry",
            "Offer type",
            "Rating",
            "Revenue",
        ]
        for label in ("Potential", "Cost to serve", "Satisfaction", "Last contact", "Overdue"):
            assert label in labels
        assert labels[-3:] == ["Stage", "Address", "Support tier"]
        assert table.row_count == demo_repo.count(Account) == 30
        names = row_names(table)
        assert names == sorted(names, key=str.casefold), "sorted by name at first"
        assert str(table.ordered_columns[0].label) == "Name ▲"

    run_app(demo_repo, settings, clock, scenario)


def test_sort_by_the_cursor_column_and_reverse(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    revenue = {account.name: account.annual_revenue for account in demo_repo.accounts()}

    async def scenario(app: KamApp, pilot: Pilot[None]) -> None:
        await open_table(pilot)
        table = table_of(app)
        await pilot.press(*["l"] * REVENUE_COLUMN, "s")
        values = [revenue[name] for name in row_names(table)]
        assert values == sorted(values)
        assert str(table.ordered_columns[REVENUE_COLUMN].label) == "Revenue ▲"
        assert str(table.ordered_columns[0].label) == "Name"
        await pilot.press("s")
        values = [revenue[name] for name in row_names(table)]
        assert values == sorted(values, reverse=True)
        assert str(table.ordered_columns[REVENUE_COLUMN].label) == "Revenue ▼"
        assert table.cursor_coordinate.column == REVENUE_COLUMN

    run_app(demo_repo, settings, clock, scenario)


def test_bad_money_is_refused_inline_then_a_good_value_is_saved(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    async def scenario(app: KamApp, pilot: Pilot[None]) -> None:
        await open_table(pilot)
        await pilot.press("j", "j", *["l"] * REVENUE_COLUMN)
        account = cursor_account(app)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, CellEditor)
        await edit(pilot, "12abc")
        assert isinstance(app.screen, CellEditor), "the editor stays open"
        assert "'12abc' is not an amount" in editor_error(app)
        assert app.repository.account(account.id) == account, "nothing saved"

        await edit(pilot, "12.5k")
        assert isinstance(app.screen, TableScreen)
        saved = app.repository.account(account.id)
        assert saved is not None and saved.annual_revenue == 1_250_000
        table = table_of(app)
        row = table.get_row(f"account-{account.id}")
        assert str(row[REVENUE_COLUMN]) == "€12,500.00"
        assert table.cursor_account_id == account.id, "the cursor stays on the account"

    run_app(demo_repo, settings, clock, scenario)


def test_choices_and_domain_rules_refused_with_the_reason(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    async def scenario(app: KamApp, pilot: Pilot[None]) -> None:
        await open_table(pilot)
        account = cursor_account(app)
        await pilot.press("l", "e")
        await edit(pilot, "Bogus")
        assert "Status: 'Bogus' is not one of" in editor_error(app)
        assert app.repository.account(account.id) == account
        await edit(pilot, "won")
        assert isinstance(app.screen, TableScreen)
        saved = app.repository.account(account.id)
        assert saved is not None and saved.status == "Won"

        await pilot.press("home", "e")
        await edit(pilot, "   ")
        assert editor_error(app) == "Name: cannot be empty"
        await pilot.press("escape", "d")  # the typed text is an edit: discard it when asked
        await pilot.pause()
        assert isinstance(app.screen, TableScreen)
        assert app.repository.account(account.id) == saved, "escape changes nothing"

    run_app(demo_repo, settings, clock, scenario)


def test_undo_and_redo_of_a_table_edit(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    notes: list[str] = []

    async def scenario(app: KamApp, pilot: Pilot[None]) -> None:
        original_notify = app.notify

        def record(message: str, **options: object) -> None:
            notes.append(message)
            original_notify(message, **options)  # type: ignore[arg-type]

        app.notify = record  # type: ignore[method-assign]
        await open_table(pilot)
        account = cursor_account(app)
        await pilot.press(*["l"] * REVENUE_COLUMN, "e")
        await edit(pilot, "99")
        edited = app.repository.account(account.id)
        assert edited is not None and edited.annual_revenue == 9_900
        await pilot.press("u")
        await pilot.pause()
        undone = app.repository.account(account.id)
        assert undone is not None and undone.annual_revenue == account.annual_revenue
        assert notes[-1] == f"Undone: Edited revenue of {account.name}"
        cell = table_of(app).get_row(f"account-{account.id}")[REVENUE_COLUMN]
        assert str(cell) == "€" + f"{account.annual_revenue / 100:,.2f}"
        await pilot.press("ctrl+r")
        await pilot.pause()
        redone = app.repository.account(account.id)
        assert redone is not None and redone.annual_revenue == 9_900
        assert notes[-1] == f"Redone: Edited revenue of {account.name}"

    run_app(demo_repo, settings, clock, scenario)


def test_slash_filters_rows_and_escape_clears(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    media = {a.name for a in demo_repo.accounts() if a.industry == "Media"}
    alice = {a.name for a in demo_repo.accounts() if a.assignee == "Alice Martin"}

    async def scenario(app: KamApp, pilot: Pilot[None]) -> None:
        screen = await open_table(pilot)
        table = table_of(app)
        await pilot.press("slash", *"media")
        await pilot.pause()
        assert set(row_names(table)) == media
        await pilot.press("escape")
        await pilot.pause()
        assert table.row_count == 30
        header = screen.query_one(KamHeader)
        assert header.filter_text == ""
        assert not header.has_class("-filtering")
        assert app.focused is table

        await pilot.press("slash", *"alice", "enter")
        await pilot.pause()
        assert set(row_names(table)) == alice
        assert app.focused is table, "enter goes back to the rows, keeping the filter"
        assert header.has_class("-filtering")
        await pilot.press("slash", "escape")
        await pilot.pause()
        assert table.row_count == 30

    run_app(demo_repo, settings, clock, scenario)


def test_enter_opens_the_account_and_escape_returns_to_the_same_row(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    from kam_tui.ui.account.screen import AccountScreen

    async def scenario(app: KamApp, pilot: Pilot[None]) -> None:
        await open_table(pilot)
        await pilot.press("j", "j", "j", "j", "l", "l")
        account = cursor_account(app)
        coordinate = table_of(app).cursor_coordinate
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, AccountScreen)
        assert app.screen.account_id == account.id
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, TableScreen)
        assert table_of(app).cursor_coordinate == coordinate
        assert cursor_account(app).id == account.id

    run_app(demo_repo, settings, clock, scenario)


def test_a_change_elsewhere_keeps_the_cursor_on_the_same_account(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    async def scenario(app: KamApp, pilot: Pilot[None]) -> None:
        await open_table(pilot)
        await pilot.press("j", "j", "j")
        account = cursor_account(app)
        last = demo_repo.account(max(a.id for a in demo_repo.accounts()))
        assert last is not None and last.id != account.id
        demo_repo.save(replace(last, name="Aardvark Holdings"))
        await pilot.pause()
        table = table_of(app)
        assert row_names(table)[0] == "Aardvark Holdings", "the renamed account moved up"
        assert cursor_account(app).id == account.id
        demo_repo.delete(last)
        await pilot.pause()
        assert table.row_count == 29
        assert cursor_account(app).id == account.id

    run_app(demo_repo, settings, clock, scenario)


@pytest.fixture
def read_only_repo(demo_repo: Repository, clock: Clock) -> Repository:
    """The demo store, opened a second time read-only."""
    return Repository.open(demo_repo.path, demo_repo.schema, clock=clock, read_only=True)


def test_read_only_edit_shows_a_notification_and_changes_nothing(
    read_only_repo: Repository, settings: Settings, clock: Clock
) -> None:
    before = read_only_repo.accounts()
    notes: list[str] = []

    async def scenario(app: KamApp, pilot: Pilot[None]) -> None:
        original_notify = app.notify

        def record(message: str, **options: object) -> None:
            notes.append(message)
            original_notify(message, **options)  # type: ignore[arg-type]

        app.notify = record  # type: ignore[method-assign]
        await open_table(pilot)
        await pilot.press(*["l"] * REVENUE_COLUMN, "e")
        await pilot.pause()
        assert isinstance(app.screen, TableScreen), "no editor for a read-only store"
        assert notes and notes[-1].startswith("Read-only: opened with --read-only")
        await pilot.press("u")
        await pilot.pause()
        assert "read-only" in notes[-1]
        assert "Read-only" in app.screen.query_one(KamHeader).save_text

    run_app(read_only_repo, settings, clock, scenario)
    assert read_only_repo.accounts() == before
