"""Turnaround from the status history: time in each status, time to Won, win rates, lost
reasons and the cards stuck in their status."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from operator import attrgetter

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

_BY_DAY_THEN_ID = attrgetter("day", "id")


def status_entries(history: Iterable[StatusChange]) -> list[StatusChange]:
    """An account's dated status changes (lifecycle changes left out), oldest first."""
    entries = [change for change in history if change.kind == "status" and change.day is not None]
    if len(entries) > 1:
        entries.sort(key=_BY_DAY_THEN_ID)
    return entries


class FoldedNames(dict[str, str]):
    """Status names folded for comparison ignoring case, each folded once."""

    def __call__(self, name: str) -> str:
        folded = self.get(name)
        if folded is None:
            folded = self[name] = name.casefold()
        return folded


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
    folded = FoldedNames()
    stays_by_status: dict[str, list[int]] = {}
    to_won: list[int] = []
    lost_reasons: list[str] = []
    current: dict[str, int] = {}
    accounts_won = accounts_lost = 0
    none: tuple[()] = ()
    for account in accounts:
        status = account.status
        current[status] = current.get(status, 0) + 1
        status_folded = folded(status)
        accounts_won += status_folded == won
        accounts_lost += status_folded == lost
        entries = status_entries(history_by_account.get(account.id, none))
        if not entries:
            continue
        previous = entries[0]
        first_day = previous.day
        reached_won = False
        if folded(previous.to_value) == lost:
            lost_reasons.append(previous.reason)
        # A history that starts at Won says nothing of the time it took.
        seen_won = folded(previous.to_value) == won
        for change in entries[1:]:
            assert change.day is not None and previous.day is not None
            bucket = stays_by_status.get(previous.to_value)
            if bucket is None:
                stays_by_status[previous.to_value] = [(change.day - previous.day).days]
            else:
                bucket.append((change.day - previous.day).days)
            to_value = folded(change.to_value)
            if to_value == won and not seen_won and not reached_won:
                assert first_day is not None
                to_won.append((change.day - first_day).days)
                reached_won = True
            elif to_value == lost:
                lost_reasons.append(change.reason)
            previous = change
    deals_won = deals_lost = 0
    for deal in deals:
        if deal.outcome == "won":
            deals_won += 1
        elif deal.outcome == "lost":
            deals_lost += 1
            lost_reasons.append(deal.reason)
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
