"""The palette's "Conflicts" entry, offered when the team sync runs."""

from __future__ import annotations

from textual.command import DiscoveryHit, Hit, Hits, Provider

CONFLICTS_COMMAND = "Conflicts"
CONFLICTS_HELP = "Edits of yours replaced by a newer one from the team, and deleted records kept"


class SyncCommands(Provider):
    """'Conflicts': the list of the team sync's conflicts."""

    def _syncer(self) -> object | None:
        return getattr(self.app, "syncer", None)

    def _open(self) -> None:
        from kam_tui.ui.sync.conflicts import ConflictsScreen  # not needed before it is opened

        keeper = self._syncer()
        if keeper is not None:
            self.app.push_screen(ConflictsScreen(keeper))  # type: ignore[arg-type]

    async def discover(self) -> Hits:
        if self._syncer() is not None:
            yield DiscoveryHit(CONFLICTS_COMMAND, self._open, help=CONFLICTS_HELP)

    async def search(self, query: str) -> Hits:
        if self._syncer() is None:
            return
        matcher = self.matcher(query)
        score = matcher.match(CONFLICTS_COMMAND)
        if score > 0:
            yield Hit(score, matcher.highlight(CONFLICTS_COMMAND), self._open, help=CONFLICTS_HELP)
