"""Every `kam` command acts on the store and config it was given, with the global options
before or after the command, and a store path that does not exist is an error."""

from __future__ import annotations

import json
from pathlib import Path

import platformdirs
import pytest

from kam_tui.cli.common import default_store_path
from kam_tui.cli.main import main
from kam_tui.domain.models import Account
from kam_tui.store import Repository
from kam_tui.ui.app import KamApp

COMMANDS: list[list[str]] = [
    [],
    ["check"],
    ["export"],
    ["restore"],
    ["restore", "1"],
    ["demo", "--force"],
    ["demo", "--clear"],
    ["move-accounts", "--status", "Contacted", "Lost"],
]
"""Every command (the app first), with the arguments that make it act on the store."""
IDS = ["app", "check", "export", "restore-list", "restore-1", "demo", "demo-clear", "move"]


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Path, bool]]:
    """The app's run replaced: records (store path, read-only) of each app started."""
    seen: list[tuple[Path, bool]] = []

    def run(self: KamApp) -> None:
        seen.append((self.repository.path, self.repository.read_only))

    monkeypatch.setattr(KamApp, "run", run)
    return seen


def both_ways(options: list[str], command: list[str]) -> list[list[str]]:
    """The command line with the options before the command, and after it."""
    return [[*options, *command], [*command[:1], *options, *command[1:]]]


