"""The benchmark: `python -m kam_tui.bench` measures kam-tui on a synthetic portfolio."""
