"""What every account plan pane shares: typed app access, refresh, and guarded store changes."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.widget import Widget

from kam_tui.domain.errors import ValidationError
from kam_tui.domain.models import Account
from kam_tui.store import ReadOnlyError, Repository, StoreError
from kam_tui.store.change_set import ChangeSet
from kam_tui.store.undo import Edit
from kam_tui.ui.typed_app import kam_app

if TYPE_CHECKING:
    from kam_tui.ui.app import KamApp


class PlanTab(Widget):
    """A tab of the account plan: shows one account and edits it through the repository."""

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
        self.seen_revision = -1
        """The repository revision last drawn; on show the pane redraws if data moved on."""

    @property
    def kam(self) -> KamApp:
        """The app, typed."""
        return kam_app(self.app)

    @property
    def repository(self) -> Repository:
        """The one path to the data."""
        return self.kam.repository

    @property
    def account(self) -> Account | None:
        """The account shown (None once it has been deleted)."""
        return self.repository.account(self.account_id)

    def on_mount(self) -> None:
        self.refresh_account()

    def on_show(self) -> None:
        if self.seen_revision != self.repository.revision:
            self.refresh_account()

    def refresh_account(self) -> None:
        """Re-read what the pane shows from the repository (after any change, undo or redo)."""
        self.seen_revision = self.repository.revision

    def show_record(self, edit: Edit) -> Widget | None:
        """Highlight the record `edit` left, if this tab shows its kind; returns the widget to
        focus, or None when the record is not one of this tab's."""
        return None

    def apply(self, description: str, edit: Callable[[ChangeSet], object]) -> bool:
        """Run `edit` as one undoable change, then redraw; problems become notifications.

        Returns True when the change was applied.
        """
        try:
            with self.repository.change(description) as change:
                edit(change)
        except ReadOnlyError as error:
            self.notify(str(error), title="Read-only", severity="error")
            return False
        except ValidationError as error:
            reasons = "; ".join(f"{field} {reason}" for field, reason in error.errors.items())
            self.notify(reasons, title="Not saved", severity="error")
            return False
        except StoreError as error:
            self.notify(str(error), title="Not saved", severity="error")
            self.refresh_account()
            return False
        self.refresh_account()
        return True
