"""Command palette entry of the account plan: the overdue contacts queue.

"SWOT: <account>" and "Plan: <account>" are answered by the account search in
kam_tui/ui/shell/palette.py, which matches names per query instead of listing every account.
"""

from __future__ import annotations

from textual.command import DiscoveryHit, Hit, Hits, Provider

OVERDUE_COMMAND = "Overdue contacts"
OVERDUE_HELP = "Accounts past their contact cadence, key accounts first; t logs a touch"


class PlanCommands(Provider):
    """'Overdue contacts': the queue of accounts past their contact cadence."""

    def _open_overdue(self) -> None:
        from kam_tui.ui.overdue.screen import OverdueScreen  # not needed before it is opened

        self.app.push_screen(OverdueScreen())

    async def discover(self) -> Hits:
        """Offer the overdue queue before anything is typed."""
        yield DiscoveryHit(OVERDUE_COMMAND, self._open_overdue, help=OVERDUE_HELP)

    async def search(self, query: str) -> Hits:
        """The overdue queue, when `query` matches its name."""
        matcher = self.matcher(query)
        score = matcher.match(OVERDUE_COMMAND)
        if score > 0:
            yield Hit(
                score, matcher.highlight(OVERDUE_COMMAND), self._open_overdue, help=OVERDUE_HELP
            )
