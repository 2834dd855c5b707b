"""The `kam` subcommands on stores reached by a link, not writable here, or not backed up."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from kam_tui.cli.main import main
from kam_tui.domain.demo import build_demo
from kam_tui.domain.models import Account
from kam_tui.store import Repository
from kam_tui.store.backups import backup_folder, list_backups


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def accounts_in(path: Path) -> int:
    repository = Repository.open(path, read_only=True)
    try:
        return repository.count(Account)
    finally:
        repository.close()


def test_six_runs_in_a_row_keep_the_version_they_started_from(
    capsys: pytest.CaptureFixture[str], store_path: Path
) -> None:
    assert run(capsys, "demo", "--db", str(store_path))[0] == 0
    original = store_path.read_bytes()
    for _ in range(6):
        assert run(capsys, "demo", "--force", "--db", str(store_path))[0] == 0
    assert accounts_in(store_path) == 7 * 30
    assert original in [backup.path.read_bytes() for backup in list_backups(store_path)]


def test_restore_through_a_symbolic_link_keeps_the_link(
    capsys: pytest.CaptureFixture[str], store_path: Path, tmp_path: Path
) -> None:
    link = tmp_path / "link.json"
    link.symlink_to(store_path)
    assert run(capsys, "demo", "--db", str(link))[0] == 0
    assert run(capsys, "demo", "--force", "--db", str(link))[0] == 0
    code, out, _ = run(capsys, "restore", "--db", str(link))
    assert code == 0 and "1. " in out
    code, _, _ = run(capsys, "restore", "1", "--db", str(link))
    assert code == 0
    assert link.is_symlink() and accounts_in(link) == 30
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.json", "store"]


def test_restore_through_a_link_names_the_folder_its_backups_go_to(
    capsys: pytest.CaptureFixture[str], store_path: Path, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    link = elsewhere / "link.json"
    link.symlink_to(store_path)
    assert run(capsys, "demo", "--db", str(link))[0] == 0
    code, out, _ = run(capsys, "restore", "--db", str(link))
    assert code == 0
    assert f"(they are kept in {store_path.parent / 'backups'})" in out


def test_demo_on_a_store_without_write_permission_says_why(
    capsys: pytest.CaptureFixture[str], store_path: Path
) -> None:
    assert run(capsys, "demo", "--db", str(store_path))[0] == 0
    os.chmod(store_path, 0o400)
    before = store_path.read_bytes()
    code, _, err = run(capsys, "demo", "--force", "--db", str(store_path))
    assert code == 1
    assert f"{store_path} has no write permission (mode 0400)" in err
    assert store_path.read_bytes() == before


def test_demo_saves_and_warns_when_the_backup_fails(
    capsys: pytest.CaptureFixture[str], store_path: Path, tmp_path: Path
) -> None:
    assert run(capsys, "demo", "--db", str(store_path))[0] == 0
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    backup_folder(store_path).symlink_to(elsewhere)
    code, out, err = run(capsys, "demo", "--force", "--db", str(store_path))
    assert code == 0 and "Loaded 30 demo accounts" in out
    assert "warning: no backup of" in err and "symbolic link" in err
    assert accounts_in(store_path) == 60


def kept_copies(store_path: Path) -> list[Path]:
    return sorted(store_path.parent.glob(f"{store_path.name}.kept-*.json"))


def replace_by_rename(store_path: Path) -> bytes:
    """Another program puts a file of its own at the store's path; its bytes."""
    theirs = b'{"written": "by another program"}\n'
    other = store_path.with_name("other.json")
    other.write_bytes(theirs)
    os.replace(other, store_path)
    return theirs


def test_the_app_names_the_kept_copy_on_exit_when_its_store_was_replaced(
    capsys: pytest.CaptureFixture[str], store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kam_tui.ui.app import KamApp

    assert run(capsys, "demo", "--db", str(store_path))[0] == 0
    theirs: list[bytes] = []

    def session(app: KamApp) -> None:
        """The store is replaced while the app runs, then a change is made."""
        theirs.append(replace_by_rename(store_path))
        app.repository.save(replace(app.repository.accounts()[0], name="Kept aside"))
        assert app.repository.wait_saved(10)

    monkeypatch.setattr(KamApp, "run", session)
    code, _, err = run(capsys, "--db", str(store_path))
    (kept,) = kept_copies(store_path)
    assert code == 1
    assert f"{store_path} was replaced by another file while kam ran" in err
    assert f"kept in {kept}" in err
    assert store_path.read_bytes() == theirs[0]
    kept_store = Repository.open(kept, read_only=True)
    try:
        assert kept_store.count(Account) == 30
        assert "Kept aside" in [account.name for account in kept_store.accounts()]
    finally:
        kept_store.close()


def test_demo_keeps_its_change_aside_when_the_store_was_deleted_meanwhile(
    capsys: pytest.CaptureFixture[str], store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kam_tui.cli import demo as demo_command

    assert run(capsys, "demo", "--db", str(store_path))[0] == 0
    real_build_demo = build_demo  # what kam_tui.cli.demo calls

    def deleted_first(*args: Any, **options: Any) -> Any:
        store_path.unlink()
        return real_build_demo(*args, **options)

    monkeypatch.setattr(demo_command, "build_demo", deleted_first)
    code, _, err = run(capsys, "demo", "--force", "--db", str(store_path))
    (kept,) = kept_copies(store_path)
    assert code == 1
    assert f"{store_path} was deleted while kam ran, so kam did not recreate it" in err
    assert not store_path.exists()
    assert accounts_in(kept) == 60
