"""What a person sees of the account plan: SWOT (both perspectives), plan, process, queue."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from kam_testing import SIZES, PaneHost, PlanPaneScreen, SnapCompare, settle
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Header

from kam_tui.config.settings import Settings
from kam_tui.domain.clock import Clock
from kam_tui.store import Repository
from kam_tui.ui.overdue.screen import OverdueScreen
from kam_tui.ui.plan import PLAN_TABS

ACCOUNT = 3
"""Fabrikam Motors in the demo: a SWOT gap, overdue actions and an unmapped buying step."""


class PaneScreen(PlanPaneScreen):
    """One plan pane under a header, as in its account tab."""

    def __init__(self, pane: Widget) -> None:
        super().__init__()
        self.pane = pane

    def compose(self) -> ComposeResult:
        yield Header()
        yield self.pane
        yield Footer()


def pane_screen(tab: str) -> Callable[[], Screen[Any]]:
    pane_class = {tab_id: pane for tab_id, _, pane in PLAN_TABS}[tab]
    return lambda: PaneScreen(pane_class(account_id=ACCOUNT, id=f"{tab}-pane"))  # type: ignore[call-arg]


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
@pytest.mark.parametrize("perspective", ["customer", "view_of_us"])
def test_swot_grid(
    snap_compare: SnapCompare,
    demo_repo: Repository,
    settings: Settings,
    clock: Clock,
    perspective: str,
    size: tuple[int, int],
) -> None:
    app = PaneHost(demo_repo, settings, clock, pane_screen("swot"))
    press = ["v"] if perspective == "view_of_us" else []
    assert snap_compare(app, press=press, terminal_size=size, run_before=settle)


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_plan_pane(
    snap_compare: SnapCompare,
    demo_repo: Repository,
    settings: Settings,
    clock: Clock,
    size: tuple[int, int],
) -> None:
    app = PaneHost(demo_repo, settings, clock, pane_screen("plan"))
    assert snap_compare(app, terminal_size=size, run_before=settle)


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_process_pane(
    snap_compare: SnapCompare,
    demo_repo: Repository,
    settings: Settings,
    clock: Clock,
    size: tuple[int, int],
) -> None:
    app = PaneHost(demo_repo, settings, clock, pane_screen("process"))
    assert snap_compare(app, terminal_size=size, run_before=settle)


def test_overdue_queue(
    snap_compare: SnapCompare, demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    app = PaneHost(demo_repo, settings, clock, OverdueScreen)
    assert snap_compare(app, terminal_size=(80, 24), run_before=settle)
