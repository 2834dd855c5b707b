"""Forms of the account plan: objective, key result, action, process step, and a stage picker."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import ModalScreen
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from kam_tui.domain.models import (
    ACTION_STATUSES,
    STEP_STATES,
    Action,
    KeyResult,
    Objective,
    ProcessStep,
)
from kam_tui.domain.parsing import format_quantity, parse_day, parse_quantity
from kam_tui.domain.schema import Schema
from kam_tui.domain.validation import action_errors, objective_errors, process_errors
from kam_tui.ui.forms.dialog import SMALL_FORM, Errors, FormDialog, cancel_binding
from kam_tui.ui.forms.fields import FieldRow, choice_options, text_input, text_select
from kam_tui.ui.user_text import literal

NOT_MAPPED = "(not mapped)"
"""How a buying step without a selling stage is offered and shown."""


PLAN_KEYS: list[BindingType] = [cancel_binding("Close, saving nothing")]
"""The plan forms' keys: the form's own, with their cancel tooltip."""


class ObjectiveForm(FormDialog[Objective]):
    """An objective's title, owner and due date (its key results are edited one by one)."""

    STYLE = SMALL_FORM
    BINDINGS = PLAN_KEYS

    def __init__(self, objective: Objective, schema: Schema, owners: Sequence[str] = ()) -> None:
        verb = "New objective" if objective.id == 0 else "Edit objective"
        super().__init__(verb, schema)
        self.objective = objective
        """The objective edited."""
        self.owners = list(owners)
        """The people the objective can be given to."""

    def compose_form(self) -> ComposeResult:
        objective = self.objective
        due = objective.due.isoformat() if objective.due else ""
        yield FieldRow("title", "Title", text_input(objective.title, "title"))
        yield FieldRow(
            "owner",
            "Owner",
            text_select(
                choice_options(self.owners, objective.owner, blank_label="(no owner)"),
                objective.owner,
                "owner",
            ),
        )
        yield FieldRow("due", "Due", text_input(due, "due", placeholder="YYYY-MM-DD"))

    def read_form(self, errors: Errors) -> Objective | None:
        due = self.objective.due
        try:
            due = parse_day(self.text("due"))
        except ValueError as error:
            errors["due"] = str(error)
        return replace(
            self.objective, title=self.text("title").strip(), owner=self.choice("owner"), due=due
        )

    def check(self, result: Objective) -> Errors:
        return objective_errors(result, self.schema)


class KeyResultForm(FormDialog[Objective]):
    """One key result of an objective: returns the objective with it added or changed."""

    STYLE = SMALL_FORM
    BINDINGS = PLAN_KEYS

    def __init__(self, objective: Objective, index: int | None, schema: Schema) -> None:
        super().__init__(f"Key result of “{objective.title}”", schema)
        self.objective = objective
        """The objective the key result belongs to."""
        self.index = index
        """The key result edited, or None for a new one."""

    def compose_form(self) -> ComposeResult:
        current = (
            self.objective.key_results[self.index]
            if self.index is not None
            else KeyResult(name="", target=Decimal(0), current=Decimal(0))
        )
        yield FieldRow("name", "Key result", text_input(current.name, "name"))
        yield FieldRow("target", "Target", text_input(format_quantity(current.target), "target"))
        yield FieldRow(
            "current", "Current", text_input(format_quantity(current.current), "current")
        )

    def read_form(self, errors: Errors) -> Objective | None:
        name = self.text("name").strip()
        if not name:
            errors["name"] = "cannot be empty"
        amounts: dict[str, Decimal] = {}
        for field in ("target", "current"):
            try:
                amounts[field] = parse_quantity(self.text(field))
            except ValueError as error:
                errors[field] = str(error)
        if errors:
            return None
        result = KeyResult(name=name, target=amounts["target"], current=amounts["current"])
        results = list(self.objective.key_results)
        if self.index is None:
            results.append(result)
        else:
            results[self.index] = result
        return replace(self.objective, key_results=tuple(results))

    def check(self, result: Objective) -> Errors:
        return objective_errors(result, self.schema)


