"""kam export --format md: an account's plan, or the Portfolio's numbers, as Markdown."""

from __future__ import annotations

from kam_tui.cli.figures_text import render_markdown
from kam_tui.cli.numbers import heading
from kam_tui.config.settings import suggest
from kam_tui.domain.models import Account
from kam_tui.domain.portfolio import PortfolioFilter
from kam_tui.domain.text import quoted
from kam_tui.services.plan_document import account_plan, plan_file_name
from kam_tui.services.portfolio import portfolio_of
from kam_tui.services.workspace import Workspace


class ExportRefused(Exception):
    """Why the export cannot be made (a name that matches no account, or several)."""


def find_account(workspace: Workspace, name: str) -> Account:
    """The one account called `name` (exactly, else ignoring case), or `#<id>`."""
    accounts = workspace.accounts()
    if name.startswith("#") and name[1:].isdigit():
        found = workspace.account(int(name[1:]))
        if found is None:
            raise ExportRefused(f"no account with id {name[1:]}")
        return found
    matches = [account for account in accounts if account.name == name]
    if not matches:
        folded = name.strip().casefold()
        matches = [account for account in accounts if account.name.strip().casefold() == folded]
    if not matches:
        hint = suggest(name, [account.name for account in accounts])
        raise ExportRefused(f"no account named {quoted(name)}{hint}")
    if len(matches) > 1:
        ids = ", ".join(f"#{account.id}" for account in matches)
        raise ExportRefused(
            f"{len(matches)} accounts are named {quoted(name)} ({ids}): name one by its id, "
            "e.g. --account '#" + str(matches[0].id) + "'"
        )
    return matches[0]


def plan_markdown(workspace: Workspace, name: str) -> tuple[str, str]:
    """(default file name, Markdown) of the plan of the account `name`."""
    account = find_account(workspace, name)
    return plan_file_name(account.name, workspace.today), account_plan(workspace, account)


def portfolio_markdown(workspace: Workspace) -> tuple[str, str]:
    """(default file name, Markdown) of the Portfolio's numbers, as `kam numbers --format md`
    prints them for all accounts."""
    portfolio = portfolio_of(workspace, PortfolioFilter()).compute_all()
    name = f"portfolio-{workspace.today.isoformat()}.md"
    return name, render_markdown(portfolio, heading(portfolio))
