"""The app's start on a laptop joined to a team document, side by side: no sync, the
shared document on a worker thread (syncing.Syncer), and in a process of its own
(syncing_process.SyncProcess). Figures: first paint, the worst UI stall in the first
seconds, card move CPU, peak RSS of the app and of the sync process.

`python -m kam_tui.bench.sync_start_probe ACCOUNTS` runs it alone and prints JSON; each
measured start is a child process of its own (its peak RSS is its own)."""

from __future__ import annotations

import asyncio
import json
import re
import resource
import select
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

from kam_tui.bench.stats import median, percentile

MODES = ("none", "thread", "process")
"""No `sync:` section; the document on a worker thread (as before); in its own process."""
WINDOW_SECONDS = 20.0
"""How long after the first paint the stalls are watched (the sync loads meanwhile)."""
HEARTBEAT_SECONDS = 0.01
"""The interval of the UI thread's timer whose late ticks are the stalls."""
STALL_MS = 50.0
"""A stall past this is counted as one the user notices."""
MOVES = 40
"""Card moves timed after the window (the sync running beside them)."""
PAINT_TIMEOUT_SECONDS = 120.0
"""The longest the first paint may take before the probe gives up."""
TOKEN = "bench-sync-token"
LISTENING = re.compile(r"listening on ws://127\.0\.0\.1:(\d+)/")
TIMEOUT_SECONDS = 1800.0
"""The longest one child (the join of a large store) may take."""


class SyncStartFailed(RuntimeError):
    """A step of the probe did not succeed."""


@dataclass(frozen=True)
class SyncStart:
    """One measured start."""

    mode: str
    first_paint_s: float
    """From creating the app until the pipeline shows cards (in the probe's process)."""
    stall_max_ms: float
    """The worst lateness of the heartbeat in the window."""
    stalls_over_50ms: int
    """Heartbeat ticks later than STALL_MS in the window."""
    synced_s: float
    """From the first paint until the header said synced (-1: not in the window)."""
    move_cpu_p95_ms: float
    move_cpu_median_ms: float
    app_rss_mb: float
    """Peak RSS of the app's process."""
    sync_rss_mb: float
    """Peak RSS of the sync process (0 without one)."""


# The child: one start of the app


def measure_start(store: Path, url: str, token_file: Path, mode: str) -> SyncStart:
    """Open the store as `kam` does, with the sync of `mode`, and watch the UI thread."""
    from kam_tui.bench.interactive import Mover
    from kam_tui.config.settings import Settings
    from kam_tui.config.sync_settings import SyncSettings
    from kam_tui.services.syncing import Syncer
    from kam_tui.store import Repository
    from kam_tui.ui import app as kam_app
    from kam_tui.ui.app import KamApp
    from kam_tui.ui.boards.pipeline import PipelineScreen
    from kam_tui.ui.collector import long_lived, tune_garbage_collector

    sync = SyncSettings(url=url, token_file=token_file, name="bench", interval=5)
    settings = replace(Settings(user="bench"), sync=None if mode == "none" else sync)
    gaps: list[tuple[float, float]] = []
    marks: dict[str, float] = {}

    class ProbeApp(KamApp):
        CSS_PATH = str(Path(kam_app.__file__).with_name("app.tcss"))

        def on_mount(self) -> None:
            marks["mounted"] = time.perf_counter()
            self._last = time.perf_counter()
            self.set_interval(HEARTBEAT_SECONDS, self._beat)

        def _beat(self) -> None:
            now = time.perf_counter()
            gaps.append((now, max(0.0, now - self._last - HEARTBEAT_SECONDS)))
            self._last = now
            if "painted" not in marks:
                screen = self.screen
                if isinstance(screen, PipelineScreen) and any(
                    column.accounts and column.height for column in screen.board.shown_columns
                ):
                    marks["painted"] = now
            if "synced" not in marks and self.sync_status.startswith("⇅ synced"):
                marks["synced"] = now

        def _start_sync(self) -> None:
            if mode == "thread" and self.syncer is None:
                from kam_tui.ui.sync.running import start_syncer

                self.syncer = start_syncer(self, Syncer)  # type: ignore[arg-type]
            else:
                super()._start_sync()

    tune_garbage_collector()
    with long_lived():
        repository = Repository.open(store, settings.schema, progressive=True)
    created = time.perf_counter()
    app = ProbeApp(repository, settings)
    app.animation_level = "none"
    move_cpu: list[float] = []

    async def drive() -> None:
        async with app.run_test(size=(120, 40)) as pilot:
            while "painted" not in marks:
                if time.perf_counter() - created > PAINT_TIMEOUT_SECONDS:
                    raise SyncStartFailed("the pipeline never showed cards")
                await asyncio.sleep(0.01)
            await asyncio.sleep(WINDOW_SECONDS)
            marks["window"] = time.perf_counter()
            await asyncio.to_thread(repository.wait_loaded)
            mover = Mover(app, pilot)
            for _ in range(MOVES):
                cpu, _durable = await mover.move()
                move_cpu.append(cpu)
            if app.syncer is not None:
                await asyncio.to_thread(app.syncer.stop)

    try:
        asyncio.run(drive())
    finally:
        repository.close(timeout=None)
    painted = marks["painted"]
    window = [gap for at, gap in gaps if painted <= at <= marks["window"]]
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return SyncStart(
        mode=mode,
        first_paint_s=painted - created,
        stall_max_ms=1000 * max(window, default=0.0),
        stalls_over_50ms=sum(1 for gap in window if 1000 * gap > STALL_MS),
        synced_s=marks["synced"] - painted if "synced" in marks else -1.0,
        move_cpu_p95_ms=1000 * percentile(move_cpu, 95),
        move_cpu_median_ms=1000 * median(move_cpu),
        app_rss_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        sync_rss_mb=children / 1024 if mode == "process" else 0.0,
    )


