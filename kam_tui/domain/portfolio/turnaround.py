"""Turnaround from the status history: time in each status, time to Won, win rates, lost
reasons and the cards stuck in their status."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from itertools import pairwise

from kam_tui.domain.metrics import days_in_status
from kam_tui.domain.models import Account, Deal, StatusChange
from kam_tui.domain.portfolio.common import mean, median, name_order, ratio, ref
from kam_tui.domain.portfolio.figures import (
    ReasonCount,
    StatusDuration,
    StuckAccount,
    Turnaround,
)
from kam_tui.domain.portfolio.tuning import PortfolioSettings


def status_entries(history: Iterable[StatusChange]) -> list[StatusChange]:
    """An account's dated status changes (lifecycle changes left out), oldest first."""
    entries = [change for change in history if change.kind == "status" and change.day is not None]
    entries.sort(key=lambda change: (change.day, change.id))
    return entries


def completed_stays(entries: Sequence[StatusChange]) -> list[tuple[str, int]]:
    """(status, days) of each stay that ended: from entering the status to the next change."""
    stays: list[tuple[str, int]] = []
    for entered, left in pairwise(entries):
        assert entered.day is not None and left.day is not None  # status_entries keeps dated
        stays.append((entered.to_value, (left.day - entered.day).days))
    return stays


def days_to_won(entries: Sequence[StatusChange], won: str) -> int | None:
    """Days from an account's first status entry to its first move to Won; None when it
    never reached Won or its history starts there (nothing known of before)."""
    for position, change in enumerate(entries):
        if change.to_value.casefold() == won:
            if position == 0:
                return None
            first, reached = entries[0].day, change.day
            assert first is not None and reached is not None
            return (reached - first).days
    return None


def reason_key(reason: str) -> str:
    """Reasons equal ignoring case and spacing count as one."""
    return " ".join(reason.split()).casefold()


def tally_reasons(reasons: Iterable[str]) -> tuple[tuple[ReasonCount, ...], int]:
    """The reasons given, most frequent first (ties by reason), and how many were empty."""
    counts: dict[str, int] = {}
    spelling: dict[str, str] = {}
    empty = 0
    for reason in reasons:
        key = reason_key(reason)
        if not key:
            empty += 1
            continue
        spelling.setdefault(key, " ".join(reason.split()))
        counts[key] = counts.get(key, 0) + 1
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return tuple(ReasonCount(spelling[key], count) for key, count in ordered), empty


def turnaround(
    accounts: Sequence[Account],
    history_by_account: Mapping[int, Sequence[StatusChange]],
    deals: Iterable[Deal],
    status_names: Sequence[str],
    today: date,
    settings: PortfolioSettings,
) -> Turnaround:
    """Every turnaround figure of `accounts`, their history and their deals."""
    won, lost = settings.won_status.casefold(), settings.lost_status.casefold()
    stays_by_status: dict[str, list[int]] = {}
    to_won: list[int] = []
    lost_reasons: list[str] = []
    for account in accounts:
        entries = status_entries(history_by_account.get(account.id, ()))
        for status, days in completed_stays(entries):
            stays_by_status.setdefault(status, []).append(days)
        reached = days_to_won(entries, won)
        if reached is not None:
            to_won.append(reached)
        lost_reasons.extend(
            change.reason for change in entries if change.to_value.casefold() == lost
        )
    deals_won = deals_lost = 0
    for deal in deals:
        if deal.outcome == "won":
            deals_won += 1
        elif deal.outcome == "lost":
            deals_lost += 1
            lost_reasons.append(deal.reason)
    current: dict[str, int] = {}
    for account in accounts:
        current[account.status] = current.get(account.status, 0) + 1
    found = (set(stays_by_status) | set(current)) - set(status_names) - {""}
    names = [*status_names, *sorted(found, key=lambda name: (name.casefold(), name))]
    durations = tuple(
        StatusDuration(
            status,
            len(stays_by_status.get(status, ())),
            mean(stays_by_status.get(status, ())),
            median(stays_by_status.get(status, ())),
            current.get(status, 0),
        )
        for status in names
    )
    medians = {row.status: row.median_days for row in durations}
    stuck = stuck_accounts(accounts, medians, today, (won, lost))
    accounts_won = sum(1 for account in accounts if account.status.casefold() == won)
    accounts_lost = sum(1 for account in accounts if account.status.casefold() == lost)
    reasons, without_reason = tally_reasons(lost_reasons)
    return Turnaround(
        statuses=durations,
        days_to_won_average=mean(to_won),
        days_to_won_median=median(to_won),
        won_accounts_measured=len(to_won),
        deals_won=deals_won,
        deals_lost=deals_lost,
        deal_win_rate=ratio(deals_won, deals_won + deals_lost),
        accounts_won=accounts_won,
        accounts_lost=accounts_lost,
        account_win_rate=ratio(accounts_won, accounts_won + accounts_lost),
        lost_reasons=reasons,
        lost_without_reason=without_reason,
        stuck=stuck,
    )


def stuck_accounts(
    accounts: Iterable[Account],
    medians: Mapping[str, float | None],
    today: date,
    end_states: Sequence[str],
) -> tuple[StuckAccount, ...]:
    """Accounts in their status longer than twice its median completed stay, the most
    times its median first; nobody is stuck in an end state (Won, Lost) or a status never left."""
    stuck: list[tuple[float, tuple[str, int], StuckAccount]] = []
    for account in accounts:
        median_days = medians.get(account.status)
        if median_days is None or account.status.casefold() in end_states:
            continue
        days = days_in_status(account, today)
        if days is None or days <= 2 * median_days:
            continue
        row = StuckAccount(ref(account), account.status, days, median_days)
        times = days / median_days if median_days else float("inf")
        stuck.append((times, name_order(account), row))
    stuck.sort(key=lambda item: (-item[0], item[1]))
    return tuple(item[2] for item in stuck)
