"""The application layer: the one thing the UI and the CLI talk to about data."""

from kam_tui.services.outcome import Outcome, Refusal
from kam_tui.services.workspace import Feed, Workspace

__all__ = ["Feed", "Outcome", "Refusal", "Workspace"]
