"""Forms of the account plan: objective, key result, action, process step, and a stage picker."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal
from typing import ClassVar, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Input, Label, OptionList, Select, Static
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
from kam_tui.ui.forms.checked import CheckedForm, Errors
from kam_tui.ui.forms.fields import choice_options
from kam_tui.ui.user_text import CONTROL_PICTURES, literal, literal_text, printable

ResultT = TypeVar("ResultT")
NOT_MAPPED = "(not mapped)"
"""How a buying step without a selling stage is offered and shown."""


class PlanField(Vertical):
    """A labelled editor with the reason it is refused shown under it."""

    DEFAULT_CSS = """
    PlanField {
        height: auto;
        & > Horizontal {
            height: auto;
        }
        & .plan-field-label {
            width: 14;
            color: $text-muted;
        }
        & Input, & Select {
            width: 1fr;
        }
        & .plan-field-error {
            display: none;
            padding-left: 14;
            color: $text-error;
        }
        &.-invalid {
            & .plan-field-error {
                display: block;
            }
            & .plan-field-label {
                color: $text-error;
                text-style: bold;
            }
        }
    }
    """

    def __init__(self, name: str, label: str, editor: Widget) -> None:
        super().__init__(id=f"field-{name}")
        self.field_name = name
        """The record field edited here."""
        self.editor = editor
        """The widget holding the value."""
        self.label_text = label

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield Label(literal(self.label_text), classes="plan-field-label")
            yield self.editor
        yield Static("", classes="plan-field-error", markup=False)

    def set_error(self, reason: str | None) -> None:
        """Show `reason` under the editor, or clear it."""
        self.query_one(".plan-field-error", Static).update(literal(reason or ""))
        self.set_class(bool(reason), "-invalid")


class PlanForm(CheckedForm[ResultT]):
    """A small record form: ctrl+s (or enter in a line) saves when valid, escape cancels
    (asking first when a field was changed)."""

    DEFAULT_CSS = """
    PlanForm {
        align: center middle;
        & > #plan-form {
            width: 90%;
            max-width: 80;
            height: auto;
            max-height: 95%;
            border: thick $primary;
            border-title-style: bold;
            background: $surface;
            padding: 0 1;
        }
        & #plan-form-summary {
            height: auto;
            color: $text-error;
        }
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "ctrl+s",
            "save",
            "Save",
            id="plan-form-save",
            tooltip="Check every field and save when all are valid",
            priority=True,
        ),
        Binding(
            "escape", "cancel", "Cancel", id="plan-form-cancel", tooltip="Close, saving nothing"
        ),
    ]

    def __init__(self, title: str, schema: Schema) -> None:
        super().__init__()
        self.form_title = title
        """Shown in the border."""
        self.schema = schema
        """The rules the record is checked against."""

    def compose(self) -> ComposeResult:
        with Vertical(id="plan-form") as form:
            form.border_title = literal(self.form_title)
            form.border_subtitle = "ctrl+s save · esc cancel"
            yield from self.compose_fields()
            yield Static("", id="plan-form-summary", markup=False)

    def compose_fields(self) -> ComposeResult:
        """The fields; subclasses override."""
        yield from ()

    def on_mount(self) -> None:
        fields = list(self.query(PlanField))
        if fields:
            fields[0].editor.focus()

    def text(self, name: str) -> str:
        """The text of an Input field."""
        return self.query_one(f"#field-{name}", PlanField).editor.value  # type: ignore[attr-defined,no-any-return]

    def choice(self, name: str) -> str:
        """The value of a Select field ("" for its blank choice)."""
        value = self.query_one(f"#field-{name}", PlanField).editor.value  # type: ignore[attr-defined]
        return value if isinstance(value, str) else ""

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def show_errors(self, errors: Errors, *, focus: bool = True) -> None:
        """Put each reason under its field; reasons without a field go in the summary (the
        focus stays where it is)."""
        unplaced = dict(errors)
        for field in self.query(PlanField):
            field.set_error(unplaced.pop(field.field_name, None))
        summary = [f"{name}: {reason}" for name, reason in unplaced.items()]
        if errors:
            summary.insert(0, "Fix the fields in red before saving.")
        self.query_one("#plan-form-summary", Static).update(
            literal("\n".join(summary), multiline=True)
        )


