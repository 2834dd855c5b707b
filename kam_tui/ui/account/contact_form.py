"""ContactForm: every field of a stakeholder, checked inline; returns the contact unsaved."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from textual.app import ComposeResult
from textual.suggester import SuggestFromList
from textual.widgets import Input, Select

from kam_tui.domain.models import BUYING_ROLES, INFLUENCES, LEVELS, STANCES, Contact
from kam_tui.domain.schema import Schema
from kam_tui.domain.stakeholders import possible_bosses
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
        yield FieldRow("name", "Name *", text_input(contact.name, "name"))
        yield FieldRow("title", "Title", text_input(contact.title, "title"))
        for name, label, allowed in (
            ("level", "Level", LEVELS),
            ("buying_role", "Buying role", BUYING_ROLES),
            ("stance", "Stance", STANCES),
            ("influence", "Influence", INFLUENCES),
        ):
            value: str = getattr(contact, name)
            yield FieldRow(name, label, text_select(choice_options(allowed, value), value, name))
        yield FieldRow("reports_to", "Reports to", self._boss_select())
        yield FieldRow(
            "email", "E-mail", text_input(contact.email, "email", placeholder="name@example.com")
        )
        yield FieldRow("phone", "Phone", text_input(contact.phone, "phone"))
        owner = text_input(contact.owner, "owner", placeholder="who on our side owns it")
        owner.suggester = SuggestFromList(self.owners, case_sensitive=False)
        yield FieldRow(
            "owner",
            "Owner (ours)",
            owner,
            hint="→ accepts a suggested name" if self.owners else "",
        )

    def _boss_select(self) -> Select[str]:
        options = [("(nobody)", "")]
        options += [(boss_label(boss), str(boss.id)) for boss in self.bosses]
        current = self.contact.reports_to
        if current is not None and str(current) not in {value for _, value in options}:
            known = {other.id: other for other in self.contacts}
            name = known[current].name if current in known else f"contact #{current}"
            options.append((f"{name} (not possible)", str(current)))
        return text_select(options, "" if current is None else str(current), "reports_to")

    def _input(self, name: str) -> str:
        return self.query_one("#" + field_id(name), Input).value.strip()

    def _select(self, name: str) -> str:
        return select_value(self.query_one("#" + field_id(name), Select))

    def read_form(self, errors: Errors) -> Contact | None:
        """The contact the fields describe."""
        boss = self._select("reports_to")
        return replace(
            self.contact,
            name=self._input("name"),
            title=self._input("title"),
            level=self._select("level"),
            buying_role=self._select("buying_role"),
            stance=self._select("stance"),
            influence=self._select("influence"),
            reports_to=int(boss) if boss else None,
            email=self._input("email"),
            phone=self._input("phone"),
            owner=self._input("owner"),
        )

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
