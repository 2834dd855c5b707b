"""The shapes of the Portfolio figures: frozen records the view and `kam numbers` show.

The sections are frozen dataclasses; the rows there are one of per account are named tuples
(as immutable, and built several times faster: a portfolio has thousands of accounts).
Money is integer cents; shares, margins, rates and component scores are fractions (0-1,
a share of profit may pass 1 or fall below 0 when some accounts lose money); days are
numbers of days. A figure that cannot be computed (no data, a zero divisor) is None, never 0.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import NamedTuple, Protocol

from kam_tui.domain.models import Account


@dataclass(frozen=True, slots=True)
class PortfolioFilter:
    """Which accounts the Portfolio counts; every part left empty lets all through."""

    manager: str | None = None
    """Only the accounts of this assignee; "" means the unassigned ones, None everyone's."""
    lists: tuple[str, ...] = ()
    """Only accounts in these lifecycle lists (empty: any list)."""
    statuses: tuple[str, ...] = ()
    """Only accounts in these pipeline statuses (empty: any status)."""
    key_accounts_only: bool = False
    """Only key accounts."""
    terms: str = ""
    """Terms of the filter language (`kam_tui.domain.filters`) the accounts must also pass,
    as typed; `passes` is their test."""
    passes: Callable[[Account], bool] | None = field(default=None, compare=False, repr=False)
    """The test of `terms` (made with the day and the default cadence it counts from)."""

    @property
    def is_empty(self) -> bool:
        """True when the filter lets every account through."""
        return (
            self.manager is None
            and not self.lists
            and not self.statuses
            and not self.key_accounts_only
            and self.passes is None
        )

    def matches(self, account: Account) -> bool:
        """True when `account` is counted."""
        return (
            (self.manager is None or account.assignee == self.manager)
            and (not self.lists or account.lifecycle in self.lists)
            and (not self.statuses or account.status in self.statuses)
            and (not self.key_accounts_only or account.key_account)
            and (self.passes is None or self.passes(account))
        )


class AccountRef(NamedTuple):
    """Which account a row is about: enough to show it and to open it."""

    id: int
    """The account's id (enter opens it)."""
    name: str
    """The account's name as typed (user text: show it through ui/user_text)."""


# Totals


@dataclass(frozen=True, slots=True)
class Totals:
    """The headline figures of a set of accounts: the whole portfolio or one manager's."""

    manager: str | None
    """None for the whole (filtered) portfolio; else the assignee ("" for unassigned)."""
    accounts: int
    key_accounts: int
    revenue: int
    """The sum of the accounts' annual revenue, in cents."""
    cost_to_serve: int
    """The sum of their yearly cost to serve, in cents."""
    profit: int
    """revenue - cost_to_serve, in cents (negative for a loss)."""
    margin: float | None
    """profit / revenue; None when revenue is 0."""
    sales_this_year: int
    """Won deals' amounts with a close date in today's calendar year, in cents."""
    sales_last_year: int
    """Won deals' amounts with a close date in the previous calendar year, in cents."""
    sales_last_year_to_date: int
    """Won deals' amounts closed last year up to the same day of the year as today."""
    growth: float | None
    """sales_this_year / sales_last_year_to_date - 1 (like for like); None when the
    divisor is 0."""
    average_satisfaction: float | None
    """The mean of the accounts' latest satisfaction scores (0-10) over the accounts that
    have one; None when none has."""
    rated_accounts: int
    """How many accounts have a satisfaction score."""
    overdue: int
    """Accounts whose last contact is older than their cadence."""


# Concentration


class RankedAccount(NamedTuple):
    """One account of a ranking, with its share and the running share down to it."""

    account: AccountRef
    value: int
    """What it is ranked by (annual revenue, or profit), in cents."""
    share: float
    """value / the total of the ranking; 0 when the total is 0."""
    cumulative_share: float
    """The share of this account and every one ranked above it (the Pareto curve)."""


@dataclass(frozen=True, slots=True)
class WhatIf:
    """What losing `lose` of the `of_top` largest accounts by revenue would cost."""

    lose: int
    """k: how many accounts are lost (at most of_top)."""
    of_top: int
    """n: among how many of the largest accounts (at most the number of accounts)."""
    lost: tuple[RankedAccount, ...]
    """The worst case: the k largest of the top n (which are the k largest overall)."""
    revenue_lost: int
    """Their revenue, in cents: the worst case."""
    share_lost: float
    """revenue_lost / total revenue (0 when the total is 0)."""
    best_case_revenue: int
    """The revenue of the k smallest of the top n, in cents: the least the loss can be."""
    expected_revenue: int
    """k / n of the top n's revenue, in cents: the loss on average when any k of the n may
    go, each as likely."""


