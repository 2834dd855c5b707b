"""The domain and the store stay free of the UI: importing them never loads textual."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import kam_tui.domain
import kam_tui.store


def test_domain_and_store_never_import_textual() -> None:
    modules = [
        info.name
        for package in (kam_tui.domain, kam_tui.store)
        for info in pkgutil.walk_packages(package.__path__, package.__name__ + ".")
    ]
    assert "kam_tui.store.repository" in modules and "kam_tui.domain.models" in modules
    script = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "leaked = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print(','.join(leaked))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""
