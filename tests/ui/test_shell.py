"""The app shell driven with real keys: views, help, palette, undo, saving, quitting, first run."""

from __future__ import annotations

import errno
import threading
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from kam_testing import run_app, save_status
from textual import events
from textual.command import CommandList, CommandPalette
from textual.coordinate import Coordinate
from textual.pilot import Pilot
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Label

from kam_tui.config.checks import validate_keymap
from kam_tui.config.settings import Settings
from kam_tui.domain.clock import Clock
from kam_tui.domain.errors import ValidationError
from kam_tui.domain.filters import LANGUAGE_HELP
from kam_tui.domain.models import Account
from kam_tui.store import ReadOnlyError, Repository
from kam_tui.store.files import Pieces, atomic_write
from kam_tui.ui.account.screen import AccountScreen
from kam_tui.ui.app import KamApp, known_binding_ids, theme_names
from kam_tui.ui.boards.lists import ListsScreen
from kam_tui.ui.boards.pipeline import PipelineScreen
from kam_tui.ui.boards.team import TeamScreen
from kam_tui.ui.forms.confirm import ConfirmDialog
from kam_tui.ui.shell.header import KamHeader
from kam_tui.ui.shell.help import FILTER_TITLE, HelpScreen, KeyTable
from kam_tui.ui.shell.save_status import SaveIndicator
from kam_tui.ui.table.account_table import AccountTable
from kam_tui.ui.table.screen import TableScreen

REVENUE_COLUMN = 8


