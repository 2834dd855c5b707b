"""The config's `sync:` section: read whole, defaults, and each bad value refused with its
file:line:column."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from kam_tui.config.loader import load_config
from kam_tui.config.settings import ConfigError, Settings
from kam_tui.config.sync_settings import SyncSettings

EXAMPLE = Path(__file__).resolve().parents[2] / "config.example.yaml"


def load_text(tmp_path: Path, text: str) -> Settings:
    path = tmp_path / "config.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return load_config(path, required=True)


def refused(tmp_path: Path, text: str) -> str:
    with pytest.raises(ConfigError) as caught:
        load_text(tmp_path, text)
    return str(caught.value)


def test_no_section_means_no_sync(tmp_path: Path) -> None:
    assert load_text(tmp_path, "user: Ana\n").sync is None
    assert load_text(tmp_path, "sync:\n").sync is None
    assert load_config(EXAMPLE, required=True).sync is None


def test_every_key_is_read(tmp_path: Path) -> None:
    settings = load_text(
        tmp_path,
        """\
        user: Ana
        sync:
          server: wss://sync.example.com:8765/kam
          token_file: secrets/token
          name: Ana's laptop
          ca_file: /etc/kam/ca.pem
          interval: 12.5
        """,
    )
    assert settings.sync == SyncSettings(
        url="wss://sync.example.com:8765/kam",
        token_file=tmp_path / "secrets" / "token",
        name="Ana's laptop",
        ca_file=Path("/etc/kam/ca.pem"),
        interval=12.5,
    )


def test_defaults(tmp_path: Path) -> None:
    settings = load_text(
        tmp_path, "user: Ana\nsync:\n  server: ws://127.0.0.1:8765/team\n  token_file: t\n"
    )
    assert settings.sync == SyncSettings("ws://127.0.0.1:8765/team", tmp_path / "t", "Ana")


@pytest.mark.parametrize(
    ("body", "where", "words"),
    [
        ("  server: http://host/kam\n  token_file: t\n", ":3:11", "expected ws://host:port/room"),
        ("  server: wss://host:1/a b\n  token_file: t\n", ":3:11", "expected ws://"),
        ("  token_file: t\n", ":3:3", "expected a 'server' entry"),
        ("  server: wss://h:1/kam\n", ":3:3", "expected a 'token_file' entry"),
        ("  server: wss://h:1/kam\n  token_file: t\n  interval: 2\n", ":5:13", "from 5 to"),
        ("  server: wss://h:1/kam\n  token_file: t\n  interval: often\n", ":5:13", "got"),
        ("  server: ws://h:1/kam\n  token_file: t\n  ca_file: c\n", ":5:12", "needs a wss://"),
        ("  server: wss://h:1/kam\n  token_file: t\n  colour: red\n", ":5:3", "unknown key"),
    ],
)
def test_bad_values_are_refused_where_they_are(
    tmp_path: Path, body: str, where: str, words: str
) -> None:
    message = refused(tmp_path, "user: Ana\nsync:\n" + body)
    assert f"config.yaml{where}" in message, message
    assert words in message, message
