"""docs/performance.md: the benchmark's figures with the machine and date, written in place."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from kam_tui.bench.report import ROWS, TARGETS, check_targets, exchange_note

BEGIN = "<!-- begin: written by `python -m kam_tui.bench --doc` -->"
END = "<!-- end: written by `python -m kam_tui.bench --doc`; hand-written notes follow -->"

HEADING = "# Performance"

INTRODUCTION = (
    "The measurements of kam-tui, all in this one place: the latest run of the benchmark\n"
    "(`python -m kam_tui.bench --doc docs/performance.md` rewrites the part between the\n"
    "markers), then notes on where the time goes and how the figures moved, by hand."
)


def _format(value: object) -> str:
    if isinstance(value, float):
        return f"{value:,.3f}" if abs(value) < 100 else f"{value:,.1f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def generated(figures: Mapping[str, object]) -> str:
    """The generated part: the run's machine and date, its size, and every figure."""
    by_figure = {target.figure: target for target in TARGETS}
    targets = check_targets(figures)
    lines = [
        BEGIN,
        "",
        "## Latest run",
        "",
        f"- Date: {figures.get('date', 'unknown')}",
        f"- Machine: {figures.get('cpu', 'unknown')}, {figures.get('cores', '?')} cores,"
        f" {figures.get('os', 'unknown')}; load average {figures.get('load_average', '?')}"
        " as the run started (work sharing the cores slows every absolute figure; the"
        " ratio to the bare app is the one to compare between runs)",
        f"- Python {figures['python']}, Textual {figures['textual']}",
        f"- Store: {_format(figures['accounts'])} accounts, {_format(figures['activities'])}"
        f" activities, {_format(figures['store_size_mb'])} MB; terminal {figures['terminal']}",
        f"- {figures['moves']} timed card moves, {figures['stall_moves']} more under the"
        f" heartbeat; start-up: median of {figures['runs']} run(s) after one uncounted run",
        f"- {exchange_note(figures)}",
        "",
        "| figure | value | unit | target | result |",
        "| --- | ---: | --- | --- | --- |",
    ]
    for key, label, unit in ROWS:
        target = by_figure.get(key)
        limit, verdict = "", ""
        if target is not None:
            limit = target.text
            verdict = "pass" if targets[target.key]["pass"] else "FAIL"
        lines.append(f"| {label} | {_format(figures.get(key))} | {unit} | {limit} | {verdict} |")
    lines += ["", END]
    return "\n".join(lines)


def write_document(path: Path, figures: Mapping[str, object]) -> None:
    """Write the figures into the document at `path`, keeping its hand-written notes.

    The part between the markers is replaced; a new file gets a heading and an
    introduction above it.
    """
    part = generated(figures)
    try:
        old = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        old = ""
    if BEGIN in old and END in old:
        before, _, rest = old.partition(BEGIN)
        _, _, after = rest.partition(END)
        text = before + part + after
    else:
        text = f"{HEADING}\n\n{INTRODUCTION}\n\n{part}\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
