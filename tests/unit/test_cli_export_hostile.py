"""`kam export` of a store full of hostile text: the CSV gives every text back as data, the
Markdown plan holds no control character and no name breaks its tables."""

from __future__ import annotations

import csv
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hostile_text import fill_hostile_store

from kam_tui.cli import export
from kam_tui.cli.main import main
from kam_tui.domain.clock import fixed_clock
from kam_tui.domain.models import Account, Action, SwotItem
from kam_tui.domain.text import is_unsafe
from kam_tui.store import Repository

_UNESCAPED_PIPE = re.compile(r"(?<!\\)(?:\\\\)*\|")


def original(cell: str) -> str:
    """A CSV text cell with the neutralising quote taken off."""
    return cell[1:] if cell.startswith("'") else cell


@pytest.fixture
def hostile_store(store_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, list[int]]:
    clock = fixed_clock(datetime(2026, 11, 20, 9, tzinfo=UTC))
    monkeypatch.setattr(export, "CLOCK", clock)
    repository = Repository.open(store_path)
    ids = fill_hostile_store(repository, clock().date(), in_statuses=False)
    repository.close()
    return store_path, list(ids.values())


def test_every_hostile_text_comes_back_from_the_csv_as_data(
    capsys: pytest.CaptureFixture[str], hostile_store: tuple[Path, list[int]], tmp_path: Path
) -> None:
    store_path, _ = hostile_store
    assert main(["export", "--db", str(store_path), "--format", "csv", "--out", str(tmp_path)]) == 0
    capsys.readouterr()
    repository = Repository.open(store_path, read_only=True)
    expected = {
        "accounts": {(a.id, "notes"): a.notes for a in repository.all(Account)},
        "actions": {(a.id, "report"): a.report for a in repository.all(Action)},
        "swot": {(s.id, "text"): s.text for s in repository.all(SwotItem)},
    }
    repository.close()
    for table, values in expected.items():
        with (tmp_path / f"{table}.csv").open(encoding="utf-8", newline="") as file:
            rows = {int(row["id"]): row for row in csv.DictReader(file)}
        for (record_id, key), text in values.items():
            cell = rows[record_id][key]
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))
            assert original(cell) == text


def test_the_plan_of_each_hostile_account_keeps_its_tables_whole(
    capsys: pytest.CaptureFixture[str], hostile_store: tuple[Path, list[int]]
) -> None:
    store_path, ids = hostile_store
    for account_id in ids:
        args = ["export", "--db", str(store_path), "--format", "md", "--out", "-"]
        assert main([*args, "--account", f"#{account_id}"]) == 0
        plan = capsys.readouterr().out
        assert not [c for c in plan if is_unsafe(c) and c != "\n"], account_id
        columns = 0
        for line in plan.splitlines():
            if not line.startswith("|"):
                columns = 0
                continue
            pipes = len(_UNESCAPED_PIPE.findall(line))
            columns = columns or pipes
            assert pipes == columns, line
