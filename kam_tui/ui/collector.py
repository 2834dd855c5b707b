"""The garbage collector's schedule while the app runs: young objects are collected when
the app has finished a key, not in the middle of the next one."""

from __future__ import annotations

import asyncio
import gc
from collections.abc import Iterator
from contextlib import contextmanager

YOUNG_THRESHOLD = 20_000
"""Allocations before Python collects the young generation by itself (a backstop: the
app collects it sooner, between keys)."""
COLLECT_AFTER_SECONDS = 0.05
"""How long after a key the young generation is collected: the key's repaint is done."""
COLLECT_FROM = 500
"""Young objects below which a collection between keys is not worth its fixed cost."""
MIDDLE_EVERY = 1_000
"""Young collections between two collections of the middle generation. Collected between
keys, the young generation is collected far more often than Python would; the middle one,
whose cost grows with what survives, is collected less often in proportion, keeping about
Python's pace."""


def tune_garbage_collector() -> None:
    """Fewer, larger young-generation collections while the app runs.

    Textual makes short-lived objects at every repaint; with Python's default thresholds
    the full collections they trigger land as long pauses inside card moves.
    `kam` and the benchmark both run with this, so the benchmark measures what users get.
    """
    gc.set_threshold(YOUNG_THRESHOLD, 50, 50)


@contextmanager
def long_lived() -> Iterator[None]:
    """Around making objects that live as long as the app: the store's accounts.

    No collection runs while they are made: records hold no cycles, so a collection then
    would only walk them for nothing. Afterwards everything alive is frozen
    out of the collector's sight (gc.freeze), so no later collection walks it again; frozen
    objects are still freed by reference counting when they are dropped.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()


class BetweenKeys:
    """Collects the young generation shortly after each key, while the user reads the
    screen: every board repaint leaves objects behind, and a collection that Python starts
    by itself would land inside a later key as a pause."""

    def __init__(self) -> None:
        self._scheduled: asyncio.TimerHandle | None = None

    def key_handled(self) -> None:
        """Note a key (or a click): collect soon after it, once."""
        if self._scheduled is None:
            loop = asyncio.get_running_loop()
            self._scheduled = loop.call_later(COLLECT_AFTER_SECONDS, self._collect)

    def cancel(self) -> None:
        """Nothing more to collect for (the app is closing)."""
        if self._scheduled is not None:
            self._scheduled.cancel()
            self._scheduled = None

    def _collect(self) -> None:
        self._scheduled = None
        young, middle, old = gc.get_count()
        if young < COLLECT_FROM:
            return
        old_threshold = gc.get_threshold()[2]
        generation = 2 if old >= old_threshold else 1 if middle >= MIDDLE_EVERY else 0
        gc.collect(generation)
