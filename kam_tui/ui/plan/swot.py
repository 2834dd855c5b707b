"""The SWOT tab: a 2x2 grid of quadrants in one of two perspectives, with the gaps between them."""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid
from textual.content import Content
from textual.reactive import var
from textual.widget import Widget
from textual.widgets import OptionList, Static

from kam_tui.domain.models import PERSPECTIVE_LABELS, PERSPECTIVES, QUADRANTS, SwotItem
from kam_tui.domain.plan import next_position, next_priority, quadrant_items, swot_gaps, swot_move
from kam_tui.store.change_set import ChangeSet
from kam_tui.store.undo import Edit
from kam_tui.ui.plan.base import PANEL_BINDINGS, Edge, PlanTab
from kam_tui.ui.plan.quadrant import SwotQuadrant
from kam_tui.ui.plan.swot_item import SwotItemDialog
from kam_tui.ui.user_text import literal
from kam_tui.ui.view_helpers import UNDO_HINT

GRID: tuple[tuple[str, str], ...] = (("S", "W"), ("O", "T"))
"""The quadrants as they sit on screen, row by row."""


def _grid_cell(quadrant: str) -> tuple[int, int]:
    for row, quadrants in enumerate(GRID):
        if quadrant in quadrants:
            return row, quadrants.index(quadrant)
    raise ValueError(quadrant)


