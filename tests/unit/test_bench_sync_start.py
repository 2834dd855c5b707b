"""The sync start probe's figures: per mode, the median over its runs."""

from __future__ import annotations

from typing import Any

from kam_tui.bench.sync_start_probe import sync_start_figures


def start(mode: str, stall: float, rss: float) -> dict[str, Any]:
    return {
        "mode": mode, "first_paint_s": 2.0, "stall_max_ms": stall, "stalls_over_50ms": 1,
        "synced_s": 20.0, "move_cpu_p95_ms": 15.0, "app_rss_mb": rss, "sync_rss_mb": 0.0,
    }  # fmt: skip


def test_each_mode_gets_the_median_of_its_runs() -> None:
    measured = {
        "join_s": 40.0,
        "document_mb": 115.0,
        "starts": [
            start("none", 10.0, 300.0),
            start("thread", 5000.0, 2600.0),
            start("process", 30.0, 400.0),
            start("none", 20.0, 310.0),
            start("thread", 6000.0, 2500.0),
            start("process", 40.0, 420.0),
            start("none", 90.0, 320.0),
            start("thread", 5500.0, 2700.0),
            start("process", 35.0, 410.0),
        ],
    }
    figures = sync_start_figures(measured)
    assert figures["sync_join_s"] == 40.0
    assert figures["sync_document_mb"] == 115.0
    assert figures["sync_start_none_stall_max_ms"] == 20.0
    assert figures["sync_start_thread_stall_max_ms"] == 5500.0
    assert figures["sync_start_process_stall_max_ms"] == 35.0
    assert figures["sync_start_thread_app_rss_mb"] == 2600.0
    assert figures["sync_start_process_app_rss_mb"] == 410.0
    assert len(figures) == 2 + 3 * 7
