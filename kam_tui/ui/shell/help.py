"""The help screen: every key of the current view and of the app, with what it does."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingsMap, BindingType
from textual.containers import Vertical
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Label


@dataclass(frozen=True)
class HelpEntry:
    """One action and the keys that run it."""

    keys: str
    """The keys, as displayed ("u", "shift+right / L")."""
    description: str
    """The short description shown in the footer."""
    tooltip: str
    """What the action does, in a sentence."""


@dataclass(frozen=True)
class HelpSection:
    """The actions of one place: the current view, or the whole app."""

    title: str
    """Where the keys work."""
    entries: tuple[HelpEntry, ...]
    """The actions, in declaration order."""


def bindings_of(
    nodes: Iterable[DOMNode], app: App[object], keymap: dict[str, str]
) -> tuple[HelpEntry, ...]:
    """The bindings with an id of `nodes`, with the user's keymap applied, one entry per action."""
    grouped: dict[tuple[str, str], list[Binding]] = {}
    for node in nodes:
        bindings: BindingsMap = node._bindings.copy()
        if keymap:
            bindings.apply_keymap(keymap)
        for _key, binding in bindings:
            # Our own bindings all carry an id; Textual's built-in ones (focus, copy,
            # the cursor keys of an Input) do not and would drown the list.
            if not binding.id or not binding.description or binding.system:
                continue
            group = (binding.id or binding.action, binding.description)
            grouped.setdefault(group, []).append(binding)
    entries = []
    for (_group, description), bindings_list in grouped.items():
        keys: list[str] = []
        for binding in bindings_list:
            shown = app.get_key_display(binding)
            if shown not in keys:
                keys.append(shown)
        tooltip = next((b.tooltip for b in bindings_list if b.tooltip), "")
        entries.append(HelpEntry(" / ".join(keys), description, tooltip))
    return tuple(entries)


def _shown(node: DOMNode) -> bool:
    """True unless the node or one of its ancestors is not displayed."""
    return all(ancestor.display for ancestor in node.ancestors_with_self)


def collect_help(screen: Screen[object], title: str, keymap: dict[str, str]) -> list[HelpSection]:
    """The help of `screen` (itself and every widget in it) and of the app."""
    app = screen.app
    # Hidden widgets (a closed filter input) have no keys to offer right now.
    nodes: list[DOMNode] = [screen, *(node for node in screen.walk_children() if _shown(node))]
    sections = [HelpSection(title, bindings_of(nodes, app, keymap))]
    sections.append(HelpSection("Everywhere", bindings_of([app], app, keymap)))
    return [section for section in sections if section.entries]


class KeyTable(DataTable[Text]):
    """The keys, one row each under their section; the descriptions wrap to the width."""

    MIN_TOOLTIP_WIDTH = 12
    """Below this, the descriptions stay on one line each and the table scrolls sideways."""

    def __init__(self, sections: list[HelpSection]) -> None:
        super().__init__(id="help-table", cursor_type="row", zebra_stripes=True)
        self.sections = sections
        """What the table lists."""
        self._filled_width = -1

    def on_resize(self, event: events.Resize) -> None:
        """Lay the rows out again for the new width (the key under the cursor stays)."""
        width = self.scrollable_content_region.width
        if width != self._filled_width:
            self._filled_width = width
            self.fill(width)

    def fill(self, width: int) -> None:
        """List every section's keys, the descriptions wrapped to fit in `width` cells."""
        entries = [entry for section in self.sections for entry in section.entries]
        key_width = max(
            cell_len(text)
            for text in ("Key", *(s.title for s in self.sections), *(e.keys for e in entries))
        )
        action_width = max(cell_len(text) for text in ("Action", *(e.description for e in entries)))
        padding = 2 * self.cell_padding
        tooltip_width = width - key_width - action_width - 3 * padding
        wrap = tooltip_width >= self.MIN_TOOLTIP_WIDTH
        row = self.cursor_row
        self.clear(columns=True)
        self.add_column("Key", key="key", width=key_width)
        self.add_column("Action", key="action", width=action_width)
        self.add_column("What it does", key="tooltip", width=tooltip_width if wrap else None)
        for section in self.sections:
            self.add_row(
                Text(section.title, style="bold"),
                Text(""),
                Text(""),
                key=f"section-{section.title}",
            )
            for entry in section.entries:
                self.add_row(
                    Text(entry.keys, style="bold"),
                    Text(entry.description),
                    Text(entry.tooltip),
                    height=None if wrap else 1,
                )
        self.move_cursor(row=row, animate=False)


class HelpScreen(ModalScreen[None]):
    """Lists the keys of the current view and of the app; escape, ? or q closes it."""

    DEFAULT_CSS = """
    HelpScreen {
        align: center middle;
        & > Vertical {
            width: 96%;
            max-width: 130;
            height: 94%;
            border: thick $primary;
            background: $panel;
            padding: 0 1;
        }
        #help-title {
            width: 100%;
            text-style: bold;
            color: $text;
        }
        #help-hint {
            width: 100%;
            color: $text-muted;
        }
        DataTable {
            height: 1fr;
            background: $panel;
            scrollbar-gutter: stable;
        }
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape,question_mark,q",
            "close",
            "Close",
            tooltip="Close the help and go back",
            id="close-help",
        ),
        Binding(
            "down,j",
            "scroll_help(1)",
            "Down",
            show=False,
            tooltip="Move to the next key",
            id="help-down",
        ),
        Binding(
            "up,k",
            "scroll_help(-1)",
            "Up",
            show=False,
            tooltip="Move to the previous key",
            id="help-up",
        ),
    ]

    def __init__(self, sections: list[HelpSection]) -> None:
        super().__init__()
        self.sections = sections
        """What the help lists."""

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Keys", id="help-title")
            yield Label("escape closes · ↑↓ / j k scroll", id="help-hint")
            yield KeyTable(self.sections)

    def on_mount(self) -> None:
        self.query_one(KeyTable).focus()

    def action_close(self) -> None:
        """Close the help."""
        self.dismiss(None)

    def action_scroll_help(self, rows: int) -> None:
        """Move the highlight by `rows`."""
        table = self.query_one(KeyTable)
        if rows > 0:
            table.action_cursor_down()
        else:
            table.action_cursor_up()