class ActionForm(FormDialog[Action]):
    """An action of the attack plan: title, owner, due date, status, objective, report."""

    STYLE = SMALL_FORM
    BINDINGS = PLAN_KEYS

    def __init__(
        self,
        action: Action,
        schema: Schema,
        owners: Sequence[str],
        objectives: Sequence[Objective],
    ) -> None:
        super().__init__("New action" if action.id == 0 else "Edit action", schema)
        self.action = action
        """The action edited."""
        self.owners = list(owners)
        """The people the action can be given to."""
        self.objectives = list(objectives)
        """The objectives it can serve."""

    def compose_form(self) -> ComposeResult:
        action = self.action
        due = action.due.isoformat() if action.due else ""
        objective_options = [("(no objective)", "")] + [
            (objective.title, str(objective.id)) for objective in self.objectives
        ]
        objective = str(action.objective_id) if action.objective_id else ""
        yield FieldRow("title", "Action", text_input(action.title, "title"))
        yield FieldRow(
            "owner",
            "Owner",
            text_select(
                choice_options(self.owners, action.owner, blank_label="(no owner)"),
                action.owner,
                "owner",
            ),
        )
        yield FieldRow("due", "Due", text_input(due, "due", placeholder="YYYY-MM-DD"))
        yield FieldRow(
            "status",
            "Status",
            text_select([(s, s) for s in ACTION_STATUSES], action.status, "status"),
        )
        yield FieldRow(
            "objective_id", "Objective", text_select(objective_options, objective, "objective_id")
        )
        yield FieldRow(
            "report",
            "Report",
            text_input(action.report, "report", placeholder="latest status, optional"),
        )

    def read_form(self, errors: Errors) -> Action | None:
        due = self.action.due
        try:
            due = parse_day(self.text("due"))
        except ValueError as error:
            errors["due"] = str(error)
        objective = self.choice("objective_id")
        return replace(
            self.action,
            title=self.text("title").strip(),
            owner=self.choice("owner"),
            due=due,
            status=self.choice("status"),
            objective_id=int(objective) if objective else None,
            report=self.text("report").strip(),
        )

    def check(self, result: Action) -> Errors:
        return action_errors(result, self.schema)


class ProcessStepForm(FormDialog[ProcessStep]):
    """A buying step of the customer and the selling stage it maps to."""

    STYLE = SMALL_FORM
    BINDINGS = PLAN_KEYS

    def __init__(self, step: ProcessStep, schema: Schema, owners: Sequence[str]) -> None:
        super().__init__("New buying step" if step.id == 0 else "Edit buying step", schema)
        self.step = step
        """The step edited."""
        self.owners = list(owners)
        """The people the step can be given to."""

    def compose_form(self) -> ComposeResult:
        step = self.step
        stages = choice_options(
            self.schema.selling_stages, step.selling_stage, blank_label=NOT_MAPPED
        )
        yield FieldRow("buying_step", "Buying step", text_input(step.buying_step, "buying_step"))
        yield FieldRow(
            "selling_stage", "Our stage", text_select(stages, step.selling_stage, "selling_stage")
        )
        yield FieldRow(
            "owner",
            "Owner",
            text_select(
                choice_options(self.owners, step.owner, blank_label="(no owner)"),
                step.owner,
                "owner",
            ),
        )
        yield FieldRow(
            "state", "State", text_select([(s, s) for s in STEP_STATES], step.state, "state")
        )

    def read_form(self, errors: Errors) -> ProcessStep | None:
        return replace(
            self.step,
            buying_step=self.text("buying_step").strip(),
            selling_stage=self.choice("selling_stage"),
            owner=self.choice("owner"),
            state=self.choice("state"),
        )

    def check(self, result: ProcessStep) -> Errors:
        return process_errors(result, self.schema)


class StagePicker(ModalScreen[str | None]):
    """Pick the stage a buying step maps to: "" for not mapped, None when cancelled."""

    DEFAULT_CSS = """
    StagePicker {
        align: center middle;
        & > OptionList {
            width: auto;
            min-width: 40;
            max-width: 80%;
            height: auto;
            max-height: 80%;
            border: thick $primary;
            border-title-style: bold;
            background: $surface;
        }
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="stage-pick-cancel", tooltip="Keep the mapping"),
        Binding("j", "cursor(1)", "Down", show=False, id="stage-pick-down", tooltip="Next stage"),
        Binding("k", "cursor(-1)", "Up", show=False, id="stage-pick-up", tooltip="Previous stage"),
    ]

    def __init__(self, step: ProcessStep, stages: Sequence[str]) -> None:
        super().__init__()
        self.step = step
        """The step being mapped."""
        self.stages = list(stages)
        """Our selling stages, in order."""

    def compose(self) -> ComposeResult:
        options = [Option(NOT_MAPPED, id="stage-none")]
        options += [
            Option(literal(stage), id=f"stage-{index}") for index, stage in enumerate(self.stages)
        ]
        picker = OptionList(*options, id="stage-picker")
        picker.border_title = literal(f"Map “{self.step.buying_step}” to")
        picker.border_subtitle = "enter pick · esc cancel"
        yield picker

    def on_mount(self) -> None:
        picker = self.query_one(OptionList)
        current = self.step.selling_stage
        picker.highlighted = self.stages.index(current) + 1 if current in self.stages else 0
        picker.focus()

    def action_cursor(self, offset: int) -> None:
        """Move the highlight."""
        picker = self.query_one(OptionList)
        if offset > 0:
            picker.action_cursor_down()
        else:
            picker.action_cursor_up()

    @on(OptionList.OptionSelected)
    def _picked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss("" if event.option_index == 0 else self.stages[event.option_index - 1])

    def action_cancel(self) -> None:
        """Close without mapping."""
        self.dismiss(None)
