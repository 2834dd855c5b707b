"""What the account screen's tabs share when they change records: the account shown, the
workspace, and one way to refuse (the handlers of each tab's records live beside the tab)."""

from __future__ import annotations

from typing import TypeVar

from textual.screen import Screen

from kam_tui.domain.models import Account, Contact
from kam_tui.services import Outcome, Workspace
from kam_tui.ui.refused import tell_refused
from kam_tui.ui.typed_app import KamAppApi, kam_app

T = TypeVar("T")


class AccountHost(Screen[None]):
    """The account screen's reading and refusing, for the record handlers it is made of."""

    account_id: int
    """The account shown."""

    @property
    def kam(self) -> KamAppApi:
        """The app, typed."""
        return kam_app(self.app)

    @property
    def workspace(self) -> Workspace:
        """The application layer: queries and changes."""
        return self.kam.workspace

    @property
    def account(self) -> Account | None:
        """The account shown (None once deleted, e.g. by undoing its creation)."""
        return self.workspace.account(self.account_id)

    def contacts(self) -> list[Contact]:
        """The account's stakeholders."""
        return self.workspace.children(Contact, self.account_id)

    def _refused_read_only(self) -> bool:
        """Say so and return True when the store cannot be changed."""
        reason = self.kam.read_only_reason
        if reason is not None:
            self.notify(f"Nothing can be changed: {reason}.", title="Read-only", severity="error")
        return reason is not None

    def _applied(self, outcome: Outcome[T]) -> T | None:
        """What an applied change returned; a refused one becomes a notification."""
        if outcome.refusal is not None:
            tell_refused(self, outcome.refusal)
            return None
        return outcome.value

    def _owner_names(self, account: Account) -> list[str]:
        names = [*self.workspace.schema.team, account.assignee]
        names += [member.name for member in account.team]
        names += [contact.owner for contact in self.contacts()]
        return [name for name in dict.fromkeys(names) if name]

    def refresh_data(
        self, *, keep_contact: int | None = None, keep_deal: int | None = None
    ) -> None:
        """Redraw everything from the repository (the account screen draws it)."""
        raise NotImplementedError
