"""kam serve's web server: textual-serve's, on a socket bound beforehand, with a page that
fetches nothing from the network, and refusing other web sites' pages."""

from __future__ import annotations

import asyncio
import logging
import signal
import socket
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import aiohttp_jinja2
from aiohttp import WSCloseCode, web
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int

from kam_tui.sync.server import is_loopback

PAGE_FOLDER = Path(__file__).parent / "serve_page"
"""The page's template: textual-serve's, with its web font served from here."""

NOT_STARTED = b"\r\nkam did not start: its message is in the terminal running kam serve.\r\n"

log = logging.getLogger("textual-serve")

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


class TabApp(AppService):
    """The kam of one browser tab: when it ends, the tab is told (its session ended), and
    when it never drew anything, the tab says where its error is."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._drawn = False

    async def on_data(self, payload: bytes) -> None:
        """Pass the app's output on to the tab."""
        self._drawn = True
        await super().on_data(payload)

    async def run(self) -> None:
        """Relay the app until it exits, then end the tab's session."""
        await super().run()
        try:
            if not self._drawn:
                await self.remote_write_bytes(NOT_STARTED)
            await self.remote_close()
        except ConnectionError:  # the tab went first
            pass


def request_is_ours(request: web.Request, *, public: bool) -> bool:
    """False for a request another web site's page made the browser send.

    A page from elsewhere can open a websocket to any address (browsers do not stop it),
    so one whose Origin is not this server's is refused. On the loopback address, a Host
    that is not a loopback name is refused too: that is a page of another site whose name
    was re-pointed at 127.0.0.1 (DNS rebinding), and its Origin matches its Host.
    """
    origin = request.headers.get("Origin")
    if origin is not None and urlsplit(origin).netloc != request.host:
        return False
    if public:
        return True
    return is_loopback(urlsplit(f"//{request.host}").hostname or "")


class KamServer(Server):
    """textual-serve's server for kam: one kam process per browser tab."""

    def __init__(self, command: str, sock: socket.socket, *, public: bool) -> None:
        host, port = sock.getsockname()[:2]
        super().__init__(command, host=host, port=port, title="kam", templates_path=PAGE_FOLDER)
        self._sock = sock
        self._public = public
        self._tabs: set[web.WebSocketResponse] = set()

    def initialize_logging(self) -> None:
        """textual-serve's log on the terminal, without a line per request: what each tab's
        kam reports and what was refused stay readable."""
        super().initialize_logging()
        logging.getLogger("aiohttp.access").setLevel(logging.WARNING)

    async def on_startup(self, app: web.Application) -> None:
        """Nothing to print: `kam serve` said where to go before serving."""

    async def on_shutdown(self, app: web.Application) -> None:
        """End every tab's session, so each tab's kam quits (saving as `q` does) before the
        server is gone, rather than aiohttp waiting for the tabs to go first."""
        for websocket in list(self._tabs):
            await websocket.close(code=WSCloseCode.GOING_AWAY, message=b"kam serve stopped")

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.middlewares.append(self._refuse_others)
        return app

    @web.middleware
    async def _refuse_others(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        if not request_is_ours(request, public=self._public):
            log.warning("refused a request from %s (Host %s)", request.remote, request.host)
            raise web.HTTPForbidden(text="kam serve: this page is not served to other sites")
        return await handler(request)

    @aiohttp_jinja2.template("app_index.html")
    async def handle_index(self, request: web.Request) -> dict[str, Any]:
        """The page, its addresses taken from the request (so a --public server is reached
        at the name the browser used, not at 0.0.0.0)."""
        return {
            "font_size": to_int(request.query.get("fontsize", "16"), 16),
            "app_websocket_url": f"ws://{request.host}/ws",
            "config": {"static": {"url": "/static/"}},
            "application": {"name": self.title},
        }

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """Run a kam for the tab that opened this websocket, until either ends."""
        websocket = web.WebSocketResponse(heartbeat=15)
        width = to_int(request.query.get("width", "80"), 80)
        height = to_int(request.query.get("height", "24"), 24)
        app_service: TabApp | None = None
        try:
            await websocket.prepare(request)
            self._tabs.add(websocket)
            app_service = TabApp(
                self.command,
                write_bytes=websocket.send_bytes,
                write_str=websocket.send_str,
                close=websocket.close,
                download_manager=self.download_manager,
                debug=self.debug,
            )
            await app_service.start(width, height)
            await self._process_messages(websocket, app_service)
        except asyncio.CancelledError:
            await websocket.close()
        except Exception as error:
            log.exception(error)
        finally:
            self._tabs.discard(websocket)
            if app_service is not None:
                await app_service.stop()
        return websocket

    def serve(self, debug: bool = False) -> None:
        """Serve on the bound socket until SIGINT or SIGTERM."""
        self.debug = debug
        self.initialize_logging()
        loop = asyncio.new_event_loop()
        loop.add_signal_handler(signal.SIGINT, self.request_exit)
        loop.add_signal_handler(signal.SIGTERM, self.request_exit)
        web.run_app(
            self._make_app(),
            sock=self._sock,
            handle_signals=False,
            loop=loop,
            print=lambda *args: None,
        )
