"""`kam serve` driven by a real headless Chromium: the page shows the Pipeline, a key moves
a card, the move is in the store, a second tab is told the store is held, and nothing is
fetched from the network."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from selenium import webdriver
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.support.wait import WebDriverWait
from serve.conftest import TERMINAL_HOOK, Served

WAIT_SECONDS = 30
"""A bound on waiting for the page, not a timed assertion."""

SCREEN = """
const terminal = window.kamTerminal;
if (!terminal) { return null; }
const lines = [];
for (let y = 0; y < terminal.rows; y++) {
  lines.push(terminal.buffer.active.getLine(y).translateToString(true));
}
return lines;
"""


def screen(driver: webdriver.Chrome) -> list[str]:
    """The lines the page's terminal shows."""
    lines: list[str] | None = driver.execute_script(SCREEN)
    return lines or []


def wait_for_text(driver: webdriver.Chrome, text: str) -> list[str]:
    """The terminal's lines once one of them shows `text`."""
    try:
        WebDriverWait(driver, WAIT_SECONDS).until(
            lambda _: any(text in line for line in screen(driver))
        )
    except TimeoutException:
        shown = "\n".join(screen(driver))
        raise AssertionError(f"the page never showed {text!r}; it shows:\n{shown}") from None
    return screen(driver)


def column_of(lines: list[str], name: str) -> str:
    """The Pipeline column (by its header on the first board line) whose cards show `name`."""
    header = next(line for line in lines if line.lstrip().startswith("Contacted"))
    row = next(line for line in lines if name in line)
    start = row.index(name)
    columns = [(header.index(key), key) for key in ("Contacted", "Demo provided", "Won")]
    return [key for at, key in columns if at <= start][-1]


def press(driver: webdriver.Chrome, keys: str) -> None:
    """Type into the terminal, as a user whose keyboard focus is on it."""
    driver.execute_script("document.querySelector('.xterm-helper-textarea').focus()")
    ActionChains(driver).send_keys(keys).perform()


def stored_accounts(served: Served) -> dict[str, dict[str, Any]]:
    """The store file's accounts by name, read as TinyDB wrote them."""
    table: dict[str, dict[str, Any]] = json.loads(served.store.read_text())["accounts"]
    return {record["name"]: record for record in table.values()}


def requested_urls(driver: webdriver.Chrome) -> set[str]:
    """Every address the page asked for (documents, scripts, styles, fonts, websockets)."""
    urls = set()
    for entry in driver.get_log("performance"):  # type: ignore[no-untyped-call]
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.add(message["params"]["request"]["url"])
        elif message["method"] == "Network.webSocketCreated":
            urls.add(message["params"]["url"])
    return urls


def test_the_browser_shows_the_pipeline_moves_a_card_and_the_store_keeps_it(
    served: Served, browser: webdriver.Chrome
) -> None:
    browser.get(served.url)
    lines = wait_for_text(browser, "Zephyr Browser Works")
    assert column_of(lines, "Zephyr Browser Works") == "Contacted"
    # Markup in a name is shown as typed, in the browser as in a terminal.
    assert column_of(lines, "Quarry [bold]Tools[/bold]") == "Won"

    press(browser, "L")
    WebDriverWait(browser, WAIT_SECONDS).until(
        lambda _: column_of(screen(browser), "Zephyr Browser Works") == "Demo provided",
        "L did not move the first card to the next column",
    )
    press(browser, "q")
    WebDriverWait(browser, WAIT_SECONDS).until(
        lambda _: "-closed" in browser.execute_script("return document.body.className"),
        "the tab never said its session ended after q",
    )
    # The app has quit, so its save is done: the move is in the file.
    accounts = stored_accounts(served)
    assert accounts["Zephyr Browser Works"]["status"] == "Demo provided"
    assert accounts["Quarry [bold]Tools[/bold]"]["status"] == "Won"

    own = urlsplit(served.url).netloc
    assert {urlsplit(url).netloc for url in requested_urls(browser)} == {own}


def test_a_second_tab_opens_the_store_read_only_and_says_why(
    served: Served, browser: webdriver.Chrome
) -> None:
    browser.get(served.url)
    wait_for_text(browser, "Zephyr Browser Works")
    first = browser.current_window_handle
    browser.switch_to.new_window("tab")
    browser.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": TERMINAL_HOOK})
    browser.get(served.url)
    # Each tab runs its own kam: the first holds the store, this one says it cannot write.
    lines = wait_for_text(browser, "Read-only")
    assert "Read-only: open in another kam (pid" in lines[0]
    press(browser, "L")
    lines = wait_for_text(browser, "Not moved")
    # The notification's lines, joined (a long store path is elided in its middle).
    toast = " ".join(
        " ".join(line.split("▌", 1)[1].rstrip(" ▕").split()) for line in lines if "▌" in line
    )
    assert toast.replace("- ", "-").strip().endswith("; this one is read-only")
    assert column_of(lines, "Zephyr Browser Works") == "Contacted"
    assert stored_accounts(served)["Zephyr Browser Works"]["status"] == "Contacted"
    browser.close()
    browser.switch_to.window(first)
    assert "Read-only" not in screen(browser)[0]


def test_a_tab_whose_kam_cannot_start_says_where_the_error_is(
    served: Served, browser: webdriver.Chrome
) -> None:
    served.store.unlink()  # after kam serve checked it: each tab's kam finds no store
    browser.get(served.url)
    lines = wait_for_text(browser, "kam did not start")
    assert "kam did not start: its message is in the terminal running kam serve." in lines
    WebDriverWait(browser, WAIT_SECONDS).until(
        lambda _: "-closed" in browser.execute_script("return document.body.className"),
        "the tab never said its session ended",
    )
    served.stop()
    assert f"kam: no store at {served.store}" in served.output()


def kam_processes_on(store: Path) -> list[str]:
    """The command lines of the running processes given `store` (each tab's kam)."""
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            arguments = cmdline.read_bytes().split(b"\0")
        except OSError:  # ended meanwhile
            continue
        if str(store).encode() in arguments and b"serve" not in arguments:
            found.append(b" ".join(arguments).decode(errors="replace"))
    return found


def test_stopping_the_server_ends_each_tab_and_its_kam(
    served: Served, browser: webdriver.Chrome
) -> None:
    browser.get(served.url)
    wait_for_text(browser, "Zephyr Browser Works")
    assert kam_processes_on(served.store)  # the tab's kam, so the check below can fail
    press(browser, "L")
    WebDriverWait(browser, WAIT_SECONDS).until(
        lambda _: column_of(screen(browser), "Zephyr Browser Works") == "Demo provided",
        "L did not move the first card to the next column",
    )
    served.stop()
    assert served.process.returncode == 0
    assert kam_processes_on(served.store) == []
    WebDriverWait(browser, WAIT_SECONDS).until(
        lambda _: "-closed" in browser.execute_script("return document.body.className"),
        "the tab never said its session ended",
    )
    assert stored_accounts(served)["Zephyr Browser Works"]["status"] == "Demo provided"
