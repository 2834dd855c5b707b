"""KamApp: the views, the global keys and the wiring to the repository."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import suppress
from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events, on, work
from textual.actions import ActionParseResult
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.command import CommandPalette
from textual.dom import DOMNode
from textual.notifications import SeverityLevel
from textual.reactive import var
from textual.screen import ModalScreen, Screen
from textual.signal import Signal
from textual.theme import BUILTIN_THEMES
from textual.widgets import Header

from kam_tui.config.settings import Settings
from kam_tui.domain.clock import Clock, system_clock
from kam_tui.domain.demo import build_demo
from kam_tui.domain.models import Account
from kam_tui.services import Outcome, Refusal, Workspace
from kam_tui.services.outcome import REFUSED
from kam_tui.store import Repository, SaveState, StoreError
from kam_tui.store.undo import Change
from kam_tui.ui.boards.lists import ListsScreen
from kam_tui.ui.boards.pipeline import PipelineScreen
from kam_tui.ui.boards.team import TeamScreen
from kam_tui.ui.collector import BetweenKeys
from kam_tui.ui.forms.confirm import ConfirmDialog
from kam_tui.ui.key_gate import KeyGate, is_typed
from kam_tui.ui.messages import LoadFailed, SaveSettled, SaveStateChanged
from kam_tui.ui.portfolio.warm_up import warm_up
from kam_tui.ui.refused import tell_refused
from kam_tui.ui.saved_filters import takes_filters
from kam_tui.ui.saved_filters_dialog import open_saved_filters
from kam_tui.ui.shell.header import KamHeader, ViewTab
from kam_tui.ui.shell.palette import AccountSearchProvider, ActionsProvider, account_palette
from kam_tui.ui.shell.palette_filters import FilterCommands
from kam_tui.ui.shell.palette_plan import PlanCommands
from kam_tui.ui.shell.save_status import SaveIndicator, describe_save_state
from kam_tui.ui.shell.views import ShowsRecords, ViewScreen
from kam_tui.ui.sync.palette import SyncCommands
from kam_tui.ui.user_text import printable

if TYPE_CHECKING:
    from kam_tui.services.syncing_process import SyncProcess

VIEWS: tuple[tuple[str, str, str], ...] = (
    ("pipeline", "Pipeline", "1"),
    ("lists", "Lists", "2"),
    ("table", "Table", "3"),
    ("team", "Team", "4"),
    ("portfolio", "Portfolio", "5"),
)
"""(mode, name, default key) of each main view, in tab order."""
SAVE_WAIT_STEP = 0.25
"""Seconds between checks for a save error while waiting to quit."""


def theme_names() -> set[str]:
    """The themes the `theme` setting may name."""
    return set(BUILTIN_THEMES)


def _binding_ids(bindings: list[BindingType]) -> Iterator[str]:
    for binding in bindings:
        if isinstance(binding, Binding) and binding.id:
            yield binding.id


def known_binding_ids() -> set[str]:
    """Every binding id the `keymap` setting may rebind.

    Walks the BINDINGS of the app and of every screen, dialog and widget class in
    kam_tui (and their kam_tui base classes), so the CLI can check a keymap before
    starting.
    """
    ids = set(_binding_ids(KamApp.BINDINGS))
    for package_name in ("kam_tui.ui",):
        package = importlib.import_module(package_name)
        names = [package_name]
        names += [
            info.name for info in pkgutil.walk_packages(package.__path__, prefix=f"{package_name}.")
        ]
        for name in names:
            module = importlib.import_module(name)
            for _, member in inspect.getmembers(module, inspect.isclass):
                if not issubclass(member, DOMNode):
                    continue
                for klass in member.__mro__:
                    if klass.__module__.startswith("kam_tui"):
                        ids.update(_binding_ids(klass.__dict__.get("BINDINGS", [])))
    return ids


def _table_screen() -> Screen[Any]:
    """The table view, imported when first shown: it is not needed for the first paint."""
    from kam_tui.ui.table.screen import TableScreen

    return TableScreen()


def _portfolio_screen() -> Screen[Any]:
    """The Portfolio view, imported after the first paint (warm_up), or here if shown first."""
    from kam_tui.ui.portfolio.screen import PortfolioScreen

    return PortfolioScreen()


class KamApp(App[None]):
    """The kam-tui application."""

    TITLE = "kam-tui"
    CSS_PATH = "app.tcss"
    MODES: ClassVar[dict[str, Callable[[], Screen[Any]]]] = {  # type: ignore[assignment]
        "pipeline": PipelineScreen,
        "lists": ListsScreen,
        "table": _table_screen,
        "team": TeamScreen,
        "portfolio": _portfolio_screen,
    }
    DEFAULT_MODE = "pipeline"
    """The app opens on the pipeline board, made as the app composes: not after an empty
    default screen, which would cost two more passes over the CSS at start-up."""
    COMMANDS = App.COMMANDS | {
        ActionsProvider,
        AccountSearchProvider,
        PlanCommands,
        SyncCommands,
        FilterCommands,
    }
    BINDINGS: ClassVar[list[BindingType]] = [
        *(
            Binding(
                key,
                f"switch_view({mode!r})",
                name,
                show=False,
                tooltip=f"Show the {name} view",
                id=f"view-{mode}",
            )
            for mode, name, key in VIEWS
        ),
        Binding(
            "question_mark",
            "help",
            "Help",
            tooltip="List every key of this view and of the app",
            id="help",
        ),
        Binding(
            "slash",
            "filter",
            "Filter",
            tooltip="Filter this view: words, or terms like manager:me key overdue (? lists"
            " them; escape clears)",
            id="filter",
        ),
        Binding(
            "F",
            "saved_filters",
            "Filters",
            show=False,
            tooltip="Filter by a saved filter, or save this view's filter under a name",
            id="saved-filters",
        ),
        Binding(
            "A",
            "open_agenda",
            "Agenda",
            show=False,
            tooltip="The contact agenda: overdue contacts, then this week's day by day",
            id="agenda",
        ),
        Binding("u", "undo", "Undo", tooltip="Undo the last change", id="undo"),
        Binding(
            "ctrl+r", "redo", "Redo", show=False, tooltip="Redo the last undone change", id="redo"
        ),
        Binding(
            "ctrl+p",
            "command_palette",
            "Commands",
            show=False,
            priority=True,
            tooltip="Search every action, or jump to an account by name",
            id="command-palette",
        ),
        Binding(
            "q",
            "quit",
            "Quit",
            tooltip="Quit; waits until the last change is saved",
            id="quit",
        ),
    ]

    save_indicator: var[SaveIndicator] = var(SaveIndicator("Saved", "saved"))
    """What the save status in the header shows."""
    sync_status: var[str] = var("")
    """The sync state the header shows ("" when sync is not configured)."""

    def __init__(
        self, repository: Repository, settings: Settings, clock: Clock = system_clock
    ) -> None:
        super().__init__()
        self.workspace = Workspace(repository, settings, clock)
        """The application layer: every query and every change of data goes through it."""
        self.data_changed_signal: Signal[Change] = Signal(self, "data-changed")
        """The workspace's change feed, published on the UI thread: views subscribe."""
        self._end_feed: Callable[[], None] | None = None
        self._end_early_journal: Callable[[], None] | None = None
        """Ends the journaling of changes made before the sync started."""
        if settings.theme in self.available_themes:
            self.theme = settings.theme
        self._backup_warning_shown: str | None = None
        """The backup problem already notified (each is shown once)."""
        self._ui_thread: int | None = None
        """The thread the app runs on (known once mounted)."""
        self._collector = BetweenKeys()
        self._key_gate = KeyGate(self, self._route_typed)
        self.syncer: SyncProcess | None = None
        """The team sync, running once the first paint is done (None without `sync:`)."""

    @property
    def repository(self) -> Repository:
        """The store (for loading and saving; changes go through the workspace)."""
        return self.workspace.repository

    @property
    def settings(self) -> Settings:
        """The validated config."""
        return self.workspace.settings

    @property
    def clock(self) -> Clock:
        """Where 'now' comes from (fixed in tests)."""
        return self.workspace.clock

    @property
    def today(self) -> date:
        """The clock's date."""
        return self.workspace.today

    @property
    def read_only_reason(self) -> str | None:
        """Why changes are refused, or None when the store is writable."""
        return self.workspace.read_only_reason

    @property
    def keymap(self) -> dict[str, str]:
        """The user's keymap as applied (binding id -> keys)."""
        return dict(self._keymap)

    def mode_of(self, screen: Screen[Any]) -> str:
        """The mode whose view `screen` is, or the current mode for any other screen."""
        return screen.mode if isinstance(screen, ViewScreen) else self.current_mode

    def view_tabs(self) -> list[ViewTab]:
        """The main views with the key (after the keymap) that shows each."""
        tabs = []
        for mode, name, key in VIEWS:
            keys = self._keymap.get(f"view-{mode}", key)
            shown = self.get_key_display(Binding(keys.split(",")[0], ""))
            tabs.append(ViewTab(mode, name, shown))
        return tabs

    async def on_event(self, event: events.Event) -> None:
        """Every event passes here first: after a key or a click, collect the young garbage
        while the user reads the screen; pasted text arrives with its control characters in
        visible notation (`^[`), so no editor holds or draws one."""
        if isinstance(
            event, events.Key | events.MouseDown | events.MouseScrollDown | events.MouseScrollUp
        ):
            self._collector.key_handled()
        elif isinstance(event, events.Paste) and not event.is_forwarded:
            shown = printable(event.text, multiline=True)
            if shown != event.text:
                event = events.Paste(shown)
        if is_typed(event):
            await self._key_gate.take(event)  # one key at a time: see key_gate
            return
        await super().on_event(event)
        if isinstance(event, events.Key):  # a routed key bubbled back: its binding ran
            self._key_gate.reached_app(event)

    async def _route_typed(self, event: events.Event) -> None:
        """Textual's own routing of a key or paste, once the gate lets it through."""
        await super().on_event(event)

    def on_mount(self) -> None:
        self._ui_thread = threading.get_ident()
        self.set_keymap(dict(self.settings.keymap))
        self._end_feed = self.workspace.subscribe(self._feed)
        self.repository.on_save_state(self._save_state_reported)
        self._show_save_state()
        self.screen_change_signal.subscribe(self, self._screen_changed)
        self._offer_demo()
        # The boards need only the accounts: paint them first, then load the rest, so the
        # loader does not compete with the first paint for the interpreter.
        self.call_after_refresh(self.set_timer, 0.05, self._watch_loading)
        self.call_after_refresh(warm_up, self)  # the Portfolio's code, in the idle moments
        if self.settings.sync is not None:
            self._end_early_journal = self.workspace.subscribe(self._journal_before_sync)
            self.call_after_refresh(self.set_timer, 0.1, self._start_sync)

    def _journal_before_sync(self, change: Change) -> None:
        """Journal a local change made before the sync started (keys typed ahead of the
        first paint), as the `kam` commands journal theirs: the sync's load writes it in."""
        if change.remote or not change.edits:
            return
        from kam_tui.services.syncing_journal import joined

        if joined(self.repository.path):
            from kam_tui.services.syncing_files import SyncFiles

            SyncFiles(self.repository.path).note_unsent(change)

    def _start_sync(self) -> None:
        """Start the team sync (its modules are imported only now, after the first paint)."""
        if self._end_early_journal is not None:
            # Ended and started in one go on this thread, where every change is applied:
            # no change falls between the two journals.
            self._end_early_journal()
            self._end_early_journal = None
        if self.read_only_reason is not None:  # the kam that holds the store syncs it
            self.sync_status = "sync: off (read-only)"
            return
        if self.is_running and self.syncer is None:
            from kam_tui.ui.sync.running import start_syncer

            self.syncer = start_syncer(self)

    @work(thread=True, exclusive=True, exit_on_error=False, group="load")
    def _watch_loading(self) -> None:
        """Load, off the UI thread, the tables the boards did not need for their first paint."""
        try:
            self.repository.wait_loaded()
        except StoreError as error:
            self.post_message(LoadFailed(str(error)))

    def on_load_failed(self, message: LoadFailed) -> None:
        """A broken table was found while loading: the store is now read-only (nothing is
        ever written to it). Say where the damage is, which backup loads, and what was not
        saved; `kam` prints the error again when it exits."""
        state = self.repository.save_state
        unsaved = state.generation - state.saved_generation
        lost = f"\n{unsaved} change(s) made since opening were not saved." if unsaved else ""
        self.notify(
            f"{message.error}{lost}\nThe store is read-only until it is repaired.",
            title="The store is damaged",
            severity="error",
            timeout=60,
        )
        self._show_save_state()

    def on_unmount(self) -> None:
        if self.syncer is not None:
            from kam_tui.ui.sync.running import STOP_SECONDS

            self.syncer.stop(STOP_SECONDS)
        self._collector.cancel()
        self._key_gate.close()
        self.repository.on_save_state(lambda state: None)
        if self._end_feed is not None:
            self._end_feed()

    # Notifications

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Show a notification, always literally: messages carry names, paths and reasons
        users typed, so they are never parsed as markup (`markup` is ignored) and their
        control characters are shown escaped."""
        super().notify(
            printable(message, multiline=True),
            title=printable(title),
            severity=severity,
            timeout=timeout,
            markup=False,
        )

    def action_help_quit(self) -> None:
        """Ctrl+c does not quit: say which key does (Textual's own hint is markup, and every
        notification here is shown literally)."""
        for key, active in self.active_bindings.items():
            if active.binding.action in ("quit", "app.quit"):
                self.notify(f"Press {key} to quit the app", title="Do you want to quit?")
                return

    # Errors from any action

    async def run_action(
        self,
        action: str | ActionParseResult,
        default_namespace: DOMNode | None = None,
        namespaces: Mapping[str, DOMNode] | None = None,
    ) -> bool:
        """Run an action (from a key, the footer or the palette) in any screen.

        A change the store refuses (read-only, invalid, cannot be applied) becomes a
        notification: the repository applied nothing, so the app simply goes on.
        """
        try:
            return await super().run_action(action, default_namespace, namespaces)
        except REFUSED as error:
            tell_refused(self, Refusal.of(error))
        return True

    # The header on every screen

    def _screen_changed(self, screen: Screen[Any]) -> None:
        if isinstance(screen, ModalScreen) or not type(screen).__module__.startswith("kam_tui."):
            return
        screen.call_later(self._ensure_header, screen)

    def _ensure_header(self, screen: Screen[Any]) -> None:
        """Mount the shell header on a screen that does not compose one itself."""
        if not screen.is_attached or screen.query(KamHeader):
            return
        for header in screen.query(Header):
            header.display = False
        screen.mount(KamHeader())

    # Views

    def action_switch_view(self, mode: str) -> None:
        """Show one of the main views itself: the screens opened from the current view (an
        account, the overdue queue) are closed first, so the view's key later shows the view,
        not an account left open in it. A dialog must be answered or cancelled first."""
        screen = self._active_screen()
        if isinstance(screen, ModalScreen):
            self.bell()
            return
        while not isinstance(self._active_screen(), ViewScreen) and len(self.screen_stack) > 1:
            self.pop_screen()
        if mode != self.current_mode:
            self.switch_mode(mode)

    def _active_screen(self) -> Screen[Any]:
        """The screen the user works in (under the command palette when it is open)."""
        stack: list[Screen[Any]] = self.screen_stack
        working = [screen for screen in stack if not isinstance(screen, CommandPalette)]
        return working[-1] if working else self.screen

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "filter":
            return isinstance(self._active_screen(), ViewScreen)
        if action == "saved_filters":
            return takes_filters(self._active_screen())
        return True

    def action_help(self) -> None:
        """Show every key of the current view and of the app."""
        screen = self._active_screen()
        mode_names = {mode: name for mode, name, _key in VIEWS}
        title = f"{mode_names.get(self.current_mode, 'This')} view"
        if not isinstance(screen, ViewScreen):
            title = getattr(screen, "HELP_TITLE", type(screen).__name__.removesuffix("Screen"))
        from kam_tui.ui.shell.help import HelpScreen, collect_help

        self.push_screen(HelpScreen(collect_help(screen, title, self.keymap)))

    def action_filter(self) -> None:
        """Open the filter of the current view."""
        screen = self._active_screen()
        headers = screen.query(KamHeader)
        if headers:
            headers.first().open_filter()

    def action_saved_filters(self) -> None:
        """Pick a saved filter for the current view, or save its filter under a name."""
        open_saved_filters(self, self._active_screen())

    @on(KamHeader.FilterChanged)
    def _filter_changed(self, message: KamHeader.FilterChanged) -> None:
        screen = message.header.screen
        if isinstance(screen, ViewScreen):
            screen.apply_filter(message.text)
            screen.refresh_bindings()

    def action_jump_to_account(self) -> None:
        """Search the accounts by name; enter opens one."""
        self.push_screen(account_palette())

    def open_account(self, account_id: int, tab: str | None = None) -> None:
        """Open an account's detail screen (on `tab`); escape comes back here."""
        if self.workspace.account(account_id) is None:
            self.notify("That account no longer exists.", severity="warning")
            return
        view = self._active_screen()
        if isinstance(view, ViewScreen):
            view.focus_account(account_id)
        from kam_tui.ui.account.screen import AccountScreen

        self.push_screen(AccountScreen(account_id, tab=tab))

    def action_open_agenda(self) -> None:
        """Show the contact agenda (escape returns here); on the agenda, nothing to do."""
        from kam_tui.ui.agenda.screen import AgendaScreen  # not needed before it is opened

        if not isinstance(self.screen, AgendaScreen):
            self.push_screen(AgendaScreen())

    # Changes, undo and redo

    def _feed(self, change: Change) -> None:
        """Republish a change of the workspace's feed as the signal, on the UI thread."""
        if threading.get_ident() == self._ui_thread:
            self.data_changed_signal.publish(change)
            return
        # After the app closed its event loop there is nothing to redraw any more.
        with suppress(RuntimeError):
            self.call_from_thread(self.data_changed_signal.publish, change)

    def action_undo(self) -> None:
        """Undo the last change."""
        self._replay(self.workspace.undo(), "Undone", "Nothing to undo", undone=True)

    def action_redo(self) -> None:
        """Redo the last undone change."""
        self._replay(self.workspace.redo(), "Redone", "Nothing to redo", undone=False)

    def _replay(self, outcome: Outcome[Change], verb: str, nothing: str, *, undone: bool) -> None:
        if outcome.refusal is not None:
            tell_refused(self, outcome.refusal)
            return
        change = outcome.value
        if change is None:
            self.notify(nothing)
            return
        self.notify(f"{verb}: {change.description}")
        self._show_replayed(change, undone=undone)

    def _show_replayed(self, change: Change, *, undone: bool) -> None:
        """Put the cursor of every screen of the stack on the record an undo or redo restored
        or changed, so the next key acts on it and not on the neighbour it left highlighted."""
        edit = (change.inverted() if undone else change).subject_edit
        if edit is None or edit.after is None:
            return
        for screen in self.screen_stack:
            if isinstance(screen, ShowsRecords):
                screen.show_record(edit)

    # First run

    def _offer_demo(self) -> None:
        if self.repository.read_only or self.workspace.count(Account) > 0:
            return
        self.push_screen(
            ConfirmDialog(
                "Your portfolio is empty. Load the demo portfolio (30 sample accounts) "
                "to try kam-tui? You can undo it with u.",
                yes="Load demo",
                no="Start empty",
            ),
            self._demo_answered,
        )

    def _demo_answered(self, load: bool | None) -> None:
        if not load:
            return
        workspace = self.workspace
        outcome = workspace.apply(
            "Loaded the demo portfolio",
            lambda change: build_demo(change, workspace.schema, self.today),
        )
        if outcome.refusal is not None:
            tell_refused(self, outcome.refusal, "Demo not loaded", read_only="Demo not loaded")
        elif outcome.value is not None:
            self.notify(f"Loaded the demo portfolio: {outcome.value.accounts} accounts.")

    # Saving and quitting

    def _save_state_reported(self, state: SaveState) -> None:
        """Called by the saver (from its thread, or from ours when a change is made)."""
        if threading.get_ident() == self._ui_thread:
            self._show_save_state()  # a change made here: no message round trip
            return
        # After the app closed its event loop there is nothing to show any more.
        with suppress(RuntimeError):
            self.post_message(SaveStateChanged(state))

    def on_save_state_changed(self, message: SaveStateChanged) -> None:
        self._show_save_state()

    def _show_save_state(self) -> None:
        """Show where saving stands now (on the UI thread, whenever the saver reports).

        A change made on the UI thread reports in the same step as the change itself, so the
        frame that paints a change also says "Saving…"; "Saved" follows only once the saver
        has made every change so far durable.
        """
        state = self.repository.save_state
        indicator = describe_save_state(state, self.read_only_reason)
        if indicator.level == "error" and self.save_indicator.level != "error":
            self.notify(
                f"{state.error}; retrying", title="Cannot save", severity="error", timeout=10
            )
        if state.stopped and self.save_indicator.level != "read-only":
            self.notify(state.stopped, title="Store replaced", severity="error", timeout=30)
        if state.backup_warning and state.backup_warning != self._backup_warning_shown:
            self._backup_warning_shown = state.backup_warning
            self.notify(state.backup_warning, title="Backup failed", severity="warning")
        self.save_indicator = indicator

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Of Textual's own palette entries, the theme alone: its Quit repeats ours (q, which
        waits for the save), and its keys panel, maximize and screenshot are for developers."""
        for command in super().get_system_commands(screen):
            if command.title == "Theme":
                yield command

    async def action_quit(self) -> None:
        """Quit once every change is on disk (asking first if saving fails)."""
        state = self.repository.save_state
        if state.error:
            self._confirm_quit(state.error)
        elif state.pending:
            self.notify("Saving…", title="Quitting")
            self._wait_for_save()
        else:
            self.exit()

    @work(thread=True, exclusive=True, exit_on_error=False, group="quit")
    def _wait_for_save(self) -> None:
        """Wait off the UI thread until the pending save is done or has failed."""
        repository = self.repository
        while not repository.wait_saved(SAVE_WAIT_STEP):
            error = repository.save_state.error
            if error:
                self.post_message(SaveSettled(error))
                return
        self.post_message(SaveSettled(None))

    def on_save_settled(self, message: SaveSettled) -> None:
        if message.error:
            self._confirm_quit(message.error)
        else:
            self.exit()

    def _confirm_quit(self, error: str) -> None:
        def answered(quit_anyway: bool | None) -> None:
            if quit_anyway:
                self.exit()

        self.push_screen(
            ConfirmDialog(
                f"Cannot save: {error}.\n\nQuit anyway? Changes not yet saved will be lost.",
                yes="Quit anyway",
                no="Stay",
            ),
            answered,
        )
