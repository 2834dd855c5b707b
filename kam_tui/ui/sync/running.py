"""The app's side of the background sync: start the sync process after the first paint,
hand its remote changes to the UI thread, show its state in the header, stop it at exit.
Imported only when the config has a `sync:` section (no cost otherwise)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from contextlib import suppress
from typing import Protocol

from kam_tui.services import Workspace
from kam_tui.services.syncing_process import SyncProcess
from kam_tui.services.syncing_state import SyncState

STOP_SECONDS = 2.0
"""The longest the app's exit waits for the sync process (what it had not written is in
the journal beside the store; the next start writes it)."""


class SyncHost(Protocol):
    """What the syncer needs of the app."""

    workspace: Workspace
    sync_status: str

    @property
    def is_running(self) -> bool: ...

    def call_from_thread(self, callback: Callable[[], object]) -> object: ...


def start_syncer(app: SyncHost, make: Callable[..., SyncProcess] = SyncProcess) -> SyncProcess:
    """Start syncing the app's store with the team server of its settings (`make`: the
    benchmark passes syncing.Syncer, the worker thread, to compare)."""
    ui_thread = threading.get_ident()
    settings = app.workspace.settings.sync
    assert settings is not None

    def on_store_thread(call: Callable[[], object]) -> object:
        if threading.get_ident() == ui_thread:
            return call()
        return app.call_from_thread(call)

    def on_state(state: SyncState) -> None:
        def show() -> None:
            # The state as it is when this runs: reports from the worker and the UI thread
            # may arrive in another order, and a stale "synced" must never show.
            app.sync_status = syncer.state.words

        if threading.get_ident() == ui_thread:
            show()
        elif app.is_running:
            with suppress(RuntimeError):  # the app closed its event loop: nothing to show
                app.call_from_thread(show)

    syncer = make(app.workspace, settings, on_store_thread=on_store_thread, on_state=on_state)
    app.sync_status = syncer.state.words
    syncer.start()
    return syncer
