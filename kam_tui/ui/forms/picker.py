"""Pick one of a few names by typing part of it: enter picks, escape cancels."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from kam_tui.ui.user_text import literal


class PickerDialog(ModalScreen[str | None]):
    """A filter box over a list of choices; dismisses with the picked value or None."""

    DEFAULT_CSS = """
    PickerDialog {
        align: center middle;
    }
    PickerDialog > Vertical {
        width: 44;
        max-width: 90%;
        height: auto;
        max-height: 90%;
        padding: 0 1;
        border: thick $primary;
        background: $panel;
    }
    PickerDialog #picker-title {
        width: 100%;
        text-style: bold;
        margin-bottom: 1;
    }
    PickerDialog OptionList {
        height: auto;
        max-height: 12;
        border: none;
    }
    PickerDialog #picker-hint {
        color: $text-muted;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="picker-cancel", tooltip="Close without moving"),
        Binding("down", "cursor(1)", "Next", show=False, id="picker-down",
                tooltip="Highlight the next choice"),
        Binding("up", "cursor(-1)", "Previous", show=False, id="picker-up",
                tooltip="Highlight the previous choice"),
    ]  # fmt: skip

    def __init__(
        self,
        title: str,
        choices: Sequence[tuple[str, str]],
        *,
        current: str | None = None,
        highlight: str | None = None,
    ) -> None:
        """`choices` are (value, label) pairs; `current` is left out (the cards are in it);
        `highlight` is the value enter picks before anything is typed (the default)."""
        super().__init__()
        self.title_text = title
        """The question above the list."""
        self.choices = list(choices)
        """The (value, label) pairs offered."""
        self.current = current
        """The value the cards are in now."""
        self.highlight = highlight
        """The value highlighted first."""
        self._shown: list[str] = []

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(literal(self.title_text), id="picker-title")
            yield Input(placeholder="Type to filter", id="picker-filter")
            yield OptionList(id="picker-options")
            yield Label("enter picks · escape cancels", id="picker-hint")

    def on_mount(self) -> None:
        self._fill("")
        self.query_one(Input).focus()

    def _fill(self, text: str) -> None:
        needle = text.strip().casefold()
        options = self.query_one(OptionList)
        shown = [
            (value, label)
            for value, label in self.choices
            if needle in label.casefold() and value != self.current
        ]
        self._shown = [value for value, _ in shown]
        options.set_options(Option(literal(label)) for _, label in shown)
        if shown:
            first = self._shown.index(self.highlight) if self.highlight in self._shown else 0
            options.highlighted = first

    @on(Input.Changed)
    def _filter_changed(self, event: Input.Changed) -> None:
        self._fill(event.value)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._pick(self.query_one(OptionList).highlighted)

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._pick(event.option_index)

    def _pick(self, index: int | None) -> None:
        if index is None or not 0 <= index < len(self._shown):
            self.app.bell()
            return
        self.dismiss(self._shown[index])

    def action_cursor(self, step: int) -> None:
        """Move the highlight while typing."""
        options = self.query_one(OptionList)
        if step > 0:
            options.action_cursor_down()
        else:
            options.action_cursor_up()

    def action_cancel(self) -> None:
        """Close without picking."""
        self.dismiss(None)
