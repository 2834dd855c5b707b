"""DealForm: every field of a deal, checked inline; returns the deal unsaved."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from textual.app import ComposeResult
from textual.suggester import SuggestFromList
from textual.widgets import Input

from kam_tui.domain.fields import catalogue_field
from kam_tui.domain.models import Account, Deal
from kam_tui.domain.schema import Schema
from kam_tui.domain.validation import record_errors
from kam_tui.ui.forms.dialog import Errors, FormDialog
from kam_tui.ui.forms.fields import catalogue_row

FIELDS = (
    "title",
    "amount",
    "stage",
    "probability",
    "created",
    "close_date",
    "outcome",
    "reason",
    "owner",
)
"""The fields of the form, in order, each read as the catalogue says."""


def new_deal(account: Account, today: date) -> Deal:
    """A new deal of `account`: created today, open, at the account's pipeline status and
    owned by its account manager."""
    return Deal(
        account_id=account.id,
        created=today,
        outcome="open",
        stage=account.status,
        owner=account.assignee,
    )


class DealForm(FormDialog[Deal]):
    """Edit every field of a deal; returns the valid deal (unsaved) or None."""

    def __init__(
        self,
        deal: Deal,
        schema: Schema,
        *,
        title: str,
        owners: Sequence[str] = (),
    ) -> None:
        super().__init__(title, schema)
        self.deal = deal
        """The deal as it was when the form opened."""
        self.owners = tuple(dict.fromkeys(name for name in owners if name))
        """Names suggested as the deal's owner (our team)."""

    def compose_form(self) -> ComposeResult:
        deal = self.deal
        for key in FIELDS[:-1]:
            yield catalogue_row(catalogue_field("deals", key), getattr(deal, key), self.schema)
        owner = catalogue_row(
            catalogue_field("deals", "owner"),
            deal.owner,
            self.schema,
            hint="→ accepts a suggested name" if self.owners else "",
        )
        if isinstance(owner.editor, Input):
            owner.editor.suggester = SuggestFromList(self.owners, case_sensitive=False)
        yield owner

    def read_form(self, errors: Errors) -> Deal | None:
        """The deal the fields describe; parse problems go into `errors`."""
        deal = self.deal
        values = {
            key: self.value_of(catalogue_field("deals", key), getattr(deal, key), errors)
            for key in FIELDS
        }
        return replace(deal, **values)

    def check(self, result: Deal | None) -> Errors:
        """The domain rules the deal breaks (a close date before it was created, ...)."""
        return {} if result is None else record_errors(result, self.schema)
