"""Shared pieces of the record forms: labelled fields with inline errors, the dialog."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import ClassVar, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.events import Resize
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Select, Static

from kam_tui.ui.forms.checked import CheckedForm, Errors
from kam_tui.ui.user_text import CONTROL_PICTURES, literal, literal_text, printable

ResultT = TypeVar("ResultT")

WIDE_FORM = 110
"""Terminal width from which a form lays its sections out in two columns."""

_ID_UNSAFE = re.compile(r"[^a-zA-Z0-9_-]")


def field_id(name: str) -> str:
    """The widget id of the input for field `name` (`custom.tier` -> `field-custom--tier`)."""
    return "field-" + _ID_UNSAFE.sub("-", name.replace(".", "--"))


class FieldRow(Vertical):
    """One labelled field, with the reason it is refused shown under it."""

    DEFAULT_CSS = """
    FieldRow {
        height: auto;
        & > .field-line {
            height: auto;
        }
        & .field-label {
            width: 18;
            padding-right: 1;
            color: $text-muted;
        }
        & .field-line > Input, & .field-line > Select, & .field-line > TextArea,
        & .field-line > SelectionList, & .field-line > Checkbox {
            width: 1fr;
        }
        & .field-line > TextArea {
            height: 4;
        }
        & .field-line > TextArea.-tall {
            height: 7;
        }
        & .field-line > SelectionList {
            height: auto;
            max-height: 8;
        }
        & .field-error {
            display: none;
            padding-left: 18;
            color: $text-error;
        }
        & .field-hint {
            padding-left: 18;
            color: $text-muted;
        }
        &.-invalid {
            & .field-error {
                display: block;
            }
            & .field-label {
                color: $text-error;
                text-style: bold;
            }
        }
    }
    """

    def __init__(self, field_name: str, label: str, editor: Widget, *, hint: str = "") -> None:
        super().__init__(id="row-" + field_id(field_name).removeprefix("field-"))
        self.field_name = field_name
        """The record field this row edits (`custom.<key>` for custom fields)."""
        self.editor = editor
        """The widget holding the value."""
        self.label_text = label
        self.hint = hint

    def compose(self) -> ComposeResult:
        with Horizontal(classes="field-line"):
            yield Label(literal(self.label_text), classes="field-label")
            yield self.editor
        if self.hint:
            yield Static(literal(self.hint), classes="field-hint")
        yield Static("", classes="field-error", markup=False)

    @property
    def error(self) -> str:
        """The reason shown under the field, empty when valid."""
        return str(self.query_one(".field-error", Static).content)

    def set_error(self, reason: str | None) -> None:
        """Show `reason` under the field, or clear it."""
        self.query_one(".field-error", Static).update(literal(reason or ""))
        self.set_class(bool(reason), "-invalid")


def select_value(select: Select[str]) -> str:
    """The value of a text Select; a blank selection is the empty string."""
    value = select.value
    return value if isinstance(value, str) else ""


def choice_options(
    allowed: Iterable[str], current: str, *, blank_label: str | None = None
) -> list[tuple[str, str]]:
    """Select options for `allowed`, keeping an unknown current value visible so it is refused
    with a reason instead of being silently replaced."""
    options = [(blank_label, "")] if blank_label is not None else []
    options += [(value, value) for value in allowed if value]
    if current and current not in {value for _, value in options}:
        options.append((f"{current} (not in the config)", current))
    return options


class FormDialog(CheckedForm[ResultT]):
    """A modal record form: ctrl+s or Save checks every field and returns the record,
    escape returns None (asking first when a field was changed). Subclasses compose rows
    and turn them into a record."""

    DEFAULT_CSS = """
    FormDialog {
        align: center middle;
        & > #form {
            width: 96%;
            max-width: 120;
            height: auto;
            max-height: 96%;
            border: thick $primary;
            border-title-color: $text;
            border-title-style: bold;
            background: $surface;
            padding: 0 1;
        }
        & #form-body {
            height: auto;
            max-height: 80vh;
            padding-right: 1;
        }
        & #form-columns {
            height: auto;
            layout: vertical;
            & > .form-column {
                height: auto;
                width: 100%;
            }
        }
        &.-wide #form-columns {
            layout: horizontal;
            & > .form-column {
                width: 1fr;
                padding-right: 2;
            }
        }
        & .form-section {
            color: $text-accent;
            text-style: bold;
            margin-top: 1;
        }
        & #form-summary {
            height: auto;
            display: none;
            color: $text-error;
        }
        & #form-buttons {
            height: auto;
            align-horizontal: right;
            & Button {
                margin-left: 2;
            }
        }
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "ctrl+s",
            "save",
            "Save",
            id="form-save",
            tooltip="Check every field and save when all are valid",
            priority=True,
        ),
        Binding(
            "escape",
            "cancel",
            "Cancel",
            id="form-cancel",
            tooltip="Close without saving (asks first when something was changed)",
        ),
    ]

    def __init__(self, title: str) -> None:
        super().__init__()
        self.form_title = title
        """Shown in the dialog's border."""

    def compose(self) -> ComposeResult:
        with Vertical(id="form") as form:
            form.border_title = literal(self.form_title)
            form.border_subtitle = "ctrl+s save · esc cancel"
            with VerticalScroll(id="form-body", can_focus=False):
                yield from self.compose_form()
            yield Static("", id="form-summary", markup=False)
            with Horizontal(id="form-buttons"):
                yield Button(
                    "Save (ctrl+s)", id="form-save-button", variant="primary", compact=True
                )
                yield Button("Cancel (esc)", id="form-cancel-button", compact=True)

    def compose_form(self) -> ComposeResult:
        """The field rows; subclasses override."""
        yield from ()

    def on_mount(self) -> None:
        editors = [row.editor for row in self.query(FieldRow)]
        if editors:
            editors[0].focus()

    def on_resize(self, event: Resize) -> None:
        self.set_class(event.size.width >= WIDE_FORM, "-wide")

    @on(Button.Pressed, "#form-save-button")
    def _save_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_save()

    @on(Button.Pressed, "#form-cancel-button")
    def _cancel_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_cancel()

    def row(self, field_name: str) -> FieldRow:
        """The row of one field."""
        return self.query_one("#row-" + field_id(field_name).removeprefix("field-"), FieldRow)

    def show_errors(self, errors: Errors, *, focus: bool = True) -> None:
        """Put each reason under its field; reasons without a field go in the summary.
        With `focus`, the first field to fix takes the focus."""
        unplaced = dict(errors)
        first_invalid: FieldRow | None = None
        for row in self.query(FieldRow):
            reason = unplaced.pop(row.field_name, None)
            row.set_error(reason)
            if reason and first_invalid is None:
                first_invalid = row
        lines = [f"{name}: {reason}" for name, reason in unplaced.items()]
        if errors:
            count = len(errors)
            lines.insert(0, f"{count} field{'s' if count > 1 else ''} to fix before saving.")
        summary = self.query_one("#form-summary", Static)
        summary.update(literal("\n".join(lines), multiline=True))
        summary.display = bool(lines)
        if first_invalid is not None and focus:
            first_invalid.editor.focus()
            first_invalid.scroll_visible(animate=False)


def text_input(value: str, field_name: str, *, placeholder: str = "") -> Input:
    """A compact one-line text editor for a field."""
    return Input(
        printable(value),
        placeholder=placeholder,
        highlighter=CONTROL_PICTURES,
        id=field_id(field_name),
        compact=True,
    )


def text_select(
    options: list[tuple[str, str]], value: str, field_name: str, *, allow_blank: bool = False
) -> Select[str]:
    """A compact select of text values for a field."""
    known = {option for _, option in options}
    initial: str | object = value if value in known else Select.NULL
    return Select(
        [(literal_text(label), option) for label, option in options],
        value=initial,  # type: ignore[arg-type]
        allow_blank=allow_blank,
        id=field_id(field_name),
        compact=True,
    )
