"""The Portfolio view: the portfolio's numbers, one section at a time, each one explained."""

from __future__ import annotations

from typing import ClassVar

from rich.style import Style
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Static

from kam_tui.domain.portfolio import Portfolio, PortfolioFilter, WhatIf
from kam_tui.services.portfolio import portfolio_of, what_if_of
from kam_tui.ui.portfolio.definitions import DefinitionsDialog
from kam_tui.ui.portfolio.filter_dialog import PortfolioFilterDialog
from kam_tui.ui.portfolio.filter_line import describe_filter, scope_text, section_bar, with_terms
from kam_tui.ui.portfolio.frame import Frame, definition_of, label_of
from kam_tui.ui.portfolio.kept import kept_totals
from kam_tui.ui.portfolio.model import Row, SectionView, account_of_row
from kam_tui.ui.portfolio.sections import SECTIONS
from kam_tui.ui.portfolio.table import PortfolioTable
from kam_tui.ui.portfolio_memory import recalled_portfolio, remember_portfolio
from kam_tui.ui.saved_filters import parse_typed, show_query_text
from kam_tui.ui.shell.footer import KamFooter
from kam_tui.ui.shell.header import KamHeader
from kam_tui.ui.shell.views import ViewScreen
from kam_tui.ui.user_text import literal
from kam_tui.ui.view_helpers import theme_style
from kam_tui.ui.view_memory import show_typed_filter

DEFAULT_WHAT_IF = (5, 10)
"""The what-if shown first: lose 5 of the top 10."""


