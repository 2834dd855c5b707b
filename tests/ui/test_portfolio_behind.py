"""The Portfolio opened and left behind another view: not redrawn at each change, and
current again when shown."""

from __future__ import annotations

from kam_testing import run_app
from textual.pilot import Pilot

from kam_tui.config.settings import Settings
from kam_tui.domain.clock import Clock
from kam_tui.store import Repository
from kam_tui.ui.app import KamApp
from kam_tui.ui.boards.pipeline import PipelineScreen
from kam_tui.ui.portfolio.screen import PortfolioScreen
from kam_tui.ui.shell.header import KamHeader
from kam_tui.ui.shell.save_status import SaveIndicator


def test_a_hidden_views_header_skips_the_save_flips_and_shows_the_latest_when_shown(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    async def scenario(app: KamApp, pilot: Pilot[None]) -> None:
        await pilot.press("5")
        await pilot.pause()
        portfolio = app.screen
        assert isinstance(portfolio, PortfolioScreen)
        hidden = portfolio.query_one(KamHeader)
        await pilot.press("1")
        await pilot.pause()
        assert isinstance(app.screen, PipelineScreen)
        shown = app.screen.query_one(KamHeader)
        before = hidden.save_text
        for text, level in (("Saving…", "saving"), ("Cannot save: disk full", "error")):
            app.save_indicator = SaveIndicator(text, level)  # type: ignore[arg-type]
            await pilot.pause()
            assert shown.save_text == text
            assert hidden.save_text == before, "a hidden view's header is not redrawn"
        await pilot.press("5")
        await pilot.pause()
        assert isinstance(app.screen, PortfolioScreen)
        assert hidden.save_text == "Cannot save: disk full"

    run_app(demo_repo, settings, clock, scenario, size=(120, 30))
