"""The status history from the keyboard: a card move records who moved it where (undo takes
the entry away, redo brings it back), a move to Won or Lost asks why, and the account's
timeline shows the entries beside its activities."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

from textual.pilot import Pilot
from textual.widgets import Input

from kam_tui.config.settings import Settings
from kam_tui.domain.clock import Clock
from kam_tui.domain.models import StatusChange
from kam_tui.store import Repository
from kam_tui.ui.account.activities import ActivityList, HistoryOption
from kam_tui.ui.account.screen import AccountScreen
from kam_tui.ui.app import KamApp
from kam_tui.ui.boards.pipeline import PipelineScreen
from kam_tui.ui.boards.reason_dialog import ReasonDialog
from kam_tui.ui.forms.fields import field_id

Scenario = Callable[[KamApp, Pilot[None], PipelineScreen], Awaitable[None]]
ME = "Alice Martin"


def run_pipeline(repo: Repository, settings: Settings, clock: Clock, scenario: Scenario) -> None:
    repo.user = ME

    async def main() -> None:
        app = KamApp(repo, settings, clock)
        app.animation_level = "none"
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, PipelineScreen)
            await scenario(app, pilot, screen)

    asyncio.run(main())


def moves(repo: Repository, account_id: int) -> list[tuple[str, str, str, str]]:
    """The account's status moves: from, to, by, reason."""
    return [
        (entry.from_value, entry.to_value, entry.by, entry.reason)
        for entry in repo.children(StatusChange, account_id)
        if entry.kind == "status"
    ]


def highlighted(screen: PipelineScreen) -> int:
    card = screen.board.highlighted_card
    assert card is not None
    return card.account.id


def test_a_card_move_records_history_undo_removes_it_redo_restores_it(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    today = clock().date()

    async def scenario(app: KamApp, pilot: Pilot[None], screen: PipelineScreen) -> None:
        account_id = highlighted(screen)
        before = moves(demo_repo, account_id)
        count = demo_repo.count(StatusChange)
        await pilot.press("L")
        await pilot.pause()
        assert moves(demo_repo, account_id) == [*before, ("Contacted", "Demo provided", ME, "")]
        newest = demo_repo.children(StatusChange, account_id)[-1]
        assert newest.day == today
        assert not isinstance(app.screen, ReasonDialog), "an open status asks nothing"
        await pilot.press("u")
        await pilot.pause()
        assert moves(demo_repo, account_id) == before
        assert demo_repo.count(StatusChange) == count
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert moves(demo_repo, account_id) == [*before, ("Contacted", "Demo provided", ME, "")]

    run_pipeline(demo_repo, settings, clock, scenario)


def test_a_move_to_won_asks_why_and_keeps_the_answer_in_one_undo_step(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    async def scenario(app: KamApp, pilot: Pilot[None], screen: PipelineScreen) -> None:
        await pilot.press("l", "l")
        account_id = highlighted(screen)
        before = moves(demo_repo, account_id)
        await pilot.press("L")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ReasonDialog)
        assert dialog.form_title == "Why was it won?"
        account = demo_repo.account(account_id)
        assert account is not None and account.status == "Proposal sent", "not moved yet"
        dialog.query_one("#" + field_id("reason"), Input).focus()
        await pilot.press(*"Best [b]price[/b]", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, ReasonDialog)
        account = demo_repo.account(account_id)
        assert account is not None and account.status == "Won"
        assert moves(demo_repo, account_id) == [
            *before,
            ("Proposal sent", "Won", ME, "Best [b]price[/b]"),
        ]
        assert screen.board.focused_column is not None
        assert screen.board.focused_column.key == "Won", "the focus follows the card"
        await pilot.press("u")
        await pilot.pause()
        account = demo_repo.account(account_id)
        assert account is not None and account.status == "Proposal sent"
        assert moves(demo_repo, account_id) == before

    run_pipeline(demo_repo, settings, clock, scenario)


def test_escape_moves_to_lost_without_a_reason(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    async def scenario(app: KamApp, pilot: Pilot[None], screen: PipelineScreen) -> None:
        account_id = highlighted(screen)
        before = moves(demo_repo, account_id)
        await pilot.press("m", *"lost", "enter")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ReasonDialog)
        assert dialog.form_title == "Why was it lost?"
        await pilot.press(*"typed then", "escape")
        await pilot.pause()
        assert not isinstance(app.screen, ReasonDialog)
        account = demo_repo.account(account_id)
        assert account is not None and account.status == "Lost"
        assert moves(demo_repo, account_id) == [*before, ("Contacted", "Lost", ME, "")]
        await pilot.press("u")
        await pilot.pause()
        assert moves(demo_repo, account_id) == before

    run_pipeline(demo_repo, settings, clock, scenario)


def test_the_timeline_shows_a_move_and_d_on_it_does_nothing(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    async def scenario(app: KamApp, pilot: Pilot[None], screen: PipelineScreen) -> None:
        account_id = highlighted(screen)
        await pilot.press("L")
        await pilot.pause()
        app.open_account(account_id, "activities")
        await pilot.pause()
        await pilot.pause()
        account_screen = app.screen
        assert isinstance(account_screen, AccountScreen)
        timeline = account_screen.query_one(ActivityList)
        entries = [timeline.get_option_at_index(index) for index in range(timeline.option_count)]
        history = [option for option in entries if isinstance(option, HistoryOption)]
        assert len(history) == len(demo_repo.children(StatusChange, account_id))
        newest = history[0]
        assert (newest.entry.from_value, newest.entry.to_value) == ("Contacted", "Demo provided")
        assert "Contacted → Demo provided  by Alice Martin" in str(newest.prompt)
        timeline.focus()
        timeline.highlighted = entries.index(newest)
        await pilot.pause()
        revision = demo_repo.revision
        assert not timeline.check_action("delete", ())
        await pilot.press("d")
        await pilot.pause()
        assert app.screen is account_screen, "no question asked"
        assert demo_repo.revision == revision
        assert len(demo_repo.children(StatusChange, account_id)) == len(history)

    run_pipeline(demo_repo, settings, clock, scenario)
