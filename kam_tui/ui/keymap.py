"""Which bindings are active together: for each view, the app's keys and those of the
screen and of each widget that can have focus there, so a keymap that gives two of them
one key is refused before the app starts."""

from __future__ import annotations

from textual.binding import Binding
from textual.dom import DOMNode
from textual.keys import _character_to_key

from kam_tui.config.settings import BindingInfo
from kam_tui.ui.account.activities import ActivityList
from kam_tui.ui.account.contacts import ContactList
from kam_tui.ui.account.deals import DealList
from kam_tui.ui.account.overview import AccountOverview
from kam_tui.ui.account.screen import AccountScreen
from kam_tui.ui.agenda.screen import AgendaScreen, AgendaTable
from kam_tui.ui.app import KamApp
from kam_tui.ui.boards.board import Board
from kam_tui.ui.boards.filter_dialog import BoardFilterDialog
from kam_tui.ui.boards.lists import ListsScreen
from kam_tui.ui.boards.pipeline import PipelineScreen
from kam_tui.ui.boards.team import TeamScreen
from kam_tui.ui.forms.confirm import ConfirmDialog
from kam_tui.ui.forms.dialog import FormDialog
from kam_tui.ui.forms.discard import DiscardDialog
from kam_tui.ui.forms.picker import PickerDialog
from kam_tui.ui.importing.dialog import ImportDialog
from kam_tui.ui.importing.widgets import PathInput
from kam_tui.ui.overdue.screen import OverdueFilter, OverdueScreen, OverdueTable
from kam_tui.ui.plan.forms import StagePicker
from kam_tui.ui.plan.objectives import ActionTable, ObjectiveList, PlanPane
from kam_tui.ui.plan.process import ProcessPane, ProcessTable
from kam_tui.ui.plan.quadrant import SwotQuadrant
from kam_tui.ui.plan.report import StatusReportDialog
from kam_tui.ui.plan.swot import SwotPane
from kam_tui.ui.portfolio.definitions import DefinitionsDialog
from kam_tui.ui.portfolio.filter_dialog import PortfolioFilterDialog
from kam_tui.ui.portfolio.screen import PortfolioScreen
from kam_tui.ui.portfolio.table import PortfolioTable
from kam_tui.ui.saved_filters_dialog import NameDialog
from kam_tui.ui.shell.filter_input import FilterInput
from kam_tui.ui.shell.help import HelpScreen
from kam_tui.ui.sync.conflicts import ConflictsScreen, ConflictsTable
from kam_tui.ui.table.account_table import AccountTable
from kam_tui.ui.table.cell_editor import CellEditor
from kam_tui.ui.table.screen import TableScreen

FOCUS_CHAINS: dict[str, tuple[type[DOMNode], ...]] = {
    "Pipeline board": (PipelineScreen, Board),
    "Pipeline filter": (PipelineScreen, FilterInput),
    "Lists board": (ListsScreen, Board),
    "Lists filter": (ListsScreen, FilterInput),
    "Team board": (TeamScreen, Board),
    "Team filter": (TeamScreen, FilterInput),
    "Portfolio": (PortfolioScreen, PortfolioTable),
    "Portfolio filter": (PortfolioScreen, FilterInput),
    "Portfolio definitions": (DefinitionsDialog,),
    "Portfolio scope dialog": (PortfolioFilterDialog,),
    "Table": (TableScreen, AccountTable),
    "Table filter": (TableScreen, FilterInput),
    "Account overview": (AccountScreen, AccountOverview),
    "Account contacts": (AccountScreen, ContactList),
    "Account activities": (AccountScreen, ActivityList),
    "Account deals": (AccountScreen, DealList),
    "Account plan, objectives": (AccountScreen, PlanPane, ObjectiveList),
    "Account plan, actions": (AccountScreen, PlanPane, ActionTable),
    "Account process": (AccountScreen, ProcessPane, ProcessTable),
    "Account SWOT": (AccountScreen, SwotPane, SwotQuadrant),
    "Overdue": (OverdueScreen, OverdueTable),
    "Overdue filter": (OverdueScreen, OverdueFilter),
    "Agenda": (AgendaScreen, AgendaTable),
    "Conflicts": (ConflictsScreen, ConflictsTable),
    "Confirm dialog": (ConfirmDialog,),
    "Discard dialog": (DiscardDialog,),
    "Board filter dialog": (BoardFilterDialog,),
    "Picker": (PickerDialog,),
    "Filter name dialog": (NameDialog,),
    "Help": (HelpScreen,),
    "Cell editor": (CellEditor,),
    "Form": (FormDialog,),
    "Stage picker": (StagePicker,),
    "Status report": (StatusReportDialog,),
    "Import dialog": (ImportDialog,),
    "Import dialog paths": (ImportDialog, PathInput),
}
"""Each place a key can be pressed: the screen, then the widgets from the outermost to the
one with focus, whose bindings are active together (with the app's, which come first)."""


def normalize_key(key: str) -> str:
    """A key as Textual matches it: "?" is "question_mark"."""
    return _character_to_key(key) if len(key) == 1 else key


def own_bindings(node_class: type[DOMNode]) -> list[Binding]:
    """The bindings with an id that `node_class` and its kam_tui base classes declare."""
    found: list[Binding] = []
    for klass in reversed(node_class.__mro__):
        if klass.__module__.startswith("kam_tui"):
            for binding in klass.__dict__.get("BINDINGS", []):
                if isinstance(binding, Binding) and binding.id:
                    found.append(binding)
    return found


def _info(binding: Binding) -> BindingInfo:
    keys = tuple(normalize_key(key.strip()) for key in binding.key.split(","))
    return BindingInfo(binding.id or "", binding.description or binding.id or "", keys)


def binding_views() -> dict[str, list[BindingInfo]]:
    """Each view's bindings, from the app's down to the focused widget's."""
    views: dict[str, list[BindingInfo]] = {}
    for view, chain in FOCUS_CHAINS.items():
        nodes: tuple[type[DOMNode], ...] = (KamApp, *chain)
        views[view] = [_info(binding) for node in nodes for binding in own_bindings(node)]
    return views
