"""Command palette entries of contact planning: the agenda and the overdue contacts queue.

"SWOT: <account>" and "Plan: <account>" are answered by the account search in
kam_tui/ui/shell/palette.py, which matches names per query instead of listing every account.
"""

from __future__ import annotations

from textual.command import DiscoveryHit, Hit, Hits, Provider

OVERDUE_COMMAND = "Overdue contacts"
OVERDUE_HELP = "Accounts past their contact cadence, key accounts first; t logs a touch"
AGENDA_COMMAND = "Agenda"
AGENDA_HELP = "Overdue contacts, then this week's planned ones day by day; t logs one"


class PlanCommands(Provider):
    """'Agenda' (the contacts to make, day by day) and 'Overdue contacts' (the queue of
    accounts past their contact cadence)."""

    def _open_overdue(self) -> None:
        from kam_tui.ui.overdue.screen import OverdueScreen  # not needed before it is opened

        self.app.push_screen(OverdueScreen())

    def _open_agenda(self) -> None:
        from kam_tui.ui.agenda.screen import AgendaScreen  # not needed before it is opened

        self.app.push_screen(AgendaScreen())

    async def discover(self) -> Hits:
        """Offer the agenda and the overdue queue before anything is typed."""
        yield DiscoveryHit(AGENDA_COMMAND, self._open_agenda, help=AGENDA_HELP)
        yield DiscoveryHit(OVERDUE_COMMAND, self._open_overdue, help=OVERDUE_HELP)

    async def search(self, query: str) -> Hits:
        """The agenda and the overdue queue, when `query` matches their names."""
        matcher = self.matcher(query)
        agenda = matcher.match(AGENDA_COMMAND)
        if agenda > 0:
            yield Hit(
                agenda, matcher.highlight(AGENDA_COMMAND), self._open_agenda, help=AGENDA_HELP
            )
        score = matcher.match(OVERDUE_COMMAND)
        if score > 0:
            yield Hit(
                score, matcher.highlight(OVERDUE_COMMAND), self._open_overdue, help=OVERDUE_HELP
            )
