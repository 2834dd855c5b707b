"""A record form that checks what it holds: save closes with the record only when every
field is valid (and the store can take it); a reason shown goes once its field is valid."""

from __future__ import annotations

from typing import TypeVar

from textual import on
from textual.widgets import Checkbox, Input, Select, SelectionList, TextArea

from kam_tui.ui.forms.discard import GuardedDialog

ResultT = TypeVar("ResultT")
Errors = dict[str, str]
"""Why a record cannot be saved, by field name."""


class CheckedForm(GuardedDialog[ResultT | None]):
    """Closes with the record its fields describe, or None when cancelled.

    Subclasses read the fields (`read_form`), add the domain rules (`check`) and show the
    reasons (`show_errors`).
    """

    def __init__(self) -> None:
        super().__init__()
        self._shown: Errors = {}
        """The reasons on show, by field."""

    def read_form(self, errors: Errors) -> ResultT | None:
        """The record the fields describe (None when there is none to check); parse
        problems go into `errors` by field."""
        raise NotImplementedError

    def check(self, result: ResultT) -> Errors:
        """The domain rules `result` breaks, by field."""
        return {}

    def show_errors(self, errors: Errors, *, focus: bool = True) -> None:
        """Show each reason (none: clear them); with `focus`, the first field to fix takes
        the focus."""
        raise NotImplementedError

    def _errors(self) -> tuple[ResultT | None, Errors]:
        """The record the fields describe and every reason it cannot be saved."""
        errors: Errors = {}
        result = self.read_form(errors)
        if result is not None:
            for name, reason in self.check(result).items():
                errors.setdefault(name, reason)
        return result, errors

    def _show(self, errors: Errors, *, focus: bool = True) -> None:
        self._shown = dict(errors)
        self.show_errors(errors, focus=focus)

    def action_save(self) -> None:
        """Check every field; close with the record when all are valid, else show each
        reason."""
        result, errors = self._errors()
        self._show(errors)
        if not errors and result is not None and not self.save_refused():
            self.dismiss(result)

    @on(Input.Changed)
    @on(Select.Changed)
    @on(TextArea.Changed)
    @on(Checkbox.Changed)
    @on(SelectionList.SelectedChanged)
    def _field_changed(self) -> None:
        """Take a reason away as soon as its field is valid (new ones wait for a save)."""
        if not self._shown:
            return
        _result, errors = self._errors()
        still = {name: errors[name] for name in self._shown if name in errors}
        if still != self._shown:
            self._show(still, focus=False)
