"""Snapshots of the Pipeline, Lists and Team boards on the demo portfolio, fixed clock."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from kam_testing import SIZES, SnapCompare, keys, make_app
from textual.pilot import Pilot
from textual.widgets import Input

from kam_tui.config.settings import Settings
from kam_tui.domain.clock import Clock
from kam_tui.store import Repository
from kam_tui.store.files import Pieces, atomic_write


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_pipeline(
    snap_compare: SnapCompare,
    demo_repo: Repository,
    settings: Settings,
    clock: Clock,
    size: tuple[int, int],
) -> None:
    """Five status columns; the second card of Demo provided highlighted."""
    app = make_app(demo_repo, settings, clock)
    assert snap_compare(app, run_before=keys("l", "j"), terminal_size=size)


def test_pipeline_narrower_than_its_columns(
    snap_compare: SnapCompare, demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    """60 columns wide: three statuses fit; the board scrolled right to follow the cursor to
    Won, and the scrollbar below the columns shows where the view is."""
    app = make_app(demo_repo, settings, clock)
    assert snap_compare(app, run_before=keys("l", "l", "l"), terminal_size=(60, 20))


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_lists_sorted_by_revenue(
    snap_compare: SnapCompare,
    demo_repo: Repository,
    settings: Settings,
    clock: Clock,
    size: tuple[int, int],
) -> None:
    """The lifecycle lists, sorted by revenue (shown in the header)."""
    app = make_app(demo_repo, settings, clock)
    assert snap_compare(app, run_before=keys("2", "s"), terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_team_with_marked_cards(
    snap_compare: SnapCompare,
    demo_repo: Repository,
    settings: Settings,
    clock: Clock,
    size: tuple[int, int],
) -> None:
    """One column per manager with their load; two cards marked for a bulk move."""
    app = make_app(demo_repo, settings, clock)
    assert snap_compare(app, run_before=keys("4", "space", "space"), terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_move_picker(
    snap_compare: SnapCompare,
    demo_repo: Repository,
    settings: Settings,
    clock: Clock,
    size: tuple[int, int],
) -> None:
    """The `m` picker over the pipeline, filtered by what was typed."""
    app = make_app(demo_repo, settings, clock)

    async def run_before(pilot: Pilot[Any]) -> None:
        await keys("m", "o")(pilot)
        for widget in pilot.app.screen.query(Input):
            widget.cursor_blink = False
        await pilot.pause()

    assert snap_compare(app, run_before=run_before, terminal_size=size)


def test_a_moved_card_while_its_save_runs(
    snap_compare: SnapCompare, demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    """L moved the first card to Demo provided; its save is held, so the header says
    "Saving…" (quietly, in the muted text colour), never "Saved"."""
    saver = demo_repo._saver
    assert saver is not None
    gate = threading.Event()

    def held_write(path: Path, payload: Pieces) -> None:
        gate.wait(30)
        atomic_write(path, payload)

    saver._write = held_write
    app = make_app(demo_repo, settings, clock)
    try:
        assert snap_compare(app, run_before=keys("L"), terminal_size=(80, 24))
    finally:
        gate.set()


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_help_of_the_team_says_what_the_cards_show(
    snap_compare: SnapCompare,
    demo_repo: Repository,
    settings: Settings,
    clock: Clock,
    size: tuple[int, int],
) -> None:
    """`?` on the Team board: after its keys, "What the cards show" explains the card marks
    and figures and the manager header's 3★ 12 open 3!."""
    app = make_app(demo_repo, settings, clock)
    pressed = ("4", "question_mark", *["j"] * 30)
    assert snap_compare(app, run_before=keys(*pressed), terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_pipeline_filtered_by_terms(
    snap_compare: SnapCompare,
    demo_repo: Repository,
    settings: Settings,
    clock: Clock,
    size: tuple[int, int],
) -> None:
    """`/@bruno overdue` typed: only Bruno's overdue cards, the line under the header says
    what the filter means and how many cards it shows."""
    app = make_app(demo_repo, settings, clock)
    assert snap_compare(
        app, run_before=keys("slash", *"@bruno overdue", "enter", wait=0.3), terminal_size=size
    )


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_pipeline_filter_in_error(
    snap_compare: SnapCompare,
    demo_repo: Repository,
    settings: Settings,
    clock: Clock,
    size: tuple[int, int],
) -> None:
    """A term the language does not know: every card stays, the line says what is wrong."""
    app = make_app(demo_repo, settings, clock)
    assert snap_compare(
        app, run_before=keys("slash", *"status:Maybe", "enter", wait=0.3), terminal_size=size
    )
