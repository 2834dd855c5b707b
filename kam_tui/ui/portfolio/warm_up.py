"""The Portfolio view's code, imported a module at a time after the first paint, so key 5
does not wait for it."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterator
from typing import Any

from textual.app import App

STEP_SECONDS = 0.05
"""The pause between two imports: each is a few milliseconds, so a key pressed meanwhile
waits at most one module's import."""
DONE = object()
"""What a finished preparation gives."""
MODULES = (
    "kam_tui.domain.portfolio.figures",
    "kam_tui.domain.portfolio.tuning",
    "kam_tui.domain.portfolio.definitions",
    "kam_tui.domain.portfolio",
    "kam_tui.domain.portfolio.common",
    "kam_tui.domain.portfolio.totals",
    "kam_tui.domain.portfolio.satisfaction",
    "kam_tui.domain.portfolio.concentration",
    "kam_tui.domain.portfolio.profitability",
    "kam_tui.domain.portfolio.turnaround",
    "kam_tui.domain.portfolio.selection",
    "kam_tui.domain.portfolio.health",
    "kam_tui.domain.portfolio.build",
    "kam_tui.services.portfolio",
    "textual.widgets._data_table",
    "kam_tui.ui.portfolio",
    "kam_tui.ui.portfolio.model",
    "kam_tui.ui.portfolio.drawing",
    "kam_tui.ui.portfolio.frame",
    "kam_tui.ui.portfolio.totals",
    "kam_tui.ui.portfolio.concentration",
    "kam_tui.ui.portfolio.profitability",
    "kam_tui.ui.portfolio.satisfaction",
    "kam_tui.ui.portfolio.turnaround",
    "kam_tui.ui.portfolio.selection",
    "kam_tui.ui.portfolio.health",
    "kam_tui.ui.portfolio.sections",
    "kam_tui.ui.portfolio.definitions",
    "kam_tui.ui.portfolio.filter_dialog",
    "kam_tui.ui.portfolio.filter_line",
    "kam_tui.ui.portfolio.table",
    "kam_tui.ui.portfolio.kept",
    "kam_tui.ui.portfolio_memory",
    "kam_tui.ui.portfolio.screen",
)
"""Every module the view needs that the app has not imported at its first paint, each after
those it imports, so that each step imports one module."""


def warm_up(app: App[Any]) -> None:
    """Import the Portfolio view's modules, one every STEP_SECONDS while `app` runs; then,
    once every table is loaded, compute its totals ahead (kept up to date from then on), a
    step every STEP_SECONDS too."""
    names = iter(MODULES)
    preparing: Iterator[None] | None = None

    def step() -> None:
        nonlocal preparing
        if not app.is_running:
            return  # the app is closing
        for name in names:
            if name not in sys.modules:
                importlib.import_module(name)
                app.set_timer(STEP_SECONDS, step)
                return
        if preparing is None:
            preparing = importlib.import_module("kam_tui.ui.portfolio.kept").preparation(app)
        if next(preparing, DONE) is not DONE:
            app.set_timer(STEP_SECONDS, step)

    app.set_timer(STEP_SECONDS, step)
