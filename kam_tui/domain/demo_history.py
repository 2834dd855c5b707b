"""The demo's track record: each account's status history, its deals and its satisfaction
over time, consistent with the account (its status, status_since and score)."""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Protocol, TypeVar

from kam_tui.domain.models import Account, Deal, Record, StatusChange
from kam_tui.domain.status_history import LOST, WON, closing_outcome

RecordT = TypeVar("RecordT", bound=Record)

LOST_REASONS: tuple[str, ...] = (
    "Price too high",
    "Chose a competitor",
    "Budget frozen",
    "No decision made",
    "Project postponed",
)
WON_REASONS: tuple[str, ...] = (
    "Best total cost over three years",
    "Strong references in their industry",
    "Fast onboarding",
    "Executive sponsor backed us",
)
_DEAL_TITLES: tuple[str, ...] = (
    "Annual subscription",
    "Platform licence",
    "Analytics add-on",
    "Support upgrade",
    "Second site roll-out",
    "Training programme",
)
_TREND_OFFSETS: dict[str, tuple[int, ...]] = {
    "rising": (0, -1, -2, -2, -3, -4),
    "falling": (0, 1, 2, 2, 3, 4),
    "steady": (0, 1, 0, -1, 0, 1),
    "dip": (0, -1, -3, -2, 0, 1),
}
"""Each trend's score offsets from the newest score, newest touch first."""
RATED_TOUCHES = len(_TREND_OFFSETS["rising"])
"""How many of a demo account's touches carry a satisfaction score."""


class ChangeSink(Protocol):
    """What the demo needs to write records: the repository's change set (the demo writes
    the status history itself, so it saves accounts with `record_history` False)."""

    def save(self, record: RecordT, *, record_history: bool = True) -> RecordT: ...


def satisfaction_scores(final: int, index: int) -> tuple[int, ...]:
    """The scores of an account's rated touches, newest first, ending (newest) at `final`:
    low scores were higher before (falling), high ones lower (rising), the rest steady or
    through a dip, so the portfolio has risers and fallers."""
    if final <= 6:
        trend = "falling" if index % 3 else "dip"
    elif final >= 8:
        trend = "rising" if index % 2 else "steady"
    else:
        trend = ("steady", "dip", "falling")[index % 3]
    return tuple(min(10, max(0, final + offset)) for offset in _TREND_OFFSETS[trend])


def status_path(
    statuses: tuple[str, ...], current: str, rng: random.Random, *, returning: bool = False
) -> list[str]:
    """The statuses an account went through to reach `current`, in pipeline order: the
    open ones up to it, or, to a closing status, some or all of them first. An account at
    the first status that is `returning` (and half the others) was won back: it went as
    far as the second, was lost, and came back to the first."""
    open_statuses = [status for status in statuses if closing_outcome(status) is None]
    lost = [status for status in statuses if closing_outcome(status) == LOST]
    if (
        open_statuses[:1] == [current]
        and lost
        and len(open_statuses) > 1
        and (returning or rng.randint(0, 1))
    ):
        return [current, open_statuses[1], lost[0], current]
    if current in open_statuses:
        return open_statuses[: open_statuses.index(current) + 1]
    if closing_outcome(current) == LOST and len(open_statuses) > 1:
        return [*open_statuses[: rng.randint(1, len(open_statuses))], current]
    return [*open_statuses, current]


def path_days(path: list[str], since: date, rng: random.Random) -> list[date]:
    """The days of the moves along `path`, oldest first, the last on `since`: each 10 to
    40 days after the one before, and 60 to 150 days between a loss and coming back."""
    days = [since]
    for number in range(len(path) - 1, 0, -1):
        came_back = closing_outcome(path[number - 1]) == LOST
        days.append(
            days[-1] - timedelta(days=rng.randint(60, 150) if came_back else rng.randint(10, 40))
        )
    return days[::-1]


