"""An injectable clock, so tests and snapshots see a fixed today."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime

Clock = Callable[[], datetime]
"""Returns the current moment as an aware UTC datetime."""


def system_clock() -> datetime:
    """The real time, in UTC."""
    return datetime.now(UTC)


def fixed_clock(moment: datetime) -> Clock:
    """A clock that always returns `moment` (naive values are taken as UTC)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)

    def clock() -> datetime:
        return moment

    return clock


def today(clock: Clock) -> date:
    """The clock's current date."""
    return clock().date()
