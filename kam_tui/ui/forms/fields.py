"""The field row of every form (label, editor, hint, error line) and the editors it holds."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Checkbox, Input, Label, Select, Static

from kam_tui.domain.choices import TEAM_ROLES
from kam_tui.domain.fields import FieldDef
from kam_tui.domain.schema import Schema
from kam_tui.ui.user_text import CONTROL_PICTURES, LiteralTextArea, literal, literal_text, printable

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
        /* The field with focus: its label bold in the accent colour, its editor on an
           accent background (compact editors have no border to light up). */
        &:focus-within {
            & .field-label {
                color: $text-accent;
                text-style: bold;
            }
            & .field-line > Input:focus, & .field-line > TextArea:focus,
            & .field-line > SelectionList:focus, & .field-line > Checkbox:focus,
            & .field-line > Select:focus > SelectCurrent {
                background: $accent 30%;
            }
        }
        &:focus-within:ansi {
            & .field-label {
                text-style: bold reverse;
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


def yes_no_label(ticked: bool) -> str:
    """What a yes-no checkbox says: its state, then how to change it."""
    return f"{'yes' if ticked else 'no'} (space toggles)"


def starred(item: FieldDef) -> str:
    """A field's label, starred when a typed name or text cannot be left empty (a required
    date is never empty: its form fills it in)."""
    return f"{item.label} *" if item.required and item.kind in ("text", "multiline") else item.label


def catalogue_editor(
    item: FieldDef, value: Any, schema: Schema, *, placeholder: str = "", classes: str = ""
) -> Widget:
    """The editor the catalogue's kind of field calls for, holding `value`: a select for a
    choice (with "(none)" when blank is allowed), a text area for a note or the team, a
    checkbox for yes or no, otherwise a line of text."""
    key = item.key
    if item.kind == "choice":
        allowed = item.allowed(schema)
        blank = "(none)" if "" in allowed or item.blank_choice else None
        return text_select(choice_options(allowed, value, blank_label=blank), value, key)
    if item.kind in ("multiline", "team"):
        return LiteralTextArea(
            printable(item.format(value), multiline=True),
            id=field_id(key),
            classes=classes,
            compact=True,
        )
    if item.kind == "yes-no":
        return Checkbox(yes_no_label(value), value, id=field_id(key), compact=True)
    return text_input(item.format(value), key, placeholder=placeholder or item.placeholder)


def catalogue_row(
    item: FieldDef,
    value: Any,
    schema: Schema,
    *,
    placeholder: str = "",
    classes: str = "",
    hint: str = "",
) -> FieldRow:
    """The row of a catalogued field: its label, its editor and (for the team) what to type."""
    if item.kind == "team":
        hint = hint or "one per line: Name (" + " | ".join(TEAM_ROLES) + ")"
    editor = catalogue_editor(item, value, schema, placeholder=placeholder, classes=classes)
    return FieldRow(item.key, starred(item), editor, hint=hint)
