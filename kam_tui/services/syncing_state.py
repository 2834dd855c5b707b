"""Where this laptop's sync stands, and the few words the header shows for it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

SyncKind = Literal["starting", "synced", "offline", "unsent", "error"]


@dataclass(frozen=True)
class SyncState:
    """One of: starting, synced(at), offline(since), unsent(N), error(text); with the
    number of conflicts kept and the local changes the server does not hold yet.
    "synced" only when the last exchange was verified and nothing local is unsent."""

    kind: SyncKind = "starting"
    at: datetime | None = None
    """synced: when the exchange that verified it ended; offline: since when."""
    unsent: int = 0
    """Local changes not yet verified on the server."""
    conflicts: int = 0
    text: str = ""
    """error: what went wrong."""

    @property
    def words(self) -> str:
        """The header's words, short enough for 80 columns: "⇅ synced 14:02",
        "offline since 13:40 · 3 unsent", "⇅ 2 unsent · 1 conflict"."""
        parts: list[str] = []
        if self.kind == "synced" and self.at is not None:
            parts.append(f"⇅ synced {self.at:%H:%M}")
        elif self.kind == "offline" and self.at is not None:
            parts.append(f"offline since {self.at:%H:%M}")
        elif self.kind == "error":
            parts.append(f"sync: {self.text}")
        elif self.kind in ("starting", "unsent"):
            parts.append(f"⇅ {self.unsent} unsent" if self.unsent else "⇅ syncing…")
        if self.unsent and self.kind in ("offline", "error"):
            parts.append(f"{self.unsent} unsent")
        if self.conflicts:
            parts.append(f"{self.conflicts} conflict{'s' if self.conflicts != 1 else ''}")
        return " · ".join(parts)
