"""The contact agenda screen: the overdue contacts, then this week's day by day, per manager."""

from __future__ import annotations

from datetime import date, timedelta
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Static

from kam_tui.domain.agenda import AgendaEntry, build_agenda, planned_after_contact, week_start
from kam_tui.domain.models import ACTIVITY_KINDS, Account, Activity
from kam_tui.store.change_set import ChangeSet
from kam_tui.store.errors import StoreError
from kam_tui.store.undo import Change
from kam_tui.ui.fast_table import (
    Cell,
    account_row_key,
    fill_rows,
    highlighted_account_id,
    open_account,
)
from kam_tui.ui.forms.picker import PickerDialog
from kam_tui.ui.refused import tell_refused
from kam_tui.ui.shell.footer import KamFooter
from kam_tui.ui.typed_app import kam_app
from kam_tui.ui.user_text import literal_text, printable
from kam_tui.ui.view_helpers import UNDO_HINT, theme_style

CONTACT_SUMMARY = "Contact logged from the agenda"
"""The summary of the activity the agenda's log key records."""
EVERYONE = None
"""The manager choice that shows every account's contacts."""


def group_label(day: date | None, today: date) -> str:
    """The agenda's name of a group: "Overdue", "Today", or the weekday and its date."""
    if day is None:
        return "Overdue"
    return "Today" if day == today else day.strftime("%a %d %b")


def due_text(entry: AgendaEntry) -> str:
    """When a contact is due: its ISO day, "~" first when the cadence gives it (no planned
    day), and how many days late it is ("+45d") when it is overdue."""
    shown = entry.due.isoformat() if entry.planned else f"~{entry.due.isoformat()}"
    return f"{shown} +{entry.overdue_days}d" if entry.overdue_days else shown


def manager_label(manager: str | None, me: str) -> str:
    """How the title names whose agenda it is."""
    if manager is None:
        return "everyone"
    if manager == "":
        return "unassigned"
    return f"{manager} (me)" if manager == me else manager


