"""The importer validates each record once, in its plan, and writes it through the change
set's path for validated records: that path takes only new records other than accounts,
given ids alone, and every record an import writes keeps the rules of the forms."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from kam_tui.cli.main import main
from kam_tui.domain.exchange.linking import fingerprint
from kam_tui.domain.models import RECORD_TYPES, Account, Contact, ImportLink, Record
from kam_tui.domain.schema import Schema
from kam_tui.domain.validation import record_errors, records_errors
from kam_tui.store import Repository
from kam_tui.store.errors import StoreError

DATA = Path(__file__).resolve().parents[1] / "data"


def test_a_validated_record_is_inserted_with_its_ids_set(repo: Repository) -> None:
    with repo.change("Import") as change:
        account = change.save(Account(name="Acme", status="Contacted", lifecycle="New"))
        contact = change.insert_validated(
            Contact(name="Ann", title="CFO"), {"account_id": account.id}
        )
        link = change.insert_validated(
            ImportLink(system="kam", object="contacts", source_id="7", kam_table="contacts"),
            {"account_id": account.id, "record_id": contact.id},
        )
    assert contact.id > 0
    assert repo.children(Contact, account.id) == [contact]
    assert repo.get(ImportLink, link.id) == link
    assert (link.account_id, link.record_id) == (account.id, contact.id)


def test_the_validated_path_copies_every_field_as_replace_would(repo: Repository) -> None:
    contact = Contact(name="Ann", title="CFO", stance="champion", gid="x-1", email="a@b.example")
    with repo.change("Import") as change:
        account = change.save(Account(name="Acme", status="Contacted", lifecycle="New"))
        saved = change.insert_validated(contact, {"account_id": account.id})
    assert saved == replace(contact, id=saved.id, account_id=account.id)
    assert (saved.gid, saved.stance, contact.id, contact.account_id) == ("x-1", "champion", 0, 0)


def test_the_validated_path_takes_nothing_but_new_records_given_ids(repo: Repository) -> None:
    with repo.change("Import") as change:
        account = change.save(Account(name="Acme", status="Contacted", lifecycle="New"))
        with pytest.raises(StoreError, match="only a new record other than an account"):
            change.insert_validated(Account(name="Beta"), {})
        saved = change.save(Contact(account_id=account.id, name="Ann"))
        with pytest.raises(StoreError, match="only a new record other than an account"):
            change.insert_validated(saved, {"account_id": account.id})
        wrong: dict[str, Any] = {"account_id": account.id, "name": "\x1b[2J"}
        with pytest.raises(StoreError, match="name is not a field holding ids"):
            change.insert_validated(Contact(), wrong)
    assert repo.all(Contact) == [saved]


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> int:
    code = main(list(args))
    capsys.readouterr()
    return code


def test_every_record_imports_write_keeps_the_rules_of_the_forms(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Hostile rows skipped, the Salesforce sample and HubSpot files imported, then kam's
    own CSV export of that store read back into a new one: no record breaks a rule."""
    first = tmp_path / "first" / "kam.json"
    imports = (
        [str(DATA / "import" / name) for name in ("hostile_accounts.csv", "users.csv")],
        [str(path) for path in sorted((DATA / "salesforce-devorg").glob("*.csv"))],
        [str(path) for path in sorted((DATA / "hubspot").glob("*.csv"))],
    )
    for paths in imports:
        assert _run(capsys, "import", "--db", str(first), "--yes", "--skip-bad-rows", *paths) == 0
    exported = tmp_path / "exported"
    exported.mkdir()
    export = ["export", "--db", str(first), "--format", "csv", "--out", str(exported)]
    assert _run(capsys, *export) == 0
    second = tmp_path / "second" / "kam.json"
    assert _run(capsys, "import", "--db", str(second), "--yes", str(exported)) == 0
    for store in (first, second):
        repository = Repository.open(store, Schema(), read_only=True)
        records = [record for kind in RECORD_TYPES for record in repository.all(kind)]
        assert len(records) > 300
        assert [
            (record, errors) for record in records if (errors := record_errors(record, Schema()))
        ] == []
        repository.close()


@pytest.mark.parametrize(
    "source_id",
    ["001A", "", "[b]x[/b]", "a\tb", "a\x1bb", "a\nb", "x" * 5_000, "\u202eevil", "é"],
)
def test_a_link_s_errors_are_those_of_the_whole_link(source_id: str) -> None:
    schema = Schema()
    links: list[Record] = [
        ImportLink(
            system=system,
            object="Account",
            source_id=source_id,
            kam_table="accounts",
            imported={"name": fingerprint("Acme"), "industry": fingerprint(None)},
        )
        for system in ("Salesforce", "x\x07", "Salesforce")
    ]
    expected = {
        n: errors for n, link in enumerate(links) if (errors := record_errors(link, schema))
    }
    assert records_errors(ImportLink, links, schema) == expected
    assert 1 in expected  # the system's control character
    assert isinstance(links[0], ImportLink)
    assert record_errors(replace(links[0], source_id="x" * 5_000), schema)
