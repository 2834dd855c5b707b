"""A few deals of the demo's Tailspin Airlines, built from literals for tests and snapshots."""

from __future__ import annotations

from datetime import date

from kam_tui.domain.models import Deal
from kam_tui.store import Repository

TAILSPIN = 4
"""The demo account the deals belong to (status Won, account manager Dev Patel)."""
TAILSPIN_DEALS: tuple[Deal, ...] = (
    Deal(
        account_id=TAILSPIN,
        title="Fleet wifi renewal",
        amount=120_000_00,
        stage="Proposal sent",
        probability=60,
        created=date(2026, 9, 1),
        close_date=date(2026, 12, 15),
        owner="Dev Patel",
    ),
    Deal(
        account_id=TAILSPIN,
        title="Cargo tracking pilot",
        amount=45_500_00,
        stage="Demo provided",
        probability=30,
        created=date(2026, 10, 10),
        close_date=date(2026, 11, 10),
        owner="Alice Martin",
    ),
    Deal(
        account_id=TAILSPIN,
        title="Maintenance analytics",
        amount=310_000_00,
        stage="Won",
        probability=100,
        created=date(2026, 2, 1),
        close_date=date(2026, 6, 30),
        outcome="won",
        reason="Best fit for their MRO team",
        owner="Dev Patel",
    ),
    Deal(
        account_id=TAILSPIN,
        title="Catering portal",
        amount=80_000_00,
        stage="Lost",
        probability=20,
        created=date(2025, 9, 1),
        close_date=date(2025, 12, 1),
        outcome="lost",
        reason="Price",
        owner="Dev Patel",
    ),
    Deal(
        account_id=TAILSPIN,
        title="Lounge booking",
        amount=15_000_00,
        stage="Contacted",
        created=date(2026, 11, 1),
    ),
)
"""Open: Cargo (late, closes 2026-11-10), Fleet (2026-12-15), Lounge (no date); won
Maintenance (2026-06-30); lost Catering (2025-12-01). Open pipeline 180,500.00; weighted
120,000×60% + 45,500×30% = 85,650.00; won in 2026: 310,000.00."""
SHOWN_ORDER = (
    "Cargo tracking pilot",
    "Fleet wifi renewal",
    "Lounge booking",
    "Maintenance analytics",
    "Catering portal",
)
"""The deals' titles in the order the tab lists them."""


def add_deals(repo: Repository, deals: tuple[Deal, ...] = TAILSPIN_DEALS) -> list[Deal]:
    """Give the accounts of `deals` exactly those deals (any the demo gave them are deleted),
    in one change, and wait until they are on disk; returns them with their ids."""
    accounts = {deal.account_id for deal in deals}
    with repo.change("Added the test deals") as change:
        for account_id in accounts:
            for old in repo.children(Deal, account_id):
                change.delete(old)
        saved = [change.save(deal) for deal in deals]
    repo.wait_saved(10)
    return saved


def without_deals(repo: Repository, account_id: int = TAILSPIN) -> None:
    """Delete every deal of an account (the demo's), in one change."""
    with repo.change("Deleted the demo deals") as change:
        for old in repo.children(Deal, account_id):
            change.delete(old)
    repo.wait_saved(10)
