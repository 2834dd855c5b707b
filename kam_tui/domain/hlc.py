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
_COUNTER_LIMIT = 1_000_000
"""The counter's room within one millisecond (six digits in the string form)."""


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
        with the numbers zero-padded (15 and 6 digits)."""
        return f"{self.millis:015d}.{self.counter:06d}.{self.origin}"

    @classmethod
    def parse(cls, text: str) -> Stamp:
        """The stamp of a string form; ValueError when `text` is not one."""
        parts = text.split(".")
        if len(parts) != 3 or len(parts[0]) != 15 or len(parts[1]) != 6:
            raise ValueError(f"not a hybrid-clock stamp: {text!r}")
        millis, counter, origin = parts
        if not (millis.isdigit() and counter.isdigit() and origin):
            raise ValueError(f"not a hybrid-clock stamp: {text!r}")
        return cls(int(millis), int(counter), origin)

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
