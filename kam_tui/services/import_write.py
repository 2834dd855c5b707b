"""Writing an import's plan into one change set: its accounts first, then every other record
in file order, each with its import link; runs of new records of one file inserted a batch
at a time."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from kam_tui.domain.exchange.building import SourceKey
from kam_tui.domain.exchange.linking import Decision
from kam_tui.domain.exchange.mapping import REFERENCES
from kam_tui.domain.models import Account, Activity, ImportLink, Record
from kam_tui.store.change_set import ChangeSet

RecordIds = dict[tuple[str, str, str], int]
"""(system, kam table, source id) -> kam id of each record imported or linked before."""
_NAMED = frozenset(REFERENCES.values())
"""The tables whose records a reference can name: the only ones whose ids are looked up."""
_Pending = tuple[Decision, Record, dict[str, Any], bool]
"""A new record waiting for its batch: its decision, the record as the plan made it, the ids
to set on it, and whether a record it names is saved after it (its references set once all
are saved)."""


def write_plan(
    change: ChangeSet,
    decisions: Sequence[Decision],
    account_ids: dict[SourceKey, int],
    record_ids: RecordIds,
    absent: Sequence[ImportLink],
) -> int:
    """Write every decision's record and link, and the absent links, into `change`;
    returns how many records it created or updated. `account_ids` and `record_ids` (the
    accounts and records earlier imports linked) are copied, never changed."""
    writer = _Writer(change, dict(account_ids), dict(record_ids))
    accounts: list[Decision] = []
    others: list[Decision] = []
    for decision in decisions:
        (accounts if isinstance(decision.draft.record, Account) else others).append(decision)
    for decision in accounts:
        writer.account(decision)
    writer.others(others)
    writer.flush()
    change.insert_all_validated(writer.new_links, writer.link_ids)  # nothing else takes their ids
    for link in absent:
        change.save(link)
    for decision, record in writer.later:  # now every record it may name has its id
        resolved, _ = _resolved(decision, writer.record_ids)
        if any(getattr(record, key) != value for key, value in resolved.items()):
            change.save(replace(record, **resolved))  # type: ignore[arg-type]
    return writer.written


def _own(decision: Decision) -> bool:
    """True when the decision's file is kam's own CSV export."""
    mapping = decision.draft.incoming.spec.mapping
    return mapping is not None and mapping.own


class _Writer:
    """What a plan's write keeps track of: the kam ids of the accounts and records written so
    far, the new links to add, the records whose references are set last, and the new
    records waiting to be inserted as one batch."""

    def __init__(self, change: ChangeSet, account_ids: dict[SourceKey, int], record_ids: RecordIds):
        self.change = change
        self.account_ids = account_ids
        self.record_ids = record_ids
        self.written = 0
        self.later: list[tuple[Decision, Record]] = []
        self.new_links: list[ImportLink] = []
        self.link_ids: list[dict[str, int]] = []
        self._pending: list[_Pending] = []
        self._pending_spec: object = None
        """The spec (file) of the pending records: every record of a batch comes from one
        file, so they are of one kind and set the same ids."""
        self._pending_table = ""

    def account(self, decision: Decision) -> None:
        """Write an account's decision: a new account as the plan validated it (stamped
        and given its history by the change set) when nothing of it was derived after the
        plan checked it; one with a status or list derived from its deals, and an update,
        through `save`."""
        record = decision.record
        draft = decision.draft
        if record is None:
            account_id = decision.link.record_id
        elif record.id == 0 and not draft.derived and isinstance(record, Account):
            record = self.change.insert_validated_account(record, record_history=not _own(decision))
            account_id = record.id
        else:
            record = self.change.save(record, record_history=not _own(decision))
            account_id = record.id
        self.account_ids[draft.account] = account_id
        self._done(decision, record, account_id, deferred=False)

    def others(self, decisions: Sequence[Decision]) -> None:
        """Write the decisions of records that belong to an account, in order (each one
        skipped when its account was left out). A new record of kam's own export, or any
        new record but an activity, with a new link, waits for its file's batch (as the
        plan validated it, its ids set); any other is written at once, after the records
        before it (an activity from another system follows its account's last contact)."""
        account_ids = self.account_ids
        pending = self._pending
        spec: object = None
        own = batched = False
        for decision in decisions:
            draft = decision.draft
            account_id = account_ids.get(draft.account)
            if account_id is None:
                continue
            record = decision.record
            if record is None:
                self.flush()
                self._done(decision, None, account_id, deferred=False)
                continue
            if draft.incoming.spec is not spec:  # a file's records are of one kind
                spec = draft.incoming.spec
                own = _own(decision)
                batched = own or not isinstance(record, Activity)
            ids: dict[str, Any] = (
                {"account_id": account_id} if record.id == 0 or decision.moved else {}
            )
            deferred = False
            references = draft.references
            if references and decision.action == "create":
                if any(references.values()):
                    if self._names_pending(record.TABLE, references):
                        self.flush()  # it names a record of the batch: their ids first
                    resolved, complete = _resolved(decision, self.record_ids)
                    ids.update(resolved)
                    deferred = not complete  # it names a record saved after it: set last
                else:
                    ids.update(_unnamed(record, references))
            if batched and record.id == 0 and (decision.link.id == 0 or not decision.link_changed):
                if spec is not self._pending_spec:
                    self.flush()
                    self._pending_spec = spec
                    self._pending_table = record.TABLE
                pending.append((decision, record, ids, deferred))
                continue
            self.flush()
            saved = _saved(self.change, record, ids, own=own)
            self._done(decision, saved, account_id, deferred=deferred)

    def _names_pending(self, table: str, references: dict[str, tuple[str, ...]]) -> bool:
        """True when a reference of a record of `table` may name a pending record."""
        pending = self._pending_table
        if not self._pending or pending not in _NAMED:
            return False
        return any(REFERENCES[table, key] == pending for key in references)

    def flush(self) -> None:
        """Insert the pending records as one batch, then note their ids and links in their
        order (as writing them one at a time would)."""
        pending = self._pending.copy()
        if not pending:
            return
        self._pending.clear()
        made = self.change.insert_all_validated(
            [record for _, record, _, _ in pending], [ids for _, _, ids, _ in pending]
        )
        self.written += len(made)
        table = self._pending_table
        if table in _NAMED:
            self.record_ids.update(
                ((decision.link.system, table, decision.draft.incoming.source_id), record.id)
                for (decision, _, _, _), record in zip(pending, made, strict=True)
            )
        self.later.extend(
            (decision, record)
            for (decision, _, _, deferred), record in zip(pending, made, strict=True)
            if deferred
        )
        new_links = self.new_links
        link_ids = self.link_ids
        for (decision, _, ids, _), record in zip(pending, made, strict=True):
            if decision.link_changed:  # a new link (an existing one is never pending)
                new_links.append(decision.link)
                link_ids.append({"account_id": ids["account_id"], "record_id": record.id})

    def _done(
        self, decision: Decision, record: Record | None, account_id: int, *, deferred: bool
    ) -> None:
        """Note a decision written: its record's id, and its link (a new one added with the
        others at the end, a changed one saved now)."""
        link = decision.link
        if record is not None:
            self.written += 1
            if record.TABLE in _NAMED:
                source_id = decision.draft.incoming.source_id
                self.record_ids[link.system, record.TABLE, source_id] = record.id
            if deferred:
                self.later.append((decision, record))
        if decision.link_changed:
            record_id = record.id if record is not None else link.record_id
            ids = {"account_id": account_id, "record_id": record_id}
            if link.id == 0:  # validated with its draft by the plan; added in one batch
                self.new_links.append(link)
                self.link_ids.append(ids)
            else:
                self.change.save(replace(link, account_id=account_id, record_id=record_id))


def _saved(change: ChangeSet, record: Record, ids: dict[str, Any], *, own: bool) -> Record:
    """Save a record of the plan (not an account) with its ids set: a new one as the plan
    validated it (its draft), an activity from another system with its account's last
    contact, an update through the full validation of `save`."""
    if record.id == 0 and (own or not isinstance(record, Activity)):
        return change.insert_validated(record, ids)
    if ids:
        record = replace(record, **ids)
    if isinstance(record, Activity) and record.id == 0:
        return change.log_activity(record)
    return change.save(record)


_UNNAMED: dict[tuple[type[Record], tuple[str, ...]], dict[str, object]] = {}


def _unnamed(record: Record, references: dict[str, tuple[str, ...]]) -> dict[str, object]:
    """What `_resolved` sets when no reference names a record (each field empty: a tuple
    field to (), any other to None), worked out once per kind and set of fields: a field's
    value is of one class for every record of its kind."""
    key = (type(record), tuple(references))
    found = _UNNAMED.get(key)
    if found is None:
        found = _UNNAMED[key] = {
            name: () if isinstance(getattr(record, name), tuple) else None for name in references
        }
    return found


def _resolved(decision: Decision, record_ids: RecordIds) -> tuple[dict[str, object], bool]:
    """The reference fields of a new record set to the kam ids of the records they name,
    and whether every one of those is saved yet (a record left out of this import since
    its references were checked is left out of them)."""
    system = decision.link.system
    record = decision.draft.record
    resolved: dict[str, object] = {}
    complete = True
    for key, ids in decision.draft.references.items():
        table = REFERENCES[record.TABLE, key]
        found = [record_ids.get((system, table, source_id)) for source_id in ids]
        if None in found:
            complete = False
            found = [kam_id for kam_id in found if kam_id is not None]
        if isinstance(getattr(record, key), tuple):
            resolved[key] = tuple(found)
        else:
            resolved[key] = found[0] if found else None
    return resolved, complete
