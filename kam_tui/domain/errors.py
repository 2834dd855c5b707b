"""Errors raised by the domain rules."""

from __future__ import annotations


class RecordError(ValueError):
    """A stored document does not have the shape of its record type."""

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(f"{field}: {problem}")
        self.field = field
        """The field that is wrong."""
        self.problem = problem
        """What is wrong with it."""


class ValidationError(ValueError):
    """A record breaks the domain rules; `errors` maps each field to the reason."""

    def __init__(self, errors: dict[str, str]) -> None:
        summary = "; ".join(f"{name}: {problem}" for name, problem in errors.items())
        super().__init__(summary)
        self.errors = errors
        """Field name -> what is wrong, in words a user understands."""
