"""What every account plan pane shares: the data handed down, redraws, and change requests."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, Literal

from textual import on
from textual.binding import Binding
from textual.message import Message
from textual.widget import Widget
from textual.widgets import DataTable, OptionList

from kam_tui.domain.clock import Clock, today
from kam_tui.domain.models import Account, Action, Objective, ProcessStep, RecordT, SwotItem
from kam_tui.domain.schema import Schema
from kam_tui.store.change_set import ChangeSet
from kam_tui.store.undo import Edit
from kam_tui.ui.external_editor import edit_in_editor
from kam_tui.ui.view_helpers import UNDO_HINT


@dataclass(frozen=True)
class PlanData:
    """What the plan panes show of one account, built by the screen that hosts them."""

    account_id: int
    """The account shown."""
    account: Account | None
    """The account (None once it has been deleted)."""
    schema: Schema
    """The configured choices (team, selling stages, ...)."""
    clock: Clock
    """Where 'now' comes from: a pane reads today when it draws or reports, not when handed
    its data (a hidden pane draws later; a report may be asked for after midnight)."""
    swot_items: tuple[SwotItem, ...]
    """The account's SWOT items, both perspectives, in id order."""
    objectives: tuple[Objective, ...]
    """The account's objectives, in id order."""
    actions: tuple[Action, ...]
    """The account's actions, in id order."""
    steps: tuple[ProcessStep, ...]
    """The account's buying steps, in id order."""

    @property
    def today(self) -> date:
        """The clock's date now."""
        return today(self.clock)


def find(records: Iterable[RecordT], record_id: int) -> RecordT | None:
    """The record of `records` with id `record_id`, or None when it is not among them."""
    return next((record for record in records if record.id == record_id), None)


def showing(widget: Widget) -> bool:
    """True when `widget` is on the current screen and neither it nor a container is hidden."""
    return widget.screen.is_current and all(
        node.display for node in widget.ancestors_with_self if isinstance(node, Widget)
    )


Edge = Literal["up", "down"]
"""Which way a cursor wanted to leave its panel."""

PANEL_BINDINGS: tuple[Binding, ...] = (
    Binding(
        "tab",
        "next_panel",
        "Next panel",
        id="plan-next-panel",
        tooltip="Focus the next panel of this tab",
    ),
    Binding(
        "shift+tab",
        "previous_panel",
        "Previous panel",
        show=False,
        id="plan-previous-panel",
        tooltip="Focus the previous panel of this tab",
    ),
)
"""Tab and shift+tab: the keys of a plan tab with more than one panel."""


@dataclass
class EdgeReached(Message):
    """Up was pressed on a panel's first row, or down on its last: the tab moves the cursor
    into the panel beyond that edge, or rings the bell when there is none."""

    panel: Widget
    """The panel the cursor wanted to leave."""
    edge: Edge
    """Which way the cursor wanted to go."""

    @property
    def control(self) -> Widget:
        """The panel the message comes from."""
        return self.panel


def at_edge(panel: OptionList | DataTable[Any], edge: Edge) -> bool:
    """True when `panel`'s cursor cannot move further towards `edge` (or it has no rows):
    the moment to post `EdgeReached` instead of letting the list wrap or stop silently."""
    if isinstance(panel, OptionList):
        count, row = panel.option_count, panel.highlighted
    else:
        count, row = panel.row_count, panel.cursor_row
    if not count or row is None:
        return True
    return row <= 0 if edge == "up" else row >= count - 1


def move_within(panel: OptionList | DataTable[Any], edge: Edge, move: Callable[[], None]) -> None:
    """Move `panel`'s cursor with `move`, or, at its `edge`, tell the tab (`EdgeReached`),
    which moves to the next panel or rings the bell: a list never wraps silently."""
    if at_edge(panel, edge):
        panel.post_message(EdgeReached(panel, edge))
    else:
        move()


def enter_panel(panel: Widget, edge: Edge) -> None:
    """Focus `panel`, its cursor on the row nearest to where the user came from: the last
    row when moving up into it, the first when moving down."""
    if isinstance(panel, OptionList) and panel.option_count:
        panel.highlighted = panel.option_count - 1 if edge == "up" else 0
    elif isinstance(panel, DataTable) and panel.row_count:
        panel.move_cursor(row=panel.row_count - 1 if edge == "up" else 0, animate=False)
    panel.focus()


