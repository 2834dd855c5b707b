"""The benchmark runs end to end at a tiny size and reports every figure (no speed asserted)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from kam_tui.bench.report import ROWS, TARGETS

HANG_GUARD_SECONDS = 300
"""Only there to stop a hung run; the test asserts no speed."""


def test_bench_reports_every_figure_of_a_tiny_store(tmp_path: Path) -> None:
    kept = tmp_path / "kept" / "kam.json"
    command = [sys.executable, "-m", "kam_tui.bench", "--accounts", "200", "--moves", "4",
               "--runs", "1", "--deals", "300", "--sync-laptops", "3", "--sync-edits", "20",
               "--json-only", "--keep", str(kept)]  # fmt: skip
    done = subprocess.run(
        command, capture_output=True, text=True, timeout=HANG_GUARD_SECONDS, check=False
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.strip().splitlines()
    assert len(lines) == 1, done.stdout
    figures = json.loads(lines[0])

    assert figures["accounts"] == 200
    assert figures["activities"] == 2000
    assert figures["moves"] == 4 and figures["durable_samples"] == 4
    assert figures["export_csv_files"] == 9  # one per table of records
    assert (figures["import_deals_deals"], figures["import_deals_accounts"]) == (300, 100)
    assert figures["import_deals_records"] == 400  # 100 accounts + 300 deals, all created
    assert figures["import_roundtrip_records"] > figures["activities"]  # every record back
    assert (figures["sync_laptops"], figures["sync_identical"]) == (3, True)
    numeric = [key for key, _label, _unit in ROWS]
    numeric += ["card_move_cpu_max_ms", "ui_stall_ticks", "peak_rss_bare_startup_mb"]
    for key in numeric:
        value = figures[key]
        assert isinstance(value, int | float) and value > 0, (key, value)
    assert set(figures["targets"]) == {target.key for target in TARGETS}
    assert all(isinstance(t["pass"], bool) for t in figures["targets"].values())
    assert kept.is_file() and kept.stat().st_size == figures["store_size_bytes"]


def test_bench_refuses_bad_arguments() -> None:
    for bad in (["--accounts", "0"], ["--moves", "x"], ["--nonsense"]):
        done = subprocess.run(
            [sys.executable, "-m", "kam_tui.bench", *bad], capture_output=True, text=True
        )
        assert done.returncode == 2, (bad, done.stderr)
