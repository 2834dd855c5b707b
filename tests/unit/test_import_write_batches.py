"""An import's write inserts new accounts as the plan validated them and new records a batch
at a time: the same accounts, history entries, records, edits and stored documents as
writing them one at a time through `save` and `insert_validated`."""

from __future__ import annotations

import csv
import json
from dataclasses import replace
from datetime import date, datetime
from functools import partial
from pathlib import Path
from typing import Any

import pytest

from kam_tui.cli.main import main
from kam_tui.config.settings import Settings
from kam_tui.domain.clock import fixed_clock
from kam_tui.domain.models import Account, Activity, Contact, Record, StatusChange
from kam_tui.domain.rules import stamp_account
from kam_tui.services import Workspace
from kam_tui.services.import_write import _resolved
from kam_tui.services.importing import ImportPlan, apply_import, plan_import
from kam_tui.store import Repository
from kam_tui.store.change_set import ChangeSet
from kam_tui.store.errors import StoreError
from kam_tui.store.migrations import META_TABLE
from kam_tui.store.undo import Change

CLOCK = fixed_clock(datetime(2026, 3, 2, 9, 30))
NOW = CLOCK()
ACCOUNTS = (
    Account(name="Plain", status="Contacted", lifecycle="New"),
    Account(
        name="Dated",
        status="Won",
        lifecycle="Existing",
        status_since=date(2025, 6, 1),
        created=datetime(2024, 1, 5, 8, 0),
    ),
    Account(name="Lost", status="Lost", lifecycle="Returning"),
)


def _open(path: Path) -> Repository:
    path.parent.mkdir(parents=True, exist_ok=True)
    settings = Settings()
    return Repository.open(path, settings.schema, clock=CLOCK, user="Ann")


def _edits(change: Change | None) -> list[tuple[str, int, Any, Any]]:
    assert change is not None
    return [(e.table, e.record_id, e.before, e.after) for e in change.edits]


def _tables(path: Path) -> dict[str, Any]:
    tables: dict[str, Any] = json.loads(path.read_bytes())
    del tables[META_TABLE]
    return tables


@pytest.mark.parametrize("record_history", [True, False])
def test_a_validated_new_account_is_the_account_save_makes(
    tmp_path: Path, record_history: bool
) -> None:
    saved_store, validated_store = tmp_path / "saved.json", tmp_path / "validated.json"
    saving, inserting = _open(saved_store), _open(validated_store)
    with saving.change("Accounts") as change:
        saved = [change.save(a, record_history=record_history) for a in ACCOUNTS]
    with inserting.change("Accounts") as change:
        made = [change.insert_validated_account(a, record_history=record_history) for a in ACCOUNTS]
    assert made == saved
    assert made[0] == replace(
        ACCOUNTS[0], id=1, created=NOW, updated=NOW, status_since=date(2026, 3, 2)
    )
    assert made[1] == replace(ACCOUNTS[1], id=2, updated=NOW)  # its own days kept
    for n, account in enumerate(ACCOUNTS):
        assert made[n] == stamp_account(None, replace(account, id=n + 1), NOW)
    assert _edits(inserting.undo()) == _edits(saving.undo())
    assert saving.redo() is not None and inserting.redo() is not None
    history = inserting.all(StatusChange)
    assert history == saving.all(StatusChange)
    expected = (
        [
            ("status", 1, date(2026, 3, 2), "", "Contacted"),
            ("lifecycle", 1, date(2026, 3, 2), "", "New"),
            ("status", 2, date(2025, 6, 1), "", "Won"),
            ("lifecycle", 2, date(2024, 1, 5), "", "Existing"),
            ("status", 3, date(2026, 3, 2), "", "Lost"),
            ("lifecycle", 3, date(2026, 3, 2), "", "Returning"),
        ]
        if record_history
        else []
    )
    assert [(h.kind, h.account_id, h.day, h.from_value, h.to_value) for h in history] == expected
    assert {h.by for h in history} <= {"Ann"}
    saving.close()
    inserting.close()
    assert _tables(validated_store) == _tables(saved_store)


