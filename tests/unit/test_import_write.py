"""An import's write: one change on the feed holding every record it adds, undone and redone
whole, the store's tables after the redo the same as after the import (its meta record
aside: the undo marks the ids it took back as used)."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

from kam_tui.config.settings import Settings
from kam_tui.domain.clock import fixed_clock
from kam_tui.domain.models import TABLES, Account, ImportLink
from kam_tui.services import Workspace
from kam_tui.services.importing import apply_import, plan_import
from kam_tui.store import Repository
from kam_tui.store.migrations import META_TABLE
from kam_tui.store.undo import Change, Edit, new_edit

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "salesforce-devorg"
NAMES = ("Account", "Contact", "Opportunity", "OpportunityHistory")


def _tables(store: Path) -> dict[str, Any]:
    tables: dict[str, Any] = json.loads(store.read_bytes())
    del tables[META_TABLE]
    return tables


def _counts(repository: Repository) -> dict[str, int]:
    return {table: repository.count(kind) for table, kind in TABLES.items()}


def test_an_import_is_published_once_undone_and_redone_whole(store_path: Path) -> None:
    store_path.parent.mkdir(parents=True, exist_ok=True)
    settings = Settings()
    clock = fixed_clock(datetime(2026, 3, 2, 9, 30))
    repository = Repository.open(store_path, settings.schema, clock=clock, user=settings.user)
    workspace = Workspace(repository, settings)
    published: list[Change] = []
    workspace.subscribe(published.append)
    plan = plan_import(workspace, [SAMPLE / f"{name}.csv" for name in NAMES])
    outcome = apply_import(workspace, plan, "Imported the sample")
    assert outcome.refusal is None and outcome.change is not None
    assert published == [outcome.change]
    added = {(edit.table, edit.record_id) for edit in outcome.change.edits}
    stored = {
        (table, record.id) for table, kind in TABLES.items() for record in repository.all(kind)
    }
    assert added == stored and len(added) == len(outcome.change.edits) > 100
    assert all(edit.before is None for edit in outcome.change.edits)
    imported = _counts(repository)
    repository.wait_saved(10)
    after_import = _tables(store_path)

    assert workspace.undo().refusal is None
    assert set(_counts(repository).values()) == {0}
    repository.wait_saved(10)
    assert _tables(store_path) != after_import
    assert workspace.redo().refusal is None
    assert _counts(repository) == imported
    repository.wait_saved(10)
    assert _tables(store_path) == after_import
    assert len(published) == 3
    repository.close()


def test_an_edit_made_fast_is_the_edit_its_class_makes() -> None:
    fast = new_edit("accounts", 7, None, None)
    made = Edit("accounts", 7, None, None)
    assert fast == made and hash(fast) == hash(made) and repr(fast) == repr(made)
    assert fast != new_edit("accounts", 8, None, None)


def test_a_batch_of_validated_records_is_what_one_at_a_time_makes(repo: Repository) -> None:
    links = [
        ImportLink(system="kam", object="contacts", source_id=str(n), kam_table="contacts")
        for n in range(4)
    ]
    with repo.change("One at a time") as change:
        account = change.save(Account(name="Acme", status="Contacted", lifecycle="New"))
        single = [
            change.insert_validated(link, {"account_id": account.id, "record_id": n})
            for n, link in enumerate(links)
        ]
    with repo.change("A batch") as change:
        ids = [{"account_id": account.id, "record_id": n} for n in range(4)]
        batch = change.insert_all_validated(links, ids)
    assert [link.id for link in batch] == [single[-1].id + n for n in range(1, 5)]
    assert batch == [replace(link, id=made.id) for link, made in zip(single, batch, strict=True)]
    assert repo.all(ImportLink) == single + batch
    assert workspace_edits(repo) == [(ImportLink.TABLE, link.id) for link in batch]


def workspace_edits(repo: Repository) -> list[tuple[str, int]]:
    undone = repo.undo()
    assert undone is not None and undone.description == "A batch"
    return [(edit.table, edit.record_id) for edit in undone.edits]
