"""Records for the Portfolio figure tests: accounts and their children from a few literals."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from kam_tui.domain.models import Account, Deal, StatusChange

TODAY = date(2026, 11, 20)
"""The day every Portfolio test lives in."""


def account(account_id: int, **fields: object) -> Account:
    """An account contacted five days ago, with nothing else known unless given."""
    base = Account(
        id=account_id,
        name=f"Account {account_id:03d}",
        status="Contacted",
        lifecycle="New",
        last_contact=TODAY - timedelta(days=5),
    )
    return replace(base, **fields)  # type: ignore[arg-type]


def deal(deal_id: int, account_id: int, amount: int, outcome: str, closed: date | None) -> Deal:
    """A deal of `amount` cents with an outcome and a close date."""
    return Deal(
        id=deal_id, account_id=account_id, amount=amount, outcome=outcome, close_date=closed
    )


def move(
    change_id: int, account_id: int, day: date, to: str, before: str = "", reason: str = ""
) -> StatusChange:
    """A status change of an account."""
    return StatusChange(
        id=change_id,
        account_id=account_id,
        day=day,
        kind="status",
        from_value=before,
        to_value=to,
        reason=reason,
    )