class PortfolioScreen(ViewScreen):
    """The Portfolio view: Totals, Concentration, Profit, Satisfaction, Turnaround, Selection
    and Health of the filtered accounts; enter opens an account, escape comes back here."""

    mode: ClassVar[str] = "portfolio"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("tab,right_square_bracket", "switch_section(1)", "Section", id="portfolio-next",
                tooltip="Show the next section"),
        Binding("shift+tab,left_square_bracket", "switch_section(-1)", "Back", show=False,
                id="portfolio-previous", tooltip="Show the previous section"),
        Binding("i", "define", "Define", id="portfolio-define",
                tooltip="What the highlighted figure (and every figure of the section) means"),
        Binding("f", "filter_portfolio", "Scope", id="portfolio-filter",
                tooltip="Count only a manager's accounts, some lists or statuses, or key "
                "accounts"),
        Binding("plus,equals_sign", "change_what_if(1, 0)", "Lose more",
                id="what-if-more", tooltip="What-if: lose one more of the top n"),
        Binding("minus", "change_what_if(-1, 0)", "Lose fewer", show=False,
                id="what-if-fewer", tooltip="What-if: lose one fewer of the top n"),
        Binding("greater_than_sign", "change_what_if(0, 1)", "Top n+1",
                id="what-if-wider", tooltip="What-if: choose among one more of the largest"),
        Binding("less_than_sign", "change_what_if(0, -1)", "Top n-1", show=False,
                id="what-if-narrower", tooltip="What-if: choose among one fewer of the largest"),
    ]  # fmt: skip

    def __init__(self) -> None:
        super().__init__()
        self.section_index = 0
        """The section shown (an index into SECTIONS)."""
        self.portfolio_filter = PortfolioFilter()
        """Which accounts the figures count."""
        self.lose, self.of_top = DEFAULT_WHAT_IF
        """The what-if's k and n: lose k of the top n accounts by revenue."""
        self.portfolio: Portfolio | None = None
        """The figures shown."""
        self.view: SectionView | None = None
        """What the current section shows."""
        self._cursors: dict[str, tuple[str | None, int, int]] = {}
        """Section -> (row key, row index, column) where its cursor was left."""
        self._rows: dict[str, Row] = {}
        """The rows shown, by key."""
        self._terms: tuple[str, ...] = ()
        """The typed filter's free words: the account rows shown name them all."""
        self._drawn_width = 0
        self._has_painted = False
        self.section_index, self.portfolio_filter, self._text = recalled_portfolio(
            self.app, self.kam.settings.schema
        )
        self._query = parse_typed(self.kam, self._text)
        """The typed filter, parsed: its terms narrow what the figures count."""
        self._terms = self._query.free_words

    def compose(self) -> ComposeResult:
        yield KamHeader()
        yield Static(id="portfolio-sections")
        yield Static(id="portfolio-filter-line")
        yield Static(id="portfolio-summary")
        yield PortfolioTable(id="portfolio-table", cursor_type="cell", fixed_columns=1)
        yield Static(id="portfolio-empty")
        yield Static(id="portfolio-detail")
        yield KamFooter()

    @property
    def table(self) -> PortfolioTable:
        """The current section's table."""
        return self.query_one(PortfolioTable)

    @property
    def section_key(self) -> str:
        """The id of the section shown."""
        return SECTIONS[self.section_index].key

    def on_mount(self) -> None:
        self.refresh_data()
        show_typed_filter(self, self._text)
        self.table.focus()
        self.call_after_refresh(self._painted)

    def _on_screen_resume(self, event: events.ScreenResume) -> None:
        """Before its first paint the screen's widgets wear the styles they were given as
        they mounted: Textual's restyling of the whole screen on each of the two resumes of
        a mode's first showing would only redo that."""
        if not self._has_painted:
            event.refresh_styles = False

    def _painted(self) -> None:
        self._has_painted = True

    # Data

    def refresh_data(self) -> None:
        """Compute the figures again and show the current section (the cursor stays)."""
        workspace = self.kam.workspace
        scope = with_terms(self.portfolio_filter, self._query, self.kam.today,
                           self.kam.settings.schema.default_cadence_days)  # fmt: skip
        self.portfolio = portfolio_of(workspace, scope, kept_totals(self.app))
        self._show_section()
        super().refresh_data()

    def current_what_if(self) -> WhatIf:
        """The chosen what-if, k and n kept within the accounts there are."""
        assert self.portfolio is not None
        return what_if_of(self.portfolio, self.lose, self.of_top)

    def _frame(self) -> Frame:
        width = self.size.width or self.app.size.width
        self._drawn_width = width
        concentration = self.section_key == "concentration"
        return Frame(
            currency=self.kam.settings.schema.currency,
            width=width,
            what_if=self.current_what_if() if concentration else None,
            loss=theme_style(self.app, "error"),
            good=theme_style(self.app, "success"),
            key=theme_style(self.app, "warning", bold=True),
            muted=Style(dim=True),
            bar=theme_style(self.app, "primary"),
            heading=theme_style(self.app, "accent", bold=True),
            terms=self._terms,
        )

    def _show_section(self) -> None:
        """Build the current section from the figures and show it, the cursor where it was."""
        portfolio = self.portfolio
        if portfolio is None:
            return
        section = SECTIONS[self.section_index]
        remember_portfolio(self.app, self.section_index, self.portfolio_filter, self._text)
        view = section.build(portfolio, self._frame())
        self.view = view
        rows = view.rows
        self._rows = {row.key: row for row in rows}
        table = self.table
        table.show_rows(view.columns, rows)
        self.query_one("#portfolio-sections", Static).update(section_bar(self.section_index))
        self.query_one("#portfolio-filter-line", Static).update(
            describe_filter(portfolio.filter, portfolio.totals.accounts, self._terms, self._query)
        )
        self.query_one("#portfolio-summary", Static).update(view.summary)
        empty = self.query_one("#portfolio-empty", Static)
        empty.update(literal(view.empty))
        table.display = bool(rows)
        empty.display = not rows
        key, index, column = self._cursors.get(section.key, (None, 0, 0))
        column = min(column, len(view.columns) - 1) if view.columns else 0
        if key is None or not table.move_to_row(key, column):
            table.move_cursor(row=min(index, max(0, len(rows) - 1)), column=column, animate=False)
        self._show_detail()
        self.refresh_bindings()

    def _remember_cursor(self) -> None:
        table = self.table
        self._cursors[self.section_key] = (
            table.cursor_row_key,
            table.cursor_coordinate.row,
            table.cursor_coordinate.column,
        )

    def highlighted_row(self) -> Row | None:
        """The row under the cursor."""
        key = self.table.cursor_row_key
        return self._rows.get(key) if key is not None else None

    def _show_detail(self) -> None:
        row = self.highlighted_row()
        detail = self.query_one("#portfolio-detail", Static)
        detail.update(literal(row.detail) if row is not None and row.detail else "")

    def on_resize(self) -> None:
        """Bars and names fit the new width."""
        if self.portfolio is not None and self.size.width != self._drawn_width:
            self._remember_cursor()
            self._show_section()

    @on(DataTable.CellHighlighted, "#portfolio-table")
    def _cell_highlighted(self, event: DataTable.CellHighlighted) -> None:
        event.stop()
        self._remember_cursor()
        self._show_detail()
        self.refresh_bindings()

    # The app's contract

    def apply_filter(self, text: str) -> None:
        """Filter by the query `text`: its terms narrow what the figures count (with the
        scope of `f`), its free words the account rows shown (every word in the name)."""
        old = self._query
        self._text = text
        self._query = query = parse_typed(self.kam, text)
        self._terms = query.free_words
        if [term.source for term in query.terms] != [term.source for term in old.terms]:
            self.refresh_data()  # other accounts counted
        else:
            self._show_section()

    def query_text(self) -> str:
        """The whole filter as one query: the typed one and the scope of `f` as terms."""
        return " ".join(
            part for part in (self._text.strip(), scope_text(self.portfolio_filter)) if part
        )

    def use_query(self, text: str) -> None:
        """Filter by the query `text` alone (a saved filter): the scope of `f` is cleared."""
        if not self.portfolio_filter.is_empty:
            self.portfolio_filter = PortfolioFilter()
            self.refresh_data()
        show_query_text(self, text)

    def filter_active(self) -> bool:
        """True when the typed filter or the scope of `f` narrows what is shown."""
        return not self.portfolio_filter.is_empty or super().filter_active()

    def clear_filters(self) -> None:
        """Clear the typed filter and the scope of `f`."""
        super().clear_filters()
        if not self.portfolio_filter.is_empty:
            self.portfolio_filter = PortfolioFilter()
            self.refresh_data()

    def focus_account(self, account_id: int) -> None:
        """Put the cursor on the account's first row in the current section."""
        table = self.table
        if table.cursor_account_id == account_id:
            return  # already there (an account may have a row in several lists)
        for index, row in enumerate(table.ordered_rows):
            if account_of_row(str(row.key.value)) == account_id:
                table.move_cursor(row=index, animate=False)
                self._remember_cursor()
                return

    # Actions

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The what-if keys only on Concentration."""
        if action == "change_what_if":
            return self.section_key == "concentration"
        return super().check_action(action, parameters)

    def action_switch_section(self, step: int) -> None:
        """Show the next (or previous) section, where its cursor was left."""
        self._remember_cursor()
        self.section_index = (self.section_index + step) % len(SECTIONS)
        self._show_section()

    def show_section(self, key: str) -> None:
        """Show the section `key`."""
        self._remember_cursor()
        self.section_index = next(i for i, s in enumerate(SECTIONS) if s.key == key)
        self._show_section()

    def action_change_what_if(self, lose: int, of_top: int) -> None:
        """Lose one more or fewer (k), among one more or fewer of the largest (n)."""
        accounts = len(self.portfolio.concentration.ranked) if self.portfolio else 0
        self.of_top = max(1, min(self.of_top + of_top, max(1, accounts)))
        self.lose = max(1, min(self.lose + lose, self.of_top))
        self._show_section()

    def highlighted_figure(self) -> str:
        """The figure under the cursor: the row's, else the column's, else the section's."""
        view = self.view
        if view is None:
            return ""
        row = self.highlighted_row()
        if row is not None and row.figure:
            return row.figure
        column = self.table.cursor_coordinate.column
        if 0 <= column < len(view.columns) and view.columns[column].figure:
            return view.columns[column].figure
        return view.figures[0] if view.figures else ""

    def action_define(self) -> None:
        """Show what every figure of the section means, the highlighted one first."""
        view = self.view
        if view is None:
            return
        figure = self.highlighted_figure()
        figures = list(dict.fromkeys((figure, *view.figures)) if figure else view.figures)
        entries = [(label_of(f), definition_of(f)) for f in figures if definition_of(f)]
        title = f"What the figures of {SECTIONS[self.section_index].title} mean"
        self.app.push_screen(DefinitionsDialog(title, entries, label_of(figure)))

    def action_filter_portfolio(self) -> None:
        """Choose the manager, lists, statuses, or key accounts only."""
        schema = self.kam.settings.schema
        accounts = self.kam.workspace.accounts()
        found = sorted({a.assignee for a in accounts} - set(schema.team) - {""}, key=str.casefold)
        managers = [*schema.team, *found, ""]

        def chosen(portfolio_filter: PortfolioFilter | None) -> None:
            if portfolio_filter is not None and portfolio_filter != self.portfolio_filter:
                self.portfolio_filter = portfolio_filter
                self.refresh_data()

        self.app.push_screen(
            PortfolioFilterDialog(
                self.portfolio_filter,
                managers=managers,
                lists=schema.lists,
                statuses=schema.status_names,
            ),
            chosen,
        )

    @on(PortfolioTable.RowChosen)
    def _row_chosen(self, message: PortfolioTable.RowChosen) -> None:
        message.stop()
        account_id = account_of_row(message.row_key)
        if account_id is None:
            self.action_define()
            return
        self._remember_cursor()
        self.kam.open_account(account_id)
