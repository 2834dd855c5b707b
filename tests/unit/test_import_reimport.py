"""Re-importing a newer export: a record whose account changed moves with it, a record
absent from the newer export is reported (once) and kept, a kept edit is reported once."""

from __future__ import annotations

import hashlib
import shutil
from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from kam_tui.cli.main import main
from kam_tui.domain.exchange.linking import fingerprint
from kam_tui.domain.models import Account, Contact
from kam_tui.store import Repository

HUBSPOT = Path(__file__).resolve().parents[1] / "data" / "hubspot"
PREFIX = "hubspot-crm-exports-"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def export(tmp_path: Path) -> dict[str, Path]:
    """A copy of the HubSpot sample to change, by kind (companies, contacts, deals)."""
    folder = tmp_path / "export"
    folder.mkdir()
    files = {}
    for kind in ("companies", "contacts", "deals"):
        name = f"{PREFIX}{kind}-2024-09-01.csv"
        files[kind] = Path(shutil.copy(HUBSPOT / name, folder / name))
    return files


def _import(capsys: pytest.CaptureFixture[str], store: Path, files: dict[str, Path]) -> str:
    args = ["import", "--db", str(store), "--yes", "--skip-bad-rows"]
    code, out, err = run(capsys, *args, *(str(path) for path in files.values()))
    assert code == 0, err
    return out


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_bytes().decode("utf-8")
    assert old in text
    path.write_bytes(text.replace(old, new).encode("utf-8"))


def _contact(store: Path, name: str) -> tuple[Contact, dict[int, str]]:
    repository = Repository.open(store, read_only=True)
    contact = next(c for c in repository.all(Contact) if c.name == name)
    accounts = {account.id: account.name for account in repository.all(Account)}
    repository.close()
    return contact, accounts


def test_a_contact_whose_company_changed_moves_to_it(
    capsys: pytest.CaptureFixture[str], store_path: Path, export: dict[str, Path]
) -> None:
    _import(capsys, store_path, export)
    _edit(export["contacts"], "Jane Doe,03/05/2024,9001,", "Jane Doe,03/05/2024,9002,")
    out = _import(capsys, store_path, export)
    assert "1 to update" in out
    ada, accounts = _contact(store_path, "Ada Lovelace")
    assert accounts[ada.account_id] == "Nordwind Logistik, GmbH"
    assert "Nothing to import" in _import(capsys, store_path, export)


def test_a_contact_moved_in_kam_stays_where_the_user_put_it(
    capsys: pytest.CaptureFixture[str], store_path: Path, export: dict[str, Path]
) -> None:
    _import(capsys, store_path, export)
    repository = Repository.open(store_path)
    ada = next(c for c in repository.all(Contact) if c.name == "Ada Lovelace")
    harbor = next(a for a in repository.all(Account) if a.name == "Blue Harbor Foods")
    with repository.change("Move Ada") as change:
        change.save(replace(ada, account_id=harbor.id))
    repository.close()
    _edit(export["contacts"], "Jane Doe,03/05/2024,9001,", "Jane Doe,03/05/2024,9002,")
    out = _import(capsys, store_path, export)
    assert (
        f"{PREFIX}contacts-2024-09-01.csv:2: Associated Company IDs: kept under the account "
        "it was moved to in kam (the export moved it too)"
    ) in out
    moved, accounts = _contact(store_path, "Ada Lovelace")
    assert accounts[moved.account_id] == "Blue Harbor Foods"
    assert "kept under the account" not in _import(capsys, store_path, export)


def test_a_company_absent_from_a_newer_export_is_reported_once_and_kept(
    capsys: pytest.CaptureFixture[str], store_path: Path, export: dict[str, Path]
) -> None:
    _import(capsys, store_path, export)
    _edit(
        export["companies"],
        "9003,Blue Harbor Foods,blueharbor.example,Food & Beverage,"
        "Portland,OR,United States,,,,\r\n",
        "",
    )
    out = _import(capsys, store_path, export)
    assert (
        f"{PREFIX}companies-2024-09-01.csv: 1 record(s) an earlier import took from Company "
        "files are not in this one (9003): kept in kam"
    ) in out
    repository = Repository.open(store_path, read_only=True)
    assert "Blue Harbor Foods" in {account.name for account in repository.accounts()}
    repository.close()
    before = store_path.read_bytes()
    again = _import(capsys, store_path, export)
    assert "are not in this one" not in again
    assert store_path.read_bytes() == before


def test_a_kept_edit_is_reported_once(
    capsys: pytest.CaptureFixture[str], store_path: Path, export: dict[str, Path]
) -> None:
    _import(capsys, store_path, export)
    repository = Repository.open(store_path)
    ada = next(c for c in repository.all(Contact) if c.name == "Ada Lovelace")
    with repository.change("Retitle Ada") as change:
        change.save(replace(ada, title="COO"))
    repository.close()
    _edit(export["contacts"], '"VP, Operations"', '"SVP, Operations"')
    note = f"{PREFIX}contacts-2024-09-01.csv:2: Job Title: kept the title edited in kam"
    assert note in _import(capsys, store_path, export)
    before = store_path.read_bytes()
    out = _import(capsys, store_path, export)
    assert note not in out
    assert "Nothing to import" in out
    assert store_path.read_bytes() == before
    assert _contact(store_path, "Ada Lovelace")[0].title == "COO"


def test_a_fingerprint_is_the_digest_of_the_value_s_repr_remembered_or_not() -> None:
    values = ["Acme", "", 1, True, 0, False, None, date(2026, 1, 2)]
    values += [datetime(2026, 1, 2, 3, 4), Decimal("1.0"), Decimal("1.00"), ("a", "b"), "x" * 80]
    for _ in range(2):  # worked out, then remembered
        for value in values:
            expected = hashlib.blake2b(repr(value).encode(), digest_size=8).hexdigest()
            assert fingerprint(value) == expected, value
    assert fingerprint(True) != fingerprint(1) and fingerprint(0) != fingerprint(False)
    assert fingerprint(Decimal("1.0")) != fingerprint(Decimal("1.00"))
