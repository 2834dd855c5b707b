"""kam-tui: a keyboard-first terminal application for key account management."""

__version__ = "0.1.0"