def history_records(
    account: Account,
    path: list[str],
    days: list[date],
    first_list: str,
    by: str,
    reasons: list[str],
) -> list[StatusChange]:
    """The status history of an account that went through `path` on `days`, each move
    with the reason of the same place in `reasons`, then its lifecycle list: first
    `first_list`, then its own."""
    entries = [
        StatusChange(
            account_id=account.id,
            day=day,
            kind="status",
            from_value=path[number - 1] if number else "",
            to_value=status,
            by=by,
            reason=why,
        )
        for number, (status, day, why) in enumerate(zip(path, days, reasons, strict=True))
    ]
    lists = [first_list] if account.lifecycle == first_list else [first_list, account.lifecycle]
    for number, lifecycle in enumerate(lists):
        entries.append(
            StatusChange(
                account_id=account.id,
                day=days[0] if number == 0 else days[-1],
                kind="lifecycle",
                from_value=lists[number - 1] if number else "",
                to_value=lifecycle,
                by=by,
            )
        )
    return entries


def write_track_record(
    change: ChangeSink,
    account: Account,
    statuses: tuple[str, ...],
    lists: tuple[str, ...],
    by: str,
    today: date,
    rng: random.Random,
) -> None:
    """Write a demo account's status history and deals.

    The history climbs the pipeline to the account's status, reached on its
    `status_since`; a Won or Lost account says why, and so does its deal closed that day.
    Every account won a deal last year or this year (or both), some lost one, and an
    account still in the pipeline has an open deal at its status."""
    path = status_path(statuses, account.status, rng, returning=account.lifecycle != lists[0])
    days = path_days(path, account.status_since or today, rng)
    reasons = [_reason(closing_outcome(status), rng) for status in path]
    outcome, reason = closing_outcome(account.status), reasons[-1]
    for entry in history_records(account, path, days, lists[0], by, reasons):
        change.save(entry)
    for deal in _deals(account, statuses, days[0], outcome, reason, by, today, rng):
        change.save(deal)


def _reason(outcome: str | None, rng: random.Random) -> str:
    """Why a deal was won or lost (empty for a move to an open status)."""
    if outcome == WON:
        return rng.choice(WON_REASONS)
    if outcome == LOST:
        return rng.choice(LOST_REASONS)
    return ""


def _deals(
    account: Account,
    statuses: tuple[str, ...],
    first_contact: date,
    outcome: str | None,
    reason: str,
    owner: str,
    today: date,
    rng: random.Random,
) -> list[Deal]:
    stage_of = {closing_outcome(status): status for status in statuses}
    revenue = max(account.annual_revenue, 1_000_000)

    def deal(close: date, result: str, why: str, days_open: int) -> Deal:
        share = rng.choice((15, 25, 40, 60))
        return Deal(
            account_id=account.id,
            title=rng.choice(_DEAL_TITLES),
            amount=revenue * share // 100 // 100_000 * 100_000,
            stage=stage_of.get(result, "") if result != "open" else account.status,
            probability={"won": 100, "lost": 0}.get(result, _open_probability(account, statuses)),
            created=min(close, today) - timedelta(days=days_open),
            close_date=close,
            outcome=result,
            reason=why,
            owner=owner,
        )

    deals: list[Deal] = []
    year_start = date(today.year, 1, 1)
    if account.id % 4 != 3:
        last_year = year_start - timedelta(days=rng.randint(15, 340))
        deals.append(deal(last_year, WON, rng.choice(WON_REASONS), rng.randint(30, 150)))
    if outcome is not None:
        closed = account.status_since or today
        deals.append(deal(closed, outcome, reason, max(1, (closed - first_contact).days)))
    else:
        this_year = year_start + timedelta(days=rng.randint(0, max(0, (today - year_start).days)))
        result = LOST if account.id % 5 == 1 else WON
        why = rng.choice(LOST_REASONS if result == LOST else WON_REASONS)
        deals.append(deal(this_year, result, why, rng.randint(20, 120)))
        expected = today + timedelta(days=rng.randint(15, 120))
        deals.append(deal(expected, "open", "", max(1, (today - first_contact).days)))
    return deals


def _open_probability(account: Account, statuses: tuple[str, ...]) -> int:
    """A deal's chance by how far along the pipeline its account is: 20% at the first
    status, up by 20 points each status after it."""
    position = statuses.index(account.status) if account.status in statuses else 0
    return min(80, 20 * (position + 1))
