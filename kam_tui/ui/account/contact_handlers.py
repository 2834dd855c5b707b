"""The Contacts tab's changes on the account screen: add, edit and delete a stakeholder."""

from __future__ import annotations

from textual import on

from kam_tui.domain.models import Contact
from kam_tui.domain.text import printable
from kam_tui.ui.account.contact_form import ContactForm
from kam_tui.ui.account.contacts import ContactList, StakeholderMap
from kam_tui.ui.account.host import AccountHost
from kam_tui.ui.forms.confirm import ConfirmDialog
from kam_tui.ui.view_helpers import UNDO_HINT


class ContactHandlers(AccountHost):
    """What the Contacts tab asks of the account screen."""

    @on(ContactList.AddRequested)
    def _add_contact(self, message: ContactList.AddRequested) -> None:
        message.stop()
        account = self.account
        if account is None or self._refused_read_only():
            return
        contacts = self.contacts()
        self.app.push_screen(
            ContactForm(
                Contact(account_id=account.id, owner=account.assignee),
                contacts,
                self.workspace.schema,
                title=f"New stakeholder · {printable(account.name)}",
                owners=self._owner_names(account),
            ),
            self._contact_saved,
        )

    @on(ContactList.EditRequested)
    def _edit_contact(self, message: ContactList.EditRequested) -> None:
        message.stop()
        account = self.account
        contact = self.workspace.get(Contact, message.contact_id)
        if account is None or contact is None or self._refused_read_only():
            return
        self.app.push_screen(
            ContactForm(
                contact,
                self.contacts(),
                self.workspace.schema,
                title=f"Edit {printable(contact.name)}",
                owners=self._owner_names(account),
            ),
            self._contact_saved,
        )

    def _contact_saved(self, contact: Contact | None) -> None:
        if contact is None:
            return
        saved = self._applied(self.workspace.save(contact))
        if saved is not None:
            self.query_one(StakeholderMap).show(self.contacts(), keep=saved.id)

    @on(ContactList.DeleteRequested)
    def _delete_contact(self, message: ContactList.DeleteRequested) -> None:
        message.stop()
        contact = self.workspace.get(Contact, message.contact_id)
        if contact is None or self._refused_read_only():
            return
        reports = [other for other in self.contacts() if other.reports_to == contact.id]
        question = f"Delete the stakeholder {printable(contact.name)}?"
        if reports:
            question += f" {len(reports)} of their reports will then report to nobody."

        def answered(delete: bool | None) -> None:
            if not delete:
                return
            self._applied(self.workspace.delete(contact))
            if self.workspace.get(Contact, contact.id) is None:
                self.notify(f"Deleted {printable(contact.name)}; {UNDO_HINT}.")

        self.app.push_screen(ConfirmDialog(question, yes="Delete"), answered)
