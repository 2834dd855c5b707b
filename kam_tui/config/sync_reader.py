"""The config's `sync:` section (the team server a laptop syncs with), read and validated
with file:line:column errors like the rest of the config."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from kam_tui.config.portfolio_reader import NodeReader
from kam_tui.config.sync_settings import DEFAULT_INTERVAL_SECONDS, SyncSettings
from kam_tui.domain.fields import MAX_NAME

SYNC_KEYS = ("server", "token_file", "name", "ca_file", "interval")
MIN_INTERVAL_SECONDS = 5
MAX_INTERVAL_SECONDS = 86_400
_URL = re.compile(r"^wss?://[^/\s?#]+/[A-Za-z0-9_.-]{1,64}$")
"""ws(s)://host[:port]/room, the room as the server names rooms."""


def read_sync(
    reader: NodeReader, node: yaml.Node | None, user: str, source: Path
) -> SyncSettings | None:
    """The sync settings of the `sync:` node, or None when the section is absent (no sync).
    Paths are taken relative to the config file's folder; `name` defaults to `user`."""
    if node is None or reader.is_null(node):
        return None
    entries = reader.mapping(node, "sync", SYNC_KEYS, "a mapping of sync settings")
    server = entries.get("server")
    token = entries.get("token_file")
    if server is None or token is None:
        missing = "server" if server is None else "token_file"
        raise reader.fail(node, "sync", f"expected a {missing!r} entry in the sync section")
    url = reader.text(server, "sync.server", "the team server's address, e.g. wss://host:8765/kam")
    if not _URL.match(url):
        problem = (
            f"expected ws://host:port/room or wss://host:port/room (the room: letters, digits,"
            f" _ . -), got {url!r}"
        )
        raise reader.fail(server, "sync.server", problem)
    name_node = entries.get("name")
    name = reader.text(name_node, "sync.name", "this laptop's name") if name_node else user
    if len(name) > MAX_NAME:
        problem = f"expected a name of at most {MAX_NAME} characters, got {len(name):,}"
        raise reader.fail(name_node or node, "sync.name", problem)
    if not name:
        raise reader.fail(node, "sync", "expected a 'name' for this laptop (or a 'user' setting)")
    ca_node = entries.get("ca_file")
    ca_file = _path(reader, ca_node, "sync.ca_file", source) if ca_node is not None else None
    if ca_file is not None and not url.startswith("wss://"):
        raise reader.fail(ca_node, "sync.ca_file", "a CA file needs a wss:// server address")  # type: ignore[arg-type]
    return SyncSettings(
        url=url,
        token_file=_path(reader, token, "sync.token_file", source),
        name=name,
        ca_file=ca_file,
        interval=_interval(reader, entries.get("interval")),
    )


def _path(reader: NodeReader, node: yaml.Node, key_path: str, source: Path) -> Path:
    path = Path(reader.text(node, key_path, "a file path")).expanduser()
    return path if path.is_absolute() else source.parent / path


def _interval(reader: NodeReader, node: yaml.Node | None) -> float:
    if node is None:
        return DEFAULT_INTERVAL_SECONDS
    value = reader.value(node) if isinstance(node, yaml.ScalarNode) else None
    if (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and MIN_INTERVAL_SECONDS <= value <= MAX_INTERVAL_SECONDS
    ):
        return float(value)
    problem = (
        f"expected seconds from {MIN_INTERVAL_SECONDS} to {MAX_INTERVAL_SECONDS},"
        f" got {reader.describe(node)}"
    )
    raise reader.fail(node, "sync.interval", problem)
