"""A board column finds an account by the screen's locator, and checks what it is told."""

from __future__ import annotations

from datetime import date

from textual.content import Content
from textual.geometry import Region
from textual.style import Style as VisualStyle

from kam_tui.domain.models import Account
from kam_tui.ui.boards.card import Card, CardContext
from kam_tui.ui.boards.column import BoardColumn, Locator


class Host:
    """Stands for the board: finding an account draws nothing."""

    def column_style(self, name: str) -> VisualStyle:
        raise AssertionError("nothing is drawn")

    def parse_style(self, style: str | VisualStyle) -> VisualStyle:
        raise AssertionError("nothing is drawn")

    def repaint_column(self, column: BoardColumn, region: Region | None = None) -> None:
        raise AssertionError("nothing is drawn")


def column(accounts: list[Account], locate: Locator) -> BoardColumn:
    context = CardContext(today=date(2026, 11, 20), default_cadence_days=30, currency="€")
    return BoardColumn(
        "A",
        Content("A"),
        accounts,
        header_lines=2,
        card_for=lambda account: Card(account, "", context),
        marked=set(),
        host=Host(),
        locate=locate,
    )


ACCOUNTS = [Account(id=i, name=f"n{i}") for i in range(10, 20)]


def test_a_right_position_is_taken_without_a_scan() -> None:
    asked: list[tuple[str, int]] = []

    def locate(key: str, account_id: int) -> int | None:
        asked.append((key, account_id))
        return account_id - 10

    assert column(ACCOUNTS, locate).index_of(17) == 7
    assert asked == [("A", 17)]


def test_a_wrong_position_is_checked_and_the_column_scans() -> None:
    assert column(ACCOUNTS, lambda key, account_id: 0).index_of(17) == 7
    assert column(ACCOUNTS, lambda key, account_id: 99).index_of(17) == 7


def test_not_in_the_column_is_trusted() -> None:
    assert column(ACCOUNTS, lambda key, account_id: None).index_of(17) is None
    # Near the cursor, the column looks itself first.
    assert column(ACCOUNTS, lambda key, account_id: None).index_of(11) == 1
