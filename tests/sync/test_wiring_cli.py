"""`kam sync` end to end, in process, against a real `kam sync serve`: what it prints, and
its exit status when the server is unreachable or refuses the token."""

from __future__ import annotations

import socket
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from kam_tui.cli.main import main
from kam_tui.domain.models import Account
from kam_tui.domain.schema import Schema
from kam_tui.store import Repository

if TYPE_CHECKING:
    from sync.conftest import Room


def laptop(folder: Path, url: str, token: str, name: str) -> list[str]:
    """A config joining `url` as `name` and a store; returns kam's --db/--config options."""
    folder.mkdir()
    (folder / "token").write_text(token + "\n", encoding="utf-8")
    (folder / "token").chmod(0o600)
    config = folder / "config.yaml"
    config.write_text(
        f"user: {name}\nsync:\n  server: {url}\n  token_file: token\n", encoding="utf-8"
    )
    store = folder / "kam.json"
    repository = Repository.open(store, Schema(), user=name)
    repository.save(Account(name=f"{name}'s account", status="Contacted", lifecycle="New"))
    repository.close()
    return ["--db", str(store), "--config", str(config)]


def test_kam_sync_says_what_came_in_and_went_out(
    tmp_path: Path, room: Room, capsys: pytest.CaptureFixture[str]
) -> None:
    ann = laptop(tmp_path / "ann", room.url, room.token, "ann")
    bob = laptop(tmp_path / "bob", room.url, room.token, "bob")
    assert main(["sync", *ann]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == (
        f"kam sync: synced with {room.url}: the server holds everything this laptop has"
    )
    # ann's account: name, status, lifecycle, status_since, created, updated (6); its two
    # status history records: by, account_id, day, to_value (4), and kind "lifecycle" (5).
    assert out[1] == "  in:  0 records changed (" + out[1].split("(")[1]
    assert out[2].startswith("  out: 15 fields written (")
    assert main(["sync", *bob]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[1].startswith("  in:  3 records changed (")
    assert out[2].startswith("  out: 15 fields written (")
    assert main(["sync", *ann]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[1].startswith("  in:  3 records changed (")
    assert out[2].startswith("  out: 0 fields written (")
    store = Repository.open(tmp_path / "ann" / "kam.json", Schema(), read_only=True)
    assert sorted(a.name for a in store.accounts()) == ["ann's account", "bob's account"]
    store.close()


def test_kam_sync_fails_clearly_when_the_server_is_unreachable(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    ann = laptop(tmp_path / "ann", f"ws://127.0.0.1:{port}/kam", "token", "ann")
    assert main(["sync", *ann]) == 1
    error = capsys.readouterr().err
    assert f"kam: kam sync: could not sync with ws://127.0.0.1:{port}/kam: 3 tries failed" in error


def test_kam_sync_fails_clearly_when_the_token_is_refused(
    tmp_path: Path, room: Room, capsys: pytest.CaptureFixture[str]
) -> None:
    ann = laptop(tmp_path / "ann", room.url, "wrong", "ann")
    assert main(["sync", *ann]) == 1
    error = capsys.readouterr().err
    assert "the server refused the connection (HTTP 403): a wrong or missing token" in error


def test_kam_sync_without_a_sync_section_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "config.yaml"
    config.write_text("user: ann\n", encoding="utf-8")
    store = tmp_path / "kam.json"
    Repository.open(store, Schema()).close()
    assert main(["sync", "--db", str(store), "--config", str(config)]) == 2
    assert "has no sync: section" in capsys.readouterr().err
