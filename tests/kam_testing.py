"""Helpers shared by the UI and snapshot tests."""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable, Coroutine
from typing import Any, ParamSpec

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
