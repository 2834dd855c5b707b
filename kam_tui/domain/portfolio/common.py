"""Small helpers shared by the Portfolio computations: references, orders, shares, medians."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import wraps
from typing import ParamSpec, TypeVar

from kam_tui.domain.models import Account
from kam_tui.domain.portfolio.figures import AccountRef

P = ParamSpec("P")
T = TypeVar("T")


@contextmanager
def collection_paused() -> Iterator[None]:
    """Run a block without the cyclic garbage collector.

    A section builds a row per account, none holding a reference cycle; with the collector
    on, those thousands of new objects set off collections that rescan every one of them
    again and again. The collector is turned back on after, if it was on before.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def without_collection(function: Callable[P, T]) -> Callable[P, T]:
    """`function` run with the garbage collector paused (see collection_paused)."""

    @wraps(function)
    def paused(*args: P.args, **kwargs: P.kwargs) -> T:
        with collection_paused():
            return function(*args, **kwargs)

    return paused


def ref(account: Account) -> AccountRef:
    """The reference a figure row keeps of its account."""
    return AccountRef(account.id, account.name)


def name_order(account: Account) -> tuple[str, int]:
    """The tie-break of every ranking: the name ignoring case, then the id."""
    return account.name.casefold(), account.id


def ratio(part: float, whole: float) -> float | None:
    """part / whole, or None when whole is 0."""
    return part / whole if whole else None


def share(part: int, whole: int) -> float:
    """part / whole, or 0 when whole is 0 (a share of nothing is nothing)."""
    return part / whole if whole else 0.0


def top_count(percent: int, count: int) -> int:
    """How many of `count` items the top `percent`% are: rounded up, so never 0 of some."""
    return -(-percent * count // 100)


def mean(values: Sequence[float]) -> float | None:
    """The arithmetic mean, None for no values."""
    return sum(values) / len(values) if values else None


def median(values: Sequence[float]) -> float | None:
    """The median (the mean of the middle two for an even count), None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return float(ordered[middle])
    return (ordered[middle - 1] + ordered[middle]) / 2
