"""An unhandled error, in a command or inside the app, exits non-zero, logs its traceback
to a private file in the user state folder and prints one line naming that file."""

from __future__ import annotations

import argparse
import stat
from pathlib import Path

import platformdirs
import pytest
from textual.app import App

from kam_tui.cli import check as check_command
from kam_tui.cli.crash import EXIT_CRASH, report_crash
from kam_tui.cli.main import main
from kam_tui.ui.app import KamApp


def crash_logs() -> list[Path]:
    folder = platformdirs.user_state_path("kam-tui")
    return sorted(folder.glob("crash-*.log")) if folder.exists() else []


def check_logged(err: str, needle: str) -> Path:
    """The one crash log, private, holding `needle`; the last line of stderr names it."""
    [log] = crash_logs()
    assert stat.S_IMODE(log.stat().st_mode) == 0o600
    text = log.read_text()
    assert "Traceback (most recent call last)" in text and needle in text
    last = err.strip().splitlines()[-1]
    assert last.startswith("kam: unexpected error (") and last.endswith(f"the details are in {log}")
    return log


def test_an_error_in_a_command_is_logged_and_exits_non_zero(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(args: argparse.Namespace) -> int:
        raise ZeroDivisionError("division by zero in the check")

    monkeypatch.setattr(check_command, "run_check", broken)
    code = main(["check"])
    err = capsys.readouterr().err
    assert code == EXIT_CRASH
    check_logged(err, "ZeroDivisionError: division by zero in the check")
    assert "ZeroDivisionError: division by zero in the check" in err


def test_an_error_inside_the_app_is_logged_and_exits_non_zero(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    mounted = KamApp.on_mount

    def crash_on_mount(self: KamApp) -> None:
        mounted(self)
        raise RuntimeError("a bug inside the app")

    monkeypatch.setattr(KamApp, "on_mount", crash_on_mount)
    monkeypatch.setattr(KamApp, "run", lambda self: App.run(self, headless=True))
    store = tmp_path / "kam.json"
    assert main(["demo", "--db", str(store)]) == 0
    before = store.read_bytes()
    capsys.readouterr()

    code = main(["--db", str(store)])
    err = capsys.readouterr().err
    assert code == EXIT_CRASH
    check_logged(err, "RuntimeError: a bug inside the app")
    assert store.read_bytes() == before


def test_logs_of_the_same_second_are_all_kept(capsys: pytest.CaptureFixture[str]) -> None:
    for number in range(3):
        assert report_crash(ValueError(f"number {number}")) == EXIT_CRASH
    logs = crash_logs()
    assert len(logs) == 3
    texts = "".join(log.read_text() for log in logs)
    assert all(f"ValueError: number {n}" in texts for n in range(3))


def test_the_terminal_line_never_carries_control_characters(
    capsys: pytest.CaptureFixture[str],
) -> None:
    report_crash(ValueError("evil \x1b]0;pwned\x07 name"))
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\x07" not in err
    assert "evil ^[]0;pwned^G name" in err


def test_an_unwritable_state_folder_still_shows_the_traceback(
    capsys: pytest.CaptureFixture[str],
) -> None:
    folder = platformdirs.user_state_path("kam-tui")
    folder.parent.mkdir(parents=True, exist_ok=True)
    folder.write_text("a file where the folder should be")
    assert report_crash(KeyError("lost")) == EXIT_CRASH
    err = capsys.readouterr().err
    assert "Traceback" in err or "KeyError: 'lost'" in err
    assert "the log could not be written" in err.strip().splitlines()[-1]
