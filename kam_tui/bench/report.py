"""The figures as one JSON line and as a table, each checked against its target."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass

Figures = dict[str, object]


@dataclass(frozen=True)
class Target:
    """A limit one figure must stay within (at 10,000 accounts)."""

    key: str
    """The name of the target in the JSON `targets` object."""
    figure: str
    """The key of the figure it checks."""
    limit: float
    """The largest value that passes."""
    text: str
    """The target as people say it."""


TARGETS: tuple[Target, ...] = (
    Target("first_paint", "first_paint_median_s", 0.8, "<= 0.8 s"),
    Target("first_paint_vs_bare", "first_paint_ratio_vs_bare", 4.0, "<= 4x bare"),
    Target("card_move_p95", "card_move_cpu_p95_ms", 10.0, "<= 10 ms CPU"),
    Target("portfolio_open", "portfolio_open_cpu_ms", 150.0, "<= 150 ms CPU"),
    Target(
        "card_move_p95_beside_portfolio",
        "card_move_cpu_p95_beside_portfolio_ms",
        10.0,
        "<= 10 ms CPU",
    ),
    Target("stall_while_saving", "ui_stall_max_ms", 50.0, "<= 50 ms"),
    Target("durable", "durable_max_s", 1.0, "<= 1 s"),
    Target("peak_rss_in_process", "peak_rss_in_process_mb", 400.0, "<= 400 MB"),
    Target("peak_rss_startup", "peak_rss_startup_mb", 400.0, "<= 400 MB"),
    Target("export_csv", "export_csv_s", 5.0, "<= 5 s"),
    Target("import_deals_dry_run", "import_deals_dry_run_s", 5.0, "<= 5 s"),
    Target("import_deals", "import_deals_s", 5.0, "<= 5 s"),
    Target("import_roundtrip", "import_roundtrip_s", 5.0, "<= 5 s"),
    Target("import_accounts_activities", "import_accounts_activities_s", 5.0, "<= 5 s"),
)
"""The targets of issue 6, of issue 16 for the Portfolio, of issue 17 for import and export."""

ROWS: tuple[tuple[str, str, str], ...] = (
    ("store_size_mb", "store file size", "MB"),
    ("generate_s", "generate the store", "s"),
    ("first_paint_median_s", "first paint of the pipeline with cards (median)", "s"),
    ("bare_first_paint_median_s", "first paint of a bare Textual app (median)", "s"),
    ("first_paint_ratio_vs_bare", "first paint, kam / bare", "x"),
    ("open_progressive_s", "in-process: open (accounts only)", "s"),
    ("loaded_s", "in-process: open to app up and all tables loaded", "s"),
    ("card_move_cpu_median_ms", "card move, main-thread CPU to durable+painted (median)", "ms"),
    ("card_move_cpu_p95_ms", "card move, main-thread CPU to durable+painted (p95)", "ms"),
    ("portfolio_open_cpu_ms", "Portfolio open (key 5), main-thread CPU to painted", "ms"),
    ("portfolio_reopen_cpu_ms", "Portfolio open again after moves, CPU to painted", "ms"),
    (
        "card_move_cpu_p95_beside_portfolio_ms",
        "card move with the Portfolio open behind, CPU (p95)",
        "ms",
    ),
    ("agenda_open_cpu_ms", "Agenda open (key A, everyone), main-thread CPU to painted", "ms"),
    ("overdue_open_cpu_ms", "Overdue queue open (palette), main-thread CPU to painted", "ms"),
    ("ui_stall_max_ms", "UI stall while saving (max)", "ms"),
    ("ui_stall_p99_ms", "UI stall while saving (p99)", "ms"),
    ("durable_median_s", "key press to durable on disk (median)", "s"),
    ("durable_max_s", "key press to durable on disk (max)", "s"),
    ("peak_rss_in_process_mb", "peak RSS, in-process part", "MB"),
    ("peak_rss_startup_mb", "peak RSS, kam start-up probe", "MB"),
    ("export_csv_s", "CSV export of the whole store (kam export), wall", "s"),
    ("import_deals_dry_run_s", "import of the Salesforce deals file, dry run, wall", "s"),
    ("import_deals_s", "import of the Salesforce deals file into a new store, wall", "s"),
    ("import_roundtrip_s", "import of the store's CSV export into a new store, wall", "s"),
    (
        "import_accounts_activities_s",
        "import of its accounts and activities alone into a new store, wall",
        "s",
    ),
    ("sync_rounds", "team sync: rounds until quiet (laptops in random order)", ""),
    ("sync_s", "team sync: the rounds, wall", "s"),
    ("sync_bytes_up", "team sync: bytes up, all laptops, all rounds", "B"),
    ("sync_bytes_down", "team sync: bytes down, all laptops, all rounds", "B"),
    ("sync_quiet_round_bytes_down", "team sync: bytes down of a round with nothing new", "B"),
    ("sync_server_disk_bytes", "team sync: server's SQLite file", "B"),
    ("sync_ydoc_disk_median_bytes", "team sync: a laptop's .ydoc files (median)", "B"),
    ("sync_document_final_bytes", "team sync: shared document after the edits", "B"),
    ("sync_year_growth_bytes", "team sync: document growth in a year (extrapolated)", "B"),
    ("sync_peak_rss_mb", "team sync: peak RSS of the simulation's process", "MB"),
)
"""The table's rows: figure key, label, unit."""


