"""The lifecycle lists board driven with real keys, checked in the store."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

from textual.pilot import Pilot

from kam_tui.config.settings import Settings
from kam_tui.domain.clock import Clock
from kam_tui.domain.models import Account
from kam_tui.store import Repository
from kam_tui.ui.app import KamApp
from kam_tui.ui.boards.board import Board
from kam_tui.ui.boards.lists import ListsScreen

Scenario = Callable[[KamApp, Pilot[None], ListsScreen], Awaitable[None]]


def run_lists(repo: Repository, settings: Settings, clock: Clock, scenario: Scenario) -> None:
    """Run `scenario` on the Lists view (key 2) of a KamApp over `repo`."""

    async def main() -> None:
        app = KamApp(repo, settings, clock)
        app.animation_level = "none"
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await pilot.press("2")
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, ListsScreen)
            await scenario(app, pilot, screen)

    asyncio.run(main())


def column_accounts(repo: Repository, board: Board, key: str) -> list[Account]:
    """The accounts a column shows, in order, as stored."""
    column = board.column(key)
    assert column is not None
    accounts = [repo.account(account.id) for account in column.accounts]
    assert all(account is not None for account in accounts)
    return [account for account in accounts if account is not None]


def test_lists_are_the_config_lists_and_moves_change_the_lifecycle(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    async def scenario(app: KamApp, pilot: Pilot[None], screen: ListsScreen) -> None:
        board = screen.board
        assert board.keys == list(settings.schema.lists)
        card = board.highlighted_card
        assert card is not None
        account_id = card.account.id
        assert card.account.lifecycle == "New"
        status_before = card.account.status

        await pilot.press("L")
        account = demo_repo.account(account_id)
        assert account is not None and account.lifecycle == "Existing"
        assert account.status == status_before, "a list move leaves the pipeline alone"
        assert board.focused_column is not None and board.focused_column.key == "Existing"

        await pilot.press("shift+right", "H")
        account = demo_repo.account(account_id)
        assert account is not None and account.lifecycle == "Existing"

        await pilot.press("m", *"lost", "enter")
        await pilot.pause()
        account = demo_repo.account(account_id)
        assert account is not None and account.lifecycle == "Lost"
        card = board.highlighted_card
        assert card is not None and card.account.id == account_id

        await pilot.press("u")
        await pilot.pause()
        account = demo_repo.account(account_id)
        assert account is not None and account.lifecycle == "Existing"

    run_lists(demo_repo, settings, clock, scenario)


def test_s_cycles_the_sort_by_name_revenue_and_last_contact(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    async def scenario(app: KamApp, pilot: Pilot[None], screen: ListsScreen) -> None:
        board = screen.board
        for key in board.keys:
            names = [a.name.casefold() for a in column_accounts(demo_repo, board, key)]
            assert names == sorted(names)
        assert "by name" in str(screen.sub_title)

        await pilot.press("s")
        assert "by revenue" in str(screen.sub_title)
        for key in board.keys:
            revenues = [a.annual_revenue for a in column_accounts(demo_repo, board, key)]
            assert revenues == sorted(revenues, reverse=True)

        await pilot.press("s")
        assert "by last contact" in str(screen.sub_title)
        for key in board.keys:
            days = [a.last_contact for a in column_accounts(demo_repo, board, key)]
            assert all(day is not None for day in days)
            assert days == sorted(days)  # type: ignore[type-var]

        await pilot.press("s")
        assert "by name" in str(screen.sub_title)

    run_lists(demo_repo, settings, clock, scenario)


def test_a_moved_card_lands_in_sorted_order(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    async def scenario(app: KamApp, pilot: Pilot[None], screen: ListsScreen) -> None:
        board = screen.board
        await pilot.press("s", "j")
        card = board.highlighted_card
        assert card is not None
        await pilot.press("L")
        shown = column_accounts(demo_repo, board, "Existing")
        assert card.account.id in [a.id for a in shown]
        revenues = [a.annual_revenue for a in shown]
        assert revenues == sorted(revenues, reverse=True)
        stored = sorted(a.id for a in demo_repo.accounts() if a.lifecycle == "Existing")
        assert sorted(a.id for a in shown) == stored

    run_lists(demo_repo, settings, clock, scenario)
