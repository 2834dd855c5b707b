"""The Portfolio query: every figure of the Portfolio view for a filter, from the workspace."""

from __future__ import annotations

from kam_tui.domain.models import Action, Activity, Contact, Deal, Objective, StatusChange
from kam_tui.domain.portfolio import Portfolio, PortfolioFilter, WhatIf
from kam_tui.domain.portfolio.build import PortfolioRecords, build_portfolio
from kam_tui.domain.portfolio.concentration import what_if
from kam_tui.services.workspace import Workspace

EVERYONE = PortfolioFilter()
"""The filter that counts every account."""


def portfolio_of(workspace: Workspace, portfolio_filter: PortfolioFilter = EVERYONE) -> Portfolio:
    """Every Portfolio figure of the accounts the filter lets through, today by the
    workspace's clock, tuned by the config's `numbers:` section.

    Reads each table once (waiting for the tables still loading) and never writes.
    """
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
    return build_portfolio(records, portfolio_filter, workspace.settings.numbers, workspace.today)


def what_if_of(portfolio: Portfolio, lose: int, of_top: int) -> WhatIf:
    """The what-if "lose `lose` of the top `of_top` accounts by revenue" of a Portfolio
    already built (cheap: the keys that change k and n call it)."""
    return what_if(portfolio.concentration.ranked, lose, of_top)
