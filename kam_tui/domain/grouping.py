"""Accounts grouped into board columns, kept sorted, updated one account at a time."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from operator import add, sub
from typing import Any

from kam_tui.domain.filters import EMPTY_QUERY, Query, parse_query, quote
from kam_tui.domain.metrics import (
    NO_FIGURES,
    ColumnFigures,
    account_figures,
    add_figures,
    column_totals,
)
from kam_tui.domain.models import Account
from kam_tui.domain.rules import is_overdue
from kam_tui.domain.schema import Schema

SortKey = Callable[[Account], tuple[Any, ...]]

SORT_ORDERS: dict[str, SortKey] = {
    "name": lambda account: (account.name.casefold(), account.id),
    "revenue": lambda account: (-account.annual_revenue, account.name.casefold(), account.id),
    "last contact": lambda account: (
        account.last_contact or date.min,
        account.name.casefold(),
        account.id,
    ),
}
"""How a column can be ordered: by name, by revenue (largest first), by last contact (oldest
first, never contacted before all). Every key ends with the id, so no two accounts tie."""


def next_sort(current: str) -> str:
    """The sort order after `current`, wrapping around."""
    names = list(SORT_ORDERS)
    return names[(names.index(current) + 1) % len(names)] if current in names else names[0]


@dataclass(frozen=True)
class AccountFilter:
    """Which accounts a board shows: the typed query (see `kam_tui.domain.filters`), and
    the `o` and `f` keys' overdue, statuses and lists, which combine with it."""

    text: str = ""
    """The typed query, as typed."""
    overdue_only: bool = False
    """Show only accounts overdue for contact."""
    statuses: frozenset[str] = field(default_factory=frozenset)
    """Pipeline statuses to show; empty shows every status."""
    lists: frozenset[str] = field(default_factory=frozenset)
    """Lifecycle lists to show; empty shows every list."""
    query: Query = field(default=EMPTY_QUERY, compare=False)
    """`text` parsed (by `with_query`, which knows the config's fields and the user)."""

    def __post_init__(self) -> None:
        if self.query.text != self.text:  # made from the text alone: default fields only
            object.__setattr__(self, "query", parse_query(self.text, Schema()))

    def with_query(self, query: Query) -> AccountFilter:
        """This filter with another typed query."""
        return replace(self, text=query.text, query=query)

    @property
    def active(self) -> bool:
        """True when the filter hides anything."""
        return bool(self.query.active or self.overdue_only or self.statuses or self.lists)

    def matches(self, account: Account, today: date, default_cadence_days: int) -> bool:
        """True when the board shows `account`."""
        if self.statuses and account.status not in self.statuses:
            return False
        if self.lists and account.lifecycle not in self.lists:
            return False
        if self.overdue_only and not is_overdue(account, today, default_cadence_days):
            return False
        return self.query.matches(account, today, default_cadence_days)

    def describe(self) -> str:
        """A short summary for the screen's header; empty when nothing is filtered."""
        parts: list[str] = []
        described = self.query.describe()
        if described:
            parts.append(described)
        if self.statuses:
            parts.append(", ".join(sorted(self.statuses)))
        if self.lists:
            parts.append(", ".join(sorted(self.lists)))
        if self.overdue_only:
            parts.append("overdue only")
        return " · ".join(parts)

    def as_text(self) -> str:
        """The whole filter as one query text (what a saved filter keeps): the typed query,
        then `overdue`, `status:` and `list:` for what `o` and `f` chose."""
        parts = [self.text.strip()] if self.text.strip() else []
        if self.overdue_only:
            parts.append("overdue")
        if self.statuses:
            parts.append("status:" + ",".join(quote(name) for name in sorted(self.statuses)))
        if self.lists:
            parts.append("list:" + ",".join(quote(name) for name in sorted(self.lists)))
        return " ".join(parts)


FiguresOf = Callable[[Account], ColumnFigures]
"""One account's share of its column's figures."""


