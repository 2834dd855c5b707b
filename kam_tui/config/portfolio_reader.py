"""The config's `numbers:` section, which tunes the Portfolio figures, read and validated
with file:line:column errors like the rest of the config."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, cast

import yaml

from kam_tui.config.settings import ConfigError, suggest
from kam_tui.domain.portfolio.tuning import (
    FINANCIAL_WORTH_MEASURES,
    HEALTH_COMPONENTS,
    FinancialWorth,
    PortfolioSettings,
)

NUMBERS_KEYS = (
    "health_weights",
    "concentration_bands",
    "financial_worth",
    "high_strategic_value",
    "top_share_percent",
    "target_margin",
    "trend_points",
    "won_status",
    "lost_status",
)
MAX_WEIGHT = 1000
"""The largest health weight: only ratios matter, so a larger one is a typo."""
MAX_TREND_POINTS = 100


class NodeReader(Protocol):
    """What this module needs of the config's YAML reader."""

    def fail(self, node: yaml.Node, key_path: str, problem: str) -> ConfigError: ...
    def value(self, node: yaml.Node) -> object: ...
    def describe(self, node: yaml.Node) -> str: ...
    def is_null(self, node: yaml.Node) -> bool: ...
    def text(self, node: yaml.Node, key_path: str, expected: str) -> str: ...
    def mapping(
        self,
        node: yaml.Node | None,
        key_path: str,
        allowed: tuple[str, ...] | None,
        expected: str = "a mapping",
    ) -> dict[str, yaml.Node]: ...


def read_numbers(
    reader: NodeReader, node: yaml.Node | None, status_names: Sequence[str]
) -> PortfolioSettings:
    """The Portfolio settings of the `numbers:` node; the defaults for what it leaves out."""
    defaults = PortfolioSettings()
    if node is None or reader.is_null(node):
        return defaults
    entries = reader.mapping(node, "numbers", NUMBERS_KEYS, "a mapping of numbers settings")
    section = _Section(reader, entries)
    return PortfolioSettings(
        health_weights=section.weights(),
        concentration_bands=section.bands(),
        financial_worth=section.measure(),
        high_strategic_value=section.whole("high_strategic_value", 1, 5),
        top_share_percent=section.whole("top_share_percent", 1, 100),
        target_margin=section.fraction("target_margin"),
        trend_points=section.whole("trend_points", 2, MAX_TREND_POINTS),
        won_status=section.status("won_status", status_names),
        lost_status=section.status("lost_status", status_names),
    )


class _Section:
    """The entries of `numbers:`, each read with its own check."""

    def __init__(self, reader: NodeReader, entries: dict[str, yaml.Node]) -> None:
        self.reader = reader
        self.entries = entries
        self.defaults = PortfolioSettings()

    def number(self, node: yaml.Node, key_path: str, low: float, high: float) -> float:
        """An int or float from `low` to `high`, both included."""
        reader = self.reader
        value = reader.value(node) if isinstance(node, yaml.ScalarNode) else None
        if isinstance(value, int | float) and not isinstance(value, bool) and low <= value <= high:
            return float(value)
        problem = f"expected a number from {low:g} to {high:g}, got {reader.describe(node)}"
        raise reader.fail(node, key_path, problem)

    def whole(self, key: str, low: int, high: int) -> int:
        """A whole number from `low` to `high`, or the default."""
        node = self.entries.get(key)
        if node is None:
            return cast(int, getattr(self.defaults, key))
        reader = self.reader
        value = reader.value(node) if isinstance(node, yaml.ScalarNode) else None
        if isinstance(value, int) and not isinstance(value, bool) and low <= value <= high:
            return value
        problem = f"expected a whole number from {low} to {high}, got {reader.describe(node)}"
        raise reader.fail(node, f"numbers.{key}", problem)

    def fraction(self, key: str) -> float:
        """A number above 0 and at most 1, or the default."""
        node = self.entries.get(key)
        if node is None:
            return cast(float, getattr(self.defaults, key))
        value = self.number(node, f"numbers.{key}", 0.0, 1.0)
        if value == 0:
            raise self.reader.fail(node, f"numbers.{key}", "expected a number above 0, got 0")
        return value

    def weights(self) -> dict[str, float]:
        """Component -> weight; the components left out weigh 0; one must weigh more."""
        node = self.entries.get("health_weights")
        if node is None:
            return dict(self.defaults.health_weights)
        key_path = "numbers.health_weights"
        expected = "a mapping of health components to weights"
        given = self.reader.mapping(node, key_path, HEALTH_COMPONENTS, expected)
        weights = {name: 0.0 for name in HEALTH_COMPONENTS}
        for name, value_node in given.items():
            weights[name] = self.number(value_node, f"{key_path}.{name}", 0, MAX_WEIGHT)
        if not any(weights.values()):
            problem = f"expected at least one weight above 0 ({', '.join(HEALTH_COMPONENTS)})"
            raise self.reader.fail(node, key_path, problem)
        return weights

    def bands(self) -> tuple[tuple[str, float], ...]:
        """(name, lowest index) in rising order, the first at 0."""
        node = self.entries.get("concentration_bands")
        if node is None:
            return self.defaults.concentration_bands
        key_path = "numbers.concentration_bands"
        expected = "a mapping of band names to their lowest index, e.g. {low: 0, high: 0.25}"
        given = self.reader.mapping(node, key_path, None, expected)
        if not given:
            raise self.reader.fail(node, key_path, f"expected {expected}, got an empty mapping")
        bands: list[tuple[str, float]] = []
        for name, value_node in given.items():
            band_path = f"{key_path}.{name}"
            lowest = self.number(value_node, band_path, 0, 1)
            if not bands and lowest != 0:
                problem = (
                    f"the first band starts at 0 (every index falls in a band), got {lowest:g}"
                )
                raise self.reader.fail(value_node, band_path, problem)
            if bands and lowest <= bands[-1][1]:
                problem = f"expected a lowest index above {bands[-1][0]!r}'s {bands[-1][1]:g}"
                raise self.reader.fail(value_node, band_path, problem)
            bands.append((name.strip(), lowest))
        return tuple(bands)

    def measure(self) -> FinancialWorth:
        """revenue, profit or potential."""
        node = self.entries.get("financial_worth")
        if node is None:
            return self.defaults.financial_worth
        key_path = "numbers.financial_worth"
        expected = f"a measure ({', '.join(FINANCIAL_WORTH_MEASURES)})"
        measure = self.reader.text(node, key_path, expected)
        if measure not in FINANCIAL_WORTH_MEASURES:
            hint = suggest(measure, FINANCIAL_WORTH_MEASURES)
            raise self.reader.fail(node, key_path, f"expected {expected}, got {measure!r}{hint}")
        return cast(FinancialWorth, measure)

    def status(self, key: str, status_names: Sequence[str]) -> str:
        """A pipeline status of the config (compared ignoring case), or the default."""
        node = self.entries.get(key)
        if node is None:
            return cast(str, getattr(self.defaults, key))
        key_path = f"numbers.{key}"
        name = self.reader.text(node, key_path, "a pipeline status name")
        known = {status.casefold(): status for status in status_names}
        if name.casefold() not in known:
            problem = f"{name!r} is not a pipeline status{suggest(name, status_names)}"
            raise self.reader.fail(node, key_path, problem)
        return known[name.casefold()]
