"""The benchmark's team-sync simulation, at a tiny size: it converges through a real server,
checks the exports and the audit, and reports its figures."""

from __future__ import annotations

from pathlib import Path

from kam_tui.bench.sync_fleet import export_by_gid
from kam_tui.bench.sync_probe import YEAR_EDITS, simulate, sync_figures


def test_a_tiny_team_converges_and_reports_its_figures(tmp_path: Path) -> None:
    runs = simulate(tmp_path, laptops_count=3, edits=40, accounts=12, seed=3)
    figures = sync_figures(runs)
    assert figures["sync_laptops"] == 3
    assert 0 < runs.edits <= 120
    assert sum(runs.kinds.values()) == 120
    assert runs.rounds >= 2  # the first round cannot bring the first laptop the others' edits
    assert runs.written > runs.edits  # an edit writes one entry or more
    assert runs.bytes_up > 0 and runs.bytes_down > runs.first_round_down > 0
    # A round with nothing new: each laptop reads the server's state vector, sends nothing.
    assert runs.quiet_round_up == 0 and 0 < runs.quiet_round_down < 3 * 200
    assert runs.server_disk > 0 and all(size > 0 for size in runs.ydoc_disk)
    assert runs.document_final > runs.document_seeded > 0
    # After the server's restart, a blank document downloaded the whole team's (compared).
    assert runs.restart_down > runs.document_final / 2 and runs.restart_s > 0
    assert figures["sync_year_growth_bytes"] == round(
        (runs.document_final - runs.document_seeded) / runs.edits * YEAR_EDITS
    )


def test_an_export_is_read_by_global_id_with_references_translated() -> None:
    export = b"""{"schema_version": 9,
      "accounts": [{"id": 1, "name": "Mine"},
                   {"id": 2, "gid": "OTHER:accounts:7", "name": "Theirs"}],
      "contacts": [{"id": 3, "account_id": 2, "reports_to": 0}],
      "activities": [{"id": 4, "account_id": 1, "contact_ids": [3]}]}"""
    assert export_by_gid(export, "ORIGIN") == {
        "ORIGIN:accounts:1": {"table": "accounts", "name": "Mine"},
        "OTHER:accounts:7": {"table": "accounts", "name": "Theirs"},
        "ORIGIN:contacts:3": {
            "table": "contacts", "account_id": "OTHER:accounts:7", "reports_to": 0,
        },
        "ORIGIN:activities:4": {
            "table": "activities", "account_id": "ORIGIN:accounts:1",
            "contact_ids": ["ORIGIN:contacts:3"],
        },
    }  # fmt: skip
