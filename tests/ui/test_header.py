"""The header drawn as one line: a flip of the save status repaints that line only, and the
tabs, title and filter still behave as widgets of their own would."""

from __future__ import annotations

from typing import Any

from kam_testing import run_app
from textual.geometry import Region
from textual.pilot import Pilot
from textual.widget import Widget

from kam_tui.config.settings import Settings
from kam_tui.domain.clock import Clock
from kam_tui.store import Repository
from kam_tui.ui.app import KamApp
from kam_tui.ui.boards.lists import ListsScreen
from kam_tui.ui.boards.pipeline import PipelineScreen
from kam_tui.ui.shell.filter_input import FilterInput
from kam_tui.ui.shell.header import FREQUENT_WIDTH, KamHeader
from kam_tui.ui.shell.save_status import SaveIndicator

WIDTH = 120


def shown_inside(header: KamHeader) -> list[Widget]:
    """The widgets drawn inside the header (each is drawn again whenever the header is)."""
    return [widget for widget in header.walk_children(Widget) if widget.display]


def test_a_save_flip_repaints_one_line_without_a_new_layout(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    refreshes: list[dict[str, Any]] = []

    async def scenario(app: KamApp, pilot: Pilot[None]) -> None:
        header = app.screen.query_one(KamHeader)
        assert shown_inside(header) == [], "the header line is drawn by the header alone"
        original = header.refresh

        def record(*regions: Region, **options: Any) -> KamHeader:
            refreshes.append(options)
            return original(*regions, **options)

        header.refresh = record  # type: ignore[method-assign]
        for text, level in (("Saving…", "saving"), ("Saved", "saved")) * 2:
            app.save_indicator = SaveIndicator(text, level)  # type: ignore[arg-type]
            await pilot.pause()
            assert header.save_text == text
        assert refreshes, "the flips were not shown"
        assert not any(options.get("layout") for options in refreshes)

    run_app(demo_repo, settings, clock, scenario, size=(WIDTH, 30))


def test_a_click_on_a_tab_switches_views(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    async def scenario(app: KamApp, pilot: Pilot[None]) -> None:
        assert isinstance(app.screen, PipelineScreen)
        await pilot.click(KamHeader, offset=(14, 0))  # " 1 Pipeline " then " 2 Lists "
        await pilot.pause()
        assert isinstance(app.screen, ListsScreen)
        active = app.screen.query_one(KamHeader).active_tab
        assert active is not None and active.label == "Lists"

    run_app(demo_repo, settings, clock, scenario, size=(WIDTH, 30))


def test_the_filter_takes_the_room_between_the_tabs_and_the_save_status(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    async def scenario(app: KamApp, pilot: Pilot[None]) -> None:
        await pilot.press("slash")
        await pilot.pause()
        header = app.screen.query_one(KamHeader)
        region = header.query_one(FilterInput).region
        tabs = sum(len(f" {tab.key} {tab.label} ") for tab in header.tabs)
        assert (region.x, region.right) == (tabs, WIDTH - FREQUENT_WIDTH)
        app.save_indicator = SaveIndicator("Cannot save: disk full (retrying)", "error")
        await pilot.pause()
        region = header.query_one(FilterInput).region
        assert region.right == WIDTH - len(" Cannot save: disk full (retrying) ")

    run_app(demo_repo, settings, clock, scenario, size=(WIDTH, 30))


def test_the_save_status_shows_a_path_literally(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    """A read-only reason quotes a path, which may hold an escape: drawn as `^[`, never sent."""

    async def scenario(app: KamApp, pilot: Pilot[None]) -> None:
        header = app.screen.query_one(KamHeader)
        app.save_indicator = SaveIndicator("Read-only: /tmp/a\x1b[2Jb is locked", "read-only")
        await pilot.pause()
        line = header.render_line(0).text
        assert "\x1b" not in line
        assert "/tmp/a^[[2Jb is locked" in line

    run_app(demo_repo, settings, clock, scenario, size=(WIDTH, 30))


def test_narrow_tabs_shorten_their_names_so_the_save_status_stays_whole(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    """Full names when they fit, then their first letters, then the keys alone: every view
    key and the whole save status stay on the line."""
    seen: dict[int, str] = {}

    async def scenario(app: KamApp, pilot: Pilot[None]) -> None:
        header = app.screen.query_one(KamHeader)
        for width in (120, 60, 36, 30):
            await pilot.resize_terminal(width, 20)
            await pilot.pause()
            seen[width] = header.render_line(0).text

    run_app(demo_repo, settings, clock, scenario, size=(WIDTH, 20))
    assert "1 Pipeline  2 Lists  3 Table  4 Team  5 Portfolio" in seen[120]
    assert "1 Pip  2 Lis  3 Tab  4 Tea  5 Por" in seen[60]
    assert " 1  2  3  4  5 " in seen[30]
    for width, line in seen.items():
        assert line.rstrip().endswith("Saved"), (width, line)
        assert all(f"{key} " in line for key in "12345"), (width, line)
