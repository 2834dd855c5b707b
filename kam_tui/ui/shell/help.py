"""The help screen: every key of the current view and of the app, with what it does and the
binding id that rebinds it in the config's `keymap`."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import ClassVar, Protocol, runtime_checkable

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingsMap, BindingType
from textual.containers import Vertical
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Label

from kam_tui.domain.filters import LANGUAGE_HELP
from kam_tui.ui.forms.dialog import FormDialog
from kam_tui.ui.saved_filters import takes_filters


@dataclass(frozen=True)
class HelpEntry:
    """One action and the keys that run it."""

    keys: str
    """The keys, as displayed ("u", "shift+right / L")."""
    description: str
    """The short description shown in the footer."""
    tooltip: str
    """What the action does, in a sentence."""
    ids: str = ""
    """The binding ids, as the config's `keymap` names them ("move-card-right")."""


@dataclass(frozen=True)
class HelpSection:
    """The actions of one place: the current view, or the whole app."""

    title: str
    """Where the keys work."""
    entries: tuple[HelpEntry, ...]
    """The actions, in declaration order."""


FILTER_TITLE = "Filter (/)"
"""The title of the filter language's section."""
FORMS_TITLE = "In forms"
"""The title of the section listing the forms' keys."""
LEGEND_TITLE = "What the cards show"
"""The title of a board's legend section."""


@runtime_checkable
class ExplainsFigures(Protocol):
    """A view whose cards or headers carry marks and figures the help explains."""

    def help_legend(self) -> tuple[tuple[str, str, str], ...]:
        """One (looks like, what it is, how it is counted) per mark or figure: plain
        tuples, so a view need not import the help (nor its table) to say it."""


def bindings_of(
    nodes: Iterable[DOMNode], app: App[object], keymap: dict[str, str]
) -> tuple[HelpEntry, ...]:
    """The bindings with an id of `nodes`, with the user's keymap applied, one entry per action."""
    return entries_of((node._bindings for node in nodes), app, keymap)


def entries_of(
    maps: Iterable[BindingsMap], app: App[object], keymap: dict[str, str]
) -> tuple[HelpEntry, ...]:
    """The bindings with an id of `maps`, with the user's keymap applied, one entry per action."""
    grouped: dict[tuple[str, str], list[Binding]] = {}
    for found in maps:
        bindings: BindingsMap = found.copy()
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
        ids = " ".join(dict.fromkeys(b.id for b in bindings_list if b.id))
        entries.append(HelpEntry(" / ".join(keys), description, tooltip, ids))
    return tuple(entries)


def _shown(node: DOMNode) -> bool:
    """True unless the node or one of its ancestors is not displayed."""
    return all(ancestor.display for ancestor in node.ancestors_with_self)


def collect_help(screen: Screen[object], title: str, keymap: dict[str, str]) -> list[HelpSection]:
    """The help of `screen` (itself and every widget in it), what its cards show when it
    explains them, and the keys of the app."""
    app = screen.app
    # Hidden widgets (a closed filter input) have no keys to offer right now.
    nodes: list[DOMNode] = [screen, *(node for node in screen.walk_children() if _shown(node))]
    sections = [HelpSection(title, bindings_of(nodes, app, keymap))]
    if isinstance(screen, ExplainsFigures):
        legend = tuple(HelpEntry(*entry) for entry in screen.help_legend())
        sections.append(HelpSection(LEGEND_TITLE, legend))
    sections.append(HelpSection("Everywhere", bindings_of([app], app, keymap)))
    # A form's own keys: `?` typed in a form is text, so they are listed here.
    form_keys = FormDialog._merged_bindings
    if form_keys is not None:
        sections.append(HelpSection(FORMS_TITLE, entries_of([form_keys], app, keymap)))
    if takes_filters(screen):
        language = tuple(HelpEntry(*entry) for entry in LANGUAGE_HELP)
        sections.append(HelpSection(FILTER_TITLE, language))
    return [section for section in sections if section.entries]


