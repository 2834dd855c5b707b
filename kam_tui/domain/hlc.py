"""A hybrid logical clock: timestamps that order the team's edits, newest wins.

A timestamp is (physical milliseconds, counter, origin). `tick` stamps a local event:
never before the last stamp, never before the wall clock. `receive` folds in a stamp seen
from another laptop, so this laptop's later events sort after it (causality beats a slow
clock), but only up to MAX_LEAD ahead of this laptop's own wall clock.

Clock skew, the bound: a laptop whose clock is a day fast stamps its edits a day ahead.
Its stamps are kept as they are (every laptop must decide a clash the same way from the
same document, so nobody rewrites them), and until real time catches up they beat the
concurrent edits of laptops with right clocks: for that day its edits of a field win
clashes they would have lost. The damage stops there: a laptop that receives such a
stamp moves its own clock at most MAX_LEAD ahead of its wall clock, so one wrong laptop
never drags the team's clocks a day ahead, and an edit made after seeing a value still
beats it (the shared document stamps a write at least one step after the value it
replaces: `after`). A clock a day slow is the mirror case: its edits lose the clashes
of that day, except against the values it saw before writing.
"""

from __future__ import annotations

from dataclasses import dataclass

from kam_tui.domain.clock import Clock

MAX_LEAD_MS = 5 * 60 * 1000
"""How far ahead of this laptop's wall clock a received stamp may move its clock."""
_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"
"""Base-36 digits, in ASCII order, so a fixed-width string sorts as its number does."""
_MILLIS_WIDTH = 9
"""Base-36 digits of the milliseconds (36**9 ms is over 3,000 years past 1970)."""
_COUNTER_WIDTH = 3
_COUNTER_LIMIT = 36**_COUNTER_WIDTH
"""The counter's room within one millisecond (46,656)."""


def _base36(number: int, width: int) -> str:
    digits = []
    for _ in range(width):
        number, digit = divmod(number, 36)
        digits.append(_DIGITS[digit])
    if number:
        raise ValueError("too large for a hybrid-clock stamp")
    return "".join(reversed(digits))


@dataclass(frozen=True, order=True, slots=True)
class Stamp:
    """One hybrid-clock timestamp; ordered as (millis, counter, origin)."""

    millis: int
    """Physical time, milliseconds since the Unix epoch (as the stamping laptop saw it)."""
    counter: int
    """Orders the events of one millisecond."""
    origin: str
    """The stamping store's origin id: the tie-breaker, and who stamped it."""

    def __str__(self) -> str:
        """The string form, which sorts as the stamps order: "<millis>.<counter>.<origin>"
        with the numbers in zero-padded base 36 (9 and 3 digits: the document holds one
        stamp per field, so it is kept short)."""
        return (
            f"{_base36(self.millis, _MILLIS_WIDTH)}.{_base36(self.counter, _COUNTER_WIDTH)}"
            f".{self.origin}"
        )

    @classmethod
    def parse(cls, text: str) -> Stamp:
        """The stamp of a string form; ValueError when `text` is not one."""
        parts = text.split(".")
        if (
            len(parts) != 3
            or len(parts[0]) != _MILLIS_WIDTH
            or len(parts[1]) != _COUNTER_WIDTH
            or not parts[2]
            or any(c not in _DIGITS for c in parts[0] + parts[1])
        ):
            raise ValueError(f"not a hybrid-clock stamp: {text!r}")
        return cls(int(parts[0], 36), int(parts[1], 36), parts[2])

    def after(self, origin: str) -> Stamp:
        """The smallest stamp of `origin` that sorts after this one."""
        if self.counter + 1 < _COUNTER_LIMIT:
            return Stamp(self.millis, self.counter + 1, origin)
        return Stamp(self.millis + 1, 0, origin)


class HybridClock:
    """The hybrid clock of one store (one origin)."""

    def __init__(self, clock: Clock, origin: str, last: Stamp | None = None) -> None:
        self._clock = clock
        self.origin = origin
        """The store's origin id, in every stamp this clock makes."""
        self._last = last or Stamp(0, 0, origin)

    @property
    def last(self) -> Stamp:
        """The newest stamp made or received so far."""
        return self._last

    def _now(self) -> int:
        return int(self._clock().timestamp() * 1000)

    def tick(self) -> Stamp:
        """A stamp for a local event: after every stamp so far."""
        now = self._now()
        if now > self._last.millis:
            stamp = Stamp(now, 0, self.origin)
        else:
            stamp = self._last.after(self.origin)
        self._last = stamp
        return stamp

    def receive(self, remote: Stamp) -> None:
        """Note a stamp seen from another laptop, so later ticks sort after it; one more
        than MAX_LEAD_MS ahead of the wall clock moves this clock only that far."""
        bound = Stamp(self._now() + MAX_LEAD_MS, 0, self.origin)
        seen = min(remote, bound)
        if seen > self._last:
            self._last = Stamp(seen.millis, seen.counter, self.origin)
