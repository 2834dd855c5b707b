"""The sync process (syncing_process.SyncProcess) against a real `kam sync serve`: changes
travel both ways through it, it is started again when it dies, it ends when the app stops
it, and when the app is killed with SIGKILL."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from sync.wiring_laptops import Laptop, new_account, open_workspace, sync_settings, wait_for

from kam_tui.services.syncing_process import SyncProcess
from kam_tui.services.syncing_state import SyncState
from kam_tui.services.workspace import Workspace

if TYPE_CHECKING:
    from sync.conftest import Room


def start(workspace: Workspace, room: Room, folder: Path) -> tuple[SyncProcess, list[SyncState]]:
    states: list[SyncState] = []
    settings = replace(sync_settings(folder, room.url, room.token, "ann"), interval=1)
    syncer = SyncProcess(workspace, settings, on_state=states.append)
    syncer.start()
    return syncer, states


def alive(pid: int) -> bool:
    """True while a process of that id runs (a zombie counts as ended)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="utf-8") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def test_changes_travel_both_ways_through_the_process(tmp_path: Path, room: Room) -> None:
    ann = open_workspace(tmp_path / "ann", "ann")
    acme = new_account(ann, "Acme")
    syncer, _states = start(ann, room, tmp_path / "ann")
    wait_for(lambda: syncer.state.kind == "synced", "Ann's first sync")
    bob = Laptop(tmp_path, room.url, room.token, "bob")
    assert bob.sync().covered
    assert bob.account("Acme").status == "Contacted"
    # Ann's edit goes to the process, which writes and sends it.
    ann.save(replace(acme, industry="Steel"))
    syncer.sync_now()
    wait_for(lambda: bob.sync().records_in > 0, "Ann's edit on Bob's laptop")
    assert bob.account("Acme").industry == "Steel"
    # Bob's new account comes back: its id is given by Ann's store, applied as remote.
    new_account(bob.workspace, "Bolt")
    assert bob.sync().covered
    syncer.sync_now()
    wait_for(lambda: any(a.name == "Bolt" for a in ann.accounts()), "Bolt on Ann's laptop")
    bolt = next(a for a in ann.accounts() if a.name == "Bolt")
    assert bolt.id not in (0, acme.id)
    assert ann.undo().value is not None  # Ann's own edit, not Bob's account
    assert ann.account(acme.id) is not None and ann.account(acme.id).industry == ""  # type: ignore[union-attr]
    assert any(a.name == "Bolt" for a in ann.accounts())
    assert syncer.stop()
    assert syncer.process is None
    ann.repository.close()
    bob.close()


def test_a_dead_process_is_said_and_started_again(tmp_path: Path, room: Room) -> None:
    ann = open_workspace(tmp_path / "ann", "ann")
    new_account(ann, "Acme")
    syncer, states = start(ann, room, tmp_path / "ann")
    wait_for(lambda: syncer.state.kind == "synced", "Ann's first sync")
    process = syncer.process
    assert process is not None
    process.kill()
    wait_for(lambda: any("the sync process ended" in s.text for s in states), "said so")
    said = next(s for s in states if "the sync process ended" in s.text)
    assert said.kind == "error" and said.text.endswith("starting it again")
    assert "ended" in said.words
    wait_for(lambda: syncer.restarts == 1 and syncer.state.kind == "synced", "started again")
    assert syncer.process is not None and syncer.process.pid != process.pid
    assert syncer.stop()
    ann.repository.close()


def test_stop_ends_the_process(tmp_path: Path, room: Room) -> None:
    ann = open_workspace(tmp_path / "ann", "ann")
    syncer, _states = start(ann, room, tmp_path / "ann")
    wait_for(lambda: syncer.process is not None, "the process started")
    process = syncer.process
    assert process is not None
    assert syncer.stop()
    assert process.returncode == 0
    assert not alive(process.pid)
    ann.repository.close()


APP = textwrap.dedent(
    """\
    import os, signal, sys, time
    from pathlib import Path
    sys.path.insert(0, sys.argv[1])
    from sync.wiring_laptops import open_workspace, sync_settings
    from kam_tui.services.syncing_process import SyncProcess

    folder = Path(sys.argv[2])
    workspace = open_workspace(folder, "ann")
    syncer = SyncProcess(workspace, sync_settings(folder, "ws://127.0.0.1:9/kam", "t", "ann"))
    syncer.start()
    while syncer.process is None or syncer.exchanges == 0:
        time.sleep(0.05)
    print(syncer.process.pid, flush=True)
    os.kill(os.getpid(), signal.SIGKILL)
    """
)


def test_a_killed_app_leaves_no_sync_process(tmp_path: Path) -> None:
    tests = Path(__file__).resolve().parents[1]
    app = subprocess.run(
        [sys.executable, "-c", APP, str(tests), str(tmp_path / "ann")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert app.returncode == -signal.SIGKILL, app.stderr
    pid = int(app.stdout.split()[0])
    try:
        wait_for(lambda: not alive(pid), "the orphaned sync process ended")
    finally:
        if alive(pid):
            os.kill(pid, signal.SIGKILL)
