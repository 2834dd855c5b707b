"""Snapshots of the Portfolio view on the demo portfolio, fixed clock, at every size."""

from __future__ import annotations

import pytest
from kam_testing import SIZES, SnapCompare, keys, make_app

from kam_tui.config.settings import Settings
from kam_tui.domain.clock import Clock
from kam_tui.store import Repository

SIZE_IDS = [f"{width}x{height}" for width, height in SIZES]


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_totals(
    snap_compare: SnapCompare,
    demo_repo: Repository,
    settings: Settings,
    clock: Clock,
    size: tuple[int, int],
) -> None:
    """Totals: one row per figure, the whole portfolio then each manager; the annual
    revenue row highlighted."""
    app = make_app(demo_repo, settings, clock)
    assert snap_compare(app, run_before=keys("5", "j", "j"), terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_concentration_losing_6_of_the_top_10(
    snap_compare: SnapCompare,
    demo_repo: Repository,
    settings: Settings,
    clock: Clock,
    size: tuple[int, int],
) -> None:
    """Concentration: the shares, the index and its band, the what-if at k=6 of n=10 with
    the accounts it loses marked, and the Pareto bars of the cumulative share."""
    app = make_app(demo_repo, settings, clock)
    assert snap_compare(app, run_before=keys("5", "tab", "plus"), terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_health(
    snap_compare: SnapCompare,
    demo_repo: Repository,
    settings: Settings,
    clock: Clock,
    size: tuple[int, int],
) -> None:
    """Health: worst first, each component's score, the breakdown of the highlighted
    account below the table."""
    app = make_app(demo_repo, settings, clock)
    assert snap_compare(app, run_before=keys("5", "shift+tab"), terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_definitions(
    snap_compare: SnapCompare,
    demo_repo: Repository,
    settings: Settings,
    clock: Clock,
    size: tuple[int, int],
) -> None:
    """i on the concentration's share column: what every figure of the section means, the
    highlighted one first."""
    app = make_app(demo_repo, settings, clock)
    assert snap_compare(app, run_before=keys("5", "tab", "l", "l", "l", "i"), terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_turnaround(
    snap_compare: SnapCompare,
    demo_repo: Repository,
    settings: Settings,
    clock: Clock,
    size: tuple[int, int],
) -> None:
    """Turnaround: win rates, days to won and lost reasons above the days in each status and
    the stuck accounts."""
    app = make_app(demo_repo, settings, clock)
    run_before = keys("5", "tab", "tab", "tab", "tab")
    assert snap_compare(app, run_before=run_before, terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_selection(
    snap_compare: SnapCompare,
    demo_repo: Repository,
    settings: Settings,
    clock: Clock,
    size: tuple[int, int],
) -> None:
    """Selection: the strategic value by worth band grid with key accounts marked, above
    the candidates, the key accounts to review and the hardest to replace."""
    app = make_app(demo_repo, settings, clock)
    run_before = keys("5", "shift+tab", "shift+tab")
    assert snap_compare(app, run_before=run_before, terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_satisfaction(
    snap_compare: SnapCompare,
    demo_repo: Repository,
    settings: Settings,
    clock: Clock,
    size: tuple[int, int],
) -> None:
    """Satisfaction: the average and the quarters above the falling accounts first, each
    with its latest score, trend and sparkline."""
    app = make_app(demo_repo, settings, clock)
    assert snap_compare(app, run_before=keys("5", "tab", "tab", "tab"), terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_profitability(
    snap_compare: SnapCompare,
    demo_repo: Repository,
    settings: Settings,
    clock: Clock,
    size: tuple[int, int],
) -> None:
    """Profit: the two loss-making demo accounts first (negative profit and margin), the
    top 20%'s share of profit above; the second loss-maker highlighted."""
    app = make_app(demo_repo, settings, clock)
    assert snap_compare(app, run_before=keys("5", "tab", "tab", "j"), terminal_size=size)
