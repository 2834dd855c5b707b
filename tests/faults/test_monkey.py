"""A monkey test: thousands of random keys in every view, no crash, and a sound store after."""

from __future__ import annotations

import asyncio
import os
import random
from pathlib import Path

import pytest

from kam_tui.cli.check import check_repository
from kam_tui.config.settings import Settings
from kam_tui.domain.clock import Clock
from kam_tui.store import Repository
from kam_tui.ui.app import KamApp

KEYS = int(os.environ.get("KAM_MONKEY_KEYS", "1200"))
"""How many random keys are pressed (raise it with KAM_MONKEY_KEYS for a longer run)."""

# Every key some view or dialog binds, plus typing. Quitting is left out (it ends the run);
# ctrl+c / ctrl+q likewise.
NAVIGATION = ["up", "down", "left", "right", "h", "j", "k", "l", "tab", "shift+tab", "home", "end"]
ACTIONS = [
    "enter",
    "escape",
    "escape",
    "space",
    "shift+right",
    "shift+left",
    "shift+up",
    "shift+down",
    "H",
    "L",
    "J",
    "K",
    "m",
    "n",
    "e",
    "d",
    "a",
    "v",
    "p",
    "x",
    "s",
    "o",
    "f",
    "r",
    "t",
    "u",
    "ctrl+r",
    "ctrl+s",
    "slash",
    "question_mark",
    "ctrl+p",
    "y",
    "left_square_bracket",
    "right_square_bracket",
    "backspace",
    "delete",
]
VIEWS = ["1", "2", "3", "4"]
TYPING = [*"abcxyz019 -.,", "A", "Z"]


def random_keys(rng: random.Random, count: int) -> list[str]:
    """Random keys, with a walk back out of dialogs into a random view every 50 keys."""
    pools = [(NAVIGATION, 5), (ACTIONS, 4), (VIEWS, 1), (TYPING, 3)]
    population = [pool for pool, weight in pools for _ in range(weight)]
    keys: list[str] = []
    while len(keys) < count:
        if len(keys) % 50 == 0:
            keys += ["escape", "escape", "escape", rng.choice(VIEWS), "enter"]
        keys.append(rng.choice(rng.choice(population)))
    return keys[:count]


@pytest.mark.parametrize("seed", [1, 2])
def test_random_keys_never_crash_the_app_nor_break_the_store(
    demo_repo: Repository,
    settings: Settings,
    clock: Clock,
    store_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    seed: int,
) -> None:
    monkeypatch.chdir(tmp_path)  # reports exported by the monkey land here
    rng = random.Random(seed)
    app = KamApp(demo_repo, settings, clock)
    app.animation_level = "none"
    pressed: list[str] = []
    screens_seen: set[str] = set()

    async def monkey() -> None:
        async with app.run_test(size=(100, 32)) as pilot:
            for key in random_keys(rng, KEYS // 2):
                pressed.append(key)
                await pilot.press(key)
                assert app.is_running, f"the app stopped after {pressed[-20:]}"
                screens_seen.add(type(app.screen).__name__)

    asyncio.run(monkey())
    # The monkey went everywhere, rather than sitting in one dialog all along.
    views = {"PipelineScreen", "ListsScreen", "TableScreen", "TeamScreen", "AccountScreen"}
    assert views <= screens_seen, f"never reached {views - screens_seen}"
    assert demo_repo.wait_saved(10)
    assert check_repository(demo_repo) == []
    demo_repo.close()
    reopened = Repository.open(store_path, demo_repo.schema, clock=clock)
    try:
        assert check_repository(reopened) == []
    finally:
        reopened.close()
