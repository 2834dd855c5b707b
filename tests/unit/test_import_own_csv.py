"""kam's own CSV export read back: exporting the demo store (with formulas, multiline
notes, custom fields and odd cents added) and importing the folder into an empty store
reproduces every record of every table, field by field."""

from __future__ import annotations

import csv
import io
from dataclasses import fields, replace
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from kam_tui.cli.main import main
from kam_tui.config.loader import load_config
from kam_tui.domain.models import (
    RECORD_TYPES,
    Account,
    Action,
    Activity,
    Contact,
    Deal,
    ImportLink,
    KeyResult,
    Objective,
)
from kam_tui.store import Repository

CONFIG = """\
custom_fields:
  - {key: region, label: Region, type: text}
  - {key: seats, label: Seats, type: number}
"""
SET_BY_KAM = frozenset({"id", "created", "updated"})
"""An account's fields kam stamps itself: a new store's records get their own."""


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def _demo_with_edge_cases(capsys: pytest.CaptureFixture[str], store: Path, config: Path) -> None:
    assert run(capsys, "demo", "--db", str(store), "--config", str(config))[0] == 0
    repository = Repository.open(store, load_config(config).schema)
    first = repository.accounts()[0]
    contact = repository.children(Contact, first.id)[0]
    objective = repository.children(Objective, first.id)[0]
    with repository.change("Edge cases") as change:
        change.save(
            replace(
                first,
                industry="-2+3",
                notes='=SUM(A1)\nsecond line, with a comma and "quotes"',
                custom={"region": "=1+1", "seats": 12},
                tags=("=cmd", "vip"),
                annual_revenue=123_456_789,
            )
        )
        change.save(replace(contact, title="@home", phone="+49 30 1234"))
        change.save(
            replace(objective, key_results=(KeyResult("Seats", Decimal("10"), Decimal("2.5")),))
        )
    repository.close()


def _rows(repository: Repository) -> dict[str, list[str]]:
    """Every record of every table as the text of its fields, its links to other records
    given by what they link to (accounts by name, contacts by name, objectives by title),
    sorted: two stores with the same records give the same rows whatever their ids."""
    accounts = {account.id: account.name for account in repository.accounts()}
    contacts = {contact.id: contact.name for contact in repository.all(Contact)}
    objectives = {objective.id: objective.title for objective in repository.all(Objective)}
    tables: dict[str, list[str]] = {}
    for kind in RECORD_TYPES:
        if kind is ImportLink:
            continue
        rows = []
        for record in repository.all(kind):
            values: dict[str, Any] = {}
            for item in fields(record):
                key = item.name
                value = getattr(record, key)
                if key in SET_BY_KAM and (key == "id" or isinstance(record, Account)):
                    continue
                if key == "account_id":
                    value = accounts[value]
                elif isinstance(record, Contact) and key == "reports_to" and value is not None:
                    value = contacts[value]
                elif isinstance(record, Activity) and key == "contact_ids":
                    value = tuple(contacts[number] for number in value)
                elif isinstance(record, Action) and key == "objective_id" and value is not None:
                    value = objectives[value]
                values[key] = value
            rows.append(repr(values))
        tables[kind.TABLE] = sorted(rows)
    return tables