class AgendaTable(DataTable[Text | str]):
    """One row per contact to make (row key `account-<id>`), grouped overdue then by day."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("k", "cursor_up", "Up", show=False, id="agenda-up", tooltip="Previous contact"),
        Binding("j", "cursor_down", "Down", show=False, id="agenda-down", tooltip="Next contact"),
    ]


class AgendaScreen(Screen[None]):
    """What contacts to make: the late ones, then each day of a week; one key logs one."""

    HELP_TITLE = "Agenda"
    """The title of this screen's help."""
    DEFAULT_CSS = """
    AgendaScreen {
        & #agenda-title {
            height: 1;
            padding: 0 1;
            background: $boost;
            text-style: bold;
        }
        & AgendaTable {
            height: 1fr;
        }
        & #agenda-empty {
            padding: 1 2;
            color: $text-success;
        }
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "t",
            "log_contact",
            "Log contact",
            id="agenda-log-contact",
            tooltip="Log a contact today (its kind asked, the planned one first) and plan the"
            " next one a cadence later",
        ),
        Binding(
            "enter",
            "open_account",
            "Open",
            id="agenda-open-account",
            tooltip="Open the highlighted account (escape comes back here)",
        ),
        Binding(
            "m",
            "next_manager",
            "Manager",
            id="agenda-manager",
            tooltip="Show the next manager's agenda: me, everyone, then each manager",
        ),
        Binding(
            "right_square_bracket",
            "week(1)",
            "Next week",
            id="agenda-next-week",
            tooltip="Show the next week",
        ),
        Binding(
            "left_square_bracket",
            "week(-1)",
            "Prev week",
            id="agenda-previous-week",
            tooltip="Show the previous week",
        ),
        Binding("escape", "close", "Back", id="agenda-close", tooltip="Close the agenda"),
        Binding(
            "slash",
            "no_filter",
            "Filter",
            show=False,
            id="agenda-filter",
            tooltip="The agenda has no filter: m picks the manager",
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.week_of: date | None = None
        """A day of the week shown; None until mounted (then today)."""
        self.manager: str | None = EVERYONE
        """Whose contacts are shown: an assignee, "" the unassigned, None everyone."""
        self.drawn = False
        """True once the agenda was drawn from the repository (the benchmark waits for it)."""

    def compose(self) -> ComposeResult:
        yield Static("Agenda", id="agenda-title")
        yield AgendaTable(id="agenda-table", cursor_type="row", zebra_stripes=True)
        yield Static("", id="agenda-empty")
        yield KamFooter()

    def on_mount(self) -> None:
        app = kam_app(self.app)
        self.week_of = app.today
        self.manager = self.managers()[0]
        table = self.query_one(AgendaTable)
        for label, key in (
            ("When", "when"),
            ("Account", "name"),
            ("Manager", "manager"),
            ("Kind", "kind"),
            ("Due (~cadence)", "due"),
        ):
            table.add_column(label, key=key)
        table.focus()
        app.data_changed_signal.subscribe(self, self._data_changed, immediate=True)

    def on_screen_resume(self) -> None:
        """Shown (first time or again): redraw from the repository."""
        self.refresh_agenda()

    def _data_changed(self, change: Change) -> None:
        """A change (or undo) was applied while the agenda is shown: redraw (when hidden, it
        redraws as it shows again)."""
        if self.is_current:
            self.refresh_agenda()

    def entries(self) -> list[tuple[date | None, AgendaEntry]]:
        """The contacts of the week shown, each with its group's day (None: overdue)."""
        app = kam_app(self.app)
        workspace = app.workspace
        groups = build_agenda(
            workspace.accounts(),
            self.week_of or app.today,
            app.today,
            workspace.schema.default_cadence_days,
            self.manager,
        )
        return [(group.day, entry) for group in groups for entry in group.entries]

    @property
    def current_account_id(self) -> int | None:
        """The highlighted account."""
        return highlighted_account_id(self.query_one(AgendaTable))

    def refresh_agenda(self) -> None:
        """Re-read the agenda, keeping the cursor on the same row number."""
        app = kam_app(self.app)
        today = app.today
        table = self.query_one(AgendaTable)
        old_row = table.cursor_row
        entries = self.entries()
        key_style = theme_style(self.app, "warning", bold=True)
        late_style = theme_style(self.app, "error", bold=True)
        rows: list[tuple[str, list[Cell]]] = []
        previous: object = "none yet"
        for day, entry in entries:
            account = entry.account
            when = group_label(day, today) if day != previous else ""
            previous = day
            due = Text(due_text(entry), style=late_style if entry.overdue_days else "")
            name = literal_text(account.name)
            if account.key_account:
                name = Text.assemble(("★ ", key_style), name)
            cells: list[Cell] = [
                Text(when, style=late_style) if day is None and when else when,
                name,
                literal_text(account.assignee or "-"),
                entry.kind or "-",
                due,
            ]
            rows.append((account_row_key(account.id), cells))
        fill_rows(table, rows)
        if entries:
            table.move_cursor(row=min(old_row, len(entries) - 1), animate=False)
        late = sum(1 for day, _entry in entries if day is None)
        monday = week_start(self.week_of or today)
        title = (
            f"Agenda, week of {monday.strftime('%a %d %b %Y')} · "
            f"{manager_label(self.manager, app.settings.user)}: {late} overdue, "
            f"{len(entries) - late} due in the week"
        )
        self.query_one("#agenda-title", Static).update(literal_text(title))
        table.display = bool(entries)
        empty = self.query_one("#agenda-empty", Static)
        empty.update("No contact is overdue or due this week; m shows another manager.")
        empty.display = not entries
        self.drawn = True

    def managers(self) -> list[str | None]:
        """The agendas `m` cycles through: me (the config's `user:`, when a manager of the
        team or of an account), everyone, then each other manager, by name. The first is
        the one the agenda opens on."""
        app = kam_app(self.app)
        me = app.settings.user
        names = {*app.workspace.schema.team}
        names |= {account.assignee for account in app.workspace.accounts() if account.assignee}
        first: list[str | None] = [me] if me in names else []
        names.discard(me)
        return [*first, EVERYONE, *sorted(names, key=str.casefold)]

    def action_next_manager(self) -> None:
        """Show the next manager's agenda."""
        choices = self.managers()
        index = choices.index(self.manager) if self.manager in choices else -1
        self.manager = choices[(index + 1) % len(choices)]
        self.refresh_agenda()

    def action_week(self, step: int) -> None:
        """Show the week `step` weeks from the one shown."""
        self.week_of = (self.week_of or kam_app(self.app).today) + timedelta(weeks=step)
        self.refresh_agenda()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Logging and opening need a highlighted account."""
        if action in ("log_contact", "open_account"):
            return self.current_account_id is not None
        return True

    def action_log_contact(self) -> None:
        """Ask what kind of contact it was (the planned kind offered first), then log it today
        and plan the next one a cadence later, as one undoable change."""
        account_id = self.current_account_id
        if account_id is None:
            return
        account = kam_app(self.app).workspace.account(account_id)
        if account is None:
            self.refresh_agenda()
            return

        def picked(kind: str | None) -> None:
            if kind is not None:
                self._log_contact(account_id, kind)

        choices = [(kind, kind.capitalize()) for kind in ACTIVITY_KINDS]
        question = f"What kind of contact with {printable(account.name)}?"
        planned = account.next_contact_kind or "call"
        self.app.push_screen(PickerDialog(question, choices, highlight=planned), picked)

    def _log_contact(self, account_id: int, kind: str) -> None:
        app = kam_app(self.app)
        workspace = app.workspace
        account = workspace.account(account_id)
        if account is None:
            self.refresh_agenda()
            return
        today = app.today
        default = workspace.schema.default_cadence_days
        activity = Activity(
            account_id=account_id,
            kind=kind,
            day=today,
            summary=CONTACT_SUMMARY,
            logged_by=app.settings.user,
        )

        def edit(change: ChangeSet) -> Account:
            change.log_activity(activity)
            contacted = change.current(Account, account_id)
            if contacted is None:
                raise StoreError(f"account {account_id} no longer exists")
            return change.save(planned_after_contact(contacted, today, default))

        outcome = workspace.apply(f"Logged a contact with {printable(account.name)}", edit)
        if outcome.refusal is not None:
            tell_refused(self, outcome.refusal, "Not logged")
            return
        planned = outcome.value
        next_day = planned.next_contact.isoformat() if planned and planned.next_contact else "-"
        self.notify(
            f"Contact logged for {printable(account.name)}; next one {next_day}; {UNDO_HINT}.",
            title="Agenda",
        )

    @on(DataTable.RowSelected, "#agenda-table")
    def _selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open_account()

    def action_open_account(self) -> None:
        """Open the highlighted account (escape comes back to the agenda)."""
        open_account(self.app, self.current_account_id)

    def action_no_filter(self) -> None:
        """Say that the agenda has no filter: the letters typed next would otherwise run as
        its keys (u undoes)."""
        self.notify(
            "The agenda has no filter: m picks the manager, ] and [ the week.",
            title="Agenda",
            severity="warning",
        )

    def action_close(self) -> None:
        """Back to where the agenda was opened from."""
        self.dismiss(None)
