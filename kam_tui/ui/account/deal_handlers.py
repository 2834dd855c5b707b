"""The Deals tab's changes on the account screen: add, edit and delete a deal."""

from __future__ import annotations

from textual import on

from kam_tui.domain.models import Deal
from kam_tui.domain.text import printable
from kam_tui.ui.account.deal_form import DealForm, new_deal
from kam_tui.ui.account.deals import DealList
from kam_tui.ui.account.host import AccountHost
from kam_tui.ui.forms.confirm import ConfirmDialog
from kam_tui.ui.view_helpers import UNDO_HINT


class DealHandlers(AccountHost):
    """What the Deals tab asks of the account screen."""

    def _edit_deal_in_form(self, deal: Deal, title: str) -> None:
        account = self.account
        if account is None or self._refused_read_only():
            return
        self.app.push_screen(
            DealForm(deal, self.workspace.schema, title=title, owners=self._owner_names(account)),
            self._deal_saved,
        )

    @on(DealList.AddRequested)
    def _add_deal(self, message: DealList.AddRequested) -> None:
        message.stop()
        account = self.account
        if account is not None:
            draft = new_deal(account, self.kam.today)
            self._edit_deal_in_form(draft, f"New deal · {printable(account.name)}")

    @on(DealList.EditRequested)
    def _edit_deal(self, message: DealList.EditRequested) -> None:
        message.stop()
        deal = self.workspace.get(Deal, message.deal_id)
        if deal is not None:
            self._edit_deal_in_form(deal, f"Edit the deal {printable(deal.title)}")

    def _deal_saved(self, deal: Deal | None) -> None:
        if deal is None:
            return
        saved = self._applied(self.workspace.save(deal))
        if saved is not None:
            self.refresh_data(keep_deal=saved.id)

    @on(DealList.DeleteRequested)
    def _delete_deal(self, message: DealList.DeleteRequested) -> None:
        message.stop()
        deal = self.workspace.get(Deal, message.deal_id)
        if deal is None or self._refused_read_only():
            return

        def answered(delete: bool | None) -> None:
            if not delete:
                return
            self._applied(self.workspace.delete(deal))
            if self.workspace.get(Deal, deal.id) is None:
                self.notify(f"Deleted the deal {printable(deal.title)}; {UNDO_HINT}.")

        self.app.push_screen(
            ConfirmDialog(f"Delete the deal {printable(deal.title)}?", yes="Delete"), answered
        )