async def wait_for(pilot: Pilot[None], condition: Callable[[], bool], seconds: float = 5) -> None:
    """Let the app run until `condition` holds (saves happen in another thread)."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        await pilot.pause(0.05)


def gated_writes(repo: Repository) -> threading.Event:
    """Hold every save of `repo` until the returned event is set."""
    saver = repo._saver
    assert saver is not None
    gate = threading.Event()

    def write(path: Path, payload: Pieces) -> None:
        gate.wait(10)
        atomic_write(path, payload)

    saver._write = write
    return gate


def failing_writes(repo: Repository) -> None:
    """Make every save of `repo` fail as on a full disk."""
    saver = repo._saver
    assert saver is not None

    def write(path: Path, payload: Pieces) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    saver._write = write


async def edit_first_revenue(pilot: Pilot[None], text: str) -> Account:
    """Show the Table view and edit the revenue of its first row; returns the account before."""
    await pilot.press("3")
    await pilot.pause()
    return await edit_first_revenue_from_table(pilot, text)


def test_number_keys_switch_views_and_the_header_names_the_active_one(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    async def scenario(app: KamApp, pilot: Pilot[None]) -> None:
        assert isinstance(app.screen, PipelineScreen)
        for key, screen_type, label in (
            ("3", TableScreen, "3 Table"),
            ("2", ListsScreen, "2 Lists"),
            ("4", TeamScreen, "4 Team"),
            ("1", PipelineScreen, "1 Pipeline"),
        ):
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, screen_type)
            active = app.screen.query_one(KamHeader).active_tab
            assert active is not None and f"{active.key} {active.label}" == label

    run_app(demo_repo, settings, clock, scenario)


def test_a_view_key_shows_the_view_not_an_account_left_open_in_it(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    async def scenario(app: KamApp, pilot: Pilot[None]) -> None:
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, AccountScreen)
        opened = app.screen.account_id
        # Away to the table and back: the pipeline itself, on the card that was opened.
        await pilot.press("3", "1")
        await pilot.pause()
        assert isinstance(app.screen, PipelineScreen)
        assert app.screen.current_account_id == opened
        # The key of the view the account was opened from shows that view too.
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, AccountScreen)
        await pilot.press("1")
        await pilot.pause()
        assert isinstance(app.screen, PipelineScreen)
        assert len(app.screen_stack) == 1
        # A dialog is answered or cancelled first: a view key does not leave it behind.
        await pilot.press("enter", "e")
        await pilot.pause()
        dialog: Screen[Any] = app.screen
        assert isinstance(dialog, ModalScreen)
        app.set_focus(None)
        await pilot.press("3")
        await pilot.pause()
        assert app.screen_stack[-1] is dialog

    run_app(demo_repo, settings, clock, scenario)


def test_question_mark_lists_the_keys_of_the_view_and_of_the_app(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    async def scenario(app: KamApp, pilot: Pilot[None]) -> None:
        await pilot.press("3", "question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        sections = {section.title: section for section in app.screen.sections}
        titles = list(sections)  # "In forms" between them once a form was made
        assert titles[:2] == ["Table view", "Everywhere"] and titles[-1] == FILTER_TITLE
        table_keys = {entry.description: entry for entry in sections["Table view"].entries}
        assert table_keys["Edit"].keys == "e"
        assert table_keys["Edit"].tooltip == "Edit the highlighted cell in place"
        assert table_keys["Sort"].keys == "s"
        assert table_keys["Open"].keys == "⏎"
        assert table_keys["Down"].keys == "↓ / j"
        app_keys = {entry.description: entry for entry in sections["Everywhere"].entries}
        assert app_keys["Undo"].keys == "u"
        assert app_keys["Redo"].keys == "^r"
        assert app_keys["Help"].keys == "?"
        assert app_keys["Quit"].tooltip.startswith("Quit")
        rows = app.screen.query_one(DataTable).row_count
        assert len(sections[FILTER_TITLE].entries) == len(LANGUAGE_HELP)
        assert rows == len(sections) + sum(len(found.entries) for found in sections.values())
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, TableScreen)

    run_app(demo_repo, settings, clock, scenario)


def test_keymap_from_the_config_rebinds_actions(demo_repo: Repository, clock: Clock) -> None:
    settings = Settings(keymap={"undo": "z", "view-table": "t"})
    validate_keymap(settings, known_binding_ids())
    recorded: list[str] = []

    async def scenario(app: KamApp, pilot: Pilot[None]) -> None:
        await pilot.press("3")
        await pilot.pause()
        assert isinstance(app.screen, PipelineScreen), "3 no longer shows the table"
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, TableScreen)
        tabs = [f"{tab.key} {tab.label}" for tab in app.screen.query_one(KamHeader).tabs]
        assert "t Table" in tabs
        account = await edit_first_revenue_from_table(pilot, "1")
        await pilot.press("u")
        await pilot.pause()
        changed = app.repository.account(account.id)
        assert changed is not None and changed.annual_revenue == 100, "u does not undo any more"
        await pilot.press("z")
        await pilot.pause()
        assert app.repository.account(account.id) == account
        assert recorded[-1].startswith("Undone: ")

    run_app(demo_repo, settings, clock, scenario, recorded)


async def edit_first_revenue_from_table(pilot: Pilot[None], text: str) -> Account:
    """Like edit_first_revenue, when the Table view is already showing."""
    app = pilot.app
    assert isinstance(app, KamApp)
    account_id = app.screen.query_one(AccountTable).cursor_account_id
    assert account_id is not None
    account = app.repository.account(account_id)
    assert account is not None
    await pilot.press(*["l"] * REVENUE_COLUMN, "e")
    await pilot.pause()
    await pilot.press("end", "ctrl+u", *text, "enter")
    await pilot.pause()
    return account


@pytest.mark.parametrize("view", ["2", "3", "4"])
def test_a_key_typed_while_a_view_first_shows_reaches_it(
    demo_repo: Repository, settings: Settings, clock: Clock, view: str
) -> None:
    """Keys sent together (a fast typist, a paste): the view's first showing must not eat
    the next one in its hidden filter."""

    async def scenario(app: KamApp, pilot: Pilot[None]) -> None:
        for key, character in ((view, view), ("question_mark", "?")):
            app.post_message(events.Key(key, character))
        for _ in range(4):
            await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        view_screen = app.screen_stack[-2]
        assert view_screen.query_one(KamHeader).filter_text == ""

    run_app(demo_repo, settings, clock, scenario)


def test_help_lists_binding_ids_and_says_what_a_key_does_in_a_column_or_under_the_table(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    async def scenario(app: KamApp, pilot: Pilot[None]) -> None:
        await pilot.press("4", "question_mark")
        await pilot.pause()
        screen = app.screen
        table = screen.query_one(KeyTable)
        detail = screen.query_one("#help-detail", Label)
        action = table.get_column_index("action")
        ids = table.get_column_index("id")

        def row_of(description: str) -> int:
            for index in range(table.row_count):
                if str(table.get_cell_at(Coordinate(index, action))) == description:
                    return index
            raise AssertionError(description)

        # Every key of ours names the id that rebinds it in the config's keymap.
        assert str(table.get_cell_at(Coordinate(row_of("Edit"), ids))) == "edit-account"
        assert str(table.get_cell_at(Coordinate(row_of("Quit"), ids))) == "quit"
        # At 80 columns what a key does is the line under the table, for the highlighted key.
        assert "tooltip" not in table.columns
        assert detail.display
        assert table.virtual_size.width <= table.scrollable_content_region.width
        await pilot.press(*["j"] * (row_of("Move to") - table.cursor_row))
        await pilot.pause()
        assert "to any column by name" in str(detail.render())
        highlighted = str(table.get_cell_at(Coordinate(table.cursor_row, action)))
        # Wide, it is a column again, wrapped to the width; the highlighted key stays.
        await pilot.resize_terminal(140, 30)
        await pilot.pause()
        await pilot.pause()
        tooltip = table.get_column_index("tooltip")
        assert not detail.display
        move_to = row_of("Move to")
        assert "to any column by name" in str(table.get_cell_at(Coordinate(move_to, tooltip)))
        assert table.ordered_rows[row_of("Edit")].height == 1
        assert str(table.get_cell_at(Coordinate(table.cursor_row, action))) == highlighted

    run_app(demo_repo, settings, clock, scenario)


def test_known_binding_ids_and_theme_names() -> None:
    ids = known_binding_ids()
    for binding_id in (
        "view-pipeline",
        "view-table",
        "help",
        "filter",
        "undo",
        "redo",
        "quit",
        "command-palette",
        "clear-filter",
        "close-help",
        "open-account",
        "edit-cell",
        "sort-column",
        "form-cancel",
        "confirm-yes",
    ):
        assert binding_id in ids
    assert "textual-dark" in theme_names()
    assert "no-such-theme" not in theme_names()


def test_theme_from_the_settings_is_applied(demo_repo: Repository, clock: Clock) -> None:
    async def scenario(app: KamApp, pilot: Pilot[None]) -> None:
        assert app.theme == "nord"

    run_app(demo_repo, Settings(theme="nord"), clock, scenario)


def test_nothing_to_undo_and_nothing_to_redo_are_said(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    notes: list[str] = []

    async def scenario(app: KamApp, pilot: Pilot[None]) -> None:
        await pilot.press("u")
        await pilot.pause()
        assert notes[-1] == "Undone: Loaded the demo portfolio"
        assert demo_repo.count(Account) == 0
        await pilot.press("u")
        await pilot.pause()
        assert notes[-1] == "Nothing to undo"
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert notes[-1] == "Redone: Loaded the demo portfolio"
        assert demo_repo.count(Account) == 30
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert notes[-1] == "Nothing to redo"

    run_app(demo_repo, settings, clock, scenario, notes)


def test_palette_jumps_to_an_account_and_escape_returns_to_the_same_row(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    (northwind,) = [a for a in demo_repo.accounts() if a.name == "Northwind Traders"]

    async def scenario(app: KamApp, pilot: Pilot[None]) -> None:
        await pilot.press("3")
        await pilot.pause()
        await pilot.press("ctrl+p", *"Jump to acc")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"northwnd")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert isinstance(app.screen, AccountScreen)
        assert app.screen.account_id == northwind.id
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, TableScreen)
        assert app.screen.query_one(AccountTable).cursor_account_id == northwind.id

    run_app(demo_repo, settings, clock, scenario)


def test_palette_runs_a_view_action(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    async def scenario(app: KamApp, pilot: Pilot[None]) -> None:
        await pilot.press("3")
        await pilot.pause()
        table = app.screen.query_one(AccountTable)
        await pilot.press("l", "ctrl+p", *"sort")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert isinstance(app.screen, TableScreen)
        assert str(table.ordered_columns[1].label) == "Status ▲"

    run_app(demo_repo, settings, clock, scenario)


def test_typing_swot_in_the_palette_offers_the_highlighted_accounts_swot_first(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    async def scenario(app: KamApp, pilot: Pilot[None]) -> None:
        await pilot.press("3", "j", "j", "j")
        await pilot.pause()
        table = app.screen.query_one(AccountTable)
        highlighted = demo_repo.account(table.cursor_account_id or 0)
        assert highlighted is not None
        first_by_name = min(demo_repo.accounts(), key=lambda a: a.name.casefold())
        assert highlighted.id != first_by_name.id
        await pilot.press("ctrl+p", *"swot")
        await pilot.pause(0.3)
        palette = app.screen
        assert isinstance(palette, CommandPalette)
        options = palette.query_one(CommandList)
        prompts = [
            str(options.get_option_at_index(i).prompt).split("\n")[0]
            for i in range(options.option_count)
        ]
        # The highlighted account's SWOT first; the others' after any name matching "swot",
        # in name order.
        assert prompts[0] == f"SWOT: {highlighted.name}"
        swots = [prompt for prompt in prompts if prompt.startswith("SWOT: ")]
        assert swots[1] == f"SWOT: {first_by_name.name}"
        assert len(swots) == len(demo_repo.accounts())
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert isinstance(app.screen, AccountScreen)
        assert app.screen.account_id == highlighted.id
        assert app.screen.active_tab == "swot"

    run_app(demo_repo, settings, clock, scenario)


def test_an_action_named_like_the_query_ranks_above_an_account_containing_it(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    assert any(a.name == "Wide World Importers" for a in demo_repo.accounts())

    async def scenario(app: KamApp, pilot: Pilot[None]) -> None:
        await pilot.press("ctrl+p", *"Import")
        await pilot.pause(0.3)
        options = app.screen.query_one(CommandList)
        prompts = [
            str(options.get_option_at_index(i).prompt).split("\n")[0]
            for i in range(options.option_count)
        ]
        assert prompts[0] == "Import…"
        assert "Wide World Importers" in prompts

    run_app(demo_repo, settings, clock, scenario)


def test_the_palette_lists_one_quit_and_none_of_textuals_developer_commands(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    async def scenario(app: KamApp, pilot: Pilot[None]) -> None:
        await pilot.press("ctrl+p")
        await pilot.pause(0.3)
        options = app.screen.query_one(CommandList)
        titles = [
            str(options.get_option_at_index(i).prompt).split("\n")[0]
            for i in range(options.option_count)
        ]
        assert titles.count("Quit") == 1
        for developer_command in ("Keys", "Maximize", "Screenshot", "Focus Next", "Focus Previous"):
            assert developer_command not in titles
        assert "Theme" in titles
        assert "Overdue contacts" in titles

    run_app(demo_repo, settings, clock, scenario)


def test_save_status_goes_from_saving_to_saved(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    gate = gated_writes(demo_repo)

    async def scenario(app: KamApp, pilot: Pilot[None]) -> None:
        assert save_status(app) == "Saved"
        await edit_first_revenue(pilot, "5")
        assert demo_repo.save_state.pending
        await wait_for(pilot, lambda: save_status(app) == "Saving…")
        gate.set()
        await wait_for(pilot, lambda: save_status(app) == "Saved")

    run_app(demo_repo, settings, clock, scenario)


def test_the_header_says_saved_only_once_every_change_is_on_disk(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    gate = gated_writes(demo_repo)
    shown: list[tuple[str, bool]] = []

    async def scenario(app: KamApp, pilot: Pilot[None]) -> None:
        header = app.screen.query_one(KamHeader)

        def record(indicator: SaveIndicator) -> None:
            shown.append((indicator.text, demo_repo.save_state.pending))

        header.watch(app, "save_indicator", record)
        before = demo_repo.revision
        await pilot.press("L")
        assert demo_repo.revision == before + 1
        assert save_status(app) == "Saving…", "the moved card is shown while its save is held"
        gate.set()
        await wait_for(pilot, lambda: save_status(app) == "Saved")
        assert not demo_repo.save_state.pending
        await pilot.press("H", "L")
        assert demo_repo.revision == before + 3
        await wait_for(pilot, lambda: save_status(app) == "Saved")
        assert not demo_repo.save_state.pending

    run_app(demo_repo, settings, clock, scenario)
    assert ("Saving…", True) in shown
    assert ("Saved", True) not in shown, "the header said Saved while a change was pending"


def test_q_quits_after_the_pending_save(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    gate = gated_writes(demo_repo)
    edited: list[Account] = []

    async def scenario(app: KamApp, pilot: Pilot[None]) -> None:
        edited.append(await edit_first_revenue(pilot, "77"))
        assert demo_repo.save_state.pending
        await pilot.press("q")
        await pilot.pause(0.3)
        assert app.return_code is None, "still running while the save is in flight"
        await wait_for(pilot, lambda: save_status(app) == "Saving…")
        gate.set()
        await wait_for(pilot, lambda: app.return_code is not None)
        assert not demo_repo.save_state.pending

    app = run_app(demo_repo, settings, clock, scenario)
    assert app.return_code == 0
    reopened = Repository.open(demo_repo.path, demo_repo.schema, clock=clock, read_only=True)
    saved = reopened.account(edited[0].id)
    assert saved is not None and saved.annual_revenue == 7_700, "the edit is on disk"


def test_quit_when_saving_fails_asks_first_naming_the_error(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    failing_writes(demo_repo)

    async def scenario(app: KamApp, pilot: Pilot[None]) -> None:
        await edit_first_revenue(pilot, "8")
        await wait_for(pilot, lambda: save_status(app).startswith("Cannot save"))
        assert save_status(app) == "Cannot save: No space left on device (retrying)"
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert "No space left on device" in app.screen.question
        await pilot.press("n")
        await pilot.pause()
        assert app.return_code is None
        assert isinstance(app.screen, TableScreen)
        await pilot.press("q")
        await pilot.pause()
        await pilot.press("y")
        await wait_for(pilot, lambda: app.return_code is not None)

    app = run_app(demo_repo, settings, clock, scenario)
    assert app.return_code == 0


def test_first_run_offers_the_demo_and_loads_it_as_one_change(
    repo: Repository, settings: Settings, clock: Clock
) -> None:
    async def scenario(app: KamApp, pilot: Pilot[None]) -> None:
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await pilot.pause()
        assert repo.count(Account) == 30
        await pilot.press("3")
        await pilot.pause()
        assert app.screen.query_one(AccountTable).row_count == 30
        await pilot.press("u")
        await pilot.pause()
        assert repo.count(Account) == 0, "one undo removes the whole demo"
        assert app.screen.query_one(AccountTable).row_count == 0

    run_app(repo, settings, clock, scenario)


def test_first_run_demo_can_be_declined(repo: Repository, settings: Settings, clock: Clock) -> None:
    async def scenario(app: KamApp, pilot: Pilot[None]) -> None:
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, PipelineScreen)

    run_app(repo, settings, clock, scenario)
    assert repo.count(Account) == 0


@pytest.fixture
def empty_read_only(repo: Repository, clock: Clock) -> Repository:
    """An empty store opened read-only: nothing may be offered or changed."""
    return Repository.open(repo.path, repo.schema, clock=clock, read_only=True)


def test_no_demo_offer_on_a_read_only_store(
    empty_read_only: Repository, settings: Settings, clock: Clock
) -> None:
    async def scenario(app: KamApp, pilot: Pilot[None]) -> None:
        assert isinstance(app.screen, PipelineScreen)
        assert save_status(app) == "Read-only: opened with --read-only"

    run_app(empty_read_only, settings, clock, scenario)


def test_a_refused_change_in_any_action_is_a_notification_not_a_crash(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    notes: list[str] = []

    def refused() -> None:
        raise ValidationError({"name": "cannot be empty"})

    def read_only() -> None:
        raise ReadOnlyError("kam.json was opened read-only")

    async def scenario(app: KamApp, pilot: Pilot[None]) -> None:
        await pilot.press("3")
        screen = app.screen
        assert isinstance(screen, TableScreen)
        screen.action_edit_cell = refused  # type: ignore[method-assign]
        screen.action_sort_column = read_only  # type: ignore[method-assign]
        await pilot.press("e")
        await pilot.press("s")
        await pilot.pause()
        assert notes[-2:] == ["name: cannot be empty", "kam.json was opened read-only"]
        await pilot.press("j")
        assert screen.query_one(AccountTable).cursor_coordinate.row == 1, "keys still work"

    run_app(demo_repo, settings, clock, scenario, notes)


def test_a_view_shown_first_after_a_theme_change_looks_as_in_an_app_started_with_it(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    """Views made after the first are not restyled as a whole when first shown: they must
    still wear the theme in force, whether the app started with it or changed to it."""
    drawn: dict[str, str] = {}

    async def started_with_it(app: KamApp, pilot: Pilot[None]) -> None:
        await pilot.press("5")
        await pilot.pause()
        drawn["started"] = app.export_screenshot()

    async def changed_to_it(app: KamApp, pilot: Pilot[None]) -> None:
        app.theme = "nord"
        await pilot.pause()
        await pilot.press("5")
        await pilot.pause()
        drawn["changed"] = app.export_screenshot()

    run_app(demo_repo, replace(settings, theme="nord"), clock, started_with_it)
    run_app(demo_repo, settings, clock, changed_to_it)
    assert "PortfolioScreen" not in drawn["started"]  # drawn, not described
    assert drawn["changed"] == drawn["started"]
