"""kill -9 the real app the moment its header says "Saved" after a change: the change is on disk.

The app runs in a pseudo-terminal and is watched through a terminal emulator, whole frame by
whole frame: what is checked is what the header shows, not what the saver reports.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path

import pytest
from kam_terminal import TerminalApp

from kam_tui.domain.demo import build_demo
from kam_tui.store import Repository

ROUNDS = int(os.environ.get("KAM_SAVED_KILL_ROUNDS", "40"))
"""How many times the app is killed, half on each store (raise it for a longer soak)."""
LARGE_ACCOUNTS = 10_000
"""Accounts in the large store, whose saves (and session backup) take longest."""
OPEN_SECONDS = 120.0
"""The longest the app may take to paint its first board on a busy machine."""
CHANGE_SECONDS = 60.0
"""The longest one change may take to be shown and then saved on a busy machine."""
COUNT = re.compile(r"● (\d+) ·")


@dataclass(frozen=True)
class Board:
    """What the pipeline board shows of its first two columns, and the save status."""

    statuses: tuple[str, str]
    counts: tuple[int, int]
    saved: bool


def read_board(lines: list[str]) -> Board | None:
    """The board on the screen, or None while none is drawn."""
    for row in range(2, 6):
        counts = [COUNT.search(cell) for cell in lines[row].split("▕")[:2]]
        if all(counts) and len(counts) == 2:
            titles = [cell.strip() for cell in lines[row - 1].split("▕")[:2]]
            numbers = [int(found[1]) for found in counts if found]
            return Board(
                (titles[0], titles[1]),
                (numbers[0], numbers[1]),
                lines[0].rstrip().endswith(" Saved"),
            )
    return None


def stored_counts(store: Path, statuses: tuple[str, str]) -> tuple[int, int]:
    """How many accounts the store on disk holds in each of `statuses` (opened as `kam`
    opens it: the accounts first, which is all this needs)."""
    repository = Repository.open(store, read_only=True, progressive=True)
    try:
        counted = Counter(account.status for account in repository.accounts())
    finally:
        repository.close()
    return counted[statuses[0]], counted[statuses[1]]


@pytest.fixture(scope="module")
def templates(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The demo store and a synthetic store of LARGE_ACCOUNTS accounts, as files to copy."""
    folder = tmp_path_factory.mktemp("templates")
    demo = folder / "demo.json"
    repository = Repository.open(demo)
    with repository.change("Loaded the demo portfolio") as change:
        build_demo(change, repository.schema, date.today())
    repository.close()
    large = folder / "large.json"
    command = [sys.executable, "-m", "kam_tui.bench.generate", str(large), str(LARGE_ACCOUNTS)]
    subprocess.run(command, check=True, capture_output=True)
    return {"demo": demo, "large": large}


@dataclass
class Round:
    """One session: open the app, make `changes` card moves, kill it at "Saved" after the last."""

    store: Path
    home: Path
    changes: int
    overlap: bool
    """Make each change as soon as the previous one is shown, not once it is saved."""
    opened_with: tuple[int, int] = (0, 0)
    """The counts the board showed when the app had opened."""

    def run(self) -> tuple[Board, tuple[int, int], bool]:
        """Returns the board shown at the kill, what the reopened store holds, and whether
        the last change was first shown with "Saving…"."""
        app = TerminalApp(self.store, self.home)
        try:
            start = self._board(app.wait_until(self._saved_board, OPEN_SECONDS))
            self.opened_with = start.counts
            moved = (start.counts[0] - 1, start.counts[1] + 1)
            for number in range(1, self.changes + 1):
                wanted = moved if number % 2 else start.counts
                app.type("L" if number % 2 else "H")  # one column right, then back
                if number == self.changes:
                    break
                app.wait_until(partial(self._shows, counts=wanted), CHANGE_SECONDS)
                if not self.overlap:
                    app.wait_until(self._saved_board, CHANGE_SECONDS)
            first_shown: list[Board] = []

            def shown_saved(lines: list[str]) -> bool:
                board = read_board(lines)
                if board is None or board.counts != wanted:
                    return False
                first_shown.append(board)
                return board.saved

            board = self._board(app.kill_when(shown_saved, CHANGE_SECONDS))
        finally:
            app.close()
        return board, stored_counts(self.store, board.statuses), not first_shown[0].saved

    @staticmethod
    def _board(lines: list[str]) -> Board:
        board = read_board(lines)
        assert board is not None, "\n".join(lines)
        return board

    @staticmethod
    def _saved_board(lines: list[str]) -> bool:
        board = read_board(lines)
        return board is not None and board.saved

    @staticmethod
    def _shows(lines: list[str], counts: tuple[int, int]) -> bool:
        board = read_board(lines)
        return board is not None and board.counts == counts


def test_kill_9_when_the_header_says_saved_never_loses_the_change(
    templates: dict[str, Path], tmp_path: Path
) -> None:
    lost: list[str] = []
    saving_shown = 0
    template_counts: dict[str, tuple[int, int]] = {}
    for number in range(ROUNDS):
        kind = "demo" if number % 2 == 0 else "large"
        folder = tmp_path / f"round{number}"
        folder.mkdir()
        store = folder / "kam.json"
        shutil.copyfile(templates[kind], store)
        changes = 1 + number // 2 % 3  # the first change of a session, the second, the third
        session = Round(store, folder / "home", changes, overlap=number // 6 % 2 == 1)
        shown, stored, saving = session.run()
        if kind not in template_counts:
            template_counts[kind] = stored_counts(templates[kind], shown.statuses)
        assert session.opened_with == template_counts[kind], "the board shows all its accounts"
        saving_shown += saving
        if stored != shown.counts:
            lost.append(f"round {number} ({kind}, change {changes}): {shown} but {stored} on disk")
        shutil.rmtree(folder)
    print(f"{ROUNDS} kills at Saved; Saving… shown first {saving_shown} times; lost {len(lost)}")
    assert not lost, f"{len(lost)} of {ROUNDS} changes shown as Saved were lost:\n" + "\n".join(
        lost
    )
