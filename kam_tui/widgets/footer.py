"""The footer, recomposed only when the keys it shows actually change."""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

Shown = tuple[str, str, str, str]
"""What identifies one key in the footer: display, description, action, tooltip."""


class KamFooter(Footer):
    """Textual's Footer rebuilds all its key widgets on every focus change (~55 ms of CPU).

    Moving a card moves focus between columns but rarely changes the keys on offer: this
    footer recomposes only when the set of keys differs, and when only their availability
    changed (a key dimmed at the edge of a board) it updates the keys in place.
    """

    _shown: tuple[Shown, ...] | None = None
    _enabled: tuple[bool, ...] = ()

    def _offered(self, screen: Screen[object]) -> list[tuple[Shown, bool]]:
        return [
            (
                (
                    self.app.get_key_display(binding),
                    binding.description,
                    binding.action,
                    tooltip or "",
                ),
                enabled,
            )
            for _node, binding, enabled, tooltip in screen.active_bindings.values()
            if binding.show or binding.action == "command_palette"
        ]

    def bindings_changed(self, screen: Screen[object]) -> None:
        if not (screen.app.app_focus and self.is_attached and screen is self.screen):
            super().bindings_changed(screen)
            return
        offered = self._offered(screen)
        shown = tuple(key for key, _enabled in offered)
        enabled = tuple(flag for _key, flag in offered)
        if shown == self._shown:
            if enabled != self._enabled:
                self._enabled = enabled
                availability = {(key[2], key[0]): flag for key, flag in offered}
                for footer_key in self.query(FooterKey):
                    flag = availability.get((footer_key.action, footer_key.key_display), True)
                    if bool(footer_key.styles.text_style.dim) == flag:
                        # Textual dims a key with its `-disabled` class, but a class change
                        # restyles the whole footer (~3 ms at a card move): an inline style
                        # repaints the one key.
                        footer_key.styles.text_style = "none" if flag else "dim"
            return
        self._shown, self._enabled = shown, enabled
        super().bindings_changed(screen)
