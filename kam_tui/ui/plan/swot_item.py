"""The SWOT item editor: multi-line text and a priority, checked before it is returned."""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Label, Select, Static, TextArea

from kam_tui.domain.models import PERSPECTIVE_LABELS, PRIORITIES, QUADRANT_LABELS, SwotItem
from kam_tui.domain.schema import Schema
from kam_tui.domain.validation import MAX_SWOT_TEXT, swot_errors
from kam_tui.ui.forms.dialog import (
    FORM_KEYS,
    Errors,
    FormDialog,
    cancel_binding,
    save_binding,
)
from kam_tui.ui.forms.fields import choice_options
from kam_tui.ui.user_text import LiteralTextArea, literal, literal_text, printable


class SwotItemDialog(FormDialog[SwotItem]):
    """Edit a SWOT item's text and priority; ctrl+s returns the item when it is valid.

    The form's keys and checks, around one text area instead of field rows."""

    DEFAULT_CSS = """
    SwotItemDialog {
        align: center middle;
        & > #swot-dialog {
            width: 90%;
            max-width: 90;
            height: auto;
            max-height: 90%;
            border: thick $primary;
            border-title-style: bold;
            background: $surface;
            padding: 0 1;
        }
        & #swot-where {
            color: $text-muted;
        }
        & #swot-text {
            height: 8;
        }
        & #swot-meta {
            height: auto;
        }
        & #swot-count {
            width: 1fr;
            color: $text-muted;
            &.-over {
                color: $text-error;
                text-style: bold;
            }
        }
        & #swot-priority {
            width: 24;
        }
        & #swot-error {
            color: $text-error;
            text-style: bold;
            height: auto;
        }
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        save_binding("Save the item when its text is valid"),
        cancel_binding("Close, saving nothing"),
    ]

    def __init__(self, item: SwotItem, schema: Schema) -> None:
        verb = "New" if item.id == 0 else "Edit"
        super().__init__(f"{verb} item: {QUADRANT_LABELS[item.quadrant]}", schema)
        self.item = item
        """The item being edited (id 0 for a new one)."""

    def compose(self) -> ComposeResult:
        with Vertical(id="swot-dialog") as dialog:
            dialog.border_title = self.form_title
            dialog.border_subtitle = FORM_KEYS
            yield Label(PERSPECTIVE_LABELS[self.item.perspective], id="swot-where")
            yield LiteralTextArea(
                printable(self.item.text, multiline=True), id="swot-text", soft_wrap=True
            )
            with Horizontal(id="swot-meta"):
                yield Static("", id="swot-count", markup=False)
                yield Select(
                    [
                        (literal_text(f"Priority: {label}"), priority)
                        for label, priority in choice_options(PRIORITIES, self.item.priority)
                    ],
                    value=self.item.priority,
                    allow_blank=False,
                    id="swot-priority",
                    compact=True,
                )
            yield Static("", id="swot-error", markup=False)

    def on_mount(self) -> None:
        text = self.query_one("#swot-text", TextArea)
        text.cursor_blink = False
        text.move_cursor(text.document.end)
        text.focus()
        self._count(text.text)

    @on(TextArea.Changed, "#swot-text")
    def _changed(self, event: TextArea.Changed) -> None:
        self._count(event.text_area.text)

    def _count(self, text: str) -> None:
        length = len(text.strip())
        count = self.query_one("#swot-count", Static)
        count.update(f"{length} / {MAX_SWOT_TEXT} characters")
        count.set_class(length > MAX_SWOT_TEXT, "-over")

    @property
    def draft(self) -> SwotItem:
        """The item as the fields describe it now."""
        priority = self.query_one("#swot-priority", Select).value
        return replace(
            self.item,
            text=self.query_one("#swot-text", TextArea).text.strip(),
            priority=priority if isinstance(priority, str) else self.item.priority,
        )

    def read_form(self, errors: Errors) -> SwotItem:
        """The item as the fields describe it now."""
        return self.draft

    def check(self, result: SwotItem) -> Errors:
        """The rules the item breaks, by field."""
        return swot_errors(result, self.schema)

    def show_errors(self, errors: Errors, *, focus: bool = True) -> None:
        """Say under the text why the item cannot be saved (nothing: say nothing)."""
        reasons = [f"The text {reason}." for field, reason in errors.items() if field == "text"]
        reasons += [f"{field}: {reason}" for field, reason in errors.items() if field != "text"]
        self.query_one("#swot-error", Static).update(literal("\n".join(reasons), multiline=True))
        if errors and focus:
            self.query_one("#swot-text", TextArea).focus()
