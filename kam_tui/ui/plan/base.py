"""What every account plan pane shares: typed app access, redraws, and change requests."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from textual.message import Message
from textual.widget import Widget

from kam_tui.domain.models import Account
from kam_tui.services import Workspace
from kam_tui.store.change_set import ChangeSet
from kam_tui.store.undo import Change, Edit
from kam_tui.ui.refused import tell_refused
from kam_tui.ui.typed_app import KamAppApi, kam_app


class PlanTab(Widget):
    """A tab of the account plan: shows one account and edits it through the workspace."""

    DEFAULT_CSS = """
    PlanTab {
        height: 1fr;
    }
    """

    @dataclass
    class ChangeRequested(Message):
        """The pane asks for one undoable change of its account's plan."""

        pane: PlanTab
        """The pane that asks."""
        description: str
        """What the change does (shown by undo and redo)."""
        edit: Callable[[ChangeSet], object]
        """Makes the edits on the change set it is given."""
        then: Callable[[], None] | None = None
        """What the pane does once the change is applied (not when refused)."""

        @property
        def control(self) -> PlanTab:
            """The pane (so `@on(..., "#id")` can match it)."""
            return self.pane

    def __init__(
        self, *, account_id: int, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.account_id = account_id
        """The account shown."""
        self.stale = True
        """True when the data may have changed since the pane last drew; it redraws on show."""
        self.drawn = False
        """True once the pane has drawn."""

    @property
    def kam(self) -> KamAppApi:
        """The app, typed."""
        return kam_app(self.app)

    @property
    def workspace(self) -> Workspace:
        """The application layer: queries and changes."""
        return self.kam.workspace

    @property
    def account(self) -> Account | None:
        """The account shown (None once it has been deleted)."""
        return self.workspace.account(self.account_id)

    def on_mount(self) -> None:
        self.kam.data_changed_signal.subscribe(self, self._data_changed, immediate=True)
        self.refresh_account()

    def _data_changed(self, change: Change) -> None:
        """A change was applied: redraw now if the pane is showing, else when it shows."""
        self.stale = True
        if self.screen.is_current and all(
            node.display for node in self.ancestors_with_self if isinstance(node, Widget)
        ):
            self.refresh_account()

    def on_show(self) -> None:
        if self.stale:
            self.refresh_account()

    def refresh_account(self) -> None:
        """Re-read what the pane shows (after any change, undo or redo)."""
        self.stale = False
        self.drawn = True

    def show_record(self, edit: Edit) -> Widget | None:
        """Highlight the record `edit` left, if this tab shows its kind; returns the widget to
        focus, or None when the record is not one of this tab's."""
        return None

    def apply(
        self,
        description: str,
        edit: Callable[[ChangeSet], object],
        then: Callable[[], None] | None = None,
    ) -> None:
        """Ask for `edit` as one undoable change: the screen applies it (redrawing the pane as
        it is applied) and then calls `then`; a refusal becomes a notification."""
        self.post_message(self.ChangeRequested(self, description, edit, then))


def apply_requested(workspace: Workspace, request: PlanTab.ChangeRequested) -> None:
    """Apply a pane's change request (the handler of the screen that hosts the pane)."""
    request.stop()
    outcome = workspace.apply(request.description, request.edit)
    refusal = outcome.refusal
    if refusal is None:
        if request.then is not None:
            request.then()
        return
    tell_refused(request.pane, refusal)
    if not refusal.read_only and not refusal.reasons:
        request.pane.refresh_account()  # the record it edited may be gone
