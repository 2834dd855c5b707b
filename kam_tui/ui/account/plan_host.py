"""What a screen hosting plan panes does for them: reads their data and applies their changes."""

from __future__ import annotations

from collections.abc import Iterable

from kam_tui.domain.models import Action, Objective, ProcessStep, SwotItem
from kam_tui.services import Workspace
from kam_tui.ui.plan.base import PlanData, PlanTab, showing
from kam_tui.ui.refused import tell_refused


def plan_data(workspace: Workspace, account_id: int) -> PlanData:
    """What the plan panes show of an account, read from the application layer."""
    return PlanData(
        account_id=account_id,
        account=workspace.account(account_id),
        schema=workspace.schema,
        clock=workspace.clock,
        swot_items=tuple(workspace.children(SwotItem, account_id)),
        objectives=tuple(workspace.children(Objective, account_id)),
        actions=tuple(workspace.children(Action, account_id)),
        steps=tuple(workspace.children(ProcessStep, account_id)),
    )


def hand_down(panes: Iterable[PlanTab], data: PlanData, *, everywhere: bool = False) -> None:
    """Give every pane `data`: a pane showing (or every pane, when `everywhere`) redraws now,
    a hidden one when it is next shown."""
    for pane in panes:
        if everywhere or showing(pane):
            pane.show(data)
        else:
            pane.hold(data)


def apply_requested(workspace: Workspace, request: PlanTab.ChangeRequested) -> None:
    """Apply a pane's change request (the handler of the screen that hosts the pane); the
    change feed redraws the panes before the pane's `then` runs."""
    request.stop()
    outcome = workspace.apply(request.description, request.edit)
    refusal = outcome.refusal
    if refusal is None:
        if request.then is not None:
            request.then()
        return
    tell_refused(request.pane, refusal)
    if not refusal.read_only and not refusal.reasons:
        pane = request.pane  # the record it edited may be gone
        pane.show(plan_data(workspace, pane.account_id))
