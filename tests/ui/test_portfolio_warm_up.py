"""The Portfolio's code is imported after the first paint, a module at a time, leaves first;
its totals are computed ahead once the store is loaded, and kept up to date."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
import textwrap
from dataclasses import replace

import grimp
import pytest
from kam_testing import run_app
from textual.pilot import Pilot

import kam_tui.domain.portfolio
import kam_tui.ui.portfolio
from kam_tui.config.settings import Settings
from kam_tui.domain.clock import Clock
from kam_tui.services.portfolio import portfolio_of
from kam_tui.store import Repository
from kam_tui.ui.app import KamApp
from kam_tui.ui.portfolio import warm_up as warm_up_module
from kam_tui.ui.portfolio.kept import kept_totals
from kam_tui.ui.portfolio.screen import PortfolioScreen
from kam_tui.ui.portfolio.warm_up import MODULES

OWN = ("kam_tui.domain.portfolio", "kam_tui.ui.portfolio", "kam_tui.services.portfolio")
"""The modules whose order MODULES keeps (the view's own)."""


def test_every_module_of_the_view_is_imported_after_those_it_imports() -> None:
    packages = (kam_tui.domain.portfolio, kam_tui.ui.portfolio)
    modules = {
        info.name
        for package in packages
        for info in pkgutil.walk_packages(package.__path__, package.__name__ + ".")
    }
    assert modules - set(MODULES) == {"kam_tui.ui.portfolio.warm_up"}
    graph = grimp.build_graph("kam_tui")
    position = {name: index for index, name in enumerate(MODULES)}
    for name in MODULES:
        if not name.startswith(OWN):
            continue
        own_imports = {
            imported
            for imported in graph.find_modules_directly_imported_by(name)
            if imported.startswith(OWN)
        }
        assert all(position[imported] < position[name] for imported in own_imports), name


def test_the_app_imports_the_view_after_its_first_paint() -> None:
    script = textwrap.dedent(
        """
        import asyncio, sys, tempfile
        from pathlib import Path
        from kam_tui.config.settings import Settings
        from kam_tui.store import Repository
        from kam_tui.ui.app import KamApp

        VIEW = "kam_tui.ui.portfolio.screen"

        async def main() -> None:
            settings = Settings()
            store = Path(tempfile.mkdtemp()) / "kam.json"
            repository = Repository.open(store, settings.schema)
            app = KamApp(repository, settings)
            async with app.run_test() as pilot:
                print("before first paint:", VIEW in sys.modules)
                for _ in range(400):
                    if VIEW in sys.modules:
                        break
                    await pilot.pause(0.02)
                print("later:", VIEW in sys.modules)
            repository.close(timeout=None)

        asyncio.run(main())
        """
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split("\n")[:2] == ["before first paint: False", "later: True"]


def test_the_totals_are_ready_before_the_first_open_and_follow_changes(
    demo_repo: Repository, settings: Settings, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(warm_up_module, "STEP_SECONDS", 0.001)

    async def scenario(app: KamApp, pilot: Pilot[None]) -> None:
        kept = kept_totals(app)
        for _ in range(500):
            if kept.ledger is not None:
                break
            await pilot.pause(0.01)
        assert kept.ledger is not None  # computed ahead, the view never opened
        revenue = portfolio_of(app.workspace).totals.revenue
        account = app.workspace.accounts()[0]
        grown = replace(account, annual_revenue=account.annual_revenue + 123_00)
        assert app.workspace.save(grown).refusal is None
        assert kept.changed == {account.id}
        await pilot.press("5")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PortfolioScreen) and screen.portfolio is not None
        assert screen.portfolio.totals.revenue == revenue + 123_00
        fresh = portfolio_of(app.workspace)
        assert (screen.portfolio.totals, screen.portfolio.by_manager) == (
            fresh.totals,
            fresh.by_manager,
        )
        assert kept.changed == set()

    run_app(demo_repo, settings, clock, scenario)
