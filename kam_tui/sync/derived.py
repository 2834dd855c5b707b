"""Derived fields after a remote change: recomputed here, never replicated."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

from kam_tui.domain.models import Account, Activity
from kam_tui.domain.rules import recomputed_last_contact
from kam_tui.store.repository import Repository
from kam_tui.store.undo import Edit


def with_last_contact(repository: Repository, edits: list[Edit]) -> list[Edit]:
    """The edits, with each account whose activities changed (or that is new) given
    the last contact its activities say (a derived field, never replicated)."""
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
    activities: defaultdict[int, dict[int, Activity]] = defaultdict(dict)
    for account_id in accounts:
        for activity in repository.children(Activity, account_id):
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
        updated = recomputed_last_contact(account, activities[account_id].values())
        if updated == account:
            continue
        if own is not None:
            result[result.index(own)] = replace(own, after=updated)
        else:
            result.append(Edit(Account.TABLE, account_id, account, updated))
    return result
