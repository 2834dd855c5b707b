"""Cold start to the first painted frame, as whole processes in a pseudo-terminal."""

from __future__ import annotations

import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from kam_tui.bench.child import isolated_env, run_in_pty
from kam_tui.bench.marker import read_marker

TIMEOUT_SECONDS = 120.0
"""The longest a probe may run (a store of 100,000 accounts is slow to open)."""


class ProbeFailed(RuntimeError):
    """A probe ended without writing its marker."""


@dataclass
class StartupRuns:
    """The seconds of each run of both probes, and their peak memory."""

    kam: list[float] = field(default_factory=list)
    bare: list[float] = field(default_factory=list)
    kam_rss_kb: list[int] = field(default_factory=list)
    bare_rss_kb: list[int] = field(default_factory=list)

    @property
    def kam_median(self) -> float:
        return statistics.median(self.kam)

    @property
    def bare_median(self) -> float:
        return statistics.median(self.bare)


def time_probe(module: str, args: list[str], folder: Path, name: str) -> tuple[float, int]:
    """Seconds from just before the spawn until the probe's first frame; its peak RSS (KB)."""
    home = folder / f"home-{name}"
    home.mkdir(parents=True)
    marker = folder / f"{name}.marker"
    argv = [sys.executable, "-m", module, str(marker), *args]
    env = isolated_env(home)
    started = time.time()
    result = run_in_pty(argv, env, TIMEOUT_SECONDS)
    painted = read_marker(marker)
    if painted is None:
        tail = result.output_tail.decode("utf-8", "replace")[-1500:]
        why = "timed out" if result.timed_out else f"exited with {result.returncode}"
        raise ProbeFailed(f"{module} {why} without painting; its last output:\n{tail}")
    return painted - started, result.rusage.ru_maxrss


def measure_startup(db: Path, runs: int, folder: Path) -> StartupRuns:
    """Run the kam probe and the bare probe `runs` times each, alternating.

    One run of each comes first and is not counted: as on a user's second start, the
    bytecode is compiled and the files are in the page cache for both.
    """
    measured = StartupRuns()
    time_probe("kam_tui.bench.probe", [str(db)], folder, "kam-warm-up")
    time_probe("kam_tui.bench.bare_probe", [], folder, "bare-warm-up")
    for run in range(runs):
        seconds, rss = time_probe("kam_tui.bench.probe", [str(db)], folder, f"kam-{run}")
        measured.kam.append(seconds)
        measured.kam_rss_kb.append(rss)
        seconds, rss = time_probe("kam_tui.bench.bare_probe", [], folder, f"bare-{run}")
        measured.bare.append(seconds)
        measured.bare_rss_kb.append(rss)
    return measured
