"""The account plan tabs shown in the account detail screen.

`PLAN_TABS` lists (tab id, title, pane class) in tab order. Each pane class is a Widget
constructed as `PaneClass(account_id=<int>, id=<tab id>-pane)`; it reads and writes through
`self.app.repository` (see kam_tui/ui/app.py) and refreshes itself in `refresh_account()`.
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
