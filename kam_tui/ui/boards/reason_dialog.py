"""The question a card moved to Won or Lost asks: why? Enter keeps the answer with the
move; escape makes the move without one."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType

from kam_tui.domain.fields import catalogue_field
from kam_tui.domain.models import StatusChange
from kam_tui.domain.schema import Schema
from kam_tui.domain.status_history import LOST, closing_outcome
from kam_tui.domain.validation import record_errors
from kam_tui.ui.forms.dialog import SMALL_FORM, Errors, FormDialog, cancel_binding, save_binding
from kam_tui.ui.forms.fields import catalogue_row

REASON = catalogue_field(StatusChange.TABLE, "reason")
"""The history entry's reason field: its label, limit and checks."""


def reason_question(status: str, won: str, lost: str) -> str | None:
    """What moving a card to `status` asks ("Why was it lost?"), or None when a move
    there asks nothing (any status but the won and lost ones)."""
    outcome = closing_outcome(status, won, lost)
    if outcome is None:
        return None
    return f"Why was it {'lost' if outcome == LOST else 'won'}?"


class ReasonDialog(FormDialog[str]):
    """One line of text: enter (or ctrl+s) closes with it, escape closes with None at once
    (the move goes ahead without a reason, so there is nothing to guard)."""

    STYLE = SMALL_FORM
    BINDINGS: ClassVar[list[BindingType]] = [
        save_binding("Keep this reason with the move"),
        cancel_binding("Move without a reason"),
    ]

    def __init__(self, question: str, schema: Schema) -> None:
        super().__init__(question, schema)

    def compose_form(self) -> ComposeResult:
        yield catalogue_row(
            REASON, "", self.schema, placeholder="enter keeps it · esc moves without one"
        )

    def read_form(self, errors: Errors) -> str | None:
        value = self.value_of(REASON, "", errors)
        return str(value).strip()

    def check(self, result: str) -> Errors:
        entry = StatusChange(day=date.min, reason=result)
        return {
            key: why for key, why in record_errors(entry, self.schema).items() if key == "reason"
        }

    def action_cancel(self) -> None:
        """Close at once with no reason: the move is made without one."""
        self.discard()
