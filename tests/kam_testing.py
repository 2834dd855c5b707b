"""Helpers shared by the UI and snapshot tests."""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Awaitable, Callable, Coroutine
from datetime import date
from pathlib import Path
from typing import Any, ParamSpec, cast

import pytest
from textual import on
from textual.app import App
from textual.pilot import Pilot
from textual.screen import Screen
from textual.signal import Signal
from textual.widgets import Input, TextArea

from kam_tui.config.settings import Settings
from kam_tui.domain.clock import Clock
from kam_tui.domain.schema import Schema
from kam_tui.services import Workspace
from kam_tui.store import Repository, StoreCorruptError
from kam_tui.store.undo import Change
from kam_tui.ui.account.plan_host import apply_requested, hand_down, plan_data
from kam_tui.ui.app import KamApp
from kam_tui.ui.boards.column import BoardColumn
from kam_tui.ui.plan.base import PlanTab
from kam_tui.ui.shell.header import KamHeader

P = ParamSpec("P")


def synchronous(test: Callable[P, Coroutine[Any, Any, None]]) -> Callable[P, None]:
    """Run an async Pilot test in its own event loop (the suite has no async plugin)."""

    @functools.wraps(test)
    def run(*args: P.args, **kwargs: P.kwargs) -> None:
        asyncio.run(test(*args, **kwargs))

    return run


class PaneHost(App[None]):
    """What the plan pane hosts and the overdue queue use of KamApp (workspace, settings,
    clock, today, the change signal, open_account), without the app shell, so their tests
    only move when they do; `screen`, when given, is pushed as the app mounts."""

    TITLE = "kam-tui"

    def __init__(
        self,
        repository: Repository,
        settings: Settings,
        clock: Clock,
        screen: Callable[[], Screen[Any]] | None = None,
    ) -> None:
        super().__init__()
        self.workspace = Workspace(repository, settings, clock)
        self.data_changed_signal: Signal[Change] = Signal(self, "data-changed")
        self.opened: list[tuple[int, str | None]] = []
        self.make_screen = screen
        self.animation_level = "none"

    @property
    def settings(self) -> Settings:
        return self.workspace.settings

    @property
    def today(self) -> date:
        return self.workspace.today

    @property
    def read_only_reason(self) -> str | None:
        return self.workspace.read_only_reason

    def open_account(self, account_id: int, tab: str | None = None) -> None:
        self.opened.append((account_id, tab))

    def on_mount(self) -> None:
        self.theme = self.settings.theme
        self.workspace.subscribe(self.data_changed_signal.publish)
        if self.make_screen is not None:
            self.push_screen(self.make_screen())


class PlanPaneScreen(Screen[None]):
    """A screen of plan panes hosting them as the account screen does: it hands each pane its
    account's data as it mounts and after every change, and applies the changes they ask for."""

    @property
    def workspace(self) -> Workspace:
        return cast(PaneHost, self.app).workspace

    def on_mount(self) -> None:
        cast(PaneHost, self.app).data_changed_signal.subscribe(
            self, lambda _change: self._hand_down(), immediate=True
        )
        self._hand_down(everywhere=True)

    def _hand_down(self, *, everywhere: bool = False) -> None:
        for pane in self.query(PlanTab):
            data = plan_data(self.workspace, pane.account_id)
            hand_down([pane], data, everywhere=everywhere)

    @on(PlanTab.ChangeRequested)
    def _plan_change(self, message: PlanTab.ChangeRequested) -> None:
        apply_requested(self.workspace, message)


def make_app(repo: Repository, settings: Settings, clock: Clock) -> KamApp:
    """The app on the demo portfolio, without animations."""
    app = KamApp(repo, settings, clock)
    app.animation_level = "none"
    return app


Scenario = Callable[[KamApp, Pilot[None]], Awaitable[None]]


def run_app(
    repo: Repository,
    settings: Settings,
    clock: Clock,
    scenario: Scenario,
    notes: list[str] | None = None,
    size: tuple[int, int] = (80, 24),
) -> KamApp:
    """Run `scenario` against a KamApp on `repo`; notifications are appended to `notes`."""
    app = make_app(repo, settings, clock)
    if notes is not None:
        record_notes(app, lambda _title, message: notes.append(message))

    async def main() -> None:
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            await scenario(app, pilot)

    asyncio.run(main())
    return app


def record_notes(app: KamApp, note: Callable[[str, str], object]) -> None:
    """Call `note(title, message)` for every notification the app shows from now on."""
    original = app.notify

    def record(message: str, **options: Any) -> None:
        note(str(options.get("title", "")), message)
        original(message, **options)

    app.notify = record  # type: ignore[method-assign]


def recorded_notes(app: KamApp) -> list[tuple[str, str]]:
    """Every notification the app shows from now on, as (title, message)."""
    notes: list[tuple[str, str]] = []
    record_notes(app, lambda title, message: notes.append((title, message)))
    return notes


def save_status(app: KamApp) -> str:
    """What the save status of the active screen's header says."""
    return app.screen.query_one(KamHeader).save_text


SIZES = [(80, 24), (120, 40)]
"""The terminal sizes every view is snapshotted at."""
SnapCompare = Callable[..., bool]
RunBefore = Callable[[Pilot[Any]], Awaitable[None]]


async def settle(pilot: Pilot[Any], *pressed: str, wait: float = 0) -> None:
    """Press `pressed`, then settle the screen for a stable shot: no blinking cursors, no
    toasts."""
    await pilot.pause()
    await pilot.press(*pressed)
    await pilot.pause(wait or None)
    for editor in pilot.app.screen.query(Input):
        editor.cursor_blink = False
    for area in pilot.app.screen.query(TextArea):
        area.cursor_blink = False
    pilot.app.clear_notifications()
    await pilot.pause()


def keys(*pressed: str, wait: float = 0) -> RunBefore:
    """A snapshot's run_before that presses `pressed` and settles."""

    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot, *pressed, wait=wait)

    return run_before


def break_table_line(store_path: Path, table: str, old: bytes, new: bytes) -> tuple[int, int]:
    """Replace the first `old` in a table's line of a saved store with `new`.

    Returns the 1-based line and column where `old` stood, for checking error positions.
    """
    lines = store_path.read_bytes().split(b"\n")
    index = next(i for i, line in enumerate(lines) if line.startswith(b'"%s":' % table.encode()))
    column = lines[index].index(old) + 1
    lines[index] = lines[index].replace(old, new, 1)
    store_path.write_bytes(b"\n".join(lines))
    return index + 1, column


def load_error(store_path: Path, schema: Schema, clock: Clock) -> StoreCorruptError:
    """Open a store progressively and return the error found while loading the rest of it."""
    repository = Repository.open(store_path, schema, clock=clock, progressive=True)
    try:
        with pytest.raises(StoreCorruptError) as refused:
            repository.wait_loaded(10)
    finally:
        repository.close()
    return refused.value


def column_text(column: BoardColumn) -> list[str]:
    """What a board column shows on screen, line by line, as plain text."""
    return [line.text for line in column.lines()]


def card_text(column: BoardColumn, index: int) -> str:
    """The plain text of the card at `index` as the column draws it (it must be in view)."""
    assert column.top <= index < column.top + column.visible_cards, "the card is not in view"
    lines = column_text(column)
    first = column.header_lines + (index - column.top) * column.card_height
    return "\n".join(lines[first : first + column.card_height])
