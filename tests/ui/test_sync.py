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
from textual.widgets import DataTable

from kam_tui.config.settings import Settings
from kam_tui.domain.clock import Clock
from kam_tui.domain.models import TABLES, Account, Record
from kam_tui.services.syncing_files import SyncFiles
from kam_tui.store import Repository
from kam_tui.ui.app import KamApp
from kam_tui.ui.boards.pipeline import PipelineScreen
from kam_tui.ui.shell.header import KamHeader
from kam_tui.ui.sync.conflicts import ConflictsScreen

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


def test_the_conflicts_screen_re_applies_mine(
    demo_repo: Repository, settings: Settings, clock: Clock, tmp_path: Path, server: SyncServer
) -> None:
    synced = synced_settings(settings, tmp_path / "ann-config", server.url)
    bob = Laptop(tmp_path, server.url, TOKEN, "bob")

    async def scenario(app: KamApp, pilot: Pilot[None]) -> None:
        screen = app.screen
        assert isinstance(screen, PipelineScreen)
        await until(pilot, lambda: sync_words(app).startswith("⇅ synced"), "the first sync")
        assert app.syncer is not None
        assert (await asyncio.to_thread(bob.sync)).covered
        card = screen.board.highlighted_card
        assert card is not None
        name = card.account.name
        await pilot.press("shift+right")  # Ann: Demo provided, at the test clock's time
        # Bob, not having seen it, moves the same account to Won later (his clock is now).
        bob.workspace.save(replace(bob.account(name), status="Won"))
        assert (await asyncio.to_thread(bob.sync)).covered
        syncer = app.syncer
        # Yjs keeps one of the two values by client id: when it kept Ann's (older) one,
        # Bob's laptop writes his newer one again at his next sync, and Ann gets it then.
        done = syncer.exchanges
        syncer.sync_now()
        await until(pilot, lambda: syncer.exchanges > done, "Ann's exchange")
        assert (await asyncio.to_thread(bob.sync)).covered
        syncer.sync_now()
        await until(
            pilot,
            lambda: any(getattr(c, "field", "") == "status" for c in syncer.conflicts),
            "Ann's conflict",
        )
        won = lambda: demo_repo.account(card.account.id).status == "Won"  # type: ignore[union-attr]  # noqa: E731
        await until(pilot, won, "Bob's newer value in Ann's store")
        await until(pilot, lambda: "conflict" in sync_words(app), "the header counts it")
        await pilot.press("ctrl+p", *"Conflicts", "enter")
        await pilot.pause()
        conflicts = app.screen
        assert isinstance(conflicts, ConflictsScreen)
        table = conflicts.query_one(DataTable)
        rows = [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]
        status_row = next(i for i, row in enumerate(rows) if row[1] == "status")
        assert rows[status_row][:5] == [name, "status", "Demo provided", "Won", "bob"]
        table.move_cursor(row=status_row)
        await pilot.press("m")
        await pilot.pause()
        assert demo_repo.account(card.account.id).status == "Demo provided"  # type: ignore[union-attr]
        assert not any(getattr(c, "field", "") == "status" for c in syncer.conflicts)
        saved = (tmp_path / "store" / "kam.json.conflicts.json").read_text(encoding="utf-8")
        assert '"field":"status"' not in saved
        # Re-applied as a change of Ann's: it reaches Bob.
        syncer.sync_now()
        await until(pilot, lambda: sync_words(app).startswith("⇅ synced"), "sent")
        await asyncio.to_thread(bob.sync)
        assert bob.account(name).status == "Demo provided"

    run_app(demo_repo, synced, clock, scenario, size=(120, 30))
    bob.close()


def test_a_read_only_store_is_not_synced_from_here(
    demo_repo: Repository, settings: Settings, clock: Clock, tmp_path: Path
) -> None:
    demo_repo.wait_saved(30)
    synced = synced_settings(settings, tmp_path / "ann-config", "ws://127.0.0.1:9/kam")
    store = Repository.open(demo_repo.path, settings.schema, clock=clock, read_only=True)

    async def scenario(app: KamApp, pilot: Pilot[None]) -> None:
        await until(pilot, lambda: sync_words(app) != "", "the sync state")
        assert sync_words(app) == "sync: off (read-only)"
        assert app.syncer is None

    run_app(store, synced, clock, scenario, size=(120, 30))
    store.close()
    assert not demo_repo.path.with_name("kam.json.ydoc").exists()
    assert not demo_repo.path.with_name("kam.json.ydoc-unsent").exists()


def test_a_change_made_before_the_sync_starts_is_journaled_for_the_team(
    demo_repo: Repository,
    settings: Settings,
    clock: Clock,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Keys typed ahead of the first paint change the store before the sync process
    subscribes: they go to the journal the sync's load writes in, and once the sync has
    started only its own journal takes changes (no change journaled twice, none missed)."""
    synced = synced_settings(settings, tmp_path / "ann-config", "ws://127.0.0.1:9/team")
    files = SyncFiles(demo_repo.path)
    files.document.write_bytes(b"")  # the store has joined a team
    starts: list[KamApp] = []
    start_sync = KamApp._start_sync
    monkeypatch.setattr(KamApp, "_start_sync", lambda app: starts.append(app))

    def journaled() -> dict[tuple[str, int], Record | None]:
        def current(table: str, record_id: int) -> Record | None:
            return demo_repo.get(TABLES[table], record_id)

        return {(edit.table, edit.record_id): edit.before for edit in files.unsent_edits(current)}

    async def scenario(app: KamApp, pilot: Pilot[None]) -> None:
        screen = app.screen
        assert isinstance(screen, PipelineScreen)
        card = screen.board.highlighted_card
        assert card is not None and card.account.status == "Contacted"
        await pilot.press("shift+right")
        moved = ("accounts", card.account.id)
        before = journaled()[moved]
        assert isinstance(before, Account) and before.status == "Contacted"
        monkeypatch.setattr("kam_tui.ui.sync.running.start_syncer", lambda app: StubSyncer())
        start_sync(app)  # the real start, with a stand-in for the sync process
        size = files.journal_size()
        await pilot.press("shift+right")
        assert demo_repo.account(card.account.id).status == "Proposal sent"  # type: ignore[union-attr]
        assert files.journal_size() == size  # the sync process's feed journals from here on

    run_app(demo_repo, synced, clock, scenario)
    assert len(starts) == 1


class StubSyncer:
    """Stands in for the sync process: journals nothing, stops at once."""

    def stop(self, timeout: float) -> bool:
        return True
