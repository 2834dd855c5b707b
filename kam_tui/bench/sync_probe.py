"""The team-sync simulation of the benchmark: laptops (20 by default) each make offline edits
(500) of the issue's mix to a shared set of accounts (300), through real stores and the one
change path, then sync through a real `kam sync serve` in random order until quiet. Checks
that every laptop's `kam export` is the same by global id and that no edit was lost;
measures rounds, time, bytes on the wire and on disk, and the shared document's growth.
Runs in the benchmark, or alone: `python -m kam_tui.bench.sync_probe [--laptops N ...]`."""

from __future__ import annotations

import argparse
import json
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson
from pycrdt import Decoder, Doc, Map

from kam_tui.bench.child import isolated_env
from kam_tui.bench.exchange_probe import run_kam
from kam_tui.bench.stats import median
from kam_tui.bench.sync_fleet import (
    TOKEN,
    FleetLaptop,
    ProbeServer,
    SyncProbeFailed,
    export_by_gid,
    offline_edit,
    seed_accounts,
)
from kam_tui.domain.models import Account
from kam_tui.sync.audit import lost_edits
from kam_tui.sync.client import exchange
from kam_tui.sync.conflicts import FieldConflict
from kam_tui.sync.document import ROOT

SYNC_LAPTOPS = 20
SYNC_EDITS = 500
"""Offline edits per laptop."""
SYNC_ACCOUNTS = 300
ROUND_LIMIT = 12
"""Rounds after which a simulation that is not quiet counts as a failure."""
YEAR_EDITS = 225_000
"""A team's year of edits as SYNC.md's prototype simulated it (200,000 field edits and
25,000 new activities), over which the measured growth per edit is extrapolated."""


@dataclass
class SyncRuns:
    """What the sync probe measured."""

    laptops: int
    edits: int
    """Offline edits applied (all laptops; a refused one is not counted)."""
    accounts: int
    kinds: dict[str, int]
    rounds: int
    """Rounds (every laptop syncing once, in a random order) until a round brought nothing."""
    edit_s: float
    sync_s: float
    """The rounds' wall time, the quiet round included."""
    first_round_s: float
    bytes_up: int
    bytes_down: int
    first_round_up: int
    first_round_down: int
    quiet_round_up: int
    """Bytes up of the last round, where nothing was new (the delete set, state vectors)."""
    quiet_round_down: int
    conflicts: int
    """Conflicts the laptops were shown (field and deleted-record ones)."""
    field_conflicts: int
    """Of those, a value of the laptop's replaced by a newer one it had not seen."""
    written: int
    """Field entries the laptops wrote for their own edits (checked by the audit)."""
    server_disk: int
    ydoc_disk: list[int] = field(default_factory=list)
    """Each laptop's .ydoc and .ydoc-log bytes."""
    store_disk: int = 0
    """The median laptop's kam.json bytes."""
    document_seeded: int = 0
    """The shared document (its whole state as one update) after the seeding."""
    document_final: int = 0
    export_s: float = 0.0
    restart_s: float = 0.0
    """After the server's restart, a blank document's download of the team's (verified equal)."""
    restart_down: int = 0

    @property
    def growth_per_edit(self) -> float:
        return (self.document_final - self.document_seeded) / max(self.edits, 1)


def _state(laptop: FleetLaptop) -> dict[int, int]:
    decoder = Decoder(laptop.session.doc.get_state())
    count = decoder.read_var_uint()
    return dict((decoder.read_var_uint(), decoder.read_var_uint()) for _ in range(count))


def _live_accounts(laptop: FleetLaptop) -> list[Account]:
    shared = laptop.session.shared
    assert shared is not None
    return sorted(laptop.repository.accounts(), key=lambda a: shared.gid_of("accounts", a.id))


