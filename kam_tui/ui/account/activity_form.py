"""ActivityForm: log a call, meeting, email, visit, feedback or note; returns it unsaved."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from textual.app import ComposeResult
from textual.widgets import SelectionList

from kam_tui.domain.fields import catalogue_field
from kam_tui.domain.models import Activity, Contact
from kam_tui.domain.schema import Schema
from kam_tui.domain.validation import record_errors
from kam_tui.ui.forms.dialog import Errors, FormDialog
from kam_tui.ui.forms.fields import (
    FieldRow,
    catalogue_row,
    field_id,
)
from kam_tui.ui.user_text import literal


class ActivityForm(FormDialog[Activity]):
    """Describe one touch with the customer; returns the valid activity (unsaved) or None."""

    FIRST_FIELD = "summary"
    """The kind and today's date are usually right already: the form starts in the summary."""

    def __init__(
        self,
        activity: Activity,
        contacts: Sequence[Contact],
        schema: Schema,
        *,
        title: str,
    ) -> None:
        super().__init__(title, schema)
        self.activity = activity
        """The activity as it was when the form opened (its day is the default date)."""
        self.contacts = tuple(sorted(contacts, key=lambda contact: contact.name.casefold()))
        """The account's contacts, offered as people involved."""

    def compose_form(self) -> ComposeResult:
        activity = self.activity
        for key in ("kind", "day", "summary"):
            yield catalogue_row(
                catalogue_field("activities", key), getattr(activity, key), self.schema
            )
        involved = set(activity.contact_ids)
        people: SelectionList[int] = SelectionList(
            *(
                (
                    literal(f"{contact.name}, {contact.title}" if contact.title else contact.name),
                    contact.id,
                    contact.id in involved,
                )
                for contact in self.contacts
            ),
            id=field_id("contact_ids"),
            compact=True,
        )
        yield FieldRow(
            "contact_ids",
            "Contacts",
            people,
            hint="space ticks a contact" if self.contacts else "no contacts yet",
        )
        yield catalogue_row(
            catalogue_field("activities", "satisfaction"), activity.satisfaction, self.schema
        )

    def read_form(self, errors: Errors) -> Activity | None:
        """The activity the fields describe; parse problems go into `errors`."""
        activity = self.activity
        values = {
            key: self.value_of(catalogue_field("activities", key), getattr(activity, key), errors)
            for key in ("kind", "day", "summary", "satisfaction")
        }
        people: SelectionList[int] = self.query_one("#field-contact_ids", SelectionList)
        chosen = set(people.selected)
        return replace(
            activity,
            **values,
            contact_ids=tuple(contact.id for contact in self.contacts if contact.id in chosen),
        )

    def check(self, result: Activity | None) -> Errors:
        """The domain rules the activity breaks."""
        return {} if result is None else record_errors(result, self.schema)
