"""The fixed lists a field's value is chosen from (the configurable ones live in the schema)."""

from __future__ import annotations

RATINGS: tuple[str, ...] = ("", "Hot", "Warm", "Cold")
STAGES: tuple[str, ...] = (
    "presales",
    "contract negotiation",
    "implementation",
    "review",
    "exploitation",
)
TEAM_ROLES: tuple[str, ...] = ("account support", "account development")
LEVELS: tuple[str, ...] = ("executive", "management", "technical", "purchasing", "user")
BUYING_ROLES: tuple[str, ...] = ("decision maker", "influencer", "champion", "user", "gatekeeper")
STANCES: tuple[str, ...] = ("champion", "supporter", "neutral", "detractor")
INFLUENCES: tuple[str, ...] = ("high", "medium", "low")
ACTIVITY_KINDS: tuple[str, ...] = ("meeting", "call", "email", "visit", "feedback", "note")
ACTION_STATUSES: tuple[str, ...] = ("open", "in progress", "done", "blocked")
PERSPECTIVES: tuple[str, ...] = ("customer", "view_of_us")
PERSPECTIVE_LABELS: dict[str, str] = {
    "customer": "The customer's own position",
    "view_of_us": "The customer's view of us",
}
QUADRANTS: tuple[str, ...] = ("S", "W", "O", "T")
QUADRANT_LABELS: dict[str, str] = {
    "S": "Strengths",
    "W": "Weaknesses",
    "O": "Opportunities",
    "T": "Threats",
}
PRIORITIES: tuple[str, ...] = ("high", "medium", "low")
STEP_STATES: tuple[str, ...] = ("not started", "in progress", "done")
DEAL_OUTCOMES: tuple[str, ...] = ("open", "won", "lost")
HISTORY_FIELDS: tuple[str, ...] = ("status", "lifecycle")
"""The account fields whose every change is kept in the status history."""
