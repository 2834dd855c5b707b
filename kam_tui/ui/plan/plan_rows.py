"""The rows of the Plan tab: objective and key-result options, the objective list and the
action table, each handing the cursor on at its first and last row."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import DataTable, OptionList
from textual.widgets.option_list import Option

from kam_tui.domain.models import Action, KeyResult, Objective
from kam_tui.domain.parsing import format_quantity
from kam_tui.ui.plan.base import EdgeReached, at_edge
from kam_tui.ui.user_text import literal_text, printable
from kam_tui.ui.view_helpers import theme_style

BAR_WIDTH = 10
"""Cells of a key result's progress bar."""


NO_TARGET = "no target"
"""Shown instead of a percentage when a key result has no target (0)."""


def progress_bar(progress: float | None, width: int = BAR_WIDTH) -> Content:
    """A bar of `width` cells, filled in proportion to `progress` (0.0 to 1.0); empty
    without a target (None)."""
    if progress is None:
        return Content.styled("·" * width, "dim")
    filled = round(max(0.0, min(1.0, progress)) * width)
    colour = "$success" if progress >= 1 else "$primary"
    return Content.assemble(("█" * filled, colour), ("░" * (width - filled), "dim"))


def percent(progress: float | None) -> str:
    """`42%`, or `no target` when there is nothing to measure against."""
    return NO_TARGET if progress is None else f"{round(progress * 100)}%"


def objective_prompt(objective: Objective, today: date) -> Content:
    """An objective's line: title, overall progress, owner and due date (in the error colour
    once it has passed with the key results not met)."""
    parts: list[str | tuple[str, str]] = [
        (printable(objective.title), "bold"),
        (f"  {percent(objective.progress)}" if objective.key_results else "", "$text-muted"),
        ("" if objective.key_results else "  (no key results: t adds one)", "$text-muted"),
    ]
    if objective.owner.strip():
        parts.append((f"  · {printable(objective.owner)}", "$text-muted"))
    if objective.due is not None:
        late = objective.is_overdue(today)
        parts.append(
            (f"  · due {objective.due.isoformat()}", "$text-error" if late else "$text-muted")
        )
    return Content.assemble(*parts)


class ObjectiveOption(Option):
    """An objective's title, progress, owner and due date (id `objective-<id>`)."""

    def __init__(self, objective: Objective, today: date) -> None:
        prompt = objective_prompt(objective, today)
        super().__init__(prompt, id=f"objective-{objective.id}")
        self.objective = objective
        """The objective shown."""
        self.index: int | None = None
        """Not a key result."""


class KeyResultOption(Option):
    """One key result under its objective: name, bar, current / target, percent."""

    def __init__(self, objective: Objective, index: int, name_width: int) -> None:
        result: KeyResult = objective.key_results[index]
        name = printable(result.name)
        name = name if len(name) <= name_width else name[: name_width - 1] + "…"
        prompt = Content.assemble(
            f"  {name.ljust(name_width)} ",
            progress_bar(result.progress),
            f" {format_quantity(result.current)} / {format_quantity(result.target)}",
            (f"  {percent(result.progress)}", "$text-muted"),
        )
        super().__init__(prompt, id=f"kr-{objective.id}-{index}")
        self.objective = objective
        """The objective the key result belongs to."""
        self.index: int | None = index
        """The key result's place in the objective."""


