"""The app with team sync configured, against a real `kam sync serve`: a colleague's change
shows live on the pipeline and `u` does not undo it; the header says offline while the
server is down and synced once it is back."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from kam_testing import run_app
from sync.conftest import TOKEN, SyncServer
from sync.wiring_laptops import Laptop, sync_settings
from textual.pilot import Pilot

from kam_tui.config.settings import Settings
from kam_tui.domain.clock import Clock
from kam_tui.store import Repository
from kam_tui.ui.app import KamApp
from kam_tui.ui.boards.pipeline import PipelineScreen
from kam_tui.ui.shell.header import KamHeader

WAIT_SECONDS = 60.0
"""The bound on waiting for the sync worker (the machine is shared)."""


@pytest.fixture
def server(tmp_path: Path) -> Iterator[SyncServer]:
    """A team server of this test's own, killed after it."""
    started = SyncServer(tmp_path)
    started.start()
    try:
        yield started
    finally:
        started.kill()


def synced_settings(settings: Settings, folder: Path, url: str) -> Settings:
    """The test settings with a `sync:` section joining `url` as "ann"."""
    folder.mkdir(parents=True, exist_ok=True)
    return replace(
        settings, user="ann", sync=replace(sync_settings(folder, url, TOKEN, "ann"), interval=5)
    )


async def until(pilot: Pilot[None], condition: Callable[[], bool], what: str) -> None:
    """Let the app run until `condition` holds (a bound, not a timed assertion)."""
    deadline = time.monotonic() + WAIT_SECONDS
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"never happened: {what}")
        await pilot.pause(0.05)


def sync_words(app: KamApp) -> str:
    return app.screen.query_one(KamHeader).sync_text


def test_a_remote_change_shows_live_and_u_does_not_undo_it(
    demo_repo: Repository, settings: Settings, clock: Clock, tmp_path: Path, server: SyncServer
) -> None:
    synced = synced_settings(settings, tmp_path / "ann-config", server.url)
    bob = Laptop(tmp_path, server.url, TOKEN, "bob")
    notes: list[str] = []

    async def scenario(app: KamApp, pilot: Pilot[None]) -> None:
        screen = app.screen
        assert isinstance(screen, PipelineScreen)
        await until(pilot, lambda: sync_words(app).startswith("⇅ synced"), "the first sync")
        assert sync_words(app) == f"⇅ synced {clock():%H:%M}"
        card = screen.board.highlighted_card
        assert card is not None and card.account.status == "Contacted"
        await pilot.press("shift+right")  # Ann's own change, the last in her undo history
        assert demo_repo.account(card.account.id).status == "Demo provided"  # type: ignore[union-attr]
        assert (await asyncio.to_thread(bob.sync)).records_in > 30
        account = next(
            a
            for a in bob.workspace.accounts()
            if a.status == "Contacted" and a.name != card.account.name
        )
        bob.workspace.save(replace(account, status="Won"))
        assert (await asyncio.to_thread(bob.sync)).covered
        assert app.syncer is not None
        app.syncer.sync_now()
        column = screen.board.column("Won")
        assert column is not None

        def names() -> list[str]:
            assert column is not None
            return [shown.name for shown in column.accounts]

        await until(pilot, lambda: account.name in names(), "the card moved on Ann's board")
        mine = next(a for a in demo_repo.accounts() if a.name == account.name)
        assert mine.status == "Won"
        await pilot.press("u")
        await pilot.pause()
        assert notes[-1].startswith("Undone: ") and card.account.name in notes[-1]
        assert demo_repo.account(card.account.id).status == "Contacted"  # type: ignore[union-attr]
        assert demo_repo.account(mine.id).status == "Won"  # type: ignore[union-attr]
        assert account.name in names()

    run_app(demo_repo, synced, clock, scenario, notes, size=(80, 24))
    bob.close()


def test_the_header_says_offline_while_the_server_is_down_and_synced_after(
    demo_repo: Repository, settings: Settings, clock: Clock, tmp_path: Path, server: SyncServer
) -> None:
    synced = synced_settings(settings, tmp_path / "ann-config", server.url)

    async def scenario(app: KamApp, pilot: Pilot[None]) -> None:
        await until(pilot, lambda: sync_words(app).startswith("⇅ synced"), "the first sync")
        server.stop()
        await pilot.press("shift+right")  # a card moved while the server is down
        await until(pilot, lambda: sync_words(app).startswith("offline"), "offline")
        assert sync_words(app) == f"offline since {clock():%H:%M} · 1 unsent"
        header = app.screen.query_one(KamHeader)
        line = "".join(segment.text for segment in header.render_line(0))
        assert f"offline since {clock():%H:%M} · 1 unsent     Saved " in line  # tabs shortened
        await asyncio.to_thread(server.start)
        assert app.syncer is not None
        app.syncer.sync_now()
        await until(pilot, lambda: sync_words(app).startswith("⇅ synced"), "synced again")

    run_app(demo_repo, synced, clock, scenario, size=(80, 24))
