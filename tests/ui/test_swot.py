"""The SWOT tab driven by real keys, checked in the store."""

from __future__ import annotations

from pathlib import Path

import pytest
from kam_testing import PaneHost, PlanPaneScreen, synchronous
from textual.app import ComposeResult
from textual.pilot import Pilot
from textual.widgets import Footer, Static, TextArea

from kam_tui.config.settings import Settings
from kam_tui.domain.clock import Clock
from kam_tui.domain.models import SwotItem
from kam_tui.domain.plan import quadrant_items
from kam_tui.domain.validation import MAX_SWOT_TEXT
from kam_tui.store import Repository
from kam_tui.ui.account.screen import AccountScreen
from kam_tui.ui.app import KamApp
from kam_tui.ui.plan.quadrant import SwotQuadrant
from kam_tui.ui.plan.swot import SwotPane
from kam_tui.ui.plan.swot_item import SwotItemDialog

ACCOUNT = 1


class SwotScreen(PlanPaneScreen):
    """The SWOT pane alone, as the account screen shows it in its tab."""

    def compose(self) -> ComposeResult:
        yield SwotPane(account_id=ACCOUNT, id="swot-pane")
        yield Footer()


def make_app(repo: Repository, settings: Settings, clock: Clock) -> PaneHost:
    return PaneHost(repo, settings, clock)


async def open_pane(pilot: Pilot[None]) -> SwotPane:
    await pilot.app.push_screen(SwotScreen())
    await pilot.pause()
    pane = pilot.app.screen.query_one(SwotPane)
    pane.quadrant("S").focus()
    await pilot.pause()
    return pane


def items(repo: Repository, perspective: str = "customer", quadrant: str = "S") -> list[SwotItem]:
    return quadrant_items(repo.children(SwotItem, ACCOUNT), perspective, quadrant)


def focused_quadrant(pilot: Pilot[None]) -> str:
    focused = pilot.app.focused
    assert isinstance(focused, SwotQuadrant)
    return focused.quadrant


async def type_text(pilot: Pilot[None], text: str) -> None:
    area = pilot.app.screen.query_one("#swot-text", TextArea)
    area.text = text
    await pilot.pause()


