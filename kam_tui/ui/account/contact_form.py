"""ContactForm: every field of a stakeholder, checked inline; returns the contact unsaved."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from textual.app import ComposeResult
from textual.suggester import SuggestFromList
from textual.widgets import Input, Select

from kam_tui.domain.fields import catalogue_field
from kam_tui.domain.models import Contact
from kam_tui.domain.schema import Schema
from kam_tui.domain.stakeholders import possible_bosses
from kam_tui.domain.validation import record_errors
from kam_tui.ui.forms.dialog import Errors, FormDialog
from kam_tui.ui.forms.fields import (
    FieldRow,
    catalogue_row,
    text_select,
)

TYPED = (
    "name",
    "title",
    "level",
    "buying_role",
    "stance",
    "influence",
    "email",
    "phone",
    "owner",
)
"""The fields read as the catalogue says (reports-to is a select of the other contacts)."""


def boss_label(contact: Contact) -> str:
    """How a possible boss is named in the reports-to select."""
    return f"{contact.name}, {contact.title}" if contact.title else contact.name


class ContactForm(FormDialog[Contact]):
    """Edit every field of a stakeholder; returns the valid contact (unsaved) or None."""

    def __init__(
        self,
        contact: Contact,
        contacts: Sequence[Contact],
        schema: Schema,
        *,
        title: str,
        owners: Sequence[str] = (),
    ) -> None:
        super().__init__(title, schema)
        self.contact = contact
        """The contact as it was when the form opened."""
        self.contacts = tuple(contacts)
        """Every contact of the account (the form offers the others as bosses)."""
        self.owners = tuple(dict.fromkeys(name for name in owners if name))
        """Names suggested as relationship owner (our team)."""
        self.bosses = possible_bosses(self.contacts, contact)
        """Whom the contact may report to without making a loop."""

    def compose_form(self) -> ComposeResult:
        contact = self.contact
        for key in ("name", "title", "level", "buying_role", "stance", "influence"):
            yield catalogue_row(
                catalogue_field("contacts", key), getattr(contact, key), self.schema
            )
        yield FieldRow("reports_to", "Reports to", self._boss_select())
        for key in ("email", "phone"):
            yield catalogue_row(
                catalogue_field("contacts", key), getattr(contact, key), self.schema
            )
        owner = catalogue_row(
            catalogue_field("contacts", "owner"),
            contact.owner,
            self.schema,
            hint="→ accepts a suggested name" if self.owners else "",
        )
        if isinstance(owner.editor, Input):
            owner.editor.suggester = SuggestFromList(self.owners, case_sensitive=False)
        yield owner

    def _boss_select(self) -> Select[str]:
        options = [("(nobody)", "")]
        options += [(boss_label(boss), str(boss.id)) for boss in self.bosses]
        current = self.contact.reports_to
        if current is not None and str(current) not in {value for _, value in options}:
            known = {other.id: other for other in self.contacts}
            name = known[current].name if current in known else f"contact #{current}"
            options.append((f"{name} (not possible)", str(current)))
        return text_select(options, "" if current is None else str(current), "reports_to")

    def read_form(self, errors: Errors) -> Contact | None:
        """The contact the fields describe."""
        contact = self.contact
        values = {
            key: self.value_of(catalogue_field("contacts", key), getattr(contact, key), errors)
            for key in TYPED
        }
        boss = self.choice("reports_to")
        return replace(contact, **values, reports_to=int(boss) if boss else None)

    def check(self, result: Contact | None) -> Errors:
        """The domain rules, and no reports-to loop."""
        if result is None:
            return {}
        errors = record_errors(result, self.schema)
        allowed = {boss.id for boss in self.bosses}
        if result.reports_to is not None and result.reports_to not in allowed:
            errors.setdefault(
                "reports_to", "pick someone else: this would make a loop or is not here"
            )
        return errors