def simulate(
    folder: Path,
    laptops_count: int = SYNC_LAPTOPS,
    edits: int = SYNC_EDITS,
    accounts: int = SYNC_ACCOUNTS,
    seed: int = 18,
) -> SyncRuns:
    """Run the simulation in `folder`; raises SyncProbeFailed when it does not converge
    or loses an edit."""
    rng = random.Random(seed)
    server = ProbeServer(folder)
    laptops: list[FleetLaptop] = []
    try:
        names = [f"laptop{number:02d}" for number in range(laptops_count)]
        laptops = [FleetLaptop(folder, n, server.url, server.token_file) for n in names]
        seed_accounts(laptops[0], accounts)
        for laptop in laptops:  # everyone joins: the first publishes, the others download
            if not laptop.sync().covered:
                raise SyncProbeFailed(f"{laptop.name} could not join")
        seeded = len(laptops[0].session.doc.get_update())
        kinds: Counter[str] = Counter()
        started = time.perf_counter()
        remaining = {laptop.name: edits for laptop in laptops}
        while remaining:  # the laptops' offline edits, interleaved in time
            name = rng.choice(sorted(remaining))
            laptop = next(lt for lt in laptops if lt.name == name)
            live = _live_accounts(laptop)
            if live:
                kinds[offline_edit(laptop, rng, live)] += 1
            remaining[laptop.name] -= 1
            if not remaining[laptop.name]:
                del remaining[laptop.name]
        edit_s = time.perf_counter() - started
        runs = _sync_until_quiet(laptops, rng)
        runs.laptops, runs.accounts, runs.edit_s = laptops_count, accounts, edit_s
        runs.kinds = dict(sorted(kinds.items()))
        runs.edits = sum(kinds.values()) - sum(laptop.refused for laptop in laptops)
        runs.document_seeded = seeded
        runs.document_final = len(laptops[0].session.doc.get_update())
        runs.written = sum(len(laptop.written) for laptop in laptops)
        runs.ydoc_disk = [laptop.ydoc_bytes() for laptop in laptops]
        runs.server_disk = server.disk_bytes()
        document = orjson.loads(str(laptops[0].session.doc.get(ROOT, type=Map)))
        runs.restart_s, runs.restart_down = _after_a_restart(server, document)
        origins = [laptop.repository.origin for laptop in laptops]
        for laptop in laptops:
            laptop.close()
        stores = [laptop.store.stat().st_size for laptop in laptops]
        runs.store_disk = int(median([float(size) for size in stores]))
        started = time.perf_counter()
        exports = [
            export_by_gid(_export(laptop.store, folder / "home"), origin)
            for laptop, origin in zip(laptops, origins, strict=True)
        ]
        runs.export_s = time.perf_counter() - started
        _check(exports, document, laptops)
        return runs
    finally:
        server.stop()


def _after_a_restart(server: ProbeServer, document: object) -> tuple[float, int]:
    """Restart the server (SIGTERM, then the same SQLite file) and download the team's
    document into a blank one, as a new laptop joining would: it must be the laptops'
    document. Returns the download's seconds and bytes."""
    server.stop()
    server.start()
    blank: Doc[Any] = Doc()
    started = time.perf_counter()
    report = exchange(blank, server.url, TOKEN, timeout=600.0)
    seconds = time.perf_counter() - started
    if not report.covered:
        raise SyncProbeFailed(f"no download after the server's restart: {report.error}")
    if orjson.loads(str(blank.get(ROOT, type=Map))) != document:
        raise SyncProbeFailed("after a restart, the server's document is not the laptops'")
    return seconds, report.bytes_down


def _export(store: Path, home: Path) -> bytes:
    _, output = run_kam(["--db", str(store), "export", "--format", "json"], home)
    return output.encode("utf-8")


def _check(
    exports: list[dict[str, dict[str, object]]],
    document: dict[str, dict[str, object]],
    laptops: list[FleetLaptop],
) -> None:
    for laptop, export in zip(laptops, exports, strict=True):
        if export != exports[0]:
            differing = sorted(
                gid
                for gid in export.keys() | exports[0].keys()
                if export.get(gid) != exports[0].get(gid)
            )
            raise SyncProbeFailed(
                f"{laptop.name}'s export differs from {laptops[0].name}'s in "
                f"{len(differing)} records, e.g. {differing[:3]}"
            )
    written = [entry for laptop in laptops for entry in laptop.written]
    problems = lost_edits(document, written, exports[0])
    if problems:
        raise SyncProbeFailed(f"{len(problems)} edits lost, e.g. {problems[:3]}")


