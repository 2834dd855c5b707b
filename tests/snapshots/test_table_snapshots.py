"""Snapshots of the Table view on the demo portfolio, fixed clock."""

from __future__ import annotations

import pytest
from deal_records import add_deals
from kam_testing import SIZES, SnapCompare, keys, make_app

from kam_tui.config.settings import Settings
from kam_tui.domain.clock import Clock
from kam_tui.store import Repository


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_table(
    snap_compare: SnapCompare,
    demo_repo: Repository,
    settings: Settings,
    clock: Clock,
    size: tuple[int, int],
) -> None:
    """Every account, sorted by name; the cursor on the third row's status."""
    app = make_app(demo_repo, settings, clock)
    assert snap_compare(app, run_before=keys("3", "j", "j", "l"), terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_table_filtered_and_sorted_by_revenue(
    snap_compare: SnapCompare,
    demo_repo: Repository,
    settings: Settings,
    clock: Clock,
    size: tuple[int, int],
) -> None:
    """Filtered to one assignee with `/`, sorted by revenue descending (▼ in the header)."""
    app = make_app(demo_repo, settings, clock)
    pressed = ("3", "slash", *"alice", "enter", *["l"] * 8, "s", "s")
    assert snap_compare(app, run_before=keys(*pressed), terminal_size=size)


def test_cell_editor_refusing_a_bad_amount(
    snap_compare: SnapCompare, demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    """The in-place editor keeps the typed text and says why it was refused."""
    app = make_app(demo_repo, settings, clock)
    pressed = ("3", *["l"] * 8, "e", "end", "ctrl+u", *"12abc", "enter")
    assert snap_compare(app, run_before=keys(*pressed), terminal_size=(80, 24))


def test_filter_being_typed(
    snap_compare: SnapCompare, demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    """`/` opens the filter in the header, one line high; the rows follow each key."""
    app = make_app(demo_repo, settings, clock)
    pressed = ("3", "slash", *"food")
    assert snap_compare(app, run_before=keys(*pressed), terminal_size=(80, 24))


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_table_computed_columns_sorted_by_margin(
    snap_compare: SnapCompare,
    demo_repo: Repository,
    settings: Settings,
    clock: Clock,
    size: tuple[int, int],
) -> None:
    """Scrolled to profit, margin, sales volume, strategic value, satisfaction and health,
    sorted by margin; Tailspin Airlines has this year's won deal (sales 310,000.00)."""
    add_deals(demo_repo)
    app = make_app(demo_repo, settings, clock)
    pressed = ("3", *["l"] * 12, "s", *["l"] * 4)
    assert snap_compare(app, run_before=keys(*pressed), terminal_size=size)
