"""An account card of a board column, drawn from the account's fields."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from textual.content import Content

from kam_tui.domain.metrics import days_in_status
from kam_tui.domain.models import Account
from kam_tui.domain.money import format_money
from kam_tui.domain.rules import is_overdue
from kam_tui.domain.text import printable

KEY_MARK = "★"
"""Shown before the name of a key account."""
OVERDUE_MARK = "!"
"""Shown before the name of an account overdue for contact."""
SELECTED_MARK = "✓"
"""Shown before the name of a card marked for a bulk move."""


def short_person(name: str) -> str:
    """`Alice Martin` -> `Alice M.`, so a card keeps room for the figures."""
    parts = name.split()
    if len(parts) < 2:
        return name
    return f"{parts[0]} {parts[-1][0]}."


@dataclass(frozen=True)
class CardContext:
    """What every card of a board needs besides its account."""

    today: date
    """The clock's date, for days in status and the overdue mark."""
    default_cadence_days: int
    """The contact cadence of accounts that do not set their own."""
    currency: str
    """The currency symbol shown before revenue."""


def card_content(
    account: Account, detail: str, context: CardContext, *, marked: bool, wide: bool
) -> Content:
    """Marks and name, then detail, revenue and days in status: revenue, days and detail on
    one line when `wide`, detail above revenue and days otherwise (an 80-column terminal)."""
    marks: list[tuple[str, str]] = []
    if marked:
        marks.append((f"{SELECTED_MARK} ", "bold $accent"))
    if account.key_account:
        marks.append((f"{KEY_MARK} ", "$warning"))
    if is_overdue(account, context.today, context.default_cadence_days):
        marks.append((f"{OVERDUE_MARK} ", "bold $error"))
    name_style = "bold reverse $accent" if marked else "bold"
    days = days_in_status(account, context.today)
    figures = format_money(account.annual_revenue, context.currency, compact=True)
    if days is not None:
        figures += f" {days}d"
    head = Content.assemble(*marks, (printable(account.name), name_style))
    detail = printable(detail)
    if wide:
        return Content.assemble(head, "\n", figures, " · ", (detail, "$text-muted"))
    return Content.assemble(head, "\n", (detail, "$text-muted"), "\n", figures)


class Card:
    """A card: an account with what its lines show; a column draws it only while visible."""

    __slots__ = ("account", "context", "detail")

    def __init__(self, account: Account, detail: str, context: CardContext) -> None:
        self.account = account
        """The account the card shows (as it was when the card was built)."""
        self.detail = detail
        """The lead of the detail line: the assignee or the status."""
        self.context = context
        """Today, cadence and currency the card is drawn with."""

    def content(self, *, marked: bool, wide: bool) -> Content:
        """The card's text: two lines when `wide`, three otherwise."""
        return card_content(self.account, self.detail, self.context, marked=marked, wide=wide)
