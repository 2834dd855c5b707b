"""Helpers shared by the UI and snapshot tests."""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any, ParamSpec

from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from kam_tui.app import KamApp
from kam_tui.config import Settings
from kam_tui.domain.clock import Clock
from kam_tui.store import Repository

P = ParamSpec("P")


def synchronous(test: Callable[P, Coroutine[Any, Any, None]]) -> Callable[P, None]:
    """Run an async Pilot test in its own event loop (the suite has no async plugin)."""

    @functools.wraps(test)
    def run(*args: P.args, **kwargs: P.kwargs) -> None:
        asyncio.run(test(*args, **kwargs))

    return run


def make_app(repo: Repository, settings: Settings, clock: Clock) -> KamApp:
    """The app on the demo portfolio, without animations."""
    app = KamApp(repo, settings, clock)
    app.animation_level = "none"
    return app


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
