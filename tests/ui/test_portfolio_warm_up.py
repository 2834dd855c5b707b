"""The Portfolio's code is imported after the first paint, a module at a time, leaves first."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
import textwrap

import grimp

import kam_tui.domain.portfolio
import kam_tui.ui.portfolio
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
