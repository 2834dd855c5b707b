"""Saving around faults: temp files, modes, stores that cannot be written, backups."""

from __future__ import annotations

import errno
import os
import stat
import threading
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from kam_tui.domain.clock import Clock
from kam_tui.domain.models import Account
from kam_tui.domain.schema import Schema
from kam_tui.store import ReadOnlyError, Repository
from kam_tui.store import saver as saver_module
from kam_tui.store.backups import (
    Backup,
    backup_folder,
    backup_store_file,
    backups_to_keep,
    list_backups,
)
from kam_tui.store.lock import lock_path

ACME = Account(name="Acme", status="Contacted", lifecycle="New")


def mode_of(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def existing_store(store_path: Path, schema: Schema, clock: Clock) -> Path:
    """A store holding one account, closed."""
    repository = Repository.open(store_path, schema, clock=clock)
    repository.save(ACME)
    assert repository.wait_saved(10)
    repository.close()
    return store_path


@pytest.fixture
def reopened(existing_store: Path, schema: Schema, clock: Clock) -> Iterator[Repository]:
    """The existing store opened again for writing (its first save takes a session backup)."""
    repository = Repository.open(existing_store, schema, clock=clock)
    yield repository
    repository.close()


def rename_acme(repository: Repository, name: str) -> None:
    repository.save(replace(repository.accounts()[0], name=name))


def names_on_disk(path: Path) -> list[str]:
    repository = Repository.open(path, read_only=True)
    try:
        return sorted(account.name for account in repository.accounts())
    finally:
        repository.close()


# Temporary files


def test_a_planted_link_at_a_temp_name_is_never_written_through(
    store_path: Path, repo: Repository, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another user who guesses (or here, knows) the temp name and plants a link there gets
    nothing: the open refuses an existing name, and kam takes another one."""
    victim = tmp_path / "victim.txt"
    victim.write_text("the victim's own file")
    tokens = iter(["00000000000000aa", "00000000000000aa", "00000000000000bb"])
    monkeypatch.setattr("kam_tui.store.files.secrets.token_hex", lambda size: next(tokens))
    planted = [
        store_path.with_name(f".kam.json.{name}.tmp") for name in (os.getpid(), "00000000000000aa")
    ]
    for link in planted:
        link.symlink_to(victim)
    repo.save(ACME)
    assert repo.wait_saved(10)
    assert victim.read_text() == "the victim's own file"
    assert names_on_disk(store_path) == ["Acme"]
    assert all(link.is_symlink() for link in planted)


def test_temps_a_killed_save_left_are_removed_by_the_next_writer_only(
    existing_store: Path, tmp_path: Path
) -> None:
    folder = existing_store.parent
    backups = backup_folder(existing_store)
    backups.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_text("not kam's")
    ours = [
        folder / f".kam.json.{4242}.tmp",
        folder / ".kam.json.0123456789abcdef.tmp",
        backups / ".kam-20261120T093000123456Z-session.json.0123456789abcdef.tmp",
    ]
    others = [
        folder / ".other.json.0123456789abcdef.tmp",
        folder / ".kam.json.notours.tmp",
        folder / "kam.json.0123.tmp",
        backups / ".other-20261120T093000123456Z.json.0123456789abcdef.tmp",
    ]
    for path in ours + others:
        path.write_bytes(b"half a save")
    planted_link = folder / ".kam.json.00000000000000ff.tmp"
    planted_link.symlink_to(victim)
    everything = [*ours, *others, planted_link]

    Repository.open(existing_store, read_only=True).close()
    assert all(os.path.lexists(path) for path in everything), "read-only removes nothing"
    holder = Repository.open(existing_store)
    try:
        assert not any(os.path.lexists(path) for path in ours)
        assert all(os.path.lexists(path) for path in [*others, planted_link])
        assert victim.read_text() == "not kam's"
        for path in ours:
            path.write_bytes(b"another half save")
        Repository.open(existing_store).close()  # read-only: the holder's saves may be running
        assert all(path.exists() for path in ours)
    finally:
        holder.close()


# Modes


@pytest.mark.parametrize("mode", [0o640, 0o660, 0o600, 0o644], ids=oct)
def test_a_store_keeps_the_mode_its_user_chose(
    existing_store: Path, schema: Schema, clock: Clock, mode: int
) -> None:
    os.chmod(existing_store, mode)
    repository = Repository.open(existing_store, schema, clock=clock)
    try:
        rename_acme(repository, "Saved")
        assert repository.wait_saved(10)
        rename_acme(repository, "Saved again")
        assert repository.wait_saved(10)
    finally:
        repository.close()
    assert mode_of(existing_store) == mode
    assert names_on_disk(existing_store) == ["Saved again"]


@pytest.fixture
def hostile_umask() -> Iterator[None]:
    """A umask that would make new files unreadable to their owner."""
    previous = os.umask(0o277)
    yield
    os.umask(previous)


@pytest.mark.usefixtures("hostile_umask")
def test_every_file_kam_creates_is_0600_whatever_the_umask(
    existing_store: Path, reopened: Repository
) -> None:
    rename_acme(reopened, "Backed up first")
    assert reopened.wait_saved(10)
    [backup] = list_backups(existing_store)
    assert mode_of(existing_store) == 0o600
    assert mode_of(backup.path) == 0o600
    assert mode_of(lock_path(existing_store)) == 0o600


# Stores that cannot be written from here


@pytest.mark.parametrize("mode", [0o400, 0o440, 0o444], ids=oct)
def test_a_store_without_write_permission_opens_read_only_saying_so(
    existing_store: Path, schema: Schema, clock: Clock, mode: int
) -> None:
    os.chmod(existing_store, mode)
    before = existing_store.read_bytes()
    repository = Repository.open(existing_store, schema, clock=clock)
    try:
        assert repository.read_only
        assert f"mode {mode:04o}" in (repository.cannot_write or "")
        assert "no write permission" in repository.read_only_reason
        assert [a.name for a in repository.accounts()] == ["Acme"]
        with pytest.raises(ReadOnlyError, match="no write permission"):
            rename_acme(repository, "Refused")
    finally:
        repository.close()
    assert existing_store.read_bytes() == before
    assert mode_of(existing_store) == mode


def test_a_store_in_a_read_only_folder_opens_read_only_saying_so(
    existing_store: Path, schema: Schema, clock: Clock
) -> None:
    folder = existing_store.parent
    os.chmod(folder, 0o500)
    try:
        repository = Repository.open(existing_store, schema, clock=clock)
        try:
            assert repository.read_only
            assert f"the folder {folder} is not writable" in (repository.cannot_write or "")
        finally:
            repository.close()
    finally:
        os.chmod(folder, 0o700)


@pytest.mark.parametrize(
    "error", [errno.ENOSPC, errno.EROFS, errno.EACCES, errno.EDQUOT], ids=errno.errorcode.get
)
def test_no_room_for_the_lock_file_opens_read_only_saying_why(
    existing_store: Path,
    schema: Schema,
    clock: Clock,
    monkeypatch: pytest.MonkeyPatch,
    error: int,
) -> None:
    lock_path(existing_store).unlink()
    real_open = os.open

    def full_disk(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if str(path).endswith(".lock") and flags & os.O_CREAT:
            raise OSError(error, os.strerror(error))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", full_disk)
    repository = Repository.open(existing_store, schema, clock=clock)
    try:
        assert repository.read_only
        reason = repository.cannot_write or ""
        assert str(lock_path(existing_store)) in reason and os.strerror(error) in reason
        assert [a.name for a in repository.accounts()] == ["Acme"]
    finally:
        repository.close()


def test_no_room_for_the_holder_line_opens_read_only_and_holds_nothing(
    existing_store: Path, schema: Schema, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    lock_path(existing_store).unlink()
    real_write = os.write

    def full_disk(fd: int, data: Any) -> int:
        if os.readlink(f"/proc/self/fd/{fd}").endswith(".lock"):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", full_disk)
    repository = Repository.open(existing_store, schema, clock=clock)
    try:
        assert repository.read_only
        assert "No space left on device" in (repository.cannot_write or "")
    finally:
        repository.close()
    monkeypatch.setattr(os, "write", real_write)
    again = Repository.open(existing_store, schema, clock=clock)
    try:
        assert not again.read_only, "the open that failed must have let go of every lock"
    finally:
        again.close()


def test_a_link_planted_as_the_lock_file_is_never_written_through(
    existing_store: Path, schema: Schema, clock: Clock, tmp_path: Path
) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("the victim's own file")
    lock_path(existing_store).unlink()
    lock_path(existing_store).symlink_to(victim)
    repository = Repository.open(existing_store, schema, clock=clock)
    try:
        assert repository.read_only
        assert str(lock_path(existing_store)) in (repository.cannot_write or "")
    finally:
        repository.close()
    assert victim.read_text() == "the victim's own file"


def test_read_only_creates_nothing(existing_store: Path, tmp_path: Path) -> None:
    lock_path(existing_store).unlink()
    before = sorted(existing_store.parent.iterdir())
    Repository.open(existing_store, read_only=True).close()
    assert sorted(existing_store.parent.iterdir()) == before
    missing = tmp_path / "no" / "such" / "kam.json"
    repository = Repository.open(missing, read_only=True)
    try:
        assert repository.read_only and repository.accounts() == []
    finally:
        repository.close()
    assert not (tmp_path / "no").exists()


# Backups


class BackupFault:
    """Makes opening files in the backup folder fail (in the saver thread)."""

    def __init__(self, folder: Path, error: int) -> None:
        self.folder = folder
        self.error = error
        self.original: Callable[..., int] = os.open

    def __call__(self, path: Any, *args: Any, **kwargs: Any) -> int:
        inside = Path(path).parent == self.folder
        if threading.current_thread().name == "kam-saver" and inside:
            raise OSError(self.error, os.strerror(self.error))
        return self.original(path, *args, **kwargs)


def assert_saved_with_backup_warning(repository: Repository, path: Path, *expected: str) -> None:
    rename_acme(repository, "Saved without a backup")
    assert repository.wait_saved(10)
    state = repository.save_state
    assert state.error is None and not state.pending
    warning = state.backup_warning or ""
    assert str(backup_folder(path)) in warning
    for words in expected:
        assert words in warning
    assert names_on_disk(path) == ["Saved without a backup"]


@pytest.mark.parametrize("error", [errno.EACCES, errno.ENOSPC], ids=errno.errorcode.get)
def test_an_unwritable_backup_folder_does_not_stop_the_save(
    existing_store: Path, reopened: Repository, monkeypatch: pytest.MonkeyPatch, error: int
) -> None:
    backup_folder(existing_store).mkdir()
    monkeypatch.setattr(os, "open", BackupFault(backup_folder(existing_store), error))
    assert_saved_with_backup_warning(reopened, existing_store, os.strerror(error))


def test_a_file_where_the_backup_folder_should_be_does_not_stop_the_save(
    existing_store: Path, reopened: Repository
) -> None:
    backup_folder(existing_store).write_text("in the way")
    assert_saved_with_backup_warning(reopened, existing_store, "is not a folder")


def test_a_backup_folder_that_is_a_link_is_refused(
    existing_store: Path, reopened: Repository, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "someone-elses-folder"
    elsewhere.mkdir()
    backup_folder(existing_store).symlink_to(elsewhere)
    assert_saved_with_backup_warning(reopened, existing_store, "is a symbolic link")
    assert list(elsewhere.iterdir()) == []


def test_a_backup_folder_of_another_user_is_refused(
    existing_store: Path, reopened: Repository, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = backup_folder(existing_store)
    folder.mkdir()
    other_user = os.geteuid() + 1
    monkeypatch.setattr(os, "geteuid", lambda: other_user)
    assert_saved_with_backup_warning(
        reopened, existing_store, f"belongs to another user (uid {folder.stat().st_uid})"
    )
    assert list(folder.iterdir()) == []


NOW = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)


def at(days_ago: int, hour: int, minute: int = 0) -> Backup:
    taken = (NOW - timedelta(days=days_ago)).replace(hour=hour, minute=minute)
    return Backup(Path(f"kam-{taken:%Y%m%dT%H%M%S}Z.json"), taken, 10)


def test_backups_are_kept_by_age_as_well_as_by_count() -> None:
    """Friday 20 November: the newest five, the first of each of the last 7 days, the first
    of each calendar week of the last 4 weeks."""
    kept = [
        *(at(0, 8, minute) for minute in (50, 40, 30, 20, 10, 0)),  # 5 newest + first of day
        at(1, 10),  # first of Thursday (and of this week)
        at(6, 9),  # first of Saturday 14th
        at(10, 9),  # first of week 46 (Tuesday 10th)
        at(13, 9),  # first of week 45 (Saturday 7th)
        at(27, 9),  # first of week 43 within 4 weeks (Saturday 24 October)
    ]
    dropped = [
        at(1, 12),
        at(1, 11),
        at(6, 10),
        at(10, 10),
        at(12, 9),
        at(28, 9),  # 4 weeks old
        at(40, 9),
    ]
    backups = sorted([*kept, *dropped], key=lambda backup: backup.taken, reverse=True)
    assert backups_to_keep(backups, NOW) == {backup.path for backup in kept}


def test_a_burst_of_sessions_never_pushes_out_the_original(
    existing_store: Path, schema: Schema, clock: Clock
) -> None:
    original = existing_store.read_bytes()
    for number in range(8):
        repository = Repository.open(existing_store, schema, clock=clock)
        try:
            rename_acme(repository, f"Session {number}")
            assert repository.wait_saved(10)
        finally:
            repository.close()
    assert original in [backup.path.read_bytes() for backup in list_backups(existing_store)]


def test_no_backup_of_a_store_this_session_created(store_path: Path, repo: Repository) -> None:
    repo.save(ACME)
    assert repo.wait_saved(10)
    assert not backup_folder(store_path).exists()


def test_no_second_backup_of_bytes_already_backed_up(existing_store: Path) -> None:
    first = backup_store_file(existing_store, reason="session")
    again = backup_store_file(existing_store, reason="before-restore")
    assert first is not None and again == first
    assert len(list_backups(existing_store)) == 1


def test_a_full_disk_retries_the_backup_with_the_save(
    existing_store: Path, reopened: Repository, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While the save fails too, the old file is still there: once there is room again, it
    is backed up before it is replaced, and the warning goes."""
    monkeypatch.setattr(saver_module, "RETRY_SECONDS", 0.05)
    original = existing_store.read_bytes()
    real_write = os.write
    full = threading.Event()
    full.set()

    def full_disk(fd: int, data: Any) -> int:
        if full.is_set() and threading.current_thread().name == "kam-saver":
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", full_disk)
    rename_acme(reopened, "Saved once there is room")
    waited = threading.Event()
    for _ in range(1000):
        if reopened.save_state.error is not None:
            break
        waited.wait(0.01)
    state = reopened.save_state
    assert "No space left on device" in (state.error or "")
    assert "No space left on device" in (state.backup_warning or "")
    full.clear()
    assert reopened.wait_saved(10)
    assert reopened.save_state.backup_warning is None
    assert [backup.path.read_bytes() for backup in list_backups(existing_store)] == [original]


def test_a_save_left_failing_at_close_is_not_said_to_be_retried(
    existing_store: Path, reopened: Repository, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What kam prints at exit for a change it could not save names the failure, and does
    not say 'retrying': nothing retries it once kam has exited."""
    monkeypatch.setattr(saver_module, "RETRY_SECONDS", 0.05)
    real_write = os.write

    def full_disk(fd: int, data: Any) -> int:
        if threading.current_thread().name == "kam-saver":
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", full_disk)
    rename_acme(reopened, "Never saved")
    waited = threading.Event()
    for _ in range(1000):
        if reopened.save_state.error is not None:
            break
        waited.wait(0.01)
    state = reopened.close(timeout=0.2)
    assert state.pending
    assert "No space left on device" in (state.error or "")
    assert "retrying" not in (state.error or "")
