"""Each view remembers its sort and filter across restarts, in the user's state file."""

from __future__ import annotations

import json

from kam_testing import run_app
from textual.pilot import Pilot
from textual.widgets import Label

from kam_tui.config.settings import Settings
from kam_tui.config.view_state import default_view_state_path
from kam_tui.domain.clock import Clock
from kam_tui.store import Repository
from kam_tui.ui.app import KamApp
from kam_tui.ui.boards.board_view import BoardView
from kam_tui.ui.boards.filter_dialog import BoardFilterDialog
from kam_tui.ui.shell.header import KamHeader
from kam_tui.ui.table.screen import TableScreen


def board(app: KamApp) -> BoardView:
    screen = app.screen
    assert isinstance(screen, BoardView)
    return screen


def shown_count(screen: BoardView) -> int:
    board = screen.board
    return sum(len(column.accounts) for key in board.keys if (column := board.column(key)))


def test_the_boards_sort_and_filters_come_back_after_a_restart(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    seen: dict[str, object] = {}

    async def first_run(app: KamApp, pilot: Pilot[None]) -> None:
        await pilot.press("s", "slash", "a", "enter", "o")  # by revenue, "a", overdue only
        await pilot.pause()
        seen["shown"] = shown_count(board(app))
        await pilot.press("2", "s", "s")  # the Lists board: by last contact
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, BoardFilterDialog)
        await pilot.press("space", "enter")  # ticks the first status
        await pilot.pause()
        seen["lists"] = board(app).account_filter
        await pilot.press("q")

    run_app(demo_repo, settings, clock, first_run)
    saved = json.loads(default_view_state_path().read_text())
    assert saved["views"]["pipeline"] == {
        "sort": "revenue",
        "text": "a",
        "overdue": True,
        "statuses": [],
        "lists": [],
    }

    async def second_run(app: KamApp, pilot: Pilot[None]) -> None:
        await pilot.pause()
        pipeline = board(app)
        assert pipeline.sort == "revenue"
        assert pipeline.account_filter.text == "a"
        assert pipeline.account_filter.overdue_only
        assert shown_count(pipeline) == seen["shown"]
        assert pipeline.query_one(KamHeader).filter_text == "a", "the typed filter shows"
        assert "by revenue" in str(pipeline.sub_title)
        assert "overdue only" in str(pipeline.sub_title)
        await pilot.press("2")
        await pilot.pause()
        lists = board(app)
        assert lists.sort == "last contact"
        assert lists.account_filter == seen["lists"]
        assert lists.account_filter.statuses, "the status chosen with f"
        # Escape shows everything again, and that is remembered too.
        await pilot.press("escape")
        await pilot.pause()
        assert not lists.account_filter.active

    run_app(demo_repo, settings, clock, second_run)
    saved = json.loads(default_view_state_path().read_text())
    assert saved["views"]["lists"]["statuses"] == []
    assert saved["views"]["lists"]["sort"] == "last contact"


def test_an_unreadable_state_file_is_ignored_with_one_notification(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    path = default_view_state_path()
    path.parent.mkdir(parents=True)
    path.write_text('{"version": 1, "views": {"pipeline": {"sort": ')

    async def scenario(app: KamApp, pilot: Pilot[None]) -> None:
        await pilot.press("2", "1")
        await pilot.pause()
        pipeline = board(app)
        assert pipeline.sort == "name" and not pipeline.account_filter.active
        await pilot.press("s")
        await pilot.pause()

    messages: list[str] = []
    run_app(demo_repo, settings, clock, scenario, notes=messages)
    problems = [message for message in messages if str(path) in message]
    assert len(problems) == 1, messages
    assert "not valid JSON" in problems[0]
    saved = json.loads(path.read_text())
    assert saved["views"]["pipeline"]["sort"] == "revenue", "written anew at the next change"


def test_the_tables_sort_column_direction_and_filter_come_back_after_a_restart(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    chosen: list[str] = []

    async def first_run(app: KamApp, pilot: Pilot[None]) -> None:
        await pilot.press("3")
        await pilot.pause()
        table = app.screen
        assert isinstance(table, TableScreen)
        await pilot.press("right", "s", "s")  # the second column, descending
        await pilot.press("slash", "e", "enter")
        await pilot.pause()
        chosen.append(table.sort_key)
        assert table.sort_reverse

    run_app(demo_repo, settings, clock, first_run)

    async def second_run(app: KamApp, pilot: Pilot[None]) -> None:
        await pilot.press("3")
        await pilot.pause()
        table = app.screen
        assert isinstance(table, TableScreen)
        assert (table.sort_key, table.sort_reverse) == (chosen[0], True)
        assert table.query_one(KamHeader).filter_text == "e"
        summary = str(table.query_one("#table-summary", Label).content)
        assert "matching 'e'" in summary and "descending" in summary

    run_app(demo_repo, settings, clock, second_run)
    assert chosen[0] != "name"


def test_the_portfolios_section_and_scope_come_back_after_a_restart(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    from textual.widgets import Checkbox

    from kam_tui.ui.portfolio.screen import PortfolioScreen

    async def first_run(app: KamApp, pilot: Pilot[None]) -> None:
        await pilot.press("5", "tab", "tab", "f")
        await pilot.pause()
        app.screen.query_one("#portfolio-filter-key", Checkbox).value = True
        await pilot.press("enter")
        await pilot.pause()
        portfolio = app.screen
        assert isinstance(portfolio, PortfolioScreen)
        assert portfolio.section_index == 2 and portfolio.portfolio_filter.key_accounts_only

    run_app(demo_repo, settings, clock, first_run)

    async def second_run(app: KamApp, pilot: Pilot[None]) -> None:
        await pilot.press("5")
        await pilot.pause()
        portfolio = app.screen
        assert isinstance(portfolio, PortfolioScreen)
        assert portfolio.section_index == 2
        assert portfolio.portfolio_filter.key_accounts_only

    run_app(demo_repo, settings, clock, second_run)
    saved = json.loads(default_view_state_path().read_text())["views"]["portfolio"]
    assert saved["key_accounts_only"] is True and saved["manager"] is None