@synchronous
async def test_add_an_item_with_n_and_ctrl_s(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    app = make_app(demo_repo, settings, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_pane(pilot)
        before = len(items(demo_repo))
        await pilot.press("n")
        assert isinstance(app.screen, SwotItemDialog)
        await pilot.press(*"Partner network")
        await pilot.press("enter", *"in Europe")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, SwotItemDialog)
        added = [item for item in items(demo_repo) if item.text.startswith("Partner")]
        assert len(items(demo_repo)) == before + 1
        assert added[0].text == "Partner network\nin Europe"
        assert (added[0].perspective, added[0].quadrant, added[0].priority) == (
            "customer",
            "S",
            "medium",
        )
        demo_repo.undo()
        assert len(items(demo_repo)) == before


@synchronous
async def test_empty_and_too_long_text_is_refused_with_the_limit(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    app = make_app(demo_repo, settings, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_pane(pilot)
        before = demo_repo.revision
        await pilot.press("n", "space", "ctrl+s")
        error = app.screen.query_one("#swot-error", Static)
        assert "cannot be empty" in str(error.content)
        await type_text(pilot, "x" * (MAX_SWOT_TEXT + 1))
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, SwotItemDialog)
        assert f"the limit is {MAX_SWOT_TEXT}" in str(error.content)
        await pilot.press("escape")
        assert demo_repo.revision == before


@synchronous
async def test_edit_with_enter_and_with_e(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    app = make_app(demo_repo, settings, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_pane(pilot)
        first = items(demo_repo)[0]
        await pilot.press("enter")
        assert isinstance(app.screen, SwotItemDialog)
        await pilot.press(*" (Nordics too)", "ctrl+s")
        await pilot.pause()
        assert demo_repo.get(SwotItem, first.id) is not None
        assert demo_repo.get(SwotItem, first.id).text == first.text + " (Nordics too)"  # type: ignore[union-attr]
        await pilot.press("e")
        await type_text(pilot, "Rewritten")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert demo_repo.get(SwotItem, first.id).text == "Rewritten"  # type: ignore[union-attr]
        demo_repo.undo()
        assert demo_repo.get(SwotItem, first.id).text == first.text + " (Nordics too)"  # type: ignore[union-attr]


@synchronous
async def test_p_cycles_priority_and_reorders(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    app = make_app(demo_repo, settings, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await open_pane(pilot)
        first = items(demo_repo)[0]
        cycle = {"high": "medium", "medium": "low", "low": "high"}
        await pilot.press("p")
        changed = demo_repo.get(SwotItem, first.id)
        assert changed is not None and changed.priority == cycle[first.priority]
        # the cursor stays on the item wherever its new priority puts it
        assert pane.quadrant("S").highlighted_item == changed
        await pilot.press("p", "p")
        assert demo_repo.get(SwotItem, first.id).priority == first.priority  # type: ignore[union-attr]
        demo_repo.undo()
        assert demo_repo.get(SwotItem, first.id).priority == cycle[cycle[first.priority]]  # type: ignore[union-attr]


@synchronous
async def test_shift_arrows_and_capital_jk_reorder_within_a_priority_as_one_change(
    repo: Repository, settings: Settings, clock: Clock
) -> None:
    with repo.change("seed") as change:
        for position, text in enumerate(("One", "Two", "Three")):
            change.save(SwotItem(account_id=ACCOUNT, text=text, priority="high", position=position))
        change.save(SwotItem(account_id=ACCOUNT, text="Low", priority="low", position=0))
    app = make_app(repo, settings, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_pane(pilot)
        await pilot.press("shift+down")
        assert [item.text for item in items(repo)] == ["Two", "One", "Three", "Low"]
        await pilot.press("J")
        assert [item.text for item in items(repo)] == ["Two", "Three", "One", "Low"]
        # One is the last high item: moving it down would cross into another priority
        await pilot.press("shift+down")
        assert [item.text for item in items(repo)] == ["Two", "Three", "One", "Low"]
        await pilot.press("K", "shift+up")
        assert [item.text for item in items(repo)] == ["One", "Two", "Three", "Low"]
        repo.undo()
        assert [item.text for item in items(repo)] == ["Two", "One", "Three", "Low"]


@synchronous
async def test_delete_is_undoable(demo_repo: Repository, settings: Settings, clock: Clock) -> None:
    app = make_app(demo_repo, settings, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await open_pane(pilot)
        first = items(demo_repo)[0]
        await pilot.press("d")
        assert demo_repo.get(SwotItem, first.id) is None
        assert first.id not in [o.id for o in items(demo_repo)]
        demo_repo.undo()
        pane.refresh_account()
        assert demo_repo.get(SwotItem, first.id) == first
        assert pane.quadrant("S").highlighted_item is not None


@synchronous
async def test_arrows_and_hjkl_move_across_the_grid(
    demo_repo: Repository, settings: Settings, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(demo_repo, settings, clock)
    bells: list[None] = []
    monkeypatch.setattr(app, "bell", lambda: bells.append(None))
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await open_pane(pilot)
        strengths = len(items(demo_repo))
        await pilot.press("l")
        assert focused_quadrant(pilot) == "W"
        await pilot.press("left")
        assert focused_quadrant(pilot) == "S"
        await pilot.press(*["j"] * strengths)  # past the last strength: the quadrant below
        assert focused_quadrant(pilot) == "O"
        assert pane.quadrant("O").highlighted == 0
        await pilot.press("right")
        assert focused_quadrant(pilot) == "T"
        await pilot.press("up")
        assert focused_quadrant(pilot) == "W"
        await pilot.press("k")  # already at the top row: focus stays, the bell rings
        assert focused_quadrant(pilot) == "W"
        assert len(bells) == 1
        await pilot.press("h", "down")  # S kept its cursor on its last item
        assert focused_quadrant(pilot) == "O"
        await pilot.press(*["j"] * len(items(demo_repo, quadrant="O")))  # the bottom row
        assert focused_quadrant(pilot) == "O"
        assert len(bells) == 2


@synchronous
async def test_tab_and_shift_tab_visit_the_quadrants_in_swot_order(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    app = make_app(demo_repo, settings, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_pane(pilot)
        shown = {
            (b.binding.key, b.binding.description) for b in app.screen.active_bindings.values()
        }
        assert ("tab", "Next panel") in shown
        visited = []
        for _ in range(4):
            await pilot.press("tab")
            visited.append(focused_quadrant(pilot))
        assert visited == ["W", "O", "T", "S"]
        await pilot.press("shift+tab")
        assert focused_quadrant(pilot) == "T"
        await pilot.press("n", *"Price war", "ctrl+s")  # keys act on the quadrant tab reached
        await pilot.pause()
        assert [item.text for item in items(demo_repo, quadrant="T")][-1] == "Price war"


@synchronous
async def test_n_adds_to_the_focused_quadrant_of_the_shown_perspective(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    app = make_app(demo_repo, settings, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await open_pane(pilot)
        await pilot.press("v")
        assert pane.perspective == "view_of_us"
        label = pane.query_one("#swot-perspective", Static)
        assert "The customer's view of us" in str(label.content)
        assert len(items(demo_repo, "view_of_us", "W")) == 1
        await pilot.press("l", "j")  # weaknesses, then past its one item into threats
        assert focused_quadrant(pilot) == "T"
        await pilot.press("n", *"Slow answers", "ctrl+s")
        await pilot.pause()
        assert "Slow answers" in [i.text for i in items(demo_repo, "view_of_us", "T")]
        assert "Slow answers" not in [i.text for i in items(demo_repo, "customer", "T")]


@synchronous
async def test_perspectives_are_stored_apart_and_survive_a_restart(
    repo: Repository, store_path: Path, settings: Settings, clock: Clock
) -> None:
    app = make_app(repo, settings, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_pane(pilot)
        await pilot.press("n", *"Cash rich", "ctrl+s")
        await pilot.pause()
        await pilot.press("v", "n", *"Trusted advisor", "ctrl+s")
        await pilot.pause()
    repo.close()
    reopened = Repository.open(store_path, repo.schema, clock=clock)
    try:
        assert [i.text for i in items(reopened, "customer")] == ["Cash rich"]
        assert [i.text for i in items(reopened, "view_of_us")] == ["Trusted advisor"]
    finally:
        reopened.close()


@synchronous
async def test_read_only_store_refuses_with_a_notification(
    demo_repo: Repository, store_path: Path, settings: Settings, clock: Clock
) -> None:
    demo_repo.wait_saved(10)
    reader = Repository.open(store_path, demo_repo.schema, clock=clock, read_only=True)
    app = make_app(reader, settings, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_pane(pilot)
        count = len(items(reader))
        await pilot.press("d")
        assert len(items(reader)) == count
        assert any(n.title == "Read-only" for n in app._notifications)
    reader.close()


@synchronous
async def test_gaps_panel_names_a_conflict(
    repo: Repository, settings: Settings, clock: Clock
) -> None:
    with repo.change("seed") as change:
        change.save(
            SwotItem(account_id=ACCOUNT, perspective="view_of_us", text="Reliable delivery")
        )
        change.save(
            SwotItem(
                account_id=ACCOUNT, perspective="view_of_us", quadrant="W", text="reliable delivery"
            )
        )
    app = make_app(repo, settings, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await open_pane(pilot)
        gaps = str(pane.query_one("#swot-gaps", Static).content)
        assert "Gaps (1)" in gaps
        assert "both a strength and a weakness" in gaps
        await pilot.press("v", "d")  # delete the strength: the conflict is gone
        gaps = str(pane.query_one("#swot-gaps", Static).content)
        assert "none" in gaps


@synchronous
async def test_inside_the_account_screen_with_undo_redrawn(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    app = KamApp(demo_repo, settings, clock)
    app.animation_level = "none"
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.push_screen(AccountScreen(ACCOUNT, tab="swot"))
        await pilot.pause()
        await pilot.pause()
        pane = app.screen.query_one(SwotPane)
        assert focused_quadrant(pilot) == "S"
        first = items(demo_repo)[0]
        await pilot.press("d")
        assert demo_repo.get(SwotItem, first.id) is None
        shown = pane.quadrant("S")
        assert f"swot-{first.id}" not in [option.id for option in shown.options]
        await pilot.press("u")  # the app's undo; the account screen redraws the tab
        await pilot.pause()
        assert demo_repo.get(SwotItem, first.id) == first
        assert f"swot-{first.id}" in [option.id for option in shown.options]
        await pilot.press("v")
        assert pane.perspective == "view_of_us"
