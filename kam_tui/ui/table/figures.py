"""The table's figures that come from more than the account's own record: this year's sales
volume (from the deals) and the health score (from contacts, objectives and actions)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol, TypeVar

from kam_tui.domain.models import Account, Action, Contact, Deal, Objective, Record
from kam_tui.domain.portfolio.common import collection_paused
from kam_tui.domain.portfolio.health import component_weights, health_score
from kam_tui.domain.portfolio.totals import sales_by_account
from kam_tui.domain.portfolio.tuning import PortfolioSettings

R = TypeVar("R", bound=Record)
FIGURE_KINDS: tuple[type[Record], ...] = (Deal, Contact, Objective, Action)
"""The records besides the account that its figures are made from."""


class Records(Protocol):
    """Where the records are read (the workspace)."""

    def all(self, kind: type[R]) -> list[R]:
        """Every record of a kind."""
        ...

    def children(self, kind: type[R], account_id: int) -> list[R]:
        """The records of `kind` that belong to an account."""
        ...


@dataclass(frozen=True, slots=True)
class AccountFigures:
    """What the table shows of an account beyond its own fields."""

    sales_volume: int = 0
    """This calendar year's won deals, in cents: the amounts of the account's deals won with
    a close date in today's year."""
    health: int | None = None
    """The health score, 0-100, the Portfolio's (None when no component has data)."""


NO_FIGURES = AccountFigures()
"""The figures of an account without deals and before its health is known."""


def by_account(records: Iterable[R]) -> dict[int, list[R]]:
    """The records grouped by account id, in the order given (one pass)."""
    grouped: dict[int, list[R]] = {}
    for record in records:
        account_id: int = getattr(record, "account_id")  # noqa: B009 (every child has one)
        bucket = grouped.get(account_id)
        if bucket is None:
            grouped[account_id] = [record]
        else:
            bucket.append(record)
    return grouped


class TableFigures:
    """Every account's figures, kept between redraws.

    The first redraw (and the first of a new day, or under other settings) computes them
    all from one read of each table. After that only the accounts that changed are
    computed again: those whose record is not the one last used, and those a noted change
    touched a deal, contact, objective or action of (`note`).
    """

    def __init__(self) -> None:
        self.figures: dict[int, AccountFigures] = {}
        """Account id -> its figures as of the last update."""
        self._accounts: dict[int, Account] = {}
        """The account records the figures were computed from."""
        self._dirty: set[int] | None = None
        """The accounts whose other records changed since the last update (None: all)."""
        self._basis: tuple[Any, ...] = ()
        """Today, the default cadence and the settings the figures were computed under."""

    def note(self, records: Iterable[Record | None]) -> None:
        """Take note of changed records (before and after a change), so the figures of
        their accounts are computed again at the next update."""
        dirty = self._dirty
        if dirty is None:
            return
        for record in records:
            if isinstance(record, FIGURE_KINDS):
                dirty.add(getattr(record, "account_id"))  # noqa: B009 (every child has one)

    def update(
        self,
        accounts: Sequence[Account],
        source: Records,
        today: date,
        default_cadence_days: int,
        settings: PortfolioSettings,
    ) -> Mapping[int, AccountFigures]:
        """Every account's figures on `today` (a figure computed again is a new object;
        one left as it was is the same object)."""
        basis = (today, default_cadence_days, settings)
        with collection_paused():  # thousands of new objects, none in a cycle
            if self._dirty is None or basis != self._basis:
                self._basis = basis
                self._compute_all(accounts, source, today, default_cadence_days, settings)
            else:
                self._compute_changed(accounts, source, today, default_cadence_days, settings)
            self._dirty = set()
            self._accounts = {account.id: account for account in accounts}
        return self.figures

    def _compute_all(
        self,
        accounts: Sequence[Account],
        source: Records,
        today: date,
        default_cadence_days: int,
        settings: PortfolioSettings,
    ) -> None:
        sales = sales_by_account(source.all(Deal), today)
        contacts = by_account(source.all(Contact))
        objectives = by_account(source.all(Objective))
        actions = by_account(source.all(Action))
        weights = component_weights(settings)
        none: list[Any] = []
        figures: dict[int, AccountFigures] = {}
        for account in accounts:
            account_id = account.id
            volume = sales.get(account_id)
            health = health_score(
                account,
                today,
                default_cadence_days,
                settings.target_margin,
                weights,
                objectives.get(account_id, none),
                actions.get(account_id, none),
                contacts.get(account_id, none),
            )
            figures[account_id] = AccountFigures(
                volume.this_year if volume is not None else 0, health
            )
        self.figures = figures

    def _compute_changed(
        self,
        accounts: Sequence[Account],
        source: Records,
        today: date,
        default_cadence_days: int,
        settings: PortfolioSettings,
    ) -> None:
        dirty = self._dirty or set()
        known = self._accounts
        for account in accounts:
            if known.get(account.id) is not account:
                dirty.add(account.id)
        figures = self.figures
        for gone in known.keys() - {account.id for account in accounts}:
            figures.pop(gone, None)
        weights = component_weights(settings)
        for account in accounts:
            account_id = account.id
            if account_id not in dirty:
                continue
            volume = sales_by_account(source.children(Deal, account_id), today).get(account_id)
            health = health_score(
                account,
                today,
                default_cadence_days,
                settings.target_margin,
                weights,
                source.children(Objective, account_id),
                source.children(Action, account_id),
                source.children(Contact, account_id),
            )
            figures[account_id] = AccountFigures(
                volume.this_year if volume is not None else 0, health
            )
