"""NextContactForm: the day and kind of an account's planned next contact."""

from __future__ import annotations

from dataclasses import replace

from textual.app import ComposeResult

from kam_tui.domain.fields import catalogue_field
from kam_tui.domain.models import Account
from kam_tui.domain.schema import Schema
from kam_tui.domain.validation import record_errors
from kam_tui.ui.forms.dialog import Errors, FormDialog
from kam_tui.ui.forms.fields import catalogue_row

FIELDS = ("next_contact", "next_contact_kind")
"""The account fields this form edits."""


class NextContactForm(FormDialog[Account]):
    """Plan the next contact with an account; returns the account (unsaved) or None."""

    def __init__(self, account: Account, schema: Schema, *, title: str) -> None:
        super().__init__(title, schema)
        self.account = account
        """The account as it was when the form opened."""

    def compose_form(self) -> ComposeResult:
        for key in FIELDS:
            yield catalogue_row(
                catalogue_field("accounts", key), getattr(self.account, key), self.schema
            )

    def read_form(self, errors: Errors) -> Account | None:
        """The account with the planned day and kind the fields hold."""
        values = {
            key: self.value_of(catalogue_field("accounts", key), getattr(self.account, key), errors)
            for key in FIELDS
        }
        return replace(self.account, **values)

    def check(self, result: Account | None) -> Errors:
        """The domain rules the account breaks (a kind that is not one of the kinds)."""
        return {} if result is None else record_errors(result, self.schema)
