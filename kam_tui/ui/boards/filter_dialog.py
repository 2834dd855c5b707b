"""Choose which pipeline statuses and lifecycle lists a board shows."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar, Literal

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Label, SelectionList

from kam_tui.ui.forms.discard import GuardedDialog
from kam_tui.ui.user_text import literal

FilterChoice = Literal["statuses", "lists"]
FilterResult = tuple[frozenset[str], frozenset[str]]
"""The statuses and the lists chosen; an empty set means all of them."""


class BoardFilterDialog(GuardedDialog[FilterResult | None]):
    """Checklists of statuses and lists: space ticks, enter applies, escape cancels."""

    DEFAULT_CSS = """
    BoardFilterDialog {
        align: center middle;
    }
    BoardFilterDialog > Vertical {
        width: auto;
        max-width: 90%;
        height: auto;
        max-height: 90%;
        padding: 0 1;
        border: thick $primary;
        background: $panel;
    }
    BoardFilterDialog Horizontal {
        width: auto;
        height: auto;
    }
    BoardFilterDialog SelectionList {
        width: 28;
        height: auto;
        max-height: 12;
    }
    BoardFilterDialog .filter-title {
        text-style: bold;
    }
    BoardFilterDialog #filter-hint {
        color: $text-muted;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "apply", "Apply", priority=True, id="filter-apply",
                tooltip="Show only what is ticked (nothing ticked shows everything)"),
        Binding("x", "clear", "Clear", id="filter-clear", tooltip="Untick everything"),
        Binding("escape", "cancel", "Cancel", id="filter-cancel",
                tooltip="Close without changing the filter"),
    ]  # fmt: skip

    def __init__(
        self,
        *,
        statuses: Sequence[str] | None,
        lists: Sequence[str] | None,
        selected_statuses: frozenset[str] = frozenset(),
        selected_lists: frozenset[str] = frozenset(),
    ) -> None:
        """Offer `statuses` and/or `lists` (None leaves that checklist out)."""
        super().__init__()
        self.statuses = statuses
        """The statuses offered, or None."""
        self.lists = lists
        """The lifecycle lists offered, or None."""
        self.selected_statuses = selected_statuses
        """The statuses ticked at first."""
        self.selected_lists = selected_lists
        """The lists ticked at first."""

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Show only (nothing ticked shows all)", classes="filter-title")
            with Horizontal():
                if self.statuses is not None:
                    yield self._checklist("statuses", "Status", self.statuses,
                                          self.selected_statuses)  # fmt: skip
                if self.lists is not None:
                    yield self._checklist("lists", "List", self.lists, self.selected_lists)
            yield Label("space ticks · tab switches · x clears · enter applies", id="filter-hint")

    @staticmethod
    def _checklist(
        name: str, title: str, values: Sequence[str], selected: frozenset[str]
    ) -> SelectionList[str]:
        checklist: SelectionList[str] = SelectionList[str](
            *((literal(value), value, value in selected) for value in values),
            id=f"filter-{name}",
        )
        checklist.border_title = title
        return checklist

    def _ticked(self, name: str) -> frozenset[str]:
        found = self.query(f"#filter-{name}").results(SelectionList)
        return frozenset(value for checklist in found for value in checklist.selected)

    def action_apply(self) -> None:
        """Close with what is ticked."""
        self.dismiss((self._ticked("statuses"), self._ticked("lists")))

    def action_clear(self) -> None:
        """Untick everything."""
        for checklist in self.query(SelectionList).results(SelectionList):
            checklist.deselect_all()

    def action_save(self) -> None:
        """Apply, from the question asked on escape."""
        self.action_apply()
