"""kill -9 a writing process at random moments: the store always opens and keeps every ack."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from kam_tui.domain.models import Account
from kam_tui.store import Repository

ROUNDS = int(os.environ.get("KAM_KILL_ROUNDS", "200"))
"""How many times a writer is killed (raise it with KAM_KILL_ROUNDS for a longer soak)."""
WRITER = Path(__file__).with_name("kill_writer.py")


def template_store(folder: Path) -> Path:
    """A store of 300 accounts, so each save takes long enough to be killed mid-write."""
    path = folder / "template.json"
    repository = Repository.open(path)
    with repository.change("seed") as change:
        for number in range(300):
            change.save(Account(name=f"seed {number}", status="Contacted", lifecycle="New"))
    repository.close()
    return path


def test_kill_9_never_loses_an_acknowledged_change(tmp_path: Path) -> None:
    template = template_store(tmp_path)
    rng = random.Random(20261123)
    killed_mid_run = 0
    for round_number in range(ROUNDS):
        store = tmp_path / f"round{round_number % 4}" / "kam.json"
        shutil.rmtree(store.parent, ignore_errors=True)
        store.parent.mkdir()
        shutil.copy(template, store)
        writer = subprocess.Popen(
            [sys.executable, str(WRITER), str(store)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert writer.stdout is not None
        wanted_acks = rng.randint(0, 6)
        acks: list[int] = []
        while len(acks) < wanted_acks:
            line = writer.stdout.readline()
            assert line, f"writer died: {writer.stderr.read() if writer.stderr else ''}"
            acks.append(int(line.split()[1]))
        time.sleep(rng.uniform(0, 0.03))
        writer.send_signal(signal.SIGKILL)
        rest, errors = writer.communicate(timeout=10)
        acks += [int(line.split()[1]) for line in rest.splitlines() if line.startswith("ack")]
        assert writer.returncode == -signal.SIGKILL, errors
        killed_mid_run += 1

        repository = Repository.open(store)
        try:
            names = {account.name for account in repository.accounts()}
            assert not repository.read_only, "the lock of a killed process must be free"
            # A save killed mid-write leaves its temporary file: the next writer removes it.
            left = [p.name for p in store.parent.iterdir() if p.name.endswith(".tmp")]
            assert not left, f"round {round_number}: temporary files left: {left}"
        finally:
            repository.close()
        missing = [n for n in acks if f"acked {n}" not in names]
        assert not missing, f"round {round_number}: acknowledged changes lost: {missing}"
        assert sum(1 for name in names if name.startswith("seed ")) == 300
    assert killed_mid_run == ROUNDS