@dataclass(frozen=True, slots=True)
class Concentration:
    """How much of the revenue rests on a few accounts."""

    total_revenue: int
    ranked: tuple[RankedAccount, ...]
    """Every account by annual revenue, largest first (ties by name, then id)."""
    top_5_share: float
    """The share of total revenue of the 5 largest accounts (all when fewer)."""
    top_10_share: float
    """The share of the 10 largest."""
    top_percent: int
    """The P of "top P% of accounts" (config numbers.top_share_percent)."""
    top_percent_count: int
    """ceil(P% of the number of accounts): how many accounts the top P% are."""
    top_percent_share: float
    """The share of revenue of those accounts."""
    index: float
    """The Herfindahl-Hirschman index: the sum of the squared revenue shares (0-1)."""
    band: str
    """The config band (numbers.concentration_bands) the index falls in."""
    what_if: WhatIf
    """The default what-if: lose 5 of the top 10."""


# Profitability


class AccountProfit(NamedTuple):
    """One account's profit."""

    account: AccountRef
    revenue: int
    cost_to_serve: int
    profit: int
    """revenue - cost_to_serve, in cents."""
    margin: float | None
    """profit / revenue; None when revenue is 0."""


@dataclass(frozen=True, slots=True)
class Profitability:
    """Which accounts make money, which lose it, and how concentrated profit is."""

    accounts: tuple[AccountProfit, ...]
    """Every account, profit ascending (loss-makers first; ties by name, then id)."""
    total_profit: int
    loss_makers: int
    """How many accounts have a negative profit."""
    top_percent: int
    """The P of "top P%" (config numbers.top_share_percent)."""
    top_percent_count: int
    """ceil(P% of the number of accounts)."""
    top_percent_profit: int
    """The profit of the top P% of accounts ranked by profit, in cents."""
    top_percent_share: float | None
    """top_percent_profit / total_profit, losses included in the total (so it may pass 1);
    None when total profit is 0 or negative."""


# Satisfaction


class SatisfactionPoint(NamedTuple):
    """One day's score of an account: the mean of the scores given that day."""

    day: date
    score: float


class AccountSatisfaction(NamedTuple):
    """One account's satisfaction: the latest score and how it moved."""

    account: AccountRef
    latest: int | None
    """The account's latest score (0-10), None when never rated."""
    series: tuple[SatisfactionPoint, ...]
    """Its rated activities' scores, one point per day, oldest first (the sparkline)."""
    trend: float | None
    """The last minus the first of the last `trend_points` points; None with fewer than 2."""


@dataclass(frozen=True, slots=True)
class QuarterAverage:
    """The portfolio's satisfaction in one calendar quarter."""

    year: int
    quarter: int
    """1-4."""
    average: float
    """The mean over the accounts rated that quarter of each one's mean score in it."""
    accounts: int
    """How many accounts were rated that quarter."""

    @property
    def label(self) -> str:
        """ "2026 Q1"."""
        return f"{self.year} Q{self.quarter}"


@dataclass(frozen=True, slots=True)
class Satisfaction:
    """Satisfaction across the portfolio."""

    accounts: tuple[AccountSatisfaction, ...]
    """Every account, the lowest latest score first, unrated last (ties by name, then id)."""
    average: float | None
    """The mean latest score over rated accounts."""
    by_quarter: tuple[QuarterAverage, ...]
    """Oldest quarter first; only quarters with a score."""
    falling: tuple[AccountSatisfaction, ...]
    """The accounts whose trend is negative, the steepest fall first."""


# Turnaround


@dataclass(frozen=True, slots=True)
class StatusDuration:
    """How long accounts stay in one pipeline status."""

    status: str
    stays: int
    """Completed stays measured (entered and left again)."""
    average_days: float | None
    """The mean length of the completed stays."""
    median_days: float | None
    """Their median."""
    current: int
    """Accounts in the status now."""


@dataclass(frozen=True, slots=True)
class StuckAccount:
    """An account in its status for longer than twice that status's median stay."""

    account: AccountRef
    status: str
    days: int
    """Days since it entered the status."""
    median_days: float
    """The status's median completed stay."""


@dataclass(frozen=True, slots=True)
class ReasonCount:
    """A lost reason and how often it was given."""

    reason: str
    """As first written (reasons equal ignoring case and spaces count together)."""
    count: int


@dataclass(frozen=True, slots=True)
class Turnaround:
    """How deals and accounts move through the pipeline."""

    statuses: tuple[StatusDuration, ...]
    """Each configured status in board order, then statuses found only in the history."""
    days_to_won_average: float | None
    """Mean days from an account's first status entry to its first move to Won."""
    days_to_won_median: float | None
    won_accounts_measured: int
    """Accounts that reached Won with a known first entry."""
    deals_won: int
    deals_lost: int
    deal_win_rate: float | None
    """deals_won / (deals_won + deals_lost); None when none closed."""
    accounts_won: int
    """Accounts whose status is Won now."""
    accounts_lost: int
    account_win_rate: float | None
    """accounts_won / (accounts_won + accounts_lost); None when neither."""
    lost_reasons: tuple[ReasonCount, ...]
    """Most frequent first (ties by reason)."""
    lost_without_reason: int
    """Lost deals and moves to Lost that gave no reason."""
    stuck: tuple[StuckAccount, ...]
    """The most times its status's median first (ties by name, then id)."""


