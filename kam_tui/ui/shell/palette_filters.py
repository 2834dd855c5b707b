"""Command palette entries of saved filters: recall, save the view's, rename, delete."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from kam_tui.ui.saved_filters import saved_filters, takes_filters, use_saved
from kam_tui.ui.saved_filters_dialog import ask_delete_filter, ask_rename_filter, ask_save_filter
from kam_tui.ui.user_text import literal, markup_escaped, printable

SAVE_COMMAND = "Save filter as…"
SAVE_HELP = "Keep this view's filter under a name, to recall it on any view (F)"


class FilterCommands(Provider):
    """ "Filter: <name>" for each saved filter, "Save filter as…", rename and delete."""

    def _commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        """(entry, help, callback) of every entry that works over the palette's screen."""
        screen = self.screen
        if not takes_filters(screen):
            return []
        app = self.app
        commands: list[tuple[str, str, Callable[[], object]]] = [
            (SAVE_COMMAND, SAVE_HELP, partial(ask_save_filter, app, screen))
        ]
        for name, text in saved_filters(app).items():
            shown = printable(name)
            commands.append((f"Filter: {shown}", text, partial(use_saved, screen, text)))
        for name, text in saved_filters(app).items():
            shown = printable(name)
            commands.append(
                (f"Rename filter: {shown}", text, partial(ask_rename_filter, app, name))
            )
            commands.append(
                (f"Delete filter: {shown}", text, partial(ask_delete_filter, app, name))
            )
        return commands

    async def discover(self) -> Hits:
        """Offer saving and each saved filter before anything is typed."""
        for entry, help_text, callback in self._commands():
            if not entry.startswith(("Rename", "Delete")):
                yield DiscoveryHit(
                    literal(entry), callback, text=entry, help=markup_escaped(printable(help_text))
                )

    async def search(self, query: str) -> Hits:
        """The entries whose words match `query`."""
        matcher = self.matcher(query)
        for entry, help_text, callback in self._commands():
            score = matcher.match(entry)
            if score > 0:
                yield Hit(score, literal(entry), callback, text=entry,
                          help=markup_escaped(printable(help_text)))  # fmt: skip
