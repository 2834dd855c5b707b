"""What `kam` prints quotes paths, names and values as text: a store path holding ESC, BEL
or a newline reaches the terminal in visible notation, never as the control codes."""

from __future__ import annotations

from pathlib import Path

import pytest

from kam_tui.cli.main import main
from kam_tui.store.backups import backup_folder

HOSTILE_NAME = "evil\x1b]0;pwned\x07\nkam: OK.json"
"""A store file name that retitles the terminal and fakes a line of its own."""
SHOWN_NAME = "evil^[]0;pwned^G^Jkam: OK.json"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def assert_shown_as_text(output: str) -> None:
    assert "\x1b" not in output and "\x07" not in output
    assert "\nkam: OK.json" not in output
    assert SHOWN_NAME in output


@pytest.mark.parametrize("command", [[], ["check"], ["export"], ["demo", "--clear"]])
def test_a_missing_store_with_control_characters_in_its_path_is_named_as_text(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, command: list[str]
) -> None:
    code, out, err = run(capsys, *command, "--db", str(tmp_path / HOSTILE_NAME))
    assert code == 1 and out == ""
    assert_shown_as_text(err)
    assert len(err.splitlines()) == 1


def test_every_command_names_a_store_with_control_characters_as_text(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = ["--db", str(tmp_path / HOSTILE_NAME)]
    for command in (["demo"], ["check"], ["demo", "--force"], ["restore"], ["restore", "1"]):
        code, out, err = run(capsys, *command, *db)
        assert code == 0, err
        assert_shown_as_text(out)
    code, _, err = run(capsys, "demo", *db)
    assert code == 2
    assert_shown_as_text(err)


def test_move_accounts_warns_like_every_command_when_the_backup_fails(
    capsys: pytest.CaptureFixture[str], store_path: Path, tmp_path: Path
) -> None:
    assert run(capsys, "demo", "--db", str(store_path))[0] == 0
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    backup_folder(store_path).symlink_to(elsewhere)
    code, out, err = run(
        capsys, "move-accounts", "--db", str(store_path), "--status", "Won", "Lost"
    )
    assert code == 0 and "Moved" in out
    assert "kam: warning: no backup of" in err and "symbolic link" in err
