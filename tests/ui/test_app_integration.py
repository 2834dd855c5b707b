"""The app around its views: the palette's plan entries, and a store broken past first paint."""

from __future__ import annotations

import asyncio
from pathlib import Path

from kam_testing import break_table_line

from kam_tui.app import KamApp
from kam_tui.commands import AccountSearchProvider
from kam_tui.config import Settings
from kam_tui.domain.clock import Clock
from kam_tui.screens.account import AccountScreen
from kam_tui.store import Repository, StoreCorruptError


def test_the_palette_opens_an_accounts_swot_tab(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    async def scenario() -> None:
        app = KamApp(demo_repo, settings, clock)
        app.animation_level = "none"
        async with app.run_test(size=(100, 30)) as pilot:
            provider = AccountSearchProvider(app.screen)
            hits = [hit async for hit in provider.search("swot: fabrikam")]
            assert [str(hit.match_display) for hit in hits] == ["SWOT: Fabrikam Motors"]
            hits[0].command()
            await pilot.pause()
            assert isinstance(app.screen, AccountScreen)
            assert app.screen.query_one("TabbedContent").active == "swot"  # type: ignore[attr-defined]

    asyncio.run(scenario())


def test_a_table_broken_past_first_paint_stops_the_app_without_writing(
    demo_repo: Repository, settings: Settings, clock: Clock, store_path: Path
) -> None:
    demo_repo.close()
    line, _column = break_table_line(store_path, "actions", b'"status":"open"', b'"status":false')
    broken = store_path.read_bytes()
    repository = Repository.open(store_path, settings.schema, clock=clock, progressive=True)

    async def scenario() -> None:
        app = KamApp(repository, settings, clock)
        app.animation_level = "none"
        async with app.run_test(size=(100, 30)) as pilot:
            for _ in range(50):
                if not app.is_running:
                    break
                await pilot.pause(0.05)
        assert app.return_code == 1

    try:
        asyncio.run(scenario())
        assert isinstance(repository.load_error, StoreCorruptError)
        assert repository.load_error.line == line
        assert "status: expected str, found bool False" in str(repository.load_error)
    finally:
        repository.close()
    assert store_path.read_bytes() == broken
