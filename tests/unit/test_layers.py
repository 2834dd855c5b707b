"""The layers: the domain and the store never load textual, and kam_tui has no new import cycle."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from collections.abc import Iterator

import grimp

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


"""The imports that lie on an import cycle in kam_tui today, each as "importer -> imported".

Issue 15 removes them; delete a line when its import no longer closes a cycle, and empty
the set when none is left. The test asserts the set is exactly what it finds, so a new
cycle fails and a removed one fails until its line goes.
"""


def _strongly_connected(graph: grimp.ImportGraph) -> list[set[str]]:
    """The groups of two or more modules that import one another (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[set[str]] = []

    def imported_by(module: str) -> Iterator[str]:
        return iter(sorted(graph.find_modules_directly_imported_by(module)))

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)

    for root in sorted(graph.modules):
        if root in index:
            continue
        visit(root)
        work = [(root, imported_by(root))]
        while work:
            module, children = work[-1]
            for child in children:
                if child not in index:
                    visit(child)
                    work.append((child, imported_by(child)))
                    break
                if child in on_stack:
                    low[module] = min(low[module], index[child])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[module])
                if low[module] == index[module]:
                    group: set[str] = set()
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        group.add(member)
                        if member == module:
                            break
                    if len(group) > 1:
                        groups.append(group)
    return groups


def cycle_imports(graph: grimp.ImportGraph) -> set[str]:
    """Every import whose imported module imports its importer back, directly or not."""
    found: set[str] = set()
    for group in _strongly_connected(graph):
        for importer in group:
            for imported in graph.find_modules_directly_imported_by(importer) & group:
                found.add(f"{importer} -> {imported}")
    return found


def test_cycle_imports_of_a_small_graph() -> None:
    graph = grimp.ImportGraph()
    for importer, imported in [("a", "b"), ("b", "c"), ("c", "a"), ("c", "d"), ("d", "e")]:
        graph.add_import(importer=importer, imported=imported)
    graph.add_import(importer="e", imported="d")
    assert cycle_imports(graph) == {"a -> b", "b -> c", "c -> a", "d -> e", "e -> d"}


def test_no_import_cycles() -> None:
    """No import cycle in kam_tui; function-local and TYPE_CHECKING imports count, since
    either closes a cycle of dependencies (a type in the wrong module)."""
    graph = grimp.build_graph("kam_tui", exclude_type_checking_imports=False)
    found = sorted(cycle_imports(graph))
    assert not found, "imports that close a cycle:\n" + "\n".join(found)
