"""A store or config path naming a named pipe, a device or a folder is refused with what it
is, by every command: reading a named pipe waits for a writer that never comes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

COMMANDS = [["check"], ["export"], ["demo"], ["demo", "--clear"], ["restore"], ["restore", "1"]]


def kam(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """kam in a child process; `timeout` only ends a run that would wait forever."""
    env = dict(os.environ, XDG_STATE_HOME=str(tmp_path / "state"))
    env.pop("KAM_DB", None)
    code = "import sys; from kam_tui.cli.main import main; sys.exit(main(sys.argv[1:]))"
    return subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, timeout=60
    )


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_a_named_pipe_as_the_store_is_refused_by_every_command(
    tmp_path: Path, command: list[str]
) -> None:
    pipe = tmp_path / "kam.json"
    os.mkfifo(pipe)
    result = kam(tmp_path, "--db", str(pipe), *command)
    assert result.returncode == 1
    assert f"{pipe} is a named pipe, not a store file" in result.stderr


def test_a_folder_as_the_store_is_refused_by_restore(tmp_path: Path) -> None:
    folder = tmp_path / "kam.json"
    folder.mkdir()
    result = kam(tmp_path, "--db", str(folder), "restore", "1")
    assert result.returncode == 1
    assert f"{folder} is a folder, not a store file" in result.stderr


def test_a_named_pipe_as_the_config_is_a_bad_config(tmp_path: Path) -> None:
    pipe = tmp_path / "config.yaml"
    os.mkfifo(pipe)
    store = tmp_path / "kam.json"
    result = kam(tmp_path, "--db", str(store), "--config", str(pipe), "demo")
    assert result.returncode == 2
    assert "bad config" in result.stderr and "a named pipe, not a config file" in result.stderr
    assert not store.exists()


def test_dev_null_as_the_config_gives_the_defaults(tmp_path: Path) -> None:
    store = tmp_path / "kam.json"
    result = kam(tmp_path, "--db", str(store), "--config", os.devnull, "demo")
    assert result.returncode == 0, result.stderr
