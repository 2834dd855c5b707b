"""The one way a refused change is told to the user: a notification in one format."""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.widget import Widget

from kam_tui.services.outcome import NOT_SAVED, READ_ONLY, Refusal


def tell_refused(
    node: Widget | App[Any], refusal: Refusal, title: str = NOT_SAVED, *, read_only: str = READ_ONLY
) -> None:
    """Notify why a change was refused: `title` heads a refusal of its content, `read_only`
    one of a store that takes no changes; the text is `field: reason; …` or the one reason."""
    heading = read_only if refusal.read_only else title
    node.notify(refusal.text, title=heading, severity="error")
