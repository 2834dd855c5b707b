"""Two processes on one store: the second is read-only and can never overwrite the first."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from kam_tui.domain.models import Account
from kam_tui.store import ReadOnlyError, Repository

HOLDER = """
import sys
from pathlib import Path
from kam_tui.domain.models import Account
from kam_tui.store import Repository
repository = Repository.open(Path(sys.argv[1]))
print("ready", flush=True)
for line in sys.stdin:
    repository.save(Account(name=line.strip(), status="Won", lifecycle="New"))
    repository.wait_saved()
    print("saved", flush=True)
repository.close()
"""


def test_the_second_instance_cannot_overwrite_the_first(store_path: Path) -> None:
    first = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(store_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert first.stdin is not None and first.stdout is not None
    try:
        assert first.stdout.readline().strip() == "ready"
        second = Repository.open(store_path)
        assert second.read_only
        assert f"pid {first.pid}" in (second.locked_by or "")
        first.stdin.write("Made by the first\n")
        first.stdin.flush()
        assert first.stdout.readline().strip() == "saved"
        with pytest.raises(ReadOnlyError, match=f"pid {first.pid}"):
            second.save(Account(name="Made by the second", status="Won", lifecycle="New"))
        with pytest.raises(ReadOnlyError):
            second.undo()
        first.stdin.close()
        assert first.wait(10) == 0
        # Even after the first is gone, the second never writes its stale view back.
        assert second.read_only
        assert second.close().pending is False
    finally:
        first.kill()
    final = Repository.open(store_path)
    try:
        assert [a.name for a in final.accounts()] == ["Made by the first"]
        assert not final.read_only
    finally:
        final.close()


class Holder:
    """A kam in another process holding a store: saves one account per name it is sent."""

    def __init__(self, path: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", HOLDER, str(path)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self._line() == "ready"

    @property
    def pid(self) -> int:
        return self.process.pid

    def _line(self) -> str:
        assert self.process.stdout is not None
        return self.process.stdout.readline().strip()

    def save(self, name: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(name + "\n")
        self.process.stdin.flush()
        assert self._line() == "saved"

    def stop(self) -> None:
        if self.process.stdin is not None and not self.process.stdin.closed:
            self.process.stdin.close()
        assert self.process.wait(10) == 0

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(10)


def names_in(path: Path) -> list[str]:
    repository = Repository.open(path, read_only=True)
    try:
        return sorted(account.name for account in repository.accounts())
    finally:
        repository.close()


def refuses_to_write(repository: Repository, holder_pid: int) -> None:
    assert repository.read_only
    assert f"pid {holder_pid}" in (repository.locked_by or "")
    with pytest.raises(ReadOnlyError, match=f"pid {holder_pid}"):
        repository.save(Account(name="Made by the second", status="Won", lifecycle="New"))


@pytest.mark.parametrize("holder_uses", ["link", "target"])
def test_a_symbolic_link_reaches_the_same_lock_and_stays_a_link(
    tmp_path: Path, holder_uses: str
) -> None:
    target = tmp_path / "data" / "kam.json"
    link = tmp_path / "elsewhere" / "mine.json"
    Repository.open(target).close()
    link.parent.mkdir()
    link.symlink_to(target)
    first = Holder(link if holder_uses == "link" else target)
    try:
        for path in (link, target):
            second = Repository.open(path)
            try:
                refuses_to_write(second, first.pid)
            finally:
                second.close()
        first.save("Saved through one name")
        first.save("And another save")
        first.stop()
    finally:
        first.kill()
    assert link.is_symlink() and link.resolve() == target
    assert names_in(target) == ["And another save", "Saved through one name"]
    again = Repository.open(link)
    try:
        again.save(Account(name="Saved through the link", status="Won", lifecycle="New"))
        assert again.wait_saved(10)
    finally:
        again.close()
    assert link.is_symlink() and "Saved through the link" in names_in(target)
    # Everything kam writes lives beside the real file: nothing appears beside the link.
    assert sorted(p.name for p in link.parent.iterdir()) == ["mine.json"]


def test_a_hard_link_never_makes_a_second_writer(tmp_path: Path) -> None:
    store = tmp_path / "kam.json"
    other_name = tmp_path / "other.json"
    Repository.open(store).close()
    first = Holder(store)
    try:
        os.link(store, other_name)
        second = Repository.open(other_name)
        try:
            refuses_to_write(second, first.pid)
        finally:
            second.close()
        first.stop()
    finally:
        first.kill()
    # With nobody holding it, a file of two names still opens read-only, saying why: each
    # save replaces the file, which would split it from its other name.
    for path in (store, other_name):
        alone = Repository.open(path)
        try:
            assert alone.read_only
            assert "2 hard links" in (alone.cannot_write or "")
            with pytest.raises(ReadOnlyError, match="hard links"):
                alone.save(Account(name="Split", status="Won", lifecycle="New"))
        finally:
            alone.close()
    other_name.unlink()
    writable = Repository.open(store)
    try:
        assert not writable.read_only
    finally:
        writable.close()


def test_a_removed_lock_file_lets_no_second_writer_in(store_path: Path) -> None:
    Repository.open(store_path).close()
    lock_file = store_path.with_name("kam.json.lock")
    first = Holder(store_path)
    try:
        lock_file.unlink()
        # A save replaces the store's file: the lock moves to the new one.
        first.save("Saved after the lock file went")
        second = Repository.open(store_path)
        try:
            refuses_to_write(second, first.pid)
            assert "lock file" in (second.locked_by or "")
            first.save("Saved while the second looked")
        finally:
            second.close()
        first.stop()
    finally:
        first.kill()
    assert names_in(store_path) == [
        "Saved after the lock file went",
        "Saved while the second looked",
    ]


def test_a_second_kam_on_a_file_that_replaced_the_store_and_the_first_never_overwrite(
    store_path: Path,
) -> None:
    """The lock file removed and the store replaced by another file (`mv`): a second kam
    opens the new file as its writer; the first keeps its changes aside in a copy instead
    of writing over the second's."""
    Repository.open(store_path).close()
    first = Holder(store_path)
    try:
        store_path.with_name("kam.json.lock").unlink()
        replacement = store_path.with_name("replacement.json")
        replacement.write_bytes(b"{}")
        os.replace(replacement, store_path)
        second = Repository.open(store_path)
        try:
            assert not second.read_only
            second.save(Account(name="Saved by the second", status="Won", lifecycle="New"))
            assert second.wait_saved(10)
            first.save("Kept aside by the first")
            assert names_in(store_path) == ["Saved by the second"]  # not written over
            second.save(Account(name="Saved by the second again", status="Won", lifecycle="New"))
            assert second.wait_saved(10)
            assert second.save_state.stopped is None
        finally:
            second.close()
        first.stop()
    finally:
        first.kill()
    assert names_in(store_path) == ["Saved by the second", "Saved by the second again"]
    (kept,) = store_path.parent.glob("kam.json.kept-*.json")
    assert names_in(kept) == ["Kept aside by the first"]
