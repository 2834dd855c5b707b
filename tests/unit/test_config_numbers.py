"""The config's `numbers:` section: defaults, the example, every value read and refused."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from kam_tui.config.loader import load_config
from kam_tui.config.settings import ConfigError, Settings
from kam_tui.domain.portfolio import PortfolioSettings

EXAMPLE = Path(__file__).resolve().parents[2] / "config.example.yaml"


def load_text(tmp_path: Path, text: str) -> Settings:
    path = tmp_path / "config.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return load_config(path, required=True)


def refused(tmp_path: Path, text: str) -> ConfigError:
    with pytest.raises(ConfigError) as caught:
        load_text(tmp_path, text)
    return caught.value


def test_defaults_without_the_section(tmp_path: Path) -> None:
    assert load_text(tmp_path, "team: [Ana]\n").numbers == PortfolioSettings()
    assert load_text(tmp_path, "numbers:\n").numbers == PortfolioSettings()


def test_the_example_documents_the_defaults() -> None:
    settings = load_config(EXAMPLE, required=True)
    assert settings.numbers == PortfolioSettings()
    text = EXAMPLE.read_text(encoding="utf-8")
    for key in ("health_weights:", "concentration_bands:", "financial_worth:"):
        assert f"  {key}" in text
    assert "high_strategic_value:" in text


def test_every_key_is_read(tmp_path: Path) -> None:
    settings = load_text(
        tmp_path,
        """\
        numbers:
          health_weights: {contact: 2, margin: 1}
          concentration_bands: {spread: 0, "concentrated": 0.4}
          financial_worth: potential
          high_strategic_value: 5
          top_share_percent: 10
          target_margin: 0.5
          trend_points: 3
          won_status: won
          lost_status: Lost
        """,
    )
    numbers = settings.numbers
    assert dict(numbers.health_weights) == {
        "contact": 2.0,
        "satisfaction": 0.0,
        "plan": 0.0,
        "stakeholders": 0.0,
        "margin": 1.0,
    }
    assert numbers.concentration_bands == (("spread", 0.0), ("concentrated", 0.4))
    assert numbers.financial_worth == "potential"
    assert (numbers.high_strategic_value, numbers.top_share_percent) == (5, 10)
    assert (numbers.target_margin, numbers.trend_points) == (0.5, 3)
    assert numbers.won_status == "Won"  # as the pipeline spells it
    assert settings.positions["numbers.trend_points"] == (8, 3)


@pytest.mark.parametrize(
    ("body", "line", "column", "key_path", "words"),
    [
        ("  health_weights: {contact: -1}", 2, 29, "numbers.health_weights.contact", "from 0"),
        ("  health_weights: {contakt: 1}", 2, 20, "numbers.health_weights.contakt", "'contact'"),
        ("  health_weights: {contact: 0}", 2, 19, "numbers.health_weights", "above 0"),
        ("  health_weights: {contact: yes}", 2, 29, "numbers.health_weights.contact", "boolean"),
        ("  concentration_bands: {low: 0.1}", 2, 30, "numbers.concentration_bands.low", "at 0"),
        (
            "  concentration_bands: {low: 0, high: 0.3, mid: 0.2}",
            2,
            49,
            "numbers.concentration_bands.mid",
            "above 'high'",
        ),
        ("  concentration_bands: {}", 2, 24, "numbers.concentration_bands", "empty"),
        (
            "  concentration_bands: {low: 0, high: 2}",
            2,
            39,
            "numbers.concentration_bands.high",
            "to 1",
        ),
        ("  financial_worth: profits", 2, 20, "numbers.financial_worth", "'profit'"),
        ("  high_strategic_value: 6", 2, 25, "numbers.high_strategic_value", "1 to 5"),
        ("  top_share_percent: 20.5", 2, 22, "numbers.top_share_percent", "whole number"),
        ("  target_margin: 0", 2, 18, "numbers.target_margin", "above 0"),
        ("  trend_points: 1", 2, 17, "numbers.trend_points", "2 to 100"),
        ("  won_status: Signed", 2, 15, "numbers.won_status", "not a pipeline status"),
        ("  bogus: 1", 2, 3, "numbers.bogus", "unknown key"),
    ],
)
def test_wrong_values_are_refused_where_they_are(
    tmp_path: Path, body: str, line: int, column: int, key_path: str, words: str
) -> None:
    error = refused(tmp_path, f"numbers:\n{body}\n")
    assert (error.line, error.column, error.key_path) == (line, column, key_path)
    assert words in error.problem


def test_the_section_must_be_a_mapping(tmp_path: Path) -> None:
    error = refused(tmp_path, "numbers: [1, 2]\n")
    assert (error.line, error.key_path) == (1, "numbers")
    assert "mapping" in error.problem
