"""Modal forms and confirmations."""
