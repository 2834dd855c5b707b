"""Shared fixtures: a fixed clock, an isolated store and config, and the demo portfolio."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kam_tui.config.settings import Settings
from kam_tui.domain.clock import Clock, fixed_clock
from kam_tui.domain.demo import build_demo
from kam_tui.domain.schema import Schema
from kam_tui.store import Repository

FIXED_NOW = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
"""The moment every test and snapshot lives in."""


@pytest.fixture(autouse=True)
def isolated_folders(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Point every user folder and kam variable at a temporary place, never the real ones."""
    home = tmp_path_factory.mktemp("home")
    for name, sub in (
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_DATA_HOME", "data"),
        ("XDG_STATE_HOME", "state"),
        ("XDG_CACHE_HOME", "cache"),
    ):
        monkeypatch.setenv(name, str(home / sub))
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("KAM_DB", raising=False)
    monkeypatch.delenv("KAM_CONFIG", raising=False)


@pytest.fixture
def clock() -> Clock:
    """A clock stopped at FIXED_NOW."""
    return fixed_clock(FIXED_NOW)


@pytest.fixture
def schema() -> Schema:
    """The default schema."""
    return Schema()


@pytest.fixture
def settings(schema: Schema) -> Settings:
    """Default settings, as if no config file existed."""
    return Settings(schema=schema)


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    """Where the test's store lives."""
    return tmp_path / "store" / "kam.json"


@pytest.fixture
def repo(store_path: Path, schema: Schema, clock: Clock) -> Iterator[Repository]:
    """An empty, writable store."""
    repository = Repository.open(store_path, schema, clock=clock)
    yield repository
    repository.close()


@pytest.fixture
def demo_repo(repo: Repository, clock: Clock) -> Repository:
    """A store holding the demo portfolio (deterministic: fixed seed and clock)."""
    with repo.change("Loaded the demo portfolio") as change:
        build_demo(change, repo.schema, clock().date())
    repo.wait_saved(10)
    return repo
