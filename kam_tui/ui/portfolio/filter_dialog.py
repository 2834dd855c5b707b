"""Choose which accounts the Portfolio adds up: managers, lists, statuses, key accounts."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Checkbox, Label, RadioButton, RadioSet, SelectionList

from kam_tui.domain.portfolio.figures import PortfolioFilter
from kam_tui.ui.forms.discard import GuardedDialog
from kam_tui.ui.user_text import literal

UNASSIGNED_LABEL = "Unassigned"
"""How the manager of accounts nobody manages ("") is offered."""


EVERYONE_LABEL = "Everyone"
"""How "no manager filter" is offered."""


class PortfolioFilterDialog(GuardedDialog[PortfolioFilter | None]):
    """A manager, checklists of lists and statuses and a key-accounts box: space ticks, enter
    applies, escape cancels."""

    DEFAULT_CSS = """
    PortfolioFilterDialog {
        align: center middle;
        & > Vertical {
            width: auto;
            max-width: 96%;
            height: auto;
            max-height: 94%;
            padding: 0 1;
            border: thick $primary;
            background: $panel;
        }
        & Horizontal {
            width: auto;
            height: auto;
        }
        & SelectionList, & RadioSet {
            width: 24;
            height: auto;
            max-height: 12;
        }
        & .filter-title {
            text-style: bold;
        }
        & #portfolio-filter-hint {
            color: $text-muted;
        }
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "apply", "Apply", priority=True, id="portfolio-filter-apply",
                tooltip="Add up only what is ticked (nothing ticked counts everything)"),
        Binding("x", "clear", "Clear", id="portfolio-filter-clear",
                tooltip="Untick everything"),
        Binding("escape", "cancel", "Cancel", id="portfolio-filter-cancel",
                tooltip="Close without changing the filter"),
    ]  # fmt: skip

    def __init__(
        self,
        chosen: PortfolioFilter,
        *,
        managers: Sequence[str],
        lists: Sequence[str],
        statuses: Sequence[str],
    ) -> None:
        """Offer `managers` ("" is Unassigned), `lists` and `statuses`, with `chosen` ticked."""
        super().__init__()
        self.chosen = chosen
        """What is ticked at first."""
        self.managers = tuple(managers)
        """The managers offered ("" is Unassigned)."""
        self.lists = tuple(lists)
        """The lifecycle lists offered."""
        self.statuses = tuple(statuses)
        """The pipeline statuses offered."""

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Add up only (nothing ticked counts all)", classes="filter-title")
            with Horizontal():
                yield self._manager_choice()
                yield self._checklist("lists", "List", self.lists, self.chosen.lists)
                yield self._checklist("statuses", "Status", self.statuses, self.chosen.statuses)
            yield Checkbox(
                "Key accounts only", self.chosen.key_accounts_only, id="portfolio-filter-key"
            )
            yield Label(
                "space ticks · tab moves · x clears · enter applies", id="portfolio-filter-hint"
            )

    def _manager_choice(self) -> RadioSet:
        chosen = self.chosen.manager
        buttons = [RadioButton(EVERYONE_LABEL, chosen is None)]
        buttons += [
            RadioButton(literal(name or UNASSIGNED_LABEL), chosen == name) for name in self.managers
        ]
        radio = RadioSet(*buttons, id="portfolio-filter-manager")
        radio.border_title = "Manager"
        return radio

    def _manager(self) -> str | None:
        index = self.query_one("#portfolio-filter-manager", RadioSet).pressed_index
        return self.managers[index - 1] if index >= 1 else None

    @staticmethod
    def _checklist(
        name: str, title: str, values: Sequence[str], selected: Sequence[str]
    ) -> SelectionList[str]:
        checklist: SelectionList[str] = SelectionList[str](
            *((literal(value), value, value in selected) for value in values),
            id=f"portfolio-filter-{name}",
        )
        checklist.border_title = title
        return checklist

    def _ticked(self, name: str, order: Sequence[str]) -> tuple[str, ...]:
        checklist = self.query_one(f"#portfolio-filter-{name}", SelectionList)
        ticked = {str(value) for value in checklist.selected}
        return tuple(value for value in order if value in ticked)

    def action_apply(self) -> None:
        """Close with what is ticked."""
        self.dismiss(
            PortfolioFilter(
                manager=self._manager(),
                lists=self._ticked("lists", self.lists),
                statuses=self._ticked("statuses", self.statuses),
                key_accounts_only=self.query_one("#portfolio-filter-key", Checkbox).value,
            )
        )

    def action_clear(self) -> None:
        """Untick everything."""
        for checklist in self.query(SelectionList).results(SelectionList):
            checklist.deselect_all()
        everyone = self.query_one("#portfolio-filter-manager", RadioSet).query(RadioButton).first()
        everyone.value = True
        self.query_one("#portfolio-filter-key", Checkbox).value = False

    def action_save(self) -> None:
        """Apply, from the question asked on escape."""
        self.action_apply()
