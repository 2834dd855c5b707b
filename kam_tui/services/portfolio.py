"""The Portfolio query: every figure of the Portfolio view for a filter, from the workspace."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date

from kam_tui.domain.models import Account, Action, Activity, Contact, Deal, Objective, StatusChange
from kam_tui.domain.portfolio import Portfolio, PortfolioFilter, WhatIf
from kam_tui.domain.portfolio.build import PortfolioRecords, build_portfolio
from kam_tui.domain.portfolio.common import without_collection
from kam_tui.domain.portfolio.concentration import what_if
from kam_tui.domain.portfolio.totals import TotalsLedger, ledger_in_steps
from kam_tui.services.workspace import Workspace
from kam_tui.store import StoreError
from kam_tui.store.undo import Change

EVERYONE = PortfolioFilter()
"""The filter that counts every account."""
PREPARE_STEP = 2_000
"""Records (deals, then accounts) summed in one step of computing the totals ahead: a few
milliseconds, so a key pressed meanwhile hardly waits."""
REBUILD_FROM = 2_000
"""Changed accounts from which the totals are computed afresh rather than account by account
(an import, a sync: one pass over everything is then the cheaper way)."""


class KeptTotals:
    """The Portfolio's totals kept from one look at the Portfolio to the next: told of every
    change on the feed (`note_change`), the next `portfolio_of` recomputes the part of just
    the accounts changed since, not the whole portfolio's."""

    def __init__(self) -> None:
        self.ledger: TotalsLedger | None = None
        """Each account's part of the totals, as of the last `portfolio_of` (None: none yet,
        or to be made afresh)."""
        self.changed: set[int] = set()
        """The accounts changed since (their record or their deals)."""
        self._preparing = False
        """True while the totals are computed ahead, a step at a time."""

    def note_change(self, change: Change) -> None:
        """Take note of the accounts a change touched (cheap: called on every change)."""
        if self.ledger is None and not self._preparing:
            return
        changed = self.changed
        for edit in change.edits:
            if edit.table == Account.TABLE:
                changed.add(edit.record_id)
            elif edit.table == Deal.TABLE:
                for deal in (edit.before, edit.after):
                    if isinstance(deal, Deal):
                        changed.add(deal.account_id)
        if len(changed) >= REBUILD_FROM:
            self.forget()

    def forget(self) -> None:
        """Compute the totals afresh next time."""
        self.ledger = None
        self.changed.clear()
        self._preparing = False

    @without_collection
    def current(
        self, workspace: Workspace, accounts: Sequence[Account], today: date
    ) -> TotalsLedger:
        """The ledger brought up to date with the workspace (`accounts`: all of them, now)."""
        cadence = workspace.schema.default_cadence_days
        ledger = self.ledger
        if ledger is None or not ledger.fits(today, cadence):
            self._preparing = False  # computed now: a preparation under way stops
            self.changed.clear()
            ledger = TotalsLedger(accounts, workspace.all(Deal), today, cadence)
            self.ledger = ledger
            return ledger
        for account_id in self.changed:
            account = workspace.account(account_id)
            deals = workspace.children(Deal, account_id) if account is not None else ()
            ledger.update(account_id, account, deals)
        self.changed.clear()
        return ledger

    def prepare(self, workspace: Workspace) -> Iterator[None]:
        """Compute the totals ahead, a step of a few milliseconds at each `next()`: waits,
        a step at a time, for every table to load, then sums PREPARE_STEP deals, then
        accounts, at a time. The changes made meanwhile are noted, and applied at the next
        `portfolio_of`; a `portfolio_of` before the end computes the totals at once, and
        this stops.
        (A store that could not load whole is not prepared for.)"""
        while True:
            try:
                if workspace.repository.wait_loaded(0):
                    break
            except StoreError:
                return
            yield
        if self.ledger is not None:
            return
        cadence = workspace.schema.default_cadence_days
        accounts, deals = workspace.accounts(), workspace.all(Deal)
        self.changed.clear()
        self._preparing = True
        for ledger in ledger_in_steps(accounts, deals, workspace.today, cadence, PREPARE_STEP):
            if not self._preparing:
                return  # computed meanwhile, or forgotten
            if ledger is None:
                yield
            else:
                self.ledger = ledger
                self._preparing = False


def portfolio_of(
    workspace: Workspace,
    portfolio_filter: PortfolioFilter = EVERYONE,
    kept: KeptTotals | None = None,
) -> Portfolio:
    """Every Portfolio figure of the accounts the filter lets through, today by the
    workspace's clock, tuned by the config's `numbers:` section; with `kept`, the totals are
    brought up to date from those kept, and kept for the next call.

    Reads each table once (waiting for the tables still loading) and never writes.
    """
    today = workspace.today
    records = PortfolioRecords(
        accounts=workspace.accounts(),
        activities=workspace.all(Activity),
        deals=workspace.all(Deal),
        history=workspace.all(StatusChange),
        contacts=workspace.all(Contact),
        objectives=workspace.all(Objective),
        actions=workspace.all(Action),
        schema=workspace.schema,
    )
    ledger = kept.current(workspace, records.accounts, today) if kept is not None else None
    return build_portfolio(records, portfolio_filter, workspace.settings.numbers, today, ledger)


def what_if_of(portfolio: Portfolio, lose: int, of_top: int) -> WhatIf:
    """The what-if "lose `lose` of the top `of_top` accounts by revenue" of a Portfolio
    already built (cheap: the keys that change k and n call it)."""
    return what_if(portfolio.concentration.ranked, lose, of_top)
