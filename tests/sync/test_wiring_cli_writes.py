"""Writes of the other `kam` commands (import, demo, restore) reach the team: after them,
`kam sync` puts them on a real server and a second laptop receives them."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from kam_tui.cli.main import main
from kam_tui.domain.models import TABLES, Account
from kam_tui.domain.schema import Schema
from kam_tui.store import Repository
from kam_tui.store.backups import list_backups

if TYPE_CHECKING:
    from sync.conftest import Room


def laptop(folder: Path, url: str, token: str, name: str) -> list[str]:
    """A config joining `url` as `name`, and a store with one account of its own; returns
    kam's --db/--config options."""
    folder.mkdir()
    (folder / "token").write_text(token + "\n", encoding="utf-8")
    (folder / "token").chmod(0o600)
    config = folder / "config.yaml"
    config.write_text(
        f"user: {name}\nsync:\n  server: {url}\n  token_file: token\n", encoding="utf-8"
    )
    repository = Repository.open(folder / "kam.json", Schema(), user=name)
    repository.save(Account(name=f"{name}'s account", status="Contacted", lifecycle="New"))
    repository.close()
    return ["--db", str(folder / "kam.json"), "--config", str(config)]


def names(store: Path) -> list[str]:
    repository = Repository.open(store, Schema(), read_only=True)
    try:
        return sorted(account.name for account in repository.accounts())
    finally:
        repository.close()


def kam(capsys: pytest.CaptureFixture[str], *arguments: str) -> None:
    status = main(list(arguments))
    assert status == 0, capsys.readouterr()


def csv_export(folder: Path, *accounts: str) -> list[str]:
    """The CSV files of `kam export` of a store holding `accounts`."""
    store = folder / "source.json"
    repository = Repository.open(store, Schema())
    for name in accounts:
        repository.save(Account(name=name, status="Contacted", lifecycle="New"))
    repository.close()
    out = folder / "export"
    out.mkdir()
    assert main(["export", "--db", str(store), "--format", "csv", "--out", str(out)]) == 0
    return sorted(str(path) for path in out.glob("*.csv"))


def test_an_import_after_joining_reaches_the_other_laptop(
    tmp_path: Path, room: Room, capsys: pytest.CaptureFixture[str]
) -> None:
    ann = laptop(tmp_path / "ann", room.url, room.token, "ann")
    bob = laptop(tmp_path / "bob", room.url, room.token, "bob")
    kam(capsys, "sync", *ann)
    kam(capsys, "sync", *bob)
    files = csv_export(tmp_path, "Imported One", "Imported Two")
    kam(capsys, "import", "--yes", *ann, *files)
    capsys.readouterr()
    kam(capsys, "sync", *ann)
    out = capsys.readouterr().out.splitlines()
    # The two accounts, their two status history records each, an import link for each.
    assert out[1].startswith("  12 edits not yet in the shared document written into it (")
    kam(capsys, "sync", *bob)
    expected = ["Imported One", "Imported Two", "ann's account", "bob's account"]
    assert names(tmp_path / "bob" / "kam.json") == expected
    bob_store = Repository.open(tmp_path / "bob" / "kam.json", Schema(), read_only=True)
    tables = {t: len(bob_store.all(k)) for t, k in TABLES.items()}
    bob_store.close()
    assert (tables["status_history"], tables["import_links"]) == (8, 6), tables


def test_the_demo_after_joining_reaches_the_other_laptop(
    tmp_path: Path, room: Room, capsys: pytest.CaptureFixture[str]
) -> None:
    ann = laptop(tmp_path / "ann", room.url, room.token, "ann")
    bob = laptop(tmp_path / "bob", room.url, room.token, "bob")
    kam(capsys, "sync", *ann)
    kam(capsys, "demo", "--force", *ann)
    kam(capsys, "sync", *ann)
    kam(capsys, "sync", *bob)
    on_ann = names(tmp_path / "ann" / "kam.json")
    assert len(on_ann) > 3
    assert names(tmp_path / "bob" / "kam.json") == sorted([*on_ann, "bob's account"])


def test_a_restore_after_joining_reaches_the_other_laptop(
    tmp_path: Path, room: Room, capsys: pytest.CaptureFixture[str]
) -> None:
    ann = laptop(tmp_path / "ann", room.url, room.token, "ann")
    bob = laptop(tmp_path / "bob", room.url, room.token, "bob")
    store = tmp_path / "ann" / "kam.json"
    kam(capsys, "sync", *ann)
    files = csv_export(tmp_path, "Imported One")
    kam(capsys, "import", "--yes", *ann, *files)  # backs the store up first
    kam(capsys, "sync", *ann)
    kam(capsys, "sync", *bob)
    assert "Imported One" in names(tmp_path / "bob" / "kam.json")
    backups = [backup.path for backup in list_backups(store)]
    before_import = next(
        number for number, path in enumerate(backups, start=1) if "Imported One" not in names(path)
    )
    kam(capsys, "restore", str(before_import), *ann)
    assert names(store) == ["ann's account"]
    kam(capsys, "sync", *ann)
    kam(capsys, "sync", *bob)
    assert names(tmp_path / "bob" / "kam.json") == ["ann's account", "bob's account"]
