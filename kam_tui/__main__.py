"""`python -m kam_tui` runs the `kam` command."""

from kam_tui.cli.main import run

run()