def _input(value: str, name: str, placeholder: str = "") -> Input:
    return Input(
        printable(value),
        placeholder=placeholder,
        highlighter=CONTROL_PICTURES,
        id=f"input-{name}",
        compact=True,
    )


def _select(options: list[tuple[str, str]], value: str, name: str) -> Select[str]:
    known = {option for _, option in options}
    return Select(
        [(literal_text(label), option) for label, option in options],
        value=value if value in known else options[0][1],
        allow_blank=False,
        id=f"input-{name}",
        compact=True,
    )


class ObjectiveForm(PlanForm[Objective]):
    """An objective's title (its key results are edited one by one)."""

    def __init__(self, objective: Objective, schema: Schema) -> None:
        verb = "New objective" if objective.id == 0 else "Edit objective"
        super().__init__(verb, schema)
        self.objective = objective
        """The objective edited."""

    def compose_fields(self) -> ComposeResult:
        yield PlanField("title", "Title", _input(self.objective.title, "title"))

    def read_form(self, errors: Errors) -> Objective | None:
        return replace(self.objective, title=self.text("title").strip())

    def check(self, result: Objective) -> Errors:
        return objective_errors(result, self.schema)


class KeyResultForm(PlanForm[Objective]):
    """One key result of an objective: returns the objective with it added or changed."""

    def __init__(self, objective: Objective, index: int | None, schema: Schema) -> None:
        super().__init__(f"Key result of “{objective.title}”", schema)
        self.objective = objective
        """The objective the key result belongs to."""
        self.index = index
        """The key result edited, or None for a new one."""

    def compose_fields(self) -> ComposeResult:
        current = (
            self.objective.key_results[self.index]
            if self.index is not None
            else KeyResult(name="", target=Decimal(0), current=Decimal(0))
        )
        yield PlanField("name", "Key result", _input(current.name, "name"))
        yield PlanField("target", "Target", _input(format_quantity(current.target), "target"))
        yield PlanField("current", "Current", _input(format_quantity(current.current), "current"))

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


class ActionForm(PlanForm[Action]):
    """An action of the attack plan: title, owner, due date, status, objective, report."""

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

    def compose_fields(self) -> ComposeResult:
        action = self.action
        due = action.due.isoformat() if action.due else ""
        objective_options = [("(no objective)", "")] + [
            (objective.title, str(objective.id)) for objective in self.objectives
        ]
        objective = str(action.objective_id) if action.objective_id else ""
        yield PlanField("title", "Action", _input(action.title, "title"))
        yield PlanField(
            "owner",
            "Owner",
            _select(
                choice_options(self.owners, action.owner, blank_label="(no owner)"),
                action.owner,
                "owner",
            ),
        )
        yield PlanField("due", "Due", _input(due, "due", "YYYY-MM-DD"))
        yield PlanField(
            "status", "Status", _select([(s, s) for s in ACTION_STATUSES], action.status, "status")
        )
        yield PlanField(
            "objective_id", "Objective", _select(objective_options, objective, "objective")
        )
        yield PlanField(
            "report", "Report", _input(action.report, "report", "latest status, optional")
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


class ProcessStepForm(PlanForm[ProcessStep]):
    """A buying step of the customer and the selling stage it maps to."""

    def __init__(self, step: ProcessStep, schema: Schema, owners: Sequence[str]) -> None:
        super().__init__("New buying step" if step.id == 0 else "Edit buying step", schema)
        self.step = step
        """The step edited."""
        self.owners = list(owners)
        """The people the step can be given to."""

    def compose_fields(self) -> ComposeResult:
        step = self.step
        stages = choice_options(
            self.schema.selling_stages, step.selling_stage, blank_label=NOT_MAPPED
        )
        yield PlanField("buying_step", "Buying step", _input(step.buying_step, "buying_step"))
        yield PlanField("selling_stage", "Our stage", _select(stages, step.selling_stage, "stage"))
        yield PlanField(
            "owner",
            "Owner",
            _select(
                choice_options(self.owners, step.owner, blank_label="(no owner)"),
                step.owner,
                "owner",
            ),
        )
        yield PlanField(
            "state", "State", _select([(s, s) for s in STEP_STATES], step.state, "state")
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
