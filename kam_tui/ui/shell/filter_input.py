"""The text filter of a view, typed in the header."""

from __future__ import annotations

from typing import ClassVar, Protocol, runtime_checkable

from textual.binding import Binding, BindingType
from textual.widgets import Input


class FilterInput(Input):
    """The text filter of the current view."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape",
            "clear_filter",
            "Clear filter",
            tooltip="Clear the filter, close it and go back to the view",
            id="clear-filter",
        ),
    ]

    def allow_focus(self) -> bool:
        """Only an open filter takes the focus.

        Hidden, it would still be the first focusable widget of a new screen, and keys
        typed while a view is first shown (`3` then `?`) would vanish into it.
        """
        header = self.parent
        return isinstance(header, FilterHost) and header.has_class("-filtering")

    def action_clear_filter(self) -> None:
        """Ask the header to clear and close the filter."""
        header = self.parent
        if isinstance(header, FilterHost):
            header.close_filter(clear=True)


@runtime_checkable
class FilterHost(Protocol):
    """The widget holding the filter (the header): it opens and closes it."""

    def has_class(self, *class_names: str) -> bool:
        """Whether it has all these CSS classes (`-filtering` while the filter is open)."""
        ...

    def close_filter(self, *, clear: bool) -> None:
        """Close the filter, clearing it when `clear`."""
        ...
