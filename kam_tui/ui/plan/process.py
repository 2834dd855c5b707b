"""The Process tab: the customer's buying steps lined up with our selling stages."""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Static

from kam_tui.domain.models import ProcessStep
from kam_tui.domain.plan import (
    ProcessAlignment,
    next_position,
    owner_choices,
    process_alignment,
    reordered,
)
from kam_tui.store.change_set import ChangeSet
from kam_tui.store.undo import Edit
from kam_tui.ui.plan.base import PlanTab, find
from kam_tui.ui.plan.forms import NOT_MAPPED, ProcessStepForm, StagePicker
from kam_tui.ui.user_text import literal, literal_text, printable
from kam_tui.ui.view_helpers import UNDO_HINT, theme_style


class ProcessTable(DataTable[Text | str]):
    """One row per buying step (row key `step-<id>`)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("k", "cursor_up", "Up", show=False, id="process-up", tooltip="Previous step"),
        Binding("j", "cursor_down", "Down", show=False, id="process-down", tooltip="Next step"),
    ]


class ProcessPane(PlanTab):
    """The buying process of one account against our selling process, with misalignments."""

    DEFAULT_CSS = """
    ProcessPane {
        layout: vertical;
        & ProcessTable {
            height: auto;
            max-height: 75%;
            border: round $panel-lighten-2;
            border-title-style: bold;
            &:focus {
                border: round $accent;
            }
        }
        & #process-misaligned {
            height: auto;
            padding: 0 1;
            color: $text-muted;
            &.-misaligned {
                color: $text-warning;
            }
        }
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "add_step", "Add", id="process-add-step", tooltip="Add a buying step"),
        Binding(
            "e", "edit_step", "Edit", id="process-edit-step", tooltip="Edit the step (or enter)"
        ),
        Binding(
            "m",
            "map_step",
            "Map",
            id="process-map-step",
            tooltip="Pick the selling stage this buying step maps to",
        ),
        Binding("d", "delete_step", "Delete", id="process-delete-step", tooltip="Delete the step"),
        Binding(
            "shift+up,K",
            "move_step(-1)",
            "Move up",
            id="process-move-step-up",
            tooltip="Move the step earlier in the buying process",
        ),
        Binding(
            "shift+down,J",
            "move_step(1)",
            "Move down",
            id="process-move-step-down",
            tooltip="Move the step later in the buying process",
        ),
    ]

    def compose(self) -> ComposeResult:
        table = ProcessTable(id="process-table", cursor_type="row")
        table.border_title = "Buying process vs selling process"
        yield table
        yield Static("", id="process-misaligned")

    # Reading

    @property
    def table(self) -> ProcessTable:
        """The steps table."""
        return self.query_one(ProcessTable)

    def alignment(self) -> ProcessAlignment:
        """The steps of the account against the configured selling stages."""
        steps = self.data.steps
        return process_alignment(steps, self.data.schema.selling_stages)

    @property
    def current_step(self) -> ProcessStep | None:
        """The highlighted buying step."""
        table = self.table
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return find(self.data.steps, int(key.removeprefix("step-"))) if key else None

    def refresh_account(self, keep: int | None = None) -> None:
        """Redraw the table and the misalignment summary."""
        super().refresh_account()
        alignment = self.alignment()
        table = self.table
        current = self.current_step
        keep = keep or (current.id if current else None)
        old_row = table.cursor_row
        warning = theme_style(self.app, "warning", bold=True)
        if not table.columns:
            for label, key in (
                ("#", "number"),
                ("Buying step (customer)", "step"),
                ("Selling stage (us)", "stage"),
                ("Owner", "owner"),
                ("State", "state"),
            ):
                table.add_column(label, key=key)
        table.clear()
        unmapped = {step.id for step in alignment.unmapped}
        for number, step in enumerate(alignment.steps, start=1):
            if step.id in unmapped:
                stage = literal_text(
                    f"! {step.selling_stage} (not in config)"
                    if step.selling_stage
                    else f"! {NOT_MAPPED}",
                    style=warning,
                )
                name = literal_text(step.buying_step, style=warning)
            else:
                stage = literal_text(step.selling_stage)
                name = literal_text(step.buying_step)
            table.add_row(
                str(number),
                name,
                stage,
                literal_text(step.owner or "-"),
                literal_text(step.state),
                key=f"step-{step.id}",
            )
        ids = [step.id for step in alignment.steps]
        if keep in ids:
            table.move_cursor(row=ids.index(keep), animate=False)
        elif ids:
            table.move_cursor(row=min(old_row, len(ids) - 1), animate=False)
        self._show_misalignment(alignment)

    def show_record(self, edit: Edit) -> ProcessTable | None:
        """Highlight a buying step."""
        if not isinstance(edit.after, ProcessStep):
            return None
        self.refresh_account(keep=edit.after.id)
        return self.table

    def _show_misalignment(self, alignment: ProcessAlignment) -> None:
        summary = self.query_one("#process-misaligned", Static)
        summary.set_class(not alignment.aligned, "-misaligned")
        if not alignment.steps:
            summary.update("No buying steps yet: n adds the customer's first step.")
            return
        if alignment.aligned:
            summary.update("Aligned: every buying step has a selling stage and every stage a step.")
            return
        lines = []
        if alignment.unmapped:
            names = ", ".join(printable(step.buying_step) for step in alignment.unmapped)
            lines.append(f"! Buying steps with no selling stage: {names}")
        if alignment.uncovered_stages:
            stages = ", ".join(printable(stage) for stage in alignment.uncovered_stages)
            lines.append(f"! Selling stages with no buying step: {stages}")
        summary.update(literal("\n".join(lines), multiline=True))

    # Availability

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Step actions need a step; moves need a neighbour."""
        if action in ("edit_step", "map_step", "delete_step"):
            return self.current_step is not None
        if action == "move_step":
            step = self.current_step
            if step is None:
                return False
            offset = parameters[0] if parameters and isinstance(parameters[0], int) else 0
            steps = list(self.alignment().steps)
            return bool(reordered(steps, steps.index(step), offset))
        return True

    # Editing

    def _owners(self) -> list[str]:
        existing = [step.owner for step in self.data.steps]
        return owner_choices(self.account, self.data.schema, existing)

    def action_add_step(self) -> None:
        """Ask for a new buying step, placed last."""
        steps = self.data.steps
        draft = ProcessStep(
            account_id=self.account_id,
            owner=self.account.assignee if self.account else "",
            position=next_position(steps),
        )
        form = ProcessStepForm(draft, self.data.schema, self._owners())
        self.app.push_screen(form, self._save_step)

    def action_edit_step(self) -> None:
        """Edit the highlighted step."""
        step = self.current_step
        if step is not None:
            form = ProcessStepForm(step, self.data.schema, self._owners())
            self.app.push_screen(form, self._save_step)

    @on(DataTable.RowSelected, "#process-table")
    def _selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_edit_step()

    def _save_step(self, step: ProcessStep | None) -> None:
        if step is None:
            return
        saved: list[ProcessStep] = []
        verb = "Added" if step.id == 0 else "Edited"
        self.apply(
            f"{verb} {step.label}",
            lambda c: saved.append(c.save(step)),
            lambda: self.refresh_account(keep=saved[0].id),
        )

    def action_map_step(self) -> None:
        """Pick the selling stage of the highlighted step."""
        step = self.current_step
        if step is None:
            return

        def picked(stage: str | None) -> None:
            if stage is not None and stage != step.selling_stage:
                target = stage or NOT_MAPPED
                self._save_mapped(
                    replace(step, selling_stage=stage), f"Mapped {step.label} to {target}"
                )

        self.app.push_screen(StagePicker(step, self.data.schema.selling_stages), picked)

    def _save_mapped(self, step: ProcessStep, description: str) -> None:
        self.apply(description, lambda c: c.save(step), lambda: self.refresh_account(keep=step.id))

    def action_delete_step(self) -> None:
        """Delete the highlighted step (undoable)."""
        step = self.current_step
        if step is not None:
            self.apply(
                f"Deleted {step.label}",
                lambda c: c.delete(step),
                lambda: self.notify(f"Deleted {step.label}; {UNDO_HINT}.", title="Process"),
            )

    def action_move_step(self, offset: int) -> None:
        """Move the highlighted step earlier (-1) or later (+1), as one change."""
        step = self.current_step
        if step is None:
            return
        steps = list(self.alignment().steps)
        moved = reordered(steps, steps.index(step), offset)

        def save_all(change: ChangeSet) -> None:
            change.focus_on(step)
            for record in moved:
                change.save(record)

        if moved:
            self.apply(f"Moved {step.label}", save_all, lambda: self.refresh_account(keep=step.id))
