"""The Portfolio's totals kept for the app's whole run: told of every change, computed ahead
in an idle moment, so that the view's first open adds them up instead of computing them."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from weakref import WeakKeyDictionary

from textual.app import App

from kam_tui.services.portfolio import KeptTotals
from kam_tui.ui.typed_app import kam_app

_KEPT: WeakKeyDictionary[App[Any], KeptTotals] = WeakKeyDictionary()
"""The kept totals of each running app."""


def kept_totals(app: App[Any]) -> KeptTotals:
    """The app's kept totals, subscribed to its change feed when first asked for."""
    kept = _KEPT.get(app)
    if kept is None:
        kept = _KEPT[app] = KeptTotals()
        kam_app(app).data_changed_signal.subscribe(app, kept.note_change, immediate=True)
    return kept


def preparation(app: App[Any]) -> Iterator[None]:
    """The steps of computing the app's totals ahead (see KeptTotals.prepare)."""
    return kept_totals(app).prepare(kam_app(app).workspace)
