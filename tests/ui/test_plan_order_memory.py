"""The Plan tab's order of the actions (`s`) is remembered across restarts."""

from __future__ import annotations

import json

from kam_testing import PaneHost, PlanPaneScreen, synchronous
from textual.app import ComposeResult

from kam_tui.config.settings import Settings
from kam_tui.config.view_state import default_view_state_path
from kam_tui.domain.clock import Clock
from kam_tui.domain.models import Action
from kam_tui.domain.plan import by_position, ordered_actions
from kam_tui.store import Repository
from kam_tui.ui.plan.objectives import PlanPane

ACCOUNT = 3
"""A demo account with actions."""


class PaneScreen(PlanPaneScreen):
    """The plan pane alone, as the account screen shows it in its tab."""

    def compose(self) -> ComposeResult:
        yield PlanPane(account_id=ACCOUNT, id="plan-pane")


async def shown_titles(app: PaneHost) -> tuple[PlanPane, list[str]]:
    """The pane, and the actions' titles in the order its table shows them."""
    await app.push_screen(PaneScreen())
    pane = app.screen.query_one(PlanPane)
    table = pane.action_table
    ids = [int(str(row.value).removeprefix("action-")) for row in table.rows]
    titles = {action.id: action.title for action in pane.data.actions}
    return pane, [titles[action_id] for action_id in ids]


def remembered_plan() -> object:
    return json.loads(default_view_state_path().read_text())["views"].get("plan")


@synchronous
async def test_the_actions_order_comes_back_after_a_restart(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    # An undated action, last in the plan's own order but not by due date (where undated
    # ones go last too): put it first in the own order so the two orders differ.
    undated = demo_repo.save(Action(account_id=ACCOUNT, title="Undated call", position=-1))
    actions = demo_repo.children(Action, ACCOUNT)
    own = [action.title for action in by_position(actions)]
    by_due = [action.title for action in ordered_actions(actions)]
    assert own != by_due and own[0] == undated.title

    first = PaneHost(demo_repo, settings, clock)
    async with first.run_test(size=(80, 24)) as pilot:
        pane, shown = await shown_titles(first)
        await pilot.pause()
        assert not pane.own_order and shown == by_due, "by due date at first"
        await pilot.press("tab", "s")
        await pilot.pause()
        assert pane.own_order
    assert remembered_plan() == {"actions": "own"}

    second = PaneHost(demo_repo, settings, clock)
    async with second.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        pane, shown = await shown_titles(second)
        await pilot.pause()
        assert pane.own_order
        assert shown == own
        assert "s by due date" in str(pane.action_table.border_subtitle)
        await pilot.press("tab", "s")
        await pilot.pause()
        assert not pane.own_order
    assert remembered_plan() == {"actions": "due"}
