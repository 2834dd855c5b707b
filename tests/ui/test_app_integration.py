"""The app around its views: the palette's plan entries, and a store broken past first paint."""

from __future__ import annotations

import asyncio
import threading
from dataclasses import replace
from pathlib import Path

from kam_tui.config.settings import Settings
from kam_tui.domain.clock import Clock
from kam_tui.domain.synthetic import build_synthetic
from kam_tui.store import Repository
from kam_tui.store.backups import list_backups
from kam_tui.ui.account.screen import AccountScreen
from kam_tui.ui.app import KamApp
from kam_tui.ui.shell.palette import AccountSearchProvider


def test_the_palette_opens_an_accounts_swot_tab(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    async def scenario() -> None:
        app = KamApp(demo_repo, settings, clock)
        app.animation_level = "none"
        async with app.run_test(size=(100, 30)) as pilot:
            provider = AccountSearchProvider(app.screen)
            hits = [hit async for hit in provider.search("swot: fabrikam")]
            assert [str(hit.prompt) for hit in hits] == ["SWOT: Fabrikam Motors"]
            hits[0].command()
            await pilot.pause()
            assert isinstance(app.screen, AccountScreen)
            assert app.screen.query_one("TabbedContent").active == "swot"  # type: ignore[attr-defined]

    asyncio.run(scenario())


def synthetic_store(store_path: Path, settings: Settings, clock: Clock, accounts: int) -> None:
    """Write a store of `accounts` synthetic accounts (10 activities each) and close it."""
    repository = Repository.open(store_path, settings.schema, clock=clock)
    try:
        with repository.change("Synthetic portfolio") as change:
            build_synthetic(change, settings.schema, clock().date(), accounts)
        assert repository.wait_saved(60)
    finally:
        repository.close()


def break_last_record(store_path: Path, table: str, old: bytes, new: bytes) -> tuple[int, int]:
    """Replace the last `old` in a table's line (deep in the file); returns its line and the
    column of `new`."""
    lines = store_path.read_bytes().split(b"\n")
    index = next(i for i, line in enumerate(lines) if line.startswith(b'"%s":' % table.encode()))
    column = lines[index].rindex(old)
    lines[index] = lines[index][:column] + new + lines[index][column + len(old) :]
    store_path.write_bytes(b"\n".join(lines))
    return index + 1, column + 1


def test_a_table_broken_past_first_paint_makes_the_app_read_only_and_nothing_is_written(
    settings: Settings, clock: Clock, store_path: Path
) -> None:
    synthetic_store(store_path, settings, clock, 2_000)
    line, column = break_last_record(store_path, "activities", b'"kind":"', b'"kind":7,"x":"')
    broken = store_path.read_bytes()
    backups_before = list_backups(store_path)
    repository = Repository.open(store_path, settings.schema, clock=clock, progressive=True)
    first = repository.accounts()[0]
    messages: list[str] = []
    # The rest of the store loads once the first change is made: a change made while a
    # broken table is still unread, as a user quick after the first paint does.
    changed = threading.Event()
    repository.subscribe(lambda change: changed.set())
    start_loading = repository.start_loading

    def start_after_a_change() -> None:
        changed.wait(30)
        start_loading()

    repository.start_loading = start_after_a_change  # type: ignore[method-assign]

    async def scenario() -> None:
        app = KamApp(repository, settings, clock)
        app.animation_level = "none"
        async with app.run_test(size=(120, 40)) as pilot:
            # A change while the rest is not loaded (of the account alone: a card move also
            # writes the status history, so it waits for the whole store).
            assert app.workspace.save(replace(first, notes="Changed at once")).applied
            for _ in range(200):  # the loader finds the damage after the first paint
                if any(n.title == "The store is damaged" for n in app._notifications):
                    break
                await pilot.pause(0.05)
            await pilot.press("shift+right")  # and one after the damage is known
            await pilot.pause()
            assert app.is_running, "the app stays open, read-only"
            assert app.save_indicator.level == "read-only"
            messages.extend(f"{n.title}: {n.message}" for n in app._notifications)

    try:
        asyncio.run(scenario())
        assert repository.read_only
        assert not repository.wait_saved(1)
    finally:
        repository.close()
    assert store_path.read_bytes() == broken, "the broken store was written"
    assert list_backups(store_path) == backups_before, "a backup of the broken file was taken"
    assert repository.account(first.id) is not None
    damaged = next(m for m in messages if m.startswith("The store is damaged"))
    assert f"{store_path}:{line}:{column}: activity 20000: kind: expected str" in damaged
    assert "The file was left untouched." in damaged
    assert "1 change(s) made since opening were not saved" in damaged
    refused = [m for m in messages if m.startswith("Not moved")]
    assert refused and "did not load whole; nothing is written to it" in refused[0]