def join_store(store: Path, url: str, token_file: Path) -> dict[str, float]:
    """Join the store to the team room (its records become the team's document)."""
    from kam_tui.config.settings import Settings
    from kam_tui.config.sync_settings import SyncSettings
    from kam_tui.services.syncing_session import SyncSession
    from kam_tui.services.workspace import Workspace
    from kam_tui.store import Repository

    sync = SyncSettings(url=url, token_file=token_file, name="bench")
    repository = Repository.open(store, user="bench")
    started = time.perf_counter()
    try:
        session = SyncSession(Workspace(repository, Settings(user="bench")), sync)
        session.load()
        outcome = session.sync()
        if not outcome.covered:
            raise SyncStartFailed(f"the join was not verified: {outcome.report}")
    finally:
        repository.close(timeout=None)
    document = store.with_name(store.name + ".ydoc")
    return {"join_s": time.perf_counter() - started, "document_mb": document.stat().st_size / 1e6}


# The parent: a store, a server, the starts


class Server:
    """`kam sync serve` on a free localhost port, its data in `data`."""

    def __init__(self, folder: Path, data: Path) -> None:
        self.token_file = folder / "token"
        self.token_file.write_text(TOKEN + "\n", encoding="utf-8")
        self.token_file.chmod(0o600)
        command = [sys.executable, "-m", "kam_tui", "sync", "serve", "--data"]
        command += [str(data), "--host", "127.0.0.1", "--port", "0"]
        command += ["--token-file", str(self.token_file)]
        self.process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
        )
        assert self.process.stdout is not None
        ready, _, _ = select.select([self.process.stdout], [], [], 60)
        found = LISTENING.search(self.process.stdout.readline() if ready else "")
        if found is None:
            self.stop()
            raise SyncStartFailed("the sync server did not start")
        self.url = f"ws://127.0.0.1:{found.group(1)}/kam"

    def stop(self) -> None:
        self.process.kill()
        self.process.wait()


def _child(*args: str) -> Any:
    command = [sys.executable, "-m", "kam_tui.bench.sync_start_probe", *args]
    done = subprocess.run(
        command, capture_output=True, text=True, check=False, timeout=TIMEOUT_SECONDS
    )
    if done.returncode != 0:
        raise SyncStartFailed(f"{args[0]} failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _copy(store: Path, folder: Path) -> Path:
    """The store and its sync files in a folder of their own (a start changes both)."""
    folder.mkdir(parents=True)
    for path in store.parent.glob(store.name + "*"):
        shutil.copyfile(path, folder / path.name)
    return folder / store.name


def measure_sync_start(store: Path, folder: Path, runs: int = 1) -> dict[str, Any]:
    """Join a copy of `store` to a local server, then start the app on copies of the
    joined store in each mode, `runs` times (alternating), each against a server of its
    own holding a copy of the joined server's data (copies of one store share its origin:
    what one start sent must not reach another)."""
    joined = _copy(store, folder / "joined")
    server = Server(folder, folder / "server")
    try:
        figures: dict[str, Any] = _child("join", str(joined), server.url, str(server.token_file))
    finally:
        server.stop()
    starts: list[dict[str, Any]] = []
    for run in range(runs):
        for mode in MODES:
            copy = _copy(joined, folder / f"{mode}-{run}")
            data = folder / f"server-{mode}-{run}"
            shutil.copytree(folder / "server", data)
            server = Server(folder, data)
            try:
                starts.append(_child("start", str(copy), server.url, str(server.token_file), mode))
            finally:
                server.stop()
    figures["starts"] = starts
    return figures


def sync_start_figures(measured: dict[str, Any]) -> dict[str, float]:
    """The benchmark's figures of the probe: per mode, the median over its runs."""
    figures: dict[str, float] = {
        "sync_join_s": measured["join_s"],
        "sync_document_mb": measured["document_mb"],
    }
    keys = (
        "first_paint_s", "stall_max_ms", "stalls_over_50ms", "synced_s",
        "move_cpu_p95_ms", "app_rss_mb", "sync_rss_mb",
    )  # fmt: skip
    for mode in MODES:
        runs = [start for start in measured["starts"] if start["mode"] == mode]
        for key in keys:
            figures[f"sync_start_{mode}_{key}"] = median([float(run[key]) for run in runs])
    return figures


def main(argv: list[str]) -> int:
    """`... ACCOUNTS [RUNS]`; the children: `join STORE URL TOKEN`, `start ... MODE`."""
    if argv[0] == "join":
        print(json.dumps(join_store(Path(argv[1]), argv[2], Path(argv[3]))))
        return 0
    if argv[0] == "start":
        result = measure_start(Path(argv[1]), argv[2], Path(argv[3]), argv[4])
        print(json.dumps(asdict(result)))
        return 0
    work = Path(tempfile.mkdtemp(prefix="kam-sync-start-"))
    try:
        store = work / "store" / "kam.json"
        generate = [sys.executable, "-m", "kam_tui.bench.generate", str(store), argv[0]]
        subprocess.run(generate, capture_output=True, check=True)
        figures = measure_sync_start(store, work, int(argv[1]) if len(argv) > 1 else 1)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(figures, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
