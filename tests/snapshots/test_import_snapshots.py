"""Snapshots of the palette's Import…: the preview of the Salesforce sample."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from kam_testing import SIZES, SnapCompare, make_app, settle
from textual.pilot import Pilot
from textual.widgets import Input

from kam_tui.config.settings import Settings
from kam_tui.domain.clock import Clock
from kam_tui.store import Repository
from kam_tui.ui.importing.dialog import ImportDialog

DATA = Path(__file__).resolve().parents[1] / "data"
"""The folder of the Salesforce sample: the path typed is relative to it, so the shot does
not show where the checkout is."""


async def preview_sample(pilot: Pilot[Any]) -> None:
    """Open the dialog on the data folder, type the sample's folder and preview it."""
    await pilot.app.push_screen(ImportDialog(DATA))
    await pilot.pause()
    pilot.app.screen.query_one(Input).value = "salesforce-devorg"
    await pilot.press("enter")
    await pilot.app.workers.wait_for_complete()
    await settle(pilot)


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_import_preview_of_the_salesforce_sample(
    snap_compare: SnapCompare,
    demo_repo: Repository,
    settings: Settings,
    clock: Clock,
    size: tuple[int, int],
) -> None:
    """Per file what would be created, updated, unchanged and skipped, the files left out,
    and what enter would import."""
    app = make_app(demo_repo, settings, clock)
    assert snap_compare(app, run_before=preview_sample, terminal_size=size)