def test_the_validated_account_path_takes_only_new_accounts(repo: Repository) -> None:
    with repo.change("Accounts") as change:
        account = change.insert_validated_account(ACCOUNTS[0])
        with pytest.raises(StoreError, match="only a new account"):
            change.insert_validated_account(account)
    assert repo.accounts() == [account]


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> None:
    code = main(list(args))
    _, err = capsys.readouterr()
    assert code == 0, err


def _demo_export(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> list[Path]:
    """kam's own CSV export of the demo store, its first contact made to report to a
    contact of its account further down the file (a reference set once that one is
    written)."""
    demo = tmp_path / "demo.json"
    _run(capsys, "demo", "--db", str(demo))
    folder = tmp_path / "csv"
    folder.mkdir()
    _run(capsys, "export", "--db", str(demo), "--format", "csv", "--out", str(folder))
    contacts = folder / "contacts.csv"
    with contacts.open(newline="", encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    first = rows[0]
    later = [row for row in rows[1:] if row["account_id"] == first["account_id"]][-1]
    first["reports_to"] = later["id"]
    with contacts.open("w", newline="", encoding="utf-8") as file:
        writer = csv.DictWriter(file, fieldnames=list(first))
        writer.writeheader()
        writer.writerows(rows)
    return sorted(folder.glob("*.csv"))


def _one_at_a_time(change: ChangeSet, plan: ImportPlan) -> None:
    """A plan of new records written one record at a time, each account through `save`
    (kam's own export: no history entries), each other record through `insert_validated`
    with its references resolved, every link in one batch at the end."""
    account_ids = dict(plan.account_ids)
    record_ids = dict(plan.known_ids)
    links, link_ids, later = [], [], []
    ordered = sorted(plan.decisions, key=lambda d: not isinstance(d.draft.record, Account))
    for decision in ordered:
        record = decision.record
        assert record is not None and decision.action == "create"
        draft = decision.draft
        complete = True
        if isinstance(record, Account):
            record = change.save(record, record_history=False)
            account_ids[draft.account] = record.id
        else:
            ids: dict[str, Any] = {"account_id": account_ids[draft.account]}
            if draft.references:
                resolved, complete = _resolved(decision, record_ids)
                ids.update(resolved)
            record = change.insert_validated(record, ids)
        record_ids[decision.link.system, record.TABLE, draft.incoming.source_id] = record.id
        if not complete:
            later.append((decision, record))
        links.append(decision.link)
        link_ids.append({"account_id": account_ids[draft.account], "record_id": record.id})
    change.insert_all_validated(links, link_ids)
    for decision, made in later:
        resolved, _ = _resolved(decision, record_ids)
        change.save(replace(made, **resolved))  # type: ignore[arg-type]


def test_an_import_writes_what_one_record_at_a_time_writes(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    files = _demo_export(capsys, tmp_path)
    stores = (tmp_path / "batches" / "kam.json", tmp_path / "single" / "kam.json")
    changes: list[Change | None] = []
    for store in stores:
        repository = _open(store)
        workspace = Workspace(repository, Settings(), CLOCK)
        plan = plan_import(workspace, files)
        assert not plan.problems and not plan.refusals
        if store == stores[0]:
            outcome = apply_import(workspace, plan, "Import")
            assert outcome.refusal is None
            changes.append(outcome.change)
        else:
            written = workspace.apply("Import", partial(_one_at_a_time, plan=plan))
            changes.append(written.change)
        kinds: list[type[Record]] = [Account, Contact, Activity]
        assert all(repository.count(kind) > 20 for kind in kinds)
        first = repository.all(Contact)[0]
        assert first.reports_to == repository.children(Contact, first.account_id)[-1].id
        repository.close()
    batches, single = changes
    assert _edits(batches) == _edits(single)
    assert batches is not None and single is not None and batches.subject == single.subject
    assert stores[0].read_bytes() != b"" and _tables(stores[0]) == _tables(stores[1])
