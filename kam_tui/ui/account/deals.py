"""The Deals tab: an account's opportunities, open ones first, and what they add up to."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.events import Resize
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from kam_tui.domain.deal_totals import DealTotals, deal_totals
from kam_tui.domain.fields import catalogue_field
from kam_tui.domain.models import Deal
from kam_tui.domain.money import format_money
from kam_tui.domain.text import printable, printable_record

WIDE_DEALS = 100
"""Width of the rows from which amounts are shown to the cent rather than as 1.2M."""
LIST_GUTTER = 6
"""Cells of the deal list that rows do not use: border, padding and scrollbar."""
COLUMNS: tuple[tuple[str, int, bool], ...] = (
    ("amount", 8, True),
    ("stage", 11, False),
    ("probability", 5, True),
    ("close_date", 10, False),
    ("outcome", 7, False),
    ("owner", 10, False),
)
"""The columns after the title: field, width when narrow, right-aligned."""
WIDE_WIDTHS: dict[str, int] = {"amount": 15, "stage": 14, "owner": 16}
"""The columns that widen in the wide layout (amounts to the cent, whole names)."""
OUTCOME_STYLES: dict[str, str] = {
    "open": "",
    "won": "$text-success bold",
    "lost": "$text-error",
}


def ordered_deals(deals: Sequence[Deal]) -> list[Deal]:
    """Open deals first, soonest close date first (undated last); then the won and lost
    ones, latest close date first (undated last); ties by the order they were added."""
    open_deals = [deal for deal in deals if deal.outcome == "open"]
    closed = [deal for deal in deals if deal.outcome != "open"]
    open_deals.sort(
        key=lambda deal: (deal.close_date is None, deal.close_date or date.min, deal.id)
    )
    closed.sort(
        key=lambda deal: (
            deal.close_date is None,
            -(deal.close_date or date.min).toordinal(),
            deal.id,
        )
    )
    return open_deals + closed


def _money(cents: int, currency: str, wide: bool) -> str:
    return format_money(cents, printable(currency), compact=not wide)


def _cell(text: str, width: int, style: str = "", *, right: bool = False) -> Content:
    content = Content.styled(text, style).truncate(width, ellipsis=True)
    padding = " " * max(0, width - content.cell_length)
    return Content(padding) + content if right else content + Content(padding)


def _widths(width: int) -> tuple[int, list[int]]:
    """The title's width and each other column's, for rows `width` cells wide."""
    wide = width >= WIDE_DEALS
    sizes = [WIDE_WIDTHS.get(key, size) if wide else size for key, size, _right in COLUMNS]
    return max(10, width - sum(size + 1 for size in sizes)), sizes


def deal_prompt(deal: Deal, currency: str, today: date, width: int) -> Content:
    """One deal on one line: title, amount, stage, probability, close date, outcome, owner."""
    deal = printable_record(deal)
    title_width, sizes = _widths(width)
    wide = width >= WIDE_DEALS
    late = deal.outcome == "open" and deal.close_date is not None and deal.close_date < today
    texts: list[tuple[str, str]] = [
        (_money(deal.amount, currency, wide), ""),
        (deal.stage or "–", "" if deal.stage else "$text-muted"),
        (f"{deal.probability}%" if deal.probability is not None else "–", ""),
        (
            deal.close_date.isoformat() if deal.close_date else "–",
            "$text-warning bold" if late else "",
        ),
        (deal.outcome, OUTCOME_STYLES.get(deal.outcome, "")),
        (deal.owner or "–", "" if deal.owner else "$text-muted"),
    ]
    cells = [_cell(deal.title, title_width, "bold")]
    cells += [
        _cell(text, size, style, right=right)
        for (text, style), size, (_key, _size, right) in zip(texts, sizes, COLUMNS, strict=True)
    ]
    return Content(" ").join(cells)


def header_content(width: int) -> Content:
    """The column titles above the deals."""
    title_width, sizes = _widths(width)
    cells = [_cell("Title", title_width)]
    for (key, _size, right), size in zip(COLUMNS, sizes, strict=True):
        item = catalogue_field("deals", key)
        cells.append(_cell(item.column_label or item.label, size, right=right))
    return Content(" ").join(cells).stylize("bold $text-muted")


def totals_content(totals: DealTotals, currency: str, width: int) -> Content:
    """The line under the deals: the open pipeline, weighted, and what was won this year."""
    wide = width >= WIDE_DEALS
    return Content.assemble(
        ("Open pipeline ", "$text-muted"),
        (_money(totals.open_amount, currency, wide), "bold"),
        (" · weighted ", "$text-muted"),
        (_money(totals.weighted, currency, wide), "bold"),
        (f" · won in {totals.year} ", "$text-muted"),
        (_money(totals.won_this_year, currency, wide), "bold $text-success"),
    )


class DealOption(Option):
    """A row of the deal list, carrying its deal."""

    def __init__(self, deal: Deal, currency: str, today: date, width: int) -> None:
        super().__init__(deal_prompt(deal, currency, today, width), id=f"deal-{deal.id}")
        self.deal = deal
        """The deal shown."""


class DealList(OptionList):
    """The account's deals, one option each; asks the screen to add, edit or delete one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "add", "Add deal", id="deal-add", tooltip="Add a deal (an opportunity)"),
        Binding(
            "e,enter",
            "edit",
            "Edit",
            key_display="e",
            id="deal-edit",
            tooltip="Edit the highlighted deal",
        ),
        Binding(
            "d",
            "delete",
            "Delete",
            id="deal-delete",
            tooltip="Delete the highlighted deal (asks first; u undoes)",
        ),
        Binding("j", "cursor_down", "Down", show=False, id="deal-down", tooltip="Next deal"),
        Binding("k", "cursor_up", "Up", show=False, id="deal-up", tooltip="Previous deal"),
    ]

    @dataclass
    class AddRequested(Message):
        """The user wants to add a deal."""

    @dataclass
    class EditRequested(Message):
        """The user wants to edit a deal."""

        deal_id: int
        """The deal to edit."""

    @dataclass
    class DeleteRequested(Message):
        """The user wants to delete a deal."""

        deal_id: int
        """The deal to delete."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.deals: list[Deal] = []
        """The deals as last shown, in list order."""
        self.currency = ""
        """The currency symbol amounts are shown with."""
        self.today = date.min
        """The day open deals are late after."""

    @property
    def highlighted_deal(self) -> Deal | None:
        """The deal under the cursor."""
        if self.highlighted is None or not self.deals:
            return None
        option = self.get_option_at_index(self.highlighted)
        return option.deal if isinstance(option, DealOption) else None

    def show(
        self, deals: Sequence[Deal], currency: str, today: date, *, keep: int | None = None
    ) -> None:
        """Show `deals` in list order, keeping the highlight on deal `keep` (or on the same
        deal, or at the same place when that one is gone)."""
        current = self.highlighted_deal
        keep_id = keep if keep is not None else (current.id if current else None)
        index = self.highlighted or 0
        self.deals = ordered_deals(deals)
        self.currency, self.today = currency, today
        self._redraw()
        ids = [deal.id for deal in self.deals]
        if keep_id in ids:
            self.highlighted = ids.index(keep_id)
        elif self.deals:
            self.highlighted = min(index, len(self.deals) - 1)

    def highlight_deal(self, deal_id: int) -> None:
        """Move the highlight to a deal, if the list shows it."""
        ids = [deal.id for deal in self.deals]
        if deal_id in ids:
            self.highlighted = ids.index(deal_id)

    def _redraw(self) -> None:
        width = self.scrollable_content_region.width or max(0, self.size.width - LIST_GUTTER)
        highlighted = self.highlighted
        self.set_options(
            [DealOption(deal, self.currency, self.today, width) for deal in self.deals]
        )
        if highlighted is not None and self.deals:
            self.highlighted = min(highlighted, len(self.deals) - 1)

    def on_resize(self, event: Resize) -> None:
        self._redraw()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("edit", "delete"):
            return self.highlighted_deal is not None
        return True

    def action_add(self) -> None:
        """Ask for a new deal."""
        self.post_message(self.AddRequested())

    def action_edit(self) -> None:
        """Ask to edit the highlighted deal."""
        deal = self.highlighted_deal
        if deal is not None:
            self.post_message(self.EditRequested(deal.id))

    def action_delete(self) -> None:
        """Ask to delete the highlighted deal."""
        deal = self.highlighted_deal
        if deal is not None:
            self.post_message(self.DeleteRequested(deal.id))


class DealsPane(Vertical):
    """The Deals tab: the column titles, the deals, and their totals under them."""

    DEFAULT_CSS = """
    DealsPane {
        height: 1fr;
        & > #deals-header {
            height: 1;
            padding: 0 4 0 2;
        }
        & > DealList {
            height: 1fr;
            scrollbar-gutter: stable;
        }
        & > #deals-totals {
            height: 1;
            padding: 0 2;
        }
        & > #deals-empty {
            padding: 1 2;
            color: $text-muted;
            display: none;
        }
        &.-empty {
            & > #deals-empty {
                display: block;
            }
            & > #deals-header, & > #deals-totals {
                display: none;
            }
        }
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._totals: DealTotals | None = None
        self._currency = ""

    def compose(self) -> ComposeResult:
        yield Static("", id="deals-header")
        yield Static("No deals yet. Press n to add the first one.", id="deals-empty")
        yield DealList(id="deal-list")
        yield Static("", id="deals-totals")

    @property
    def deal_list(self) -> DealList:
        """The list of deals."""
        return self.query_one(DealList)

    def _row_width(self) -> int:
        return max(0, self.size.width - LIST_GUTTER)

    def _draw_lines(self) -> None:
        width = self._row_width()
        self.query_one("#deals-header", Static).update(header_content(width))
        if self._totals is not None:
            self.query_one("#deals-totals", Static).update(
                totals_content(self._totals, self._currency, width)
            )

    def on_resize(self, event: Resize) -> None:
        self._draw_lines()

    def show(
        self, deals: Sequence[Deal], currency: str, today: date, *, keep: int | None = None
    ) -> None:
        """Show `deals` and their totals as of `today`."""
        self.set_class(not deals, "-empty")
        self._totals, self._currency = deal_totals(deals, today), currency
        self._draw_lines()
        self.deal_list.show(deals, currency, today, keep=keep)
