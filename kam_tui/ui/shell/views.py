"""The contract every main view follows, so the app can filter, redraw and jump in any view."""

from __future__ import annotations

from typing import ClassVar, Protocol, runtime_checkable

from textual.app import ScreenStackError
from textual.binding import Binding, BindingType
from textual.screen import Screen

from kam_tui.domain.models import Account, Record
from kam_tui.store.undo import Change, Edit
from kam_tui.ui.shell.header import KamHeader
from kam_tui.ui.typed_app import KamAppApi, kam_app


def owning_account(record: Record) -> int:
    """The id of the account a record is, or belongs to."""
    if isinstance(record, Account):
        return record.id
    account_id: int = getattr(record, "account_id", 0)
    return account_id


@runtime_checkable
class ShowsRecords(Protocol):
    """A screen that can put its cursor on a record (after an undo or redo changed it)."""

    def show_record(self, edit: Edit) -> None:
        """Bring the record `edit` left (its `after`) into view, highlighted and focused."""


class ViewScreen(Screen[None]):
    """A main view (Pipeline, Lists, Table, Team): one mode of the app."""

    mode: ClassVar[str] = ""
    """The app mode that shows this view."""
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape",
            "clear_view_filter",
            "Show all",
            tooltip="Clear every filter of this view and show everything again",
            id="clear-view-filter",
        ),
    ]

    _stale = True
    """True when what the view shows may be out of date (a change came while it was hidden)."""

    def __init__(self) -> None:
        super().__init__()
        # Textual re-parses and re-applies the whole stylesheet when a mode's screen is
        # first shown, in case the screen brings CSS of its own (a tenth of a second at
        # 10,000 cards). A view's rules all live in the app's stylesheet, and widgets new
        # to the app get theirs (with the theme's variables) as they mount: once a view
        # shows, a view made later is marked as styled with the app's current CSS, so
        # showing it costs only its own widgets. The first view, made as the app starts,
        # is styled the usual way.
        app = self.app
        try:
            showing = app.screen
        except ScreenStackError:
            return
        if isinstance(showing, ViewScreen):
            self._css_update_count = app._css_update_count

    @property
    def kam(self) -> KamAppApi:
        """The app, typed."""
        return kam_app(self.app)

    def on_mount(self) -> None:
        self.kam.data_changed_signal.subscribe(self, self._data_changed, immediate=True)

    def _data_changed(self, change: Change) -> None:
        """A change was applied: redraw now if this view is showing, else when it shows again
        (a hidden view is not redrawn on every change)."""
        self.note_change(change)
        self._stale = True
        if self.app.screen is self:
            self.refresh_data()

    def note_change(self, change: Change) -> None:
        """Take note of a change, to be drawn at the next `refresh_data`."""

    def on_screen_resume(self) -> None:
        """Redraw when the data changed while another view was showing."""
        if self.is_stale():
            self.refresh_data()

    def is_stale(self) -> bool:
        """True when what the view shows may be out of date."""
        return self._stale

    def refresh_data(self) -> None:
        """Re-read what this view shows from the workspace (after any change, undo or redo)."""
        self._stale = False

    def apply_filter(self, text: str) -> None:
        """Show only what matches `text` (name, industry, assignee, tags); empty clears it."""

    def filter_active(self) -> bool:
        """True when a filter hides anything (escape then shows everything again)."""
        # The header is a child of the view: a look at the children, not a walk of the
        # screen (this runs on every refresh of the keys, so on every card move).
        return any(header.filter_text.strip() for header in self.query_children(KamHeader))

    def clear_filters(self) -> None:
        """Clear every filter of the view: the typed one here, a view's own in overrides."""
        for header in self.query_children(KamHeader):
            if header.filter_text:
                header.close_filter(clear=True)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "clear_view_filter":
            return self.filter_active()
        return True

    def action_clear_view_filter(self) -> None:
        """Escape on a filtered view: show everything again."""
        self.clear_filters()
        self.refresh_bindings()

    def focus_account(self, account_id: int) -> None:
        """Move the highlight to an account, if this view shows it."""

    def show_record(self, edit: Edit) -> None:
        """Highlight the account a changed record is, or belongs to (views show accounts)."""
        if edit.after is None or not self.is_mounted:
            return
        if self.is_stale():
            self.refresh_data()
        self.focus_account(owning_account(edit.after))
