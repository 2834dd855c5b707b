"""One key at a time: a key reaches its target only once the previous key has been handled.

Textual routes a key to the focused widget when the app takes it from its queue. Typed
quickly, the next key is routed while the previous one is still on its way: `enter` then
`]` sent `]` to the board the account screen was about to cover, and the name typed right
after `e` went to the board before the form existed, or to the form before its first field
had focus. Both keys were lost. The gate holds each key (and paste) until the one before it
has travelled its whole path and what it set off has settled: messages posted on the way,
a screen pushed or popped and mounted, focus moved. A key may wait; it is never lost.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any

from textual import events
from textual.app import App
from textual.dom import DOMNode
from textual.message_pump import MessagePump
from textual.screen import Screen

Route = Callable[[events.Event], Awaitable[None]]
"""Hands an input event to Textual's own routing (the app's default `on_event`)."""
STUCK_AFTER = 2.0
"""Seconds without progress after which a held key goes on anyway: a handler waiting on
something that never comes must not take the keyboard with it."""
SWEEPS = 3
"""Most walks up the key's path: the first follows the key to the app, which runs its
binding; more follow what a binding posted to a widget on the path."""
REVISITS = 4
"""Most visits to one node of the path (a node kept busy by other messages is left)."""
SETTLE_ROUNDS = 2
"""Repaints a changed or unfocused screen gets to set its focus: its mount schedules the
focus after a repaint, and that focus is itself applied one app message later."""


def is_typed(event: events.Event) -> bool:
    """True for what the gate orders: keys and pastes not yet routed."""
    return isinstance(event, events.Key | events.Paste) and not event.is_forwarded


@dataclass
class Flight:
    """The key routed last, until it is known to have been handled."""

    event: events.Event
    """The key (or paste)."""
    path: Sequence[MessagePump]
    """The widget it was routed to, then its ancestors up to its screen."""
    screen: Screen[object]
    """The screen it was routed in."""
    landed: bool = False
    """Known handled: it reached the app, whose binding ran, and nothing moved after."""


class KeyGate:
    """Holds typed input while an earlier key is being handled, then routes it in order.

    A key is followed only when the next one comes before it is known to have landed
    (typed faster than handled): keys typed at a human pace cost one app message each.
    """

    def __init__(self, app: App[Any], route: Route) -> None:
        self._app = app
        self._route = route
        self._held: deque[events.Event] = deque()
        self._busy = False
        self._token = 0
        """Which key's settling the pending steps belong to (older ones are ignored)."""
        self._progress = 0
        self._stuck_timer: asyncio.TimerHandle | None = None
        self._flight: Flight | None = None

    async def take(self, event: events.Event) -> None:
        """Route `event` now if nothing is in flight and the screen is ready, else hold it."""
        if self._busy or self._held:
            self._held.append(event)
            return
        flight, self._flight = self._flight, None
        if flight is not None and not flight.landed:
            # The key before may still be on its way: follow it, then route this one.
            self._held.append(event)
            self._start()
            self._follow(flight.path, 0, self._token, flight.screen, 1)
            return
        screen = self._app.screen
        if not self._ready(screen):  # a screen still opening (pushed by a timer, a worker)
            self._held.append(event)
            self._start()
            self._settle(screen, self._token, SETTLE_ROUNDS)
            return
        await self._send(event)

    def reached_app(self, event: events.Event) -> None:
        """The app has handled a key that bubbled up to it (its binding ran, if any)."""
        flight = self._flight
        if flight is not None and flight.event is event:
            # What the binding queued on the app (a focus to set) comes before this check.
            self._app.call_later(self._check_landed, flight)

    def _check_landed(self, flight: Flight) -> None:
        """Landed unless the key moved something still under way: a screen changed, focus
        let go, or a message the binding posted to the path (a list's "add" asking its
        screen for a form) not yet handled."""
        screen = self._app.screen
        flight.landed = (
            flight is self._flight
            and screen is flight.screen
            and self._ready(screen)
            and not any(node.message_queue_size for node in flight.path)
        )

    def close(self) -> None:
        """Stop watching (the app is closing); held keys are dropped with it."""
        self._held.clear()
        self._token += 1
        if self._stuck_timer is not None:
            self._stuck_timer.cancel()
            self._stuck_timer = None

    # Routing one key and waiting for it

    @staticmethod
    def _ready(screen: Screen[object]) -> bool:
        return screen.is_mounted and screen.focused is not None

    async def _send(self, event: events.Event) -> None:
        """Route one event; the next one will wait until this one has landed."""
        app = self._app
        screen = app.screen
        target: DOMNode = app.focused or screen
        ancestors = target.ancestors_with_self
        path: Sequence[MessagePump] = (
            ancestors[: ancestors.index(screen) + 1] if screen in ancestors else [target]
        )
        self._flight = Flight(event, path, screen)
        await self._route(event)

    def _start(self) -> None:
        self._busy = True
        self._token += 1
        self._progress += 1
        if self._stuck_timer is None:
            loop = asyncio.get_running_loop()
            self._stuck_timer = loop.call_later(STUCK_AFTER, self._check_stuck, self._progress)

    def _step(self, token: int) -> bool:
        """Note progress; False when the step belongs to a key already given up on."""
        self._progress += 1
        return token == self._token

    def _follow(
        self,
        path: Sequence[MessagePump],
        start: int,
        token: int,
        screen: Screen[object],
        sweep: int,
    ) -> None:
        """Visit the first node of the path from `start` that is still open (a dismissed
        dialog's are not), or the app once the path is done."""
        for index in range(start, len(path)):
            if path[index].call_later(self._walk, path, index, token, screen, sweep, 1):
                return
        self._app.call_later(self._after_app, path, token, screen, sweep)

    def _walk(
        self,
        path: Sequence[MessagePump],
        index: int,
        token: int,
        screen: Screen[object],
        sweep: int,
        visits: int,
    ) -> None:
        """Runs on `path[index]` after everything that node held when it was called for, the
        key included. A node that meanwhile posted itself more (an Input's Submitted) is
        visited again, so that what it posted has bubbled on before the next node is."""
        if not self._step(token):
            return
        node = path[index]
        if (
            node.message_queue_size
            and visits < REVISITS
            and node.call_later(self._walk, path, index, token, screen, sweep, visits + 1)
        ):
            return
        self._follow(path, index + 1, token, screen, sweep)

    def _after_app(
        self, path: Sequence[MessagePump], token: int, screen: Screen[object], sweep: int
    ) -> None:
        """Runs on the app after the key's binding (if it had one) ran."""
        if not self._step(token):
            return
        if sweep < SWEEPS and any(node.message_queue_size for node in path):
            # The binding posted to a widget of the path (a list's "add" asks its screen
            # for a form): follow that up to the handler that acts on it.
            self._follow(path, 0, token, screen, sweep + 1)
            return
        current = self._app.screen
        if current is screen and self._ready(current):
            self._app.call_later(self._done, token)
        else:
            self._settle(current, token, SETTLE_ROUNDS)

    def _settle(self, screen: Screen[object], token: int, rounds: int) -> None:
        """Let a new (or unfocused) screen mount, repaint and apply the focus it scheduled."""
        if not self._step(token):
            return
        if rounds and screen.call_after_refresh(self._settle, screen, token, rounds - 1):
            return
        self._app.call_later(self._done, token)

    async def _done(self, token: int) -> None:
        if not self._step(token):
            return
        current = self._app.screen
        if current.is_attached and not current.is_mounted:
            # The screen changed again while settling (a dialog dismissed itself): once more.
            self._settle(current, token, SETTLE_ROUNDS)
            return
        self._finish()
        await self._release_one()

    def _finish(self) -> None:
        self._busy = False
        if self._stuck_timer is not None:
            self._stuck_timer.cancel()
            self._stuck_timer = None

    def _check_stuck(self, progress: int) -> None:
        self._stuck_timer = None
        if not self._busy:
            return
        if progress != self._progress:
            loop = asyncio.get_running_loop()
            self._stuck_timer = loop.call_later(STUCK_AFTER, self._check_stuck, self._progress)
            return
        self._token += 1  # the steps still pending are given up on
        self._finish()
        if self._held:
            self._app.call_later(self._release_one)

    async def _release_one(self) -> None:
        """Route the oldest held key: its screen has settled (or had its chance to). With
        more keys waiting, follow it before the next."""
        if not self._held or self._busy:
            return
        await self._send(self._held.popleft())
        flight = self._flight
        if self._held and flight is not None:
            self._flight = None
            self._start()
            self._follow(flight.path, 0, self._token, flight.screen, 1)
