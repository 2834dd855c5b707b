"""Derived fields after a remote change, by the app's own rule: never replicated."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

from kam_tui.domain.models import Account, Activity
from kam_tui.domain.rules import followed_last_contact
from kam_tui.store.repository import Repository
from kam_tui.store.undo import Edit


def with_last_contact(repository: Repository, edits: list[Edit]) -> list[Edit]:
    """The edits, with each account whose activities changed (or that is new) given the
    last contact its activities say under the app's rule (`followed_last_contact`, from
    the store's activities before the change to those after it). The satisfaction is left
    as the document holds it: the author's laptop applied the rule that follows scores and
    wrote its result with the activity; that rule depends on the order activities arrived
    in, so applied again here laptops would end with different values."""
    by_key = {(edit.table, edit.record_id): edit for edit in edits}
    accounts: set[int] = set()
    for edit in edits:
        if edit.table == Activity.TABLE:
            for record in (edit.before, edit.after):
                if record is not None:
                    accounts.add(record.account_id)  # type: ignore[attr-defined]
        elif edit.table == Account.TABLE and edit.before is None and edit.after is not None:
            accounts.add(edit.record_id)
    if not accounts:
        return edits
    before: dict[int, list[Activity]] = {}
    activities: defaultdict[int, dict[int, Activity]] = defaultdict(dict)
    for account_id in accounts:
        before[account_id] = repository.children(Activity, account_id)
        for activity in before[account_id]:
            activities[account_id][activity.id] = activity
    for edit in edits:
        if edit.table != Activity.TABLE:
            continue
        if isinstance(edit.before, Activity):
            activities[edit.before.account_id].pop(edit.record_id, None)
        if isinstance(edit.after, Activity):
            activities[edit.after.account_id][edit.record_id] = edit.after
    result = list(edits)
    for account_id in sorted(accounts):
        own = by_key.get((Account.TABLE, account_id))
        account = own.after if own is not None else repository.account(account_id)
        if not isinstance(account, Account):
            continue
        day = followed_last_contact(account, before[account_id], activities[account_id].values())
        if day == account.last_contact:
            continue
        updated = replace(account, last_contact=day)
        if own is not None:
            result[result.index(own)] = replace(own, after=updated)
        else:
            result.append(Edit(Account.TABLE, account_id, account, updated))
    return result
