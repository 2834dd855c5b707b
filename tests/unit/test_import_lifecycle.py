"""An imported account's status and lifecycle list, from its deals."""

from __future__ import annotations

from datetime import date

from kam_tui.domain.exchange.lifecycle import lifecycle_of, status_of
from kam_tui.domain.exchange.tuning import ImportSettings, LifecycleNames
from kam_tui.domain.models import Deal

NAMES = LifecycleNames()
SETTINGS = ImportSettings()


def deal(
    outcome: str, closed: tuple[int, int], stage: str = "", created: date | None = None
) -> Deal:
    return Deal(
        outcome=outcome, close_date=date(closed[0], closed[1], 1), stage=stage, created=created
    )


def test_no_deal_keeps_the_first_status_and_list() -> None:
    assert status_of([], SETTINGS, "Contacted") == "Contacted"
    assert lifecycle_of([], NAMES, "New") == "New"


def test_the_latest_open_deal_gives_the_status() -> None:
    deals = [
        deal("open", (2024, 5), "Contacted", created=date(2024, 1, 1)),
        deal("open", (2024, 4), "Proposal sent", created=date(2024, 2, 1)),
        deal("won", (2024, 6), "Won"),
    ]
    assert status_of(deals, SETTINGS, "Contacted") == "Proposal sent"


def test_without_an_open_deal_the_latest_closed_one_gives_won_or_lost() -> None:
    deals = [deal("lost", (2023, 1), "Lost"), deal("won", (2024, 1), "Won")]
    assert status_of(deals, SETTINGS, "Contacted") == "Won"
    assert status_of([*deals, deal("lost", (2024, 2), "Lost")], SETTINGS, "Contacted") == "Lost"


def test_lifecycle_rules_in_order() -> None:
    assert lifecycle_of([deal("open", (2024, 1))], NAMES, "New") == "New"
    assert lifecycle_of([deal("won", (2024, 1)), deal("lost", (2024, 3))], NAMES, "New") == "Lost"
    # Lost last but a deal is open: not Lost; won before: Existing.
    deals = [deal("won", (2024, 1)), deal("lost", (2024, 3)), deal("open", (2024, 9))]
    assert lifecycle_of(deals, NAMES, "New") == "Existing"
    assert (
        lifecycle_of([deal("lost", (2023, 1)), deal("won", (2023, 6))], NAMES, "New") == "Returning"
    )
    # Wins 13 months apart (more than gap_months 12) return; 12 months apart do not.
    assert (
        lifecycle_of([deal("won", (2022, 1)), deal("won", (2023, 2))], NAMES, "New") == "Returning"
    )
    assert (
        lifecycle_of([deal("won", (2022, 1)), deal("won", (2023, 1))], NAMES, "New") == "Existing"
    )
