"""The team board driven with real keys: reassign, bulk reassign, undo, filters, loads."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import replace

from kam_testing import card_text, column_text
from textual.pilot import Pilot
from textual.widgets import SelectionList

from kam_tui.config.settings import Settings
from kam_tui.domain.clock import Clock
from kam_tui.domain.models import Action
from kam_tui.store import Repository
from kam_tui.ui.app import KamApp
from kam_tui.ui.boards.board import Board
from kam_tui.ui.boards.card import SELECTED_MARK
from kam_tui.ui.boards.filter_dialog import BoardFilterDialog
from kam_tui.ui.boards.team import TeamScreen

Scenario = Callable[[KamApp, Pilot[None], TeamScreen], Awaitable[None]]
MANAGERS = ["Alice Martin", "Bruno Keller", "Chloé Dubois", "Dev Patel", ""]


def run_team(repo: Repository, settings: Settings, clock: Clock, scenario: Scenario) -> None:
    """Run `scenario` on the Team view (key 4) of a KamApp over `repo`."""

    async def main() -> None:
        app = KamApp(repo, settings, clock)
        app.animation_level = "none"
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await pilot.press("4")
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, TeamScreen)
            await scenario(app, pilot, screen)

    asyncio.run(main())


def shown_ids(board: Board, key: str) -> list[int]:
    """The accounts a column shows, in order."""
    column = board.column(key)
    assert column is not None
    return [account.id for account in column.accounts]


def header_lines(board: Board, key: str) -> list[str]:
    """The lines of a column's header."""
    column = board.column(key)
    assert column is not None
    return column.header.plain.splitlines()


def assignees(repo: Repository, ids: list[int]) -> set[str]:
    """The stored assignees of some accounts."""
    found = set()
    for account_id in ids:
        account = repo.account(account_id)
        assert account is not None
        found.add(account.assignee)
    return found


