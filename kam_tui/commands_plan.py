"""Command palette entries of the account plan: each account's SWOT and plan, overdue contacts."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from kam_tui.screens.overdue import OverdueScreen
from kam_tui.widgets.plan.base import kam_app

PLAN_COMMANDS: tuple[tuple[str, str, str], ...] = (
    ("SWOT", "swot", "the SWOT analysis of"),
    ("Plan", "plan", "the objectives and attack plan of"),
)
"""(prefix, account tab, help wording) of the per-account commands."""
OVERDUE_COMMAND = "Overdue contacts"
OVERDUE_HELP = "Accounts past their contact cadence; t logs a touch"


class PlanCommands(Provider):
    """'SWOT: <account>', 'Plan: <account>' and 'Overdue contacts'."""

    def _commands(self) -> list[tuple[str, Callable[[], None], str]]:
        commands: list[tuple[str, Callable[[], None], str]] = [
            (OVERDUE_COMMAND, self._open_overdue, OVERDUE_HELP)
        ]
        for account in kam_app(self.app).repository.accounts():
            for prefix, tab, wording in PLAN_COMMANDS:
                commands.append(
                    (
                        f"{prefix}: {account.name}",
                        partial(self._open_account, account.id, tab),
                        f"Open {wording} {account.name}",
                    )
                )
        return commands

    def _open_account(self, account_id: int, tab: str) -> None:
        open_account = getattr(self.app, "open_account", None)
        if callable(open_account):
            open_account(account_id, tab=tab)
        else:
            self.app.notify("This view cannot open accounts.", severity="warning")

    def _open_overdue(self) -> None:
        self.app.push_screen(OverdueScreen())

    async def discover(self) -> Hits:
        """Offer the overdue queue before anything is typed (not one entry per account)."""
        yield DiscoveryHit(OVERDUE_COMMAND, self._open_overdue, help=OVERDUE_HELP)

    async def search(self, query: str) -> Hits:
        """Every plan command whose text matches `query`."""
        matcher = self.matcher(query)
        for text, command, help_text in self._commands():
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, matcher.highlight(text), command, text=text, help=help_text)
