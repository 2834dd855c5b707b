"""Keys typed faster than the app handles them: each one is handled, in order, by the screen
and widget the keys before it left in charge. A key may wait; it is never lost."""

from __future__ import annotations

from typing import Any

from kam_testing import make_app, synchronous
from textual import events
from textual.app import App
from textual.keys import _character_to_key
from textual.pilot import Pilot
from textual.widgets import Input

from kam_tui.config.settings import Settings
from kam_tui.domain.clock import Clock
from kam_tui.domain.models import Contact, SwotItem
from kam_tui.store import Repository
from kam_tui.ui.account.account_form import AccountForm
from kam_tui.ui.account.screen import AccountScreen
from kam_tui.ui.boards.board_view import BoardView
from kam_tui.ui.shell.help import HelpScreen
from kam_tui.ui.table.screen import TableScreen

NAMES = 5
"""How many accounts are renamed in one burst each."""


def burst(app: App[Any], *keys: str) -> None:
    """Send `keys` as a terminal does when they are typed at once: all queued before the app
    handles the first (Pilot's press waits for the app between keys; this does not)."""
    driver = app._driver
    assert driver is not None
    for key in keys:
        character = key if len(key) == 1 else None
        name = _character_to_key(key) if len(key) == 1 and not key.isalnum() else key
        event = events.Key(name, character)
        event.set_sender(app)
        driver.send_message(event)


async def settle(pilot: Pilot[Any], rounds: int = 12) -> None:
    """Let the burst be handled (waiting on the app, never on a clock)."""
    for _ in range(rounds):
        await pilot.pause()


@synchronous
async def test_enter_then_next_tab_opens_the_account_on_its_second_tab(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    app = make_app(demo_repo, settings, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        burst(app, "enter", "]", "]", "j")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, AccountScreen)
        assert screen.active_tab == "activities"
        assert app.focused is not None and app.focused.id == "activity-list"
        assert app.focused.highlighted == 1  # type: ignore[attr-defined]


@synchronous
async def test_every_name_typed_into_a_form_at_once_is_saved(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    app = make_app(demo_repo, settings, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, BoardView)
        board: BoardView = screen  # declared, so `app.screen is board` keeps its type
        lost = []
        for number in range(NAMES):
            card = board.board.highlighted_card
            assert card is not None
            name = f"Renamed {number}"
            burst(app, "e", "ctrl+a", "ctrl+k", *name, "ctrl+s", "j")
            await settle(pilot)
            if demo_repo.account(card.account.id).name != name:  # type: ignore[union-attr]
                lost.append(name)
            assert app.screen is board
        assert lost == []


@synchronous
async def test_a_new_contact_typed_at_once_is_saved_whole(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    app = make_app(demo_repo, settings, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        burst(app, "enter", "]", "n", *"Quick Quentin", "tab", *"Buyer", "ctrl+s")
        await settle(pilot)
        names = {contact.name: contact for contact in demo_repo.all(Contact)}
        assert "Quick Quentin" in names
        assert names["Quick Quentin"].title == "Buyer"


@synchronous
async def test_a_view_switch_then_help_shows_the_new_views_help(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    app = make_app(demo_repo, settings, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        burst(app, "3", "question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        burst(app, "escape", "j", "e", *"Typed", "enter")
        await settle(pilot)
        table = app.screen
        assert isinstance(table, TableScreen)
        assert not isinstance(app.focused, Input)


@synchronous
async def test_keys_typed_while_a_dialog_opens_reach_its_first_field(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    app = make_app(demo_repo, settings, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        burst(app, "n", *"Brand New Ltd")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, AccountForm)
        assert form.query_one("#field-name", Input).value == "Brand New Ltd"


@synchronous
async def test_a_key_after_a_focus_move_acts_where_the_focus_went(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    app = make_app(demo_repo, settings, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.open_account(3, "swot")
        await settle(pilot)
        before = {item.id: item for item in demo_repo.children(SwotItem, 3)}
        burst(app, "l", "d")  # to the Weaknesses quadrant, then delete its item
        await settle(pilot)
        gone = before.keys() - {item.id for item in demo_repo.children(SwotItem, 3)}
        assert [before[item_id].quadrant for item_id in gone] == ["W"]
