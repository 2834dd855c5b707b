"""The configurable part of the domain: statuses, lists, stages, team and custom fields."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

CustomFieldKind = Literal["text", "number", "date", "choice", "rating"]
CUSTOM_FIELD_KINDS: tuple[str, ...] = ("text", "number", "date", "choice", "rating")

DEFAULT_STATUSES: tuple[str, ...] = ("Contacted", "Demo provided", "Proposal sent", "Won", "Lost")
DEFAULT_STATUS_COLOURS: dict[str, str] = {
    "Contacted": "blue",
    "Demo provided": "cyan",
    "Proposal sent": "yellow",
    "Won": "green",
    "Lost": "red",
}
DEFAULT_LISTS: tuple[str, ...] = ("New", "Existing", "Returning", "Lost")
DEFAULT_SELLING_STAGES: tuple[str, ...] = (
    "Prospecting",
    "Qualification",
    "Solution design",
    "Proposal",
    "Negotiation",
    "Closing",
    "Onboarding",
)
DEFAULT_CADENCE_DAYS = 30


@dataclass(frozen=True)
class StatusDef:
    """One pipeline status: a kanban column."""

    name: str
    """The status name shown as the column title."""
    colour: str = "blue"
    """A Rich colour name for the column accent."""


@dataclass(frozen=True)
class CustomFieldDef:
    """A custom account field declared in the config."""

    key: str
    """The key the value is stored under in `Account.custom`."""
    label: str
    """The column / form label."""
    kind: CustomFieldKind = "text"
    """The value type: text, number, date (ISO), choice (one of `choices`) or rating (1-5)."""
    choices: tuple[str, ...] = ()
    """The allowed values of a choice field."""


@dataclass(frozen=True)
class Schema:
    """Everything configurable that the domain rules depend on."""

    statuses: tuple[StatusDef, ...] = tuple(
        StatusDef(name, DEFAULT_STATUS_COLOURS[name]) for name in DEFAULT_STATUSES
    )
    """Pipeline statuses in board order."""
    lists: tuple[str, ...] = DEFAULT_LISTS
    """Lifecycle lists in order."""
    selling_stages: tuple[str, ...] = DEFAULT_SELLING_STAGES
    """Our selling process stages in order."""
    team: tuple[str, ...] = ()
    """The account managers (assignees) of the team."""
    custom_fields: tuple[CustomFieldDef, ...] = ()
    """Custom account fields."""
    default_cadence_days: int = DEFAULT_CADENCE_DAYS
    """Contact cadence for accounts that do not set their own."""
    currency: str = "€"
    """The currency symbol shown beside money."""

    @property
    def status_names(self) -> tuple[str, ...]:
        """The pipeline status names in board order."""
        return tuple(status.name for status in self.statuses)

    def custom_field(self, key: str) -> CustomFieldDef | None:
        """The custom field declared under `key`, if any."""
        for custom in self.custom_fields:
            if custom.key == key:
                return custom
        return None
