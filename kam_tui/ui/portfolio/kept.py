"""The Portfolio's totals kept for the app's whole run: told of every change, computed ahead
in idle moments, so that the view's first open adds them up instead of computing them."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any
from weakref import WeakKeyDictionary

from textual.app import App

from kam_tui.services.portfolio import KeptTotals
from kam_tui.store.undo import Change
from kam_tui.ui.typed_app import kam_app

QUIET_SECONDS = 1.0
"""How long after the last change of data the totals are computed ahead: not while the user
moves cards or edits, whose keys would wait for the steps."""

_DONE = object()
"""What the finished steps give."""
_KEPT: WeakKeyDictionary[App[Any], KeptTotals] = WeakKeyDictionary()
"""The kept totals of each running app."""
_CHANGED_AT: WeakKeyDictionary[App[Any], float] = WeakKeyDictionary()
"""When each app's data last changed (`time.monotonic`)."""


def kept_totals(app: App[Any]) -> KeptTotals:
    """The app's kept totals, subscribed to its change feed when first asked for."""
    kept = _KEPT.get(app)
    if kept is None:
        kept = _KEPT[app] = KeptTotals()
        _CHANGED_AT[app] = time.monotonic()

        def changed(change: Change) -> None:
            kept.note_change(change)
            _CHANGED_AT[app] = time.monotonic()

        kam_app(app).data_changed_signal.subscribe(app, changed, immediate=True)
    return kept


def preparation(app: App[Any]) -> Iterator[None]:
    """The steps of computing the app's totals ahead (see KeptTotals.prepare), each taken
    only once the data has not changed for QUIET_SECONDS (until then, a step waits)."""
    steps = kept_totals(app).prepare(kam_app(app).workspace)
    while True:
        quiet = time.monotonic() - _CHANGED_AT.get(app, 0.0) >= QUIET_SECONDS
        if quiet and next(steps, _DONE) is _DONE:
            return
        yield
