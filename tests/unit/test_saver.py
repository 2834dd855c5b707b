"""The saver waits a moment after a change, writes a burst of changes once, and never
makes closing wait."""

from __future__ import annotations

import threading
from pathlib import Path

from kam_tui.store.errors import StoreError
from kam_tui.store.files import Pieces
from kam_tui.store.saver import Saver


class Store:
    """A store whose snapshot is its generation, and whose writes are recorded."""

    def __init__(self) -> None:
        self.generation = 0
        self.written: list[bytes] = []
        self.lock = threading.Lock()

    def snapshot(self) -> tuple[int, Pieces]:
        with self.lock:
            return self.generation, [str(self.generation).encode()]

    def write(self, path: Path, pieces: Pieces) -> None:
        self.written.append(b"".join(pieces))

    def saver(
        self, folder: Path, delay: float, *, held: bool = False, backup: bool = False
    ) -> Saver:
        """A saver of this store that starts each save `delay` seconds after a change."""
        return Saver(
            folder / "kam.json",
            self.snapshot,
            write=self.write,
            backup_before_first_save=backup,
            delay=delay,
            held=held,
        )

    def change(self, saver: Saver) -> None:
        with self.lock:
            self.generation += 1
        saver.changed(self.generation)


def test_changes_made_within_the_delay_are_written_once(tmp_path: Path) -> None:
    store = Store()
    saver = store.saver(tmp_path, delay=0.5)
    for _ in range(3):
        store.change(saver)
    assert saver.wait_saved(10)
    assert store.written == [b"3"]
    store.change(saver)
    assert saver.wait_saved(10)
    assert store.written == [b"3", b"4"]
    assert not saver.close().pending


def test_closing_saves_at_once_without_waiting_for_the_delay(tmp_path: Path) -> None:
    store = Store()
    saver = store.saver(tmp_path, delay=3600)
    store.change(saver)
    state = saver.close(timeout=10)
    assert not state.pending
    assert store.written == [b"1"]


def test_a_held_saver_writes_only_once_released(tmp_path: Path) -> None:
    store = Store()
    saver = store.saver(tmp_path, delay=0, held=True)
    store.change(saver)
    assert not saver.wait_saved(0.2)
    assert store.written == []
    saver.release()
    assert saver.wait_saved(10)
    assert store.written == [b"1"]
    saver.close()


def test_a_held_saver_with_nothing_to_save_closes_at_once(tmp_path: Path) -> None:
    """A store closed before it loaded whole (the app failed before its first paint) has
    nothing to wait for: closing ends the saver's thread instead of waiting for a release
    that never comes."""
    store = Store()
    saver = store.saver(tmp_path, delay=0, held=True)
    state = saver.close(timeout=10)
    assert not saver._thread.is_alive(), "the saver's thread still waits for its release"
    assert not state.pending
    assert store.written == []


def test_an_abandoned_saver_never_writes_not_even_when_closed(tmp_path: Path) -> None:
    store = Store()
    saver = store.saver(tmp_path, delay=0, held=True, backup=True)
    store.change(saver)
    saver.abandon("the store did not load whole")
    assert not saver.wait_saved(10)
    state = saver.close()
    assert state.pending and state.error == "the store did not load whole"
    assert store.written == []
    assert not (tmp_path / "backups").exists()


def test_a_snapshot_the_store_refuses_is_never_written(tmp_path: Path) -> None:
    written: list[Pieces] = []

    def refuse() -> tuple[int, Pieces]:
        raise StoreError("not loaded whole")

    saver = Saver(
        tmp_path / "kam.json",
        refuse,
        write=lambda path, pieces: written.append(pieces),
        backup_before_first_save=True,
        delay=0,
    )
    saver.changed(1)
    assert not saver.wait_saved(10)
    assert saver.close().error == "not loaded whole"
    assert written == []
    assert not (tmp_path / "backups").exists()