def _sync_until_quiet(laptops: list[FleetLaptop], rng: random.Random) -> SyncRuns:
    """Rounds of every laptop syncing once, in a random order, until a round in which no
    laptop received or sent anything and all hold the same state."""
    totals = [0, 0]
    firsts = [0, 0]
    conflicts = fields = 0
    first_round_s = 0.0
    started = time.perf_counter()
    for number in range(1, ROUND_LIMIT + 1):
        order = list(laptops)
        rng.shuffle(order)
        round_started = time.perf_counter()
        moved = False
        up = down = 0
        for laptop in order:
            outcome = laptop.sync()
            if not outcome.covered:
                raise SyncProbeFailed(f"{laptop.name}'s sync was not verified: {outcome.report}")
            up += outcome.bytes_up
            down += outcome.bytes_down
            conflicts += len(outcome.conflicts)
            fields += sum(isinstance(c, FieldConflict) for c in outcome.conflicts)
            moved = moved or bool(outcome.records_in or outcome.fields_out)
        totals[0] += up
        totals[1] += down
        if number == 1:
            first_round_s = time.perf_counter() - round_started
            firsts = [up, down]
        states = [_state(laptop) for laptop in laptops]
        if not moved and all(state == states[0] for state in states):
            return SyncRuns(
                laptops=0, edits=0, accounts=0, kinds={}, rounds=number,
                edit_s=0.0, sync_s=time.perf_counter() - started, first_round_s=first_round_s,
                bytes_up=totals[0], bytes_down=totals[1],
                first_round_up=firsts[0], first_round_down=firsts[1],
                quiet_round_up=up, quiet_round_down=down,
                conflicts=conflicts, field_conflicts=fields, written=0, server_disk=0,
            )  # fmt: skip
    raise SyncProbeFailed(f"not quiet after {ROUND_LIMIT} rounds")


def sync_figures(runs: SyncRuns) -> dict[str, object]:
    """The probe's figures, with their units in their keys."""
    return {
        "sync_laptops": runs.laptops,
        "sync_edits": runs.edits,
        "sync_accounts": runs.accounts,
        "sync_edit_kinds": runs.kinds,
        "sync_rounds": runs.rounds,
        "sync_identical": True,
        "sync_lost_edits": 0,
        "sync_written_entries": runs.written,
        "sync_conflicts": runs.conflicts,
        "sync_field_conflicts": runs.field_conflicts,
        "sync_edit_s": runs.edit_s,
        "sync_s": runs.sync_s,
        "sync_first_round_s": runs.first_round_s,
        "sync_bytes_up": runs.bytes_up,
        "sync_bytes_down": runs.bytes_down,
        "sync_first_round_bytes_up": runs.first_round_up,
        "sync_first_round_bytes_down": runs.first_round_down,
        "sync_quiet_round_bytes_up": runs.quiet_round_up,
        "sync_quiet_round_bytes_down": runs.quiet_round_down,
        "sync_server_disk_bytes": runs.server_disk,
        "sync_ydoc_disk_median_bytes": int(median([float(s) for s in runs.ydoc_disk])),
        "sync_ydoc_disk_max_bytes": max(runs.ydoc_disk),
        "sync_store_disk_median_bytes": runs.store_disk,
        "sync_document_seeded_bytes": runs.document_seeded,
        "sync_document_final_bytes": runs.document_final,
        "sync_growth_per_edit_bytes": runs.growth_per_edit,
        "sync_year_growth_bytes": round(runs.growth_per_edit * YEAR_EDITS),
        "sync_export_s": runs.export_s,
        "sync_restart_download_s": runs.restart_s,
        "sync_restart_download_bytes": runs.restart_down,
    }


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m kam_tui.bench.sync_probe`: run the simulation alone, print its figures
    as one JSON line; exit 1 when it fails."""
    parser = argparse.ArgumentParser(prog="python -m kam_tui.bench.sync_probe")
    parser.add_argument("--laptops", type=int, default=SYNC_LAPTOPS)
    parser.add_argument("--edits", type=int, default=SYNC_EDITS, help="per laptop")
    parser.add_argument("--accounts", type=int, default=SYNC_ACCOUNTS)
    parser.add_argument("--seed", type=int, default=18)
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="kam-sync-probe-"))
    try:
        runs = simulate(work, args.laptops, args.edits, args.accounts, args.seed)
    except SyncProbeFailed as error:
        print(f"sync probe: {error}", file=sys.stderr)
        return 1
    finally:
        shutil.rmtree(work, ignore_errors=True)
    figures = sync_figures(runs)
    figures["sync_peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(figures))
    return 0


def run_sync_probe(work: Path, laptops: int, edits: int) -> dict[str, object]:
    """Run the simulation in a child process (its memory, 20 laptops' stores and documents,
    is not the benchmark's own) and return its figures."""
    command = [sys.executable, "-m", "kam_tui.bench.sync_probe"]
    command += ["--laptops", str(laptops), "--edits", str(edits)]
    work.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        command, capture_output=True, text=True, check=False, env=isolated_env(work / "home")
    )
    if done.returncode != 0:
        raise SyncProbeFailed(f"the sync simulation failed:\n{done.stderr[-2000:]}")
    figures: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return figures


if __name__ == "__main__":
    sys.exit(main())
