"""What each figure of a Portfolio section means: its formula, one key away."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from kam_tui.ui.user_text import literal


class DefinitionsDialog(ModalScreen[None]):
    """The definitions of a section's figures, the highlighted figure first."""

    DEFAULT_CSS = """
    DefinitionsDialog {
        align: center middle;
        & > Vertical {
            width: 90%;
            max-width: 100;
            height: auto;
            max-height: 90%;
            border: thick $primary;
            background: $panel;
            padding: 0 1;
        }
        #definitions-title {
            width: 100%;
            text-style: bold;
        }
        #definitions-hint {
            width: 100%;
            color: $text-muted;
        }
        VerticalScroll {
            height: auto;
            max-height: 100%;
        }
        .definition {
            width: 100%;
            margin-top: 1;
        }
        .definition.-highlighted {
            background: $boost;
        }
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,i,q", "close", "Close", id="close-definitions",
                tooltip="Close the definitions and go back"),
        Binding("down,j", "scroll_definitions(1)", "Down", show=False, id="definitions-down",
                tooltip="Scroll down"),
        Binding("up,k", "scroll_definitions(-1)", "Up", show=False, id="definitions-up",
                tooltip="Scroll up"),
    ]  # fmt: skip

    def __init__(self, title: str, entries: Sequence[tuple[str, str]], highlighted: str) -> None:
        """Show `entries` (label, definition); the one labelled `highlighted` comes first."""
        super().__init__()
        self.title_text = title
        """What the definitions are of (the section)."""
        first = [entry for entry in entries if entry[0] == highlighted]
        self.entries = tuple(first + [entry for entry in entries if entry[0] != highlighted])
        """(label, definition) in the order shown."""
        self.highlighted = highlighted
        """The label of the figure under the cursor ("" when none)."""

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(literal(self.title_text), id="definitions-title")
            yield Label("escape closes · ↑↓ / j k scroll", id="definitions-hint")
            with VerticalScroll(id="definitions"):
                for label, text in self.entries:
                    entry = Static(
                        Content.assemble((label, "bold"), "\n", literal(text, multiline=True)),
                        classes="definition",
                    )
                    entry.set_class(label == self.highlighted, "-highlighted")
                    yield entry

    def on_mount(self) -> None:
        self.query_one(VerticalScroll).focus()

    def action_close(self) -> None:
        """Close the definitions."""
        self.dismiss(None)

    def action_scroll_definitions(self, lines: int) -> None:
        """Scroll by `lines`."""
        scroll = self.query_one(VerticalScroll)
        scroll.scroll_relative(y=lines, animate=False)
