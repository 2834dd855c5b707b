"""The machine and moment a benchmark ran on: CPU, cores, Python, OS and the date."""

from __future__ import annotations

import os
import platform
from datetime import UTC, datetime
from pathlib import Path

CPUINFO = Path("/proc/cpuinfo")


def cpu_model(cpuinfo: Path = CPUINFO) -> str:
    """The CPU's model name (Linux's /proc/cpuinfo), else what the platform says."""
    try:
        for line in cpuinfo.read_text(encoding="utf-8", errors="replace").splitlines():
            key, _, value = line.partition(":")
            if key.strip() == "model name" and value.strip():
                return value.strip()
    except OSError:
        pass
    return platform.processor() or platform.machine() or "unknown"


def machine(now: datetime | None = None) -> dict[str, object]:
    """The figures that say where and when the benchmark ran."""
    moment = now or datetime.now(UTC)
    return {
        "date": moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cpu": cpu_model(),
        "cores": os.cpu_count() or 0,
        "os": platform.platform(),
    }
