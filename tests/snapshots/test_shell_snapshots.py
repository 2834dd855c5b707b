"""Snapshots of the app shell: the help screen and the command palette."""

from __future__ import annotations

import pytest
from kam_testing import SIZES, SnapCompare, keys, make_app

from kam_tui.config.settings import Settings
from kam_tui.domain.clock import Clock
from kam_tui.store import Repository


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
