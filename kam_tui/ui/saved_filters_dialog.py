"""The dialogs of saved filters: `F` picks one (or saves the view's), a name is asked."""

from __future__ import annotations

from typing import Any, ClassVar

from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Input, Label

from kam_tui.config.view_state import MAX_FILTER_NAME
from kam_tui.domain.text import printable
from kam_tui.ui.forms.confirm import ConfirmDialog
from kam_tui.ui.forms.picker import PickerDialog
from kam_tui.ui.saved_filters import (
    SAVE_CHOICE,
    current_query,
    delete_filter,
    name_problem,
    rename_filter,
    save_filter,
    saved_filters,
    use_saved,
)
from kam_tui.ui.user_text import literal

TITLE = "Saved filters"
"""The title of the notifications about saved filters."""


class NameDialog(ModalScreen[str | None]):
    """Ask for a name: enter keeps it (when it is one), escape cancels."""

    DEFAULT_CSS = """
    NameDialog {
        align: center middle;
    }
    NameDialog > Vertical {
        width: 56;
        max-width: 90%;
        height: auto;
        padding: 0 1;
        border: thick $primary;
        background: $panel;
    }
    NameDialog #name-title {
        text-style: bold;
        margin-bottom: 1;
    }
    NameDialog #name-problem {
        color: $text-warning;
    }
    NameDialog #name-hint {
        color: $text-muted;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="name-cancel", tooltip="Close without saving"),
    ]

    def __init__(self, title: str, detail: str, value: str = "") -> None:
        super().__init__()
        self.title_text = title
        """The question."""
        self.detail = detail
        """What is named (the query), shown under the question."""
        self.value = value
        """The name offered first."""

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(literal(self.title_text), id="name-title")
            yield Label(literal(self.detail), id="name-detail")
            yield Input(self.value, placeholder="Name", max_length=MAX_FILTER_NAME,
                        id="name-input")  # fmt: skip
            yield Label("", id="name-problem")
            yield Label("enter saves · escape cancels", id="name-hint")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted, "#name-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        problem = name_problem(event.value)
        if problem:
            self.query_one("#name-problem", Label).update(literal(problem))
            return
        self.dismiss(event.value.strip())

    def action_cancel(self) -> None:
        """Close without a name."""
        self.dismiss(None)


def open_saved_filters(app: App[Any], screen: Screen[Any]) -> None:
    """Pick a saved filter for `screen` (or save its filter under a name)."""
    filters = saved_filters(app)
    choices = [(name, f"{name}   {text}") for name, text in filters.items()]
    if current_query(screen):
        choices.insert(0, (SAVE_CHOICE, "Save this view's filter as…"))
    if not choices:
        app.notify(
            "No filter saved yet: type one with /, then F saves it under a name.", title=TITLE
        )
        return

    def picked(name: str | None) -> None:
        if name == SAVE_CHOICE:
            ask_save_filter(app, screen)
        elif name is not None and name in filters:
            use_saved(screen, filters[name])

    app.push_screen(PickerDialog("Filter by a saved filter", choices), picked)


def ask_save_filter(app: App[Any], screen: Screen[Any]) -> None:
    """Ask a name and keep `screen`'s filter under it."""
    text = current_query(screen)
    if not text:
        app.notify("This view has no filter to save: type one with / first.", title=TITLE)
        return

    def named(name: str | None) -> None:
        if name is None:
            return
        problem = save_filter(app, name, text)
        if problem:
            app.notify(problem, title=TITLE, severity="warning")
        else:
            app.notify(f"Saved as {printable(name)!r}: F or the palette recalls it.", title=TITLE)

    app.push_screen(NameDialog("Save this filter as", printable(text)), named)


def ask_rename_filter(app: App[Any], name: str) -> None:
    """Ask a new name for the saved filter `name`."""

    def named(new: str | None) -> None:
        if new is not None and new != name:
            problem = rename_filter(app, name, new)
            if problem:
                app.notify(problem, title=TITLE, severity="warning")

    text = saved_filters(app).get(name, "")
    app.push_screen(NameDialog(f"Rename {printable(name)}", printable(text), name), named)


def ask_delete_filter(app: App[Any], name: str) -> None:
    """Forget the saved filter `name` after confirmation."""

    def answered(yes: bool | None) -> None:
        if yes:
            delete_filter(app, name)

    question = f"Delete the saved filter {printable(name)!r}?"
    app.push_screen(ConfirmDialog(question, yes="Delete"), answered)
