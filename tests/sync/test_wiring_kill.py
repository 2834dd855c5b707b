"""A kill -9 of a laptop's process right after a local change was saved in the store loses
nothing: the next start writes it into the shared document, and it reaches the team."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING

from sync.wiring_laptops import Laptop, new_account

if TYPE_CHECKING:
    from sync.conftest import Room

CHILD = textwrap.dedent(
    """\
    import os, signal, sys
    from dataclasses import replace
    from pathlib import Path
    sys.path.insert(0, sys.argv[1])
    from sync.wiring_laptops import new_account, open_workspace, sync_settings
    from kam_tui.services.syncing import Syncer

    folder, url = Path(sys.argv[2]), sys.argv[3]
    workspace = open_workspace(folder / "ann", "ann")
    syncer = Syncer(workspace, sync_settings(folder / "ann", url, "token", "ann"))
    syncer.start()
    account = next(a for a in workspace.accounts() if a.name == "Acme")
    workspace.save(replace(account, industry="Steel"))
    new_account(workspace, "Bolt")
    assert workspace.repository.wait_saved(60)
    os.kill(os.getpid(), signal.SIGKILL)
    """
)


def test_a_kill_after_a_local_save_loses_nothing(tmp_path: Path, room: Room) -> None:
    ann = Laptop(tmp_path, room.url, room.token, "ann")
    new_account(ann.workspace, "Acme")
    assert ann.sync().covered
    ann.close()
    tests = Path(__file__).resolve().parents[1]
    # The child's server address is one nothing listens on: its changes stay local.
    child = subprocess.run(
        [sys.executable, "-c", CHILD, str(tests), str(tmp_path), "ws://127.0.0.1:9/kam"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert child.returncode == -9, child.stderr
    again = Laptop(tmp_path, room.url, room.token, "ann")
    assert not again.session.files.journal.exists()
    assert again.sync().covered
    bob = Laptop(tmp_path, room.url, room.token, "bob")
    assert bob.sync().covered
    assert bob.account("Acme").industry == "Steel"
    assert sorted(a.name for a in bob.workspace.accounts()) == ["Acme", "Bolt"]
    again.close()
    bob.close()
