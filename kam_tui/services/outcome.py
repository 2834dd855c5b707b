"""What applying a change came to: applied, or refused with the reasons per field."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Generic, TypeVar

from kam_tui.domain.errors import ValidationError
from kam_tui.store.errors import ReadOnlyError, StoreError
from kam_tui.store.undo import Change

T = TypeVar("T")

READ_ONLY = "Read-only"
"""The title of a refusal because the store takes no changes."""
NOT_SAVED = "Not saved"
"""The title of any other refusal (unless the caller names the action)."""


@dataclass(frozen=True)
class Refusal:
    """Why a change was not applied: the reasons per field, or one reason for the whole."""

    title: str
    """A short heading: READ_ONLY, or NOT_SAVED."""
    reasons: dict[str, str] = field(default_factory=dict)
    """Field name -> what is wrong with it (empty when the whole change was refused)."""
    whole: str = ""
    """Why the whole change was refused (a read-only or broken store)."""

    @property
    def read_only(self) -> bool:
        """True when the store takes no changes at all."""
        return self.title == READ_ONLY

    @property
    def text(self) -> str:
        """The reasons in words, one format everywhere: `field: reason; field: reason`."""
        if self.reasons:
            return "; ".join(f"{name}: {reason}" for name, reason in self.reasons.items())
        return self.whole

    @classmethod
    def of(cls, error: Exception) -> Refusal:
        """The refusal an error of the domain or the store stands for."""
        if isinstance(error, ReadOnlyError):
            return cls(READ_ONLY, whole=str(error))
        if isinstance(error, ValidationError):
            return cls(NOT_SAVED, reasons=dict(error.errors))
        return cls(NOT_SAVED, whole=str(error))


REFUSED = (ValidationError, StoreError)
"""The errors a change may be refused with (ReadOnlyError is a StoreError)."""


@dataclass(frozen=True)
class Outcome(Generic[T]):
    """The result of one change: what was applied and returned, or why it was refused."""

    value: T | None = None
    """What the change returned (a saved record, say), when it was applied."""
    change: Change | None = None
    """The change applied (None when it changed nothing, or was refused)."""
    refusal: Refusal | None = None
    """Why it was refused; None when applied."""

    @property
    def applied(self) -> bool:
        """True unless the change was refused."""
        return self.refusal is None
