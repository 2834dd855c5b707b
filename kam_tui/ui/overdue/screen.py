"""The overdue contacts queue: accounts past their contact cadence, key accounts first."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Input, Static

from kam_tui.domain.models import ACTIVITY_KINDS, Activity
from kam_tui.domain.plan import OverdueEntry, overdue_queue
from kam_tui.store.undo import Change
from kam_tui.ui.fast_table import (
    Cell,
    account_row_key,
    fill_rows,
    highlighted_account_id,
    open_account,
)
from kam_tui.ui.forms.picker import PickerDialog
from kam_tui.ui.query_line import QueryLine
from kam_tui.ui.refused import tell_refused
from kam_tui.ui.saved_filters import parse_typed
from kam_tui.ui.shell.footer import KamFooter
from kam_tui.ui.typed_app import kam_app
from kam_tui.ui.user_text import literal_text, printable
from kam_tui.ui.view_helpers import UNDO_HINT, theme_style
from kam_tui.ui.view_memory import view_memory

TOUCH_SUMMARY = "Touch logged from the overdue queue"
"""The summary of the activity the log-touch key records."""


class OverdueTable(DataTable[Text | str]):
    """One row per overdue account (row key `account-<id>`)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("k", "cursor_up", "Up", show=False, id="overdue-up", tooltip="Previous account"),
        Binding("j", "cursor_down", "Down", show=False, id="overdue-down", tooltip="Next account"),
    ]


