"""Every saved snapshot belongs to a snapshot test: none is left behind by a renamed test."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

SNAPSHOTS = Path(__file__).parent
"""The snapshot tests; syrupy keeps their images in __snapshots__/<module>/<test>.svg."""


def test_every_snapshot_file_belongs_to_a_snapshot_test() -> None:
    """syrupy fails a run that leaves a snapshot unused, but not under pytest-xdist, whose
    workers each run a part of the suite: this test makes the same check whatever runs it,
    against the snapshot tests pytest itself collects."""
    collected = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-n", "0",
         "-p", "no:cacheprovider", str(SNAPSHOTS)],
        capture_output=True, text=True, cwd=SNAPSHOTS.parent.parent, check=False,
    )  # fmt: skip
    assert collected.returncode == 0, collected.stdout + collected.stderr
    node_ids = [line for line in collected.stdout.splitlines() if "::" in line]
    split = (node_id.rpartition("::") for node_id in node_ids)
    tests = {f"{Path(path).stem}/{name}" for path, _, name in split}
    assert any(test.startswith("test_table_snapshots/") for test in tests), node_ids

    saved = sorted(SNAPSHOTS.glob("__snapshots__/*/*.svg"))
    assert saved, "no snapshot found"
    # A test's second and later snapshots are saved as <test>.1.svg, <test>.2.svg, ...
    unused = [
        f"{file.parent.name}/{file.name}"
        for file in saved
        if re.sub(r"\.\d+$", "", f"{file.parent.name}/{file.stem}") not in tests
    ]
    assert not unused, f"snapshots no test takes (delete them): {unused}"
