"""Local writes made outside the app (the `kam` commands) journaled for the team's document
the way the app's Syncer journals its own, so the next sync writes them in."""

from __future__ import annotations

from pathlib import Path

from kam_tui.services.syncing_files import SyncFiles
from kam_tui.store.reader import Tables
from kam_tui.store.repository import Repository
from kam_tui.store.undo import Change, Edit


def joined(store: Path) -> bool:
    """True when the store has joined a team: its shared document lies beside it. A store
    that has not joined needs no journal: joining publishes every record it holds."""
    return SyncFiles(store).document.exists()


def journal_local_writes(repository: Repository) -> None:
    """Journal every local change of this open store (`kam import`, `kam demo`, `kam
    move-accounts`, ...) in the journal of unsent edits, when the store has joined a team.
    The next session that loads the document (the app, `kam sync`) writes those edits into
    it (`SyncSession.load`), exactly as after an app killed before it wrote its own."""
    if not joined(repository.path):
        return
    files = SyncFiles(repository.path)

    def journal(change: Change) -> None:
        if not change.remote and change.edits:
            files.note_unsent(change)

    repository.subscribe(journal)


def journal_replaced(store: Path, before: Tables, after: Tables) -> int:
    """Journal what replacing the store's records `before` by `after` changed (`kam
    restore` writes the file whole, past the change path), when the store has joined a team;
    returns the records journaled."""
    if not joined(store):
        return 0
    edits: list[Edit] = []
    for table in sorted(before.keys() | after.keys()):
        old, new = before.get(table, {}), after.get(table, {})
        for record_id in sorted(old.keys() | new.keys()):
            was, now = old.get(record_id), new.get(record_id)
            if was != now:
                edits.append(Edit(table, record_id, was, now))
    if edits:
        SyncFiles(store).note_unsent(Change("Restored a backup", tuple(edits)))
    return len(edits)
