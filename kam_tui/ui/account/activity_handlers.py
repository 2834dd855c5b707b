"""The Activities tab's changes on the account screen: log, edit and delete an activity."""

from __future__ import annotations

from textual import on

from kam_tui.domain.models import Activity
from kam_tui.domain.text import printable
from kam_tui.ui.account.activities import ActivityList
from kam_tui.ui.account.activity_form import ActivityForm
from kam_tui.ui.account.host import AccountHost
from kam_tui.ui.forms.confirm import ConfirmDialog
from kam_tui.ui.view_helpers import UNDO_HINT


class ActivityHandlers(AccountHost):
    """What the Activities tab (and the screen's `a` key) asks of the account screen."""

    def action_log_activity(self) -> None:
        """Log a touch with the customer; it updates the account's last contact."""
        account = self.account
        if account is None or self._refused_read_only():
            return
        draft = Activity(
            account_id=account.id, kind="call", day=self.kam.today, logged_by=account.assignee
        )
        self.app.push_screen(
            ActivityForm(
                draft,
                self.contacts(),
                self.workspace.schema,
                title=f"Log activity · {printable(account.name)}",
            ),
            self._activity_logged,
        )

    def _activity_logged(self, activity: Activity | None) -> None:
        if activity is None:
            return
        verb = "Logged" if activity.id == 0 else "Saved"
        logged = self._applied(self.workspace.log_activity(activity))
        if logged is None:
            return
        self.query_one(ActivityList).highlight_activity(logged.id)
        account = self.account
        last = account.last_contact.isoformat() if account and account.last_contact else "–"
        self.notify(f"{verb} the {logged.kind}; last contact is {last}.")

    @on(ActivityList.EditRequested)
    def _edit_activity(self, message: ActivityList.EditRequested) -> None:
        message.stop()
        account = self.account
        activity = self.workspace.get(Activity, message.activity_id)
        if account is None or activity is None or self._refused_read_only():
            return
        day = activity.day.isoformat() if activity.day else "undated"
        title = f"Edit the {printable(activity.kind)} of {day} · {printable(account.name)}"
        form = ActivityForm(activity, self.contacts(), self.workspace.schema, title=title)
        self.app.push_screen(form, self._activity_logged)

    @on(ActivityList.DeleteRequested)
    def _delete_activity(self, message: ActivityList.DeleteRequested) -> None:
        message.stop()
        activity = self.workspace.get(Activity, message.activity_id)
        if activity is None or self._refused_read_only():
            return
        day = activity.day.isoformat() if activity.day else "undated"

        def answered(delete: bool | None) -> None:
            if not delete:
                return
            self._applied(self.workspace.delete(activity))
            if self.workspace.get(Activity, activity.id) is None:
                self.notify(f"Deleted the {activity.kind} of {day}; {UNDO_HINT}.")

        self.app.push_screen(
            ConfirmDialog(f"Delete the {activity.kind} of {day}?", yes="Delete"), answered
        )
