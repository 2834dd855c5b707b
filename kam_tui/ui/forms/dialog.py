"""The one record form: field rows in a bordered dialog, checked on save, guarded on escape."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.events import Resize
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, Select, SelectionList, Static, TextArea

from kam_tui.domain.fields import FieldDef
from kam_tui.domain.schema import Schema
from kam_tui.domain.text import first_unsafe
from kam_tui.ui.external_editor import edit_in_editor
from kam_tui.ui.forms.discard import GuardedDialog
from kam_tui.ui.forms.fields import FieldRow, field_id, select_value, yes_no_label
from kam_tui.ui.user_text import literal

ResultT = TypeVar("ResultT")
Errors = dict[str, str]
"""Why a record cannot be saved, by field name."""

SAVE_ID = "form-save"
"""The binding id of every form's save key (the user's keymap rebinds them all at once)."""
CANCEL_ID = "form-cancel"
"""The binding id of every form's cancel key."""
EDITOR_ID = "form-editor"
"""The binding id of every form's key that opens the focused text field in $VISUAL/$EDITOR."""
SAVE_TOOLTIP = "Check every field and save when all are valid"
CANCEL_TOOLTIP = "Close without saving (asks first when something was changed)"
EDITOR_TOOLTIP = (
    "Edit the focused text field in $VISUAL (else $EDITOR); the text comes back when the "
    "editor exits, and is checked on save"
)
FORM_KEYS = "ctrl+s save · ctrl+o editor · esc cancel"
"""What a form's border says about its keys."""

WIDE_FORM = 110
"""Terminal width from which a form lays its sections out in two columns."""


def save_binding(tooltip: str = SAVE_TOOLTIP) -> Binding:
    """A form's save key: ctrl+s, working inside editors too."""
    return Binding("ctrl+s", "save", "Save", id=SAVE_ID, tooltip=tooltip, priority=True)


def cancel_binding(tooltip: str = CANCEL_TOOLTIP) -> Binding:
    """A form's cancel key: escape."""
    return Binding("escape", "cancel", "Cancel", id=CANCEL_ID, tooltip=tooltip)


def editor_binding() -> Binding:
    """A form's key that opens the focused text field in the user's editor: ctrl+o (free in
    Input and TextArea, whose ctrl+e goes to the end of the line)."""
    return Binding("ctrl+o", "open_in_editor", "Editor", id=EDITOR_ID, tooltip=EDITOR_TOOLTIP)


@dataclass(frozen=True)
class FormStyle:
    """How a form looks and answers: the full record form, or the small plan form."""

    compact: bool = False
    """A narrow dialog with short labels and no buttons (the plan's small records)."""
    save_on_enter: bool = False
    """Enter in a one-line field saves (forms without multi-line fields)."""
    focus_invalid: bool = True
    """A refused save moves the focus to the first field to fix."""
    summary: str = ""
    """The line above the reasons when a save is refused ("": the count of fields)."""


RECORD_FORM = FormStyle()
"""The account, contact and activity forms."""
SMALL_FORM = FormStyle(
    compact=True,
    save_on_enter=True,
    focus_invalid=False,
    summary="Fix the fields in red before saving.",
)
"""The plan's forms: a few one-line fields, enter saves."""


