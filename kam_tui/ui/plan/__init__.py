"""The account plan tabs shown in the account detail screen.

`PLAN_TABS` lists (tab id, title, pane class) in tab order. Each pane class is a Widget
constructed as `PaneClass(account_id=<int>, id=<tab id>-pane)`; the screen hosting it hands
down what it shows (a `PlanData`, through `show` or `hold`) and applies the changes it asks
for (`PlanTab.ChangeRequested`); the pane never reaches the store or the application layer.
"""

from __future__ import annotations

from textual.widget import Widget

from kam_tui.ui.plan.objectives import PlanPane
from kam_tui.ui.plan.process import ProcessPane
from kam_tui.ui.plan.swot import SwotPane

PLAN_TABS: list[tuple[str, str, type[Widget]]] = [
    ("swot", "SWOT", SwotPane),
    ("plan", "Plan", PlanPane),
    ("process", "Process", ProcessPane),
]
