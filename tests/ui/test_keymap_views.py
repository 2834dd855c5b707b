"""A keymap that gives one key to two actions of one view is refused with file:line:column
naming both; the views the check knows are the focus chains the app really has."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from textual.dom import DOMNode
from textual.pilot import Pilot

from kam_tui.app import KamApp, known_binding_ids
from kam_tui.binding_views import FOCUS_CHAINS, binding_views, normalize_key, own_bindings
from kam_tui.cli import main
from kam_tui.config import ConfigError, Settings, load_config, validate_keymap
from kam_tui.domain.clock import Clock
from kam_tui.store import Repository
from kam_tui.widgets.plan import PLAN_TABS


def keymap_config(tmp_path: Path, entries: str) -> Settings:
    path = tmp_path / "config.yaml"
    path.write_text("team: [Alice]\nkeymap:\n" + entries)
    return load_config(path, required=True)


def check(settings: Settings) -> None:
    validate_keymap(settings, known_binding_ids(), binding_views(), normalize_key)


def refusal(tmp_path: Path, entries: str) -> ConfigError:
    with pytest.raises(ConfigError) as caught:
        check(keymap_config(tmp_path, entries))
    return caught.value


@pytest.mark.parametrize(
    ("entries", "where", "message"),
    [
        (
            "  delete-account: m\n",
            (3, 3, "keymap.delete-account"),
            "key 'm' of 'delete-account' (Delete) is also the key of 'move-card-to' (Move to, "
            "its default) in the Pipeline board view, where only one of them can have it",
        ),
        ("  move-card-right: d\n", (3, 3, "keymap.move-card-right"), "'delete-account'"),
        ("  quit: e\n", (3, 3, "keymap.quit"), "'edit-account'"),
        ("  contact-edit: a\n", (3, 3, "keymap.contact-edit"), "Account contacts view"),
        ("  filter-board: /\n", (3, 3, "keymap.filter-board"), "key 'slash'"),
        (
            "  new-account: z\n  delete-account: z\n",
            (4, 3, "keymap.delete-account"),
            "is also the key of 'new-account' (New, keymap.new-account at line 3)",
        ),
    ],
    ids=["same-screen", "widget-and-screen", "app-and-screen", "tab", "normalised", "both-mapped"],
)
def test_one_key_for_two_actions_of_a_view_is_refused(
    tmp_path: Path, entries: str, where: tuple[int, int, str], message: str
) -> None:
    error = refusal(tmp_path, entries)
    assert (error.line, error.column, error.key_path) == where
    assert error.path == tmp_path / "config.yaml"
    assert message in error.problem


@pytest.mark.parametrize(
    "entries",
    [
        "  delete-account: m\n  move-card-to: d\n",  # a swap
        "  contact-edit: e,enter\n",  # the defaults, which shadow the screen's e by design
        "  help: '?'\n",
        "  undo: z\n  view-table: f3\n",
    ],
    ids=["swap", "defaults", "same-key-as-default", "free-keys"],
)
def test_keymaps_without_a_clash_are_accepted(tmp_path: Path, entries: str) -> None:
    check(keymap_config(tmp_path, entries))


def test_the_app_does_not_start_on_a_clashing_keymap(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    started: list[KamApp] = []
    monkeypatch.setattr(KamApp, "run", lambda self: started.append(self))
    path = tmp_path / "config.yaml"
    path.write_text("keymap:\n  delete-account: m\n")
    code = main(["--config", str(path), "--db", str(tmp_path / "kam.json"), "--new"])
    assert code == 2 and started == []
    assert f"kam: bad config: {path}:2:3: keymap.delete-account: key 'm'" in capsys.readouterr().err


def live_chain(node: DOMNode) -> tuple[type[DOMNode], ...]:
    """The classes with bindings from the screen down to `node`."""
    chain = [node, *node.ancestors]
    return tuple(
        type(part)
        for part in reversed(chain)
        if not isinstance(part, KamApp) and own_bindings(type(part))
    )


def declared(chain: tuple[type[DOMNode], ...]) -> bool:
    """True when a declared focus chain holds each of these classes (or a base of it)."""
    return any(
        all(any(issubclass(part, known_part) for known_part in known) for part in chain)
        for known in FOCUS_CHAINS.values()
    )


def test_every_focus_chain_of_the_app_is_declared(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    seen: set[tuple[type[DOMNode], ...]] = set()

    def collect(app: KamApp) -> None:
        for widget in app.screen.focus_chain:
            chain = live_chain(widget)
            if chain:
                seen.add(chain)

    async def scenario() -> None:
        app = KamApp(demo_repo, settings, clock)
        app.animation_level = "none"
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            for key in "1234":
                await pilot.press(key)
                await settle(pilot)
                collect(app)
            await pilot.press("1")
            for tab in ("overview", "contacts", "activities", *(t for t, _, _ in PLAN_TABS)):
                app.open_account(4, tab)
                await settle(pilot)
                collect(app)
                await pilot.press("escape")
                await settle(pilot)

    asyncio.run(scenario())
    assert len(seen) >= 10
    undeclared = sorted(
        " > ".join(c.__name__ for c in chain) for chain in seen if not declared(chain)
    )
    assert undeclared == []


async def settle(pilot: Pilot[None]) -> None:
    await pilot.pause()
    await pilot.pause()
