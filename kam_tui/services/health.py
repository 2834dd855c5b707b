"""One account's health score with its breakdown, for the account overview."""

from __future__ import annotations

from kam_tui.domain.models import Account, Action, Contact, Objective
from kam_tui.domain.portfolio.figures import AccountHealth
from kam_tui.domain.portfolio.health import account_health
from kam_tui.services.workspace import Workspace


def account_health_of(workspace: Workspace, account: Account) -> AccountHealth:
    """The health of `account` today, from its contacts and plan, tuned by the config's
    `numbers:` section (the same score the Portfolio ranks by)."""
    return account_health(
        account,
        workspace.today,
        workspace.schema.default_cadence_days,
        workspace.settings.numbers,
        objectives=workspace.children(Objective, account.id),
        actions=workspace.children(Action, account.id),
        contacts=workspace.children(Contact, account.id),
    )