def check_targets(figures: Mapping[str, object]) -> dict[str, dict[str, object]]:
    """Pass or fail of each target, with the figure and its limit."""
    checked: dict[str, dict[str, object]] = {}
    for target in TARGETS:
        value = figures.get(target.figure)
        passed = isinstance(value, int | float) and value <= target.limit
        checked[target.key] = {
            "figure": target.figure,
            "limit": target.limit,
            "value": value,
            "pass": passed,
        }
    return checked


def json_line(figures: Mapping[str, object]) -> str:
    """The figures and targets as one JSON line."""
    return json.dumps(dict(figures), separators=(",", ":"), sort_keys=False)


def _format(value: object) -> str:
    if isinstance(value, float):
        return f"{value:,.3f}" if abs(value) < 100 else f"{value:,.1f}"
    return str(value)


def _count(value: object) -> str:
    return f"{value:,}" if isinstance(value, int) else "?"


def exchange_note(figures: Mapping[str, object]) -> str:
    """How the import and export figures were taken."""
    return (
        "Import and export: each one `kam` command in a child process, wall time with "
        "Python's start; the deals file is a generated Salesforce export of "
        f"{_count(figures.get('import_deals_deals'))} opportunities over "
        f"{_count(figures.get('import_deals_accounts'))} accounts (Account.csv, "
        "Opportunity.csv), imported into a new store; the store's CSV export is imported "
        "back whole into another, and its accounts.csv and activities.csv alone (their "
        "contact cells emptied) into a third."
    )


def table(figures: Mapping[str, object]) -> str:
    """The figures as a readable table, each with its target and PASS or FAIL."""
    by_figure = {target.figure: target for target in TARGETS}
    targets = check_targets(figures)
    title = (
        f"kam-tui bench: {figures['accounts']:,} accounts, {figures['activities']:,} activities"
        f" (Python {figures['python']}, Textual {figures['textual']})"
    )
    lines = [title, "", f"{'figure':<56} {'value':>12}  {'unit':<4} {'target':<14} result"]
    lines.append("-" * len(lines[-1]))
    for key, label, unit in ROWS:
        target = by_figure.get(key)
        verdict = ""
        if target is not None:
            verdict = "PASS" if targets[target.key]["pass"] else "FAIL"
        limit = target.text if target else ""
        lines.append(
            f"{label:<56} {_format(figures.get(key)):>12}  {unit:<4} {limit:<14} {verdict}"
        )
    lines.append("")
    lines.append(
        f"{figures['moves']} moves, each sent as the terminal would and measured until durable "
        f"and painted; {figures['stall_moves']} more through Pilot under the heartbeat; "
        "start-up: median of "
        f"{figures['runs']} run(s) in a {figures['terminal']} pseudo-terminal, after one "
        "uncounted run of each (bytecode compiled, files cached, as on a second start). "
        "The targets (issue 6) are set for 10,000 accounts. " + exchange_note(figures)
    )
    return "\n".join(lines)