class KeyTable(DataTable[Text]):
    """The keys, one row each under their section, with the binding id that rebinds them.

    Wide enough, a fourth column says what each key does, wrapped to the width; narrower,
    that sentence is shown for the highlighted key alone, under the table
    (`described`), so that no row grows to four lines at 80 columns.
    """

    MIN_TOOLTIP_WIDTH = 30
    """Below this, what a key does is not a column but the line under the table."""

    def __init__(self, sections: list[HelpSection]) -> None:
        super().__init__(id="help-table", cursor_type="row", zebra_stripes=True)
        self.sections = sections
        """What the table lists."""
        self.entries: list[HelpEntry | None] = []
        """Each row's entry (None: a section's title row)."""
        self.tooltip_column = True
        """True when what a key does is a column of the table."""
        self._filled_width = -1

    def on_resize(self, event: events.Resize) -> None:
        """Lay the rows out again for the new width (the key under the cursor stays)."""
        width = self.scrollable_content_region.width
        if width != self._filled_width:
            self._filled_width = width
            self.fill(width)

    @property
    def highlighted_entry(self) -> HelpEntry | None:
        """The entry under the cursor (None on a section's title)."""
        row = self.cursor_row
        return self.entries[row] if 0 <= row < len(self.entries) else None

    def fill(self, width: int) -> None:
        """List every section's keys, the descriptions wrapped to fit in `width` cells."""
        entries = [entry for section in self.sections for entry in section.entries]
        key_width = max(
            cell_len(text)
            for text in ("Key", *(s.title for s in self.sections), *(e.keys for e in entries))
        )
        action_width = max(cell_len(text) for text in ("Action", *(e.description for e in entries)))
        id_width = max(cell_len(text) for text in ("Binding id", *(e.ids for e in entries)))
        padding = 2 * self.cell_padding
        tooltip_width = width - key_width - action_width - id_width - 4 * padding
        wrap = self.tooltip_column = tooltip_width >= self.MIN_TOOLTIP_WIDTH
        # The first time, the first key (under its section's title); then the same row.
        row = self.cursor_row if self.entries else 1
        self.clear(columns=True)
        self.add_column("Key", key="key", width=key_width)
        self.add_column("Action", key="action", width=action_width)
        self.add_column("Binding id", key="id", width=id_width)
        if wrap:
            self.add_column("What it does", key="tooltip", width=tooltip_width)
        self.entries = []
        for section in self.sections:
            self.entries.append(None)
            title = [Text(section.title, style="bold"), Text(""), Text("")]
            self.add_row(*title, *([Text("")] if wrap else []), key=f"section-{section.title}")
            for entry in section.entries:
                self.entries.append(entry)
                cells = [Text(entry.keys, style="bold"), Text(entry.description)]
                cells.append(Text(entry.ids, style="dim"))
                if wrap:
                    cells.append(Text(entry.tooltip))
                self.add_row(*cells, height=None if wrap else 1)
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
        #help-detail {
            width: 100%;
            height: 2;
            color: $text;
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
            yield Label(
                "escape closes · j k scroll · config.yaml keymap: <id>: <keys> rebinds",
                id="help-hint",
            )
            yield KeyTable(self.sections)
            yield Label("", id="help-detail", markup=False)

    def on_mount(self) -> None:
        self.query_one(KeyTable).focus()

    def on_data_table_row_highlighted(self) -> None:
        """Under a narrow table, say what the highlighted key does."""
        self._describe()

    def on_resize(self) -> None:
        self.call_after_refresh(self._describe)

    def _describe(self) -> None:
        table = self.query_one(KeyTable)
        detail = self.query_one("#help-detail", Label)
        detail.display = not table.tooltip_column
        entry = table.highlighted_entry
        detail.update("" if entry is None else f"{entry.keys} · {entry.tooltip}")

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