class OverdueFilter(Input):
    """The queue's typed filter, in the filter language (shown by `/`)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "clear", "Clear filter", id="overdue-clear-filter",
                tooltip="Clear the filter, close it and go back to the queue"),
    ]  # fmt: skip

    def action_clear(self) -> None:
        """Empty the filter; the queue hides it and takes the focus back."""
        self.value = ""
        screen = self.screen
        if isinstance(screen, OverdueScreen):
            screen.close_filter()


class OverdueScreen(Screen[None]):
    """Accounts whose last activity is older than their cadence: most urgent on top."""

    mode: ClassVar[str] = "overdue"
    """Its key in the views' remembered settings."""

    DEFAULT_CSS = """
    OverdueScreen {
        & #overdue-title {
            height: 1;
            padding: 0 1;
            background: $boost;
            text-style: bold;
        }
        & OverdueTable {
            height: 1fr;
        }
        & OverdueFilter {
            display: none;
            border: none;
            height: 1;
            padding: 0 1;
            &.-open {
                display: block;
            }
        }
        & #overdue-empty {
            padding: 1 2;
            color: $text-success;
        }
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "t",
            "log_touch",
            "Log touch",
            id="log-touch",
            tooltip="Log a contact today (its kind asked, the last one offered first) for the"
            " highlighted account; it leaves the queue",
        ),
        Binding(
            "enter",
            "open_account",
            "Open",
            id="overdue-open-account",
            tooltip="Open the highlighted account",
        ),
        Binding("slash", "open_filter", "Filter", id="overdue-filter",
                tooltip="Filter the queue: words, or terms like manager:me key (? lists them)"),
        Binding("escape", "clear_filter", "Show all", id="overdue-show-all",
                tooltip="Clear the filter and show every overdue account"),
        Binding("escape", "close", "Back", id="overdue-close",
                tooltip="Close the queue (a filter is cleared first)"),
    ]  # fmt: skip

    def __init__(self) -> None:
        super().__init__()
        self.drawn = False
        """True once the queue was drawn from the repository (the benchmark waits for it)."""
        remembered = view_memory(self.app).recall(self.mode).get("text")
        self._text = remembered if isinstance(remembered, str) else ""
        """The typed filter."""
        self._query = parse_typed(kam_app(self.app), self._text)
        """The typed filter, parsed."""

    def compose(self) -> ComposeResult:
        yield Static("Overdue contacts", id="overdue-title")
        yield OverdueFilter(
            self._text, placeholder="Filter: words, or manager:me key tag:x …", id="overdue-filter"
        )
        yield QueryLine()
        yield OverdueTable(id="overdue-table", cursor_type="row", zebra_stripes=True)
        yield Static(
            "Nobody is overdue: every account was contacted within its cadence.", id="overdue-empty"
        )
        yield KamFooter()

    def on_mount(self) -> None:
        table = self.query_one(OverdueTable)
        for label, key in (
            ("Key", "key"),
            ("Account", "name"),
            ("Manager", "manager"),
            ("Last contact", "last"),
            ("Cadence", "cadence"),
            ("Overdue", "overdue"),
        ):
            table.add_column(label, key=key)
        table.focus()
        self.query_one(OverdueFilter).set_class(bool(self._text), "-open")
        kam_app(self.app).data_changed_signal.subscribe(self, self._data_changed, immediate=True)

    def on_screen_resume(self) -> None:
        """Shown (first time or again): redraw from the repository."""
        self.refresh_queue()

    def _data_changed(self, change: Change) -> None:
        """A change (or undo) was applied while the queue is shown: redraw (when hidden, it
        redraws as it shows again)."""
        if self.is_current:
            self.refresh_queue()

    def queue(self) -> list[OverdueEntry]:
        """The overdue accounts, in queue order."""
        app = kam_app(self.app)
        workspace = app.workspace
        today, cadence = app.today, workspace.schema.default_cadence_days
        accounts = workspace.accounts()
        query = self._query
        if query.active:
            accounts = [account for account in accounts if query.matches(account, today, cadence)]
        return overdue_queue(accounts, today, cadence)

    @property
    def current_account_id(self) -> int | None:
        """The highlighted account."""
        return highlighted_account_id(self.query_one(OverdueTable))

    def refresh_queue(self) -> None:
        """Re-read the queue, keeping the cursor on the same row number."""
        table = self.query_one(OverdueTable)
        old_row = table.cursor_row
        entries = self.queue()
        key_style = theme_style(self.app, "warning", bold=True)
        late_style = theme_style(self.app, "error", bold=True)
        rows: list[tuple[str, list[Cell]]] = []
        for entry in entries:
            account = entry.account
            last = account.last_contact.isoformat() if account.last_contact else "never"
            cells: list[Cell] = [
                Text("★", style=key_style) if account.key_account else "",
                literal_text(account.name),
                literal_text(account.assignee or "-"),
                last,
                f"{entry.cadence_days} d",
                Text(f"{entry.days_overdue} d", style=late_style),
            ]
            rows.append((account_row_key(account.id), cells))
        fill_rows(table, rows)
        if entries:
            table.move_cursor(row=min(old_row, len(entries) - 1), animate=False)
        keys = sum(1 for entry in entries if entry.account.key_account)
        self.query_one("#overdue-title", Static).update(
            f"Overdue contacts: {len(entries)} accounts ({keys} key accounts)"
        )
        self.query_one(QueryLine).show_query(self._query, len(entries))
        table.display = bool(entries)
        self.query_one("#overdue-empty").display = not entries
        self.drawn = True

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Logging and opening need a highlighted account."""
        if action in ("log_touch", "open_account"):
            return self.current_account_id is not None
        if action == "clear_filter":
            return bool(self._text)
        if action == "close":
            return not self._text
        return True

    def action_log_touch(self) -> None:
        """Ask what kind of contact it was (the kind logged last from this queue offered
        first), then log it today for the highlighted account, which leaves the queue."""
        account_id = self.current_account_id
        if account_id is None:
            return
        app = kam_app(self.app)
        account = app.workspace.account(account_id)
        if account is None:
            self.refresh_queue()
            return

        def picked(kind: str | None) -> None:
            if kind is not None:
                self._log_touch(account_id, kind)

        choices = [(kind, kind.capitalize()) for kind in ACTIVITY_KINDS]
        question = f"What kind of contact with {printable(account.name)}?"
        self.app.push_screen(PickerDialog(question, choices, highlight=self._last_kind()), picked)

    def _last_kind(self) -> str:
        """The kind of the touch logged last from this queue (a call before the first)."""
        touches = (
            activity
            for activity in reversed(kam_app(self.app).workspace.all(Activity))
            if activity.summary == TOUCH_SUMMARY
        )
        last = next(touches, None)
        return last.kind if last is not None else "call"

    def _log_touch(self, account_id: int, kind: str) -> None:
        app = kam_app(self.app)
        account = app.workspace.account(account_id)
        if account is None:
            self.refresh_queue()
            return
        activity = Activity(account_id=account_id, kind=kind, day=app.today, summary=TOUCH_SUMMARY)
        outcome = app.workspace.log_activity(
            activity, f"Logged a touch with {printable(account.name)}"
        )
        if outcome.refusal is not None:
            tell_refused(self, outcome.refusal, "Not logged")
            return
        self.notify(
            f"Touch logged for {printable(account.name)}; {UNDO_HINT}.", title="Overdue contacts"
        )

    @on(DataTable.RowSelected, "#overdue-table")
    def _selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open_account()

    def action_open_account(self) -> None:
        """Open the highlighted account (when the app can open accounts)."""
        open_account(self.app, self.current_account_id)

    def action_clear_filter(self) -> None:
        """Clear the typed filter: every overdue account shows again."""
        self.query_one(OverdueFilter).action_clear()

    def action_close(self) -> None:
        """Go back to where the queue was opened."""
        self.dismiss(None)

    # The typed filter

    def action_open_filter(self) -> None:
        """Show the filter and type in it."""
        field = self.query_one(OverdueFilter)
        field.add_class("-open")
        field.focus()

    def close_filter(self) -> None:
        """Give the focus back to the queue; an empty filter is hidden."""
        field = self.query_one(OverdueFilter)
        field.set_class(bool(field.value), "-open")
        self.query_one(OverdueTable).focus()

    @on(Input.Changed, "#overdue-filter")
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        self.use_query(event.value)

    @on(Input.Submitted, "#overdue-filter")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.close_filter()

    def query_text(self) -> str:
        """The typed filter (what a saved filter keeps)."""
        return self._text.strip()

    def use_query(self, text: str) -> None:
        """Filter the queue by the query `text`, remembered for the next run."""
        field = self.query_one(OverdueFilter)
        if field.value != text:
            field.value = text  # tells `_typed` again, with the same text
            field.set_class(bool(text), "-open")
        if text == self._text:
            return
        self._text = text
        self._query = parse_typed(kam_app(self.app), text)
        view_memory(self.app).remember(self.mode, {"text": text})
        self.refresh_queue()
        self.refresh_bindings()
