"""ActivityForm: log a call, meeting, email, visit, feedback or note; returns it unsaved."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from textual.app import ComposeResult
from textual.widgets import Input, Select, SelectionList, TextArea

from kam_tui.domain.models import ACTIVITY_KINDS, Activity, Contact
from kam_tui.domain.parsing import parse_day, parse_whole
from kam_tui.domain.schema import Schema
from kam_tui.domain.validation import record_errors
from kam_tui.ui.forms.dialog import Errors, FormDialog
from kam_tui.ui.forms.fields import (
    FieldRow,
    choice_options,
    field_id,
    select_value,
    text_input,
    text_select,
)
from kam_tui.ui.user_text import LiteralTextArea, literal, printable


class ActivityForm(FormDialog[Activity]):
    """Describe one touch with the customer; returns the valid activity (unsaved) or None."""

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
        yield FieldRow(
            "kind",
            "Kind",
            text_select(choice_options(ACTIVITY_KINDS, activity.kind), activity.kind, "kind"),
        )
        yield FieldRow(
            "day",
            "Date",
            text_input(
                activity.day.isoformat() if activity.day else "", "day", placeholder="YYYY-MM-DD"
            ),
        )
        yield FieldRow(
            "summary",
            "Summary *",
            LiteralTextArea(
                printable(activity.summary, multiline=True), id=field_id("summary"), compact=True
            ),
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
        yield FieldRow(
            "satisfaction",
            "Satisfaction",
            text_input(
                "" if activity.satisfaction is None else str(activity.satisfaction),
                "satisfaction",
                placeholder="0-10, optional",
            ),
        )

    def read_form(self, errors: Errors) -> Activity | None:
        """The activity the fields describe; parse problems go into `errors`."""
        activity = self.activity
        day = activity.day
        try:
            day = parse_day(self.query_one("#field-day", Input).value)
        except ValueError as error:
            errors["day"] = str(error)
        satisfaction = activity.satisfaction
        try:
            satisfaction = parse_whole(self.query_one("#field-satisfaction", Input).value, 0, 10)
        except ValueError as error:
            errors["satisfaction"] = str(error)
        people: SelectionList[int] = self.query_one("#field-contact_ids", SelectionList)
        chosen = set(people.selected)
        return replace(
            activity,
            kind=select_value(self.query_one("#field-kind", Select)),
            day=day,
            summary=self.query_one("#field-summary", TextArea).text.strip(),
            contact_ids=tuple(contact.id for contact in self.contacts if contact.id in chosen),
            satisfaction=satisfaction,
        )

    def check(self, result: Activity | None) -> Errors:
        """The domain rules the activity breaks."""
        return {} if result is None else record_errors(result, self.schema)
