"""Snapshots of the app shell: the help screen and the command palette."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from kam_tui.app import KamApp
from kam_tui.config import Settings
from kam_tui.domain.clock import Clock
from kam_tui.store import Repository

SIZES = [(80, 24), (120, 40)]

SnapCompare = Callable[..., bool]
RunBefore = Callable[[Pilot[Any]], Awaitable[None]]


def make_app(repo: Repository, settings: Settings, clock: Clock) -> KamApp:
    """The app without animations."""
    app = KamApp(repo, settings, clock)
    app.animation_level = "none"
    return app


def keys(*pressed: str, wait: float = 0) -> RunBefore:
    """Press `pressed`, then settle the screen (no blinking cursor, no toasts)."""

    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        await pilot.press(*pressed)
        await pilot.pause(wait or None)
        for field in pilot.app.screen.query(Input):
            field.cursor_blink = False
        pilot.app.clear_notifications()
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_help_of_the_table_view(
    snap_compare: SnapCompare,
    demo_repo: Repository,
    settings: Settings,
    clock: Clock,
    size: tuple[int, int],
) -> None:
    """`?` lists the keys of the Table view, then those that work everywhere."""
    app = make_app(demo_repo, settings, clock)
    assert snap_compare(app, run_before=keys("3", "question_mark"), terminal_size=size)


def test_palette_searching_accounts(
    snap_compare: SnapCompare, demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    """ctrl+p finds actions and accounts by fuzzy name."""
    app = make_app(demo_repo, settings, clock)
    pressed = ("3", "ctrl+p", *"wood")
    assert snap_compare(app, run_before=keys(*pressed, wait=0.6), terminal_size=(80, 24))
