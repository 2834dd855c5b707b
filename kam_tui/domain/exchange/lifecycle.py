"""An imported account's pipeline status and lifecycle list, derived from its deals.

Status: the stage of its latest open deal (latest created, then latest closing); with no
open deal, the won or lost status of its latest closed deal; with no deal, the first status.
Lifecycle, first rule that holds: Lost when its latest closed deal was lost and no deal is
open; New when no deal was won; Returning when a won deal closed after a lost one, or more
than `gap_months` after the previous won one; else Existing. Deals closing the same day
keep their file order. The account's `status_since` is the day the deciding deal entered
its stage (its stage history's latest entry), else its close date if closed, else the day
it was created, else unknown (the import's day).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from kam_tui.domain.exchange.tuning import ImportSettings, LifecycleNames
from kam_tui.domain.models import Deal


def _closed(deals: Sequence[Deal]) -> list[Deal]:
    """The won and lost deals, oldest close first (stable: file order within a day)."""
    done = [deal for deal in deals if deal.outcome in ("won", "lost")]
    return sorted(done, key=lambda deal: deal.close_date or date.min)


def deciding_deal(deals: Sequence[Deal]) -> Deal | None:
    """The deal that gives the account its status: the latest open one (latest created,
    then latest closing, then last in the file), else the latest closed one."""
    open_deals = [deal for deal in deals if deal.outcome == "open" and deal.stage]
    if open_deals:
        return max(
            enumerate(open_deals),
            key=lambda pair: (pair[1].created or date.min, pair[1].close_date or date.min, pair[0]),
        )[1]
    closed = _closed(deals)
    return closed[-1] if closed else None


def status_of(deals: Sequence[Deal], settings: ImportSettings, default: str) -> str:
    """The account's pipeline status from its deals (see the module's rules)."""
    deal = deciding_deal(deals)
    if deal is None:
        return default
    if deal.outcome == "open":
        return deal.stage
    return settings.won_status if deal.outcome == "won" else settings.lost_status


def _months_between(earlier: date, later: date) -> int:
    return (later.year - earlier.year) * 12 + later.month - earlier.month


def lifecycle_of(deals: Sequence[Deal], names: LifecycleNames, default: str) -> str:
    """The account's lifecycle list from its deals (see the module's rules)."""
    if not deals:
        return default
    closed = _closed(deals)
    has_open = any(deal.outcome == "open" for deal in deals)
    if closed and closed[-1].outcome == "lost" and not has_open:
        return names.lost
    if not any(deal.outcome == "won" for deal in closed):
        return names.new
    lost_seen = False
    last_won: date | None = None
    for deal in closed:
        if deal.outcome == "lost":
            lost_seen = True
            continue
        day = deal.close_date
        if lost_seen:
            return names.returning
        if (
            last_won is not None
            and day is not None
            and _months_between(last_won, day) > names.gap_months
        ):
            return names.returning
        last_won = day or last_won
    return names.existing
