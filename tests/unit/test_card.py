"""A card's figures say what they are where the card is wide enough; the legend says the rest."""

from __future__ import annotations

from datetime import date

from kam_tui.domain.models import Account
from kam_tui.ui.boards.card import CardContext, card_content, card_legend

CONTEXT = CardContext(today=date(2026, 11, 20), default_cadence_days=30, currency="€")
ACCOUNT = Account(
    id=1,
    name="Adventure Works",
    annual_revenue=480_000_000,  # cents: €4.8M
    status_since=date(2026, 9, 24),  # 57 days before 2026-11-20
    last_contact=date(2026, 11, 10),
    key_account=True,
)


def lines(*, wide: bool, width: int) -> list[str]:
    content = card_content(ACCOUNT, "Bruno K.", CONTEXT, marked=False, wide=wide, width=width)
    return content.plain.split("\n")


def test_a_narrow_card_at_80_columns_shows_the_bare_days() -> None:
    assert lines(wide=False, width=12) == ["★ Adventure Works", "Bruno K.", "€4.8M 57d"]


def test_a_wide_card_says_in_status_from_its_width_on() -> None:
    assert lines(wide=True, width=35) == ["★ Adventure Works", "€4.8M 57d · Bruno K."]
    assert lines(wide=True, width=36) == [
        "★ Adventure Works",
        "€4.8M · 57d in status · Bruno K.",
    ]


def test_an_account_without_a_status_date_shows_its_revenue_alone() -> None:
    account = Account(id=2, name="X", annual_revenue=75_000_000, last_contact=date(2026, 11, 19))
    content = card_content(account, "Dev P.", CONTEXT, marked=False, wide=True, width=60)
    assert content.plain == "X\n€750k · Dev P."


def test_the_legend_explains_every_mark_and_figure_of_a_card() -> None:
    legend = card_legend(CONTEXT, ("Alice M.", "Assignee"), marks_cards=False)
    assert [(looks, what) for looks, what, _how in legend] == [
        ("★", "Key account"),
        ("!", "Overdue for contact"),
        ("€4.8M", "Annual revenue"),
        ("57d", "Days in status"),
        ("Alice M.", "Assignee"),
    ]
    assert "default 30 days" in legend[1][2]
    marking = card_legend(CONTEXT, ("Contacted", "Pipeline status"), marks_cards=True)
    assert ("✓", "Marked") in [(looks, what) for looks, what, _how in marking]
