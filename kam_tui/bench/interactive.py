"""In-process figures: CPU per card move, UI stalls while saving, keystroke-to-disk time."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from pathlib import Path

from textual import events
from textual.pilot import Pilot
from textual.timer import Timer

from kam_tui.bench.agenda_probe import AgendaNotShown, OverdueNotShown, open_agenda, open_overdue
from kam_tui.bench.portfolio_probe import PortfolioNotShown, open_portfolio
from kam_tui.config.settings import Settings
from kam_tui.domain.models import Activity
from kam_tui.store import Repository
from kam_tui.ui.app import KamApp
from kam_tui.ui.boards.pipeline import PipelineScreen
from kam_tui.ui.collector import long_lived, tune_garbage_collector

HEARTBEAT_SECONDS = 0.005
"""The interval of the heartbeat timer whose late ticks are the UI stalls."""
LOAD_TIMEOUT_SECONDS = 600.0
"""The longest the background load of the store may take."""
ERROR_CHECK_SECONDS = 0.5
"""How often a save error is looked for while waiting for a change to be durable."""
KEY_TIMEOUT_SECONDS = 120.0
"""The longest one key may take to reach the disk before the benchmark gives up."""
SETTLE_SECONDS = 0.03
"""How long a move's CPU is still counted after its change is durable (the "Saved" paint)."""


class BenchError(RuntimeError):
    """The app did not do what the benchmark asked (so its figures would mean nothing)."""


@dataclass
class Interactive:
    """What the in-process part measured."""

    open_seconds: float = 0.0
    """Repository.open (progressive: the accounts only)."""
    loaded_seconds: float = 0.0
    """From opening until every table was loaded."""
    move_cpu: list[float] = field(default_factory=list)
    """Main-thread CPU seconds of each move, from the key until durable and painted."""
    stalls: list[float] = field(default_factory=list)
    """How late each heartbeat tick was, in seconds."""
    durable: list[float] = field(default_factory=list)
    """Seconds from before a key press until its change was on disk."""
    stall_moves: int = 0
    """How many moves were made while the heartbeat ran."""
    activities: int = 0
    """How many activities the store holds."""
    portfolio_open_cpu: float = 0.0
    """Main-thread CPU seconds of the first key 5: the Portfolio made, computed, painted."""
    portfolio_reopen_cpu: float = 0.0
    """Main-thread CPU seconds of key 5 again after card moves elsewhere (recomputed)."""
    move_cpu_beside_portfolio: list[float] = field(default_factory=list)
    """As move_cpu, once the Portfolio exists (hidden, it only notes each change)."""
    agenda_open_cpu: float = 0.0
    """Main-thread CPU seconds of key A: the contact agenda of every account, painted."""
    overdue_open_cpu: float = 0.0
    """Main-thread CPU seconds to open the overdue queue (every overdue account), painted."""


class Heartbeat:
    """Records how late each tick of a fast timer is: the event loop was blocked that long."""

    def __init__(self, app: KamApp, into: list[float]) -> None:
        self._gaps = into
        self._last = time.perf_counter()
        self._timer: Timer = app.set_interval(HEARTBEAT_SECONDS, self._beat)

    def _beat(self) -> None:
        now = time.perf_counter()
        self._gaps.append(max(0.0, now - self._last - HEARTBEAT_SECONDS))
        self._last = now

    def stop(self) -> None:
        self._timer.stop()