def folder_contents(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` with its bytes (the lock file's changing text aside)."""
    return {
        str(path.relative_to(folder)): b"" if path.suffix == ".lock" else path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def demo_store(path: Path, times: int = 2) -> None:
    """A store at `path` holding the demo portfolio `times` times, and backups."""
    assert main(["demo", "--db", str(path)]) == 0
    for _ in range(times - 1):
        assert main(["demo", "--force", "--db", str(path)]) == 0  # each save backs up


@pytest.mark.parametrize("command", COMMANDS, ids=IDS)
@pytest.mark.parametrize("order", ["options-first", "options-last"])
def test_every_command_acts_on_the_store_given_and_never_on_the_default(
    command: list[str],
    order: str,
    tmp_path: Path,
    opened: list[tuple[Path, bool]],
    capsys: pytest.CaptureFixture[str],
) -> None:
    default_folder = default_store_path().parent
    demo_store(default_store_path())
    default_before = folder_contents(default_folder)
    chosen = tmp_path / "elsewhere" / "chosen.json"
    demo_store(chosen, times=3)
    chosen_before = chosen.read_bytes()
    capsys.readouterr()

    argv = both_ways(["--db", str(chosen)], command)[order == "options-last"]
    code = main(argv)
    out, err = capsys.readouterr()

    assert code == 0, err
    assert folder_contents(default_folder) == default_before
    if command == []:
        assert opened == [(chosen.absolute(), False)]
    elif command[0] in {"check", "export"}:
        assert chosen.read_bytes() == chosen_before
        if command[0] == "check":
            assert f"Store {chosen.absolute()}: 90 accounts" in out
        else:
            assert len(json.loads(out)["accounts"]) == 90
    elif command == ["restore"]:
        assert str(chosen.absolute()) in out
    else:  # restore 1, demo --force, demo --clear, move-accounts change the chosen store
        assert chosen.read_bytes() != chosen_before


@pytest.mark.parametrize("command", COMMANDS, ids=IDS)
@pytest.mark.parametrize("order", ["options-first", "options-last"])
def test_every_command_reads_the_config_given(
    command: list[str],
    order: str,
    tmp_path: Path,
    opened: list[tuple[Path, bool]],
    capsys: pytest.CaptureFixture[str],
) -> None:
    chosen = tmp_path / "chosen.json"
    demo_store(chosen)
    config = tmp_path / "config.yaml"
    config.write_text("pipeline:\n  statuses: [Contacted, Won]\n")
    capsys.readouterr()

    argv = both_ways(["--db", str(chosen), "--config", str(config)], command)
    code = main(argv[order == "options-last"])
    err = capsys.readouterr().err

    if command == ["restore"]:  # listing backups reads no config
        assert code == 0
    elif command == ["restore", "1"]:
        assert code == 0  # a restore copies a whole backup back, whatever the config
    elif command[:1] == ["move-accounts"]:  # Lost is a status of the default config, not this one
        assert code == 2 and f"pipeline.statuses in {config} does not list it" in err
    else:
        assert code == 2 and f"{config}:2:3: pipeline.statuses" in err
        assert opened == []


@pytest.mark.parametrize("order", ["options-first", "options-last"])
@pytest.mark.parametrize(
    "command",
    [["demo"], ["demo", "--clear"], ["restore", "1"], ["move-accounts", "--status", "A", "Won"]],
)
def test_read_only_refuses_a_command_that_changes_the_store(
    command: list[str], order: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    chosen = tmp_path / "chosen.json"
    demo_store(chosen)
    before = folder_contents(tmp_path)
    capsys.readouterr()
    argv = both_ways(["--db", str(chosen), "--read-only"], command)[order == "options-last"]
    code = main(argv)
    assert code == 2 and "--read-only" in capsys.readouterr().err
    assert folder_contents(tmp_path) == before


@pytest.mark.parametrize("order", ["options-first", "options-last"])
def test_read_only_reaches_the_app(
    order: str, tmp_path: Path, opened: list[tuple[Path, bool]]
) -> None:
    chosen = tmp_path / "chosen.json"
    demo_store(chosen)
    before = folder_contents(tmp_path)
    options = ["--db", str(chosen), "--read-only"]
    assert main(both_ways(options, [])[order == "options-last"]) == 0
    assert opened == [(chosen.absolute(), True)]
    assert folder_contents(tmp_path) == before


@pytest.mark.parametrize(
    "command", [c for c in COMMANDS if c != ["demo", "--force"]], ids=IDS[:5] + IDS[6:]
)
def test_a_store_path_that_does_not_exist_is_an_error_and_nothing_is_created(
    command: list[str],
    tmp_path: Path,
    opened: list[tuple[Path, bool]],
    capsys: pytest.CaptureFixture[str],
) -> None:
    missing = tmp_path / "no" / "such" / "file.json"
    code = main([*command, "--db", str(missing)])
    err = capsys.readouterr().err
    assert code == 1
    assert err.startswith(f"kam: no store at {missing}")
    assert not (tmp_path / "no").exists()
    assert opened == []


@pytest.mark.parametrize("command", [[], ["check"], ["export"], ["restore"]])
def test_read_only_on_a_missing_default_store_creates_nothing(
    command: list[str], opened: list[tuple[Path, bool]], capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["--read-only", *command])
    assert code == 1 and "no store at" in capsys.readouterr().err
    assert not platformdirs.user_data_path("kam-tui").exists()
    assert opened == []


def test_the_first_run_of_the_app_creates_the_default_store(
    opened: list[tuple[Path, bool]],
) -> None:
    assert main([]) == 0
    assert opened == [(default_store_path(), False)]
    assert default_store_path().is_file()


def test_new_creates_a_store_at_a_chosen_path(
    tmp_path: Path, opened: list[tuple[Path, bool]]
) -> None:
    chosen = tmp_path / "fresh" / "kam.json"
    assert main(["--new", "--db", str(chosen)]) == 0
    assert chosen.is_file() and opened == [(chosen, False)]


def test_demo_starts_a_store_at_a_new_path(tmp_path: Path) -> None:
    chosen = tmp_path / "fresh" / "kam.json"
    assert main(["demo", "--db", str(chosen)]) == 0
    repository = Repository.open(chosen, read_only=True)
    assert repository.count(Account) == 30
    repository.close()


def test_restore_finds_the_backups_of_a_deleted_store(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    chosen = tmp_path / "chosen.json"
    demo_store(chosen)
    chosen.unlink()
    assert main(["restore", "1", "--db", str(chosen)]) == 0
    assert "Restored" in capsys.readouterr().out
    repository = Repository.open(chosen, read_only=True)
    assert repository.count(Account) == 30
    repository.close()


def test_a_read_only_open_creates_no_folder(tmp_path: Path) -> None:
    repository = Repository.open(tmp_path / "no" / "kam.json", read_only=True)
    repository.close()
    assert not (tmp_path / "no").exists()


@pytest.mark.parametrize("command", COMMANDS, ids=IDS)
@pytest.mark.parametrize("order", ["options-first", "options-last"])
@pytest.mark.parametrize("option", ["--db", "--config"])
def test_an_empty_path_is_refused_and_never_taken_for_the_default(
    command: list[str],
    order: str,
    option: str,
    opened: list[tuple[Path, bool]],
    capsys: pytest.CaptureFixture[str],
) -> None:
    default_folder = default_store_path().parent
    demo_store(default_store_path())
    default_before = folder_contents(default_folder)
    capsys.readouterr()

    argv = both_ways([option, ""], command)[order == "options-last"]
    with pytest.raises(SystemExit) as refused:
        main(argv)
    assert refused.value.code == 2
    assert f"argument {option}: a path cannot be empty" in capsys.readouterr().err
    assert opened == []
    assert folder_contents(default_folder) == default_before