class Grouping:
    """Accounts by column, each column sorted; moving one account touches two columns only.

    Each column's figures (count, revenue, ...) are kept as running sums, so a header is
    not added up again over thousands of accounts after every move."""

    def __init__(
        self,
        column_of: Callable[[Account], str],
        sort_key: SortKey,
        figures_of: FiguresOf | None = None,
    ) -> None:
        """`figures_of` gives one account's share of its column's figures when it depends
        on more than the account (the team board's open actions); None counts the account's
        own figures, summed in bulk when the columns are grouped."""
        self._column_of = column_of
        self._sort_key = sort_key
        self._figures_of = figures_of
        self._columns: dict[str, list[tuple[Any, ...]]] = {}
        self._accounts: dict[str, list[Account]] = {}
        self._where: dict[int, tuple[str, tuple[Any, ...], ColumnFigures | None]] = {}
        self._totals: dict[str, list[int]] = {}

    def load(self, accounts: Iterable[Account]) -> None:
        """Group every account from scratch."""
        buckets: dict[str, list[tuple[tuple[Any, ...], Account]]] = {}
        figures_of = self._figures_of
        where: dict[int, tuple[str, tuple[Any, ...], ColumnFigures | None]] = {}
        for account in accounts:
            column = self._column_of(account)
            key = self._sort_key(account)
            buckets.setdefault(column, []).append((key, account))
            where[account.id] = (column, key, figures_of(account) if figures_of else None)
        self._where = where
        self._columns = {}
        self._accounts = {}
        self._totals = {}
        for column, entries in buckets.items():
            entries.sort(key=lambda entry: entry[0])
            self._columns[column] = [key for key, _ in entries]
            self._accounts[column] = column_accounts = [account for _, account in entries]
            self._totals[column] = list(self.figures_of(column_accounts))

    def resort(self, sort_key: SortKey) -> None:
        """Order every column by another key."""
        self._sort_key = sort_key
        self.load(account for column in self._accounts.values() for account in column)

    @property
    def column_keys(self) -> list[str]:
        """Every column that holds at least one account."""
        return [column for column, accounts in self._accounts.items() if accounts]

    def column(self, column: str) -> list[Account]:
        """The accounts of a column, in order (do not modify the list)."""
        return self._accounts.get(column, [])

    def column_of(self, account_id: int) -> str | None:
        """The column holding an account, if any."""
        where = self._where.get(account_id)
        return where[0] if where else None

    def position(self, account_id: int) -> tuple[str, int] | None:
        """The column holding an account and its place in that column, found by bisection."""
        where = self._where.get(account_id)
        if where is None:
            return None
        column, key, _figures = where
        return column, bisect_left(self._columns[column], key)

    def figures(self, column: str) -> ColumnFigures:
        """The figures of a whole column."""
        total = self._totals.get(column)
        return ColumnFigures._make(total) if total else NO_FIGURES

    def figures_of(self, accounts: Sequence[Account]) -> ColumnFigures:
        """The figures of some of the grouped accounts (a filtered column)."""
        if self._figures_of is None:
            return column_totals(accounts)
        where = self._where
        return add_figures(where[account.id][2] or NO_FIGURES for account in accounts)

    def put(self, account: Account) -> set[str]:
        """Insert or replace an account; returns the columns that changed."""
        touched = self.remove(account.id)
        column = self._column_of(account)
        key = self._sort_key(account)
        keys = self._columns.setdefault(column, [])
        index = bisect_left(keys, key)
        keys.insert(index, key)
        self._accounts.setdefault(column, []).insert(index, account)
        figures = self._figures_of(account) if self._figures_of else account_figures(account)
        self._where[account.id] = (column, key, figures if self._figures_of else None)
        total = self._totals.get(column)
        self._totals[column] = [*map(add, total, figures)] if total else list(figures)
        touched.add(column)
        return touched

    def remove(self, account_id: int) -> set[str]:
        """Take an account out; returns the column it left (empty when it was not there)."""
        where = self._where.pop(account_id, None)
        if where is None:
            return set()
        column, key, figures = where
        keys = self._columns[column]
        index = bisect_left(keys, key)
        del keys[index]
        if figures is None:  # the account's own figures: counted again from it
            figures = account_figures(self._accounts[column][index])
        del self._accounts[column][index]
        self._totals[column] = [*map(sub, self._totals[column], figures)]
        return {column}
