"""The Conflicts screen: values of mine a newer edit from someone else replaced, and records
kept although someone deleted them, with who and when; enter opens the account, `m`
re-applies mine (or keeps the record), `x` accepts theirs."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, ClassVar, Protocol

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Static

from kam_tui.domain.errors import RecordError
from kam_tui.domain.hlc import Stamp
from kam_tui.domain.models import TABLES, Account, Record
from kam_tui.store.undo import Change
from kam_tui.sync.conflicts import Conflict, DeletedConflict, FieldConflict
from kam_tui.ui.refused import tell_refused
from kam_tui.ui.shell.footer import KamFooter
from kam_tui.ui.typed_app import kam_app
from kam_tui.ui.user_text import literal_text, printable

REFERENCES = frozenset({"account_id", "reports_to", "contact_ids", "objective_id", "record_id"})
"""Fields holding references: the document holds them as global ids, not re-applied here."""
CONFLICTS_TITLE = "Conflicts"


class ConflictKeeper(Protocol):
    """What the screen needs of the running sync."""

    @property
    def conflicts(self) -> list[Conflict]: ...

    def forget_conflict(self, conflict: Conflict) -> None: ...


def when(stamp: str) -> str:
    """A hybrid-clock stamp as a local date and time ("2026-11-20 09:30")."""
    try:
        millis = Stamp.parse(stamp).millis
    except ValueError:
        return "?"
    return f"{datetime.fromtimestamp(millis / 1000, UTC).astimezone():%Y-%m-%d %H:%M}"


def shown(value: Any) -> str:
    """A value of the document as one short line."""
    if value is None or value == "":
        return "(empty)"
    if isinstance(value, list | tuple):
        return ", ".join(str(item) for item in value) or "(none)"
    return str(value)


class ConflictsTable(DataTable[Text | str]):
    """One row per conflict (row key: its position in the keeper's list)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("k", "cursor_up", "Up", show=False, id="conflicts-up", tooltip="Previous"),
        Binding("j", "cursor_down", "Down", show=False, id="conflicts-down", tooltip="Next"),
    ]


