"""The Plan tab's keys: objectives, key results and actions (its footer and help)."""

from __future__ import annotations

from textual.binding import Binding, BindingType

from kam_tui.ui.plan.base import PANEL_BINDINGS

PLAN_BINDINGS: list[BindingType] = [
    *PANEL_BINDINGS,
    Binding(
        "n",
        "add",
        "Add",
        id="plan-add",
        tooltip="Add an objective (in objectives) or an action (in actions)",
    ),
    Binding(
        "t",
        "add_key_result",
        "Add key result",
        id="plan-add-key-result",
        tooltip="Add a key result (a target) to the highlighted objective",
    ),
    Binding("e", "edit", "Edit", id="plan-edit", tooltip="Edit the highlighted row (or enter)"),
    Binding("d", "delete", "Delete", id="plan-delete", tooltip="Delete the highlighted row"),
    Binding(
        "x",
        "toggle_done",
        "Done",
        id="plan-toggle-done",
        tooltip="Mark the action done, or open again",
    ),
    Binding(
        "shift+up,K",
        "move_objective(-1)",
        "Move up",
        show=False,
        id="plan-move-objective-up",
        tooltip="Move the objective up",
    ),
    Binding(
        "shift+down,J",
        "move_objective(1)",
        "Move down",
        show=False,
        id="plan-move-objective-down",
        tooltip="Move the objective down",
    ),
    Binding(
        "shift+up,K",
        "move_action(-1)",
        "Move up",
        show=False,
        id="plan-move-action-up",
        tooltip="Move the action up (in the plan's own order)",
    ),
    Binding(
        "shift+down,J",
        "move_action(1)",
        "Move down",
        show=False,
        id="plan-move-action-down",
        tooltip="Move the action down (in the plan's own order)",
    ),
    Binding(
        "s",
        "toggle_action_order",
        "Order",
        id="plan-action-order",
        tooltip="Show the actions in the plan's own order (K/J move them) or by due date",
    ),
    Binding(
        "ctrl+o",
        "edit_report_in_editor",
        "Editor",
        show=False,
        id="plan-action-report-editor",
        tooltip="Edit the action's report text in $VISUAL (else $EDITOR); saved as one change",
    ),
    Binding(
        "r",
        "report",
        "Report",
        id="plan-status-report",
        tooltip="The attack-plan status report: copy it or export it as text",
    ),
]
