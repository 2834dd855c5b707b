"""The account screen's w key: the account plan in Markdown, written where the user says."""

from __future__ import annotations

import asyncio
import stat
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Static

from kam_tui.config.settings import Settings
from kam_tui.domain.clock import Clock
from kam_tui.domain.models import Action
from kam_tui.services.plan_document import plan_file_name
from kam_tui.store import Repository
from kam_tui.ui.app import KamApp
from kam_tui.ui.forms.confirm import ConfirmDialog
from kam_tui.ui.plan.report import StatusReportDialog

TAILSPIN = 4
"""A demo key account with contacts, a plan and actions."""


def test_w_writes_the_account_plan_to_the_current_folder_then_asks_before_replacing(
    demo_repo: Repository,
    settings: Settings,
    clock: Clock,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    account = demo_repo.account(TAILSPIN)
    assert account is not None
    written = tmp_path / plan_file_name(account.name, clock().date())
    actions = [a for a in demo_repo.all(Action) if a.account_id == TAILSPIN]
    assert actions

    async def scenario(app: KamApp, pilot: Pilot[None]) -> None:
        app.open_account(TAILSPIN, None)
        await pilot.pause()
        await pilot.pause()
        await pilot.press("w")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, StatusReportDialog)
        path = dialog.query_one("#report-path", Input)
        assert app.focused is path and path.value == written.name
        status = str(dialog.query_one("#report-status", Static).content)
        assert str(tmp_path) in status  # where it will go, before writing
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = written.read_text(encoding="utf-8")
        assert text == dialog.text
        assert text.startswith("# Account plan: Tailspin Airlines\n")
        for heading in ("## Figures", "## Health", "## SWOT", "## Actions", "## Stakeholders"):
            assert f"\n{heading}\n" in text
        assert all(action.title in text for action in actions)
        assert stat.S_IMODE(written.stat().st_mode) == 0o600
        status = str(dialog.query_one("#report-status", Static).content)
        assert f"Written to {written}" in status
        # a second export finds the file and asks before replacing it
        written.write_text("mine", encoding="utf-8")
        await pilot.press("s", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        await pilot.pause()
        assert written.read_text(encoding="utf-8") == "mine"
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert not isinstance(app.screen, StatusReportDialog)

    async def main() -> None:
        app = KamApp(demo_repo, settings, clock)
        app.animation_level = "none"
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            await scenario(app, pilot)

    asyncio.run(main())
