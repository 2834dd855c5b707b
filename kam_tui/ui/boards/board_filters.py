"""What a board shows and in which order: the typed query, `o` and `f`, the sort, remembered."""

from __future__ import annotations

from typing import ClassVar

from kam_tui.domain.filters import Query
from kam_tui.domain.grouping import AccountFilter
from kam_tui.ui.boards.board_memory import board_settings, recalled_filter, recalled_sort
from kam_tui.ui.boards.filter_dialog import FilterChoice
from kam_tui.ui.query_line import QueryLine
from kam_tui.ui.saved_filters import parse_typed, show_query_text
from kam_tui.ui.shell.views import ViewScreen
from kam_tui.ui.view_memory import view_memory


class BoardFilters(ViewScreen):
    """A board's filters and sort: the typed query (the header's filter, in the filter
    language), and the `o` overdue and `f` statuses and lists, which combine with it."""

    filter_choices: ClassVar[tuple[FilterChoice, ...]] = ()
    """Which of statuses and lists the `f` dialog offers."""

    def __init__(self) -> None:
        super().__init__()
        self.sort = "name"
        """The current order of the cards, a key of SORT_ORDERS."""
        self.account_filter = AccountFilter()
        """What the board shows."""
        self._recall()

    def filters_changed(self) -> None:
        """Redraw after the filter changed."""
        raise NotImplementedError

    def shown_count(self) -> int | None:
        """How many cards the board shows (None: not known yet)."""
        return None

    # Remembered across restarts

    def _recall(self) -> None:
        """Take the sort and filters this board had when the app last ran."""
        remembered = view_memory(self.app).recall(self.mode)
        self.sort = recalled_sort(remembered, self.sort)
        schema = self.kam.settings.schema
        recalled = recalled_filter(remembered, schema, self.filter_choices)
        self.account_filter = recalled.with_query(parse_typed(self.kam, recalled.text))

    def _remember(self) -> None:
        """Keep the sort and filters for the next run."""
        view_memory(self.app).remember(self.mode, board_settings(self.sort, self.account_filter))

    # The view contract

    def apply_filter(self, text: str) -> None:
        """Show only the accounts the query `text` lets through (free words: in the name,
        industry, manager or tags; see the help for the terms)."""
        if text != self.account_filter.text:
            self._set_filter(self.account_filter.with_query(parse_typed(self.kam, text)))

    def filter_active(self) -> bool:
        """True when the typed filter, `o` or `f` hides any card."""
        return self.account_filter.active or super().filter_active()

    def clear_filters(self) -> None:
        """Clear the typed filter, the overdue filter and the status and list filters."""
        super().clear_filters()
        if self.account_filter != AccountFilter():
            self._set_filter(AccountFilter())

    def query_text(self) -> str:
        """The whole filter as one query (`o` and `f` written as terms), to save."""
        return self.account_filter.as_text()

    def use_query(self, text: str) -> None:
        """Filter by the query `text` alone (a saved filter): `o` and `f` are cleared, as
        the saved text says all."""
        typed = self.account_filter
        plain = AccountFilter(text=typed.text, query=typed.query)
        if plain != typed:
            self._set_filter(plain)
        show_query_text(self, text)

    def _set_filter(self, account_filter: AccountFilter) -> None:
        self.account_filter = account_filter
        self._remember()
        self.filters_changed()
        self.show_query_line(account_filter.query)

    def show_query_line(self, query: Query) -> None:
        """Say under the header what the typed query means, or what is wrong with it."""
        for line in self.query_children(QueryLine):
            line.show_query(query, self.shown_count())
