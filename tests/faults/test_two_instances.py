"""Two processes on one store: the second is read-only and can never overwrite the first."""

from __future__ import annotations

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
