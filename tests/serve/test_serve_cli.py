"""`kam serve`'s checks before serving: the address, the port, the store and config each tab
is given, and which requests it answers."""

from __future__ import annotations

import shlex
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from aiohttp.test_utils import make_mocked_request
from serve.conftest import Served, served_store

from kam_tui.cli.main import build_parser
from kam_tui.cli.serve_command import app_command
from kam_tui.cli.serve_web import request_is_ours
from kam_tui.domain.schema import Schema
from kam_tui.store import Repository


def kam(*args: str) -> subprocess.CompletedProcess[str]:
    """kam in a child process; `timeout` only ends a run that would wait forever."""
    return subprocess.run(
        [sys.executable, "-m", "kam_tui.cli.main", *args],
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_an_address_other_machines_reach_needs_public(tmp_path: Path) -> None:
    result = kam("--db", str(served_store(tmp_path)), "serve", "--host", "0.0.0.0")
    assert result.returncode == 2
    assert result.stderr == (
        "kam: refusing to serve on 0.0.0.0: anyone who can reach it could read and change "
        "the store, with no password; give --public to do it anyway\n"
    )


def test_public_serves_with_a_warning(tmp_path: Path) -> None:
    served = Served(served_store(tmp_path), "--host", "0.0.0.0", "--public")
    served.stop()
    assert served.url.startswith("http://0.0.0.0:")
    assert served.errors().startswith(
        "kam: warning: serving on 0.0.0.0: anyone who can reach this address can read and "
        f"change the store {served.store} (there is no password, and no TLS)\n"
    )


def test_a_port_in_use_is_told_without_a_traceback(tmp_path: Path) -> None:
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        result = kam("--db", str(served_store(tmp_path)), "serve", "--port", str(port))
    assert result.returncode == 1
    assert result.stderr == (
        f"kam: port {port} on 127.0.0.1 is in use; choose another with --port\n"
    )


def test_a_missing_store_is_told_before_serving(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.json"
    result = kam("--db", str(missing), "serve", "--port", "0")
    assert result.returncode == 1
    assert result.stderr == (
        f"kam: no store at {missing}; check the path, or pass --new to create a store there\n"
    )
    assert not missing.exists()


def test_each_tab_runs_kam_on_the_store_and_config_kam_would_open(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("KAM_DB", "stores/kam.json")
    monkeypatch.setenv("KAM_CONFIG", "~/kam.yaml")
    args = build_parser().parse_args(["serve", "--read-only"])
    assert shlex.split(app_command(args)) == [
        sys.executable,
        "-m",
        "kam_tui.cli.main",
        "--db",
        str(tmp_path / "stores" / "kam.json"),
        "--config",
        str(Path.home() / "kam.yaml"),
        "--read-only",
    ]
    # Options beat the variables, as they do for kam itself.
    args = build_parser().parse_args(["--db", "other.json", "serve", "--config", "c.yaml"])
    command = shlex.split(app_command(args))
    assert command[3:] == [
        "--db",
        str(tmp_path / "other.json"),
        "--config",
        str(tmp_path / "c.yaml"),
    ]


def test_without_a_chosen_config_the_tab_finds_the_default_one_as_kam_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    args = build_parser().parse_args(["serve"])
    command = shlex.split(app_command(args))
    assert "--config" not in command
    assert command[3] == "--db"
    assert command[4].endswith("kam-tui/kam.json")  # the user data folder's store


@pytest.mark.parametrize(
    ("host", "origin", "public", "ours"),
    [
        ("127.0.0.1:8000", None, False, True),
        ("127.0.0.1:8000", "http://127.0.0.1:8000", False, True),
        ("localhost:8000", "http://localhost:8000", False, True),
        ("[::1]:8000", "http://[::1]:8000", False, True),
        # Another site's page opening the websocket.
        ("127.0.0.1:8000", "http://example.com", False, False),
        ("127.0.0.1:8000", "http://127.0.0.1:9000", False, False),
        # Another site's name re-pointed at 127.0.0.1 (DNS rebinding).
        ("example.com:8000", "http://example.com:8000", False, False),
        ("example.com:8000", None, False, False),
        # --public: any name the server is reached at, never another site's page.
        ("kam.example.com:8000", "http://kam.example.com:8000", True, True),
        ("kam.example.com:8000", "http://example.com", True, False),
    ],
)
def test_requests_from_other_sites_pages_are_refused(
    host: str, origin: str | None, public: bool, ours: bool
) -> None:
    headers = {"Host": host} | ({"Origin": origin} if origin else {})
    request = make_mocked_request("GET", "/ws", headers=headers)
    assert request_is_ours(request, public=public) is ours


def test_a_theme_the_app_lacks_is_told_before_serving(tmp_path: Path) -> None:
    config = tmp_path / "config.yaml"
    config.write_text("theme: nope\n")
    result = kam("--db", str(served_store(tmp_path)), "--config", str(config), "serve")
    assert result.returncode == 2
    assert result.stderr.startswith(
        f"kam: bad config: {config}:1:1: theme: unknown theme 'nope'; choose one of "
    )
    assert "kam serve: open" not in result.stdout


def test_a_store_held_by_another_kam_is_told_at_start(tmp_path: Path) -> None:
    store = served_store(tmp_path)
    holder = Repository.open(store, Schema())
    try:
        served = Served(store)
        served.stop()
    finally:
        holder.close()
    output = served.output()
    assert "kam serve: the store is open in another kam (pid " in output
    assert "): tabs open it read-only\n" in output
