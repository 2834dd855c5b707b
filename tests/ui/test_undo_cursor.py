"""After an undo or redo the cursor is on the record it restored or changed, on every view,
so the next key acts on that record and not on the neighbour the change left highlighted."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from kam_testing import make_app, synchronous
from textual.widget import Widget

from kam_tui.config.settings import Settings
from kam_tui.domain.clock import Clock
from kam_tui.domain.models import (
    Account,
    Action,
    Activity,
    Contact,
    Objective,
    ProcessStep,
    Record,
    SwotItem,
)
from kam_tui.store import Repository
from kam_tui.ui.account.activities import ActivityList
from kam_tui.ui.account.contacts import ContactList
from kam_tui.ui.account.screen import AccountScreen
from kam_tui.ui.app import KamApp
from kam_tui.ui.boards.board_view import BoardView
from kam_tui.ui.plan.objectives import ActionTable, ObjectiveList, PlanPane
from kam_tui.ui.plan.process import ProcessPane, ProcessTable
from kam_tui.ui.plan.quadrant import SwotQuadrant
from kam_tui.ui.table.screen import TableScreen

ACCOUNT = 3
"""A demo account with four contacts, three activities, SWOT items, a plan and a process."""


def highlighted_account(screen: BoardView) -> int:
    card = screen.board.highlighted_card
    assert card is not None
    return card.account.id


@pytest.mark.parametrize("mode", ["pipeline", "lists", "team"])
@synchronous
async def test_undoing_a_delete_on_a_board_highlights_the_restored_card(
    demo_repo: Repository, settings: Settings, clock: Clock, mode: str
) -> None:
    app = make_app(demo_repo, settings, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press(str(["pipeline", "lists", "table", "team"].index(mode) + 1))
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, BoardView)
        await pilot.press("j")
        doomed = highlighted_account(screen)
        await pilot.press("d", "y")
        assert demo_repo.account(doomed) is None
        neighbour = highlighted_account(screen)
        assert neighbour != doomed
        await pilot.press("u")
        assert highlighted_account(screen) == doomed
        assert app.focused is screen.board
        # The second delete takes the same account again, never the neighbour.
        await pilot.press("d", "y")
        assert demo_repo.account(doomed) is None
        assert demo_repo.account(neighbour) is not None
        await pilot.press("u", "ctrl+r")
        assert demo_repo.account(doomed) is None
        await pilot.press("u")
        assert highlighted_account(screen) == doomed


@synchronous
async def test_undoing_and_redoing_a_move_highlights_the_moved_card(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    app = make_app(demo_repo, settings, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, BoardView)
        moved = highlighted_account(screen)
        status = demo_repo.account(moved).status  # type: ignore[union-attr]
        await pilot.press("L", "j", "h")  # move right, then wander off
        assert highlighted_account(screen) != moved
        await pilot.press("u")
        assert demo_repo.account(moved).status == status  # type: ignore[union-attr]
        assert highlighted_account(screen) == moved
        await pilot.press("j", "ctrl+r")
        assert demo_repo.account(moved).status != status  # type: ignore[union-attr]
        assert highlighted_account(screen) == moved


@synchronous
async def test_undoing_a_cell_edit_in_the_table_puts_the_cursor_on_its_row(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    app = make_app(demo_repo, settings, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, TableScreen)
        await pilot.press("j")
        edited = screen.table.cursor_account_id
        assert edited is not None
        await pilot.press("e", "ctrl+a", "ctrl+k", *"Zebra Works", "enter")
        assert demo_repo.account(edited).name == "Zebra Works"  # type: ignore[union-attr]
        await pilot.press("g")  # the first row: the edited one sorts last now
        assert screen.table.cursor_account_id != edited
        await pilot.press("u")
        assert screen.table.cursor_account_id == edited
        await pilot.press("g", "ctrl+r")
        assert screen.table.cursor_account_id == edited


def contact_of(app: KamApp) -> int | None:
    contact = app.screen.query_one(ContactList).highlighted_contact
    return contact.id if contact else None


def activity_of(app: KamApp) -> int | None:
    activity = app.screen.query_one(ActivityList).highlighted_activity
    return activity.id if activity else None


def swot_of(app: KamApp) -> int | None:
    focused = app.focused
    item = focused.highlighted_item if isinstance(focused, SwotQuadrant) else None
    return item.id if item else None


def row_of(app: KamApp) -> str | None:
    option = app.screen.query_one(ObjectiveList).highlighted_option
    return option.id if option else None


def action_of(app: KamApp) -> int | None:
    action = app.screen.query_one(PlanPane).current_action
    return action.id if action else None


def step_of(app: KamApp) -> int | None:
    step = app.screen.query_one(ProcessPane).current_step
    return step.id if step else None


TabCase = tuple[
    str, tuple[str, ...], tuple[str, ...], Callable[[KamApp], object], type[Widget], type[Record]
]
TAB_CASES: dict[str, TabCase] = {
    # tab, keys to the record, keys that delete it, what is highlighted, focused widget, kind
    "contact": ("contacts", ("j",), ("d", "y"), contact_of, ContactList, Contact),
    # past the newest activity and the status and list changes after it
    "activity": ("activities", ("j", "j", "j"), ("d", "y"), activity_of, ActivityList, Activity),
    "swot": ("swot", (), ("d", "v"), swot_of, SwotQuadrant, SwotItem),
    "key result": ("plan", ("j", "j"), ("d",), row_of, ObjectiveList, Objective),
    "action": ("plan", ("tab",), ("d",), action_of, ActionTable, Action),
    "step": ("process", ("j",), ("d",), step_of, ProcessTable, ProcessStep),
}


def records_of(repo: Repository, kind: type[Record]) -> int:
    """How many records of a kind the account has (key results for objectives)."""
    if kind is Objective:
        return sum(len(o.key_results) for o in repo.children(Objective, ACCOUNT))
    return len(repo.children(kind, ACCOUNT))


@pytest.mark.parametrize("case", TAB_CASES)
@synchronous
async def test_undoing_a_delete_in_an_account_tab_highlights_the_restored_record(
    demo_repo: Repository, settings: Settings, clock: Clock, case: str
) -> None:
    tab, moves, delete_keys, highlighted, widget_type, kind = TAB_CASES[case]
    app = make_app(demo_repo, settings, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.open_account(ACCOUNT, tab)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, AccountScreen)
        count = records_of(demo_repo, kind)
        await pilot.press(*moves)
        target = highlighted(app)
        assert target is not None
        await pilot.press(*delete_keys)
        assert records_of(demo_repo, kind) == count - 1
        assert highlighted(app) != target
        await pilot.press("left_square_bracket")  # another tab: the undo brings the record back
        await pilot.press("u")
        assert records_of(demo_repo, kind) == count
        assert screen.active_tab == tab
        assert isinstance(app.focused, widget_type)
        assert highlighted(app) == target


@synchronous
async def test_redoing_a_new_contact_highlights_it(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    app = make_app(demo_repo, settings, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.open_account(ACCOUNT, "contacts")
        await pilot.pause()
        await pilot.press("n", *"Zed Zulu", "ctrl+s")
        added = max(c.id for c in demo_repo.children(Contact, ACCOUNT))
        await pilot.press("u", "g")
        assert demo_repo.get(Contact, added) is None
        await pilot.press("ctrl+r")
        assert contact_of(app) == added


def test_a_change_names_the_record_acted_on(demo_repo: Repository) -> None:
    """The subject is the record the user acted on, not what a delete took with it."""
    account = demo_repo.account(ACCOUNT)
    assert account is not None
    demo_repo.delete(account)
    assert demo_repo.undo() is not None
    change = demo_repo.redo()
    assert change is not None and change.subject == (Account.TABLE, ACCOUNT)
    assert change.inverted().subject_edit is not None
