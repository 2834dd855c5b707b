"""The Portfolio view: the numbers of the whole portfolio, one section at a time."""
