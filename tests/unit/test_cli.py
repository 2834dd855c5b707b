"""The `kam` subcommands: demo, check, export, restore, and their messages."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from kam_tui.cli.common import default_store_path
from kam_tui.cli.main import build_parser, main
from kam_tui.domain.models import Account, Deal
from kam_tui.store import Repository
from kam_tui.store.backups import list_backups


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_the_default_store_is_in_the_user_data_folder(tmp_path: Path) -> None:
    # conftest points XDG_DATA_HOME into a temporary home.
    assert default_store_path().name == "kam.json"
    assert "kam-tui" in str(default_store_path())
    assert str(default_store_path()).startswith(str(Path.home()))


def test_demo_fills_an_empty_store_and_refuses_a_full_one(
    capsys: pytest.CaptureFixture[str], store_path: Path
) -> None:
    code, out, _ = run(capsys, "demo", "--db", str(store_path))
    assert code == 0 and "Loaded 30 demo accounts" in out
    code, _, err = run(capsys, "demo", "--db", str(store_path))
    assert code == 2 and "already holds 30 accounts; use --force" in err
    repository = Repository.open(store_path, read_only=True)
    assert repository.count(Account) == 30
    repository.close()


def test_demo_clear_removes_only_demo_records(
    capsys: pytest.CaptureFixture[str], store_path: Path
) -> None:
    repository = Repository.open(store_path)
    repository.save(Account(name="Real customer", status="Won", lifecycle="Existing"))
    repository.close()
    assert run(capsys, "demo", "--db", str(store_path), "--force")[0] == 0
    code, out, _ = run(capsys, "demo", "--db", str(store_path), "--clear")
    assert code == 0 and "Removed 30 demo accounts" in out
    repository = Repository.open(store_path, read_only=True)
    assert [a.name for a in repository.accounts()] == ["Real customer"]
    repository.close()


def test_check_prints_counts_and_passes_on_the_demo(
    capsys: pytest.CaptureFixture[str], store_path: Path
) -> None:
    run(capsys, "demo", "--db", str(store_path))
    code, out, _ = run(capsys, "check", "--db", str(store_path))
    assert code == 0
    assert "30 accounts" in out and "OK: config and store are valid." in out
    assert "  Contacted           6" in out
    assert "(unassigned)" in out


def test_check_fails_on_a_broken_reference(
    capsys: pytest.CaptureFixture[str], store_path: Path
) -> None:
    store_path.parent.mkdir(parents=True)
    store_path.write_text(
        json.dumps(
            {
                "_meta": {"1": {"schema_version": 1}},
                "accounts": {"1": {"name": "A", "status": "Won", "lifecycle": "New"}},
                "contacts": {"1": {"account_id": 7, "name": "Orphan"}},
            }
        )
    )
    code, _, err = run(capsys, "check", "--db", str(store_path))
    assert code == 1
    assert "contact 1 belongs to missing account 7" in err


def test_a_config_without_a_status_in_use_stops_before_anything_is_written(
    capsys: pytest.CaptureFixture[str], store_path: Path, tmp_path: Path
) -> None:
    run(capsys, "demo", "--db", str(store_path))
    before = store_path.read_bytes()
    config = tmp_path / "config.yaml"
    config.write_text("pipeline:\n  statuses: [Contacted, Proposal sent, Won, Lost]\n")
    code, _, err = run(capsys, "check", "--db", str(store_path), "--config", str(config))
    assert code == 2
    assert err.startswith(
        f"kam: the store and the config disagree: {config}:2:3: pipeline.statuses: the store"
        f" {store_path.absolute()} holds 6 accounts in status 'Demo provided', which"
        " pipeline.statuses in config.yaml does not list. Either add 'Demo provided' to"
        " pipeline.statuses, or move those accounts to a status it lists:"
        " kam move-accounts --status 'Demo provided' NEW"
    )
    assert store_path.read_bytes() == before


def test_move_accounts_brings_the_store_in_line_with_the_config(
    capsys: pytest.CaptureFixture[str], store_path: Path, tmp_path: Path
) -> None:
    run(capsys, "demo", "--db", str(store_path))
    config = tmp_path / "config.yaml"
    config.write_text(
        "pipeline:\n  statuses: [Contacted, Paid, Won, Lost]\nlists: [New, Old, Lost]\n"
    )
    db = ["--db", str(store_path), "--config", str(config)]
    moves = ["--status", "Demo provided", "Contacted", "--status", "Proposal sent", "Paid"]
    moves += ["--list", "Existing", "Old", "--list", "Returning", "Old"]
    code, out, err = run(capsys, "move-accounts", *db, *moves)
    assert code == 0, err
    assert "6 account(s) from status 'Proposal sent' to 'Paid'" in out
    assert f"accounts in {store_path.absolute()}." in out
    code, out, _ = run(capsys, "check", *db)
    assert code == 0 and "OK: config and store are valid." in out
    repository = Repository.open(store_path, read_only=True)
    statuses = sorted({a.status for a in repository.accounts()})
    assert statuses == ["Contacted", "Lost", "Paid", "Won"]
    stages = sorted({deal.stage for deal in repository.all(Deal)})
    assert stages == ["Contacted", "Lost", "Paid", "Won"]
    repository.close()


def test_move_accounts_refuses_a_move_that_leaves_accounts_unfit_and_moves_nothing(
    capsys: pytest.CaptureFixture[str], store_path: Path, tmp_path: Path
) -> None:
    run(capsys, "demo", "--db", str(store_path))
    before = store_path.read_bytes()
    config = tmp_path / "config.yaml"
    config.write_text(
        "pipeline:\n  statuses: [Contacted, Proposal sent, Won, Lost]\nlists: [New]\n"
    )
    db = ["--db", str(store_path), "--config", str(config)]
    code, _, err = run(capsys, "move-accounts", *db, "--status", "Demo provided", "Contacted")
    assert code == 1
    assert "nothing was moved" in err and "lifecycle" in err
    assert store_path.read_bytes() == before


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--status", "Contacted", "Nowhere"], "cannot move accounts to 'Nowhere'"),
        (["--list", "New", "Nowhere"], "the built-in lists does not list it"),
        ([], "name what to move"),
        (["--read-only", "--status", "Contacted", "Won"], "cannot run with --read-only"),
        (["--status", "Won", "Won"], "moving 'Won' to 'Won' changes nothing"),
        (["--list", "New", "New"], "moving 'New' to 'New' changes nothing"),
    ],
)
def test_move_accounts_refuses_what_it_cannot_do(
    capsys: pytest.CaptureFixture[str], store_path: Path, arguments: list[str], message: str
) -> None:
    run(capsys, "demo", "--db", str(store_path))
    before = store_path.read_bytes()
    code, _, err = run(capsys, "move-accounts", "--db", str(store_path), *arguments)
    assert code == 2 and message in err
    assert store_path.read_bytes() == before


def test_move_accounts_names_the_status_no_account_is_in(
    capsys: pytest.CaptureFixture[str], store_path: Path
) -> None:
    run(capsys, "demo", "--db", str(store_path))
    code, _, err = run(capsys, "move-accounts", "--db", str(store_path), "--status", "Nope", "Won")
    assert code == 1 and "no account is in 'Nope'; nothing was moved" in err


def test_move_accounts_on_a_store_without_write_permission_says_why(
    capsys: pytest.CaptureFixture[str], store_path: Path
) -> None:
    run(capsys, "demo", "--db", str(store_path))
    store_path.chmod(0o400)
    before = store_path.read_bytes()
    code, out, err = run(
        capsys, "move-accounts", "--db", str(store_path), "--status", "Won", "Lost"
    )
    assert code == 1 and "has no write permission" in err
    assert "another kam" not in err + out
    assert store_path.read_bytes() == before


def test_a_missing_explicit_config_is_an_error(
    capsys: pytest.CaptureFixture[str], store_path: Path, tmp_path: Path
) -> None:
    code, _, err = run(capsys, "check", "--db", str(store_path), "--config", str(tmp_path / "no"))
    assert code == 2 and "bad config" in err


def test_kam_db_environment_variable_chooses_the_store(
    capsys: pytest.CaptureFixture[str], store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KAM_DB", str(store_path))
    assert run(capsys, "demo")[0] == 0
    assert store_path.exists()


def test_export_writes_every_record_as_json(
    capsys: pytest.CaptureFixture[str], store_path: Path
) -> None:
    run(capsys, "demo", "--db", str(store_path))
    code, out, _ = run(capsys, "export", "--format", "json", "--db", str(store_path))
    assert code == 0
    document = json.loads(out)
    assert len(document["accounts"]) == 30
    assert {"id", "name", "annual_revenue"} <= set(document["accounts"][0])
    assert len(document["swot"]) > 0 and len(document["activities"]) == 180


def test_a_corrupt_store_gives_a_message_and_exit_1(
    capsys: pytest.CaptureFixture[str], store_path: Path
) -> None:
    store_path.parent.mkdir(parents=True)
    store_path.write_bytes(b'{"accounts": {"1": ')
    code, _, err = run(capsys, "check", "--db", str(store_path))
    assert code == 1
    assert f"{store_path}:1:20: invalid JSON" in err
    assert store_path.read_bytes() == b'{"accounts": {"1": '


def test_restore_lists_and_restores_a_backup(
    capsys: pytest.CaptureFixture[str], store_path: Path
) -> None:
    run(capsys, "demo", "--db", str(store_path))
    repository = Repository.open(store_path)
    assert repository.count(Account) == 30
    repository.delete(repository.accounts()[0])
    repository.close()
    code, out, _ = run(capsys, "restore", "--db", str(store_path))
    assert code == 0 and "1. " in out
    newest = list_backups(store_path)[0].path
    code, out, _ = run(capsys, "restore", "1", "--db", str(store_path))
    assert code == 0 and f"from {newest}" in out
    repository = Repository.open(store_path, read_only=True)
    assert repository.count(Account) == 30
    repository.close()


def test_restore_refuses_an_unknown_number(
    capsys: pytest.CaptureFixture[str], store_path: Path
) -> None:
    run(capsys, "demo", "--db", str(store_path))
    code, _, err = run(capsys, "restore", "9", "--db", str(store_path))
    assert code == 1 and "no backup number 9" in err


@pytest.mark.parametrize("choice", ["", " "])
def test_restore_of_an_empty_choice_asks_for_a_number(
    capsys: pytest.CaptureFixture[str], store_path: Path, choice: str
) -> None:
    run(capsys, "demo", "--db", str(store_path))
    before = store_path.read_bytes()
    code, _, err = run(capsys, "restore", choice, "--db", str(store_path))
    assert code == 1 and "name the backup to restore: its number" in err
    assert "is not a backup file" not in err
    assert store_path.read_bytes() == before


@pytest.mark.parametrize("command", ["demo", "check", "export", "restore", "move-accounts"])
def test_every_command_has_help(capsys: pytest.CaptureFixture[str], command: str) -> None:
    with pytest.raises(SystemExit) as done:
        main([command, "--help"])
    assert done.value.code == 0
    assert "--db" in capsys.readouterr().out


def test_every_option_of_every_command_says_what_it_does() -> None:
    parser = build_parser()
    [commands] = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    for name, command in [("kam", parser), *commands.choices.items()]:
        for action in command._actions:
            if action.option_strings:
                assert action.help, f"{name} {action.option_strings[0]} has no help"
