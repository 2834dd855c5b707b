"""What the app says when the store cannot be written or backed up from here."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

import pytest
from kam_testing import make_app, recorded_notes, save_status, synchronous
from textual.widgets import Input

from kam_tui.config.settings import Settings
from kam_tui.domain.clock import Clock
from kam_tui.store import Repository
from kam_tui.store.backups import backup_folder
from kam_tui.ui.forms.dialog import FormDialog


@pytest.fixture
def closed_demo(demo_repo: Repository) -> Path:
    """The demo store, saved and closed (so the next session backs it up first)."""
    demo_repo.close()
    return demo_repo.path


@synchronous
async def test_a_backup_that_fails_is_reported_on_its_own_and_the_change_is_saved(
    closed_demo: Path, settings: Settings, clock: Clock, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    backup_folder(closed_demo).symlink_to(elsewhere)
    repository = Repository.open(closed_demo, settings.schema, clock=clock)
    app = make_app(repository, settings, clock)
    notes = recorded_notes(app)
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            before = repository.revision
            await pilot.press("L")
            assert repository.revision == before + 1
            assert await asyncio.to_thread(repository.wait_saved, 10)
            await pilot.pause()
            await pilot.pause()
            assert save_status(app) == "Saved"
            warnings = [message for title, message in notes if title == "Backup failed"]
            assert len(warnings) == 1
            assert str(backup_folder(closed_demo)) in warnings[0]
            assert "symbolic link" in warnings[0]
    finally:
        repository.close()
    assert list(elsewhere.iterdir()) == []


@synchronous
async def test_a_store_without_write_permission_says_so_in_the_header(
    closed_demo: Path, settings: Settings, clock: Clock
) -> None:
    os.chmod(closed_demo, 0o400)
    before = closed_demo.read_bytes()
    repository = Repository.open(closed_demo, settings.schema, clock=clock)
    app = make_app(repository, settings, clock)
    notes = recorded_notes(app)
    try:
        async with app.run_test(size=(200, 30)) as pilot:
            await pilot.pause()
            assert save_status(app).startswith(
                f"Read-only: {closed_demo} has no write permission (mode 0400)"
            )
            await pilot.press("L")
            await pilot.pause()
            assert any("no write permission" in message for _, message in notes)
    finally:
        repository.close()
    assert closed_demo.read_bytes() == before


@synchronous
async def test_a_store_replaced_while_the_app_runs_is_not_written_over_and_the_app_says_so(
    closed_demo: Path, settings: Settings, clock: Clock
) -> None:
    """`mv other.json kam.json` while kam runs: the next card move goes to a kept copy; the
    header and one notification say so, naming both files; later changes are refused."""
    repository = Repository.open(closed_demo, settings.schema, clock=clock)
    app = make_app(repository, settings, clock)
    notes = recorded_notes(app)
    theirs = b'{"written": "by another program"}\n'
    other = closed_demo.with_name("other.json")
    other.write_bytes(theirs)
    try:
        async with app.run_test(size=(200, 30)) as pilot:
            await pilot.pause()
            os.replace(other, closed_demo)
            before = repository.revision
            await pilot.press("L")
            assert repository.revision == before + 1
            assert await asyncio.to_thread(repository.wait_saved, 10)
            await pilot.pause()
            await pilot.pause()
            (kept,) = closed_demo.parent.glob("kam.json.kept-*.json")
            assert save_status(app).startswith(
                f"Read-only: {closed_demo} was replaced by another file while kam ran"
            )
            told = [message for title, message in notes if title == "Store replaced"]
            assert len(told) == 1 and str(kept) in told[0]
            await pilot.press("L")
            await pilot.pause()
            assert repository.revision == before + 1
            assert f"kept in {kept}" in notes[-1][1]  # the refusal says why
            await pilot.press("q")
            await pilot.pause()
            assert app.return_code == 0  # the changes are kept: no "quit anyway?" question
    finally:
        repository.close()
    assert closed_demo.read_bytes() == theirs
    assert kept.stat().st_mode & 0o777 == 0o600


@synchronous
async def test_a_form_saved_on_a_read_only_store_stays_open_with_what_was_typed(
    closed_demo: Path, settings: Settings, clock: Clock
) -> None:
    os.chmod(closed_demo, 0o400)
    before = closed_demo.read_bytes()
    repository = Repository.open(closed_demo, settings.schema, clock=clock)
    app = make_app(repository, settings, clock)
    notes = recorded_notes(app)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            await pilot.press("e")
            await pilot.pause()
            assert isinstance(app.screen, FormDialog)
            await pilot.press("ctrl+a", "ctrl+k", *"Typed by hand", "ctrl+s")
            await pilot.pause()
            assert isinstance(app.screen, FormDialog)
            assert app.screen.query_one("#field-name", Input).value == "Typed by hand"
            assert any(
                title == "Read-only" and message.startswith("Not saved:")
                for title, message in notes
            )
    finally:
        repository.close()
    assert closed_demo.read_bytes() == before
