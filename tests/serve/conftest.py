"""`kam serve` in a child process on a temporary store, and a headless Chromium to drive it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

from kam_tui.config.settings import Settings
from kam_tui.domain.models import Account
from kam_tui.domain.schema import Schema
from kam_tui.services import Workspace
from kam_tui.store import Repository

ACCOUNTS = (("Zephyr Browser Works", "Contacted"), ("Quarry [bold]Tools[/bold]", "Won"))
"""The served store's accounts (name, status): one card on the Pipeline's first column."""

TERMINAL_HOOK = """
Object.defineProperty(Object.prototype, "terminal", {
  configurable: true,
  set(value) {
    Object.defineProperty(this, "terminal", {
      value, writable: true, configurable: true, enumerable: true,
    });
    if (value && value.buffer && value.buffer.active) { window.kamTerminal = value; }
  },
});
"""
"""Run before the page's scripts: textual.js keeps its xterm.js terminal in a `terminal`
property of an object it never exposes; this catches it, so a test reads the terminal's own
buffer (the text it draws on a canvas, absent from the DOM)."""


def served_store(folder: Path) -> Path:
    """A store holding ACCOUNTS, closed (unlocked) for the server's tabs."""
    path = folder / "kam.json"
    repository = Repository.open(path, Schema())
    workspace = Workspace(repository, Settings())
    try:
        for name, status in ACCOUNTS:
            saved = workspace.save(Account(name=name, status=status, lifecycle="New"))
            assert saved.value is not None
    finally:
        repository.close()
    return path


class Served:
    """`kam serve --port 0` on a store: `url` is where it listens."""

    def __init__(self, store: Path, *options: str) -> None:
        self.store = store
        command = [sys.executable, "-m", "kam_tui.cli.main", "--db", str(store), "serve"]
        self.process = subprocess.Popen(
            [*command, "--port", "0", *options],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert self.process.stdout is not None
        self.head = ""
        """What the server printed up to its address (its last line before serving)."""
        line = "-"
        while line and "http://" not in line:  # ends when the server listens or exits
            line = self.process.stdout.readline()
            self.head += line
        if "http://" not in line:
            self.stop()
            raise AssertionError(f"kam serve did not start: {self.head}{self.errors()}")
        self.url = line.split("open ", 1)[1].split(" ", 1)[0]

    def errors(self) -> str:
        """What the server wrote to stderr (once stopped)."""
        assert self.process.stderr is not None
        return self.process.stderr.read() if self.process.poll() is not None else ""

    def output(self) -> str:
        """What the server wrote to stdout (once stopped); textual-serve passes on there what
        each tab's kam wrote to stderr."""
        assert self.process.stdout is not None
        return self.head + (self.process.stdout.read() if self.process.poll() is not None else "")

    def stop(self) -> None:
        """SIGTERM, as a user's Ctrl-C or a service manager would."""
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    """kam serve on a store holding ACCOUNTS."""
    server = Served(served_store(tmp_path))
    yield server
    server.stop()


def chromium_paths() -> tuple[str, str] | None:
    """Debian's chromium and its chromedriver, when both are installed."""
    browser = shutil.which("chromium")
    driver = shutil.which("chromedriver")
    return (browser, driver) if browser and driver else None


@pytest.fixture
def browser() -> Iterator[webdriver.Chrome]:
    """A headless Chromium that logs every request the page makes."""
    paths = chromium_paths()
    if paths is None:
        if os.environ.get("CI") == "true":  # .ci/run installs them: a missing one is a failure
            pytest.fail("chromium or chromium-driver is missing on CI (.ci/run installs them)")
        pytest.skip("chromium and chromium-driver are not installed (apt-get install both)")
    options = webdriver.ChromeOptions()
    options.binary_location = paths[0]
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage"):
        options.add_argument(argument)
    options.add_argument("--window-size=1400,1000")
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(paths[1]))
    try:
        driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": TERMINAL_HOOK})
        yield driver
    finally:
        driver.quit()