class FormDialog(GuardedDialog[ResultT | None]):
    """A modal record form: ctrl+s (or Save) checks every field and closes with the record
    only when all are valid and the store can take it; escape closes with None, asking first
    when a field was changed. A reason shown under a field goes once the field is valid.

    Subclasses compose their rows (`compose_form`), read them into a record (`read_form`)
    and add the domain rules (`check`).
    """

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
        &.-compact {
            & > #form {
                width: 90%;
                max-width: 80;
                max-height: 95%;
                border-title-color: initial;
            }
            & #form-body {
                max-height: 100%;
                padding-right: 0;
            }
            & #form-summary {
                display: block;
            }
            & FieldRow {
                & .field-label {
                    width: 14;
                    padding-right: 0;
                }
                & .field-error {
                    padding-left: 14;
                }
            }
        }
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [save_binding(), cancel_binding(), editor_binding()]
    STYLE: ClassVar[FormStyle] = RECORD_FORM
    """How this form looks and answers."""
    FIRST_FIELD: ClassVar[str | None] = None
    """The field focused when the form opens (None: the first)."""

    def __init__(self, title: str, schema: Schema) -> None:
        super().__init__()
        self.form_title = title
        """Shown in the dialog's border."""
        self.schema = schema
        """The rules the record is checked against, and the choices the config offers."""
        self._shown: Errors = {}
        """The reasons on show, by field."""
        self.set_class(self.STYLE.compact, "-compact")

    def compose(self) -> ComposeResult:
        with Vertical(id="form") as form:
            form.border_title = literal(self.form_title)
            form.border_subtitle = FORM_KEYS
            with VerticalScroll(id="form-body", can_focus=False):
                yield from self.compose_form()
            yield Static("", id="form-summary", markup=False)
            if not self.STYLE.compact:
                with Horizontal(id="form-buttons"):
                    yield Button(
                        "Save (ctrl+s)", id="form-save-button", variant="primary", compact=True
                    )
                    yield Button("Cancel (esc)", id="form-cancel-button", compact=True)

    def compose_form(self) -> ComposeResult:
        """The field rows; subclasses override."""
        yield from ()

    def on_mount(self) -> None:
        rows = list(self.query(FieldRow))
        first = next((row for row in rows if row.field_name == self.FIRST_FIELD), None)
        if first is None and rows:
            first = rows[0]
        if first is not None:
            first.editor.focus()

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

    @on(Checkbox.Changed)
    def _yes_no_changed(self, event: Checkbox.Changed) -> None:
        """A yes-no box says what it now holds."""
        event.checkbox.label = yes_no_label(event.value)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        if self.STYLE.save_on_enter:
            event.stop()
            self.action_save()

    def focused_text_field(self) -> Input | TextArea | None:
        """The text editor with focus (None when the focus is on a select, a box, a button)."""
        focused = self.focused
        return focused if isinstance(focused, Input | TextArea) else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The editor key works on a text field only."""
        if action == "open_in_editor":
            return self.focused_text_field() is not None
        return True

    def field_label(self, editor: Widget) -> tuple[str, str]:
        """The label and the field name of the text field `editor`, for the editor's file
        name and the messages."""
        for node in editor.ancestors:
            if isinstance(node, FieldRow):
                return node.label_text.removesuffix(" *"), node.field_name
        return "The text", "text"

    def action_open_in_editor(self) -> None:
        """Open the focused text field in $VISUAL or $EDITOR, the app suspended, and put
        the edited text back into the field (checked like typed text when saved)."""
        editor = self.focused_text_field()
        if editor is None:
            return
        label, name = self.field_label(editor)
        current = editor.text if isinstance(editor, TextArea) else editor.value
        outcome = edit_in_editor(self.app, current, label, field=name)
        if outcome.text is not None:
            if isinstance(editor, TextArea):
                # One edit of the area, so ctrl+z in it takes the editor's text back.
                editor.replace(outcome.text, (0, 0), editor.document.end)
            elif (unsafe := first_unsafe(outcome.text)) is not None:
                # A one-line field would draw a line break or an escape raw, over the form.
                message = (
                    f"{label} is one line of text; the editor's text holds {unsafe.describe()}: "
                    f"{label} is unchanged."
                )
                self.notify(message, title="Editor", severity="warning", markup=False)
                return
            else:
                editor.value = outcome.text
        self.notify(outcome.message, title="Editor", severity=outcome.severity, markup=False)

    def row(self, field_name: str) -> FieldRow:
        """The row of one field."""
        return self.query_one("#row-" + field_id(field_name).removeprefix("field-"), FieldRow)

    def text(self, field_name: str) -> str:
        """What the one-line field `field_name` holds, as typed."""
        return self.query_one("#" + field_id(field_name), Input).value

    def choice(self, field_name: str) -> str:
        """The value picked in the select `field_name` ("" for its blank choice)."""
        return select_value(self.query_one("#" + field_id(field_name), Select))

    def value_of(self, item: FieldDef, current: Any, errors: Errors) -> Any:
        """What the row of the catalogued field `item` holds, read as its kind says; when
        the text is not one, the reason goes into `errors` and `current` is kept."""
        editor = self.row(item.key).editor
        if isinstance(editor, Select):
            return select_value(editor)
        if isinstance(editor, Checkbox):
            return editor.value
        text = editor.text if isinstance(editor, TextArea) else self.text(item.key)
        try:
            return item.parse(text)
        except ValueError as error:
            errors[item.key] = str(error)
            return current

    def read_form(self, errors: Errors) -> ResultT | None:
        """The record the fields describe (None when there is none to check); parse
        problems go into `errors` by field."""
        raise NotImplementedError

    def check(self, result: ResultT) -> Errors:
        """The domain rules `result` breaks, by field."""
        return {}

    def show_errors(self, errors: Errors, *, focus: bool = True) -> None:
        """Put each reason under its field; reasons without a field go in the summary.
        With `focus`, when the style moves it, the first field to fix takes the focus."""
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
            heading = self.STYLE.summary
            lines.insert(
                0, heading or f"{count} field{'s' if count > 1 else ''} to fix before saving."
            )
        summary = self.query_one("#form-summary", Static)
        summary.update(literal("\n".join(lines), multiline=True))
        summary.display = bool(lines) or self.STYLE.compact
        if first_invalid is not None and focus and self.STYLE.focus_invalid:
            first_invalid.editor.focus()
            first_invalid.scroll_visible(animate=False)

    def _errors(self) -> tuple[ResultT | None, Errors]:
        """The record the fields describe and every reason it cannot be saved."""
        errors: Errors = {}
        result = self.read_form(errors)
        if result is not None:
            for name, reason in self.check(result).items():
                errors.setdefault(name, reason)
        return result, errors

    def _show(self, errors: Errors, *, focus: bool = True) -> None:
        self._shown = dict(errors)
        self.show_errors(errors, focus=focus)

    def action_save(self) -> None:
        """Check every field; close with the record when all are valid, else show each
        reason."""
        result, errors = self._errors()
        self._show(errors)
        if not errors and result is not None and not self.save_refused():
            self.dismiss(result)

    @on(Input.Changed)
    @on(Select.Changed)
    @on(TextArea.Changed)
    @on(Checkbox.Changed)
    @on(SelectionList.SelectedChanged)
    def _field_changed(self) -> None:
        """Take a reason away as soon as its field is valid (new ones wait for a save)."""
        if not self._shown:
            return
        _result, errors = self._errors()
        still = {name: errors[name] for name in self._shown if name in errors}
        if still != self._shown:
            self._show(still, focus=False)
