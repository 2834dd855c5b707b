"""What every account plan pane shares: typed app access, refresh, and guarded store changes."""

from __future__ import annotations

from collections.abc import Callable

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

    def apply(self, description: str, edit: Callable[[ChangeSet], object]) -> bool:
        """Run `edit` as one undoable change (the account screen redraws the pane as it is
        applied); a refusal becomes a notification. Returns True when the change was applied.
        """
        outcome = self.workspace.apply(description, edit)
        if outcome.refusal is None:
            return True
        tell_refused(self, outcome.refusal)
        if not outcome.refusal.read_only and not outcome.refusal.reasons:
            self.refresh_account()  # the record it edited may be gone
        return False
