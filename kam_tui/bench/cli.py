"""`python -m kam_tui.bench`: generate a synthetic store, measure kam-tui on it, report."""

from __future__ import annotations

import argparse
import json
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from importlib.metadata import version
from pathlib import Path

from kam_tui.bench.child import COLUMNS, ROWS
from kam_tui.bench.document import write_document
from kam_tui.bench.exchange_probe import (
    EXCHANGE_DEALS,
    ExchangeFailed,
    ExchangeRuns,
    exchange_figures,
    measure_exchange,
)
from kam_tui.bench.interactive import BenchError, Interactive, measure_interactive
from kam_tui.bench.machine import machine
from kam_tui.bench.report import Figures, check_targets, json_line, table
from kam_tui.bench.startup import ProbeFailed, StartupRuns, measure_startup
from kam_tui.bench.stats import median, percentile
from kam_tui.bench.sync_fleet import SyncProbeFailed
from kam_tui.bench.sync_probe import SYNC_EDITS, SYNC_LAPTOPS, run_sync_probe
from kam_tui.bench.sync_start_probe import (
    SyncStartFailed,
    measure_sync_start,
    sync_start_figures,
)

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def _positive(text: str) -> int:
    try:
        number = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"{number} is not at least 1")
    return number


def build_parser() -> argparse.ArgumentParser:
    """The benchmark's arguments."""
    parser = argparse.ArgumentParser(
        prog="python -m kam_tui.bench",
        description="Generate a synthetic portfolio and measure kam-tui on it: cold start to "
        "the first painted board (against a bare Textual app), CPU per card move, UI stalls "
        "while saving, key press to durable on disk, peak memory; the CSV export of the store "
        "and the import of a Salesforce export of --deals deals, each a kam command; a team of "
        "laptops syncing offline edits through a real `kam sync serve`. Prints "
        "one JSON line, then a table. Figures that miss a target are reported, not errors: "
        "the exit code is 0.",
    )
    parser.add_argument(
        "--accounts",
        type=_positive,
        default=10_000,
        metavar="N",
        help="accounts in the synthetic store (default 10000)",
    )
    parser.add_argument(
        "--moves",
        type=_positive,
        default=200,
        metavar="N",
        help="card moves timed for CPU (default 200)",
    )
    parser.add_argument(
        "--runs",
        type=_positive,
        default=5,
        metavar="N",
        help="start-up runs of each probe; the median is reported (default 5)",
    )
    parser.add_argument(
        "--deals",
        type=_positive,
        default=EXCHANGE_DEALS,
        metavar="N",
        help=f"deals in the Salesforce export the import is timed on (default {EXCHANGE_DEALS})",
    )
    parser.add_argument(
        "--sync-laptops",
        type=_positive,
        default=SYNC_LAPTOPS,
        metavar="N",
        help=f"laptops of the team-sync simulation (default {SYNC_LAPTOPS})",
    )
    parser.add_argument(
        "--sync-edits",
        type=_positive,
        default=SYNC_EDITS,
        metavar="N",
        help=f"offline edits per laptop in the team-sync simulation (default {SYNC_EDITS})",
    )
    parser.add_argument(
        "--keep",
        metavar="PATH",
        type=Path,
        help="write the generated store to PATH (a new file) and keep it; "
        "open it with `kam --db PATH`",
    )
    parser.add_argument(
        "--sync-start",
        action="store_true",
        help="also start the app on the store joined to a local team server: no sync, the "
        "document on a thread, in a process (minutes at 10,000 accounts)",
    )
    parser.add_argument(
        "--json-only", action="store_true", help="print the JSON line only, not the table"
    )
    parser.add_argument(
        "--doc",
        metavar="PATH",
        type=Path,
        help="also write the figures, with the machine and date, into the performance "
        "document at PATH (docs/performance.md), keeping its hand-written notes",
    )
    return parser  # fmt: skip


