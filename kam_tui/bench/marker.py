"""The marker file a start-up probe writes once its first frame is on the screen."""

from __future__ import annotations

import os
import time
from pathlib import Path


def write_marker(path: Path) -> None:
    """Write the current wall-clock time to `path` (renamed into place, never half written)."""
    stamp = time.time()
    temp = path.with_name(path.name + ".tmp")
    temp.write_text(repr(stamp), encoding="utf-8")
    os.replace(temp, path)


def read_marker(path: Path) -> float | None:
    """The time a probe wrote, or None when it wrote none."""
    try:
        return float(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
