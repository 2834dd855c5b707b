"""Edit one value in place: typed text parsed per kind, refused inline with the reason."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.suggester import SuggestFromList
from textual.widgets import Input, Label

from kam_tui.ui.forms.dialog import cancel_binding
from kam_tui.ui.forms.discard import GuardedDialog
from kam_tui.ui.user_text import CONTROL_PICTURES, literal, printable

Submit = Callable[[str], str | None]
"""Validates and saves the typed text; returns why it was refused, or None when saved."""
Check = Callable[[str], str | None]
"""Validates the typed text without saving it; returns why it would be refused."""


class CellEditor(GuardedDialog[bool]):
    """A small input prefilled with the value; enter saves through `submit`, escape cancels.

    Dismisses with True once `submit` accepted the value, False when cancelled. While
    `submit` refuses the text, its reason is shown under the input and nothing closes.
    """

    DEFAULT_CSS = """
    CellEditor {
        align: center middle;
        & > Vertical {
            width: 64;
            max-width: 100%;
            height: auto;
            border: thick $primary;
            background: $panel;
            padding: 0 1;
        }
        #cell-title {
            width: 100%;
            text-style: bold;
        }
        .hint {
            width: 100%;
            color: $text-muted;
        }
        #cell-error {
            width: 100%;
            color: $text-error;
            display: none;
            &.-shown {
                display: block;
            }
        }
        Input.-invalid {
            border: tall $error;
        }
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        cancel_binding("Close without changing anything"),
    ]

    def __init__(
        self,
        title: str,
        value: str,
        submit: Submit,
        *,
        hint: str = "",
        suggestions: Sequence[str] = (),
        check: Check | None = None,
    ) -> None:
        super().__init__()
        self.title_text = title
        """What is being edited, e.g. "Revenue of Northwind Traders"."""
        self.value = value
        """The value the input starts with."""
        self.submit = submit
        """Called with the typed text when enter is pressed."""
        self.hint = hint
        """What is accepted, shown under the input."""
        self.suggestions = tuple(suggestions)
        """Completions offered while typing (the choices of a choice field)."""
        self.check = check
        """Tells, as the text changes, whether a refusal shown still holds."""

    def compose(self) -> ComposeResult:
        suggester = (
            SuggestFromList(self.suggestions, case_sensitive=False) if self.suggestions else None
        )
        with Vertical():
            yield Label(literal(self.title_text), id="cell-title")
            yield Input(
                printable(self.value),
                id="cell-value",
                suggester=suggester,
                select_on_focus=True,
                highlighter=CONTROL_PICTURES,
            )
            yield Label("", id="cell-error")
            if self.hint:
                yield Label(literal(self.hint), id="cell-hint", classes="hint")
            yield Label("enter saves · escape cancels", id="cell-keys", classes="hint")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @property
    def error(self) -> str:
        """The reason shown for refusing the last value ("" when none)."""
        label = self.query_one("#cell-error", Label)
        return str(label.content) if label.has_class("-shown") else ""

    @on(Input.Submitted, "#cell-value")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._submit(event.value)

    @on(Input.Changed, "#cell-value")
    def _changed(self, event: Input.Changed) -> None:
        if self.error and self.check is not None and self.check(event.value) is None:
            self._show_problem(None)  # the reason goes once the value is valid

    def _show_problem(self, problem: str | None) -> None:
        label = self.query_one("#cell-error", Label)
        label.update(literal(problem or ""))
        label.set_class(bool(problem), "-shown")
        self.query_one(Input).set_class(bool(problem), "-invalid")

    def _submit(self, value: str) -> None:
        problem = self.submit(value)
        if problem:
            self._show_problem(problem)
            return
        self.dismiss(True)

    def discard(self) -> None:
        """Close without saving."""
        self.dismiss(False)

    def action_save(self) -> None:
        """Save, from the question asked on escape, as enter would."""
        self._submit(self.query_one(Input).value)
