"""The queue of accounts past their contact cadence."""
