"""A keymap that gives one key to two actions of one view is refused with file:line:column
naming both; the views the check knows are the focus chains the app really has."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from textual.dom import DOMNode
from textual.pilot import Pilot

from kam_tui.cli.main import main
from kam_tui.config.checks import validate_keymap
from kam_tui.config.loader import load_config
from kam_tui.config.settings import ConfigError, Settings
from kam_tui.domain.clock import Clock
from kam_tui.store import Repository
from kam_tui.ui.app import KamApp, known_binding_ids
from kam_tui.ui.keymap import FOCUS_CHAINS, binding_views, normalize_key, own_bindings
from kam_tui.ui.plan import PLAN_TABS


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
        ("  discard-save: k\n", (3, 3, "keymap.discard-save"), "the Discard dialog view"),
    ],
    ids=[
        "same-screen",
        "widget-and-screen",
        "app-and-screen",
        "tab",
        "normalised",
        "both-mapped",
        "dialog",
    ],
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


def test_every_class_with_bindings_is_in_a_focus_chain() -> None:
    """A screen, dialog or widget with bindings of its own but in no declared chain would
    have its keys left out of the check (a dialog the live walk below never opens)."""
    known_binding_ids()  # imports every screen, dialog and widget module
    declared = {part for chain in FOCUS_CHAINS.values() for part in chain}
    missing = sorted(
        f"{klass.__module__}.{klass.__name__}"
        for klass in all_subclasses(DOMNode)
        if klass.__module__.startswith("kam_tui.")
        and not issubclass(klass, KamApp)  # its bindings are in every view
        and "BINDINGS" in klass.__dict__
        and own_bindings(klass)
        and not any(issubclass(klass, part) or issubclass(part, klass) for part in declared)
    )
    assert missing == []


def all_subclasses(klass: type[DOMNode]) -> set[type[DOMNode]]:
    found: set[type[DOMNode]] = set()
    pending = [klass]
    while pending:
        for sub in pending.pop().__subclasses__():
            if sub not in found:
                found.add(sub)
                pending.append(sub)
    return found


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
            for key in "12345":
                await pilot.press(key)
                await settle(pilot)
                collect(app)
            await pilot.press("1")
            for tab in (
                "overview",
                "contacts",
                "activities",
                "deals",
                *(t for t, _, _ in PLAN_TABS),
            ):
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
