"""A store another program replaces, deletes, links or rewrites while kam runs is never
written over: the changes go to a kept copy beside it, and the user is told where."""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kam_tui.domain.clock import Clock
from kam_tui.domain.models import Account
from kam_tui.domain.schema import Schema
from kam_tui.store import ReadOnlyError, Repository
from kam_tui.store.errors import StoreReplacedError
from kam_tui.store.files import Pieces, atomic_write_private
from kam_tui.store.kept import kept_copy_path
from kam_tui.store.saver import Saver

ACME = Account(name="Acme", status="Contacted", lifecycle="New")
FIXED_NOW = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
OTHER_BYTES = b'{"written": "by another program"}\n'


@pytest.fixture
def opened(store_path: Path, schema: Schema, clock: Clock) -> Iterator[Repository]:
    """A store holding one account, saved, and still open for writing."""
    repository = Repository.open(store_path, schema, clock=clock)
    repository.save(ACME)
    assert repository.wait_saved(10)
    yield repository
    repository.close()


def rename_acme(repository: Repository, name: str) -> None:
    repository.save(replace(repository.accounts()[0], name=name))
    assert repository.wait_saved(10)


def kept_copies(store_path: Path) -> list[Path]:
    return sorted(store_path.parent.glob(f"{store_path.name}.kept-*.json"))


def assert_kept_aside(repository: Repository, store_path: Path, *told: str) -> Path:
    """The change is in a kept copy (mode 0600, a whole store), the user is told what
    happened and where the copy is, and no further change is taken."""
    (kept,) = kept_copies(store_path)
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    names = [doc["name"] for doc in json.loads(kept.read_bytes())["accounts"].values()]
    assert names == ["Kept aside"]
    state = repository.save_state
    assert not state.pending
    assert state.stopped is not None
    for words in (str(store_path), str(kept), *told):
        assert words in state.stopped
    assert repository.read_only
    with pytest.raises(ReadOnlyError, match="kept in"):
        rename_acme(repository, "Refused")
    assert kept_copies(store_path) == [kept]
    return kept


def replace_by_rename(store_path: Path) -> None:
    """`mv other.json kam.json`, as a sync tool or an editor's save does."""
    other = store_path.with_name("other.json")
    other.write_bytes(OTHER_BYTES)
    os.replace(other, store_path)


def overwrite_in_place(store_path: Path) -> None:
    """`cp other.json kam.json`: the same file truncated and written."""
    with open(store_path, "r+b") as file:
        file.truncate(0)
        file.write(OTHER_BYTES)


@pytest.mark.parametrize(
    ("replace_store", "told"),
    [(replace_by_rename, "replaced"), (overwrite_in_place, "written by another program")],
)
def test_a_store_replaced_while_open_is_never_written_over(
    store_path: Path,
    opened: Repository,
    replace_store: Callable[[Path], None],
    told: str,
) -> None:
    replace_store(store_path)
    rename_acme(opened, "Kept aside")
    assert store_path.read_bytes() == OTHER_BYTES
    assert_kept_aside(opened, store_path, told, "did not write over it")


def test_a_store_deleted_while_open_is_not_recreated(store_path: Path, opened: Repository) -> None:
    store_path.unlink()
    rename_acme(opened, "Kept aside")
    assert not store_path.exists()
    assert_kept_aside(opened, store_path, "deleted", "did not recreate it")


def test_a_hard_link_made_while_open_is_not_split(store_path: Path, opened: Repository) -> None:
    second_name = store_path.with_name("second-name.json")
    os.link(store_path, second_name)
    before = store_path.read_bytes()
    rename_acme(opened, "Kept aside")
    assert os.path.samefile(store_path, second_name)
    assert store_path.read_bytes() == before
    assert_kept_aside(opened, store_path, "hard link")


def test_a_kept_copy_never_takes_a_name_already_there(tmp_path: Path) -> None:
    """Its name is predictable: a link planted there is neither taken nor written through."""
    store = tmp_path / "kam.json"
    first = kept_copy_path(store, FIXED_NOW)
    assert first.name == "kam.json.kept-20261120-093000Z.json"
    theirs = tmp_path / "theirs.json"
    theirs.write_bytes(b"theirs")
    first.symlink_to(theirs)
    assert kept_copy_path(store, FIXED_NOW).name == "kam.json.kept-20261120-093000Z-2.json"
    atomic_write_private(first, b"ours")
    assert theirs.read_bytes() == b"theirs"
    assert not first.is_symlink() and first.read_bytes() == b"ours"
    assert stat.S_IMODE(first.stat().st_mode) == 0o600


def test_saves_go_on_while_nobody_else_touches_the_store(
    store_path: Path, opened: Repository
) -> None:
    """Many saves in a row, and the user changing the store's mode meanwhile, are not
    taken for another program's work."""
    for number in range(5):
        rename_acme(opened, f"Save {number}")
    os.chmod(store_path, 0o640)
    rename_acme(opened, "After chmod")
    state = opened.save_state
    assert state.stopped is None and state.error is None and not opened.read_only
    assert kept_copies(store_path) == []
    names = [doc["name"] for doc in json.loads(store_path.read_bytes())["accounts"].values()]
    assert names == ["After chmod"]


def test_changes_that_reach_the_saver_after_it_stopped_go_to_the_same_kept_copy(
    tmp_path: Path,
) -> None:
    """A change made before the repository refuses changes is still kept, in the one copy."""
    generation = 0

    def snapshot() -> tuple[int, Pieces]:
        return generation, [f"generation {generation}".encode()]

    def replaced(path: Path, pieces: Pieces) -> None:
        raise StoreReplacedError(path, "was replaced by another file")

    saver = Saver(tmp_path / "kam.json", snapshot, write=replaced, backup_before_first_save=False)
    try:
        for generation in (1, 2):
            saver.changed(generation)
            assert saver.wait_saved(10)
            (kept,) = kept_copies(tmp_path / "kam.json")
            assert kept.read_bytes() == f"generation {generation}".encode()
        assert saver.state.stopped is not None and str(kept) in saver.state.stopped
    finally:
        saver.close()
    assert not (tmp_path / "kam.json").exists()
