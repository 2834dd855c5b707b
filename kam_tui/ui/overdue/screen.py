"""The overdue contacts queue: accounts past their contact cadence, key accounts first."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Static

from kam_tui.domain.models import ACTIVITY_KINDS, Activity
from kam_tui.domain.plan import OverdueEntry, overdue_queue
from kam_tui.store.undo import Change
from kam_tui.ui.forms.picker import PickerDialog
from kam_tui.ui.refused import tell_refused
from kam_tui.ui.shell.footer import KamFooter
from kam_tui.ui.typed_app import kam_app
from kam_tui.ui.user_text import literal_text, printable
from kam_tui.ui.view_helpers import UNDO_HINT, theme_style

TOUCH_SUMMARY = "Touch logged from the overdue queue"
"""The summary of the activity the log-touch key records."""


class OverdueTable(DataTable[Text | str]):
    """One row per overdue account (row key `account-<id>`)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("k", "cursor_up", "Up", show=False, id="overdue-up", tooltip="Previous account"),
        Binding("j", "cursor_down", "Down", show=False, id="overdue-down", tooltip="Next account"),
    ]


class OverdueScreen(Screen[None]):
    """Accounts whose last activity is older than their cadence: most urgent on top."""

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
        Binding("escape", "close", "Back", id="overdue-close", tooltip="Close the queue"),
    ]

    def compose(self) -> ComposeResult:
        yield Static("Overdue contacts", id="overdue-title")
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
        return overdue_queue(workspace.accounts(), app.today, workspace.schema.default_cadence_days)

    @property
    def current_account_id(self) -> int | None:
        """The highlighted account."""
        table = self.query_one(OverdueTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return int(key.removeprefix("account-")) if key else None

    def refresh_queue(self) -> None:
        """Re-read the queue, keeping the cursor on the same row number."""
        table = self.query_one(OverdueTable)
        old_row = table.cursor_row
        entries = self.queue()
        key_style = theme_style(self.app, "warning", bold=True)
        late_style = theme_style(self.app, "error", bold=True)
        table.clear()
        for entry in entries:
            account = entry.account
            last = account.last_contact.isoformat() if account.last_contact else "never"
            table.add_row(
                Text("★", style=key_style) if account.key_account else "",
                literal_text(account.name),
                literal_text(account.assignee or "-"),
                last,
                f"{entry.cadence_days} d",
                Text(f"{entry.days_overdue} d", style=late_style),
                key=f"account-{account.id}",
            )
        if entries:
            table.move_cursor(row=min(old_row, len(entries) - 1), animate=False)
        keys = sum(1 for entry in entries if entry.account.key_account)
        self.query_one("#overdue-title", Static).update(
            f"Overdue contacts: {len(entries)} accounts ({keys} key accounts)"
        )
        table.display = bool(entries)
        self.query_one("#overdue-empty").display = not entries

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Logging and opening need a highlighted account."""
        if action in ("log_touch", "open_account"):
            return self.current_account_id is not None
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
        account_id = self.current_account_id
        open_account = getattr(self.app, "open_account", None)
        if account_id is not None and callable(open_account):
            open_account(account_id)

    def action_close(self) -> None:
        """Back to where the queue was opened from."""
        self.dismiss(None)
