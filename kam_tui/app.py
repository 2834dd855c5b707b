"""KamApp: the views, the global keys and the wiring to the repository."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from textual.app import App
from textual.binding import Binding, BindingType

from kam_tui.config import Settings
from kam_tui.domain.clock import Clock, system_clock
from kam_tui.screens.lists import ListsScreen
from kam_tui.screens.pipeline import PipelineScreen
from kam_tui.screens.table import TableScreen
from kam_tui.screens.team import TeamScreen
from kam_tui.store import Repository


class KamApp(App[None]):
    """The kam-tui application."""

    TITLE = "kam-tui"
    MODES: ClassVar[dict[str, type[PipelineScreen | ListsScreen | TableScreen | TeamScreen]]] = {  # type: ignore[assignment]
        "pipeline": PipelineScreen,
        "lists": ListsScreen,
        "table": TableScreen,
        "team": TeamScreen,
    }
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("1", "switch_mode('pipeline')", "Pipeline", id="view-pipeline"),
        Binding("2", "switch_mode('lists')", "Lists", id="view-lists"),
        Binding("3", "switch_mode('table')", "Table", id="view-table"),
        Binding("4", "switch_mode('team')", "Team", id="view-team"),
        Binding("q", "quit", "Quit", id="quit"),
    ]

    def __init__(
        self, repository: Repository, settings: Settings, clock: Clock = system_clock
    ) -> None:
        super().__init__()
        self.repository = repository
        """The one path to the data."""
        self.settings = settings
        """The validated config."""
        self.clock = clock
        """Where 'now' comes from (fixed in tests)."""

    @property
    def today(self) -> date:
        """The clock's date."""
        return self.clock().date()

    def on_mount(self) -> None:
        self.switch_mode("pipeline")
