"""The values a record holds inside it: the members of an account team, the key results of
an objective."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

CustomValue = str | int | None
"""The value of a custom field: text, a whole number, or none."""


@dataclass(frozen=True, slots=True)
class TeamMember:
    """A person of our account team around one account."""

    name: str
    role: str = "account support"
    """One of TEAM_ROLES."""


@dataclass(frozen=True, slots=True)
class KeyResult:
    """A measurable result of an objective."""

    name: str
    target: Decimal = Decimal(0)
    current: Decimal = Decimal(0)

    @property
    def progress(self) -> float | None:
        """Progress from 0.0 to 1.0 (for display only); None without a target (0), where
        no amount reached means anything."""
        if self.target <= 0:
            return None
        return max(0.0, min(1.0, float(self.current / self.target)))