# Key-account selection


class SelectionAccount(NamedTuple):
    """An account placed on the selection grid."""

    account: AccountRef
    strategic_value: int
    """1-5."""
    worth: int
    """Its financial worth by the configured measure, in cents."""
    worth_band: int
    """1 (lowest fifth) to 5 (highest fifth) by rank of worth."""
    key_account: bool
    revenue_share: float
    """Its annual revenue / total revenue (0 when the total is 0)."""
    profit_share: float | None
    """Its profit / total profit; None when total profit is 0 or negative."""


@dataclass(frozen=True, slots=True)
class SelectionCell:
    """One cell of the grid: a strategic value and a worth band."""

    strategic_value: int
    worth_band: int
    accounts: int
    key_accounts: int


@dataclass(frozen=True, slots=True)
class Selection:
    """Which accounts deserve key-account treatment."""

    measure: str
    """The financial-worth measure: revenue, profit or potential."""
    accounts: tuple[SelectionAccount, ...]
    """Every account on the grid, strategic value descending, then worth descending."""
    cells: tuple[SelectionCell, ...]
    """All 25 cells, strategic value 5 down to 1, each with worth band 1 up to 5."""
    band_floors: tuple[int | None, ...]
    """The lowest worth in each band 1-5, in cents; None for an empty band."""
    candidates: tuple[SelectionAccount, ...]
    """Not key accounts, strategic value >= high_strategic_value and worth band 4 or 5:
    highest worth first."""
    to_review: tuple[SelectionAccount, ...]
    """Key accounts with strategic value <= 6 - high_strategic_value and worth band 1 or 2:
    lowest worth first."""
    hardest_to_replace: tuple[SelectionAccount, ...]
    """The 10 largest shares of revenue (then of profit)."""


# Health


class HealthPart(NamedTuple):
    """One component of an account's health score."""

    component: str
    """One of HEALTH_COMPONENTS."""
    score: float | None
    """0-1; None when the account has no data for it (left out of the score)."""
    weight: float
    """The configured weight."""
    detail: str
    """What the score was made from, in a few words ("12 days, cadence 30")."""


class AccountHealth(NamedTuple):
    """One account's health score with its breakdown."""

    account: AccountRef
    score: int | None
    """0-100: the weighted mean of the components with data, rounded; None when no
    weighted component has data."""
    parts: Sequence[HealthPart]
    """Every component in HEALTH_COMPONENTS order, with or without data (in the
    Portfolio, made when first read)."""


@dataclass(frozen=True, slots=True)
class Health:
    """The health of every account."""

    accounts: tuple[AccountHealth, ...]
    """Worst first; accounts without a score last (ties by name, then id)."""
    average: float | None
    """The mean score over the accounts that have one."""


# The whole


class PortfolioSections(Protocol):
    """What computes each section of a Portfolio when it is first read."""

    def concentration(self) -> Concentration: ...
    def profitability(self) -> Profitability: ...
    def satisfaction(self) -> Satisfaction: ...
    def turnaround(self) -> Turnaround: ...
    def selection(self) -> Selection: ...
    def health(self) -> Health: ...


@dataclass(frozen=True)
class Portfolio:
    """Every figure of the Portfolio view for one filter, on one day.

    The totals are computed when the Portfolio is built; each other section when it is
    first read, then kept, so opening the view pays only for the panel it shows.
    """

    filter: PortfolioFilter
    today: date
    currency: str
    """The currency of every amount (the config's)."""
    totals: Totals
    by_manager: tuple[Totals, ...]
    """One row per manager with accounts in the filter: the configured team's order, then
    others by name, unassigned last."""
    sections: PortfolioSections = field(repr=False, compare=False)
    """Computes the sections below on first reading."""

    @cached_property
    def concentration(self) -> Concentration:
        """Revenue concentration."""
        return self.sections.concentration()

    @cached_property
    def profitability(self) -> Profitability:
        """Profit per account."""
        return self.sections.profitability()

    @cached_property
    def satisfaction(self) -> Satisfaction:
        """Satisfaction scores and trends."""
        return self.sections.satisfaction()

    @cached_property
    def turnaround(self) -> Turnaround:
        """Time in status, win rates, lost reasons, stuck cards."""
        return self.sections.turnaround()

    @cached_property
    def selection(self) -> Selection:
        """The key-account selection grid and lists."""
        return self.sections.selection()

    @cached_property
    def health(self) -> Health:
        """Health scores."""
        return self.sections.health()

    def compute_all(self) -> Portfolio:
        """Compute every section now (for a worker thread or a report); returns self."""
        for section in SECTIONS:
            getattr(self, section)
        return self


SECTIONS: tuple[str, ...] = (
    "concentration",
    "profitability",
    "satisfaction",
    "turnaround",
    "selection",
    "health",
)
"""The Portfolio's sections computed on demand, in the view's order."""
