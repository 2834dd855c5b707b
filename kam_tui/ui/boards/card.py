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
IN_STATUS = " in status"
"""Said after the days in status where the card is wide enough for it."""
IN_STATUS_WIDTH = {False: 24, True: 36}
"""The text width (of a narrow, of a wide card) from which the days say "in status": room
for "€12.5M · 123d in status", and on a wide card for " · " and ten cells of the detail.
One width for every card, so the cards of a column say it alike."""


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
    account: Account,
    detail: str,
    context: CardContext,
    *,
    marked: bool,
    wide: bool,
    width: int = 0,
) -> Content:
    """Marks and name, then detail, revenue and days in status: revenue, days and detail on
    one line when `wide`, detail above revenue and days otherwise (an 80-column terminal).

    The days say "in status" when the card is `IN_STATUS_WIDTH` cells wide; otherwise they
    are a bare "57d", which the help's "What the cards show" explains."""
    marks: list[tuple[str, str]] = []
    if marked:
        marks.append((f"{SELECTED_MARK} ", "bold $accent"))
    if account.key_account:
        marks.append((f"{KEY_MARK} ", "$warning"))
    if is_overdue(account, context.today, context.default_cadence_days):
        marks.append((f"{OVERDUE_MARK} ", "bold $error"))
    name_style = "bold reverse $accent" if marked else "bold"
    days = days_in_status(account, context.today)
    revenue = format_money(account.annual_revenue, context.currency, compact=True)
    head = Content.assemble(*marks, (printable(account.name), name_style))
    detail = printable(detail)
    if days is None:
        figures = revenue
    elif width >= IN_STATUS_WIDTH[wide]:
        figures = f"{revenue} · {days}d{IN_STATUS}"
    else:
        figures = f"{revenue} {days}d"
    if wide:
        return Content.assemble(head, "\n", figures, " · ", (detail, "$text-muted"))
    return Content.assemble(head, "\n", (detail, "$text-muted"), "\n", figures)


def card_legend(
    context: CardContext, detail: tuple[str, str], *, marks_cards: bool
) -> tuple[tuple[str, str, str], ...]:
    """What each mark and figure of a card means, for the help: (looks like, what it is, how
    it is counted); `detail` is what the detail line shows (example, meaning)."""
    revenue = format_money(480_000_000, context.currency, compact=True)
    legend = [
        (KEY_MARK, "Key account", "The account is marked as a key account"),
        (
            OVERDUE_MARK,
            "Overdue for contact",
            "The last contact is older than the account's cadence "
            f"(or the default {context.default_cadence_days} days)",
        ),
    ]
    if marks_cards:
        legend.append(
            (SELECTED_MARK, "Marked", "Marked with space, for a move of several cards at once")
        )
    legend += [
        (revenue, "Annual revenue", "The account's annual revenue, rounded"),
        (
            "57d",
            "Days in status",
            "Days since the account entered its pipeline status (said in full where the "
            "card is wide enough); the account's overview counts days since the last contact",
        ),
        (*detail, "The second line of a narrow card, after the figures on a wide one"),
    ]
    return tuple(legend)


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

    def content(self, *, marked: bool, wide: bool, width: int = 0) -> Content:
        """The card's text in `width` cells: two lines when `wide`, three otherwise."""
        return card_content(
            self.account, self.detail, self.context, marked=marked, wide=wide, width=width
        )
