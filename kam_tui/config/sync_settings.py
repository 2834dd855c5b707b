"""The config's `sync:` section as settings: where the team server is and who this laptop is."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

DEFAULT_INTERVAL_SECONDS = 30.0
"""How often the app exchanges with the team server while it is reachable."""


@dataclass(frozen=True)
class SyncSettings:
    """How this laptop joins the team's shared document."""

    url: str
    """The team room, ws://host:port/room or wss://host:port/room."""
    token_file: Path
    """The file holding the team's token (mode 600); read when a sync starts."""
    name: str
    """This laptop's name: the author of its edits in the shared document (shown in the
    other laptops' conflicts)."""
    ca_file: Path | None = None
    """A PEM file of certificates to trust for wss:// (a team's self-signed certificate)."""
    interval: float = DEFAULT_INTERVAL_SECONDS
    """Seconds between exchanges while the server is reachable."""