class ConflictsScreen(Screen[None]):
    """Every conflict the team sync kept, newest last."""

    DEFAULT_CSS = """
    ConflictsScreen {
        & #conflicts-title { height: 1; padding: 0 1; background: $boost; text-style: bold; }
        & ConflictsTable { height: 1fr; }
        & #conflicts-empty { padding: 1 2; color: $text-success; }
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "m",
            "mine",
            "Re-apply mine",
            id="conflict-mine",
            tooltip="Set the field back to my value (a change of mine, sent to the team), or"
            " keep the record someone deleted",
        ),
        Binding(
            "x",
            "theirs",
            "Accept",
            id="conflict-accept",
            tooltip="Accept their value (or the record as kept) and drop the conflict",
        ),
        Binding("enter", "open_account", "Open", id="conflict-open", tooltip="Open the account"),
        Binding("escape", "close", "Back", id="conflicts-close", tooltip="Close the list"),
    ]

    def __init__(self, keeper: ConflictKeeper) -> None:
        super().__init__()
        self.keeper = keeper
        self._rows: list[Conflict] = []

    def compose(self) -> ComposeResult:
        yield Static(CONFLICTS_TITLE, id="conflicts-title")
        yield ConflictsTable(id="conflicts-table", cursor_type="row", zebra_stripes=True)
        yield Static("No conflicts: every edit of yours stands.", id="conflicts-empty")
        yield KamFooter()

    def on_mount(self) -> None:
        table = self.query_one(ConflictsTable)
        for label in ("Record", "Field", "Mine", "Theirs", "By", "When"):
            table.add_column(label, key=label.lower())
        table.focus()
        kam_app(self.app).data_changed_signal.subscribe(self, self._data_changed, immediate=True)

    def on_screen_resume(self) -> None:
        self.refresh_rows()

    def _data_changed(self, change: Change) -> None:
        if self.is_current:
            self.refresh_rows()

    def _record(self, conflict: Conflict) -> Record | None:
        kind = TABLES.get(conflict.table)
        if kind is None:
            return None
        return kam_app(self.app).workspace.get(kind, conflict.record_id)

    def refresh_rows(self) -> None:
        """Re-read the conflicts, keeping the cursor on the same row number."""
        table = self.query_one(ConflictsTable)
        old_row = table.cursor_row
        self._rows = self.keeper.conflicts
        table.clear()
        for index, conflict in enumerate(self._rows):
            record = self._record(conflict)
            label = (
                record.name
                if isinstance(record, Account)
                else record.label
                if record is not None
                else f"({conflict.table}, gone)"
            )
            if isinstance(conflict, FieldConflict):
                cells = (conflict.field, shown(conflict.mine), shown(conflict.theirs))
                by, at = conflict.by, conflict.at
            else:
                edited = ", ".join(conflict.edited_by) or "-"
                cells = ("(deleted)", f"kept: edited by {edited}", "deleted")
                by, at = conflict.deleted_by, conflict.deleted_at
            table.add_row(
                literal_text(label),
                *(literal_text(cell) for cell in cells),
                literal_text(by),
                when(at),
                key=str(index),
            )
        if self._rows:
            table.move_cursor(row=min(max(old_row, 0), len(self._rows) - 1), animate=False)
        self.query_one("#conflicts-title", Static).update(f"{CONFLICTS_TITLE}: {len(self._rows)}")
        table.display = bool(self._rows)
        self.query_one("#conflicts-empty").display = not self._rows

    @property
    def current(self) -> Conflict | None:
        table = self.query_one(ConflictsTable)
        if not self._rows or table.cursor_row < 0:
            return None
        return self._rows[min(table.cursor_row, len(self._rows) - 1)]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("mine", "theirs", "open_account"):
            return self.current is not None
        return True

    def action_mine(self) -> None:
        """Re-apply my value as a change of mine (undoable, sent to the team); for a record
        kept although deleted, keep it (it already is) and drop the conflict."""
        conflict = self.current
        if conflict is None:
            return
        if isinstance(conflict, DeletedConflict):
            self._done(conflict, "Kept")
            return
        record = self._record(conflict)
        if record is None:
            self.notify("That record no longer exists.", severity="warning")
            return
        if conflict.field in REFERENCES:
            self.notify(
                f"{conflict.field} refers to another record: set it in the record's form.",
                severity="warning",
            )
            return
        values = record.to_doc()
        values[conflict.field] = conflict.mine
        try:
            mine = type(record).from_doc(record.id, values)
        except (RecordError, TypeError, ValueError) as error:
            self.notify(f"My value cannot be set again: {error}", severity="warning")
            return
        workspace = kam_app(self.app).workspace
        outcome = workspace.save(
            mine, f"Re-applied my {conflict.field} of {printable(record.label)}"
        )
        if outcome.refusal is not None:
            tell_refused(self, outcome.refusal, "Not re-applied")
            return
        self._done(conflict, "Re-applied")

    def action_theirs(self) -> None:
        """Accept their value (or the kept record) and drop the conflict."""
        conflict = self.current
        if conflict is not None:
            self._done(conflict, "Accepted")

    def _done(self, conflict: Conflict, verb: str) -> None:
        self.keeper.forget_conflict(conflict)
        self.notify(f"{verb}.", title=CONFLICTS_TITLE)
        self.refresh_rows()

    @on(DataTable.RowSelected, "#conflicts-table")
    def _selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open_account()

    def action_open_account(self) -> None:
        """Open the account of the highlighted conflict's record."""
        conflict = self.current
        record = self._record(conflict) if conflict is not None else None
        if record is None:
            return
        account_id = record.id if isinstance(record, Account) else getattr(record, "account_id", 0)
        kam_app(self.app).open_account(account_id)

    def action_close(self) -> None:
        self.dismiss(None)