def test_the_exported_csv_imported_into_an_empty_store_reproduces_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    config = tmp_path / "config.yaml"
    config.write_text(CONFIG, encoding="utf-8")
    original = tmp_path / "original.json"
    _demo_with_edge_cases(capsys, original, config)
    folder = tmp_path / "csv"
    folder.mkdir()
    code, _, err = run(
        capsys,
        "export",
        "--db",
        str(original),
        "--config",
        str(config),
        "--format",
        "csv",
        "--out",
        str(folder),
    )
    assert code == 0, err
    copy = tmp_path / "copy.json"
    files = sorted(str(path) for path in folder.glob("*.csv"))
    assert len(files) == 9
    code, out, err = run(
        capsys, "import", "--db", str(copy), "--config", str(config), "--yes", *files
    )
    assert code == 0, err
    assert "accounts.csv (kam accounts): 30 row(s): 30 to create" in out
    before = Repository.open(original, read_only=True)
    after = Repository.open(copy, read_only=True)
    expected, got = _rows(before), _rows(after)
    assert sum(len(rows) for rows in expected.values()) > 1000
    for table, rows in expected.items():
        assert got[table] == rows, table
    # The edge cases came back exactly, the neutralising quotes taken off.
    account = next(a for a in after.accounts() if a.industry == "-2+3")
    assert account.notes == '=SUM(A1)\nsecond line, with a comma and "quotes"'
    assert (account.custom, account.tags, account.annual_revenue) == (
        {"region": "=1+1", "seats": 12},
        ("=cmd", "vip"),
        123_456_789,
    )
    before.close()
    after.close()


def _demo_exported(capsys: pytest.CaptureFixture[str], store: Path, folder: Path) -> None:
    """The demo portfolio in `store`, exported as CSV into `folder`."""
    assert run(capsys, "demo", "--db", str(store))[0] == 0
    folder.mkdir()
    export = ["export", "--db", str(store), "--format", "csv", "--out", str(folder)]
    assert run(capsys, *export)[0] == 0


def test_reimporting_the_export_changes_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    folder = tmp_path / "csv"
    _demo_exported(capsys, tmp_path / "original.json", folder)
    copy = tmp_path / "copy.json"
    assert run(capsys, "import", "--db", str(copy), "--yes", str(folder))[0] == 0  # the folder
    before = copy.read_bytes()
    code, out, err = run(capsys, "import", "--db", str(copy), "--yes", str(folder))
    assert code == 0, err
    assert "Nothing to import: the store already holds all of it." in out
    assert copy.read_bytes() == before


def test_importing_the_export_into_the_store_it_came_from_warns_of_namesakes(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    store = tmp_path / "kam.json"
    folder = tmp_path / "csv"
    _demo_exported(capsys, store, folder)
    files = sorted(str(path) for path in folder.glob("*.csv"))
    code, out, _ = run(capsys, "import", "--db", str(store), "--dry-run", *files)
    assert code == 0
    assert "note: 30 new account(s) share their name with an account kam already holds" in out


def test_a_deal_whose_outcome_cell_is_empty_takes_it_from_its_stage(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    folder = tmp_path / "csv"
    _demo_exported(capsys, tmp_path / "original.json", folder)
    deals_csv = folder / "deals.csv"
    rows = list(csv.reader(io.StringIO(deals_csv.read_text(encoding="utf-8"), newline="")))
    stage, outcome, title, account = (
        rows[0].index(name) for name in ("stage", "outcome", "title", "account_id")
    )
    accounts = list(csv.reader(io.StringIO((folder / "accounts.csv").read_text("utf-8"))))
    names = {row[0]: row[accounts[0].index("name")] for row in accounts[1:]}
    emptied: dict[tuple[str, str], str] = {}  # (account, title) -> the deal's stage
    for row in rows[1:]:
        if row[stage] in ("Won", "Lost", "Contacted") and row[stage] not in emptied.values():
            row[outcome] = ""
            emptied[names[row[account]], row[title]] = row[stage]
    assert set(emptied.values()) == {"Won", "Lost", "Contacted"}
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    deals_csv.write_text(buffer.getvalue(), encoding="utf-8")
    copy = tmp_path / "copy.json"
    assert run(capsys, "import", "--db", str(copy), "--yes", str(folder))[0] == 0
    repository = Repository.open(copy, read_only=True)
    named = {item.id: item.name for item in repository.accounts()}
    outcomes = {(named[deal.account_id], deal.title): deal.outcome for deal in repository.all(Deal)}
    assert {key: outcomes[key] for key in emptied} == {
        key: {"Won": "won", "Lost": "lost"}.get(stage, "open") for key, stage in emptied.items()
    }
    repository.close()