class ObjectiveList(OptionList):
    """Objectives, each followed by its key results; down from the last row goes on into the
    actions (the bell at the top instead of wrapping round)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("k", "cursor_up", "Up", show=False, id="plan-objective-up", tooltip="Previous row"),
        Binding(
            "j",
            "cursor_down",
            "Down",
            show=False,
            id="plan-objective-down",
            tooltip="Next row; from the last, the first action",
        ),
    ]

    def show_objectives(
        self, objectives: Sequence[Objective], today: date, keep: str | None
    ) -> None:
        """Show `objectives` in order, each followed by its key results, keeping the
        highlight on option id `keep` (or the current one, or the same place)."""
        current = self.highlighted_option
        keep = keep or (current.id if current else None)
        options: list[Option] = []
        for objective in objectives:
            options.append(ObjectiveOption(objective, today))
            width = min(28, max((len(r.name) for r in objective.key_results), default=0))
            options.extend(
                KeyResultOption(objective, index, width)
                for index in range(len(objective.key_results))
            )
        old = self.highlighted
        self.set_options(options)
        ids = [option.id for option in options]
        if not options:
            self.highlighted = None
        elif keep in ids:
            self.highlighted = ids.index(keep)
        else:
            self.highlighted = min(old or 0, len(options) - 1)

    def action_cursor_up(self) -> None:
        """Previous row, or the bell on the first."""
        if at_edge(self, "up"):
            self.post_message(EdgeReached(self, "up"))
        else:
            super().action_cursor_up()

    def action_cursor_down(self) -> None:
        """Next row, or the first action from the last."""
        if at_edge(self, "down"):
            self.post_message(EdgeReached(self, "down"))
        else:
            super().action_cursor_down()


class ActionTable(DataTable[Text | str]):
    """The actions of the attack plan, one row each (row key `action-<id>`); up from the
    first row goes back into the objectives (the bell at the bottom)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "k",
            "cursor_up",
            "Up",
            show=False,
            id="plan-action-up",
            tooltip="Previous action; from the first, the last objective row",
        ),
        Binding(
            "j", "cursor_down", "Down", show=False, id="plan-action-down", tooltip="Next action"
        ),
    ]

    def show_actions(
        self,
        actions: Sequence[Action],
        objectives: Sequence[Objective],
        today: date,
        *,
        keep: int | None,
        wide: bool,
        own_order: bool,
    ) -> None:
        """Show `actions` in the order given, overdue ones marked, with each action's
        objective when `wide`; the cursor stays on action `keep` (or the same row)."""
        old_row = self.cursor_row
        titles = {objective.id: objective.title for objective in objectives}
        late = theme_style(self.app, "error", bold=True)
        done_style = theme_style(self.app, "success")
        if not self.columns or wide != (len(self.columns) == 6):
            self.clear(columns=True)
            self.add_column("", key="mark", width=1)
            self.add_column("Action", key="title")
            self.add_column("Owner", key="owner")
            self.add_column("Due", key="due")
            self.add_column("Status", key="status")
            if wide:
                self.add_column("Objective", key="objective")
        self.clear()
        overdue = 0
        for action in actions:
            is_late = action.is_overdue(today)
            overdue += is_late
            mark = (
                Text("!", style=late) if is_late else Text("✓" if action.status == "done" else "")
            )
            if action.status == "done":
                mark.stylize(done_style)
            due = Text(action.due.isoformat() if action.due else "-", style=late if is_late else "")
            row: list[Text | str] = [
                mark,
                literal_text(action.title),
                literal_text(action.owner or "-"),
                due,
                literal_text(action.status),
            ]
            if wide:
                row.append(literal_text(titles.get(action.objective_id or 0, "")))
            self.add_row(*row, key=f"action-{action.id}")
        open_count = sum(1 for action in actions if action.status != "done")
        self.border_title = f"Actions: {open_count} open, {overdue} overdue"
        order = "s by due date" if own_order else "s own order"
        self.border_subtitle = f"x done · {order} · r report"
        self.set_class(overdue > 0, "-overdue")
        ids = [action.id for action in actions]
        if keep in ids:
            self.move_cursor(row=ids.index(keep), animate=False)
        elif actions:
            self.move_cursor(row=min(old_row, len(actions) - 1), animate=False)

    def action_cursor_up(self) -> None:
        """Previous action, or the objectives from the first."""
        if at_edge(self, "up"):
            self.post_message(EdgeReached(self, "up"))
        else:
            super().action_cursor_up()

    def action_cursor_down(self) -> None:
        """Next action, or the bell on the last."""
        if at_edge(self, "down"):
            self.post_message(EdgeReached(self, "down"))
        else:
            super().action_cursor_down()