def generate_store(path: Path, accounts: int) -> float:
    """Write the synthetic store in a child process; returns its generation seconds."""
    command = [sys.executable, "-m", "kam_tui.bench.generate", str(path), str(accounts)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise BenchError(f"generating the store failed:\n{done.stderr[-2000:]}")
    seconds: float = json.loads(done.stdout)["seconds"]
    return seconds


def figures_of(
    args: argparse.Namespace,
    store_size: int,
    generate_seconds: float,
    startup: StartupRuns,
    measured: Interactive,
    exchange: ExchangeRuns,
    sync: Figures,
    children_kb: int,
) -> Figures:
    """Every figure, with its unit in its key."""
    kam, bare = startup.kam_median, startup.bare_median
    in_process_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    figures: Figures = {
        "accounts": args.accounts,
        "activities": measured.activities,
        **machine(),
        "python": platform.python_version(),
        "textual": version("textual"),
        "moves": len(measured.move_cpu),
        "stall_moves": measured.stall_moves,
        "durable_samples": len(measured.durable),
        "runs": len(startup.kam),
        "terminal": f"{COLUMNS}x{ROWS}",
        "store_size_mb": store_size / 1_000_000,
        "store_size_bytes": store_size,
        "generate_s": generate_seconds,
        "first_paint_median_s": kam,
        "first_paint_runs_s": startup.kam,
        "bare_first_paint_median_s": bare,
        "bare_first_paint_runs_s": startup.bare,
        "first_paint_ratio_vs_bare": kam / bare,
        "open_progressive_s": measured.open_seconds,
        "loaded_s": measured.loaded_seconds,
        "card_move_cpu_median_ms": 1000 * median(measured.move_cpu),
        "card_move_cpu_p95_ms": 1000 * percentile(measured.move_cpu, 95),
        "card_move_cpu_max_ms": 1000 * max(measured.move_cpu),
        "portfolio_open_cpu_ms": 1000 * measured.portfolio_open_cpu,
        "portfolio_reopen_cpu_ms": 1000 * measured.portfolio_reopen_cpu,
        "card_move_cpu_p95_beside_portfolio_ms": 1000
        * percentile(measured.move_cpu_beside_portfolio, 95),
        "agenda_open_cpu_ms": 1000 * measured.agenda_open_cpu,
        "overdue_open_cpu_ms": 1000 * measured.overdue_open_cpu,
        "ui_stall_max_ms": 1000 * max(measured.stalls, default=0.0),
        "ui_stall_p99_ms": 1000 * percentile(measured.stalls, 99),
        "ui_stall_ticks": len(measured.stalls),
        "durable_median_s": median(measured.durable),
        "durable_max_s": max(measured.durable, default=0.0),
        "peak_rss_in_process_mb": in_process_kb / 1024,
        "peak_rss_startup_mb": max(startup.kam_rss_kb) / 1024,
        "peak_rss_bare_startup_mb": max(startup.bare_rss_kb) / 1024,
        "peak_rss_children_mb": children_kb / 1024,
        **exchange_figures(exchange),
        **sync,
    }
    figures["targets"] = check_targets(figures)
    return figures


def run(args: argparse.Namespace, work: Path) -> Figures:
    """Generate, measure, and return the figures."""
    store = args.keep.expanduser().absolute() if args.keep else work / "store" / "kam.json"
    generate_seconds = generate_store(store, args.accounts)
    store_size = store.stat().st_size
    startup = measure_startup(store, args.runs, work / "startup")
    # The moves change the store and back it up first: they work on a copy.
    moved = work / "moves" / "kam.json"
    moved.parent.mkdir(parents=True)
    shutil.copyfile(store, moved)
    measured = measure_interactive(moved, args.moves)
    exchange = measure_exchange(store, work / "exchange", deals=args.deals)
    # The children's peak before the sync simulation, whose child holds a whole team.
    children_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    sync = run_sync_probe(work / "sync", args.sync_laptops, args.sync_edits)
    figures = figures_of(
        args, store_size, generate_seconds, startup, measured, exchange, sync, children_kb
    )
    if args.sync_start:
        figures.update(sync_start_figures(measure_sync_start(store, work / "sync-start")))
    return figures


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark; returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.keep is not None and args.keep.expanduser().exists():
        parser.error(f"--keep {args.keep}: the file exists; choose a new path")
    work = Path(tempfile.mkdtemp(prefix="kam-bench-"))
    try:
        figures = run(args, work)
    except (BenchError, ProbeFailed, ExchangeFailed, SyncProbeFailed, SyncStartFailed) as error:
        print(f"kam bench: {error}", file=sys.stderr)
        return EXIT_FAILED
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(json_line(figures), flush=True)
    if args.doc is not None:
        try:
            write_document(args.doc, figures)
        except OSError as error:
            print(f"kam bench: writing {args.doc}: {error.strerror or error}", file=sys.stderr)
            return EXIT_FAILED
    if not args.json_only:
        print()
        print(table(figures))
    return EXIT_OK
