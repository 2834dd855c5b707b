"""The account detail screen: a summary, then Overview, Contacts, Activities, Deals and plan
tabs."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widget import Widget
from textual.widgets import TabbedContent, TabPane

from kam_tui.domain.models import Account, Activity, Contact, Deal, StatusChange
from kam_tui.domain.text import printable
from kam_tui.services.health import account_health_of
from kam_tui.services.plan_document import account_plan, plan_file_name
from kam_tui.store.undo import Change, Edit
from kam_tui.ui.account.account_form import AccountForm
from kam_tui.ui.account.activities import ActivityList, ActivityTimeline
from kam_tui.ui.account.activity_handlers import ActivityHandlers
from kam_tui.ui.account.contact_handlers import ContactHandlers
from kam_tui.ui.account.contacts import StakeholderMap
from kam_tui.ui.account.deal_handlers import DealHandlers
from kam_tui.ui.account.deals import DealList, DealsPane
from kam_tui.ui.account.next_contact_form import NextContactForm
from kam_tui.ui.account.overview import AccountOverview, AccountSummary
from kam_tui.ui.account.plan_host import apply_requested, hand_down, plan_data
from kam_tui.ui.plan import PLAN_TABS
from kam_tui.ui.plan.base import PlanTab
from kam_tui.ui.plan.report import StatusReportDialog
from kam_tui.ui.shell.footer import KamFooter

CORE_TABS: tuple[tuple[str, str], ...] = (
    ("overview", "Overview"),
    ("contacts", "Contacts"),
    ("activities", "Activities"),
    ("deals", "Deals"),
)
"""(tab id, title) of the tabs this screen always has, before the plan tabs."""


class AccountScreen(ContactHandlers, ActivityHandlers, DealHandlers):
    """Everything about one account; escape returns to where the user came from."""

    HELP_TITLE = "Account"
    """The title of this screen's help."""
    DEFAULT_CSS = """
    AccountScreen > TabbedContent {
        height: 1fr;
        & TabPane {
            padding: 0;
        }
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="account-back", tooltip="Back to where you opened it"),
        Binding(
            "left_square_bracket",
            "switch_tab(-1)",
            "Prev tab",
            id="account-previous-tab",
            tooltip="Show the tab to the left",
        ),
        Binding(
            "right_square_bracket",
            "switch_tab(1)",
            "Next tab",
            id="account-next-tab",
            tooltip="Show the tab to the right",
        ),
        Binding(
            "e",
            "edit_account",
            "Edit account",
            id="account-edit",
            tooltip="Edit every field of the account",
        ),
        Binding(
            "a",
            "log_activity",
            "Log activity",
            id="account-log-activity",
            tooltip="Log a call, meeting, email, visit, feedback or note (updates last contact)",
        ),
        Binding(
            "w",
            "export_plan",
            "Export plan",
            show=False,
            id="account-export-plan",
            tooltip="Write the account plan as Markdown (asks where, default: the current folder)",
        ),
    ]

    def __init__(self, account_id: int, tab: str | None = None) -> None:
        super().__init__()
        self.account_id = account_id
        """The account shown."""
        self.initial_tab = tab if tab in self.tab_ids else "overview"
        """The tab shown first."""
        self._stale = True
        """True when a change came since the screen last drew (it redraws when shown)."""
        self._focus_next: Widget | None = None
        """What the next tab shown focuses instead of its main widget (a record to show)."""

    # Reading

    @property
    def current_account_id(self) -> int:
        """The account shown (what the palette offers first)."""
        return self.account_id

    @property
    def tab_ids(self) -> list[str]:
        """Every tab id in order: the core tabs, then the plan tabs."""
        return [tab_id for tab_id, _ in CORE_TABS] + [tab_id for tab_id, _, _ in PLAN_TABS]

    @property
    def active_tab(self) -> str:
        """The id of the tab shown."""
        return self.query_one(TabbedContent).active

    def plan_panes(self) -> list[PlanTab]:
        """The plan panes, in tab order."""
        return list(self.query(PlanTab))

    # Building

    def compose(self) -> ComposeResult:
        yield AccountSummary(id="account-summary")
        with TabbedContent(initial=self.initial_tab, id="account-tabs"):
            with TabPane("Overview", id="overview"):
                yield AccountOverview(id="overview-pane")
            with TabPane("Contacts", id="contacts"):
                yield StakeholderMap(id="contacts-pane")
            with TabPane("Activities", id="activities"):
                yield ActivityTimeline(id="activities-pane")
            with TabPane("Deals", id="deals"):
                yield DealsPane(id="deals-pane")
            for tab_id, title, pane_class in PLAN_TABS:
                with TabPane(title, id=tab_id):
                    yield pane_class(account_id=self.account_id, id=f"{tab_id}-pane")  # type: ignore[call-arg]
        yield KamFooter()

    def on_mount(self) -> None:
        self.kam.data_changed_signal.subscribe(self, self._data_changed, immediate=True)
        hand_down(self.plan_panes(), plan_data(self.workspace, self.account_id), everywhere=True)
        self.refresh_data()
        self.call_after_refresh(self._focus_tab, self.initial_tab)

    # Keeping up with the data

    def refresh_data(
        self, *, keep_contact: int | None = None, keep_deal: int | None = None
    ) -> None:
        """Redraw everything from the repository (after any change, undo or redo)."""
        account = self.account
        if account is None:
            self._account_gone()
            return
        self._stale = False
        schema = self.workspace.schema
        today = self.kam.today
        contacts = self.contacts()
        self.sub_title = account.name
        self.query_one(AccountSummary).show(account, schema, today)
        self.query_one(AccountOverview).show(
            account, schema, today, account_health_of(self.workspace, account)
        )
        self.query_one(StakeholderMap).show(contacts, keep=keep_contact)
        self.query_one(ActivityTimeline).show(
            self.workspace.children(Activity, self.account_id),
            contacts,
            today,
            self.workspace.children(StatusChange, self.account_id),
        )
        self.query_one(DealsPane).show(
            self.workspace.children(Deal, self.account_id), schema.currency, today, keep=keep_deal
        )

    def _refresh_if_stale(self) -> None:
        if self._stale or self.account is None:
            self.refresh_data()

    def _data_changed(self, change: Change) -> None:
        """A change was applied: hand the plan panes their new data (the one showing redraws
        now, the others when shown), and redraw now if this screen is showing, else when it
        shows again."""
        hand_down(self.plan_panes(), plan_data(self.workspace, self.account_id))
        self._stale = True
        if self.is_current:
            self.refresh_data()

    def on_screen_resume(self) -> None:
        self._refresh_if_stale()

    def _account_gone(self) -> None:
        """The account was deleted (an undo of its creation): go back, saying why."""
        if not self.is_current:
            return
        self.notify("This account no longer exists (undone or deleted).", severity="warning")
        self.app.pop_screen()

    # Tabs and focus

    def _focus_tab(self, tab_id: str) -> None:
        """Focus the main widget of a tab, so its keys work at once.

        Runs after a refresh, when a faster key may have shown another tab already:
        focusing into a hidden pane would make TabbedContent show it again (a lost
        `]`, and the next key acting on the wrong tab), so a stale call does nothing.
        """
        if tab_id != self.active_tab:
            return
        pane = self.query_one(f"#{tab_id}-pane")
        target, self._focus_next = self._focus_next, None
        if target is not None and target in pane.query("*"):
            target.focus()
            return
        if isinstance(pane, StakeholderMap):
            target = pane.contact_list
        elif isinstance(pane, ActivityTimeline):
            target = pane.activity_list
        elif isinstance(pane, DealsPane):
            target = pane.deal_list
        elif pane.focusable:
            target = pane
        else:
            target = next((child for child in pane.query("*") if child.focusable), None)
        if target is not None:
            target.focus()

    @on(TabbedContent.TabActivated, "#account-tabs")
    def _tab_activated(self, event: TabbedContent.TabActivated) -> None:
        if event.pane.id is not None:
            self.call_after_refresh(self._focus_tab, event.pane.id)

    def show_tab(self, tab_id: str) -> None:
        """Show a tab by id and focus its content."""
        if tab_id in self.tab_ids and tab_id != self.active_tab:
            # Let go of focus first: a focused widget in the pane being hidden would pass
            # focus to a sibling there, and TabbedContent would switch back to its tab.
            self.set_focus(None)
            self.query_one(TabbedContent).active = tab_id

    def action_switch_tab(self, step: int) -> None:
        """Show the tab `step` places to the right (negative: left), wrapping around."""
        ids = self.tab_ids
        index = ids.index(self.active_tab) if self.active_tab in ids else 0
        self.show_tab(ids[(index + step) % len(ids)])

    def show_record(self, edit: Edit) -> None:
        """Show the tab of a record of this account, its row highlighted and focused."""
        record = edit.after
        if record is None or not self.is_mounted:
            return
        self._refresh_if_stale()
        if isinstance(record, Account) or getattr(record, "account_id", None) != self.account_id:
            return
        target: Widget | None = None
        tab_id = ""
        if isinstance(record, Contact):
            tab_id, target = "contacts", self.query_one(StakeholderMap).contact_list
            target.highlight_contact(record.id)
        elif isinstance(record, Activity):
            tab_id, target = "activities", self.query_one(ActivityList)
            target.highlight_activity(record.id)
        elif isinstance(record, Deal):
            tab_id, target = "deals", self.query_one(DealList)
            target.highlight_deal(record.id)
        else:
            for plan_tab, _title, _pane in PLAN_TABS:
                pane = self.query_one(f"#{plan_tab}-pane", PlanTab)
                target = pane.show_record(edit)
                if target is not None:
                    tab_id = plan_tab
                    break
        if target is None:
            return
        if tab_id == self.active_tab:
            target.focus()
        else:
            self._focus_next = target
            self.show_tab(tab_id)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "edit_account" and isinstance(self.focused, ActivityList):
            # On a status-history row the timeline's e is dimmed: it must not fall through
            # to editing the account.
            timeline = self.focused
            on_history = timeline.option_count > 0 and timeline.highlighted_activity is None
            return not on_history and self.account is not None
        if action in ("edit_account", "log_activity", "export_plan"):
            return self.account is not None
        return True

    def action_back(self) -> None:
        """Return to the screen below, exactly as it was left."""
        self.app.pop_screen()

    # Changing data

    def action_edit_account(self) -> None:
        """Edit every field of the account in a form; the save is one undoable change."""
        account = self.account
        if account is None or self._refused_read_only():
            return
        known = sorted({other.assignee for other in self.workspace.accounts() if other.assignee})
        self.app.push_screen(
            AccountForm(
                account,
                self.workspace.schema,
                title=f"Edit {printable(account.name)}",
                known_assignees=known,
            ),
            self._account_edited,
        )

    def _account_edited(self, edited: Account | None) -> None:
        if edited is None:
            return
        if self._applied(self.workspace.save(edited, f"Edited {edited.label}")):
            self.notify(f"Saved {printable(edited.name)}.")

    def action_plan_next_contact(self) -> None:
        """Plan the day and kind of the next contact (the overview's key); one undoable change."""
        account = self.account
        if account is None or self._refused_read_only():
            return
        form = NextContactForm(
            account, self.workspace.schema, title=f"Next contact with {printable(account.name)}"
        )
        self.app.push_screen(form, self._next_contact_planned)

    def _next_contact_planned(self, edited: Account | None) -> None:
        if edited is None:
            return
        if self._applied(
            self.workspace.save(edited, f"Planned the next contact of {edited.label}")
        ):
            self.notify(f"Next contact planned for {printable(edited.name)}.")

    # The plan panes

    @on(PlanTab.ChangeRequested)
    def _plan_change(self, message: PlanTab.ChangeRequested) -> None:
        apply_requested(self.workspace, message)

    def action_export_plan(self) -> None:
        """Show the account plan in Markdown, asking where to write it."""
        account = self.account
        if account is None:
            return
        text = account_plan(self.workspace, account)
        name = plan_file_name(account.name, self.kam.today)
        dialog = StatusReportDialog(text, name, Path.cwd(), title="Account plan", export_first=True)
        self.app.push_screen(dialog)