def test_columns_are_the_managers_found_and_unassigned_with_their_load(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    async def scenario(app: KamApp, pilot: Pilot[None], screen: TeamScreen) -> None:
        board = screen.board
        assert board.keys == MANAGERS
        assert header_lines(board, "")[0] == "Unassigned"
        alice = [a for a in demo_repo.accounts() if a.assignee == "Alice Martin"]
        keys = sum(a.key_account for a in alice)
        assert header_lines(board, "Alice Martin")[1].startswith(f"{len(alice)} · €")
        assert header_lines(board, "Alice Martin")[2].startswith(f"{keys}★ ")

    run_team(demo_repo, settings, clock, scenario)


def test_L_reassigns_one_account_and_the_loads_follow(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    async def scenario(app: KamApp, pilot: Pilot[None], screen: TeamScreen) -> None:
        board = screen.board
        card = board.highlighted_card
        assert card is not None
        account_id = card.account.id
        alice = len(shown_ids(board, "Alice Martin"))
        bruno = len(shown_ids(board, "Bruno Keller"))
        assert header_lines(board, "Alice Martin")[1].startswith(f"{alice} · ")

        await pilot.press("L")

        assert assignees(demo_repo, [account_id]) == {"Bruno Keller"}
        assert board.focused_column is not None and board.focused_column.key == "Bruno Keller"
        card = board.highlighted_card
        assert card is not None and card.account.id == account_id
        assert header_lines(board, "Alice Martin")[1].startswith(f"{alice - 1} · ")
        assert header_lines(board, "Bruno Keller")[1].startswith(f"{bruno + 1} · ")

        await pilot.press("right", "right", "right", "L")
        assert not board.check_action("move_card_right", ())

    run_team(demo_repo, settings, clock, scenario)


def test_space_marks_three_cards_L_moves_them_all_and_one_u_restores_all(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    async def scenario(app: KamApp, pilot: Pilot[None], screen: TeamScreen) -> None:
        board = screen.board
        marked = shown_ids(board, "Alice Martin")[:3]
        await pilot.press("space", "space", "space")
        assert board.marked == set(marked)
        column = board.column("Alice Martin")
        assert column is not None
        shown_marks = [
            account.id
            for index, account in enumerate(column.accounts[: column.visible_cards])
            if SELECTED_MARK in card_text(column, index)
        ]
        assert shown_marks == marked
        assert "3 marked" in str(screen.sub_title)
        revision = demo_repo.revision

        await pilot.press("L")

        assert assignees(demo_repo, marked) == {"Bruno Keller"}
        assert demo_repo.revision == revision + 1, "one change for the three"
        assert board.marked == set()
        assert set(marked) <= set(shown_ids(board, "Bruno Keller"))

        await pilot.press("u")
        await pilot.pause()
        assert assignees(demo_repo, marked) == {"Alice Martin"}
        assert set(marked) <= set(shown_ids(board, "Alice Martin"))

    run_team(demo_repo, settings, clock, scenario)


def test_m_reassigns_marked_cards_from_several_columns_and_escape_clears_marks(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    async def scenario(app: KamApp, pilot: Pilot[None], screen: TeamScreen) -> None:
        board = screen.board
        await pilot.press("space", "escape")
        assert board.marked == set()
        column = board.column("Alice Martin")
        assert column is not None
        assert not any(SELECTED_MARK in line for line in column_text(column))

        marked = [*shown_ids(board, "Alice Martin")[:2], shown_ids(board, "Bruno Keller")[0]]
        await pilot.press("k", "k", "space", "space", "l", "space")
        assert board.marked == set(marked)
        await pilot.press("m", *"unass", "enter")
        await pilot.pause()
        assert assignees(demo_repo, marked) == {""}
        assert set(marked) <= set(shown_ids(board, ""))
        assert board.focused_column is not None and board.focused_column.key == ""

    run_team(demo_repo, settings, clock, scenario)


def test_f_filters_by_pipeline_status_and_lifecycle_list(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    def everything_shown(board: Board) -> list[int]:
        return [account_id for key in board.keys for account_id in shown_ids(board, key)]

    async def scenario(app: KamApp, pilot: Pilot[None], screen: TeamScreen) -> None:
        board = screen.board
        await pilot.press("f")
        dialog = app.screen
        assert isinstance(dialog, BoardFilterDialog)
        statuses = dialog.query_one("#filter-statuses", SelectionList)
        assert app.focused is statuses
        await pilot.press("down", "down", "space", "down", "space", "enter")
        await pilot.pause()
        assert isinstance(app.screen, TeamScreen)
        wanted = {"Proposal sent", "Won"}
        shown = everything_shown(board)
        stored = [a.id for a in demo_repo.accounts() if a.status in wanted]
        assert sorted(shown) == sorted(stored)
        assert "Proposal sent, Won" in str(screen.sub_title)
        alice = [
            a for a in demo_repo.accounts() if a.status in wanted and a.assignee == "Alice Martin"
        ]
        assert header_lines(board, "Alice Martin")[1].startswith(f"{len(alice)} · ")

        await pilot.press("f", "tab", "space", "enter")
        await pilot.pause()
        shown = everything_shown(board)
        stored = [a.id for a in demo_repo.accounts() if a.status in wanted and a.lifecycle == "New"]
        assert sorted(shown) == sorted(stored)

        one = demo_repo.account(stored[0])
        assert one is not None
        screen.apply_filter(one.name.upper())
        assert everything_shown(board) == [one.id], "text and checklists filter together"

        await pilot.press("f", "x", "enter")
        screen.apply_filter("")
        await pilot.pause()
        assert len(everything_shown(board)) == len(demo_repo.accounts())

    run_team(demo_repo, settings, clock, scenario)


def test_open_actions_in_the_header_follow_action_changes(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    async def scenario(app: KamApp, pilot: Pilot[None], screen: TeamScreen) -> None:
        board = screen.board
        alice_ids = {a.id for a in demo_repo.accounts() if a.assignee == "Alice Martin"}
        open_actions = [
            action
            for action in demo_repo.all(Action)
            if action.account_id in alice_ids and action.status != "done"
        ]
        assert open_actions
        assert f" {len(open_actions)} open " in header_lines(board, "Alice Martin")[2]
        demo_repo.save(replace(open_actions[0], status="done"))
        await pilot.pause()
        assert f" {len(open_actions) - 1} open " in header_lines(board, "Alice Martin")[2]

    run_team(demo_repo, settings, clock, scenario)
