"""The filter language on the Table, the overdue queue and the Portfolio, typed with keys."""

from __future__ import annotations

import json
from datetime import date

from kam_testing import run_app
from textual.pilot import Pilot
from textual.widgets import Label

from kam_tui.config.settings import Settings
from kam_tui.config.view_state import default_view_state_path
from kam_tui.domain.clock import Clock
from kam_tui.domain.models import Account
from kam_tui.domain.portfolio.figures import PortfolioFilter, Totals
from kam_tui.domain.rules import is_overdue
from kam_tui.services.portfolio import portfolio_of
from kam_tui.store import Repository
from kam_tui.ui.app import KamApp
from kam_tui.ui.overdue.screen import OverdueScreen, OverdueTable
from kam_tui.ui.portfolio.screen import PortfolioScreen
from kam_tui.ui.query_line import QueryLine
from kam_tui.ui.table.account_table import AccountTable
from kam_tui.ui.table.screen import TableScreen

TODAY = date(2026, 11, 20)


def line_text(app: KamApp) -> str:
    line = app.screen.query_one(QueryLine)
    return str(line.render()) if line.has_class("-shown") else ""


def test_the_table_takes_terms_and_free_words_together(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    accounts = demo_repo.all(Account)
    seen: dict[str, object] = {}

    async def scenario(app: KamApp, pilot: Pilot[None]) -> None:
        await pilot.press("3")
        await pilot.pause()
        assert isinstance(app.screen, TableScreen)
        table = app.screen.query_one(AccountTable)
        await pilot.press("slash", *"@alice overdue", "enter")
        await pilot.pause(0.3)
        seen["rows"] = {str(table.get_row_at(i)[0]) for i in range(table.row_count)}
        seen["line"] = line_text(app)
        await pilot.press("escape", "slash", *"list:Nowhere", "enter")
        await pilot.pause(0.3)
        seen["error rows"] = table.row_count
        seen["error"] = line_text(app)
        seen["summary"] = str(app.screen.query_one("#table-summary", Label).render())

    run_app(demo_repo, settings, clock, scenario)
    late = {a.name for a in accounts if a.assignee == "Alice Martin" and is_overdue(a, TODAY, 30)}
    assert late and seen["rows"] == late
    assert str(seen["line"]).startswith(f"Filter: manager alice · overdue ({len(late)} shown)")
    assert seen["error rows"] == len(accounts)
    assert "list:Nowhere: no list 'Nowhere'; expected one of New, Existing" in str(seen["error"])
    assert str(seen["summary"]).startswith(f"{len(accounts)} accounts (the filter is not applied)")


def test_slash_filters_the_overdue_queue_and_escape_clears_then_closes(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    seen: dict[str, object] = {}

    def queue_ids(screen: OverdueScreen) -> set[int]:
        table = screen.query_one(OverdueTable)
        return {int(str(row.value).removeprefix("account-")) for row in table.rows}

    async def scenario(app: KamApp, pilot: Pilot[None]) -> None:
        screen = OverdueScreen()
        await app.push_screen(screen)
        await pilot.pause()
        seen["all"] = queue_ids(screen)
        await pilot.press("slash", *"key @bruno", "enter")
        await pilot.pause(0.3)
        seen["filtered"] = queue_ids(screen)
        seen["line"] = line_text(app)
        seen["focus"] = app.focused
        await pilot.press("escape")  # clears the filter, the queue stays
        await pilot.pause(0.3)
        seen["cleared"] = queue_ids(screen)
        seen["still open"] = app.screen is screen
        await pilot.press("escape")
        await pilot.pause()
        seen["closed"] = app.screen is not screen

    run_app(demo_repo, settings, clock, scenario)
    late = {
        a.id
        for a in demo_repo.all(Account)
        if a.key_account and a.assignee == "Bruno Keller" and is_overdue(a, TODAY, 30)
    }
    assert late and seen["filtered"] == late
    assert seen["all"] != late and seen["cleared"] == seen["all"]
    assert isinstance(seen["focus"], OverdueTable)
    assert str(seen["line"]).startswith(f"Filter: key accounts · manager bruno ({len(late)} shown)")
    assert seen["still open"] and seen["closed"]


def test_the_portfolio_counts_the_accounts_the_typed_terms_let_through(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    seen: dict[str, object] = {}

    async def scenario(app: KamApp, pilot: Pilot[None]) -> None:
        await pilot.press("5")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PortfolioScreen) and screen.portfolio is not None
        seen["all"] = screen.portfolio.totals
        await pilot.press("slash", *"@bruno overdue", "enter")
        await pilot.pause(0.3)
        assert screen.portfolio is not None
        seen["filtered"] = screen.portfolio.totals
        seen["line"] = str(screen.query_one("#portfolio-filter-line").render())
        seen["fresh"] = portfolio_of(app.workspace, screen.portfolio.filter).totals
        await pilot.press("escape")
        await pilot.pause(0.3)
        assert screen.portfolio is not None
        seen["again"] = screen.portfolio.totals

    run_app(demo_repo, settings, clock, scenario)
    late = [
        a for a in demo_repo.all(Account)
        if a.assignee == "Bruno Keller" and is_overdue(a, TODAY, 30)
    ]  # fmt: skip
    filtered = seen["filtered"]
    assert isinstance(filtered, Totals)
    assert late and filtered.accounts == len(late)
    assert filtered.revenue == sum(a.annual_revenue for a in late)
    assert filtered == seen["fresh"], "the kept totals agree with totals computed afresh"
    assert seen["again"] == seen["all"]
    assert f"{len(late)} accounts · manager bruno · overdue" in str(seen["line"])


def test_a_portfolio_scope_is_saved_as_terms_and_recalled_on_the_table(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    seen: dict[str, object] = {}

    async def scenario(app: KamApp, pilot: Pilot[None]) -> None:
        await pilot.press("5")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PortfolioScreen)
        screen.portfolio_filter = PortfolioFilter(key_accounts_only=True)
        await pilot.press("slash", *"list:new", "enter", "F")
        await pilot.pause()
        await pilot.press("enter")  # save this view's filter as…
        await pilot.pause()
        await pilot.press(*"new keys", "enter")
        await pilot.pause()
        await pilot.press("3", "F")
        await pilot.pause()
        await pilot.press(*"new keys", "enter")
        await pilot.pause(0.5)
        table = app.screen.query_one(AccountTable)
        seen["rows"] = {str(table.get_row_at(i)[0]) for i in range(table.row_count)}

    run_app(demo_repo, settings, clock, scenario)
    saved = json.loads(default_view_state_path().read_text())["filters"]
    assert saved == {"new keys": "list:new key"}
    keys = {a.name for a in demo_repo.all(Account) if a.key_account and a.lifecycle == "New"}
    assert keys and seen["rows"] == keys