class PlanTab(Widget):
    """A tab of the account plan: shows the data its screen hands down (`show`, `hold`) and
    asks that screen for changes (`ChangeRequested`)."""

    DEFAULT_CSS = """
    PlanTab {
        height: 1fr;
    }
    """

    @dataclass
    class ChangeRequested(Message):
        """The pane asks for one undoable change of its account's plan."""

        pane: PlanTab
        """The pane that asks."""
        description: str
        """What the change does (shown by undo and redo)."""
        edit: Callable[[ChangeSet], object]
        """Makes the edits on the change set it is given."""
        then: Callable[[], None] | None = None
        """What the pane does once the change is applied (not when refused)."""

        @property
        def control(self) -> PlanTab:
            """The pane (so `@on(..., "#id")` can match it)."""
            return self.pane

    def __init__(
        self, *, account_id: int, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.account_id = account_id
        """The account shown."""
        self.stale = True
        """True when the data may have changed since the pane last drew; it redraws on show."""
        self.drawn = False
        """True once the pane has drawn."""
        self._data: PlanData | None = None

    @property
    def data(self) -> PlanData:
        """What the screen handed down last."""
        if self._data is None:
            raise RuntimeError(f"{type(self).__name__} was shown before its screen gave it data")
        return self._data

    @property
    def account(self) -> Account | None:
        """The account shown (None once it has been deleted)."""
        return self.data.account

    def show(self, data: PlanData) -> None:
        """Take `data` and redraw now (the screen calls it when the pane is showing)."""
        self._data = data
        self.refresh_account()

    def hold(self, data: PlanData) -> None:
        """Take `data` and redraw when the pane is next shown (the screen calls it when the
        pane is hidden, so a change does not redraw every tab)."""
        self._data = data
        self.stale = True

    def on_show(self) -> None:
        if self.stale and self._data is not None:
            self.refresh_account()

    def refresh_account(self) -> None:
        """Redraw from the data last handed down (after any change, undo or redo)."""
        self.stale = False
        self.drawn = True

    def show_record(self, edit: Edit) -> Widget | None:
        """Highlight the record `edit` left, if this tab shows its kind; returns the widget to
        focus, or None when the record is not one of this tab's."""
        return None

    # Panels

    def panels(self) -> list[Widget]:
        """The focusable panels of the tab in tab order (none by default: a tab with panels
        adds `PANEL_BINDINGS` to its bindings and lists them here)."""
        return []

    def focused_panel_index(self) -> int | None:
        """The place of the panel with focus among `panels`, or None."""
        panels = self.panels()
        focused = self.screen.focused
        return panels.index(focused) if focused in panels else None

    def action_next_panel(self) -> None:
        """Focus the next panel, from the last back to the first."""
        self._step_panel(1)

    def action_previous_panel(self) -> None:
        """Focus the previous panel, from the first back to the last."""
        self._step_panel(-1)

    def _step_panel(self, step: int) -> None:
        panels = self.panels()
        if not panels:
            return
        index = self.focused_panel_index()
        start = -1 if index is None and step > 0 else (0 if index is None else index)
        panels[(start + step) % len(panels)].focus()

    def panel_beyond(self, panel: Widget, edge: Edge) -> Widget | None:
        """The panel the cursor enters past `panel`'s `edge`: the previous or next in tab
        order, None past the first or the last."""
        panels = self.panels()
        if panel not in panels:
            return None
        index = panels.index(panel) + (-1 if edge == "up" else 1)
        return panels[index] if 0 <= index < len(panels) else None

    @on(EdgeReached)
    def _edge_reached(self, event: EdgeReached) -> None:
        event.stop()
        target = self.panel_beyond(event.panel, event.edge)
        if target is None:
            self.app.bell()
        else:
            enter_panel(target, event.edge)

    def apply(
        self,
        description: str,
        edit: Callable[[ChangeSet], object],
        then: Callable[[], None] | None = None,
    ) -> None:
        """Ask for `edit` as one undoable change: the screen applies it (redrawing the pane as
        it is applied) and then calls `then`; a refusal becomes a notification."""
        self.post_message(self.ChangeRequested(self, description, edit, then))

    def edit_text_in_editor(
        self, record: RecordT, field: str, label: str, shown: Callable[[], None]
    ) -> None:
        """Open the text `field` of `record` in the user's editor ($VISUAL, else $EDITOR) and
        save what comes back as one undoable change, checked as a form's save is (a refusal
        says why); `shown` redraws the tab once it is saved."""
        outcome = edit_in_editor(self.app, getattr(record, field), label, field=field)
        if outcome.text is None:
            self.notify(outcome.message, title="Editor", severity=outcome.severity, markup=False)
            return
        edited: dict[str, Any] = {field: outcome.text.strip()}
        changed = replace(record, **edited)

        def saved() -> None:
            shown()
            self.notify(f"Saved the edited {label.lower()}; {UNDO_HINT}.", title="Editor")

        self.apply(f"Edited {label.lower()} of {record.label}", lambda c: c.save(changed), saved)
