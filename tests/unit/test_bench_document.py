"""The performance document: the benchmark rewrites its figures and keeps the notes."""

from __future__ import annotations

from pathlib import Path

from kam_tui.bench.document import BEGIN, END, write_document
from kam_tui.bench.machine import cpu_model, machine
from kam_tui.bench.report import ROWS

FIGURES: dict[str, object] = {
    "date": "2026-11-20 09:30 UTC",
    "cpu": "Test CPU",
    "cores": 2,
    "os": "Linux-test",
    "python": "3.11.7",
    "textual": "8.2.8",
    "accounts": 10_000,
    "activities": 100_000,
    "store_size_mb": 34.5,
    "terminal": "120x40",
    "moves": 200,
    "stall_moves": 50,
    "runs": 5,
    **{key: 1.5 for key, _label, _unit in ROWS if key != "store_size_mb"},
}


def test_a_new_document_has_the_machine_the_date_and_every_figure(tmp_path: Path) -> None:
    path = tmp_path / "docs" / "performance.md"
    write_document(path, FIGURES)
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Performance\n")
    for expected in ("2026-11-20 09:30 UTC", "Test CPU, 2 cores, Linux-test", "Python 3.11.7"):
        assert expected in text
    for _key, label, _unit in ROWS:
        assert f"| {label} |" in text
    assert "| first paint, kam / bare | 1.500 | x | <= 4x bare | pass |" in text


def test_a_rewrite_replaces_the_figures_and_keeps_the_notes(tmp_path: Path) -> None:
    path = tmp_path / "performance.md"
    path.write_text(f"# Performance\n\nIntro.\n\n{BEGIN}\nold figures\n{END}\n\n## Notes\n\nkept\n")
    write_document(path, {**FIGURES, "first_paint_ratio_vs_bare": 5.0})
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Performance\n\nIntro.\n\n" + BEGIN)
    assert text.endswith(END + "\n\n## Notes\n\nkept\n")
    assert "old figures" not in text
    assert "| first paint, kam / bare | 5.000 | x | <= 4x bare | FAIL |" in text


def test_the_machine_is_described(tmp_path: Path) -> None:
    cpuinfo = tmp_path / "cpuinfo"
    cpuinfo.write_text("processor\t: 0\nmodel name\t: Some CPU @ 2.00GHz\n")
    assert cpu_model(cpuinfo) == "Some CPU @ 2.00GHz"
    assert cpu_model(tmp_path / "missing") != ""
    described = machine()
    assert set(described) == {"date", "cpu", "cores", "os"}
