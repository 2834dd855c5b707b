"""The kam command: one module per subcommand around a common module."""