class Mover:
    """Moves one account's card right and left with the real keys, checking the store."""

    def __init__(self, app: KamApp, pilot: Pilot[None]) -> None:
        screen = app.screen
        if not isinstance(screen, PipelineScreen):
            raise BenchError(f"the app opened on {type(screen).__name__}, not the pipeline")
        board = screen.board
        column, card = board.focused_column, board.highlighted_card
        if column is None or card is None:
            raise BenchError("no card is highlighted on the pipeline board")
        keys = board.keys
        index = keys.index(column.key)
        if index + 1 >= len(keys):
            raise BenchError("the highlighted card is in the last column; it cannot move right")
        if screen.move_question(keys[index + 1]) or screen.move_question(keys[index]):
            raise BenchError("the card would move to a column that asks why (Won or Lost)")
        self._app = app
        self._repository = app.repository
        self._pilot = pilot
        self.account_id = card.account.id
        self._targets = {"L": keys[index + 1], "H": keys[index]}
        self._count = 0
        self._changed = asyncio.Event()
        self._repository.subscribe(lambda _change: self._changed.set())

    async def press(self) -> None:
        """Press L or H (alternately) through Pilot, which waits until the app is idle."""
        key = self._next_key()
        await self._pilot.press(key)
        self._check(key)

    async def move(self) -> tuple[float, float]:
        """Send L or H (alternately) as the terminal would, without Pilot's waits, and wait
        until the change is on disk and the screen has caught up.

        Returns the main thread's CPU seconds over all of that (handling the key, saving the
        change through the repository, every repaint including "Saved") and the seconds from
        the key until the change was durable."""
        repository = self._repository
        key = self._next_key()
        before = repository.save_state.generation
        started = time.perf_counter()
        cpu_started = time.thread_time()
        self._changed.clear()
        self._app.post_message(events.Key(key, key))
        try:
            await asyncio.wait_for(self._changed.wait(), KEY_TIMEOUT_SECONDS)
        except TimeoutError:
            raise BenchError(f"{key} made no change") from None
        # Waiting in a thread leaves the main thread idle: its CPU is the app's alone.
        while not await asyncio.to_thread(repository.wait_saved, ERROR_CHECK_SECONDS):
            state = repository.save_state
            if state.error:
                raise BenchError(f"saving failed: {state.error}")
            if time.perf_counter() - started > KEY_TIMEOUT_SECONDS:
                raise BenchError(f"{key} never reached the disk")
        if repository.save_state.saved_generation <= before:
            raise BenchError(f"{key} was not saved")
        durable = time.perf_counter() - started
        await asyncio.sleep(SETTLE_SECONDS)
        cpu = time.thread_time() - cpu_started
        self._check(key)
        return cpu, durable

    def _next_key(self) -> str:
        key = "L" if self._count % 2 == 0 else "H"
        self._count += 1
        return key

    def _check(self, key: str) -> None:
        account = self._repository.account(self.account_id)
        if account is None or account.status != self._targets[key]:
            found = account.status if account else "deleted"
            raise BenchError(f"{key} left the account in {found!r}, not {self._targets[key]!r}")


async def _drive(app: KamApp, measured: Interactive, moves: int, opened: float) -> None:
    repository = app.repository
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await asyncio.to_thread(repository.wait_loaded, LOAD_TIMEOUT_SECONDS)
        measured.loaded_seconds = time.perf_counter() - opened
        measured.activities = repository.count(Activity)
        await pilot.pause()
        mover = Mover(app, pilot)
        # 1. Each move on its own: CPU until durable and painted, and key to disk.
        for _ in range(moves):
            cpu, durable = await mover.move()
            measured.move_cpu.append(cpu)
            measured.durable.append(durable)
        await asyncio.to_thread(repository.wait_saved, LOAD_TIMEOUT_SECONDS)
        # 2. Stalls under a heartbeat while moves come as fast as the app takes them and the
        # saves run behind them.
        heartbeat = Heartbeat(app, measured.stalls)
        try:
            measured.stall_moves = moves
            for _ in range(moves):
                await mover.press()
        finally:
            heartbeat.stop()
        await asyncio.to_thread(repository.wait_saved, LOAD_TIMEOUT_SECONDS)
        await _beside_portfolio(app, pilot, mover, measured, moves)
        try:
            measured.agenda_open_cpu = await open_agenda(app)
            await pilot.press("escape")
            measured.overdue_open_cpu = await open_overdue(app)
        except (AgendaNotShown, OverdueNotShown) as error:
            raise BenchError(str(error)) from None
        await pilot.press("escape")


async def _beside_portfolio(
    app: KamApp, pilot: Pilot[None], mover: Mover, measured: Interactive, moves: int
) -> None:
    """3. Open the Portfolio, go back to the pipeline and move cards again (the same moves
    as in 1., side by side), then open the Portfolio again on the changed data."""
    try:
        measured.portfolio_open_cpu = await open_portfolio(app)
        await pilot.press("1")
        for _ in range(moves):
            cpu, _durable = await mover.move()
            measured.move_cpu_beside_portfolio.append(cpu)
        measured.portfolio_reopen_cpu = await open_portfolio(app)
    except PortfolioNotShown as error:
        raise BenchError(str(error)) from None
    await pilot.press("1")


def measure_interactive(store: Path, moves: int) -> Interactive:
    """Open the store as `kam` does and drive the pipeline board with real keys."""
    measured = Interactive()
    settings = Settings()
    tune_garbage_collector()  # as `kam` runs
    started = time.perf_counter()
    with long_lived():
        repository = Repository.open(store, settings.schema, progressive=True)
    measured.open_seconds = time.perf_counter() - started
    try:
        app = KamApp(repository, settings)
        app.animation_level = "none"
        asyncio.run(_drive(app, measured, moves, started))
    finally:
        state = repository.close(timeout=None)
    if state.pending:
        raise BenchError(f"changes were left unsaved: {state.error}")
    return measured