class SwotPane(PlanTab):
    """The SWOT editor of one account."""

    DEFAULT_CSS = """
    SwotPane {
        layout: vertical;
        & #swot-perspective {
            height: 1;
            padding: 0 1;
            background: $boost;
            text-style: bold;
        }
        & #swot-grid {
            grid-size: 2 2;
            grid-gutter: 0 1;
            height: 1fr;
        }
        & #swot-gaps {
            height: auto;
            max-height: 5;
            padding: 0 1;
            color: $text-muted;
            &.-gaps {
                color: $text-warning;
            }
        }
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        *PANEL_BINDINGS,
        Binding(
            "v",
            "switch_perspective",
            "Perspective",
            id="swot-switch-perspective",
            tooltip="Switch between the customer's own position and the customer's view of us",
        ),
        Binding("n", "add_item", "Add", id="swot-add-item", tooltip="Add an item to this quadrant"),
        Binding("e", "edit_item", "Edit", id="swot-edit-item", tooltip="Edit the item (or enter)"),
        Binding("d", "delete_item", "Delete", id="swot-delete-item", tooltip="Delete the item"),
        Binding(
            "ctrl+o",
            "edit_in_editor",
            "Editor",
            show=False,
            id="swot-item-editor",
            tooltip="Edit the item's text in $VISUAL (else $EDITOR); saved as one change",
        ),
        Binding(
            "p",
            "cycle_priority",
            "Priority",
            id="swot-cycle-priority",
            tooltip="Cycle the item's priority: high, medium, low",
        ),
        Binding(
            "shift+up,K",
            "move_item(-1)",
            "Move up",
            id="swot-move-item-up",
            tooltip="Move the item up among items of the same priority",
        ),
        Binding(
            "shift+down,J",
            "move_item(1)",
            "Move down",
            id="swot-move-item-down",
            tooltip="Move the item down among items of the same priority",
        ),
        Binding(
            "left,h",
            "neighbour(0, -1)",
            "Left",
            show=False,
            id="swot-quadrant-left",
            tooltip="The quadrant to the left",
        ),
        Binding(
            "right,l",
            "neighbour(0, 1)",
            "Right",
            show=False,
            id="swot-quadrant-right",
            tooltip="The quadrant to the right",
        ),
    ]

    perspective: var[str] = var("customer", init=False)
    """The perspective shown: `customer` or `view_of_us`."""

    def compose(self) -> ComposeResult:
        yield Static("", id="swot-perspective")
        with Grid(id="swot-grid"):
            for row in GRID:
                for quadrant in row:
                    yield SwotQuadrant(quadrant)
        yield Static("", id="swot-gaps")

    # Reading

    def quadrant(self, quadrant: str) -> SwotQuadrant:
        """The list widget of one quadrant."""
        return self.query_one(f"#quadrant-{quadrant}", SwotQuadrant)

    @property
    def focused_quadrant(self) -> SwotQuadrant | None:
        """The quadrant with focus, if focus is in this pane."""
        focused = self.screen.focused
        return (
            focused
            if isinstance(focused, SwotQuadrant) and focused in self.query(SwotQuadrant)
            else None
        )

    @property
    def current_item(self) -> SwotItem | None:
        """The highlighted item of the focused quadrant."""
        quadrant = self.focused_quadrant
        return quadrant.highlighted_item if quadrant else None

    def items(self) -> list[SwotItem]:
        """Every SWOT item of the account, both perspectives."""
        return list(self.data.swot_items)

    def refresh_account(self, keep: int | None = None) -> None:
        """Redraw the four quadrants of the shown perspective and the gaps."""
        super().refresh_account()
        items = self.items()
        for quadrant in QUADRANTS:
            self.quadrant(quadrant).show_items(
                quadrant_items(items, self.perspective, quadrant), keep=keep
            )
        self._show_perspective()
        self._show_gaps(items)

    def show_record(self, edit: Edit) -> SwotQuadrant | None:
        """Show a SWOT item in its perspective and quadrant, highlighted."""
        item = edit.after
        if not isinstance(item, SwotItem):
            return None
        if item.perspective != self.perspective:
            self.set_reactive(SwotPane.perspective, item.perspective)
        self.refresh_account(keep=item.id)
        return self.quadrant(item.quadrant)

    def _show_perspective(self) -> None:
        other = next(p for p in PERSPECTIVES if p != self.perspective)
        self.query_one("#swot-perspective", Static).update(
            Content.assemble(
                ("Perspective: ", "$text-muted"),
                (PERSPECTIVE_LABELS[self.perspective], "$text-accent"),
                (f"   v: {PERSPECTIVE_LABELS[other].lower()}", "$text-muted"),
            )
        )

    def _show_gaps(self, items: list[SwotItem]) -> None:
        gaps = swot_gaps(items)
        panel = self.query_one("#swot-gaps", Static)
        panel.set_class(bool(gaps), "-gaps")
        if not gaps:
            panel.update("Gaps: none, the two perspectives agree.")
            return
        lines = [f"Gaps ({len(gaps)}):"] + [f"• {gap.message}" for gap in gaps]
        panel.update(literal("\n".join(lines), multiline=True))

    def watch_perspective(self) -> None:
        self.refresh_account()

    # Availability

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Item actions need an item; moves need a neighbour of the same priority."""
        if action in ("edit_item", "delete_item", "cycle_priority", "edit_in_editor"):
            return self.current_item is not None
        if action == "move_item":
            item = self.current_item
            if item is None:
                return False
            offset = parameters[0] if parameters and isinstance(parameters[0], int) else 0
            return bool(swot_move(self.items(), item.id, offset))
        if action == "add_item":
            return self.focused_quadrant is not None
        return True

    # Navigation

    def action_neighbour(self, rows: int, columns: int) -> None:
        """Focus the quadrant `rows` down and `columns` right of the focused one."""
        quadrant = self.focused_quadrant
        if quadrant is None:
            self.quadrant(GRID[0][0]).focus()
            return
        row, column = _grid_cell(quadrant.quadrant)
        row, column = row + rows, column + columns
        if 0 <= row < len(GRID) and 0 <= column < len(GRID[row]):
            self.quadrant(GRID[row][column]).focus()

    def panels(self) -> list[Widget]:
        """The quadrants in reading order: S, W, O, T (what tab and shift+tab follow)."""
        return [self.quadrant(quadrant) for row in GRID for quadrant in row]

    def panel_beyond(self, panel: Widget, edge: Edge) -> Widget | None:
        """Up and down follow the grid: the quadrant above or below, None past the top or
        bottom row."""
        if not isinstance(panel, SwotQuadrant):
            return None
        row, column = _grid_cell(panel.quadrant)
        target_row = row - 1 if edge == "up" else row + 1
        if not 0 <= target_row < len(GRID):
            return None
        return self.quadrant(GRID[target_row][column])

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_edit_item()

    # Editing

    def action_switch_perspective(self) -> None:
        """Show the other perspective."""
        index = PERSPECTIVES.index(self.perspective)
        self.perspective = PERSPECTIVES[(index + 1) % len(PERSPECTIVES)]

    def action_add_item(self) -> None:
        """Ask for a new item in the focused quadrant."""
        quadrant = self.focused_quadrant
        if quadrant is None:
            return
        siblings = quadrant_items(self.items(), self.perspective, quadrant.quadrant)
        draft = SwotItem(
            account_id=self.account_id,
            perspective=self.perspective,
            quadrant=quadrant.quadrant,
            position=next_position(siblings),
        )
        self.app.push_screen(SwotItemDialog(draft, self.data.schema), self._save_item)

    def action_edit_item(self) -> None:
        """Edit the highlighted item."""
        item = self.current_item
        if item is not None:
            self.app.push_screen(SwotItemDialog(item, self.data.schema), self._save_item)

    def action_edit_in_editor(self) -> None:
        """Edit the highlighted item's text in the user's editor, saved as one change."""
        item = self.current_item
        if item is not None:
            quadrant = self.quadrant(item.quadrant)

            def shown() -> None:
                self.refresh_account(keep=item.id)
                quadrant.focus()

            self.edit_text_in_editor(item, "text", "Text", shown)

    def _save_item(self, item: SwotItem | None) -> None:
        if item is None:
            return
        saved: list[SwotItem] = []
        verb = "Added" if item.id == 0 else "Edited"

        def shown() -> None:
            self.refresh_account(keep=saved[0].id)
            self.quadrant(item.quadrant).focus()

        self.apply(f"{verb} {item.label}", lambda change: saved.append(change.save(item)), shown)

    def action_delete_item(self) -> None:
        """Delete the highlighted item (undoable)."""
        item = self.current_item
        if item is not None:
            self.apply(
                f"Deleted {item.label}",
                lambda c: c.delete(item),
                lambda: self.notify(f"Deleted {item.label}; {UNDO_HINT}.", title="SWOT"),
            )

    def action_cycle_priority(self) -> None:
        """Give the highlighted item the next priority: high, medium, low, high."""
        item = self.current_item
        if item is None:
            return
        changed = replace(item, priority=next_priority(item.priority))
        self.apply(
            f"Set {item.label} to {changed.priority} priority",
            lambda c: c.save(changed),
            lambda: self.refresh_account(keep=item.id),
        )

    def action_move_item(self, offset: int) -> None:
        """Move the highlighted item up (-1) or down (+1) within its priority, as one change."""
        item = self.current_item
        if item is None:
            return
        moved = swot_move(self.items(), item.id, offset)
        if not moved:
            return

        def save_all(change: ChangeSet) -> None:
            change.focus_on(item)
            for record in moved:
                change.save(record)

        self.apply(f"Moved {item.label}", save_all, lambda: self.refresh_account(keep=item.id))
